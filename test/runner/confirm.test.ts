// Confirming differences from a baseline by reruns (src/runner/confirm.ts): what is replayed (every
// instance the first run played, coverage ones included), how a rerun settles a new divergence or a
// vanished entry, and the loop around it (stops when within, when stopped, when a rerun throws).
import { describe, expect, it } from 'vitest';
import { compareWithBaseline, updateBaseline, withinBaseline, type Baseline } from '../../src/runner/baseline.js';
import { confirmDifferences, rerunPlan, rerunSummary, type RerunItem } from '../../src/runner/confirm.js';
import type { PropertyResult, ReportedDivergence, RunReport } from '../../src/runner/types.js';
import { propertyResult, reportedDivergence, runReport } from './fixtures.js';

const prop = (suite: string, property: string, passed: boolean, extra: Partial<PropertyResult> = {}): PropertyResult => propertyResult(property, passed, { suite, ...extra });
const div = (id: string, suite: string, property: string): ReportedDivergence => reportedDivergence(id, property, suite);

const report = runReport;

const baseline: Baseline = {
  schemaVersion: 1,
  target: 'moto',
  entries: [
    { id: 'fifo.order-broken', scope: { suite: 'fifo', property: 'lock' }, reason: 'moto orders by arrival', since: '2026-12-07' },
    { id: 'message.lost', scope: { suite: 'lifecycle', property: 'retention' }, reason: 'lost', since: '2026-12-07' },
  ],
};

// First run: lock shows its entry plus a new id; retention misses its entry (vanished); delay passes.
const first = report(
  [prop('fifo', 'lock#0', false), prop('fifo', 'lock#1', true), prop('fifo', 'lock#4', false, { coverage: true }), prop('lifecycle', 'retention#0', true), prop('lifecycle', 'delay#0', true)],
  [div('fifo.order-broken', 'fifo', 'lock#0'), div('fifo.duplicate', 'fifo', 'lock#4')],
);

/** A rerun's report with `seen` divergences over the planned properties (each decided unless listed). */
function rerunReport(plan: readonly RerunItem[], seen: ReportedDivergence[], undecided: string[] = []): RunReport {
  const props = plan.flatMap((p) => Array.from({ length: p.instances }, (_, i) => prop(p.suite, `${p.property}#${i}`, true, undecided.includes(p.property) ? { error: 'undecided: lost call' } : {})));
  return report(props, seen);
}

describe('rerunPlan', () => {
  it('names each property with a difference once, with every instance the run played (coverage instances included)', () => {
    const c = compareWithBaseline(first, baseline);
    expect(rerunPlan(first, c)).toEqual([
      { suite: 'fifo', property: 'lock', instances: 5 },
      { suite: 'lifecycle', property: 'retention', instances: 1 },
    ]);
  });
});

describe('compareWithBaseline with reruns', () => {
  const plan: RerunItem[] = [
    { suite: 'fifo', property: 'lock', instances: 5 },
    { suite: 'lifecycle', property: 'retention', instances: 1 },
  ];

  it('without reruns both differences stand', () => {
    const c = compareWithBaseline(first, baseline);
    expect(c.newDivergences.map((d) => d.id)).toEqual(['fifo.duplicate']);
    expect(c.vanished.map((e) => e.id)).toEqual(['message.lost']);
    expect(c.unconfirmed).toBeUndefined();
    expect(withinBaseline(c)).toBe(false);
  });

  it('a rerun that repeats both confirms both', () => {
    const rerun = rerunSummary(rerunReport(plan, [div('fifo.duplicate', 'fifo', 'lock#2'), div('fifo.order-broken', 'fifo', 'lock#0')]), plan);
    const c = compareWithBaseline({ ...first, reruns: [rerun] }, baseline);
    expect(c.newDivergences.map((d) => d.id)).toEqual(['fifo.duplicate']);
    expect(c.vanished.map((e) => e.id)).toEqual(['message.lost']);
    expect(c.unconfirmed).toEqual({ newDivergences: [], vanished: [], reruns: 1 });
    expect(withinBaseline(c)).toBe(false);
  });

  it('a rerun without the new divergence and with the vanished entry settles both as unconfirmed', () => {
    const rerun = rerunSummary(rerunReport(plan, [div('message.lost', 'lifecycle', 'retention#0')]), plan);
    const c = compareWithBaseline({ ...first, reruns: [rerun] }, baseline);
    expect(c.newDivergences).toEqual([]);
    expect(c.vanished).toEqual([]);
    expect(c.unconfirmed!.newDivergences.map((d) => d.id)).toEqual(['fifo.duplicate']);
    expect(c.unconfirmed!.vanished.map((e) => e.id)).toEqual(['message.lost']);
    expect(withinBaseline(c)).toBe(true);
    // The first run's acknowledged entry stays acknowledged.
    expect(c.acknowledged.map((a) => a.entry.id)).toEqual(['fifo.order-broken']);
  });

  it('every rerun must repeat a difference: the first repeats, the second does not → unconfirmed', () => {
    const repeats = rerunSummary(rerunReport(plan, [div('fifo.duplicate', 'fifo', 'lock#4')]), plan);
    const not = rerunSummary(rerunReport(plan, [div('message.lost', 'lifecycle', 'retention#0')]), plan);
    const c = compareWithBaseline({ ...first, reruns: [repeats, not] }, baseline);
    expect(c.unconfirmed!.newDivergences.map((d) => d.id)).toEqual(['fifo.duplicate']);
    expect(c.unconfirmed!.vanished.map((e) => e.id)).toEqual(['message.lost']);
    expect(withinBaseline(c)).toBe(true);
  });

  it('a rerun that could not decide a property settles nothing about it', () => {
    const rerun = rerunSummary(rerunReport(plan, [], ['lock', 'retention']), plan);
    expect(rerun.replayed.every((p) => !p.decided)).toBe(true);
    const c = compareWithBaseline({ ...first, reruns: [rerun] }, baseline);
    expect(c.newDivergences.map((d) => d.id)).toEqual(['fifo.duplicate']);
    expect(c.vanished.map((e) => e.id)).toEqual(['message.lost']);
    expect(withinBaseline(c)).toBe(false);
  });

  it('the same id in another suite of the rerun does not repeat it', () => {
    const rerun = rerunSummary(rerunReport(plan, [div('fifo.duplicate', 'lifecycle', 'retention#0')]), plan);
    const c = compareWithBaseline({ ...first, reruns: [rerun] }, baseline);
    expect(c.unconfirmed!.newDivergences.map((d) => d.id)).toEqual(['fifo.duplicate']);
  });

  it('an update keeps an entry that came back and adds a new one a rerun did not repeat, both intermittent', () => {
    const rerun = rerunSummary(rerunReport(plan, [div('message.lost', 'lifecycle', 'retention#0')]), plan);
    const b = updateBaseline({ ...first, reruns: [rerun] }, baseline, '2026-12-08');
    expect(b.entries.map((e) => [e.id, e.intermittent ?? false])).toEqual([
      ['fifo.duplicate', true],
      ['fifo.order-broken', false],
      ['message.lost', true],
    ]);
  });
});

