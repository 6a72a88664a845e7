// The matrix: the same suites against every peer, one scoreboard. `runMatrix` installs, starts,
// runs and stops each target (a few at a time; each phase reported as it begins and ends; a target
// that fails to install, start or run becomes an error row, never a crash); `buildScoreboard` turns the results into the numbers the scoreboard shows (PURE).
// Starting and running are injected, so this file does not load the SDK or any launcher.
import type { Grade } from '../check/types.js';
import type { Strictness } from '../spec/types.js';
import { compareWithBaseline, divergenceKey, emptyBaseline, propertyBase, withinBaseline, type Baseline, type BaselineComparison, type BaselineEntry } from './baseline.js';
import type { PropertyResult, ReportedDivergence, RunReport } from './types.js';

export const SCOREBOARD_SCHEMA_VERSION = 1;

/** What happened to one target (one row: a target over one protocol, when it ran over several). */
export interface MatrixTargetResult {
  /** The row's name: the target's, or `<target> (<protocol>)` when the target ran over several protocols. */
  name: string;
  /** The target (launcher) the row belongs to, when the row name is not the target's name. */
  target?: string;
  /** The run's report (absent when the target did not start or the run threw). */
  report?: RunReport;
  /** Why there is no report (one line). */
  error?: string;
  /** When the target did not start: its log file and last lines (from the launcher's error). */
  errorLog?: ErrorLog;
  /** Start + run + stop, ms. */
  durationMs: number;
}

/** The end of a peer's log, shown with an error row. */
export interface ErrorLog {
  file: string;
  tail: string[];
}

/** The `log` a launcher's error carries (TargetError), read without importing the target layer. */
function errorLogOf(e: unknown): ErrorLog | undefined {
  const log = (e as { log?: { file?: unknown; tail?: unknown } } | undefined)?.log;
  if (!log || typeof log.file !== 'string' || !Array.isArray(log.tail)) return undefined;
  return { file: log.file, tail: log.tail.filter((l): l is string => typeof l === 'string') };
}

/** What a target goes through: its install (peers from their locks), start, run, stop. */
export type MatrixPhase = 'install' | 'start' | 'run' | 'stop';

export type MatrixEvent =
  | { kind: 'phase'; target: string; phase: MatrixPhase; state: 'begin' }
  /** A phase ended: how long it took, what it did (`already installed …`), or why it failed. */
  | { kind: 'phase'; target: string; phase: MatrixPhase; state: 'end'; ms: number; detail?: string; failed?: string }
  | { kind: 'finished'; target: string; result: MatrixTargetResult }
  | { kind: 'warning'; target: string; text: string };

export interface MatrixHooks<T extends { stop(): Promise<void> }> {
  /** Installs what the target needs before it starts (a peer from its lock); says what it did, undefined when nothing is needed. */
  install?(name: string): Promise<string | undefined>;
  start(name: string): Promise<T>;
  /**
   * The target's run; a list when it ran once per protocol (issue 12: `--protocol both`): each
   * report becomes a row `<name> (<protocol>)`, the target started and stopped once.
   */
  run(name: string, target: T): Promise<RunReport | RunReport[]>;
  onEvent?(e: MatrixEvent): void;
  signal?: AbortSignal;
  /** Milliseconds, for durations (default Date.now). */
  now?(): number;
}

/** An endpoint without user info, query or fragment: the scoreboard never shows credentials. */
function withoutUserInfo(endpoint: string): string {
  try {
    const u = new URL(endpoint);
    return `${u.protocol}//${u.host}${u.pathname}`.replace(/\/$/, '');
  } catch {
    return endpoint.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1').replace(/[?#].*$/, '');
  }
}

/** Targets at once when not given: one per core, at most 4 (each target runs many scenarios itself). */
export function defaultParallel(cores: number | undefined): number {
  return Math.max(1, Math.min(4, cores ?? 2));
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/\s*[\r\n]+\s*/g, ' ').trim();

/**
 * Runs every target, at most `parallel` at once, each started, run and stopped in turn. Results come
 * back in the order of `targets`. Never throws for a target's failure.
 */
