// Command-line parsing and validation, PURE: commander is configured to throw instead of exiting
// and to write into strings instead of the terminal, and every check returns a typed result whose
// error is one line. The caller (app.ts) decides what to print and which exit code to use.
import { registerCheckHistory, validateCheckHistory, type CheckHistoryOptions, type RawCheckHistory } from './check-history.js';
import { Command, CommanderError, Option } from 'commander';
import { REPORT_KINDS, isReportKind, type ReportKind } from '../report/index.js';
import type { Strictness } from '../spec/types.js';
import { registerCheckSettings, validateCheckSettings, type CheckSettingsOptions, type RawCheckSettings } from './settings.js';
import { registerSimulate, validateSimulate, type RawSimulate, type SimulateCliOptions } from './simulate.js';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** What `run` was asked to do, validated but not yet resolved against the runner's suites. */
export interface RunCliOptions {
  endpoint?: string;
  /** `--stack-outputs FILE`: run on the queues a CDK deployment provisioned (cdk deploy --outputs-file). */
  stackOutputs?: string;
  target?: string;
  region?: string;
  /** Undefined: every suite (or the suite of the replayed property). */
  suites?: string[];
  /** Undefined: a random seed, chosen and printed by the caller. */
  seed?: number;
  concurrency: number;
  runs?: number;
  strictness?: Strictness;
  reports: ReportKind[];
  out: string;
  replay?: { property: string; path: string };
  /** Shrinking budget in milliseconds. */
  timeBudgetMs?: number;
  color: boolean;
  /** Undefined: the target module's default (the repository's git-ignored `.peers`). */
  workDir?: string;
  /** `--baseline FILE`: judge the run against this baseline. */
  baseline?: string;
  /** `--update-baseline`: rewrite the baseline from what the run observed. */
  updateBaseline?: boolean;
}

export type CliCommand =
  | { kind: 'run'; options: RunCliOptions }
  | { kind: 'suites' }
  | { kind: 'serve'; options: ServeCliOptions }
  | { kind: 'matrix'; options: MatrixCliOptions }
  | { kind: 'check-settings'; options: CheckSettingsOptions }
  | { kind: 'simulate'; options: SimulateCliOptions }
  | { kind: 'check'; options: CheckHistoryOptions }
  /** Help or version text for stdout; exit 0. */
  | { kind: 'print'; text: string }
  /** A usage error: one line, exit 2. */
  | { kind: 'error'; error: string };

export const DEFAULTS = {
  concurrency: 32,
  reports: ['text', 'json'] as ReportKind[],
  out: './sqs-conformance-report',
} as const;

export const LIMITS = {
  seed: { min: -2147483648, max: 4294967295 },
  concurrency: { min: 1, max: 256 },
  runs: { min: 1, max: 1_000_000 },
  shrinkBudgetSeconds: { min: 1, max: 86_400 },
} as const;

const STRICTNESS: readonly Strictness[] = ['guaranteed', 'typical'];

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const err = <T>(error: string): Result<T> => ({ ok: false, error });

/** Quotes a user-supplied value for an error line, shortened and without control characters. */
export function quote(v: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = v.replace(/[\u0000-\u001F\u007F-\u009F]/g, '?');
  return `'${clean.length > 60 ? `${clean.slice(0, 59)}…` : clean}'`;
}

/** A decimal integer within [min, max]; no signs other than a leading minus, no exponents, no hex. */
export function parseInteger(flag: string, raw: string, min: number, max: number): Result<number> {
  const s = raw.trim();
  if (!/^-?\d+$/.test(s)) return err(`${flag} must be an integer, got ${quote(raw)}`);
  const n = Number(s);
  if (!Number.isSafeInteger(n) || n < min || n > max) return err(`${flag} must be between ${min} and ${max}, got ${quote(raw)}`);
  return ok(n);
}

