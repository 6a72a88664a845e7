// Every documented limit, enumerated (issue 12): for each entry of the model's LIMITS table
// (src/spec/limits.ts) the requests at each bound and one past it (min-1, min, max, max+1), on the
// request member the limit governs; queue-attribute ranges come from the attribute table
// (src/spec/attributes.ts), so a new integer attribute is probed without a line here. A limit that
// cannot be probed says why. The model decides the expected answer of each request; these only
// send them. Scenarios take the probes with `enumerated` (every probe, every run: no seed decides
// whether a limit is checked).
import { QUEUE_ATTRIBUTES } from '../spec/attributes.js';
import { LIMITS, type LimitEntry, type LimitName } from '../spec/limits.js';
import type { ManageStep, ManageValue } from './steps/manage.js';
import { manage } from './steps/manage.js';

/** The suite property a probe belongs to, and the capabilities it needs. */
export type ProbeArea = 'queue-attributes' | 'queue-names' | 'listing' | 'tags' | 'permissions' | 'messages' | 'batches' | 'message-attributes' | 'fifo' | 'move-tasks';

export type Edge = 'min-1' | 'min' | 'max' | 'max+1';

export interface LimitProbe {
  limit: LimitName;
  edge: Edge;
  value: number;
  area: ProbeArea;
  /** What the probe sends, in a few words (for reports and tests). */
  what: string;
  steps: ManageStep[];
}

/** One way a limit is probed: on which request member, for which edges. */
interface ProbeBuilder {
  area: ProbeArea;
  what: string;
  /** The requests for one value; `slot` is unique to the probe (its own queues are `<slot>…`). */
  build(value: number, slot: string): ManageStep[];
  /** Edges this member cannot be probed at (e.g. a negative length), with the reason in `what`. */
  skip?: readonly Edge[];
}

type Plan = { builders: ProbeBuilder[] } | { excluded: string };

/** The base queues the probes use, created by each area's preamble (`baseQueues`). */
export const BASE = {
  /** A standard queue whose attributes the probes set. */
  attributes: 'a',
  /** A standard queue with AWS's defaults (1 MiB messages). */
  messages: 'm',
  /** A standard queue with MaximumMessageSize 1024 (bodies in multi-byte characters around it). */
  small: 'k',
  /** A FIFO queue. */
  fifo: 'f',
  /** A dead-letter queue and its source (RedrivePolicy), and a second pair. */
  dlq: 'd',
  source: 's',
  dlq2: 'e',
  source2: 'r',
  /** A queue for tags and one for permissions. */
  tags: 't',
  permissions: 'p',
} as const;

/** The preamble of an area: the base queues its probes use. */
export function baseQueues(area: ProbeArea): ManageStep[] {
  const redrive = (dlq: string, max = 5): Record<string, ManageValue> => ({ RedrivePolicy: { $json: { deadLetterTargetArn: { $arn: dlq }, maxReceiveCount: max } } });
  switch (area) {
    case 'queue-attributes':
      return [manage('CreateQueue', BASE.attributes), manage('CreateQueue', BASE.dlq)];
    case 'messages':
      return [manage('CreateQueue', BASE.messages), manage('CreateQueue', BASE.small, { Attributes: { MaximumMessageSize: '1024' } })];
    case 'batches':
      return [manage('CreateQueue', BASE.messages)];
    case 'message-attributes':
      return [manage('CreateQueue', BASE.messages), manage('CreateQueue', BASE.small, { Attributes: { MaximumMessageSize: '1024' } })];
    case 'fifo':
      return [manage('CreateQueue', BASE.fifo, { Attributes: { FifoQueue: 'true' } }, { fifo: true })];
    case 'move-tasks':
      return [
        manage('CreateQueue', BASE.dlq),
        manage('CreateQueue', BASE.source),
        manage('SetQueueAttributes', BASE.source, { Attributes: redrive(BASE.dlq) }),
        manage('CreateQueue', BASE.dlq2),
        manage('CreateQueue', BASE.source2),
        manage('SetQueueAttributes', BASE.source2, { Attributes: redrive(BASE.dlq2) }),
      ];
    case 'tags':
      return [manage('CreateQueue', BASE.tags)];
    case 'permissions':
      return [manage('CreateQueue', BASE.permissions)];
    case 'queue-names':
    case 'listing':
      return [];
  }
}

