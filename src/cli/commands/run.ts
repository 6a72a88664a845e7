// `run`: the suites against one target (default: the embedded reference server). Checks the
// selection against the registered suites, starts the target, runs, stops it, prints the text
// report and writes the others. Exit 0 conformant (or within --baseline), 1 divergent (or outside
// it), 2 usage or environment error or undecided, 130 interrupted.
import { Option, type Command, type OptionValues } from 'commander';
import * as path from 'node:path';
import { renderText, type RenderExtras } from '../../report/index.js';
import { withinBaseline, type BaselineComparison } from '../../runner/baseline.js';
import type { RunReport } from '../../runner/types.js';
import type { RunningTarget } from '../../target/types.js';
import { applyRunBaseline, readBaselineFile } from '../baseline.js';
import { confirmDifferences } from '../../runner/confirm.js';
import { EXIT, type CliDeps, type CliIO, type CliRunOptions, type CommandDefinition, type Result } from '../contracts.js';
import { fail, interruptible, messageOf, PREFIX, useColor, writeFiles, type Interrupt } from '../io.js';
import { withProtocol } from '../../target/protocols.js';
import { checked, err, ok, option, parsePath } from '../parse.js';
import { createProgress, type Progress } from '../progress.js';
import { reportFiles } from '../report-files.js';
import { addSharedOptions, prepareRun, resolveProtocols, resolveSeed, runnerOptions, targetArgs, validateShared, type SharedDefaults, type SharedOptions } from '../run-options.js';
import { loadStackOutputs, readTargetChoice, resolveWorkDir, startTarget, type TargetChoice } from '../target.js';

export const RUN_DEFAULTS: SharedDefaults = { reports: ['text', 'json'], out: './sqs-conformance-report' };

export interface RunCommandOptions extends SharedOptions, TargetChoice {
  /** `--stack-outputs FILE`: run on the queues a CDK deployment provisioned (cdk deploy --outputs-file). */
  stackOutputs?: string;
  /** `--replay PROPERTY#I:PATH`, checked against the suites once they are loaded. */
  replay?: string;
  color: boolean;
  /** `--baseline FILE`: judge the run against this baseline. */
  baseline?: string;
  /** `--update-baseline`: rewrite the baseline from what the run observed. */
  updateBaseline?: boolean;
}

function define(c: Command): void {
  c.description('run conformance suites against a target (default: the embedded reference server)')
    .addOption(new Option('--endpoint <url>', 'SQS endpoint of a running target'))
    .addOption(new Option('--target <name>', 'a named target (launcher or profile), e.g. reference'))
    .addOption(new Option('--stack-outputs <file>', 'use the queues of a CDK deployment (cdk deploy --outputs-file) instead of creating queues'))
    .addOption(new Option('--region <region>', 'region for --endpoint (default: the endpoint profile’s)'));
  addSharedOptions(c, RUN_DEFAULTS)
    .addOption(new Option('--replay <property#i:path>', 'replay one counterexample (with the seed it was found with; a report prints the whole command)'))
    .addOption(new Option('--no-color', 'no colours in the terminal report'))
    .addOption(new Option('--baseline <file>', 'judge against this baseline: exit 1 on a new divergence or a listed one that vanished'))
    .addOption(new Option('--update-baseline', 'rewrite the --baseline file from what this run observed'));
}

/** Validates raw `run` options; the first problem found is the error. */
export function validateRunOptions(raw: OptionValues): Result<RunCommandOptions> {
  if (raw['region'] !== undefined && raw['endpoint'] === undefined) return err('--region applies only with --endpoint (a target profile names its own region)');
  if (raw['updateBaseline'] === true && raw['baseline'] === undefined) return err('--update-baseline needs --baseline FILE (the file to rewrite)');
  const shared = validateShared(raw, RUN_DEFAULTS);
  if (!shared.ok) return shared;
  const o: RunCommandOptions = { ...shared.value, color: raw['color'] !== false, ...(raw['updateBaseline'] === true ? { updateBaseline: true } : {}) };
  return checked(
    o,
    readTargetChoice(raw, o) ??
      option(raw, 'stackOutputs', (v) => parsePath('--stack-outputs', v, 'file'), (v) => (o.stackOutputs = v)) ??
      // Checked against the suites once they are loaded (resolveSelection).
      option(raw, 'replay', ok, (v) => (o.replay = v)) ??
      option(raw, 'baseline', (v) => parsePath('--baseline', v, 'file'), (v) => (o.baseline = v)),
  );
}