/** Comma-separated list (flags may also repeat): trimmed, empty items dropped, duplicates removed. */
export function parseList(raw: string): string[] {
  return [...new Set(raw.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}

export function parseReportKinds(raw: string): Result<ReportKind[]> {
  const items = parseList(raw);
  if (items.length === 0) return err(`--report needs at least one of ${REPORT_KINDS.join(', ')}`);
  const bad = items.filter((k) => !isReportKind(k));
  if (bad.length > 0) return err(`unknown report kind ${bad.map(quote).join(', ')} (choose from ${REPORT_KINDS.join(', ')})`);
  return ok(items as ReportKind[]);
}

export function parseStrictness(raw: string): Result<Strictness> {
  const s = raw.trim();
  if ((STRICTNESS as readonly string[]).includes(s)) return ok(s as Strictness);
  return err(`unknown strictness ${quote(raw)} (choose from ${STRICTNESS.join(', ')})`);
}

export function parseEndpoint(raw: string): Result<string> {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return err(`--endpoint must be an http(s) URL, got ${quote(raw)}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return err(`--endpoint must be an http(s) URL, got ${quote(raw)}`);
  if (u.username !== '' || u.password !== '') return err('--endpoint must not carry credentials; use the environment or a target profile');
  return ok(raw.trim().replace(/\/+$/, ''));
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export function parseName(flag: string, raw: string): Result<string> {
  const s = raw.trim();
  if (!NAME.test(s)) return err(`${flag} must be a name of letters, digits, '.', '_' or '-', got ${quote(raw)}`);
  return ok(s);
}

export function parseRegion(raw: string): Result<string> {
  const s = raw.trim();
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(s)) return err(`--region must look like us-east-1, got ${quote(raw)}`);
  return ok(s);
}

/**
 * `PROPERTY:PATH`, split at the first colon (fast-check paths themselves contain colons: `3:0:1`).
 * PROPERTY is a property name, optionally with its instance: `visibility#3`.
 */
export function parseReplay(raw: string): Result<{ property: string; path: string }> {
  const i = raw.indexOf(':');
  if (i <= 0) return err(`--replay must be PROPERTY:PATH (e.g. send-receive:3:0:1), got ${quote(raw)}`);
  const property = raw.slice(0, i).trim();
  const path = raw.slice(i + 1).trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*(#\d+)?$/.test(property)) return err(`--replay property ${quote(property)} is not a property name (NAME or NAME#INSTANCE)`);
  if (!/^\d+(:\d+)*$/.test(path)) return err(`--replay path must be numbers separated by ':' (a fast-check path), got ${quote(path)}`);
  return ok({ property, path });
}

/** A word for a shell command line: as is when plain, else single-quoted. */
export function shellArg(s: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** How a replay command names the target the user chose (the runner puts it after `run`). */
export function targetArgs(o: Pick<RunCliOptions, 'endpoint' | 'region' | 'target'>): string {
  if (o.endpoint !== undefined) return ` --endpoint ${shellArg(o.endpoint)}${o.region !== undefined ? ` --region ${shellArg(o.region)}` : ''}`;
  if (o.target !== undefined && o.target !== 'reference') return ` --target ${shellArg(o.target)}`;
  return '';
}

/** Raw option values as commander hands them over (strings; `color` from `--no-color`). */
export interface RawRunOptions {
  endpoint?: string;
  stackOutputs?: string;
  target?: string;
  region?: string;
  suite?: string;
  seed?: string;
  concurrency?: string;
  runs?: string;
  strictness?: string;
  report?: string;
  out?: string;
  replay?: string;
  shrinkBudget?: string;
  workDir?: string;
  color?: boolean;
  baseline?: string;
  updateBaseline?: boolean;
}

/** Validates raw `run` options; the first problem found is the error. */
export function validateRunOptions(raw: RawRunOptions): Result<RunCliOptions> {
  const o: RunCliOptions = {
    concurrency: DEFAULTS.concurrency,
    reports: [...DEFAULTS.reports],
    out: DEFAULTS.out,
    color: raw.color ?? true,
  };
  if (raw.endpoint !== undefined && raw.target !== undefined) return err('--endpoint and --target cannot be used together');
  if (raw.stackOutputs !== undefined) {
    if (raw.stackOutputs.trim() === '') return err('--stack-outputs needs a file (written by cdk deploy --outputs-file)');
    o.stackOutputs = raw.stackOutputs;
  }
  if (raw.endpoint !== undefined) {
    const r = parseEndpoint(raw.endpoint);
    if (!r.ok) return r;
    o.endpoint = r.value;
  }
  if (raw.target !== undefined) {
    const r = parseName('--target', raw.target);
    if (!r.ok) return r;
    o.target = r.value;
  }
  if (raw.region !== undefined) {
    if (raw.endpoint === undefined) return err('--region applies only with --endpoint (a target profile names its own region)');
    const r = parseRegion(raw.region);
    if (!r.ok) return r;
    o.region = r.value;
  }
  if (raw.suite !== undefined) {
    const names = parseList(raw.suite);
    if (names.length === 0) return err('--suite needs at least one suite name');
    for (const n of names) {
      const r = parseName('--suite', n);
      if (!r.ok) return r;
    }
    o.suites = names;
  }
  if (raw.seed !== undefined) {
    const r = parseInteger('--seed', raw.seed, LIMITS.seed.min, LIMITS.seed.max);
    if (!r.ok) return r;
    o.seed = r.value;
  }
  if (raw.concurrency !== undefined) {
    const r = parseInteger('--concurrency', raw.concurrency, LIMITS.concurrency.min, LIMITS.concurrency.max);
    if (!r.ok) return r;
    o.concurrency = r.value;
  }
  if (raw.runs !== undefined) {
    const r = parseInteger('--runs', raw.runs, LIMITS.runs.min, LIMITS.runs.max);
    if (!r.ok) return r;
    o.runs = r.value;
  }
  if (raw.strictness !== undefined) {
    const r = parseStrictness(raw.strictness);
    if (!r.ok) return r;
    o.strictness = r.value;
  }
  if (raw.report !== undefined) {
    const r = parseReportKinds(raw.report);
    if (!r.ok) return r;
    o.reports = r.value;
  }
  if (raw.out !== undefined) {
    if (raw.out.trim() === '') return err('--out needs a folder');
    o.out = raw.out;
  }
  if (raw.workDir !== undefined) {
    if (raw.workDir.trim() === '') return err('--work-dir needs a folder');
    o.workDir = raw.workDir;
  }
  if (raw.replay !== undefined) {
    const r = parseReplay(raw.replay);
    if (!r.ok) return r;
    o.replay = r.value;
  }
  if (raw.shrinkBudget !== undefined) {
    const r = parseInteger('--shrink-budget', raw.shrinkBudget, LIMITS.shrinkBudgetSeconds.min, LIMITS.shrinkBudgetSeconds.max);
    if (!r.ok) return r;
    o.timeBudgetMs = r.value * 1000;
  }
  if (raw.baseline !== undefined) {
    if (raw.baseline.trim() === '') return err('--baseline needs a file');
    o.baseline = raw.baseline;
  }
  if (raw.updateBaseline === true) {
    if (o.baseline === undefined) return err('--update-baseline needs --baseline FILE (the file to rewrite)');
    o.updateBaseline = true;
  }
  return ok(o);
}

/** `serve`: where the reference server listens. */
export interface ServeCliOptions {
  port: number;
  host: string;
  /** Region of queue ARNs (default: the server's, us-east-1). */
  region?: string;
  /** Account id of queue URLs and ARNs (default: the server's, 000000000000). */
  accountId?: string;
}

export interface RawServeOptions {
  port?: string;
  host?: string;
  region?: string;
  accountId?: string;
}

/** 9324 is the port local SQS servers customarily use (ElasticMQ's default). */
export const SERVE_DEFAULTS = { port: 9324, host: '127.0.0.1' } as const;

/** A host name, an IPv4 address or an IPv6 address (brackets allowed and removed). */
export function parseHost(raw: string): Result<string> {
  const s = raw.trim().replace(/^\[(.*)\]$/, '$1');
  const hostname = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\.?$/;
  const ipv6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;
  if (!hostname.test(s) && !ipv6.test(s)) return err(`--host must be a host name or an IP address, got ${quote(raw)}`);
  return ok(s);
}

export function validateServeOptions(raw: RawServeOptions): Result<ServeCliOptions> {
  const o: ServeCliOptions = { ...SERVE_DEFAULTS };
  if (raw.port !== undefined) {
    const r = parseInteger('--port', raw.port, 0, 65535);
    if (!r.ok) return r;
    o.port = r.value;
  }
  if (raw.host !== undefined) {
    const r = parseHost(raw.host);
    if (!r.ok) return r;
    o.host = r.value;
  }
  // sqs-semantics.md 2: ARN `arn:aws:sqs:<region>:<account-id>:<name>`, URL `…/<account-id>/<name>`.
  if (raw.region !== undefined) {
    const r = parseRegion(raw.region);
    if (!r.ok) return r;
    o.region = r.value;
  }
  if (raw.accountId !== undefined) {
    if (!/^\d{12}$/.test(raw.accountId)) return err(`--account-id must be 12 digits, got ${quote(raw.accountId)}`);
    o.accountId = raw.accountId;
  }
  return ok(o);
}

/** What the runner says it can run (runner's SUITES). */
export type SuiteTable = Record<string, { properties: string[]; description: string }>;

/**
 * Resolves the suites to run against the runner's table: unknown names are errors; no `--suite`
 * means every suite, or only the replayed property's suite.
 */
export function resolveSuites(options: Pick<RunCliOptions, 'suites' | 'replay'>, table: SuiteTable): Result<string[]> {
  const known = Object.keys(table);
  if (options.suites) {
    const unknown = options.suites.filter((s) => !Object.hasOwn(table, s));
    if (unknown.length > 0) {
      return err(`unknown suite ${unknown.map(quote).join(', ')} (known: ${known.join(', ') || 'none'})`);
    }
  }
  if (options.replay) {
    const { property } = options.replay;
    const base = property.replace(/#\d+$/, '');
    const owners = known.filter((s) => table[s]!.properties.includes(base));
    if (owners.length === 0) return err(`--replay names unknown property ${quote(property)} (see 'sqs-conformance suites')`);
    const chosen = options.suites ? owners.filter((s) => options.suites!.includes(s)) : owners;
    if (chosen.length === 0) return err(`property ${quote(property)} is not in suite ${options.suites!.map(quote).join(', ')}`);
    if (chosen.length > 1) return err(`property ${quote(property)} is in several suites (${chosen.join(', ')}); pick one with --suite`);
    return ok(chosen);
  }
  if (options.suites) return ok(options.suites);
  if (known.length === 0) return err('the runner offers no suite');
  return ok(known);
}

interface Sink {
  out: string;
  err: string;
  command?: { name: 'run'; opts: RawRunOptions } | { name: 'suites' } | { name: 'serve'; opts: RawServeOptions } | { name: 'matrix'; opts: RawMatrixOptions } | { name: 'check-settings'; opts: RawCheckSettings } | { name: 'simulate'; opts: RawSimulate } | { name: 'check'; opts: RawCheckHistory };
}

/** Appends repeated values: `--suite a --suite b` is `a,b`. */
const collect = (value: string, previous: string | undefined): string => (previous === undefined ? value : `${previous},${value}`);

/** The commander program, with actions that only record what was asked. */
export function buildProgram(version: string, sink: Sink): Command {
  const program = new Command('sqs-conformance')
    .description('Judges how faithfully a server behaves like Amazon SQS.')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => {
        sink.out += s;
      },
      writeErr: (s) => {
        sink.err += s;
      },
      outputError: () => {
        // The error reaches the caller as a CommanderError and is printed there, once.
      },
      // No terminal look-ups: a fixed width and no colours keep parsing pure.
      getOutHelpWidth: () => 100,
      getErrHelpWidth: () => 100,
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);

  program
    .command('run')
    .description('run conformance suites against a target (default: the embedded reference server)')
    .addOption(new Option('--endpoint <url>', 'SQS endpoint of a running target'))
    .addOption(new Option('--target <name>', 'a named target (launcher or profile), e.g. reference'))
    .addOption(new Option('--stack-outputs <file>', 'use the queues of a CDK deployment (cdk deploy --outputs-file) instead of creating queues'))
    .addOption(new Option('--region <region>', 'region for --endpoint (default: the endpoint profile’s)'))
    .addOption(new Option('--suite <names>', 'suites to run, comma-separated (default: all)').argParser(collect))
    .addOption(new Option('--seed <n>', 'fast-check seed (default: random, printed)'))
    .addOption(new Option('--concurrency <k>', `scenarios run at once (default ${DEFAULTS.concurrency})`))
    .addOption(new Option('--runs <n>', 'scenarios per property (default: per suite)'))
    .addOption(new Option('--strictness <level>', 'guaranteed or typical (default: the target profile’s)'))
    .addOption(new Option('--report <kinds>', `reports: ${REPORT_KINDS.join(',')} (default ${DEFAULTS.reports.join(',')})`).argParser(collect))
    .addOption(new Option('--out <dir>', `folder for report files (default ${DEFAULTS.out})`))
    .addOption(new Option('--replay <property:path>', 'replay one counterexample (use with the seed it was found with)'))
    .addOption(new Option('--shrink-budget <seconds>', 'time allowed for shrinking a counterexample'))
    .addOption(new Option('--work-dir <dir>', 'folder for launcher installs and logs (default: .peers in the package)'))
    .addOption(new Option('--no-color', 'no colours in the terminal report'))
    .addOption(new Option('--baseline <file>', 'judge against this baseline: exit 1 on a new divergence or a listed one that vanished'))
    .addOption(new Option('--update-baseline', 'rewrite the --baseline file from what this run observed'))
    .action((opts: RawRunOptions) => {
      sink.command = { name: 'run', opts };
    });

  program
    .command('matrix')
    .description('run the suites against every peer (all launchers) and write one scoreboard')
    .addOption(new Option('--targets <names>', 'launchers to run, comma-separated (default: all)').argParser(collect))
    .addOption(new Option('--suite <names>', 'suites to run, comma-separated (default: all)').argParser(collect))
    .addOption(new Option('--seed <n>', 'fast-check seed for every target (default: random, printed)'))
    .addOption(new Option('--runs <n>', 'scenarios per property (default: per suite)'))
    .addOption(new Option('--concurrency <k>', `scenarios run at once within a target (default ${DEFAULTS.concurrency})`))
    .addOption(new Option('--parallel <n>', 'targets run at once (default: one per core, at most 4)'))
    .addOption(new Option('--strictness <level>', 'guaranteed or typical (default: each target profile’s)'))
    .addOption(new Option('--shrink-budget <seconds>', 'time allowed for shrinking a counterexample'))
    .addOption(new Option('--out <dir>', `folder for the scoreboard and per-target reports (default ${MATRIX_DEFAULTS.out})`))
    .addOption(new Option('--baselines <dir>', 'judge each target against <dir>/<target>.json'))
    .addOption(new Option('--update-baselines', 'rewrite <dir>/<target>.json from what was observed (default dir conformance/baselines)'))
    .addOption(new Option('--work-dir <dir>', 'folder for launcher installs and logs (default: .peers in the package)'))
    .action((opts: RawMatrixOptions) => {
      sink.command = { name: 'matrix', opts };
    });

  program
    .command('serve')
    .description('run the reference server as a local SQS (JSON 1.0 and Query) until Ctrl-C')
    .addOption(new Option('--port <n>', `port to listen on, 0 for any free one (default ${SERVE_DEFAULTS.port})`))
    .addOption(new Option('--host <host>', `address to listen on (default ${SERVE_DEFAULTS.host})`))
    .addOption(new Option('--region <region>', 'region of queue ARNs (default us-east-1)'))
    .addOption(new Option('--account-id <id>', 'account id of queue URLs and ARNs (default 000000000000)'))
    .action((opts: RawServeOptions) => {
      sink.command = { name: 'serve', opts };
    });

  program
    .command('suites')
    .description('list the suites and their properties')
    .action(() => {
      sink.command = { name: 'suites' };
    });

  registerCheckSettings(program, (opts) => (sink.command = { name: 'check-settings', opts }));
  registerSimulate(program, (opts) => (sink.command = { name: 'simulate', opts }));
  registerCheckHistory(program, (opts) => (sink.command = { name: 'check', opts }));

  return program;
}

/** One line from a commander message: `error: ` prefix dropped, lines joined. */
function commanderLine(message: string): string {
  return message
    .replace(/^error:\s*/i, '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .join(' ');
}

/** Parses the whole command line (without `node` and the script). */
export function parseCli(argv: readonly string[], version: string): CliCommand {
  const sink: Sink = { out: '', err: '' };
  const program = buildProgram(version, sink);
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return { kind: 'print', text: sink.out };
      if (e.code === 'commander.help' || e.code === 'commander.executeSubCommandAsync') {
        return { kind: 'error', error: "missing command (try 'sqs-conformance --help')" };
      }
      return { kind: 'error', error: commanderLine(e.message) };
    }
    return { kind: 'error', error: commanderLine(e instanceof Error ? e.message : String(e)) };
  }
  if (!sink.command) return { kind: 'error', error: "missing command (try 'sqs-conformance --help')" };
  if (sink.command.name === 'suites') return { kind: 'suites' };
  if (sink.command.name === 'check-settings') {
    const c = validateCheckSettings(sink.command.opts);
    return c.ok ? { kind: 'check-settings', options: c.value } : { kind: 'error', error: c.error };
  }
  if (sink.command.name === 'check') {
    const c = validateCheckHistory(sink.command.opts);
    return c.ok ? { kind: 'check', options: c.value } : { kind: 'error', error: c.error };
  }
  if (sink.command.name === 'simulate') {
    const c = validateSimulate(sink.command.opts);
    return c.ok ? { kind: 'simulate', options: c.value } : { kind: 'error', error: c.error };
  }
  if (sink.command.name === 'serve') {
    const s = validateServeOptions(sink.command.opts);
    return s.ok ? { kind: 'serve', options: s.value } : { kind: 'error', error: s.error };
  }
  if (sink.command.name === 'matrix') {
    const m = validateMatrixOptions(sink.command.opts);
    return m.ok ? { kind: 'matrix', options: m.value } : { kind: 'error', error: m.error };
  }
  const v = validateRunOptions(sink.command.opts);
  return v.ok ? { kind: 'run', options: v.value } : { kind: 'error', error: v.error };
}

/** `run`'s arguments alone (argv after `run`): the options or a one-line error. */
export function parseRunArgs(argv: readonly string[]): { ok: true; options: RunCliOptions } | { ok: false; error: string } {
  const c = parseCli(['run', ...argv], '0.0.0');
  switch (c.kind) {
    case 'run':
      return { ok: true, options: c.options };
    case 'error':
      return { ok: false, error: c.error };
    default:
      return { ok: false, error: 'not a run command' };
  }
}

/** `matrix`: which peers and suites, where the scoreboard goes, and the baselines to judge by. */
export interface MatrixCliOptions {
  /** Undefined: every launcher. */
  targets?: string[];
  /** Undefined: every suite. */
  suites?: string[];
  seed?: number;
  runs?: number;
  concurrency: number;
  /** Targets at once; undefined: one per core, at most 4. */
  parallel?: number;
  strictness?: Strictness;
  timeBudgetMs?: number;
  out: string;
  baselines?: string;
  updateBaselines: boolean;
  workDir?: string;
}

export interface RawMatrixOptions {
  targets?: string;
  suite?: string;
  seed?: string;
  runs?: string;
  concurrency?: string;
  parallel?: string;
  strictness?: string;
  shrinkBudget?: string;
  out?: string;
  baselines?: string;
  updateBaselines?: boolean;
  workDir?: string;
}

export const MATRIX_DEFAULTS = { out: './sqs-conformance-report/matrix' } as const;

/** Validates raw `matrix` options; the first problem found is the error. */
export function validateMatrixOptions(raw: RawMatrixOptions): Result<MatrixCliOptions> {
  const o: MatrixCliOptions = { concurrency: DEFAULTS.concurrency, out: MATRIX_DEFAULTS.out, updateBaselines: raw.updateBaselines === true };
  const names = (flag: string, value: string): Result<string[]> => {
    const list = parseList(value);
    if (list.length === 0) return err(`${flag} needs at least one name`);
    for (const n of list) {
      const r = parseName(flag, n);
      if (!r.ok) return r;
    }
    return ok(list);
  };
  if (raw.targets !== undefined) {
    const r = names('--targets', raw.targets);
    if (!r.ok) return r;
    o.targets = r.value;
  }
  if (raw.suite !== undefined) {
    const r = names('--suite', raw.suite);
    if (!r.ok) return r;
    o.suites = r.value;
  }
  const integers: Array<[keyof RawMatrixOptions, string, { min: number; max: number }, (n: number) => void]> = [
    ['seed', '--seed', LIMITS.seed, (n) => (o.seed = n)],
    ['runs', '--runs', LIMITS.runs, (n) => (o.runs = n)],
    ['concurrency', '--concurrency', LIMITS.concurrency, (n) => (o.concurrency = n)],
    ['parallel', '--parallel', { min: 1, max: 64 }, (n) => (o.parallel = n)],
    ['shrinkBudget', '--shrink-budget', LIMITS.shrinkBudgetSeconds, (n) => (o.timeBudgetMs = n * 1000)],
  ];
  for (const [key, flag, range, set] of integers) {
    const v = raw[key];
    if (typeof v !== 'string') continue;
    const r = parseInteger(flag, v, range.min, range.max);
    if (!r.ok) return r;
    set(r.value);
  }
  if (raw.strictness !== undefined) {
    const r = parseStrictness(raw.strictness);
    if (!r.ok) return r;
    o.strictness = r.value;
  }
  if (raw.out !== undefined) {
    if (raw.out.trim() === '') return err('--out needs a folder');
    o.out = raw.out;
  }
  if (raw.baselines !== undefined) {
    if (raw.baselines.trim() === '') return err('--baselines needs a folder');
    o.baselines = raw.baselines;
  }
  if (raw.workDir !== undefined) {
    if (raw.workDir.trim() === '') return err('--work-dir needs a folder');
    o.workDir = raw.workDir;
  }
  return ok(o);
}
