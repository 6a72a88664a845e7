// `matrix`: the selected suites against every peer (every launcher the target module names, the
// reference server included), a few targets at a time (src/runner/matrix.ts starts, runs and stops
// them); per target its reports, then scoreboard.{json,md,html}. With --baselines DIR each target is
// judged against DIR/<target>.json (a missing file is an empty baseline: everything is new);
// --update-baselines rewrites those files from what was observed.
// Exit 0 when every target is within its baseline (or conformant without baselines), 1 otherwise,
// 2 for usage and environment errors, 130 when interrupted.
import { Option, type Command, type OptionValues } from 'commander';
import * as path from 'node:path';
import { REPORT_FILES, REPORT_KINDS, renderScoreboardHtml, renderScoreboardJson, renderScoreboardMarkdown, renderScoreboardText, type ReportKind } from '../../report/index.js';
import { emptyBaseline, type Baseline } from '../../runner/baseline.js';
import { confirmDifferences, type RerunItem } from '../../runner/confirm.js';
import { buildScoreboard, compareAll, defaultParallel, rowTarget, runMatrix, type MatrixEvent, type MatrixPhase, type MatrixTargetResult } from '../../runner/matrix.js';
import type { RunReport, TargetRestart } from '../../runner/types.js';
import { withProtocol } from '../../target/protocols.js';
import type { Protocol, RunningTarget } from '../../target/types.js';
import { readBaselineFile, rewriteBaseline } from '../baseline.js';
import { EXIT, type CliDeps, type CliIO, type CommandDefinition, type Result, type TargetApi } from '../contracts.js';
import { fail, interruptible, messageOf, PREFIX, wallClock, writeFiles, type OutFile } from '../io.js';
import { checked, collect, err, ok, option, parseInteger, parseNames, parsePath, quote } from '../parse.js';
import { reportFiles } from '../report-files.js';
import { addSharedOptions, prepareRun, resolveProtocols, resolveSeed, runnerOptions, targetArgs, validateShared, type SharedDefaults, type SharedOptions } from '../run-options.js';
import { createProgress } from '../progress.js';
import { resolveWorkDir } from '../target.js';

export const MATRIX_DEFAULTS: SharedDefaults = { reports: REPORT_KINDS, out: './sqs-conformance-report/matrix' };
/** Where `--update-baselines` writes when --baselines is not given. */
export const DEFAULT_BASELINES_DIR = 'conformance/baselines';

export interface MatrixCommandOptions extends SharedOptions {
  /** Undefined: every launcher. */
  targets?: string[];
  /** Targets at once; undefined: one per core, at most 4. */
  parallel?: number;
  baselines?: string;
  updateBaselines: boolean;
}

function define(c: Command): void {
  c.description('run the suites against every peer (all launchers) and write one scoreboard').addOption(
    new Option('--targets <names>', 'launchers to run, comma-separated (default: all)').argParser(collect),
  );
  addSharedOptions(c, MATRIX_DEFAULTS)
    .addOption(new Option('--parallel <n>', 'targets run at once (default: one per core, at most 4)'))
    .addOption(new Option('--baselines <dir>', 'judge each target against <dir>/<target>.json'))
    .addOption(new Option('--update-baselines', `rewrite <dir>/<target>.json from what was observed (default dir ${DEFAULT_BASELINES_DIR})`));
}

/** Validates raw `matrix` options; the first problem found is the error. */
export function validateMatrixOptions(raw: OptionValues): Result<MatrixCommandOptions> {
  const shared = validateShared(raw, MATRIX_DEFAULTS);
  if (!shared.ok) return shared;
  const o: MatrixCommandOptions = { ...shared.value, updateBaselines: raw['updateBaselines'] === true };
  return checked(
    o,
    option(raw, 'targets', (v) => parseNames('--targets', v), (t) => (o.targets = t)) ??
      option(raw, 'parallel', (v) => parseInteger('--parallel', v, 1, 64), (n) => (o.parallel = n)) ??
      option(raw, 'baselines', (v) => parsePath('--baselines', v, 'folder'), (d) => (o.baselines = d)),
  );
}

