// Baselines: per target, the divergences we observed and accept (DESIGN section 2: `{id, scope,
// reason, since}`). PURE: parsing, comparison and update; reading and writing the file is the CLI's.
//
// A divergence matches an entry when the id is the same and the scope names its suite and its
// property without the instance suffix (`visibility#3` → `visibility`). A divergence whose id the
// baseline lists for another property of the same suite is not new either: the id names the
// target's fault, and which property shows a fault that depends on timing varies from run to run
// (measured on the peers: per property, 7–10 ids came or went between any run and the union of
// three others; per suite, 1–7); the entry then counts as acknowledged, seen `elsewhere`. An entry
// *vanished* when its property ran (at least one decided instance) and its id occurred in no
// property of its suite, so a run of a subset (`--suite`, `--replay`, `--properties`) never flags
// entries of properties it did not run.
// A baseline holds what was observed, never what we hoped: `updateBaseline` writes the entries a
// run saw, keeping the reasons people wrote for the ones already there.
// An entry marked `intermittent` was seen in some runs and not in others (timing on a loaded
// machine): when it occurs it is acknowledged, when it does not it is *dormant*, and neither fails
// the run. A person marks an entry intermittent, with a reason saying how often it was seen; an
// update marks one when a rerun did not repeat it, or when only rule-coverage instances showed it
// (which instances the coverage rounds add follows the target's answers, so runs of one seed differ).
// Peers are not deterministic (timing on a loaded machine, shrinking within a time budget), so a
// report may carry reruns of the properties that differed (`--confirm`, src/runner/confirm.ts): a
// new divergence counts only when every rerun that decided its property showed it again, a vanished
// entry only when none showed it; the others are listed as *unconfirmed* and do not fail the run.
import type { ConfirmationRerun, PropertyResult, ReportedDivergence, RunReport } from './types.js';

export const BASELINE_SCHEMA_VERSION = 1;

export interface BaselineScope {
  suite: string;
  /** Property name without its instance suffix. */
  property: string;
  /**
   * The one wire protocol the divergence shows over (issue 12, `--protocol both`); absent: every
   * protocol the target is run over (and every baseline written before protocols were told apart).
   */
  protocol?: Protocol;
}

type Protocol = 'json' | 'query';
const otherProtocol = (p: Protocol): Protocol => (p === 'json' ? 'query' : 'json');
/** True when the entry speaks about runs over `p`. */
const coversProtocol = (e: BaselineEntry, p: Protocol): boolean => e.scope.protocol === undefined || e.scope.protocol === p;

export interface BaselineEntry {
  id: string;
  scope: BaselineScope;
  /** Why this divergence is accepted (or `observed <date>; investigate` until someone looks). */
  reason: string;
  /** Date (YYYY-MM-DD) the entry was first observed. */
  since: string;
  /** Seen in some runs and not others: its absence is not a vanishing. */
  intermittent?: boolean;
}

export interface Baseline {
  schemaVersion: number;
  target: string;
  entries: BaselineEntry[];
}

export interface AcknowledgedDivergence {
  entry: BaselineEntry;
  /** The divergences of this run the entry covers (at least one). */
  divergences: ReportedDivergence[];
  /** Its id did not occur in the entry's property but in these other properties of its suite. */
  elsewhere?: string[];
}

export interface BaselineComparison {
  target: string;
  /** Divergences no entry covers. */
  newDivergences: ReportedDivergence[];
  /** Entries seen again, with the divergences they cover. */
  acknowledged: AcknowledgedDivergence[];
  /** Entries whose property ran but which did not occur. */
  vanished: BaselineEntry[];
  /** Entries whose property did not run (or could not be decided): not judged. */
  notRun: BaselineEntry[];
  /** Intermittent entries whose property ran but which did not occur this time. */
  dormant: BaselineEntry[];
  /**
   * With reruns (`report.reruns`): differences a rerun did not repeat, left out of `newDivergences`
   * and `vanished` (a new divergence a rerun did not show again; an entry a rerun showed again).
   */
  unconfirmed?: { newDivergences: ReportedDivergence[]; vanished: BaselineEntry[]; reruns: number };
}