const text = (length: number, char = 'x'): ManageValue => ({ $text: { length: Math.max(0, length), char } });
const body = (bytes: number, char = 'x'): ManageValue => ({ $body: { bytes: Math.max(0, bytes), char } });
const attributesOf = (n: number): Record<string, ManageValue> => Object.fromEntries(Array.from({ length: n }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]));
const garbageHandles = (n: number, verb: 'delete' | 'change'): ManageValue[] => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, ReceiptHandle: `AQEB-not-a-handle-${i}`, ...(verb === 'change' ? { VisibilityTimeout: 0 } : {}) }));
const sendEntries = (n: number, bytes = 8): ManageValue[] => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: body(bytes) }));
/** A visible message on the messages queue, so a long poll answers at once. */
const seed = (): ManageStep => manage('SendMessage', BASE.messages, { MessageBody: body(16) });
/** Seven actions AddPermission accepts, and an eighth (sqs-semantics.md 4.12). */
const PERMISSION_ACTIONS = ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'GetQueueAttributes', 'GetQueueUrl', 'PurgeQueue', 'ListQueueTags'];

/** The integer queue attributes and the limit that bounds each (src/spec/attributes.ts). */
function attributeBuilders(limit: LimitEntry): ProbeBuilder[] {
  return QUEUE_ATTRIBUTES.filter((a) => a.value.kind === 'integer' && a.value.limit === limit).flatMap((a): ProbeBuilder[] => [
    { area: 'queue-attributes', what: `CreateQueue ${a.name}`, build: (v, slot) => [manage('CreateQueue', slot, { Attributes: { [a.name]: String(v) } })] },
    { area: 'queue-attributes', what: `SetQueueAttributes ${a.name}`, build: (v) => [manage('SetQueueAttributes', BASE.attributes, { Attributes: { [a.name]: String(v) } })] },
  ]);
}

const withAttributes = (name: LimitName, extra: ProbeBuilder[] = []): Plan => ({ builders: [...attributeBuilders(LIMITS[name]), ...extra] });

