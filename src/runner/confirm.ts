// Confirming differences from a baseline by rerunning their properties (`--confirm N`). A peer is
// not deterministic: the same seed gives the same scenarios, but its answers depend on timing on a
// loaded machine, and shrinking within a time budget stops at different candidates, so one run can
// show a divergence the baseline does not list, or miss one it lists, with nothing changed. A
// difference fails the run only when it repeats: the properties it belongs to are played again
// (the same seed, the same instances, coverage instances included, the same shrinking budget) up to
// N times, and a rerun that does not repeat it settles it as unconfirmed (listed, not failing;
// src/runner/baseline.ts). A change of ours (a lost rule, a false alarm) repeats every time.
// The rerun itself is injected: this file starts nothing.
import { compareWithBaseline, divergenceKey, propertyBase, withinBaseline, type Baseline, type BaselineComparison } from './baseline.js';
import type { ConfirmationRerun, PropertyResult, RunReport } from './types.js';

/** One property to play again: every instance the first run played (`#0` … `#instances-1`). */
export interface RerunItem {
  suite: string;
  /** Base name (no `#n`). */
  property: string;
  instances: number;
}

const instanceIndex = (property: string): number => Number(/#(\d+)$/.exec(property)?.[1] ?? 0);

/** The properties the comparison's differences belong to, each with the instances the report played. */
export function rerunPlan(report: RunReport, c: BaselineComparison): RerunItem[] {
  const scopes = new Map<string, RerunItem>();
  const add = (suite: string, property: string): void => {
    const key = `${suite}\u0000${property}`;
    if (scopes.has(key)) return;
    const played = report.properties.filter((p) => p.suite === suite && propertyBase(p.property) === property);
    if (played.length === 0) return;
    scopes.set(key, { suite, property, instances: Math.max(...played.map((p) => instanceIndex(p.property))) + 1 });
  };
  for (const d of c.newDivergences) add(d.suite, propertyBase(d.property));
  for (const e of c.vanished) add(e.scope.suite, e.scope.property);
  return [...scopes.values()].sort((a, b) => `${a.suite}/${a.property}`.localeCompare(`${b.suite}/${b.property}`, 'en'));
}

const decided = (p: PropertyResult): boolean => p.error === undefined && p.notRun === undefined && p.verdict?.kind !== 'unknown';

/** What a rerun of `plan` showed, in the shape a report keeps. */
export function rerunSummary(rerun: RunReport, plan: readonly RerunItem[]): ConfirmationRerun {
  const seen = new Map<string, ConfirmationRerun['seen'][number]>();
  for (const d of rerun.divergences) {
    const key = divergenceKey(d);
    const row = seen.get(key) ?? { id: d.id, suite: d.suite, property: propertyBase(d.property), occurrences: 0 };
    row.occurrences += 1;
    seen.set(key, row);
  }
  return {
    durationMs: rerun.durationMs,
    replayed: plan.map((item) => ({
      ...item,
      decided: rerun.properties.some((p) => p.suite === item.suite && propertyBase(p.property) === item.property && decided(p)),
    })),
    seen: [...seen.values()],
  };
}

export interface ConfirmOptions {
  /** Reruns at most (0: none). */
  times: number;
  /** Plays `plan` against the same target with the same seed and options; its report. */
  rerun(plan: readonly RerunItem[]): Promise<RunReport>;
  /** One line per rerun: what it replays and why, then what it settled. */
  log?(line: string): void;
  /** Stop rerunning (an interrupt). */
  stopped?(): boolean;
}

const plural = (n: number, word: string, words = `${word}s`): string => `${n} ${n === 1 ? word : words}`;
const newKeys = (ds: BaselineComparison['newDivergences']): number => new Set(ds.map(divergenceKey)).size;

function differences(c: BaselineComparison): string {
  const fresh = new Set(c.newDivergences.map((d) => `${d.id} in ${d.suite}/${propertyBase(d.property)}`));
  const parts = [...[...fresh].map((x) => `new ${x}`), ...c.vanished.map((e) => `vanished ${e.id} in ${e.scope.suite}/${e.scope.property}`)];
  return parts.join(', ');
}

/**
 * The report with `reruns`: while its comparison with `baseline` is outside (a confirmed difference
 * left) and reruns remain, the properties of the differences still standing are played again.
 * A rerun that throws or is interrupted ends the confirmation (what stands, stands).
 */
export async function confirmDifferences(report: RunReport, baseline: Baseline, o: ConfirmOptions): Promise<RunReport> {
  if (report.verdict === 'interrupted' || report.stopped !== undefined) return report;
  const reruns: ConfirmationRerun[] = [];
  const current = (): RunReport => (reruns.length > 0 ? { ...report, reruns: [...reruns] } : report);
  for (let i = 0; i < o.times; i++) {
    if (o.stopped?.()) break;
    const c = compareWithBaseline(current(), baseline);
    if (withinBaseline(c)) break;
    const plan = rerunPlan(report, c);
    if (plan.length === 0) break;
    o.log?.(`outside the baseline (${differences(c)}): rerun ${i + 1} of at most ${o.times} of ${plural(plan.length, 'property', 'properties')} (${plan.map((p) => `${p.suite}/${p.property}`).join(', ')}) to confirm`);
    let r: RunReport;
    try {
      r = await o.rerun(plan);
    } catch (e) {
      o.log?.(`the rerun failed (${e instanceof Error ? e.message : String(e)}): the differences stand`);
      break;
    }
    if (r.verdict === 'interrupted') break;
    reruns.push(rerunSummary(r, plan));
  }
  const out = current();
  if (reruns.length > 0) {
    const c = compareWithBaseline(out, baseline);
    const u = c.unconfirmed!;
    o.log?.(
      `after ${plural(reruns.length, 'rerun')}: ${plural(newKeys(c.newDivergences), 'new divergence')} and ${plural(c.vanished.length, 'vanished entry', 'vanished entries')} confirmed (${withinBaseline(c) ? 'within the baseline' : 'OUTSIDE the baseline'}); not repeated: ${plural(newKeys(u.newDivergences), 'new divergence')}, ${plural(u.vanished.length, 'vanished entry', 'vanished entries')}`,
    );
  }
  return out;
}