export type BaselineResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** The property name without its instance suffix (`visibility#3` → `visibility`). */
export function propertyBase(property: string): string {
  return property.replace(/#\d+$/, '');
}

const scopeKey = (id: string, suite: string, property: string): string => JSON.stringify([id, suite, propertyBase(property)]);
const entryKey = (e: BaselineEntry): string => scopeKey(e.id, e.scope.suite, e.scope.property);
/** One key per (id, suite, property without its instance suffix): what a baseline entry names. */
export const divergenceKey = (d: Pick<ReportedDivergence, 'id' | 'suite' | 'property'>): string => scopeKey(d.id, d.suite, d.property);
const suiteKey = (id: string, suite: string): string => JSON.stringify([id, suite]);

export function emptyBaseline(target: string): Baseline {
  return { schemaVersion: BASELINE_SCHEMA_VERSION, target, entries: [] };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

/** Validates a parsed baseline file; every problem names where it is. */
export function validateBaseline(data: unknown, where = 'baseline'): BaselineResult<Baseline> {
  if (!isObject(data)) return { ok: false, error: `${where}: not a JSON object` };
  if (data.schemaVersion !== BASELINE_SCHEMA_VERSION) {
    return { ok: false, error: `${where}: schemaVersion must be ${BASELINE_SCHEMA_VERSION}, got ${JSON.stringify(data.schemaVersion)}` };
  }
  if (!nonEmpty(data.target)) return { ok: false, error: `${where}: "target" must be a target name` };
  if (!Array.isArray(data.entries)) return { ok: false, error: `${where}: "entries" must be an array` };
  const entries: BaselineEntry[] = [];
  const seen = new Map<string, Set<string>>();
  for (const [i, raw] of data.entries.entries()) {
    const at = `${where}: entries[${i}]`;
    if (!isObject(raw)) return { ok: false, error: `${at} is not an object` };
    if (!nonEmpty(raw.id)) return { ok: false, error: `${at}: "id" must be a divergence id` };
    if (!isObject(raw.scope) || !nonEmpty(raw.scope.suite) || !nonEmpty(raw.scope.property)) {
      return { ok: false, error: `${at}: "scope" must be { "suite": …, "property": … }` };
    }
    if (/#\d+$/.test(raw.scope.property)) return { ok: false, error: `${at}: scope.property names a property, not an instance (drop the #N)` };
    if (!nonEmpty(raw.reason)) return { ok: false, error: `${at}: "reason" must say why the divergence is accepted` };
    if (typeof raw.since !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw.since)) return { ok: false, error: `${at}: "since" must be a date YYYY-MM-DD` };
    if (raw.intermittent !== undefined && typeof raw.intermittent !== 'boolean') return { ok: false, error: `${at}: "intermittent" must be true or false` };
    const protocol = raw.scope.protocol;
    if (protocol !== undefined && protocol !== 'json' && protocol !== 'query') return { ok: false, error: `${at}: scope.protocol must be "json" or "query" (or absent: every protocol)` };
    const entry: BaselineEntry = { id: raw.id, scope: { suite: raw.scope.suite, property: raw.scope.property, ...(protocol !== undefined ? { protocol } : {}) }, reason: raw.reason, since: raw.since };
    if (raw.intermittent === true) entry.intermittent = true;
    // One entry per scope and protocol; an entry for every protocol overlaps each protocol's.
    const key = entryKey(entry);
    const taken = seen.get(key) ?? new Set<string>();
    const mine = protocol ?? '';
    if (taken.has(mine) || taken.has('') || (mine === '' && taken.size > 0)) return { ok: false, error: `${at}: duplicate entry ${entry.id} for ${entry.scope.suite}/${entry.scope.property}${protocol ? ` (${protocol})` : ''}` };
    taken.add(mine);
    seen.set(key, taken);
    entries.push(entry);
  }
  return { ok: true, value: { schemaVersion: BASELINE_SCHEMA_VERSION, target: data.target, entries } };
}

export function parseBaseline(text: string, where = 'baseline'): BaselineResult<Baseline> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `${where}: not valid JSON (${(e as Error).message})` };
  }
  return validateBaseline(data, where);
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return (
    a.scope.suite.localeCompare(b.scope.suite, 'en') ||
    a.scope.property.localeCompare(b.scope.property, 'en') ||
    a.id.localeCompare(b.id, 'en') ||
    (a.scope.protocol ?? '').localeCompare(b.scope.protocol ?? '', 'en')
  );
}

