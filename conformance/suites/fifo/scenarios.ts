// Scenarios of the fifo suite: several producers sending to a few groups (fresh, repeated and
// content-based deduplication ids, inside and across batches), several consumers (1-10 messages,
// short and long polls, 1-4 s visibility timeouts, deletes with current and lapsed handles,
// ChangeMessageVisibility), and sends and queue settings at their documented limits.
import fc from 'fast-check';
import {
  changeVisibilityStep,
  deleteStep,
  fifoSendBatchStep,
  fifoSendStep,
  probeStep,
  processes,
  receiveStep,
  sleepStep,
  type Probe,
  type Scenario,
  type StepBase,
} from '../../../src/scenario/index.js';

const fifoQueue = (attributes: Record<string, string | number>) => ({ q: { fifo: true, attributes } });

/** Order within groups and the group lock, explicit deduplication ids. */
export const orderScenario: fc.Arbitrary<Scenario> = fc
  .record({ visibility: fc.integer({ min: 1, max: 4 }), groups: fc.integer({ min: 1, max: 3 }) })
  .chain(({ visibility, groups }) =>
    fc.record({
      queues: fc.constant(fifoQueue({ VisibilityTimeout: visibility })),
      processes: processes(
        fc.oneof(
          { weight: 4, arbitrary: fifoSendStep({ groups, contentBased: false }) },
          { weight: 1, arbitrary: fifoSendBatchStep({ groups, contentBased: false }) },
          { weight: 4, arbitrary: receiveStep({ maxVisibility: 4, maxWait: 1 }) },
          { weight: 3, arbitrary: deleteStep },
          { weight: 1, arbitrary: changeVisibilityStep(4) },
          { weight: 2, arbitrary: sleepStep(2500) },
        ),
        { maxProcesses: 3, maxSteps: 8 },
      ),
    }),
  );

/** Deduplication: repeats of ids and bodies, content-based or explicit, scope queue or group. */
export const dedupScenario: fc.Arbitrary<Scenario> = fc
  .record({ contentBased: fc.boolean(), scope: fc.constantFrom('queue', 'messageGroup'), groups: fc.integer({ min: 1, max: 3 }) })
  .chain(({ contentBased, scope, groups }) =>
    fc.record({
      queues: fc.constant(fifoQueue({ VisibilityTimeout: 2, ContentBasedDeduplication: String(contentBased), DeduplicationScope: scope })),
      processes: processes(
        fc.oneof(
          { weight: 5, arbitrary: fifoSendStep({ groups, contentBased }) },
          { weight: 2, arbitrary: fifoSendBatchStep({ groups, contentBased }) },
          { weight: 3, arbitrary: receiveStep({ maxVisibility: 2, maxWait: 1 }) },
          { weight: 3, arbitrary: deleteStep },
          { weight: 1, arbitrary: sleepStep(1500) },
        ),
        { maxProcesses: 2, maxSteps: 10 },
      ),
    }),
  );

/**
 * The group lock and its release: one producer fills two groups, a consumer takes a batch with a
 * short timeout, others poll while it is in flight, then it releases by delete, by
 * ChangeMessageVisibility 0, or by letting the timeout lapse (items 67-72).
 */
