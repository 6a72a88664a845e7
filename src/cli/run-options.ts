// The options `run` and `matrix` share, each defined once (its commander option next to its check),
// and the one place that resolves them into the runner's options: --suite, --property and --replay
// against the registered suites, the seed, and the strictness from the target's profile.
import { Option, type Command, type OptionValues } from 'commander';
import { KIT_COMMAND, shellArg } from '../runner/replay.js';
import { REPORT_KINDS, type ReportKind } from '../report/index.js';
import type { SuiteDefinition } from '../suite/index.js';
import type { Strictness } from '../spec/types.js';
import { protocolsOf } from '../target/protocols.js';
import type { Protocol, RunningTarget, TargetProfile } from '../target/types.js';
import type { CliDeps, CliIO, CliRunOptions, Result, RunnerApi, TargetApi } from './contracts.js';
import { errorLine, load } from './io.js';
import { apply, collect, err, ok, parseInteger, parseNames, parsePath, parseReportKinds, parseStrictness, quote } from './parse.js';

export const LIMITS = {
  seed: { min: -2147483648, max: 4294967295 },
  concurrency: { min: 1, max: 256 },
  runs: { min: 1, max: 1_000_000 },
  shrinkBudgetSeconds: { min: 1, max: 86_400 },
  confirm: { min: 0, max: 10 },
} as const;

/** Reruns that confirm a difference from a baseline when `--confirm` is not given. */
export const DEFAULT_CONFIRM = 2;

export const DEFAULT_CONCURRENCY = 32;

/** What run and matrix share, validated. Absent: resolved later (seed: random, printed; strictness: the target profile's; suites and properties: all the target supports). */
export type SharedOptions = Pick<CliRunOptions, 'concurrency'> &
  Partial<Pick<CliRunOptions, 'seed' | 'strictness' | 'runs' | 'timeBudgetMs' | 'properties'>> & {
    /** `--suite` names. */
    suites?: string[];
    /** `--protocol`: json, query or both (absent: the target profile's protocol only). */
    protocol?: ProtocolChoice;
    reports: ReportKind[];
    out: string;
    workDir?: string;
    /**
     * With a baseline: reruns of the properties that differ from it, at most; a difference fails
     * the run only when every rerun repeats it (src/runner/confirm.ts). Default DEFAULT_CONFIRM.
     */
    confirm: number;
  };

/** Where run and matrix differ in their shared flags. */
export interface SharedDefaults {
  reports: readonly ReportKind[];
  out: string;
}

/** What `--protocol` takes (issue 12): one wire protocol, or both, one run (and one report row) each. */
export type ProtocolChoice = 'json' | 'query' | 'both';
const PROTOCOL_CHOICES: readonly ProtocolChoice[] = ['json', 'query', 'both'];

export function parseProtocol(raw: string): Result<ProtocolChoice> {
  const v = raw.trim().toLowerCase();
  return (PROTOCOL_CHOICES as readonly string[]).includes(v) ? ok(v as ProtocolChoice) : err(`--protocol must be json, query or both, got ${quote(raw)}`);
}

/**
 * The protocols a run speaks to a target: those asked for that the target speaks (`json` / `query`
 * capabilities), in the order JSON then Query; without --protocol, the profile's own. `skipped`
 * names those asked for that the target does not speak.
 */
export function resolveProtocols(choice: ProtocolChoice | undefined, profile: Pick<TargetProfile, 'capabilities' | 'protocol'>): { run: Protocol[]; skipped: Protocol[] } {
  if (choice === undefined) return { run: [profile.protocol], skipped: [] };
  const spoken = protocolsOf(profile);
  const asked: Protocol[] = choice === 'both' ? ['json', 'query'] : [choice];
  return { run: asked.filter((p) => spoken.includes(p)), skipped: asked.filter((p) => !spoken.includes(p)) };
}

const integer = (flag: string, range: { min: number; max: number }) => (raw: string) => parseInteger(flag, raw, range.min, range.max);

/** A shared flag: its commander option, and how its value is read into the options (gives the error, if any). */
interface SharedFlag {
  option(d: SharedDefaults): Option;
  read(raw: string, o: SharedOptions): string | undefined;
}