export const runCommand: CommandDefinition<RunCommandOptions> = { name: 'run', define, validate: validateRunOptions, run };

async function run(o: RunCommandOptions, io: CliIO, deps: CliDeps): Promise<number> {
  // Ctrl-C is ours from the start (loading the library takes a moment): nothing is created before
  // the target starts, so a signal until then just ends with 130.
  const progress = createProgress(io.stderr, io.now);
  const stop = interruptible(io, (line) => progress.log(line), 'stopping and cleaning up queues');
  try {
    return await runWith(o, io, deps, progress, stop);
  } finally {
    stop.dispose();
  }
}

async function runWith(o: RunCommandOptions, io: CliIO, deps: CliDeps, progress: Progress, stop: Interrupt): Promise<number> {
  // Everything a user can get wrong is checked before anything starts or prints.
  const p = await prepareRun(o, io, deps);
  if (!p) return stop.interrupted() ? EXIT.interrupted : EXIT.usage;
  if (stop.interrupted()) return EXIT.interrupted;
  const { suites, selection, runner, targets } = p;
  let choice: TargetChoice = o;
  const ctx: Pick<CliRunOptions, 'providedQueues'> = {};
  if (o.stackOutputs !== undefined) {
    const r = await loadStackOutputs(o.stackOutputs, o, io.cwd);
    if (!r.ok) return fail(io, r.error);
    choice = r.choice;
    ctx.providedQueues = r.provided;
  }
  const started = await startTarget(choice, resolveWorkDir(o.workDir, io, targets), io, targets, (line) => progress.log(line));
  if (!started.ok) {
    progress.done();
    if (stop.interrupted()) return EXIT.interrupted;
    if (started.log) io.stderr.write(`${PREFIX}: last lines of ${started.log.file}:\n${started.log.tail.map((l) => `  | ${l}\n`).join('')}`);
    return fail(io, started.error);
  }
  const target = started.target;
  if (stop.interrupted()) return await stopTarget(target, progress, EXIT.interrupted);
  const protocols = resolveProtocols(o.protocol, target.profile);
  if (protocols.run.length === 0) {
    await stopTarget(target, progress, 0);
    return fail(io, `target ${target.profile.name} does not speak ${protocols.skipped.join(' or ')} (its profile lists ${target.profile.capabilities.filter((c) => c === 'json' || c === 'query').join(', ') || target.profile.protocol})`);
  }
  for (const p of protocols.skipped) progress.log(`${PREFIX}: ${target.profile.name} does not speak ${p}: no ${p} run`);
  const seed = resolveSeed(o, io);
  progress.log(`${PREFIX}: seed ${seed} (rerun with --seed ${seed})`);
  const reports: RunReport[] = [];
  // Judged against a baseline: the properties that differ are rerun to confirm (--confirm); the
  // baseline is read again (and any problem with it reported) when the run is concluded.
  const loaded = o.baseline !== undefined && o.updateBaseline !== true && o.confirm > 0 ? await readBaselineFile(path.resolve(io.cwd, o.baseline), io) : undefined;
  const baseline = loaded?.ok ? loaded.baseline : undefined;
  try {
    // One run per protocol, the same seed each (issue 12: --protocol both).
    for (const protocol of protocols.run) {
      if (stop.interrupted()) break;
      if (protocols.run.length > 1) progress.log(`${PREFIX}: over ${protocol}`);
      const options = runnerOptions(o, selection, suites, withProtocol(target, protocol), { ...ctx, seed, signal: stop.signal, onProgress: (e) => progress.event(e), targetArgs: targetArgs(choice) + (o.protocol !== undefined ? ` --protocol ${protocol}` : '') });
      const report = await runner.runSuites(options);
      reports.push(
        baseline && !o.replay
          ? await confirmDifferences(report, baseline, { times: o.confirm, stopped: () => stop.interrupted(), log: (line) => progress.log(`${PREFIX}: ${line}`), rerun: (plan) => runner.runSuites({ ...options, plan }) })
          : report,
      );
    }
  } catch (e) {
    await stopTarget(target, progress, 0);
    if (stop.interrupted()) return fail(io, 'interrupted before any result', EXIT.interrupted);
    // The probe found no SQS there: one line, no report (nothing was judged).
    if (e instanceof Error && e.name === 'TargetUnusableError') return fail(io, e.message);
    return fail(io, `the run failed: ${messageOf(e)}`);
  }
  await stopTarget(target, progress, 0);
  if (reports.length === 0) return fail(io, 'interrupted before any result', EXIT.interrupted);
  let code: number = EXIT.conformant;
  const spoken = reports.map((r) => r.target.protocol);
  for (const report of reports) {
    const c = await conclude(report, o, io, stop.interrupted(), reports.length > 1 ? report.target.protocol : undefined, spoken);
    code = worse(code, c);
  }
  return code;
}

