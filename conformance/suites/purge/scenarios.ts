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
      main.push(s({ op: 'sleep', ms: 62_000 - secondAfterMs }), s({ op: 'receive', attributes: 'all', max: 10, visibilityTimeout: 2, waitSeconds: 1 }), s({ op: 'purge' }));
      return { queues: { q: { attributes: { VisibilityTimeout: 2, DelaySeconds: delay } } }, processes: [main, ...others] };
    }),
  );
