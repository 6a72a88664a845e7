// Scenarios of the purge suite: messages visible, in flight and delayed when a purge comes, sends
// racing it, a second purge at once (refused) and a third after the 60 s block (accepted), and
// receives after the purge's minute to see what is left.
import fc from 'fast-check';
import { processes, receiveStep, sendStep, sleepStep, type Scenario, type StepBase } from '../../../src/scenario/index.js';

const s = (step: object) => step as StepBase;

export const purgeScenario: fc.Arbitrary<Scenario> = fc
  .record({
    delay: fc.integer({ min: 0, max: 2 }),
    before: fc.integer({ min: 1, max: 4 }),
    after: fc.integer({ min: 0, max: 3 }),
    inFlight: fc.boolean(),
    secondAfterMs: fc.integer({ min: 100, max: 3000 }),
  })
  .chain(({ delay, before, after, inFlight, secondAfterMs }) =>
    processes(
      fc.oneof({ weight: 3, arbitrary: sendStep(1) }, { weight: 2, arbitrary: receiveStep({ maxVisibility: 2, maxWait: 1 }) }, { weight: 2, arbitrary: sleepStep(1500) }),
      { maxProcesses: 1, maxSteps: 6 },
    ).map((others): Scenario => {
      const main: StepBase[] = [];
      for (let i = 0; i < before; i++) main.push(s({ op: 'send' }));
      if (inFlight) main.push(s({ op: 'receive', attributes: 'none', max: 1, visibilityTimeout: 120, waitSeconds: 1 }));
      main.push(s({ op: 'purge' }), s({ op: 'sleep', ms: secondAfterMs }), s({ op: 'purge' }));
      for (let i = 0; i < after; i++) main.push(s({ op: 'send' }));
      main.push(s({ op: 'sleep', ms: 62_000 - secondAfterMs, why: 'waiting out the 60 s a purge may take' }), s({ op: 'receive', attributes: 'all', max: 10, visibilityTimeout: 2, waitSeconds: 1 }), s({ op: 'purge' }));
      return { queues: { q: { attributes: { VisibilityTimeout: 2, DelaySeconds: delay } } }, processes: [main, ...others] };
    }),
  );

/**
 * Approximate counts at quiet moments: messages visible, delayed (per-message DelaySeconds 3–5 s),
 * in flight (received with a 30 s timeout) and deleted, then the three counts read; again after a
 * purge (sqs-semantics.md 3, 14 N6).
 */
export const countsScenario: fc.Arbitrary<Scenario> = fc
  .record({ visible: fc.integer({ min: 0, max: 3 }), delayed: fc.integer({ min: 0, max: 3 }), taken: fc.integer({ min: 0, max: 3 }), deleted: fc.integer({ min: 0, max: 2 }) })
  .map(({ visible, delayed, taken, deleted }): Scenario => {
    const main: StepBase[] = [];
    for (let i = 0; i < taken + visible; i++) main.push(s({ op: 'send' }));
    for (let i = 0; i < taken; i++) main.push(s({ op: 'receive', attributes: 'none', max: 1, visibilityTimeout: 30 }));
    for (let i = 0; i < Math.min(deleted, taken); i++) main.push(s({ op: 'delete', handle: { kind: 'latest' } }));
    for (let i = 0; i < delayed; i++) main.push(s({ op: 'send', delaySeconds: 3 + (i % 3) }));
    main.push(s({ op: 'sleep', ms: 300 }), s({ op: 'counts' }), s({ op: 'sleep', ms: 300 }), s({ op: 'purge' }), s({ op: 'sleep', ms: 200 }), s({ op: 'counts' }));
    return { queues: { q: { attributes: { VisibilityTimeout: 2 } } }, processes: [main] };
  });