describe('confirmDifferences', () => {
  it('within the baseline: no rerun', async () => {
    const calls: RerunItem[][] = [];
    const ok = report([prop('fifo', 'lock#0', false), prop('lifecycle', 'retention#0', false)], [div('fifo.order-broken', 'fifo', 'lock#0'), div('message.lost', 'lifecycle', 'retention#0')]);
    const out = await confirmDifferences(ok, baseline, { times: 2, rerun: async (p) => (calls.push([...p]), rerunReport(p, [])) });
    expect(calls).toEqual([]);
    expect(out.reruns).toBeUndefined();
  });

  it('an intermittent difference: one rerun settles it, the run is within, the log says what and why', async () => {
    const calls: RerunItem[][] = [];
    const lines: string[] = [];
    const out = await confirmDifferences(first, baseline, {
      times: 2,
      log: (l) => lines.push(l),
      rerun: async (p) => (calls.push([...p]), rerunReport(p, [div('message.lost', 'lifecycle', 'retention#0')])),
    });
    expect(calls).toHaveLength(1);
    expect(out.reruns).toHaveLength(1);
    expect(withinBaseline(compareWithBaseline(out, baseline))).toBe(true);
    expect(lines[0]).toBe('outside the baseline (new fifo.duplicate in fifo/lock, vanished message.lost in lifecycle/retention): rerun 1 of at most 2 of 2 properties (fifo/lock, lifecycle/retention) to confirm');
    expect(lines[1]).toBe('after 1 rerun: 0 new divergences and 0 vanished entries confirmed (within the baseline); not repeated: 1 new divergence, 1 vanished entry');
  });

  it('a real change repeats: every rerun is played, and only the differences still standing are replayed', async () => {
    const calls: RerunItem[][] = [];
    const out = await confirmDifferences(first, baseline, {
      times: 2,
      // The duplicate repeats every time; the lost message comes back in the first rerun.
      rerun: async (p) => (calls.push([...p]), rerunReport(p, calls.length === 1 ? [div('fifo.duplicate', 'fifo', 'lock#3'), div('message.lost', 'lifecycle', 'retention#0')] : [div('fifo.duplicate', 'fifo', 'lock#4')])),
    });
    expect(calls).toEqual([
      [
        { suite: 'fifo', property: 'lock', instances: 5 },
        { suite: 'lifecycle', property: 'retention', instances: 1 },
      ],
      [{ suite: 'fifo', property: 'lock', instances: 5 }],
    ]);
    const c = compareWithBaseline(out, baseline);
    expect(withinBaseline(c)).toBe(false);
    expect(c.newDivergences.map((d) => d.id)).toEqual(['fifo.duplicate']);
    expect(c.unconfirmed!.vanished.map((e) => e.id)).toEqual(['message.lost']);
  });

  it('--confirm 0, an interrupted first run, a stop, or a rerun that throws: the differences stand', async () => {
    const never = async (): Promise<RunReport> => {
      throw new Error('must not rerun');
    };
    expect((await confirmDifferences(first, baseline, { times: 0, rerun: never })).reruns).toBeUndefined();
    expect((await confirmDifferences({ ...first, verdict: 'interrupted' }, baseline, { times: 2, rerun: never })).reruns).toBeUndefined();
    expect((await confirmDifferences(first, baseline, { times: 2, stopped: () => true, rerun: never })).reruns).toBeUndefined();
    const lines: string[] = [];
    const thrown = await confirmDifferences(first, baseline, { times: 2, log: (l) => lines.push(l), rerun: never });
    expect(thrown.reruns).toBeUndefined();
    expect(withinBaseline(compareWithBaseline(thrown, baseline))).toBe(false);
    expect(lines.at(-1)).toBe('the rerun failed (must not rerun): the differences stand');
  });

  it('an interrupted rerun is not counted', async () => {
    const out = await confirmDifferences(first, baseline, { times: 2, rerun: async (p) => ({ ...rerunReport(p, []), verdict: 'interrupted' }) });
    expect(out.reruns).toBeUndefined();
  });
});
