// Scenarios of the redrive suite: messages received until their receives are used up and moved to
// the dead-letter queue, consumers of the dead-letter queue, standard and FIFO pairs, and
// RedrivePolicy targets probed on queues of their own.
import fc from 'fast-check';
import {
  deleteStep,
  fifoSendStep,
  processes,
  receiveStep,
  redriveProbeStep,
  REDRIVE_PROBES,
  sendStep,
  sleepStep,
  type Scenario,
  type StepBase,
} from '../../../src/scenario/index.js';

const inDlq = <S extends StepBase>(a: fc.Arbitrary<S>): fc.Arbitrary<StepBase> => a.map((s) => ({ ...s, queue: 'dlq' }));

const pair = (fifo: boolean, maxReceiveCount: number, sourceVt: number, dlqVt: number) => ({
  q: { ...(fifo ? { fifo: true } : {}), attributes: { VisibilityTimeout: sourceVt }, deadLetter: { queue: 'dlq', maxReceiveCount } },
  dlq: { ...(fifo ? { fifo: true } : {}), attributes: { VisibilityTimeout: dlqVt } },
});

/**
 * Standard pairs: receives with short timeouts use up maxReceiveCount (1–3), the next receive moves
 * the message; consumers of the DLQ receive (with every system attribute) and delete. The first
 * process always sends and receives past the count, so a move happens in every run.
 */
export const movesScenario: fc.Arbitrary<Scenario> = fc
  .record({ max: fc.integer({ min: 1, max: 3 }), sourceVt: fc.integer({ min: 0, max: 1 }), dlqVt: fc.integer({ min: 1, max: 2 }) })
  .chain(({ max, sourceVt, dlqVt }) =>
    fc.record({
      queues: fc.constant(pair(false, max, sourceVt, dlqVt)),
      processes: processes(
        fc.oneof(
          { weight: 3, arbitrary: sendStep(0) },
          { weight: 5, arbitrary: receiveStep({ maxVisibility: 1, maxWait: 1 }) },
          { weight: 1, arbitrary: deleteStep },
          { weight: 3, arbitrary: inDlq(receiveStep({ maxVisibility: 2, maxWait: 1 }).map((s) => ({ ...s, attributes: 'all' as const }))) },
          { weight: 1, arbitrary: inDlq(deleteStep) },
          { weight: 2, arbitrary: sleepStep(1500) },
        ),
        { maxProcesses: 2, maxSteps: 8 },
      ).map((ps): StepBase[][] => {
        // A backbone: send, then receive past maxReceiveCount with VisibilityTimeout 0, then read the DLQ.
        const backbone: StepBase[] = [{ op: 'send' }];
        for (let i = 0; i <= max; i++) backbone.push({ op: 'receive', attributes: 'all', visibilityTimeout: 0, waitSeconds: 1 } as StepBase);
        backbone.push({ op: 'receive', queue: 'dlq', attributes: 'all', waitSeconds: 1, visibilityTimeout: 2 } as StepBase, { op: 'list-dlq-sources', queue: 'dlq' });
        return [backbone, ...ps];
      }),
    }),
  );

/** FIFO source and FIFO dead-letter queue: a failing message moves with its group order kept (sqs-semantics.md 5.5, 17). */
export const fifoMovesScenario: fc.Arbitrary<Scenario> = fc
  .record({ max: fc.integer({ min: 1, max: 2 }), groups: fc.integer({ min: 1, max: 2 }) })
  .chain(({ max, groups }) =>
    fc.record({
      queues: fc.constant(pair(true, max, 1, 2)),
      processes: processes(
        fc.oneof(
          { weight: 3, arbitrary: fifoSendStep({ groups, contentBased: false }) },
          { weight: 5, arbitrary: receiveStep({ maxVisibility: 1, maxWait: 1 }) },
          { weight: 3, arbitrary: inDlq(receiveStep({ maxVisibility: 2, maxWait: 1 })) },
          { weight: 1, arbitrary: inDlq(deleteStep) },
          { weight: 2, arbitrary: sleepStep(1500) },
        ),
        { maxProcesses: 2, maxSteps: 8 },
      ).map((ps): StepBase[][] => {
        const backbone: StepBase[] = [{ op: 'fifo-send', group: 0, dedup: { kind: 'fresh' } } as StepBase];
        for (let i = 0; i <= max; i++) backbone.push({ op: 'receive', attributes: 'all', visibilityTimeout: 0, waitSeconds: 1 } as StepBase);
        backbone.push({ op: 'receive', queue: 'dlq', attributes: 'all', waitSeconds: 1, visibilityTimeout: 2 } as StepBase);
        return [backbone, ...ps];
      }),
    }),
  );

/** Every RedrivePolicy target probe, in a shuffled order each run (enumerated: no seed decides which run). */
export const policyScenario: fc.Arbitrary<Scenario> = fc.shuffledSubarray([...REDRIVE_PROBES], { minLength: REDRIVE_PROBES.length }).map(
  (probes): Scenario => ({
    queues: { q: { attributes: { VisibilityTimeout: 5 } } },
    processes: [probes.map((probe) => ({ op: 'redrive-probe', probe }) as StepBase)],
  }),
);

/**
 * Message move tasks: messages moved into the DLQ (maxReceiveCount 1, receives with VisibilityTimeout
 * 0), then a task out of it at 1–3 messages a second, to a destination queue or back to each source;
 * the copies received where they went, ListMessageMoveTasks during and after, and every refused
 * request (a task out of a queue that is no DLQ, to a missing destination, a malformed cancel).
 */
export const moveTaskScenario: fc.Arbitrary<Scenario> = fc
  .record({ messages: fc.integer({ min: 2, max: 4 }), toSource: fc.boolean(), rate: fc.integer({ min: 1, max: 3 }) })
  .map(({ messages, toSource, rate }): Scenario => {
    const main: StepBase[] = [];
    for (let i = 0; i < messages; i++) main.push({ op: 'send' });
    main.push(
      { op: 'receive', attributes: 'none', max: 10, visibilityTimeout: 0, waitSeconds: 1 } as StepBase,
      { op: 'receive', attributes: 'none', max: 10, visibilityTimeout: 0, waitSeconds: 1 } as StepBase,
      { op: 'move-task', from: 'dlq', ...(toSource ? {} : { to: 'dest' }), rate } as StepBase,
      { op: 'list-move-tasks', from: 'dlq' } as StepBase,
    );
    const where = toSource ? undefined : 'dest';
    for (let i = 0; i < 3; i++) main.push({ op: 'receive', ...(where ? { queue: where } : {}), attributes: 'all', max: 10, visibilityTimeout: 30, waitSeconds: 1 } as StepBase, { op: 'sleep', ms: 700 } as StepBase);
    main.push({ op: 'list-move-tasks', from: 'dlq' } as StepBase);
    const probes: StepBase[] = (['not-a-dlq', 'missing-destination', 'cancel-malformed'] as const).map((probe) => ({ op: 'move-task-probe', probe, plain: 'dest', dlq: 'dlq' }) as StepBase);
    return {
      queues: { q: { attributes: { VisibilityTimeout: 0 }, deadLetter: { queue: 'dlq', maxReceiveCount: 1 } }, dlq: { attributes: { VisibilityTimeout: 5 } }, dest: { attributes: { VisibilityTimeout: 5 } } },
      processes: [main, [{ op: 'sleep', ms: 3000 } as StepBase, ...probes]],
    };
  });

export { redriveProbeStep };