export const matrixCommand: CommandDefinition<MatrixCommandOptions> = { name: 'matrix', define, validate: validateMatrixOptions, run: matrix };

/** The targets to run: those named (each must have a launcher), else every launcher. */
function targetNames(o: MatrixCommandOptions, targets: TargetApi): Result<string[]> {
  const names = o.targets ?? [...(targets.launcherNames ?? [])];
  if (names.length === 0) return err('no target to run (name them with --targets)');
  const unknown = names.filter((n) => n === 'endpoint' || targets.launcherFor(n) === undefined);
  if (unknown.length === 0) return ok(names);
  const known = targets.launcherNames ? ` (known: ${targets.launcherNames.join(', ')})` : '';
  return err(`--targets: no launcher for ${unknown.map(quote).join(', ')}${known}`);
}

interface Baselines {
  dir: string;
  /** Per target, its file relative to where the command runs. */
  files: Map<string, string>;
  loaded: Map<string, Baseline>;
}

/** Reads every target's baseline before anything starts, so a broken file is a usage error at once. */
async function readBaselines(o: MatrixCommandOptions, names: readonly string[], io: CliIO): Promise<Result<Baselines | undefined>> {
  const dir = o.baselines ?? (o.updateBaselines ? DEFAULT_BASELINES_DIR : undefined);
  if (dir === undefined) return ok(undefined);
  const b: Baselines = { dir, files: new Map(), loaded: new Map() };
  for (const name of names) {
    const rel = path.join(dir, `${name}.json`);
    const loaded = await readBaselineFile(path.resolve(io.cwd, rel), io);
    if (!loaded.ok) return loaded;
    b.files.set(name, rel);
    if (loaded.baseline) b.loaded.set(name, loaded.baseline);
    else if (!o.updateBaselines) io.stderr.write(`${PREFIX}: ${name}: no baseline at ${rel}: every divergence counts as new\n`);
  }
  return ok(b);
}

