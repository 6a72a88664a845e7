// `sqs-conformance matrix`: the selected suites against every peer (every launcher the target
// module names, the reference server included), a few targets at a time, each started, run and
// stopped; per target the five reports, then scoreboard.{json,md,html}. With --baselines DIR each
// target is judged against DIR/<target>.json (a missing file is an empty baseline: everything is
// new); --update-baselines rewrites those files from what was observed.
// Exit 0 when every target is within its baseline (or conformant without baselines), 1 otherwise,
// 2 for usage and environment errors, 130 when interrupted.
import * as path from 'node:path';
import { REPORT_FILES, REPORT_KINDS, renderers, renderScoreboardHtml, renderScoreboardJson, renderScoreboardMarkdown, type ReportKind } from '../report/index.js';
import { serializeBaseline, updateBaseline, type Baseline, type BaselineComparison } from '../runner/baseline.js';
import { buildScoreboard, compareAll, runMatrix, type MatrixTargetResult, type Scoreboard } from '../runner/matrix.js';
import type { RunReport } from '../runner/types.js';
import type { RunningTarget } from '../target/types.js';
import type { CliDeps, CliIO, CliRunOptions, RunnerApi, TargetApi } from './app.js';
import { quote, resolveSuites, targetArgs, type MatrixCliOptions } from './args.js';
import { isoDate, readBaselineFile, updateNote, wallClock } from './baseline.js';

/** Same codes as app.ts's EXIT (kept here so the two files do not import each other's values). */
const CODE = { ok: 0, notOk: 1, usage: 2, interrupted: 130 } as const;

/** Where `--update-baselines` writes when --baselines is not given. */
export const DEFAULT_BASELINES_DIR = 'conformance/baselines';

/** Targets at once when --parallel is not given: one per core, at most 4. */
export function defaultParallel(cores: number | undefined): number {
  return Math.max(1, Math.min(4, cores ?? 2));
}

const PREFIX = 'sqs-conformance';
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/\s*[\r\n]+\s*/g, ' ').trim();

function errorLine(io: CliIO, message: string): void {
  io.stderr.write(`${PREFIX}: error: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}\n`);
}

/** Report files of one target, relative to the matrix folder. */
export function targetReportFiles(target: string): Record<ReportKind, string> {
  const out = {} as Record<ReportKind, string>;
  for (const kind of REPORT_KINDS) out[kind] = `${target}/${REPORT_FILES[kind]}`;
  return out;
}

/** The plain-text summary printed at the end (one line per target). */
export function scoreboardLines(sb: Scoreboard): string[] {
  const w = Math.max(6, ...sb.targets.map((t) => t.name.length));
  const lines = [`${'target'.padEnd(w)}  ${'status'.padEnd(16)}  ${'scenarios'.padStart(9)}  divergences${sb.baselines ? '  baseline (new/ack/vanished)' : ''}`];
  for (const t of sb.targets) {
    if (t.status === 'error') {
      lines.push(`${t.name.padEnd(w)}  ${'error'.padEnd(16)}  ${'–'.padStart(9)}  ${t.error ?? ''}`);
      if (t.errorLog) lines.push(`${' '.repeat(w + 2)}last lines of ${t.errorLog.file}:`, ...t.errorLog.tail.map((l) => `${' '.repeat(w + 2)}| ${l}`));
      continue;
    }
    const ids = t.divergences.length;
    const div = `${t.divergenceCount} (${ids} id${ids === 1 ? '' : 's'})`;
    const b = t.baseline ? `  ${t.baseline.counts.new}/${t.baseline.counts.acknowledged}/${t.baseline.counts.vanished}` : '';
    lines.push(`${t.name.padEnd(w)}  ${t.status.padEnd(16)}  ${`${t.scenarios.passed}/${t.scenarios.total}`.padStart(9)}  ${div.padEnd(11)}${b}`);
  }
  return lines;
}

