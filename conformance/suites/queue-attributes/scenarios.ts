// Scenarios of the queue-attributes suite. The calls are fixed (every run covers every rule: the
// seed picks only the values), in one process, on queues of its own; the queue-management oracle
// (src/check/rules/queues) replays them against the model and compares every answer.
import fc from 'fast-check';
import { attributeEffectStep, manage, type ManageStep, type ManageValue, type Scenario, type StepBase } from '../../../src/scenario/index.js';
import { limitScenario, parallel, single } from '../management.js';

const ALL = { AttributeNames: ['All'] };
const get = (slot: string, names: string[] = ['All']) => manage('GetQueueAttributes', slot, { AttributeNames: names });
const set = (slot: string, attributes: Record<string, ManageValue>) => manage('SetQueueAttributes', slot, { Attributes: attributes });
const redrive = (dlq: string, maxReceiveCount: ManageValue): ManageValue => ({ $json: { deadLetterTargetArn: { $arn: dlq }, maxReceiveCount } });

/** Names GetQueueAttributes returns but no write accepts (sqs-semantics.md 3, "RO"). */
const READ_ONLY = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed', 'CreatedTimestamp', 'LastModifiedTimestamp', 'QueueArn'];

const standardValues = fc.record({
  visibility: fc.integer({ min: 0, max: 43_200 }),
  delay: fc.integer({ min: 0, max: 900 }),
  size: fc.integer({ min: 1024, max: 1_048_576 }),
  retention: fc.integer({ min: 60, max: 1_209_600 }),
  wait: fc.integer({ min: 0, max: 20 }),
  maxReceiveCount: fc.integer({ min: 1, max: 1000 }),
  reuse: fc.integer({ min: 60, max: 86_400 }),
  statements: fc.integer({ min: 1, max: 3 }),
  created: fc.record({ VisibilityTimeout: fc.integer({ min: 0, max: 600 }), DelaySeconds: fc.integer({ min: 0, max: 60 }) }),
});

/**
 * A standard queue: the defaults of GetQueueAttributes All, named and unknown names, every writable
 * attribute set and read back (LastModifiedTimestamp moves), read-only and FIFO-only names refused,
 * Policy set and removed with "", RedrivePolicy and RedriveAllowPolicy valid and not, the SSE
 * settings and their exclusion, values given at CreateQueue read back (aws-recorded-facts.md A10).
 */