export const lockScenario: fc.Arbitrary<Scenario> = fc
  .record({
    perGroup: fc.integer({ min: 2, max: 4 }),
    take: fc.integer({ min: 1, max: 4 }),
    release: fc.constantFrom('delete', 'zero', 'lapse'),
    zeroTimeoutPoller: fc.boolean(),
  })
  .map(({ perGroup, take, release, zeroTimeoutPoller }): Scenario => {
    const sends: StepBase[] = [];
    for (let i = 0; i < perGroup; i++) for (const group of [0, 1]) sends.push({ op: 'fifo-send', group, dedup: { kind: 'fresh' } } as StepBase);
    const consumer: StepBase[] = [
      { op: 'sleep', ms: 300 } as StepBase,
      { op: 'receive', attributes: 'all', max: take, visibilityTimeout: 3, waitSeconds: 1 } as StepBase,
      { op: 'sleep', ms: 800 } as StepBase,
    ];
    if (release === 'delete') consumer.push({ op: 'delete', handle: { kind: 'latest' } } as StepBase);
    if (release === 'zero') consumer.push({ op: 'changeVisibility', handle: { kind: 'latest' }, visibilityTimeout: 0 } as StepBase);
    // Lapsed: the handle is used once its timeout is over (a FIFO queue rejects it, sqs-semantics.md 9).
    if (release === 'lapse') consumer.push({ op: 'sleep', ms: 3500 } as StepBase, { op: 'delete', handle: { kind: 'latest' } } as StepBase);
    const poller: StepBase[] = [{ op: 'sleep', ms: 600 } as StepBase];
    for (let i = 0; i < 3; i++) poller.push({ op: 'receive', attributes: 'all', max: 10, visibilityTimeout: zeroTimeoutPoller ? 0 : 2, waitSeconds: 1 } as StepBase);
    return { queues: fifoQueue({ VisibilityTimeout: 3 }), processes: [sends, consumer, poller] };
  });