async function matrix(o: MatrixCommandOptions, io: CliIO, deps: CliDeps): Promise<number> {
  const p = await prepareRun(o, io, deps);
  if (!p) return EXIT.usage;
  const { suites, selection, runner, targets } = p;
  const names = targetNames(o, targets);
  if (!names.ok) return fail(io, names.error);
  const baselines = await readBaselines(o, names.value, io);
  if (!baselines.ok) return fail(io, baselines.error);

  const seed = resolveSeed(o, io);
  const parallel = o.parallel ?? defaultParallel(io.cpus?.());
  const workDir = resolveWorkDir(o.workDir, io, targets);
  const log = (line: string): void => void io.stderr.write(`${line.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  const stop = interruptible(io, log, 'stopping every target and cleaning up queues');
  try {
    log(`${PREFIX}: matrix of ${names.value.join(', ')}; suites ${selection.names.join(', ')}; seed ${seed} (rerun with --seed ${seed}); ${parallel} at a time`);
    try {
      await io.mkdir(workDir);
    } catch (e) {
      return fail(io, `cannot create the work folder ${workDir}: ${messageOf(e)}`);
    }
    const t0 = wallClock(io);
    const referenceTargets = new Set<string>();
    // A target's process: at the start, again after it died, and fresh for a confirmation rerun.
    const startPeer = (name: string): Promise<RunningTarget> => targets.launcherFor(name)!.start({ workDir, log: (line) => log(`[${name}] ${line}`) });
    // One run's options, for a first run and for a rerun alike (the same seed, suites and options).
    const optionsFor = (name: string, t: RunningTarget, p: Protocol | undefined, progress: ReturnType<typeof createProgress>) =>
      runnerOptions(o, selection, suites, t, { seed, signal: stop.signal, targetArgs: targetArgs({ target: name }) + (p === undefined ? '' : ` --protocol ${p}`), onProgress: (e) => progress.event(e) });
    const results = await runMatrix<RunningTarget>(names.value, parallel, {
      signal: stop.signal,
      now: () => wallClock(io),
      ...(targets.installPeer ? { install: (name: string) => installPeer(targets, name, workDir, log) } : {}),
      start: startPeer,
      run: async (name, target) => {
        // Each target's progress as plain lines (several run at once): start, tenths, failures,
        // shrinks and long waits with what they wait for.
        const progress = createProgress(io.stderr, io.now, { plain: true, prefix: `[${name}] ` });
        let current = target;
        // One run (over protocol `p` when given). A server process that died under it (goaws
        // v0.5.4 does, about one run in five: "concurrent map read and map write") is started
        // again and the run repeated, at most twice per run; the report says so, with the line of
        // the server's log that says why.
        const attempt = async (p?: Protocol): Promise<RunReport> => {
          const restarts: TargetRestart[] = [];
          let restartsLeft = MAX_RESTARTS;
          for (;;) {
            let report: RunReport | undefined;
            let failure: unknown;
            try {
              const t = p === undefined ? current : withProtocol(current, p);
              report = await runner.runSuites(optionsFor(name, t, p, progress));
            } catch (e) {
              failure = e;
            }
            const died = failure !== undefined || report?.stopped?.reason === 'target-down' ? current.exited?.() : undefined;
            if (!died || restartsLeft === 0 || stop.interrupted()) {
              if (report === undefined) throw failure;
              return restarts.length > 0 ? { ...report, restarts } : report;
            }
            restartsLeft--;
            restarts.push({ why: `exited (${died.how})`, log: died.log });
            log(`[${name}] the server exited (${died.how}) during the run${p === undefined ? '' : ` over ${p}`}; its log says: ${whyInLog(died.log.tail)}; starting it again and repeating that run (${MAX_RESTARTS - restartsLeft} of at most ${MAX_RESTARTS})`);
            await current.stop().catch(() => {});
            current = await startPeer(name);
          }
        };
        // Differences from a baseline are confirmed later, once every target has run (below).
        if (target.profile.launcher === 'reference') referenceTargets.add(name);
        try {
          if (o.protocol === undefined) return await attempt();
          // One row per protocol the peer speaks (issue 12: --protocol both), the peer started once.
          const protocols = resolveProtocols(o.protocol, target.profile);
          for (const p of protocols.skipped) log(`[${name}] does not speak ${p}: no ${p} row`);
          const reports: RunReport[] = [];
          for (const p of protocols.run) {
            if (stop.interrupted()) break;
            reports.push(await attempt(p));
          }
          return reports;
        } finally {
          progress.done();
          // A restarted server is this hook's to stop (the matrix stops the one it started).
          if (current !== target) await current.stop().catch(() => {});
        }
      },
      onEvent: (e) => logEvent(e, log),
    });
    if (baselines.value && !o.updateBaselines && o.confirm !== 0) {
      await confirmRows(results, {
        baselines: baselines.value.loaded,
        times: o.confirm,
        skip: (name) => referenceTargets.has(name),
        stopped: () => stop.interrupted(),
        log,
        rerun: async (name, plan, p) => {
          // On a freshly started peer: a peer keeps state between runs (deduplication ids of the
          // same seed within 5 minutes, memory, queues being deleted), so a rerun on the process
          // of the first run would repeat what that state caused rather than sample again.
          const progress = createProgress(io.stderr, io.now, { plain: true, prefix: `[${name}] ` });
          const started = await startPeer(name);
          try {
            const t = p === undefined ? started : withProtocol(started, p);
            return await runner.runSuites({ ...optionsFor(name, t, p, progress), plan });
          } finally {
            progress.done();
            await started.stop().catch(() => {});
          }
        },
      });
    }
    const wallTimeMs = wallClock(io) - t0;

    if (o.updateBaselines && baselines.value) {
      if (stop.interrupted()) log(`${PREFIX}: interrupted: baselines left as they were`);
      else {
        const u = await updateBaselines(results, baselines.value, io, log);
        if (!u.ok) return fail(io, u.error);
      }
    }
    const comparisons = baselines.value ? compareAll(results, baselines.value.loaded) : undefined;
    const rowFiles = new Map(results.map((r) => [r.name, baselines.value?.files.get(rowTarget(r))] as const).filter((e): e is [string, string] => e[1] !== undefined));
    const sb = buildScoreboard({
      results,
      seed,
      suites: selection.names,
      generatedAt: new Date(wallClock(io)).toISOString(),
      wallTimeMs,
      parallel,
      ...(comparisons && baselines.value ? { comparisons, baselineFiles: rowFiles } : {}),
      reportFiles: (name) => {
        const r = results.find((x) => x.name === name);
        return r?.report ? targetReportFiles(rowFolder(r), o.reports) : {};
      },
    });
    const files: OutFile[] = [{ file: 'scoreboard.json', content: renderScoreboardJson(sb) }, { file: 'scoreboard.md', content: renderScoreboardMarkdown(sb) }, { file: 'scoreboard.html', content: renderScoreboardHtml(sb) }];
    for (const r of results) {
      if (!r.report) continue;
      const baseline = comparisons?.get(r.name);
      files.push(...reportFiles(r.report, o.reports, baseline ? { baseline } : {}).map((f) => ({ ...f, file: `${rowFolder(r)}/${f.file}` })));
    }
    const out = path.resolve(io.cwd, o.out);
    const written = await writeFiles(io, out, files);
    if (!written.ok) return fail(io, written.error);

    io.stdout.write(renderScoreboardText(sb));
    log(`${PREFIX}: matrix wall time ${(wallTimeMs / 1000).toFixed(1)} s; scoreboard in ${out}: scoreboard.html, scoreboard.md, scoreboard.json`);
    if (stop.interrupted()) {
      log(`${PREFIX}: interrupted: the scoreboard covers only what ran`);
      return EXIT.interrupted;
    }
    return sb.ok ? EXIT.conformant : EXIT.divergent;
  } finally {
    stop.dispose();
  }
}

/**
 * Judged against a baseline, a row's differences are rerun to confirm them (--confirm; a peer's
 * answers depend on timing, so one run is not evidence of a change). The reruns wait until every
 * target has run and go one target at a time: a rerun samples the peer on a machine no longer
 * shared with the other targets' runs and shrinking, so a difference that a loaded moment hid or
 * caused is not confirmed by the same load. A change of ours repeats either way. Never the
 * reference server's rows: it is ours, and any divergence of it is our bug, intermittent or not.
 */
async function confirmRows(
  results: MatrixTargetResult[],
  c: {
    baselines: ReadonlyMap<string, Baseline>;
    times: number;
    skip(target: string): boolean;
    stopped(): boolean;
    log(line: string): void;
    rerun(target: string, plan: readonly RerunItem[], protocol: Protocol | undefined): Promise<RunReport>;
  },
): Promise<void> {
  for (const row of results) {
    const name = rowTarget(row);
    if (!row.report || c.skip(name) || c.stopped()) continue;
    const baseline = c.baselines.get(name) ?? emptyBaseline(name);
    // A row of its own protocol (`moto (query)`) reruns over that protocol.
    const p = row.target !== undefined ? (row.report.target.protocol as Protocol) : undefined;
    row.report = await confirmDifferences(row.report, baseline, {
      times: c.times,
      stopped: c.stopped,
      log: (line) => c.log(`[${name}]${p === undefined ? '' : ` ${p}:`} ${line}`),
      rerun: (plan) => c.rerun(name, plan, p),
    });
  }
}

/** Restarts of a server that died under one run, at most. */
const MAX_RESTARTS = 2;

/** The line of a dead server's log that says why (a fatal error, a panic), else its last line. */
export function whyInLog(tail: readonly string[]): string {
  return (tail.find((l) => /fatal error|panic|exception|out of memory|killed/i.test(l)) ?? tail.at(-1) ?? '(empty)').trim();
}

/** Rewrites each target's baseline from its report (a target without a report keeps its file). */
async function updateBaselines(results: readonly MatrixTargetResult[], b: Baselines, io: CliIO, log: (line: string) => void): Promise<Result<void>> {
  for (const r of results) {
    if (!r.report) {
      log(`${PREFIX}: ${r.name}: no report, baseline left as it was`);
      continue;
    }
    // Rows of one target (one per protocol) rewrite its one file in turn, each keeping the others' entries.
    const target = rowTarget(r);
    const file = b.files.get(target)!;
    const protocols = results.filter((x) => rowTarget(x) === target && x.report).map((x) => x.report!.target.protocol);
    const w = await rewriteBaseline(r.report, b.loaded.get(target), file, io, { protocols });
    if (!w.ok) return w;
    b.loaded.set(target, w.baseline);
    log(`${PREFIX}: ${r.name}: baseline ${file} updated: ${w.note}`);
  }
  return ok(undefined);
}

/** The install phase: a peer from its lock (nothing for in-process targets); a failure throws with the install log's end. */
async function installPeer(targets: TargetApi, name: string, workDir: string, log: (line: string) => void): Promise<string | undefined> {
  const r = await targets.installPeer!(name, workDir, (line) => log(`[${name}] ${line}`));
  if (!r) return undefined;
  if (r.status === 'failed') throw Object.assign(new Error(r.error ?? 'the install failed'), r.log ? { log: r.log } : {});
  if (r.status === 'nothing') return r.what !== '' ? `nothing to install: ${r.what}` : 'nothing to install';
  return `${r.what} ${r.status === 'cached' ? 'already installed' : 'installed'}${r.dir !== undefined ? ` in ${r.dir}` : ''}`;
}

const PHASE_BEGIN: Record<MatrixPhase, string> = { install: 'install', start: 'start', run: 'run', stop: 'stop' };

/** One line per phase as it begins and ends (`[fauxqs] start: done in 1.2 s`), and the target's outcome. */
export function matrixEventLine(e: MatrixEvent): string | undefined {
  const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  switch (e.kind) {
    case 'phase':
      if (e.state === 'begin') return e.phase === 'run' ? undefined : `[${e.target}] ${PHASE_BEGIN[e.phase]}…`;
      if (e.failed !== undefined) return `[${e.target}] ${e.phase} failed after ${secs(e.ms)}: ${e.failed}`;
      return `[${e.target}] ${e.phase}: ${e.detail ?? 'done'} (${secs(e.ms)})`;
    case 'warning':
      return `[${e.target}] warning: ${e.text}`;
    case 'finished': {
      const r = e.result;
      return r.report ? `[${e.target}] ${r.report.verdict}: ${r.report.divergences.length} divergence occurrence(s) (${secs(r.durationMs)} in all)` : `[${e.target}] error: ${r.error ?? 'no report'} (${secs(r.durationMs)} in all)`;
    }
  }
}

function logEvent(e: MatrixEvent, log: (line: string) => void): void {
  const line = matrixEventLine(e);
  if (line !== undefined) log(line);
}

/** The folder of a row's reports: the target's, or `<target>/<protocol>` for a row of several protocols. */
function rowFolder(r: MatrixTargetResult): string {
  return r.target !== undefined && r.report ? `${r.target}/${r.report.target.protocol}` : r.name;
}

/** Report files of one target, relative to the matrix folder. */
export function targetReportFiles(target: string, kinds: readonly ReportKind[] = REPORT_KINDS): Partial<Record<ReportKind, string>> {
  return Object.fromEntries(kinds.map((kind) => [kind, `${target}/${REPORT_FILES[kind]}`]));
}
