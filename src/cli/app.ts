// The CLI's flow: parse, start the target, call the runner, render, write, choose the exit code.
// Everything outside (streams, files, signals, clock, the runner and target modules) comes in
// through `CliIO` and `CliDeps`, so the flow runs in tests with fakes; main.ts wires the real ones.
import { toJsonl } from '../history/index.js';
import { runCheckHistory } from './check-history.js';
import * as path from 'node:path';
import { REPORT_FILES, renderText, renderers, type ReportKind } from '../report/index.js';
import type { ProgressEvent, RunReport } from '../runner/types.js';
import type { Strictness } from '../spec/types.js';
import type { Launcher, RunningTarget, TargetProfile } from '../target/types.js';
import { parseCli, quote, resolveSuites, targetArgs, type RunCliOptions, type SuiteTable } from './args.js';
import { createProgress, type Progress, type ProgressStream } from './progress.js';
import type { RenderExtras } from '../report/index.js';
import { withinBaseline } from '../runner/baseline.js';
import { applyRunBaseline } from './baseline.js';
import { runMatrixCommand } from './matrix.js';
import { loadStackOutputs, runCheckSettings } from './settings.js';
import type { ProvidedQueues } from '../runner/stack-outputs.js';
import { runSimulate } from './simulate.js';
import type { ServeCliOptions } from './args.js';
import type { ReferenceServer, ReferenceServerOptions } from '../server/index.js';

export const EXIT = { conformant: 0, divergent: 1, usage: 2, interrupted: 130 } as const;

/** What the CLI needs from src/runner (its `RunOptions` must accept this). */
export interface CliRunOptions {
  target: RunningTarget;
  /** --stack-outputs: provided queues the runner uses instead of creating queues. */
  providedQueues?: ProvidedQueues;
  suites: string[];
  seed: number;
  concurrency: number;
  strictness: Strictness;
  runs?: number;
  replay?: { property: string; path: string };
  timeBudgetMs?: number;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  /** How replay commands name the target, e.g. ` --target fauxqs` (as the user named it). */
  targetArgs?: string;
}

export interface RunnerApi {
  // Property syntax (not a method) so the runner's signature is checked strictly against it.
  runSuites: (options: CliRunOptions) => Promise<RunReport>;
  SUITES: SuiteTable;
}

export type EndpointTargetResult = { ok: true; target: RunningTarget } | { ok: false; error: string };

/** Work folder when neither --work-dir nor the target module names one. */
const DEFAULT_WORK_DIR = '.sqs-conformance';

/** What the CLI needs from src/target. */
export interface TargetApi {
  /** A launcher by name (reference, fauxqs, …), optionally with a profile overriding the shipped one. */
  launcherFor: (name: string, options?: { profile?: TargetProfile }) => Launcher | undefined;
  /** A target at an endpoint, checked reachable; the endpoint defaults to the profile's. Never throws. */
  endpointTarget: (o: { endpoint?: string; region?: string; profile?: string | TargetProfile }) => Promise<EndpointTargetResult>;
  /** A shipped profile by name; throws a one-line error for an unknown name. */
  loadProfile?: (name: string) => TargetProfile;
  /** Where launchers install peers and keep logs when --work-dir is not given. */
  defaultWorkDir?: () => string;
  /** Every launcher that starts a server itself (the matrix runs them all). */
  launcherNames?: readonly string[];
}

export interface CliDeps {
  version: string;
  loadRunner(): Promise<RunnerApi>;
  loadTargets(): Promise<TargetApi>;
  /** The reference server for `serve` (default: src/server, imported when needed). */
  loadServer?(): Promise<ServerApi>;
}

export interface CliIO {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: Record<string, string | undefined>;
  cwd: string;
  now(): number;
  randomSeed(): number;
  mkdir(dir: string): Promise<void>;
  writeFile(file: string, content: string): Promise<void>;
  /** Subscribes to SIGINT/SIGTERM; returns the unsubscribe function. */
  onSignal(handler: (signal: string) => void): () => void;
  /** Leaves at once (a second Ctrl-C). */
  exitNow(code: number): void;
  /** Reads a UTF-8 file (baselines); rejects with `code: 'ENOENT'` when it does not exist. */
  readFile?(file: string): Promise<string>;
  /** Wall-clock ms since the epoch (dates in baselines and the scoreboard); default Date.now. */
  wallClock?(): number;
  /** Cores available (how many matrix targets run at once by default). */
  cpus?(): number;
}

