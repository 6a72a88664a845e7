// Scenarios of the queues suite: CreateQueue idempotency, queue names, DeleteQueue and re-creation
// within 60 s, GetQueueUrl, ListQueues with prefix and pages, and every action on a queue that does
// not exist. Fixed calls, values from the seed, one process on queues of its own (the oracle
// replays them in order).
import fc from 'fast-check';
import { manage, type ManageStep, type ManageValue, type Scenario } from '../../../src/scenario/index.js';
import { limitScenario, single } from '../management.js';

const ALL = { AttributeNames: ['All'] };

/**
 * Same attributes → same URL; no attributes or a subset → same URL; a different value →
 * QueueAlreadyExists; the comparison is with the current values after SetQueueAttributes
 * (aws-recorded-facts.md A11 items 105-106).
 */
export const idempotencyScenario: fc.Arbitrary<Scenario> = fc
  .record({ first: fc.integer({ min: 1, max: 60 }), second: fc.integer({ min: 61, max: 120 }), delay: fc.integer({ min: 1, max: 60 }) })
  .map(({ first, second, delay }): Scenario => {
    const A = 'idem';
    const attrs = { VisibilityTimeout: String(first), DelaySeconds: String(delay) };
    return single([
      manage('CreateQueue', A, { Attributes: attrs }),
      manage('CreateQueue', A, { Attributes: attrs }),
      manage('CreateQueue', A),
      manage('CreateQueue', A, { Attributes: { DelaySeconds: String(delay) } }),
      manage('CreateQueue', A, { Attributes: { VisibilityTimeout: String(second) } }),
      manage('CreateQueue', A, { Attributes: { ...attrs, MessageRetentionPeriod: '60' } }),
      manage('SetQueueAttributes', A, { Attributes: { VisibilityTimeout: String(second) } }),
      manage('CreateQueue', A, { Attributes: { VisibilityTimeout: String(second) } }),
      manage('CreateQueue', A, { Attributes: { VisibilityTimeout: String(first) } }),
      manage('CreateQueue', A, { tags: { other: 'tag' } }),
      manage('GetQueueAttributes', A, ALL),
      manage('GetQueueUrl', A),
    ]);
  });

/** FIFO: a different ContentBasedDeduplication is QueueAlreadyExists (item 107). */
export const fifoIdempotencyScenario: fc.Arbitrary<Scenario> = fc.boolean().map((cbd): Scenario => {
  const F = 'fidem';
  const fifo = { fifo: true };
  const create = (attrs: Record<string, ManageValue>) => manage('CreateQueue', F, { Attributes: { FifoQueue: 'true', ...attrs } }, fifo);
  return single([create({ ContentBasedDeduplication: String(cbd) }), create({ ContentBasedDeduplication: String(cbd) }), create({}), create({ ContentBasedDeduplication: String(!cbd) }), manage('GetQueueUrl', F, undefined, fifo)]);
});

/** Queue names: the characters and suffixes SQS refuses (sqs-semantics.md 2; aws-recorded-facts.md A7 item 52, A11 item 109). */
export const namesScenario: fc.Arbitrary<Scenario> = fc.constant(
  single([
    manage('CreateQueue', 'n1', undefined, { nameSuffix: '.x' }),
    manage('CreateQueue', 'n2', undefined, { nameSuffix: '/x' }),
    manage('CreateQueue', 'n3', undefined, { nameSuffix: ' x' }),
    manage('CreateQueue', 'n4', undefined, { nameSuffix: 'é' }),
    manage('CreateQueue', 'n5', undefined, { fifo: true }),
    manage('CreateQueue', 'n6', { Attributes: { FifoQueue: 'true' } }),
    manage('CreateQueue', 'n7', { Attributes: { FifoQueue: 'false' } }),
    manage('CreateQueue', 'n8', { Attributes: { FifoQueue: 'true' } }, { fifo: true, nameSuffix: '.x' }),
    manage('CreateQueue', 'n9', { QueueName: '' }),
    manage('CreateQueue', 'Case'),
    manage('CreateQueue', 'case'),
    manage('GetQueueUrl', 'CASE'),
    manage('GetQueueUrl', 'Case'),
  ]),
);

/**
 * DeleteQueue: the queue is gone for every call, its name cannot be used for 60 s
 * (QueueDeletedRecently, item 108), a second DeleteQueue is QueueDoesNotExist (sqs-semantics.md 4.5).
 */
export const deleteScenario: fc.Arbitrary<Scenario> = fc.integer({ min: 0, max: 900 }).map((delay): Scenario => {
  const A = 'gone';
  return single([
    manage('CreateQueue', A, { Attributes: { DelaySeconds: String(delay) } }),
    manage('ListQueues', undefined, { QueueNamePrefix: { $prefix: true } }),
    manage('DeleteQueue', A),
    manage('GetQueueUrl', A),
    manage('GetQueueAttributes', A, ALL),
    manage('SetQueueAttributes', A, { Attributes: { DelaySeconds: '1' } }),
    manage('ListQueueTags', A),
    manage('ListQueues', undefined, { QueueNamePrefix: { $prefix: true } }),
    manage('DeleteQueue', A),
    manage('CreateQueue', A, { Attributes: { DelaySeconds: String(delay) } }),
    manage('CreateQueue', A),
  ]);
});