/** How each LIMITS entry is probed. TypeScript checks that every entry is here. */
export const LIMIT_PLANS: Readonly<Record<LimitName, Plan>> = {
  messageSize: {
    builders: [
      { area: 'messages', what: 'SendMessage body in 2-byte characters against the 1 MiB default', build: (v) => [manage('SendMessage', BASE.messages, { MessageBody: body(v, 'é') })] },
      // At and just past the queue's MaximumMessageSize (1024 here), in 3-byte characters.
      { area: 'messages', what: 'SendMessage body in 3-byte characters against MaximumMessageSize 1024', skip: ['min-1', 'min'], build: (v) => [manage('SendMessage', BASE.small, { MessageBody: body(v === LIMITS.messageSize.max ? 1024 : 1025, '€') })] },
    ],
  },
  messageAttributes: {
    builders: [
      { area: 'message-attributes', what: 'SendMessage with that many message attributes', build: (v) => [manage('SendMessage', BASE.messages, { MessageBody: body(8), MessageAttributes: attributesOf(v) })] },
      // Attributes count toward the size: body + name + type + value = MaximumMessageSize (1024), then one byte more.
      {
        area: 'message-attributes',
        what: 'SendMessage whose body and attributes fill MaximumMessageSize 1024',
        skip: ['min-1', 'min'],
        build: (v) => [manage('SendMessage', BASE.small, { MessageBody: body(1000), MessageAttributes: { a: { DataType: 'String', StringValue: text(v === LIMITS.messageAttributes.max ? 17 : 18) } } })],
      },
    ],
  },
  messageAttributeNameLength: {
    builders: [{ area: 'message-attributes', what: 'SendMessage with a message attribute name of that length', build: (v) => [manage('SendMessage', BASE.messages, { MessageBody: body(8), MessageAttributes: { [`n${'x'.repeat(Math.max(0, v - 1))}`.slice(0, v)]: { DataType: 'String', StringValue: 'v' } } })] }],
  },
  messageAttributeDataTypeLength: {
    builders: [
      {
        area: 'message-attributes',
        what: 'SendMessage with a data type of that length (String.<label>)',
        build: (v) => [manage('SendMessage', BASE.messages, { MessageBody: body(8), MessageAttributes: { a: { DataType: v >= 7 ? `String.${'x'.repeat(v - 7)}` : 'String'.slice(0, v), StringValue: 'v' } } })],
      },
    ],
  },
  fifoIdLength: {
    builders: [
      { area: 'fifo', what: 'SendMessage MessageGroupId of that length', build: (v) => [manage('SendMessage', BASE.fifo, { MessageBody: body(8), MessageGroupId: text(v, 'g'), MessageDeduplicationId: body(64) }, { fifo: true })] },
      { area: 'fifo', what: 'SendMessage MessageDeduplicationId of that length', build: (v) => [manage('SendMessage', BASE.fifo, { MessageBody: body(8), MessageGroupId: 'g', MessageDeduplicationId: text(v, 'd') }, { fifo: true })] },
      { area: 'fifo', what: 'ReceiveMessage ReceiveRequestAttemptId of that length', build: (v) => [manage('ReceiveMessage', BASE.fifo, { ReceiveRequestAttemptId: text(v, 'r'), VisibilityTimeout: 0 }, { fifo: true })] },
    ],
  },
  deduplicationInterval: { excluded: 'a 5-minute window, not a request member (sqs-semantics.md 14 N20); the fifo suite judges deduplication within it' },
  receiptHandleLength: { excluded: 'a handle the service never issued is invalid whatever its length (ReceiptHandleIsInvalid); the model has no length rule to probe' },
  messageIdLength: { excluded: 'a property of answers, not of requests' },
  delaySeconds: withAttributes('delaySeconds', [{ area: 'messages', what: 'SendMessage DelaySeconds', build: (v) => [manage('SendMessage', BASE.messages, { MessageBody: body(8), DelaySeconds: v })] }]),
  maxNumberOfMessages: { builders: [{ area: 'messages', what: 'ReceiveMessage MaxNumberOfMessages', build: (v) => [seed(), manage('ReceiveMessage', BASE.messages, { MaxNumberOfMessages: v, VisibilityTimeout: 0 })] }] },
  waitTimeSeconds: withAttributes('waitTimeSeconds', [{ area: 'messages', what: 'ReceiveMessage WaitTimeSeconds (a message waits, so it answers at once)', build: (v) => [seed(), manage('ReceiveMessage', BASE.messages, { WaitTimeSeconds: v, VisibilityTimeout: 0 })] }]),
  visibilityTimeout: withAttributes('visibilityTimeout', [
    { area: 'messages', what: 'ReceiveMessage VisibilityTimeout', build: (v) => [seed(), manage('ReceiveMessage', BASE.messages, { VisibilityTimeout: v })] },
    // ChangeMessageVisibility's upper bound is the 12-hour cap counted from the receive (visibilityCap).
    { area: 'messages', what: 'ChangeMessageVisibility VisibilityTimeout', skip: ['max'], build: (v) => [seed(), manage('ReceiveMessage', BASE.messages, { VisibilityTimeout: 30, WaitTimeSeconds: 1 }), manage('ChangeMessageVisibility', BASE.messages, { ReceiptHandle: { $handle: BASE.messages }, VisibilityTimeout: v })] },
  ]),
  visibilityCap: { excluded: 'counted from the receive that issued the handle: lifecycle/visibility-cap probes it just within and just past' },
  batchEntries: {
    builders: [
      { area: 'batches', what: 'SendMessageBatch with that many entries', build: (v) => [manage('SendMessageBatch', BASE.messages, { Entries: sendEntries(v) })] },
      { area: 'batches', what: 'DeleteMessageBatch with that many entries', build: (v) => [manage('DeleteMessageBatch', BASE.messages, { Entries: garbageHandles(v, 'delete') })] },
      { area: 'batches', what: 'ChangeMessageVisibilityBatch with that many entries', build: (v) => [manage('ChangeMessageVisibilityBatch', BASE.messages, { Entries: garbageHandles(v, 'change') })] },
    ],
  },
  batchPayload: {
    builders: [
      {
        area: 'batches',
        what: 'SendMessageBatch of 8 entries whose bodies total that many bytes',
        build: (v) => [manage('SendMessageBatch', BASE.messages, { Entries: Array.from({ length: 8 }, (_, i) => ({ Id: `e${i}`, MessageBody: body(i === 7 ? v - 7 * Math.floor(v / 8) : Math.floor(v / 8)) })) })],
        skip: ['min-1', 'min'],
      },
    ],
  },
  batchEntryIdLength: { builders: [{ area: 'batches', what: 'SendMessageBatch entry Id of that length', build: (v) => [manage('SendMessageBatch', BASE.messages, { Entries: [{ Id: text(v, 'i'), MessageBody: body(8) }] })] }] },
  maximumMessageSize: withAttributes('maximumMessageSize'),
  messageRetentionPeriod: withAttributes('messageRetentionPeriod'),
  kmsDataKeyReusePeriodSeconds: withAttributes('kmsDataKeyReusePeriodSeconds'),
  maxReceiveCount: {
    builders: [{ area: 'queue-attributes', what: 'SetQueueAttributes RedrivePolicy maxReceiveCount', build: (v) => [manage('SetQueueAttributes', BASE.attributes, { Attributes: { RedrivePolicy: { $json: { deadLetterTargetArn: { $arn: BASE.dlq }, maxReceiveCount: v } } } })] }],
  },
  redriveAllowSourceQueueArns: {
    builders: [
      {
        area: 'queue-attributes',
        what: 'SetQueueAttributes RedriveAllowPolicy byQueue with that many source ARNs',
        build: (v) => [manage('SetQueueAttributes', BASE.dlq, { Attributes: { RedriveAllowPolicy: { $json: { redrivePermission: 'byQueue', sourceQueueArns: Array.from({ length: v }, (_, i) => ({ $arn: `~src${i}` })) } } } })],
      },
    ],
  },
  policySize: { builders: [{ area: 'queue-attributes', what: 'SetQueueAttributes Policy of that many bytes', skip: ['min-1', 'min'], build: (v) => [manage('SetQueueAttributes', BASE.attributes, { Attributes: { Policy: { $policy: { slot: BASE.attributes, statements: 1, bytes: v } } } })] }] },
  policyStatements: { builders: [{ area: 'queue-attributes', what: 'SetQueueAttributes Policy with that many statements', skip: ['min-1', 'min'], build: (v) => [manage('SetQueueAttributes', BASE.attributes, { Attributes: { Policy: { $policy: { slot: BASE.attributes, statements: v } } } })] }] },
  policyPrincipals: { excluded: 'not modelled: what AWS answers past 50 principals is neither recorded nor observed (sqs-semantics.md 13 states only the quota)' },
  policyConditions: { excluded: 'not modelled: what AWS answers past 10 conditions is neither recorded nor observed (sqs-semantics.md 13 states only the quota)' },
  permissionActions: {
    builders: [{ area: 'permissions', what: 'AddPermission with that many actions', skip: ['min-1', 'min'], build: (v, slot) => [manage('AddPermission', BASE.permissions, { Label: slot, AWSAccountIds: [{ $account: true }], Actions: PERMISSION_ACTIONS.slice(0, v) })] }],
  },
  permissionLabelLength: { builders: [{ area: 'permissions', what: 'AddPermission Label of that length', build: (v) => [manage('AddPermission', BASE.permissions, { Label: text(v, 'l'), AWSAccountIds: [{ $account: true }], Actions: ['SendMessage'] })] }] },
  queueNameLength: {
    builders: [
      // A 1-character name cannot carry the run's prefix (the kit creates only prefixed queues: target/safety.ts).
      { area: 'queue-names', what: 'CreateQueue of a standard queue with a name of that length', skip: ['min'], build: (v, slot) => [manage('CreateQueue', slot, undefined, { nameLength: v })] },
      { area: 'queue-names', what: 'CreateQueue of a FIFO queue with a name of that length (.fifo counts)', skip: ['min-1', 'min'], build: (v, slot) => [manage('CreateQueue', slot, { Attributes: { FifoQueue: 'true' } }, { fifo: true, nameLength: v })] },
    ],
  },
  listQueuesMaxResults: { builders: [{ area: 'listing', what: 'ListQueues MaxResults (prefix of this process)', build: (v) => [manage('ListQueues', undefined, { QueueNamePrefix: { $prefix: true }, MaxResults: v })] }] },
  tagKeyLength: {
    builders: [
      { area: 'tags', what: 'TagQueue with a key of that length', build: (v) => [manage('TagQueue', BASE.tags, { Tags: { [v === 0 ? '' : `k${'x'.repeat(v - 1)}`]: 'v' } })] },
      { area: 'tags', what: 'CreateQueue tags with a key of that length', skip: ['min-1', 'min'], build: (v, slot) => [manage('CreateQueue', slot, { tags: { [`k${'x'.repeat(v - 1)}`]: 'v' } })] },
    ],
  },
  tagValueLength: { builders: [{ area: 'tags', what: 'TagQueue with a value of that length', skip: ['min-1'], build: (v) => [manage('TagQueue', BASE.tags, { Tags: { value: text(v, 'v') } })] }] },
  tagsPerQueue: {
    builders: [
      // The run's own tag is one of them (StepContext.runTags): the probe adds the rest.
      { area: 'tags', what: 'TagQueue up to that many tags in all (the run tag included)', skip: ['min-1', 'min'], build: (v, slot) => [manage('CreateQueue', slot), manage('TagQueue', slot, { Tags: { $tags: { total: v } } })] },
    ],
  },
  inFlightStandard: { excluded: '120,000 messages in flight (sqs-semantics.md 14 N19: approximate, not a threshold to test)' },
  inFlightFifo: { excluded: '120,000 messages in flight: too many to send in a test run' },
  moveTaskRate: {
    builders: [
      // One task per source: the lower bound on the first pair, the upper on the second (a task may still run).
      { area: 'move-tasks', what: 'StartMessageMoveTask MaxNumberOfMessagesPerSecond', build: (v) => [manage('StartMessageMoveTask', undefined, { SourceArn: { $arn: v <= LIMITS.moveTaskRate.min ? BASE.dlq : BASE.dlq2 }, MaxNumberOfMessagesPerSecond: v })] },
    ],
  },
  moveTaskListMaxResults: { builders: [{ area: 'move-tasks', what: 'ListMessageMoveTasks MaxResults', build: (v) => [manage('ListMessageMoveTasks', undefined, { SourceArn: { $arn: BASE.dlq }, MaxResults: v })] }] },
};

/** The edges of a limit: min-1 and min when it has a lower bound, max and max+1 when it has an upper one. */
export function edgesOf(entry: LimitEntry): Array<{ edge: Edge; value: number }> {
  const out: Array<{ edge: Edge; value: number }> = [];
  if (entry.min !== undefined) out.push({ edge: 'min-1', value: entry.min - 1 }, { edge: 'min', value: entry.min });
  if (entry.max !== undefined) out.push({ edge: 'max', value: entry.max }, { edge: 'max+1', value: entry.max + 1 });
  return out;
}

/** Every probe of an area, in LIMITS order; each with its own slot. */
export function limitProbes(area: ProbeArea): LimitProbe[] {
  const out: LimitProbe[] = [];
  let n = 0;
  for (const name of Object.keys(LIMIT_PLANS) as LimitName[]) {
    const plan = LIMIT_PLANS[name];
    if (!('builders' in plan)) continue;
    for (const b of plan.builders) {
      if (b.area !== area) continue;
      for (const { edge, value } of edgesOf(LIMITS[name])) {
        if (b.skip?.includes(edge)) continue;
        const slot = `l${n++}`;
        out.push({ limit: name, edge, value, area, what: b.what, steps: b.build(value, slot) });
      }
    }
  }
  return out;
}