export async function runMatrix<T extends { stop(): Promise<void> }>(targets: readonly string[], parallel: number, hooks: MatrixHooks<T>): Promise<MatrixTargetResult[]> {
  const now = hooks.now ?? Date.now;
  const emit = hooks.onEvent ?? (() => {});
  const results: MatrixTargetResult[][] = new Array(targets.length);
  let next = 0;
  /** Runs one phase between its begin and end events; the end says how long, and what or why. */
  const phase = async <R>(name: string, p: MatrixPhase, work: () => Promise<R>, detail?: (r: R) => string | undefined): Promise<R> => {
    const t = now();
    emit({ kind: 'phase', target: name, phase: p, state: 'begin' });
    try {
      const r = await work();
      const d = detail?.(r);
      emit({ kind: 'phase', target: name, phase: p, state: 'end', ms: now() - t, ...(d !== undefined ? { detail: d } : {}) });
      return r;
    } catch (e) {
      emit({ kind: 'phase', target: name, phase: p, state: 'end', ms: now() - t, failed: messageOf(e) });
      throw e;
    }
  };
  const one = async (name: string): Promise<MatrixTargetResult[]> => {
    const t0 = now();
    if (hooks.signal?.aborted) return [{ name, error: 'interrupted before it started', durationMs: 0 }];
    if (hooks.install) {
      try {
        await phase(name, 'install', () => hooks.install!(name), (d) => d);
      } catch (e) {
        const errorLog = errorLogOf(e);
        return [{ name, error: `did not install: ${messageOf(e)}`, ...(errorLog ? { errorLog } : {}), durationMs: now() - t0 }];
      }
    }
    let target: T;
    try {
      target = await phase(name, 'start', () => hooks.start(name));
    } catch (e) {
      const errorLog = errorLogOf(e);
      return [{ name, error: `did not start: ${messageOf(e)}`, ...(errorLog ? { errorLog } : {}), durationMs: now() - t0 }];
    }
    let rows: MatrixTargetResult[];
    try {
      const summary = (r: RunReport): string => `${r.target.protocol}: ${r.verdict}, ${r.divergences.length} divergence occurrence${r.divergences.length === 1 ? '' : 's'}`;
      const ran = await phase(name, 'run', () => hooks.run(name, target), (r) => (Array.isArray(r) ? r.map(summary).join('; ') : summary(r).replace(/^[^:]*: /, '')));
      rows = Array.isArray(ran)
        ? ran.map((report) => ({ name: protocolRow(name, report.target.protocol), target: name, report, durationMs: report.durationMs }))
        : [{ name, report: ran, durationMs: 0 }];
      if (rows.length === 0) rows = [{ name, error: 'no protocol to run over', durationMs: 0 }];
    } catch (e) {
      rows = [{ name, error: `the run failed: ${messageOf(e)}`, durationMs: 0 }];
    }
    try {
      await phase(name, 'stop', () => target.stop());
    } catch (e) {
      emit({ kind: 'warning', target: name, text: `stopping failed: ${messageOf(e)}` });
    }
    // One row: start + run + stop; several: each its run (the start and stop are shared).
    if (rows.length === 1 && rows[0]!.target === undefined) rows[0]!.durationMs = now() - t0;
    return rows;
  };
  const workers = Array.from({ length: Math.max(1, Math.min(parallel, targets.length)) }, async () => {
    while (next < targets.length) {
      const i = next++;
      const name = targets[i]!;
      const rows = await one(name);
      results[i] = rows;
      for (const r of rows) emit({ kind: 'finished', target: r.name, result: r });
    }
  });
  await Promise.all(workers);
  return results.flat();
}

/** The row of a target run over one of several protocols: `moto (query)`. */
export function protocolRow(target: string, protocol: string): string {
  return `${target} (${protocol})`;
}

/** The target a row belongs to (its baseline file is the target's). */
export function rowTarget(r: Pick<MatrixTargetResult, 'name' | 'target'>): string {
  return r.target ?? r.name;
}

// ---------------------------------------------------------------------------------------------
// Scoreboard (the numbers; src/report renders them)

