// How a run compares with its target's baseline, for the renderers: the JSON shape and the lines
// the text and Markdown reports add. PURE; the comparison itself is src/runner/baseline.ts.
import type { BaselineComparison, BaselineEntry } from '../runner/baseline.js';
import type { ReportedDivergence, RunReport } from '../runner/types.js';

/** Options every renderer accepts besides the report. */
export interface RenderExtras {
  /** The run compared with its target's baseline (`run --baseline FILE`, `matrix --baselines DIR`). */
  baseline?: BaselineComparison;
}

/** `unconfirmed`: not in the baseline, but a rerun did not show it again (it does not fail the run). */
export type DivergenceBaselineStatus = 'new' | 'acknowledged' | 'unconfirmed';

export interface JsonBaselineEntry {
  id: string;
  scope: { suite: string; property: string };
  reason: string;
  since: string;
  intermittent?: boolean;
}

export interface JsonBaseline {
  target: string;
  /** Nothing new occurred and nothing listed vanished. */
  withinBaseline: boolean;
  counts: { new: number; acknowledged: number; vanished: number; notRun: number; dormant: number };
  /** Divergences no entry covers, one per (id, suite, property), with how often they occurred. */
  new: Array<{ id: string; suite: string; property: string; summary: string; occurrences: number; replay: string }>;
  /** Entries seen again, with how often (`elsewhere`: only in these other properties of the suite). */
  acknowledged: Array<JsonBaselineEntry & { occurrences: number; elsewhere?: string[] }>;
  /** Entries whose property ran but which did not occur: the baseline should shrink. */
  vanished: JsonBaselineEntry[];
  /** Entries whose property did not run in this run: not judged. */
  notRun: JsonBaselineEntry[];
  /** Intermittent entries that did not occur this time (not a failure). */
  dormant: JsonBaselineEntry[];
  /**
   * With reruns (`--confirm`): differences a rerun did not repeat, not counted in `new` and
   * `vanished` (they do not fail the run; mark them intermittent if they keep coming and going).
   */
  unconfirmed?: {
    reruns: number;
    new: Array<{ id: string; suite: string; property: string; summary: string; occurrences: number; replay: string }>;
    vanished: JsonBaselineEntry[];
  };
}

const entryJson = (e: BaselineEntry): JsonBaselineEntry => ({
  id: e.id,
  scope: { suite: e.scope.suite, property: e.scope.property },
  reason: e.reason,
  since: e.since,
  ...(e.intermittent === true ? { intermittent: true } : {}),
});

const baseOf = (property: string): string => property.replace(/#\d+$/, '');

/** New divergences grouped by (id, suite, property): the first occurrence and a count. */
export function groupNew(c: Pick<BaselineComparison, 'newDivergences'>): Array<{ first: ReportedDivergence; property: string; occurrences: number }> {
  const groups = new Map<string, { first: ReportedDivergence; property: string; occurrences: number }>();
  for (const d of c.newDivergences) {
    const property = baseOf(d.property);
    const key = JSON.stringify([d.id, d.suite, property]);
    const g = groups.get(key);
    if (g) g.occurrences += 1;
    else groups.set(key, { first: d, property, occurrences: 1 });
  }
  return [...groups.values()];
}

const newJson = (g: { first: ReportedDivergence; property: string; occurrences: number }) => ({ id: g.first.id, suite: g.first.suite, property: g.property, summary: g.first.summary, occurrences: g.occurrences, replay: g.first.replay });

export function toJsonBaseline(c: BaselineComparison): JsonBaseline {
  const fresh = groupNew(c);
  const u = c.unconfirmed;
  return {
    target: c.target,
    withinBaseline: c.newDivergences.length === 0 && c.vanished.length === 0,
    counts: { new: fresh.length, acknowledged: c.acknowledged.length, vanished: c.vanished.length, notRun: c.notRun.length, dormant: c.dormant.length },
    new: fresh.map(newJson),
    acknowledged: c.acknowledged.map((a) => ({ ...entryJson(a.entry), occurrences: a.divergences.length, ...(a.elsewhere ? { elsewhere: [...a.elsewhere] } : {}) })),
    vanished: c.vanished.map(entryJson),
    notRun: c.notRun.map(entryJson),
    dormant: c.dormant.map(entryJson),
    ...(u ? { unconfirmed: { reruns: u.reruns, new: groupNew(u).map(newJson), vanished: u.vanished.map(entryJson) } } : {}),
  };
}

/** Differences a rerun did not repeat (distinct new ones, vanished entries); 0 without reruns. */
export function unconfirmedCount(c: BaselineComparison): number {
  return c.unconfirmed ? groupNew(c.unconfirmed).length + c.unconfirmed.vanished.length : 0;
}

/** Status of each divergence of the report, in report order (undefined without a baseline). */
export function divergenceBaselineStatus(report: RunReport, c: BaselineComparison | undefined): Map<ReportedDivergence, DivergenceBaselineStatus> {
  const m = new Map<ReportedDivergence, DivergenceBaselineStatus>();
  if (!c) return m;
  const fresh = new Set(c.newDivergences);
  const notRepeated = new Set(c.unconfirmed?.newDivergences ?? []);
  for (const d of report.divergences) m.set(d, fresh.has(d) ? 'new' : notRepeated.has(d) ? 'unconfirmed' : 'acknowledged');
  return m;
}

/** One line: `baseline: within (2 acknowledged, 0 new, 0 vanished)`. */
export function baselineSummary(c: BaselineComparison): string {
  const j = toJsonBaseline(c);
  const within = j.withinBaseline ? 'within the baseline' : 'OUTSIDE the baseline';
  const notRun = j.counts.notRun > 0 ? `, ${j.counts.notRun} not run` : '';
  const dormant = j.counts.dormant > 0 ? `, ${j.counts.dormant} intermittent not seen` : '';
  const u = j.unconfirmed;
  const notRepeated = u && u.new.length + u.vanished.length > 0 ? `, ${u.new.length + u.vanished.length} not repeated by ${u.reruns} rerun${u.reruns === 1 ? '' : 's'}` : '';
  return `${within}: ${j.counts.acknowledged} acknowledged, ${j.counts.new} new, ${j.counts.vanished} vanished${notRepeated}${dormant}${notRun}`;
}