/** Stops the target (a failure is a warning) and clears the progress line; gives `code`. */
async function stopTarget(target: RunningTarget, progress: Progress, code: number): Promise<number> {
  try {
    await target.stop();
  } catch (e) {
    progress.log(`${PREFIX}: warning: stopping the target failed: ${messageOf(e)}`);
  }
  progress.done();
  return code;
}

/** Of two exit codes, the one to leave with: interrupted, then divergent, then undecided. */
function worse(a: number, b: number): number {
  const rank = (c: number) => [EXIT.conformant, EXIT.usage, EXIT.divergent, EXIT.interrupted].indexOf(c as 0);
  return rank(b) > rank(a) ? b : a;
}

/**
 * The baseline (compared, rewritten with --update-baseline unless interrupted), the text report, the
 * files, the exit code. With several protocols each report goes to a folder of its own (`<out>/<protocol>`).
 */
async function conclude(report: RunReport, o: RunCommandOptions, io: CliIO, interrupted: boolean, folder?: string, protocols?: RunReport['target']['protocol'][]): Promise<number> {
  const extras: RenderExtras = {};
  if (o.baseline !== undefined) {
    const b = await applyRunBaseline(report, o.baseline, o.updateBaseline === true && !interrupted, io, protocols ? { protocols } : {});
    if (!b.ok) return fail(io, b.error);
    extras.baseline = b.comparison;
    if (b.written) io.stderr.write(`${PREFIX}: baseline ${b.written.file} rewritten: ${b.written.note}\n`);
  }
  if (o.reports.includes('text')) io.stdout.write(renderText(report, { ...extras, color: useColor(o.color, io.stdout.isTTY, io.env) }));
  const dir = path.resolve(io.cwd, o.out, folder ?? '');
  const files = reportFiles(report, o.reports, extras);
  const written = await writeFiles(io, dir, files);
  if (!written.ok) return fail(io, written.error);
  io.stderr.write(`${PREFIX}: reports in ${dir}: ${files.map((f) => f.file).join(', ')}\n`);
  if (interrupted) {
    io.stderr.write(`${PREFIX}: interrupted: the reports cover only what ran\n`);
    return EXIT.interrupted;
  }
  return exitCodeFor(report, extras.baseline);
}

/** Interrupted: 130; outside the baseline (new, or listed and vanished) or divergent: 1; undecided: 2; else 0. */
export function exitCodeFor(report: Pick<RunReport, 'verdict'>, baseline?: BaselineComparison): number {
  if (report.verdict === 'interrupted') return EXIT.interrupted;
  if (baseline ? !withinBaseline(baseline) : report.verdict === 'divergent') return EXIT.divergent;
  return report.verdict === 'unknown' ? EXIT.usage : EXIT.conformant;
}