export type TargetStatus = 'conformant' | 'divergent' | 'within-baseline' | 'outside-baseline' | 'unknown' | 'error';

export interface ScenarioCounts {
  passed: number;
  total: number;
  failed: number;
  error: number;
  unknown: number;
}

export interface ScoreboardProperty extends ScenarioCounts {
  suite: string;
  property: string;
  /** Distinct divergence ids seen in this property, in catalogue order. */
  divergenceIds: string[];
}

export interface ScoreboardArea {
  /** Catalogue area (`lifecycle`, `validation`, …) or `uncatalogued`. */
  area: string;
  divergenceIds: string[];
  occurrences: number;
}

export interface ScoreboardDivergence {
  id: string;
  area: string;
  summary: string;
  strictness: Strictness;
  grades: Grade[];
  /** Reported divergences with this id. */
  occurrences: number;
  /** Property instances (scenarios) that showed it. */
  scenarios: number;
  /** `suite/property` scopes it occurred in. */
  scopes: string[];
  /** One command that replays it (the first scope's first instance). */
  replay: string;
  /** With baselines: `new` when any occurrence is not covered by an entry (and repeated by every rerun); `unconfirmed` when not covered but not repeated. */
  baseline?: 'new' | 'unconfirmed' | 'acknowledged';
}

/** What a cell of the suites × targets grid says. */
export type CellStatus = 'passed' | 'failed' | 'unknown' | 'not-run' | 'error';

/** One suite on one target: the grid's cell. */
export interface ScoreboardCell {
  suite: string;
  /**
   * `passed`: every property passed; `failed`: a divergence (or a failed instance); `unknown`: no
   * divergence but something could not be decided or did not run; `not-run`: the target did not
   * run this suite (`reason` says why); `error`: the target did not run at all.
   */
  status: CellStatus;
  /** Properties whose every instance passed / properties that ran (instances merged). */
  properties: { passed: number; total: number };
  scenarios: ScenarioCounts;
  /** Distinct divergence ids this suite showed. */
  divergenceIds: number;
  /** Divergence occurrences. */
  occurrences: number;
  /** With baselines: ids with an occurrence no entry covers, and ids every occurrence of which is baselined. */
  newIds?: number;
  baselinedIds?: number;
  /** With baselines: entries of this suite that did not occur (the baseline should shrink). */
  vanished?: number;
  /** Why it did not run (not-run, error). */
  reason?: string;
}

export interface ScoreboardBaseline {
  /** The baseline file, relative to where the command ran (absent: none existed, everything is new). */
  file?: string;
  within: boolean;
  counts: { new: number; acknowledged: number; vanished: number; notRun: number; dormant: number; unconfirmed: number };
  vanished: BaselineEntry[];
  /** Reruns that confirmed the differences (`--confirm`), and what they did not repeat. */
  reruns?: number;
  unconfirmed?: Array<{ kind: 'new' | 'came-back'; id: string; suite: string; property: string }>;
}

export interface ScoreboardTarget {
  name: string;
  status: TargetStatus;
  /** Counts toward a passing matrix: conformant, or within its baseline. */
  ok: boolean;
  error?: string;
  /** Error rows of targets that did not start: the end of the peer's log. */
  errorLog?: ErrorLog;
  endpoint?: string;
  protocol?: 'json' | 'query';
  strictness?: Strictness;
  verdict?: RunReport['verdict'];
  durationMs: number;
  scenarios: ScenarioCounts;
  properties: ScoreboardProperty[];
  /** The grid's column: one cell per suite of the scoreboard (`Scoreboard.suites`, in order). */
  suites: ScoreboardCell[];
  areas: ScoreboardArea[];
  divergences: ScoreboardDivergence[];
  /** Occurrences of divergences (sum over `divergences`). */
  divergenceCount: number;
  baseline?: ScoreboardBaseline;
  /** Report files of this target, relative to the scoreboard's folder. */
  reports: Record<string, string>;
}