const FLAGS: readonly SharedFlag[] = [
  {
    option: () => new Option('--suite <names>', 'suites to run, comma-separated (default: every suite the target supports)').argParser(collect),
    read: (raw, o) => apply(parseNames('--suite', raw), (v) => (o.suites = v)),
  },
  {
    option: () => new Option('--property <names>', 'only these properties of the suites, comma-separated (default: all)').argParser(collect),
    read: (raw, o) => apply(parseNames('--property', raw), (v) => (o.properties = v)),
  },
  {
    option: () => new Option('--protocol <json|query|both>', 'wire protocol: json, query, or both (one run and one report row each; default: the target profile’s)'),
    read: (raw, o) => apply(parseProtocol(raw), (v) => (o.protocol = v)),
  },
  {
    option: () => new Option('--seed <n>', 'fast-check seed (default: random, printed)'),
    read: (raw, o) => apply(integer('--seed', LIMITS.seed)(raw), (n) => (o.seed = n)),
  },
  {
    option: () => new Option('--runs <n>', 'scenarios per property (default: per property)'),
    read: (raw, o) => apply(integer('--runs', LIMITS.runs)(raw), (n) => (o.runs = n)),
  },
  {
    option: () => new Option('--concurrency <k>', `scenarios run at once against a target (default ${DEFAULT_CONCURRENCY})`),
    read: (raw, o) => apply(integer('--concurrency', LIMITS.concurrency)(raw), (n) => (o.concurrency = n)),
  },
  {
    option: () => new Option('--strictness <level>', 'guaranteed or typical (default: the target profile’s)'),
    read: (raw, o) => apply(parseStrictness(raw), (v) => (o.strictness = v)),
  },
  {
    option: () => new Option('--shrink-budget <seconds>', 'time allowed for shrinking a counterexample'),
    read: (raw, o) => apply(integer('--shrink-budget', LIMITS.shrinkBudgetSeconds)(raw), (n) => (o.timeBudgetMs = n * 1000)),
  },
  {
    option: () => new Option('--confirm <n>', `with a baseline: rerun the properties that differ from it up to n times; a difference counts only when every rerun repeats it (default ${DEFAULT_CONFIRM}; 0: never rerun)`),
    read: (raw, o) => apply(integer('--confirm', LIMITS.confirm)(raw), (n) => (o.confirm = n)),
  },
  {
    option: (d) => new Option('--report <kinds>', `reports: ${REPORT_KINDS.join(',')} (default ${d.reports.join(',')})`).argParser(collect),
    read: (raw, o) => apply(parseReportKinds(raw), (v) => (o.reports = v)),
  },
  {
    option: (d) => new Option('--out <dir>', `folder for report files (default ${d.out})`),
    read: (raw, o) => apply(parsePath('--out', raw, 'folder'), (v) => (o.out = v)),
  },
  {
    option: () => new Option('--work-dir <dir>', 'folder for launcher installs and logs (default: .peers in the package)'),
    read: (raw, o) => apply(parsePath('--work-dir', raw, 'folder'), (v) => (o.workDir = v)),
  },
];

/** Adds the shared flags to `run` or `matrix`. */
export function addSharedOptions(command: Command, d: SharedDefaults): Command {
  for (const f of FLAGS) command.addOption(f.option(d));
  return command;
}

/** Validates the shared flags; the first problem found is the error. */
export function validateShared(raw: OptionValues, d: SharedDefaults): Result<SharedOptions> {
  const o: SharedOptions = { concurrency: DEFAULT_CONCURRENCY, confirm: DEFAULT_CONFIRM, reports: [...d.reports], out: d.out };
  for (const f of FLAGS) {
    const value: unknown = raw[f.option(d).attributeName()];
    if (typeof value !== 'string') continue;
    const problem = f.read(value, o);
    if (problem !== undefined) return err(problem);
  }
  return ok(o);
}

/** What the runner is told to select, checked against the registered suites. */
export interface Selection {
  /** Only these suites (absent: every suite the target supports). */
  only?: string[];
  properties?: string[];
  replay?: { property: string; path: string };
  /** The suites in play, for logs and the scoreboard. */
  names: string[];
}

/**
 * --suite, --property and --replay against the registered suites: unknown names are errors that
 * list the known ones, and a replay runs only its property's suite.
 */