export const attributesScenario: fc.Arbitrary<Scenario> = standardValues.map((v): Scenario => {
  const S = 'std';
  const D = 'dlq';
  const steps: StepBase[] = [
    manage('CreateQueue', S),
    get(S),
    manage('GetQueueAttributes', S),
    get(S, ['VisibilityTimeout', 'QueueArn', 'Policy', 'RedrivePolicy', 'KmsMasterKeyId']),
    get(S, ['FifoQueue', 'ContentBasedDeduplication']),
    get(S, ['All', 'Foobar']),
    get(S, ['visibilitytimeout']),
    // Past the next second by more than the clock tolerance, so an unchanged LastModifiedTimestamp shows.
    { op: 'sleep', ms: 2500 } as StepBase,
    set(S, { VisibilityTimeout: String(v.visibility), DelaySeconds: String(v.delay), MaximumMessageSize: String(v.size), MessageRetentionPeriod: String(v.retention), ReceiveMessageWaitTimeSeconds: String(v.wait) }),
    get(S),
    ...READ_ONLY.map((name) => set(S, { [name]: '1' })),
    set(S, { All: 'x' }),
    set(S, { Foobar: '1' }),
    set(S, { FifoQueue: 'true' }),
    set(S, { FifoQueue: 'false' }),
    set(S, { ContentBasedDeduplication: 'true' }),
    set(S, { DeduplicationScope: 'queue' }),
    set(S, { VisibilityTimeout: 'soon' }),
    manage('SetQueueAttributes', S),
    // Policy: set, read back, removed with "".
    set(S, { Policy: { $policy: { slot: S, statements: v.statements } } }),
    get(S, ['Policy', 'LastModifiedTimestamp']),
    set(S, { Policy: '' }),
    get(S),
    set(S, { Policy: '{"Version": "2012-10-17", "Statement": [' }),
    // RedrivePolicy: valid, read back, malformed in each way, removed with "".
    manage('CreateQueue', D),
    set(S, { RedrivePolicy: redrive(D, v.maxReceiveCount) }),
    get(S, ['RedrivePolicy']),
    set(S, { RedrivePolicy: redrive(D, String(v.maxReceiveCount)) }),
    get(S, ['RedrivePolicy']),
    set(S, { RedrivePolicy: 'not json' }),
    set(S, { RedrivePolicy: '{}' }),
    set(S, { RedrivePolicy: { $json: { maxReceiveCount: 3 } } }),
    set(S, { RedrivePolicy: redrive(D, 'three') }),
    set(S, { RedrivePolicy: { $json: { deadLetterTargetArn: 'not-an-arn', maxReceiveCount: 3 } } }),
    set(S, { RedrivePolicy: { $json: { deadLetterTargetArn: { $arn: D }, maxReceiveCount: 3, extra: 1 } } }),
    set(S, { RedrivePolicy: redrive('~gone', 3) }),
    set(S, { RedrivePolicy: '' }),
    get(S),
    // RedriveAllowPolicy on the dead-letter queue.
    set(D, { RedriveAllowPolicy: '{"redrivePermission":"denyAll"}' }),
    get(D, ['RedriveAllowPolicy']),
    set(D, { RedriveAllowPolicy: { $json: { redrivePermission: 'byQueue', sourceQueueArns: [{ $arn: S }] } } }),
    get(D, ['RedriveAllowPolicy']),
    set(D, { RedriveAllowPolicy: '{"redrivePermission":"byQueue"}' }),
    set(D, { RedriveAllowPolicy: { $json: { redrivePermission: 'allowAll', sourceQueueArns: [{ $arn: S }] } } }),
    set(D, { RedriveAllowPolicy: '{"redrivePermission":"maybe"}' }),
    set(D, { RedriveAllowPolicy: 'not json' }),
    set(D, { RedriveAllowPolicy: '' }),
    get(D),
    // Server-side encryption: one mode at a time (items 97, 98).
    set(S, { KmsMasterKeyId: 'alias/aws/sqs', SqsManagedSseEnabled: 'true' }),
    set(S, { KmsMasterKeyId: 'alias/aws/sqs' }),
    get(S),
    set(S, { KmsDataKeyReusePeriodSeconds: String(v.reuse) }),
    get(S, ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled']),
    set(S, { KmsMasterKeyId: '' }),
    get(S),
    set(S, { SqsManagedSseEnabled: 'true' }),
    get(S, ['SqsManagedSseEnabled', 'KmsMasterKeyId']),
    // Values given at CreateQueue are read back.
    manage('CreateQueue', 'made', { Attributes: { VisibilityTimeout: String(v.created.VisibilityTimeout), DelaySeconds: String(v.created.DelaySeconds) } }),
    get('made'),
  ];
  return single(steps);
});

/**
 * A FIFO queue: its defaults, ContentBasedDeduplication, DeduplicationScope and FifoThroughputLimit
 * set and read back, high throughput, FifoQueue on a set ("true" a no-op, "false" refused) and a
 * FIFO queue created with every FIFO attribute (aws-recorded-facts.md A7 item 53, A10 item 101).
 */
export const fifoAttributesScenario: fc.Arbitrary<Scenario> = fc.record({ cbd: fc.boolean(), visibility: fc.integer({ min: 0, max: 600 }) }).map(({ cbd, visibility }): Scenario => {
  const F = 'fq';
  const fifo = { fifo: true };
  const fget = (names: string[] = ['All']) => manage('GetQueueAttributes', F, { AttributeNames: names }, fifo);
  const fset = (attributes: Record<string, ManageValue>) => manage('SetQueueAttributes', F, { Attributes: attributes }, fifo);
  const steps: ManageStep[] = [
    manage('CreateQueue', F, { Attributes: { FifoQueue: 'true' } }, fifo),
    fget(),
    fget(['FifoQueue', 'DeduplicationScope']),
    fset({ ContentBasedDeduplication: String(!cbd), VisibilityTimeout: String(visibility) }),
    fget(),
    fset({ DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' }),
    fget(),
    fset({ FifoThroughputLimit: 'perMessageGroupId', DeduplicationScope: 'queue' }),
    fset({ DeduplicationScope: 'group' }),
    fset({ FifoThroughputLimit: 'perGroup' }),
    fset({ ContentBasedDeduplication: 'maybe' }),
    fset({ FifoQueue: 'true' }),
    fset({ FifoQueue: 'false' }),
    fget(['FifoQueue']),
    manage('CreateQueue', 'fh', { Attributes: { FifoQueue: 'true', ContentBasedDeduplication: String(cbd), DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' } }, fifo),
    manage('GetQueueAttributes', 'fh', ALL, fifo),
  ];
  return single(steps);
});

/** VisibilityTimeout, DelaySeconds and ReceiveMessageWaitTimeSeconds set by a step, each on a queue of its own, then messages (attr-effect). */
export const effectScenario: fc.Arbitrary<Scenario> = fc
  .tuple(
    attributeEffectStep('VisibilityTimeout', 've', fc.integer({ min: 1, max: 3 })),
    attributeEffectStep('DelaySeconds', 'de', fc.integer({ min: 2, max: 3 })),
    attributeEffectStep('ReceiveMessageWaitTimeSeconds', 'we', fc.integer({ min: 2, max: 3 })),
  )
  .map((steps) => parallel(steps.map((s) => [s])));

/** MessageRetentionPeriod set to its 60 s minimum by a step: the message sent after it is gone soon after 60 s. */
export const retentionEffectScenario: fc.Arbitrary<Scenario> = attributeEffectStep('MessageRetentionPeriod', 're', fc.constant(60)).map((s) => single([s]));

/** Every integer attribute at and just past each bound, on CreateQueue and SetQueueAttributes; RedrivePolicy, RedriveAllowPolicy and Policy limits. */
export const attributeLimitsScenario: fc.Arbitrary<Scenario> = limitScenario('queue-attributes');