/** FIFO sends and queue settings at and just past their documented limits (items 32-33, 52-55, 100-101). */
export const fifoProbe: fc.Arbitrary<Probe> = fc.oneof(
  fc.constantFrom<Record<string, string | number>>(
    { MessageDeduplicationId: 'd1' }, // no MessageGroupId (item 54)
    { MessageGroupId: 'g' }, // no dedup id, no content-based deduplication (item 54)
    { MessageGroupId: 'g', MessageDeduplicationId: 'd2', DelaySeconds: 2 }, // per-message delay (item 32)
    { MessageGroupId: 'g', MessageDeduplicationId: 'd3', DelaySeconds: 0 }, // accepted (item 33)
    { MessageGroupId: 'g'.repeat(128), MessageDeduplicationId: 'd4' },
    { MessageGroupId: 'g'.repeat(129), MessageDeduplicationId: 'd5' },
    { MessageGroupId: 'g h', MessageDeduplicationId: 'd6' },
    { MessageGroupId: 'g!#$%&()*+,-./:;<=>?@[]^_`{|}~', MessageDeduplicationId: 'd7' },
    { MessageGroupId: 'g', MessageDeduplicationId: 'd'.repeat(128) },
    { MessageGroupId: 'g', MessageDeduplicationId: 'd'.repeat(129) },
  ).map((members): Probe => ({ kind: 'send-with', members })),
  fc.constantFrom<[boolean, Record<string, string>]>(
    [true, {}], // a .fifo name without FifoQueue (item 52)
    [false, { FifoQueue: 'true' }], // FifoQueue without the suffix (item 52)
    [false, { FifoQueue: 'false' }], // FifoQueue on a standard queue (item 100)
    [false, { ContentBasedDeduplication: 'true' }],
    [false, { DeduplicationScope: 'messageGroup' }],
    [true, { FifoQueue: 'true', DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' }],
    [true, { FifoQueue: 'true', DeduplicationScope: 'queue', FifoThroughputLimit: 'perMessageGroupId' }],
    [true, { FifoQueue: 'true', DeduplicationScope: 'group' }],
    [true, { FifoQueue: 'true', ContentBasedDeduplication: 'maybe' }],
  ).map(([fifoName, attributes]): Probe => ({ kind: 'create-with', fifoName, attributes })),
);

export const fifoValidationScenario: fc.Arbitrary<Scenario> = fc.record({
  queues: fc.constant(fifoQueue({ VisibilityTimeout: 5 })),
  processes: fc.array(fc.array(probeStep(fifoProbe), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 2 }),
});

/**
 * ReceiveRequestAttemptId: a consumer receives with an attempt id, then maybe deletes or changes a
 * message of the answer, then retries with the same id (sqs-semantics.md 9).
 */
export const attemptScenario: fc.Arbitrary<Scenario> = fc
  .record({
    sends: fc.integer({ min: 1, max: 4 }),
    max: fc.integer({ min: 1, max: 10 }),
    between: fc.constantFrom('nothing', 'delete', 'change'),
    pauseMs: fc.integer({ min: 100, max: 1500 }),
  })
  .map(({ sends, max, between, pauseMs }): Scenario => {
    const producer: StepBase[] = [];
    for (let i = 0; i < sends; i++) producer.push({ op: 'fifo-send', group: i % 2, dedup: { kind: 'fresh' } } as StepBase);
    const consumer: StepBase[] = [
      { op: 'sleep', ms: 300 } as StepBase,
      { op: 'receive', attributes: 'none', max, visibilityTimeout: 5, waitSeconds: 1, attemptId: true } as StepBase,
      { op: 'sleep', ms: pauseMs } as StepBase,
    ];
    if (between === 'delete') consumer.push({ op: 'delete', handle: { kind: 'latest' } } as StepBase);
    if (between === 'change') consumer.push({ op: 'changeVisibility', handle: { kind: 'latest' }, visibilityTimeout: 3 } as StepBase);
    consumer.push({ op: 'receive-retry' } as StepBase);
    return { queues: fifoQueue({ VisibilityTimeout: 5 }), processes: [producer, consumer] };
  });

/** Fair queues: MessageGroupId on a standard queue, valid and at its limits, received with every system attribute (sqs-semantics.md 10, 17). */
export const fairProbe: fc.Arbitrary<Probe> = fc
  .constantFrom('g0', 'g1', 'tenant-2', 'g'.repeat(128), 'g'.repeat(129), 'g h', 'é')
  .map((group): Probe => ({ kind: 'send-with', members: { MessageGroupId: group } }));

export const fairScenario: fc.Arbitrary<Scenario> = fc
  .record({
    processes: processes(
      fc.oneof(
        { weight: 4, arbitrary: probeStep(fairProbe) },
        { weight: 3, arbitrary: receiveStep({ maxVisibility: 2, maxWait: 1 }).map((r) => ({ ...r, attributes: 'all' as const })) },
        { weight: 2, arbitrary: deleteStep },
        { weight: 1, arbitrary: sleepStep(1000) },
      ),
      { maxProcesses: 2, maxSteps: 6 },
    ),
    group: fc.constantFrom('g0', 'tenant-2', 'é', 'g'.repeat(128)),
  })
  // Every run sends one valid group id and asks for the system attributes, so the rule that reads
  // MessageGroupId back is exercised whatever the seed (issue 13: every rule every run).
  .map(({ processes: generated, group }): Scenario => ({
    queues: { q: { attributes: { VisibilityTimeout: 2 } } },
    processes: [
      ...generated,
      [
        { op: 'probe', probe: { kind: 'send-with', members: { MessageGroupId: group } } } as StepBase,
        { op: 'receive', attributes: 'all', max: 10, visibilityTimeout: 2, waitSeconds: 1 } as StepBase,
      ],
    ],
  }));

/**
 * A FIFO handle used after its visibility timeout lapsed, with nothing else polling: SQS rejects it
 * (sqs-semantics.md 9; aws-recorded-facts.md A9), where a standard queue would accept it. A fixed
 * structure with generated values, so the situation arises in every run.
 */
export const lapseScenario: fc.Arbitrary<Scenario> = fc
  .record({
    messages: fc.integer({ min: 1, max: 3 }),
    visibilityTimeout: fc.integer({ min: 1, max: 2 }),
    pastMs: fc.integer({ min: 300, max: 1200 }),
    use: fc.constantFrom('delete', 'changeVisibility'),
  })
  .map(({ messages, visibilityTimeout, pastMs, use }): Scenario => {
    const steps: StepBase[] = [];
    for (let i = 0; i < messages; i++) steps.push({ op: 'fifo-send', group: 0, dedup: { kind: 'fresh' } } as StepBase);
    steps.push({ op: 'receive', attributes: 'all', max: 10, visibilityTimeout, waitSeconds: 1 } as StepBase);
    steps.push({ op: 'sleep', ms: visibilityTimeout * 1000 + pastMs } as StepBase);
    steps.push(use === 'delete' ? ({ op: 'delete', handle: { kind: 'latest' } } as StepBase) : ({ op: 'changeVisibility', handle: { kind: 'latest' }, visibilityTimeout: 5 } as StepBase));
    return { queues: fifoQueue({ VisibilityTimeout: 3 }), processes: [steps] };
  });