export interface Scoreboard {
  schemaVersion: number;
  generatedAt: string;
  seed: number;
  suites: string[];
  /** Wall time of the whole matrix, ms. */
  wallTimeMs: number;
  parallel: number;
  /** Whether targets were judged against baselines. */
  baselines: boolean;
  /** Every target ok. */
  ok: boolean;
  /** Row order of the per-property table: every `suite/property` any target ran. */
  properties: Array<{ suite: string; property: string }>;
  /** Catalogue areas with at least one divergence on some target, in catalogue order. */
  areas: string[];
  targets: ScoreboardTarget[];
}

export interface ScoreboardInput {
  results: readonly MatrixTargetResult[];
  seed: number;
  suites: readonly string[];
  generatedAt: string;
  wallTimeMs: number;
  parallel: number;
  /** Per target, the comparison with its baseline (only when judged against baselines). */
  comparisons?: ReadonlyMap<string, BaselineComparison>;
  /** Per target, the baseline file shown in the scoreboard. */
  baselineFiles?: ReadonlyMap<string, string>;
  /** Per target, its report files relative to the scoreboard's folder. */
  reportFiles?: (target: string) => Record<string, string>;
}

function status(p: PropertyResult): keyof Omit<ScenarioCounts, 'total'> {
  if (p.notRun !== undefined) return 'unknown';
  if (p.error !== undefined) return 'error';
  if (p.passed) return 'passed';
  if (p.verdict?.kind === 'unknown') return 'unknown';
  return 'failed';
}

const emptyCounts = (): ScenarioCounts => ({ passed: 0, total: 0, failed: 0, error: 0, unknown: 0 });

const entryIn = (report: RunReport, id: string) => (report.catalog ?? []).find((e) => e.id === id);
/** Catalogue order of ids (rank), uncatalogued ids last, alphabetically. */
const byCatalogueOf = (report: RunReport) => (a: string, b: string): number =>
  (entryIn(report, a)?.rank ?? Number.MAX_SAFE_INTEGER) - (entryIn(report, b)?.rank ?? Number.MAX_SAFE_INTEGER) || a.localeCompare(b, 'en');

const AREA_ORDER = ['lifecycle', 'receive', 'attributes', 'validation', 'errors'];
const areaRank = (a: string): number => (AREA_ORDER.includes(a) ? AREA_ORDER.indexOf(a) : AREA_ORDER.length);
const byArea = (a: string, b: string): number => areaRank(a) - areaRank(b) || a.localeCompare(b, 'en');
const byProperty = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

function divergenceRows(report: RunReport, comparison: BaselineComparison | undefined): ScoreboardDivergence[] {
  const fresh = new Set(comparison?.newDivergences ?? []);
  const notRepeated = new Set(comparison?.unconfirmed?.newDivergences ?? []);
  const groups = new Map<string, ReportedDivergence[]>();
  for (const d of report.divergences) {
    const list = groups.get(d.id) ?? [];
    list.push(d);
    groups.set(d.id, list);
  }
  return [...groups.keys()].sort(byCatalogueOf(report)).map((id) => {
    const list = groups.get(id)!;
    // The replay of the first instance (property, then instance number) with the shortest command.
    const first = [...list].sort((a, b) => byProperty(`${a.suite}/${a.property}`, `${b.suite}/${b.property}`) || a.replay.length - b.replay.length)[0]!;
    const row: ScoreboardDivergence = {
      id,
      area: entryIn(report, id)?.area ?? 'uncatalogued',
      summary: entryIn(report, id)?.summary ?? first.summary,
      strictness: first.strictness,
      grades: [...new Set(list.map((d) => d.grade))].sort(),
      occurrences: list.length,
      scenarios: new Set(list.map((d) => `${d.suite}/${d.property}`)).size,
      scopes: [...new Set(list.map((d) => `${d.suite}/${propertyBase(d.property)}`))].sort(byProperty),
      replay: first.replay,
    };
    if (comparison) row.baseline = list.some((d) => fresh.has(d)) ? 'new' : list.some((d) => notRepeated.has(d)) ? 'unconfirmed' : 'acknowledged';
    return row;
  });
}