/** GetQueueUrl (with QueueOwnerAWSAccountId), URLs naming the queue, ListQueues with prefixes, MaxResults and NextToken (items 110, 111). */
export const listingScenario: fc.Arbitrary<Scenario> = fc.record({ queues: fc.integer({ min: 3, max: 6 }), page: fc.integer({ min: 1, max: 3 }) }).map(({ queues, page }): Scenario => {
  const slots = Array.from({ length: queues }, (_, i) => `ls${i}`);
  const steps: ManageStep[] = [
    ...slots.map((s) => manage('CreateQueue', s)),
    ...slots.map((s) => manage('GetQueueUrl', s)),
    manage('GetQueueUrl', slots[0]!, { QueueOwnerAWSAccountId: { $account: true } }),
    manage('GetQueueUrl', slots[0]!, { QueueOwnerAWSAccountId: '999999999999' }),
    manage('GetQueueUrl', '~nothere'),
    manage('ListQueues', undefined, { QueueNamePrefix: { $prefix: true } }),
    manage('ListQueues', undefined, { QueueNamePrefix: { $prefix: true }, MaxResults: page }, { pages: true }),
    manage('ListQueues', undefined, { QueueNamePrefix: { $prefix: true }, MaxResults: queues }, { pages: true }),
    manage('ListQueues', undefined, { QueueNamePrefix: { $prefix: true }, MaxResults: 1000 }),
    manage('ListQueues', undefined, { QueueNamePrefix: { $name: slots[0]! } }),
    manage('ListQueues', undefined, { QueueNamePrefix: { $name: '~nomatch' } }),
    manage('DeleteQueue', slots[1]!),
    manage('ListQueues', undefined, { QueueNamePrefix: { $prefix: true } }),
  ];
  return single(steps);
});

/** Queue-addressed actions by the capability they need (a target without it is not asked). */
const MISSING_QUEUE_ACTIONS: Record<'core' | 'tags' | 'permissions' | 'dead-letter-sources', ReadonlyArray<readonly [ManageStep['action'], Record<string, ManageValue>]>> = {
  core: [
    ['GetQueueAttributes', ALL],
    ['SetQueueAttributes', { Attributes: { VisibilityTimeout: '5' } }],
    ['DeleteQueue', {}],
    ['PurgeQueue', {}],
    ['SendMessage', { MessageBody: 'to nowhere' }],
    ['SendMessageBatch', { Entries: [{ Id: 'a', MessageBody: 'to nowhere' }] }],
    ['ReceiveMessage', { MaxNumberOfMessages: 1 }],
    ['ReceiveMessage', { WaitTimeSeconds: 1 }],
    ['DeleteMessage', { ReceiptHandle: 'AQEB-no-such-handle' }],
    ['DeleteMessageBatch', { Entries: [{ Id: 'a', ReceiptHandle: 'AQEB-no-such-handle' }] }],
    ['ChangeMessageVisibility', { ReceiptHandle: 'AQEB-no-such-handle', VisibilityTimeout: 5 }],
    ['ChangeMessageVisibilityBatch', { Entries: [{ Id: 'a', ReceiptHandle: 'AQEB-no-such-handle', VisibilityTimeout: 5 }] }],
  ],
  tags: [
    ['TagQueue', { Tags: { k: 'v' } }],
    ['UntagQueue', { TagKeys: ['k'] }],
    ['ListQueueTags', {}],
  ],
  permissions: [
    ['AddPermission', { Label: 'l', AWSAccountIds: [{ $account: true }], Actions: ['SendMessage'] }],
    ['RemovePermission', { Label: 'l' }],
  ],
  'dead-letter-sources': [['ListDeadLetterSourceQueues', {}]],
};

/** Actions on a queue that was never created: QueueDoesNotExist, with the text of each protocol (item 111). */
export const missingQueueScenario = (capability: keyof typeof MISSING_QUEUE_ACTIONS): fc.Arbitrary<Scenario> =>
  fc.constant(single(MISSING_QUEUE_ACTIONS[capability].map(([action, input]) => manage(action, '~missing', input))));

/** Queue-name length at its bounds (standard and FIFO) and ListQueues MaxResults at its bounds. */
export const queueLimitsScenario: fc.Arbitrary<Scenario> = fc
  .tuple(limitScenario('queue-names'), limitScenario('listing'))
  .map(([names, listing]) => single([...names.processes[0]!, ...listing.processes[0]!]));