export async function runMatrixCommand(options: MatrixCliOptions, io: CliIO, deps: CliDeps): Promise<number> {
  let runner: RunnerApi;
  let targets: TargetApi;
  try {
    runner = await deps.loadRunner();
  } catch (e) {
    errorLine(io, `cannot load the runner: ${messageOf(e)}`);
    return CODE.usage;
  }
  try {
    targets = await deps.loadTargets();
  } catch (e) {
    errorLine(io, `cannot load the target support: ${messageOf(e)}`);
    return CODE.usage;
  }

  const names = options.targets ?? [...(targets.launcherNames ?? [])];
  if (names.length === 0) {
    errorLine(io, 'no target to run (name them with --targets)');
    return CODE.usage;
  }
  const unknown = names.filter((n) => n === 'endpoint' || targets.launcherFor(n) === undefined);
  if (unknown.length > 0) {
    const known = targets.launcherNames ? ` (known: ${targets.launcherNames.join(', ')})` : '';
    errorLine(io, `--targets: no launcher for ${unknown.map(quote).join(', ')}${known}`);
    return CODE.usage;
  }
  const suites = resolveSuites({ ...(options.suites ? { suites: options.suites } : {}) }, runner.SUITES);
  if (!suites.ok) {
    errorLine(io, suites.error);
    return CODE.usage;
  }

  // Baselines: read them all before anything starts, so a broken file is a usage error at once.
  const baselinesDir = options.baselines ?? (options.updateBaselines ? DEFAULT_BASELINES_DIR : undefined);
  const baselines = new Map<string, Baseline>();
  const baselineFiles = new Map<string, string>();
  if (baselinesDir !== undefined) {
    for (const name of names) {
      const rel = path.join(baselinesDir, `${name}.json`);
      const loaded = await readBaselineFile(path.resolve(io.cwd, rel), io);
      if (!loaded.ok) {
        errorLine(io, loaded.error);
        return CODE.usage;
      }
      baselineFiles.set(name, rel);
      if (loaded.baseline) baselines.set(name, loaded.baseline);
      else if (!options.updateBaselines) io.stderr.write(`${PREFIX}: ${name}: no baseline at ${rel}: every divergence counts as new\n`);
    }
  }

  const seed = options.seed ?? io.randomSeed();
  const parallel = options.parallel ?? defaultParallel(io.cpus?.());
  const workDir = options.workDir !== undefined ? path.resolve(io.cwd, options.workDir) : (targets.defaultWorkDir?.() ?? path.resolve(io.cwd, '.sqs-conformance'));
  const out = path.resolve(io.cwd, options.out);
  const log = (line: string): void => {
    io.stderr.write(`${line.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  };

  const controller = new AbortController();
  let interrupted = false;
  const unsubscribe = io.onSignal((signal) => {
    if (interrupted) {
      log(`${PREFIX}: ${signal} again: leaving without cleanup`);
      io.exitNow(CODE.interrupted);
      return;
    }
    interrupted = true;
    log(`${PREFIX}: ${signal}: stopping every target and cleaning up queues (again to quit at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
  });

  try {
    log(`${PREFIX}: matrix of ${names.join(', ')}; suites ${suites.value.join(', ')}; seed ${seed} (rerun with --seed ${seed}); ${parallel} at a time`);
    try {
      await io.mkdir(workDir);
    } catch (e) {
      errorLine(io, `cannot create the work folder ${workDir}: ${messageOf(e)}`);
      return CODE.usage;
    }
    const t0 = wallClock(io);
    const results: MatrixTargetResult[] = await runMatrix<RunningTarget>(names, parallel, {
      signal: controller.signal,
      now: () => wallClock(io),
      start: async (name) => {
        const launcher = targets.launcherFor(name);
        if (!launcher) throw new Error(`no launcher for ${name}`);
        return launcher.start({ workDir, log: (line) => log(`[${name}] ${line}`) });
      },
      run: (name, target) => {
        const failing = new Set<string>();
        const o: CliRunOptions = {
          target,
          suites: suites.value,
          seed,
          concurrency: options.concurrency,
          strictness: options.strictness ?? target.profile.defaultStrictness,
          signal: controller.signal,
          targetArgs: targetArgs({ target: name }),
          onProgress: (e) => {
            if (e.kind === 'start') log(`[${name}] running ${e.total} scenarios`);
            if (e.kind === 'scenario-done' && !e.passed && !failing.has(e.property)) {
              failing.add(e.property);
              log(`[${name}] ${e.property}: counterexample found`);
            }
          },
        };
        if (options.runs !== undefined) o.runs = options.runs;
        if (options.timeBudgetMs !== undefined) o.timeBudgetMs = options.timeBudgetMs;
        return runner.runSuites(o);
      },
      onEvent: (e) => {
        if (e.kind === 'starting') log(`[${e.target}] starting`);
        else if (e.kind === 'warning') log(`[${e.target}] warning: ${e.text}`);
        else if (e.kind === 'finished') {
          const r = e.result;
          const secs = `${(r.durationMs / 1000).toFixed(1)} s`;
          if (r.report) log(`[${e.target}] ${r.report.verdict}: ${r.report.divergences.length} divergence occurrence(s) (${secs})`);
          else log(`[${e.target}] error: ${r.error ?? 'no report'} (${secs})`);
        }
      },
    });
    const wallTimeMs = wallClock(io) - t0;

    if (options.updateBaselines && baselinesDir !== undefined) {
      const date = isoDate(wallClock(io));
      for (const r of results) {
        if (!r.report) {
          log(`${PREFIX}: ${r.name}: no report, baseline left as it was`);
          continue;
        }
        if (interrupted) continue;
        const before = baselines.get(r.name);
        const next = updateBaseline(r.report, before, date);
        const rel = baselineFiles.get(r.name)!;
        try {
          await io.mkdir(path.resolve(io.cwd, baselinesDir));
          await io.writeFile(path.resolve(io.cwd, rel), serializeBaseline(next));
        } catch (e) {
          errorLine(io, `cannot write the baseline ${rel}: ${messageOf(e)}`);
          return CODE.usage;
        }
        baselines.set(r.name, next);
        log(`${PREFIX}: ${r.name}: baseline ${rel} updated: ${updateNote(before, next)}`);
      }
    }

    const comparisons = baselinesDir !== undefined ? compareAll(results, baselines) : undefined;
    const sb = buildScoreboard({
      results,
      seed,
      suites: suites.value,
      generatedAt: new Date(wallClock(io)).toISOString(),
      wallTimeMs,
      parallel,
      ...(comparisons ? { comparisons, baselineFiles } : {}),
      reportFiles: (name) => (results.find((r) => r.name === name)?.report ? targetReportFiles(name) : {}),
    });

    try {
      await io.mkdir(out);
      for (const r of results) {
        if (!r.report) continue;
        await writeTargetReports(r.report, path.join(out, r.name), comparisons?.get(r.name), io);
      }
      await io.writeFile(path.join(out, 'scoreboard.json'), renderScoreboardJson(sb));
      await io.writeFile(path.join(out, 'scoreboard.md'), renderScoreboardMarkdown(sb));
      await io.writeFile(path.join(out, 'scoreboard.html'), renderScoreboardHtml(sb));
    } catch (e) {
      errorLine(io, `cannot write the matrix reports to ${out}: ${messageOf(e)}`);
      return CODE.usage;
    }

    io.stdout.write(`${scoreboardLines(sb).join('\n')}\n`);
    log(`${PREFIX}: matrix wall time ${(wallTimeMs / 1000).toFixed(1)} s; scoreboard in ${out}: scoreboard.html, scoreboard.md, scoreboard.json`);
    if (interrupted) {
      log(`${PREFIX}: interrupted: the scoreboard covers only what ran`);
      return CODE.interrupted;
    }
    return sb.ok ? CODE.ok : CODE.notOk;
  } finally {
    unsubscribe();
  }
}

async function writeTargetReports(report: RunReport, dir: string, baseline: BaselineComparison | undefined, io: CliIO): Promise<void> {
  await io.mkdir(dir);
  for (const kind of REPORT_KINDS) {
    await io.writeFile(path.join(dir, REPORT_FILES[kind]), renderers[kind](report, baseline ? { baseline } : {}));
  }
}