function targetRow(r: MatrixTargetResult, input: ScoreboardInput): ScoreboardTarget {
  const judged = input.comparisons !== undefined;
  const comparison = input.comparisons?.get(r.name);
  const reports = input.reportFiles?.(r.name) ?? {};
  const file = input.baselineFiles?.get(r.name);
  if (!r.report) {
    const row: ScoreboardTarget = {
      name: r.name,
      status: 'error',
      ok: false,
      error: r.error ?? 'no report',
      ...(r.errorLog ? { errorLog: { file: r.errorLog.file, tail: [...r.errorLog.tail] } } : {}),
      durationMs: r.durationMs,
      scenarios: emptyCounts(),
      properties: [],
      suites: input.suites.map((suite) => ({ ...emptyCell(suite), status: 'error', reason: r.error ?? 'no report' })),
      areas: [],
      divergences: [],
      divergenceCount: 0,
      reports: {},
    };
    return row;
  }
  const report = r.report;
  const scenarios = emptyCounts();
  const props = new Map<string, ScoreboardProperty>();
  for (const p of report.properties) {
    const s = status(p);
    scenarios.total += 1;
    scenarios[s] += 1;
    const base = propertyBase(p.property);
    const key = `${p.suite}/${base}`;
    let row = props.get(key);
    if (!row) {
      row = { suite: p.suite, property: base, ...emptyCounts(), divergenceIds: [] };
      props.set(key, row);
    }
    row.total += 1;
    row[s] += 1;
  }
  for (const d of report.divergences) {
    const row = props.get(`${d.suite}/${propertyBase(d.property)}`);
    if (row && !row.divergenceIds.includes(d.id)) row.divergenceIds.push(d.id);
  }
  const byCatalogue = byCatalogueOf(report);
  for (const row of props.values()) row.divergenceIds.sort(byCatalogue);

  const areas = new Map<string, ScoreboardArea>();
  for (const d of report.divergences) {
    const area = entryIn(report, d.id)?.area ?? 'uncatalogued';
    const a = areas.get(area) ?? { area, divergenceIds: [], occurrences: 0 };
    a.occurrences += 1;
    if (!a.divergenceIds.includes(d.id)) a.divergenceIds.push(d.id);
    areas.set(area, a);
  }
  for (const a of areas.values()) a.divergenceIds.sort(byCatalogue);

  const divergences = divergenceRows(report, comparison);
  let st: TargetStatus;
  let ok: boolean;
  if (judged) {
    const within = comparison ? withinBaseline(comparison) : report.divergences.length === 0;
    if (!within) [st, ok] = ['outside-baseline', false];
    else if (report.verdict === 'unknown' || report.verdict === 'interrupted') [st, ok] = ['unknown', false];
    else [st, ok] = ['within-baseline', true];
  } else {
    st = report.verdict === 'interrupted' ? 'unknown' : report.verdict;
    ok = report.verdict === 'conformant';
  }
  const row: ScoreboardTarget = {
    name: r.name,
    status: st,
    ok,
    endpoint: withoutUserInfo(report.target.endpoint),
    protocol: report.target.protocol,
    strictness: report.strictness,
    verdict: report.verdict,
    durationMs: r.durationMs,
    scenarios,
    properties: [...props.values()].sort((a, b) => byProperty(`${a.suite}/${a.property}`, `${b.suite}/${b.property}`)),
    suites: input.suites.map((suite) => suiteCell(suite, report, comparison)),
    areas: [...areas.values()].sort((a, b) => byArea(a.area, b.area)),
    divergences,
    divergenceCount: report.divergences.length,
    reports,
  };
  if (comparison) {
    const fresh = new Set(comparison.newDivergences.map(divergenceKey));
    const u = comparison.unconfirmed;
    const notRepeated = new Map((u?.newDivergences ?? []).map((d) => [divergenceKey(d), d] as const));
    const unconfirmed = [
      ...[...notRepeated.values()].map((d) => ({ kind: 'new' as const, id: d.id, suite: d.suite, property: propertyBase(d.property) })),
      ...(u?.vanished ?? []).map((e) => ({ kind: 'came-back' as const, id: e.id, suite: e.scope.suite, property: e.scope.property })),
    ];
    row.baseline = {
      within: withinBaseline(comparison),
      counts: { new: fresh.size, acknowledged: comparison.acknowledged.length, vanished: comparison.vanished.length, notRun: comparison.notRun.length, dormant: comparison.dormant.length, unconfirmed: unconfirmed.length },
      vanished: comparison.vanished.map((e) => ({ id: e.id, scope: { ...e.scope }, reason: e.reason, since: e.since })),
      ...(u ? { reruns: u.reruns, unconfirmed } : {}),
    };
    if (file !== undefined) row.baseline.file = file;
  }
  return row;
}