/** Stable file text: entries sorted by suite, property, id; fields in a fixed order. */
export function serializeBaseline(b: Baseline): string {
  const out: Baseline = {
    schemaVersion: b.schemaVersion,
    target: b.target,
    entries: [...b.entries]
      .sort(compareEntries)
      .map((e) => ({
        id: e.id,
        scope: { suite: e.scope.suite, property: e.scope.property, ...(e.scope.protocol !== undefined ? { protocol: e.scope.protocol } : {}) },
        reason: e.reason,
        since: e.since,
        ...(e.intermittent === true ? { intermittent: true } : {}),
      })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** A property instance that ran to a verdict (not an environment error or an undecided check). */
function decided(p: PropertyResult): boolean {
  return p.error === undefined && p.verdict?.kind !== 'unknown';
}

/** `suite\0property` of every property with at least one decided instance in the report. */
function ranScopes(report: RunReport): Set<string> {
  const s = new Set<string>();
  for (const p of report.properties) if (decided(p)) s.add(`${p.suite}\u0000${propertyBase(p.property)}`);
  return s;
}

export function compareWithBaseline(report: RunReport, baseline: Baseline): BaselineComparison {
  const protocol: Protocol = report.target.protocol;
  const byKey = new Map<string, BaselineEntry>();
  const listedInSuite = new Set<string>();
  for (const e of baseline.entries) {
    if (!coversProtocol(e, protocol)) continue;
    byKey.set(entryKey(e), e);
    listedInSuite.add(suiteKey(e.id, e.scope.suite));
  }
  const hits = new Map<string, ReportedDivergence[]>();
  const inSuite = new Map<string, ReportedDivergence[]>();
  const newDivergences: ReportedDivergence[] = [];
  for (const d of report.divergences) {
    const key = divergenceKey(d);
    const sk = suiteKey(d.id, d.suite);
    if (byKey.has(key)) {
      const list = hits.get(key) ?? [];
      list.push(d);
      hits.set(key, list);
    } else if (!listedInSuite.has(sk)) {
      newDivergences.push(d);
    }
    if (listedInSuite.has(sk)) {
      const list = inSuite.get(sk) ?? [];
      list.push(d);
      inSuite.set(sk, list);
    }
  }
  const ran = ranScopes(report);
  const acknowledged: AcknowledgedDivergence[] = [];
  const vanished: BaselineEntry[] = [];
  const notRun: BaselineEntry[] = [];
  const dormant: BaselineEntry[] = [];
  for (const e of [...baseline.entries].sort(compareEntries)) {
    const covers = coversProtocol(e, protocol);
    const found = covers ? hits.get(entryKey(e)) : undefined;
    const seenElsewhere = covers ? inSuite.get(suiteKey(e.id, e.scope.suite)) : undefined;
    if (found) acknowledged.push({ entry: e, divergences: found });
    // An entry of the other protocol says nothing about this run.
    else if (!covers || !ran.has(`${e.scope.suite}\u0000${e.scope.property}`)) notRun.push(e);
    else if (seenElsewhere) acknowledged.push({ entry: e, divergences: seenElsewhere, elsewhere: [...new Set(seenElsewhere.map((d) => propertyBase(d.property)))].sort() });
    else if (e.intermittent === true) dormant.push(e);
    else vanished.push(e);
  }
  const reruns = report.reruns ?? [];
  if (reruns.length === 0) return { target: baseline.target, newDivergences, acknowledged, vanished, notRun, dormant };
  // A difference stands only when every rerun that decided its property repeats it.
  // Judged per suite, as above: the id in any property the rerun replayed in that suite.
  const repeated = (id: string, suite: string, property: string, showsIt: boolean): boolean =>
    reruns.every((r) => !decidedIn(r, suite, property) || seenIn(r, id, suite) === showsIt);
  const isNew = (d: ReportedDivergence): boolean => repeated(d.id, d.suite, propertyBase(d.property), true);
  const isGone = (e: BaselineEntry): boolean => repeated(e.id, e.scope.suite, e.scope.property, false);
  return {
    target: baseline.target,
    newDivergences: newDivergences.filter(isNew),
    acknowledged,
    vanished: vanished.filter(isGone),
    notRun,
    dormant,
    unconfirmed: { newDivergences: newDivergences.filter((d) => !isNew(d)), vanished: vanished.filter((e) => !isGone(e)), reruns: reruns.length },
  };
}

const decidedIn = (r: ConfirmationRerun, suite: string, property: string): boolean => r.replayed.some((p) => p.suite === suite && p.property === property && p.decided);
const seenIn = (r: ConfirmationRerun, id: string, suite: string): boolean => r.seen.some((x) => x.id === id && x.suite === suite);

/** True when nothing new occurred and nothing listed vanished. */
export function withinBaseline(c: BaselineComparison): boolean {
  return c.newDivergences.length === 0 && c.vanished.length === 0;
}

/** The reason a new entry gets: what we know is only that we saw it. */
export function observedReason(date: string): string {
  return `observed ${date}; investigate`;
}

/**
 * The baseline rewritten from what the run observed: one entry per (id, suite, property) seen,
 * keeping the reason, date and intermittent mark of entries already there; entries that vanished
 * are dropped; dormant intermittent entries and entries of properties the run did not decide stay
 * as they were (the run says nothing new about them).
 * `date` is YYYY-MM-DD (the caller's clock).
 */
export function updateBaseline(report: RunReport, previous: Baseline | undefined, date: string, options: UpdateOptions = {}): Baseline {
  const base = previous ?? emptyBaseline(report.target.name);
  const c = compareWithBaseline(report, base);
  const protocol: Protocol = report.target.protocol;
  const both = (options.protocols ?? [protocol]).includes(otherProtocol(protocol));
  // An entry a rerun showed again stays (it comes and goes: intermittent).
  const cameBack = (c.unconfirmed?.vanished ?? []).map((e) => ({ ...e, intermittent: true }));
  let entries: BaselineEntry[] = [...c.notRun, ...c.dormant, ...c.acknowledged.map((a) => a.entry), ...cameBack];
  // Run over both protocols: an entry for every protocol that vanished over this one still stands
  // for the other (its own run judges it there).
  if (both) for (const e of c.vanished) if (e.scope.protocol === undefined) entries.push({ ...e, scope: { ...e.scope, protocol: otherProtocol(protocol) } });
  const added = new Set<string>();
  const notRepeated = new Set(c.unconfirmed?.newDivergences ?? []);
  for (const d of [...c.newDivergences, ...notRepeated]) {
    const key = divergenceKey(d);
    if (added.has(key)) continue;
    added.add(key);
    const scope: BaselineScope = { suite: d.suite, property: propertyBase(d.property) };
    // Seen over the other protocol already: one entry for both, keeping what people wrote.
    const other = both ? entries.find((e) => entryKey(e) === key && e.scope.protocol === otherProtocol(protocol)) : undefined;
    if (other) {
      entries = entries.filter((e) => e !== other);
      const { protocol: _dropped, ...rest } = other.scope;
      entries.push({ ...other, scope: rest });
      continue;
    }
    // Not repeated by a rerun, or seen only in rule-coverage instances (played when the earlier
    // instances left a rule unexercised, which depends on the target's answers, so another run of
    // the same seed may not play them): it comes and goes (intermittent).
    const onlyInCoverage = coverageOnly(report, key);
    const reason = (options.reasonFor?.(d) ?? observedReason(date)) + (onlyInCoverage ? ` ${COVERAGE_ONLY_NOTE}` : '');
    entries.push({ id: d.id, scope: both ? { ...scope, protocol } : scope, reason, since: date, ...(notRepeated.has(d) || onlyInCoverage ? { intermittent: true } : {}) });
  }
  return { schemaVersion: BASELINE_SCHEMA_VERSION, target: previous?.target ?? report.target.name, entries: entries.sort(compareEntries) };
}

/** What a new entry's reason adds when only rule-coverage instances showed it. */
export const COVERAGE_ONLY_NOTE = 'Seen only in rule-coverage instances, which a run plays when its earlier instances left a rule unexercised: intermittent.';

/** True when every occurrence of the divergence `key` came from a rule-coverage instance. */
function coverageOnly(report: RunReport, key: string): boolean {
  const coverage = new Set(report.properties.filter((p) => p.coverage === true).map((p) => `${p.suite}\u0000${p.property}`));
  const where = report.divergences.filter((d) => divergenceKey(d) === key).map((d) => `${d.suite}\u0000${d.property}`);
  return where.length > 0 && where.every((w) => coverage.has(w));
}

export interface UpdateOptions {
  /** The reason a new entry gets, from its first occurrence (default: `observed <date>; investigate`). */
  reasonFor?(d: ReportedDivergence): string;
  /**
   * Every protocol the target is run over this time (issue 12): with both, what one protocol's run
   * sees gets that protocol in its scope, and what both see is one entry without it.
   */
  protocols?: readonly Protocol[];
}
