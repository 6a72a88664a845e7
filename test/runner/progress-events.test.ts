// What the runner tells a progress display, through the real runner on the reference engine and a
// virtual clock (minutes of waiting take milliseconds): a sleep step of at least 5 s is announced
// with its reason and length (shorter ones are not), the drain's wait for hidden messages too, and a
// shrink reports its replays and the budget it has left. Each instance also carries when it started.
// (The kit's suites are registered too: their catalogue holds the generic ids; only `toy` runs.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { sem, type CatalogEntries } from '../../src/catalog/index.js';
import { callRef, type CheckRule } from '../../src/check/index.js';
import { VirtualClock } from '../../src/clock/index.js';
import { runSuites } from '../../src/runner/index.js';
import { LONG_WAIT_MS, type ProgressEvent } from '../../src/runner/types.js';
import type { Scenario, StepBase } from '../../src/scenario/index.js';
import type { SuiteDefinition } from '../../src/suite/index.js';
import { engineProfile, startEngineTarget } from '../../src/target/engine-target.js';

const entries: CatalogEntries<'toy.any-send'> = {
  'toy.any-send': {
    area: 'toy',
    rank: 9000,
    strictness: 'guaranteed',
    summary: 'A message was sent (this toy rule finds fault with every send).',
    rule: 'No message is sent.',
    source: sem('2'),
    implies: [],
    explain: { default: '{call} sent a message.' },
  },
};

/** Fails every history with a SendMessage: the property fails and is shrunk. */
const anySend: CheckRule = {
  name: 'toy-any-send',
  ids: ['toy.any-send'],
  calls(ctx) {
    const sends = ctx.prep.calls.filter((c) => c.invoke.f === 'SendMessage' && c.invoke.process !== 'setup');
    for (const _ of sends) ctx.gate.exercised('toy.any-send');
    return sends.map((c) => ({ id: 'toy.any-send', calls: [c], bindings: { call: callRef(c) } }));
  },
};

const s = (step: Record<string, unknown>): StepBase => step as unknown as StepBase;

const toy: SuiteDefinition = {
  name: 'toy',
  description: 'waits and a rule that always fails',
  requires: [],
  catalog: entries,
  rules: [anySend],
  actions: ['CreateQueue', 'GetQueueAttributes', 'SendMessage', 'ReceiveMessage', 'DeleteQueue'],
  sources: [],
  properties: [
    {
      name: 'waits',
      description: 'a long wait, a short one, and a message left hidden for the drain to wait out',
      runs: 1,
      exercises: [],
      arbitrary: fc.constant<Scenario>({
        queues: { q: { attributes: { VisibilityTimeout: 30 } } },
        processes: [[s({ op: 'sleep', ms: 20_000, why: 'waiting out the toy timer' }), s({ op: 'sleep', ms: 4_000 }), s({ op: 'sleep', ms: 6_000 })]],
      }),
    },
    {
      name: 'fails',
      description: 'sends, so the toy rule fails it and it is shrunk',
      runs: 1,
      exercises: [],
      arbitrary: fc.array(fc.constant(s({ op: 'send' })), { minLength: 3, maxLength: 6 }).map((steps): Scenario => ({ queues: { q: {} }, processes: [steps] })),
    },
  ],
};

async function run(properties: string[]): Promise<{ events: ProgressEvent[]; report: Awaited<ReturnType<typeof runSuites>> }> {
  const clock = new VirtualClock();
  const target = startEngineTarget({ clock, profile: engineProfile() });
  const events: ProgressEvent[] = [];
  const report = await runSuites({ target, clock, suites: [...SUITES, toy], only: ['toy'], properties, seed: 1, concurrency: 4, strictness: 'typical', coverage: false, timeBudgetMs: 60_000, onProgress: (e) => events.push(e) });
  await target.stop();
  return { events, report };
}

describe('progress events of a run', () => {
  it('a long sleep is announced with its reason and length; a short one is not; a sleep without a reason names its process', async () => {
    const { events, report } = await run(['waits']);
    const waits = events.filter((e): e is Extract<ProgressEvent, { kind: 'waiting' }> => e.kind === 'waiting');
    expect(waits).toEqual([
      { kind: 'waiting', property: 'waits#0', ms: 20_000, why: 'waiting out the toy timer' },
      { kind: 'waiting', property: 'waits#0', ms: 6_000, why: 'p0 waits' },
    ]);
    expect(waits.every((w) => w.ms >= LONG_WAIT_MS)).toBe(true);
    expect(report.properties[0]!.startOffsetMs).toBeGreaterThanOrEqual(0);
  });

  it('the drain waits out a visibility timeout and says so', async () => {
    const drainToy: SuiteDefinition = {
      ...toy,
      rules: [],
      properties: [
        {
          name: 'hidden',
          description: 'a message received with a 20 s visibility timeout and not deleted',
          runs: 1,
          exercises: [],
          arbitrary: fc.constant<Scenario>({ queues: { q: {} }, processes: [[s({ op: 'send' }), s({ op: 'receive', visibilityTimeout: 20, max: 1 })]] }),
        },
      ],
    };
    const clock = new VirtualClock();
    const target = startEngineTarget({ clock, profile: engineProfile() });
    const events: ProgressEvent[] = [];
    await runSuites({ target, clock, suites: [...SUITES, drainToy], only: ['toy'], seed: 1, concurrency: 1, strictness: 'typical', coverage: false, onProgress: (e) => events.push(e) });
    await target.stop();
    const w = events.find((e) => e.kind === 'waiting');
    expect(w).toMatchObject({ kind: 'waiting', property: 'hidden#0', why: 'waiting for hidden messages to be visible again before the drain' });
    expect((w as { ms: number }).ms).toBeGreaterThan(19_000);
  });

  it('shrinking reports its replays and the budget left, which only shrinks', async () => {
    const { events, report } = await run(['fails']);
    expect(report.verdict).toBe('divergent');
    const shrinks = events.filter((e): e is Extract<ProgressEvent, { kind: 'shrinking' }> => e.kind === 'shrinking');
    expect(shrinks.length).toBeGreaterThan(0);
    expect(shrinks.map((e) => e.step)).toEqual(shrinks.map((_, i) => i + 1));
    for (const e of shrinks) {
      expect(e.property).toBe('fails#0');
      expect(e.budgetLeftMs).toBeLessThanOrEqual(60_000);
      expect(e.budgetLeftMs).toBeGreaterThan(0);
    }
    for (let i = 1; i < shrinks.length; i++) expect(shrinks[i]!.budgetLeftMs!).toBeLessThanOrEqual(shrinks[i - 1]!.budgetLeftMs!);
  });
});