const emptyCell = (suite: string): ScoreboardCell => ({ suite, status: 'not-run', properties: { passed: 0, total: 0 }, scenarios: emptyCounts(), divergenceIds: 0, occurrences: 0 });

/** One suite of one target's report: its cell of the grid. */
export function suiteCell(suite: string, report: RunReport, comparison: BaselineComparison | undefined): ScoreboardCell {
  const cell = emptyCell(suite);
  const instances = report.properties.filter((p) => p.suite === suite);
  const byProperty = new Map<string, boolean>();
  for (const p of instances) {
    const s = status(p);
    cell.scenarios.total += 1;
    cell.scenarios[s] += 1;
    const base = propertyBase(p.property);
    byProperty.set(base, (byProperty.get(base) ?? true) && s === 'passed');
  }
  cell.properties = { passed: [...byProperty.values()].filter(Boolean).length, total: byProperty.size };
  const ds = report.divergences.filter((d) => d.suite === suite);
  const ids = new Set(ds.map((d) => d.id));
  cell.divergenceIds = ids.size;
  cell.occurrences = ds.length;
  if (comparison) {
    const fresh = new Set(comparison.newDivergences.filter((d) => d.suite === suite).map((d) => d.id));
    cell.newIds = fresh.size;
    cell.baselinedIds = [...ids].filter((id) => !fresh.has(id)).length;
    cell.vanished = comparison.vanished.filter((e) => e.scope.suite === suite).length;
  }
  const skipped = (report.skipped ?? []).find((x) => x.suite === suite && x.property === undefined);
  if (instances.length === 0 || instances.every((p) => p.notRun !== undefined)) {
    cell.status = 'not-run';
    const why = skipped?.reason ?? instances.find((p) => p.notRun !== undefined)?.notRun;
    if (why !== undefined) cell.reason = why;
  } else if (ids.size > 0 || cell.scenarios.failed > 0) cell.status = 'failed';
  else if (cell.scenarios.passed < cell.scenarios.total) cell.status = 'unknown';
  else cell.status = 'passed';
  return cell;
}

export function buildScoreboard(input: ScoreboardInput): Scoreboard {
  const targets = input.results.map((r) => targetRow(r, input));
  const properties = new Map<string, { suite: string; property: string }>();
  for (const t of targets) for (const p of t.properties) properties.set(`${p.suite}/${p.property}`, { suite: p.suite, property: p.property });
  const areas = new Set<string>();
  for (const t of targets) for (const a of t.areas) areas.add(a.area);
  return {
    schemaVersion: SCOREBOARD_SCHEMA_VERSION,
    generatedAt: input.generatedAt,
    seed: input.seed,
    suites: [...input.suites],
    wallTimeMs: input.wallTimeMs,
    parallel: input.parallel,
    baselines: input.comparisons !== undefined,
    ok: targets.every((t) => t.ok),
    properties: [...properties.entries()].sort(([a], [b]) => byProperty(a, b)).map(([, v]) => v),
    areas: [...areas].sort(byArea),
    targets,
  };
}

/** Compares every target that produced a report with its baseline (a missing one is empty). */
export function compareAll(results: readonly MatrixTargetResult[], baselines: ReadonlyMap<string, Baseline>): Map<string, BaselineComparison> {
  const out = new Map<string, BaselineComparison>();
  for (const r of results) {
    if (!r.report) continue;
    const b = baselines.get(rowTarget(r)) ?? emptyBaseline(rowTarget(r));
    out.set(r.name, compareWithBaseline(r.report, b));
  }
  return out;
}