export function resolveSelection(o: { suites?: string[]; properties?: string[]; replay?: string }, all: readonly SuiteDefinition[]): Result<Selection> {
  const known = all.map((s) => s.name);
  const unknown = (o.suites ?? []).filter((n) => !known.includes(n));
  if (unknown.length > 0) return err(`unknown suite ${unknown.map(quote).join(', ')} (known: ${known.join(', ') || 'none'})`);
  const inScope = o.suites ? all.filter((s) => o.suites!.includes(s.name)) : all;
  const propertyNames = [...new Set(inScope.flatMap((s) => s.properties.map((p) => p.name)))];
  const badProperty = (o.properties ?? []).filter((p) => !propertyNames.includes(p));
  if (badProperty.length > 0) return err(`unknown property ${badProperty.map(quote).join(', ')} (properties: ${propertyNames.join(', ') || 'none'}; see: ${KIT_COMMAND} suites)`);
  const selection: Selection = { names: inScope.map((s) => s.name), ...(o.suites ? { only: o.suites } : {}), ...(o.properties ? { properties: o.properties } : {}) };
  if (o.replay === undefined) return ok(selection);

  const replay = parseReplay(o.replay, propertyNames[0] ?? 'visibility');
  if (!replay.ok) return replay;
  const base = replay.value.property.replace(/#\d+$/, '');
  const owners = inScope.filter((s) => s.properties.some((p) => p.name === base)).map((s) => s.name);
  if (owners.length === 0) return err(`--replay names unknown property ${quote(base)} (properties: ${propertyNames.join(', ') || 'none'}; see: ${KIT_COMMAND} suites)`);
  if (owners.length > 1) return err(`property ${quote(base)} is in several suites (${owners.join(', ')}); pick one with --suite`);
  return ok({ ...selection, only: owners, names: owners, replay: replay.value });
}

/**
 * `PROPERTY#INSTANCE:PATH` as a report's replay line prints it, split at the first colon (a
 * fast-check path has colons: `3:0:1`); the instance may be left out. `example` names a real property.
 */
export function parseReplay(raw: string, example: string): Result<{ property: string; path: string }> {
  const i = raw.indexOf(':');
  const shape = `PROPERTY#INSTANCE:PATH as a report's replay line gives it (e.g. ${example}#0:3:1)`;
  if (i <= 0) return err(`--replay must be ${shape}, got ${quote(raw)}`);
  const property = raw.slice(0, i).trim();
  const path = raw.slice(i + 1).trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*(#\d+)?$/.test(property)) return err(`--replay must be ${shape}; ${quote(property)} is not a property`);
  if (!/^\d+(:\d+)*$/.test(path)) return err(`--replay path must be numbers separated by ':' (a fast-check path), got ${quote(path)}`);
  return ok({ property, path });
}

export interface Prepared {
  suites: readonly SuiteDefinition[];
  selection: Selection;
  runner: RunnerApi;
  targets: TargetApi;
}

/**
 * What run and matrix need before anything starts or prints: the registered suites and the
 * selection checked against them, then the runner and the target support. A failure is printed
 * (one line) and gives undefined.
 */
export async function prepareRun(o: Pick<SharedOptions, 'suites' | 'properties'> & { replay?: string }, io: CliIO, deps: CliDeps): Promise<Prepared | undefined> {
  const suites = await load(io, 'the suites', () => deps.loadSuites());
  if (!suites) return undefined;
  const selection = resolveSelection(o, suites);
  if (!selection.ok) {
    errorLine(io, selection.error);
    return undefined;
  }
  const runner = await load(io, 'the runner', () => deps.loadRunner());
  const targets = runner && (await load(io, 'the target support', () => deps.loadTargets()));
  return runner && targets ? { suites, selection: selection.value, runner, targets } : undefined;
}

/** The run's seed: the one given, else a random one (the caller prints it). */
export function resolveSeed(o: Pick<SharedOptions, 'seed'>, io: CliIO): number {
  return o.seed ?? io.randomSeed();
}

/** How a replay line names the target as the user did: ` --target fauxqs`, ` --endpoint URL`, or nothing for the reference server. */
export function targetArgs(o: { endpoint?: string; region?: string; target?: string }): string {
  if (o.endpoint !== undefined) return ` --endpoint ${shellArg(o.endpoint)}${o.region !== undefined ? ` --region ${shellArg(o.region)}` : ''}`;
  if (o.target !== undefined && o.target !== 'reference') return ` --target ${shellArg(o.target)}`;
  return '';
}

/** The strictness a run or a check judges at: the one asked for, else the target profile's. */
export function resolveStrictness(asked: Strictness | undefined, profile: Pick<TargetProfile, 'defaultStrictness'>): Strictness {
  return asked ?? profile.defaultStrictness;
}

/** Per run: what the runner needs beyond the options (the seed is resolved once per command). */
export type RunContext = Pick<CliRunOptions, 'seed' | 'targetArgs' | 'onProgress' | 'signal' | 'providedQueues'>;

/** The runner's options for one target (the target's defaults applied). */
export function runnerOptions(o: SharedOptions, selection: Selection, suites: readonly SuiteDefinition[], target: RunningTarget, ctx: RunContext): CliRunOptions {
  const r: CliRunOptions = { ...ctx, target, suites, concurrency: o.concurrency, strictness: resolveStrictness(o.strictness, target.profile) };
  if (selection.only) r.only = selection.only;
  if (selection.properties) r.properties = selection.properties;
  if (selection.replay) r.replay = selection.replay;
  if (o.runs !== undefined) r.runs = o.runs;
  if (o.timeBudgetMs !== undefined) r.timeBudgetMs = o.timeBudgetMs;
  return r;
}