const PREFIX = 'sqs-conformance';

function errorLine(io: CliIO, message: string): void {
  const line = message.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  io.stderr.write(`${PREFIX}: error: ${line}\n`);
}

function messageOf(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Colours on stdout: asked for, NO_COLOR unset, and a terminal (or FORCE_COLOR). */
export function useColor(flag: boolean, isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY === true && env.TERM !== 'dumb';
}

/** 0 conformant, 1 divergent, 2 when the run could not decide (unknown verdict). */
export function exitCodeFor(verdict: RunReport['verdict']): number {
  switch (verdict) {
    case 'conformant':
      return EXIT.conformant;
    case 'divergent':
      return EXIT.divergent;
    case 'unknown':
      return EXIT.usage;
  }
}

export async function runCli(argv: readonly string[], io: CliIO, deps: CliDeps): Promise<number> {
  const cmd = parseCli(argv, deps.version);
  switch (cmd.kind) {
    case 'print':
      io.stdout.write(cmd.text.endsWith('\n') ? cmd.text : `${cmd.text}\n`);
      return 0;
    case 'error':
      errorLine(io, cmd.error);
      return EXIT.usage;
    case 'suites':
      return listSuites(io, deps);
    case 'run':
      return run(cmd.options, io, deps);
    case 'serve':
      return serve(cmd.options, io, deps);
    case 'matrix':
      return runMatrixCommand(cmd.options, io, deps);
    case 'check-settings':
      return runCheckSettings(cmd.options, io, deps);
    case 'simulate':
      return runSimulate(cmd.options, io, deps);
    case 'check':
      return runCheckHistory(cmd.options, io, deps);
  }
}

async function loadRunner(io: CliIO, deps: CliDeps): Promise<RunnerApi | undefined> {
  try {
    return await deps.loadRunner();
  } catch (e) {
    errorLine(io, `cannot load the runner: ${messageOf(e)}`);
    return undefined;
  }
}

async function listSuites(io: CliIO, deps: CliDeps): Promise<number> {
  const runner = await loadRunner(io, deps);
  if (!runner) return EXIT.usage;
  const lines: string[] = [];
  for (const [name, s] of Object.entries(runner.SUITES)) {
    lines.push(`${name}  ${s.description}`);
    for (const p of s.properties) lines.push(`  ${p}`);
  }
  io.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

type Started = { ok: true; target: RunningTarget } | { ok: false; error: string; log?: { file: string; tail: string[] } };

async function startTarget(options: RunCliOptions, io: CliIO, deps: CliDeps, progress: Progress): Promise<Started> {
  let targets: TargetApi;
  try {
    targets = await deps.loadTargets();
  } catch (e) {
    return { ok: false, error: `cannot load the target support: ${messageOf(e)}` };
  }
  if (options.endpoint !== undefined) {
    try {
      const r = await targets.endpointTarget({ endpoint: options.endpoint, ...(options.region !== undefined ? { region: options.region } : {}) });
      return r.ok ? { ok: true, target: r.target } : { ok: false, error: r.error };
    } catch (e) {
      return { ok: false, error: `endpoint ${options.endpoint}: ${messageOf(e)}` };
    }
  }
  const name = options.target ?? 'reference';
  let launcher = targets.launcherFor(name);
  if (!launcher) {
    // Not a launcher: a profile of that name, started by its launcher or reached at its endpoint.
    let profile: TargetProfile | undefined;
    try {
      profile = targets.loadProfile?.(name);
    } catch (e) {
      return { ok: false, error: messageOf(e) };
    }
    if (!profile) return { ok: false, error: `unknown target ${quote(name)}` };
    if (profile.launcher !== undefined) launcher = targets.launcherFor(profile.launcher, { profile });
    if (!launcher) {
      try {
        const r = await targets.endpointTarget({ profile });
        return r.ok ? { ok: true, target: r.target } : { ok: false, error: `target ${quote(name)}: ${r.error}` };
      } catch (e) {
        return { ok: false, error: `target ${quote(name)}: ${messageOf(e)}` };
      }
    }
  }
  const workDir =
    options.workDir !== undefined ? path.resolve(io.cwd, options.workDir) : (targets.defaultWorkDir?.() ?? path.resolve(io.cwd, DEFAULT_WORK_DIR));
  try {
    await io.mkdir(workDir);
    const target = await launcher.start({ workDir, log: (line) => progress.log(`[${name}] ${line}`) });
    return { ok: true, target };
  } catch (e) {
    // A launcher's TargetError carries the end of the peer's log: show it with the error.
    const log = (e as { log?: { file?: unknown; tail?: unknown } }).log;
    const withLog = log && typeof log.file === 'string' && Array.isArray(log.tail) ? { log: { file: log.file, tail: log.tail.map(String) } } : {};
    return { ok: false, error: `target ${quote(name)} failed to start: ${messageOf(e)}`, ...withLog };
  }
}

async function run(options: RunCliOptions, io: CliIO, deps: CliDeps): Promise<number> {
  const runner = await loadRunner(io, deps);
  if (!runner) return EXIT.usage;
  const suites = resolveSuites(options, runner.SUITES);
  if (!suites.ok) {
    errorLine(io, suites.error);
    return EXIT.usage;
  }
  const seed = options.seed ?? io.randomSeed();
  const progress = createProgress(io.stderr, io.now);

  const controller = new AbortController();
  let interrupted = false;
  const unsubscribe = io.onSignal((signal) => {
    if (interrupted) {
      progress.log(`${PREFIX}: ${signal} again: leaving without cleanup`);
      io.exitNow(EXIT.interrupted);
      return;
    }
    interrupted = true;
    progress.log(`${PREFIX}: ${signal}: stopping and cleaning up queues (again to quit at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
  });

  try {
    progress.log(`${PREFIX}: seed ${seed} (rerun with --seed ${seed})`);
    let provided: ProvidedQueues | undefined;
    if (options.stackOutputs !== undefined) {
      const r = await loadStackOutputs(options, io.cwd);
      if (!r.ok) {
        progress.done();
        errorLine(io, r.error);
        return EXIT.usage;
      }
      options = r.options;
      provided = r.provided;
    }
    const started = await startTarget(options, io, deps, progress);
    if (!started.ok) {
      progress.done();
      if (interrupted) return EXIT.interrupted;
      errorLine(io, started.error);
      if (started.log) io.stderr.write(`${PREFIX}: last lines of ${started.log.file}:\n${started.log.tail.map((l) => `  | ${l}\n`).join('')}`);
      return EXIT.usage;
    }
    const target = started.target;
    if (interrupted) {
      await stopQuietly(target, progress);
      progress.done();
      return EXIT.interrupted;
    }

    let report: RunReport;
    try {
      const runOptions: CliRunOptions = {
        target,
        suites: suites.value,
        seed,
        concurrency: options.concurrency,
        strictness: options.strictness ?? target.profile.defaultStrictness,
        onProgress: (e) => progress.event(e),
        signal: controller.signal,
        targetArgs: targetArgs(options),
      };
      if (options.runs !== undefined) runOptions.runs = options.runs;
      if (provided) runOptions.providedQueues = provided;
      if (options.replay !== undefined) runOptions.replay = options.replay;
      if (options.timeBudgetMs !== undefined) runOptions.timeBudgetMs = options.timeBudgetMs;
      report = await runner.runSuites(runOptions);
    } catch (e) {
      await stopQuietly(target, progress);
      progress.done();
      if (interrupted) {
        errorLine(io, 'interrupted before any result');
        return EXIT.interrupted;
      }
      errorLine(io, `the run failed: ${messageOf(e)}`);
      return EXIT.usage;
    }
    await stopQuietly(target, progress);
    progress.done();

    // --baseline: compare (after rewriting it with --update-baseline, never from an interrupted run).
    const extras: RenderExtras = {};
    if (options.baseline !== undefined) {
      const b = await applyRunBaseline(report, options.baseline, options.updateBaseline === true && !interrupted, io);
      if (!b.ok) {
        errorLine(io, b.error);
        return EXIT.usage;
      }
      extras.baseline = b.comparison;
      if (b.written) io.stderr.write(`${PREFIX}: baseline ${b.written.file} rewritten: ${b.written.note}\n`);
    }
    if (options.reports.includes('text')) {
      io.stdout.write(renderText(report, { ...extras, color: useColor(options.color, io.stdout.isTTY, io.env) }));
    }
    const written = await writeReports(report, options.reports, path.resolve(io.cwd, options.out), io, extras);
    if (!written.ok) {
      errorLine(io, written.error);
      return EXIT.usage;
    }
    io.stderr.write(`${PREFIX}: reports in ${written.dir}: ${written.files.join(', ')}\n`);
    if (interrupted) {
      io.stderr.write(`${PREFIX}: interrupted: the reports cover only what ran\n`);
      return EXIT.interrupted;
    }
    if (extras.baseline) {
      // Outside the baseline (new, or listed and vanished): 1; else undecided: 2; else 0.
      if (!withinBaseline(extras.baseline)) return EXIT.divergent;
      return report.verdict === 'unknown' ? EXIT.usage : EXIT.conformant;
    }
    return exitCodeFor(report.verdict);
  } finally {
    unsubscribe();
  }
}

async function stopQuietly(target: RunningTarget, progress: Progress): Promise<void> {
  try {
    await target.stop();
  } catch (e) {
    progress.log(`${PREFIX}: warning: stopping the target failed: ${messageOf(e)}`);
  }
}

async function writeReports(
  report: RunReport,
  kinds: readonly ReportKind[],
  dir: string,
  io: CliIO,
  extras: RenderExtras = {},
): Promise<{ ok: true; dir: string; files: string[] } | { ok: false; error: string }> {
  try {
    await io.mkdir(dir);
    const files: string[] = [];
    for (const kind of kinds) {
      const file = REPORT_FILES[kind];
      await io.writeFile(path.join(dir, file), renderers[kind](report, extras));
      files.push(file);
    }
    // Each counterexample's history, for `sqs-conformance check histories/<property>.jsonl`.
    const withHistory = report.properties.filter((p) => p.counterexample);
    if (withHistory.length > 0) {
      await io.mkdir(path.join(dir, 'histories'));
      for (const p of withHistory) {
        const file = path.join('histories', `${p.property.replace(/[^A-Za-z0-9#._-]/g, '_')}.jsonl`);
        await io.writeFile(path.join(dir, file), toJsonl(p.counterexample!.history));
        files.push(file);
      }
    }
    return { ok: true, dir, files };
  } catch (e) {
    return { ok: false, error: `cannot write the reports to ${dir}: ${messageOf(e)}` };
  }
}

/** What `serve` needs from src/server. */
export interface ServerApi {
  startReferenceServer: (options: ReferenceServerOptions) => Promise<ReferenceServer>;
}

/**
 * `serve`: the reference server as a local SQS until SIGINT/SIGTERM, then a clean stop (exit 0).
 * The URL goes to stdout (one line, for scripts); server log lines go to stderr. A port in use or
 * an address that cannot be bound is one error line and exit 2.
 */
async function serve(options: ServeCliOptions, io: CliIO, deps: CliDeps): Promise<number> {
  let api: ServerApi;
  try {
    api = deps.loadServer ? await deps.loadServer() : await import('../server/index.js');
  } catch (e) {
    errorLine(io, `cannot load the reference server: ${messageOf(e)}`);
    return EXIT.usage;
  }
  let signalled: (signal: string) => void = () => {};
  const stopSignal = new Promise<string>((resolve) => {
    signalled = resolve;
  });
  let stopping = false;
  const unsubscribe = io.onSignal((signal) => {
    if (stopping) {
      io.stderr.write(`${PREFIX}: ${signal} again: leaving at once\n`);
      io.exitNow(EXIT.interrupted);
      return;
    }
    stopping = true;
    signalled(signal);
  });
  try {
    let server: ReferenceServer;
    try {
      server = await api.startReferenceServer({
        port: options.port,
        host: options.host,
        // The listening line is printed below on stdout; the rest (internal failures) on stderr.
        log: (line) => {
          if (!line.startsWith('reference server listening')) io.stderr.write(`${PREFIX}: ${line.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
        },
      });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EADDRNOTAVAIL' ? 'the address is not on this machine' : messageOf(e);
      errorLine(io, `cannot listen on ${options.host}:${options.port}: ${why}`);
      return EXIT.usage;
    }
    io.stdout.write(`${PREFIX}: reference SQS server on ${server.url} (JSON 1.0 and Query; Ctrl-C to stop)\n`);
    const signal = await stopSignal;
    io.stderr.write(`${PREFIX}: ${signal}: stopping the reference server\n`);
    await server.stop();
    io.stderr.write(`${PREFIX}: stopped\n`);
    return 0;
  } finally {
    unsubscribe();
  }
}
