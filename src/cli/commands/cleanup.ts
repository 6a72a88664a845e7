// `cleanup`: deletes the queues a killed run left on a target. Only queues whose name has the kit's
// prefix (`sqsc-<run id>-`, or `sqsc-` with --all-runs) AND whose `sqs-conformance:run` tag names a
// kit run (that run) are deleted; every other queue is left alone and listed (--dry-run lists
// without deleting). Exit 0 when every kit queue found is gone, 2 when one could not be deleted or
// the target could not be listed.
import { Option, type OptionValues } from 'commander';
import type { CleanupItem } from '../../runner/sweep.js';
import { EXIT, type CliDeps, type CliIO, type CommandDefinition, type Result } from '../contracts.js';
import { fail, load, messageOf, PREFIX } from '../io.js';
import { checked, err, option, ok, quote } from '../parse.js';
import { readTargetChoice, startTarget, resolveWorkDir, type TargetChoice } from '../target.js';

export interface CleanupCommandOptions extends TargetChoice {
  /** One run's queues (its id, as a run prints it), or every run's. */
  scope: { run: string } | { allRuns: true };
  dryRun: boolean;
  workDir?: string;
}

const RUN_ID = /^[A-Za-z0-9_-]{1,40}$/;

export function validateCleanup(raw: OptionValues): Result<CleanupCommandOptions> {
  if (raw['run'] !== undefined && raw['allRuns'] === true) return err('--run and --all-runs cannot be used together');
  if (raw['run'] === undefined && raw['allRuns'] !== true) return err('cleanup needs --run ID (printed when a run starts) or --all-runs');
  if (raw['endpoint'] === undefined && raw['target'] === undefined) return err('cleanup needs --endpoint URL or --target NAME (the server the run used)');
  if (raw['region'] !== undefined && raw['endpoint'] === undefined) return err('--region applies only with --endpoint (a target profile names its own region)');
  const o: CleanupCommandOptions = { scope: { allRuns: true }, dryRun: raw['dryRun'] === true };
  return checked(
    o,
    readTargetChoice(raw, o) ??
      option(raw, 'run', (v) => (RUN_ID.test(v) ? ok(v) : err<string>(`--run must be a run id (letters, digits, _ and -), got ${quote(v)}`)), (v) => (o.scope = { run: v })) ??
      option(raw, 'workDir', ok, (v) => (o.workDir = v)),
  );
}

function define(c: import('commander').Command): void {
  c.description('delete the queues a killed run left (kit prefix and run tag only; --dry-run lists them)')
    .addOption(new Option('--run <id>', 'the run whose queues to delete (its id is printed when it starts)'))
    .addOption(new Option('--all-runs', 'the queues of every kit run'))
    .addOption(new Option('--endpoint <url>', 'SQS endpoint the run used'))
    .addOption(new Option('--target <name>', 'a named target with an endpoint (e.g. aws)'))
    .addOption(new Option('--region <region>', 'region for --endpoint'))
    .addOption(new Option('--dry-run', 'list what would be deleted and what is left alone, delete nothing'))
    .addOption(new Option('--work-dir <dir>', 'folder for launcher installs and logs'));
}

export const cleanupCommand: CommandDefinition<CleanupCommandOptions> = { name: 'cleanup', define, validate: validateCleanup, run };

async function run(o: CleanupCommandOptions, io: CliIO, deps: CliDeps): Promise<number> {
  const runner = await load(io, 'the runner', () => deps.loadRunner());
  const targets = runner && (await load(io, 'the target support', () => deps.loadTargets()));
  if (!runner || !targets) return EXIT.usage;
  if (!runner.cleanup) return fail(io, 'this runner cannot clean up');
  const started = await startTarget(o, resolveWorkDir(o.workDir, io, targets), io, targets, (line) => io.stderr.write(`${PREFIX}: ${line}\n`));
  if (!started.ok) return fail(io, started.error);
  const target = started.target;
  let items: CleanupItem[];
  try {
    items = await runner.cleanup(target, o.scope, { dryRun: o.dryRun });
  } catch (e) {
    return fail(io, `cleanup failed: ${messageOf(e)}`);
  } finally {
    await target.stop().catch(() => {});
  }
  const what = 'run' in o.scope ? `run ${o.scope.run}` : 'every kit run';
  const deleting = items.filter((i) => i.action === 'delete');
  const kept = items.filter((i) => i.action === 'keep');
  const verb = o.dryRun ? 'would delete' : 'deleted';
  for (const i of deleting) {
    const status = o.dryRun ? verb : i.outcome?.status === 'failed' ? `NOT deleted (${i.outcome.why})` : i.outcome?.status === 'gone' ? 'already gone' : verb;
    io.stdout.write(`${status}: ${i.name}${i.run ? `  (run ${i.run})` : ''}\n`);
  }
  for (const i of kept) io.stdout.write(`left alone: ${i.name}  (${i.reason ?? 'not the kit’s'})\n`);
  const failed = deleting.filter((i) => i.outcome?.status === 'failed').length;
  io.stderr.write(`${PREFIX}: ${what}: ${deleting.length} queue${deleting.length === 1 ? '' : 's'} ${o.dryRun ? 'to delete' : 'deleted'}${failed > 0 ? ` (${failed} failed)` : ''}, ${kept.length} left alone\n`);
  if (target.profile.realAws && !o.dryRun && deleting.length > 0) {
    io.stderr.write(`${PREFIX}: AWS finishes deleting a queue within 60 s: until then ListQueues may still show it, and a queue of the same name cannot be created\n`);
  }
  return failed > 0 ? EXIT.usage : EXIT.conformant;
}
