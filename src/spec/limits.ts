// SQS limits as data: every bound with its unit, source and the date it took its current value,
// because AWS changes them (the 1 MiB message size arrived in 2025-08). Ranges are inclusive.
// ../shared/reference/sqs-semantics.md sections 2, 3, 13 and 15. PURE.
import type { SourceRef } from './types.js';

export type LimitUnit = 'bytes' | 'seconds' | 'count' | 'characters';

export interface LimitEntry {
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
  readonly default?: number;
  readonly unit: LimitUnit;
  /** Year-month from which the current value holds (or when our source last confirmed it). */
  readonly asOf: string;
  readonly source: SourceRef;
  /** Earlier values, newest first: `until` is the year-month the value changed. */
  readonly history?: ReadonlyArray<{ readonly until: string; readonly min?: number; readonly max?: number; readonly default?: number }>;
  readonly note?: string;
}

const semantics = (section: string, evidence: SourceRef['evidence'] = 'documented'): SourceRef => ({
  file: 'sqs-semantics.md',
  section,
  evidence,
});
const facts = (section: string, evidence: SourceRef['evidence'] = 'recorded'): SourceRef => ({
  file: 'aws-recorded-facts.md',
  section,
  evidence,
});

export const LIMITS = {
  // --- messages (sqs-semantics.md 6, 13, 15) ---
  messageSize: {
    description: 'size of one message (body + message attributes), upper bound of MaximumMessageSize',
    min: 1,
    max: 1_048_576,
    unit: 'bytes',
    asOf: '2025-08',
    source: facts('A14 item 118; A9 item 85'),
    history: [{ until: '2025-08', max: 262_144 }],
  },
  messageAttributes: {
    description: 'message attributes per message',
    max: 10,
    unit: 'count',
    asOf: '2025-09',
    source: semantics('6.3; 13'),
  },
  messageAttributeNameLength: {
    description: 'length of a message attribute name',
    min: 1,
    max: 256,
    unit: 'characters',
    asOf: '2025-09',
    source: semantics('2'),
    note: 'aws-recorded-facts.md item 88 confirms that longer names are rejected; 256 itself is the documented maximum',
  },
  messageAttributeDataTypeLength: {
    description: 'length of a message attribute data type, custom label included',
    min: 1,
    max: 256,
    unit: 'characters',
    asOf: '2025-09',
    source: semantics('2'),
  },
  fifoIdLength: {
    description: 'length of MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId',
    min: 1,
    max: 128,
    unit: 'characters',
    asOf: '2025-07',
    source: facts('A7 item 56'),
  },
  deduplicationInterval: {
    description: 'FIFO deduplication window',
    default: 300,
    unit: 'seconds',
    asOf: '2025-09',
    source: semantics('13'),
  },
  receiptHandleLength: {
    description: 'length of a receipt handle',
    max: 1024,
    unit: 'characters',
    asOf: '2023-05',
    source: semantics('2'),
  },
  messageIdLength: {
    description: 'length of a MessageId',
    max: 100,
    unit: 'characters',
    asOf: '2023-05',
    source: semantics('2'),
  },

  // --- send / receive parameters (sqs-semantics.md 4.7-4.11) ---
  delaySeconds: {
    description: 'per-message DelaySeconds and the queue attribute DelaySeconds',
    min: 0,
    max: 900,
    default: 0,
    unit: 'seconds',
    asOf: '2025-09',
    source: semantics('3; 4.7; 13'),
  },
  maxNumberOfMessages: {
    description: 'ReceiveMessage MaxNumberOfMessages',
    min: 1,
    max: 10,
    default: 1,
    unit: 'count',
    asOf: '2025-09',
    source: facts('A1 item 6'),
  },
  waitTimeSeconds: {
    description: 'ReceiveMessage WaitTimeSeconds and the queue attribute ReceiveMessageWaitTimeSeconds',
    min: 0,
    max: 20,
    default: 0,
    unit: 'seconds',
    asOf: '2025-09',
    source: facts('A1 item 7'),
  },
  visibilityTimeout: {
    description: 'VisibilityTimeout of a queue, a receive or a ChangeMessageVisibility',
    min: 0,
    max: 43_200,
    default: 30,
    unit: 'seconds',
    asOf: '2025-09',
    source: semantics('3; 4.9; 4.11; 13'),
  },
  visibilityCap: {
    description: 'total invisibility of one receive, counted from the ReceiveMessage that issued the handle',
    max: 43_200,
    unit: 'seconds',
    asOf: '2025-09',
    source: semantics('4.11; 5.3'),
  },

  // --- batches (sqs-semantics.md 4.8, 12) ---
  batchEntries: {
    description: 'entries per batch request',
    min: 1,
    max: 10,
    unit: 'count',
    asOf: '2025-09',
    source: facts('A8 items 78, 80'),
  },
  batchPayload: {
    description: 'sum of the entry sizes of one SendMessageBatch (fixed, not the queue MaximumMessageSize)',
    max: 1_048_576,
    unit: 'bytes',
    asOf: '2025-08',
    source: facts('A8 items 81, 84; A14 item 118'),
    history: [{ until: '2025-08', max: 262_144 }],
  },
  batchEntryIdLength: {
    description: 'length of a batch entry Id',
    min: 1,
    max: 80,
    unit: 'characters',
    asOf: '2025-09',
    source: facts('A8 item 79'),
  },

  // --- queue attributes (sqs-semantics.md 3) ---
  maximumMessageSize: {
    description: 'queue attribute MaximumMessageSize',
    min: 1024,
    max: 1_048_576,
    default: 1_048_576,
    unit: 'bytes',
    asOf: '2025-08',
    source: facts('A10 item 96; A14 item 118'),
    history: [{ until: '2025-08', max: 262_144, default: 262_144 }],
    note: 'emulators and some regions may still default to 262144 (sqs-semantics.md 14 N23): make the default configurable',
  },
  messageRetentionPeriod: {
    description: 'queue attribute MessageRetentionPeriod',
    min: 60,
    max: 1_209_600,
    default: 345_600,
    unit: 'seconds',
    asOf: '2025-09',
    source: facts('A5 item 38'),
  },
  kmsDataKeyReusePeriodSeconds: {
    description: 'queue attribute KmsDataKeyReusePeriodSeconds',
    min: 60,
    max: 86_400,
    default: 300,
    unit: 'seconds',
    asOf: '2025-09',
    source: semantics('3'),
  },
  maxReceiveCount: {
    description: 'RedrivePolicy maxReceiveCount',
    min: 1,
    max: 1000,
    unit: 'count',
    asOf: '2025-09',
    source: semantics('3', 'observed'),
  },
  redriveAllowSourceQueueArns: {
    description: 'source queue ARNs in a byQueue RedriveAllowPolicy',
    min: 1,
    max: 10,
    unit: 'count',
    asOf: '2025-09',
    source: semantics('3; 13'),
  },
  policySize: {
    description: 'size of the Policy attribute',
    max: 8192,
    unit: 'bytes',
    asOf: '2023-05',
    source: semantics('3; 13'),
  },
  policyStatements: {
    description: 'statements in a queue Policy',
    max: 20,
    unit: 'count',
    asOf: '2023-05',
    source: semantics('3; 13'),
  },
  policyPrincipals: {
    description: 'principals in a queue Policy',
    max: 50,
    unit: 'count',
    asOf: '2023-05',
    source: semantics('3; 13'),
  },
  policyConditions: {
    description: 'conditions in a queue Policy',
    max: 10,
    unit: 'count',
    asOf: '2023-05',
    source: semantics('3; 13'),
  },
  permissionActions: {
    description: 'actions per AddPermission statement',
    max: 7,
    unit: 'count',
    asOf: '2023-05',
    source: semantics('4.12; 13'),
  },
  permissionLabelLength: {
    description: 'length of an AddPermission Label',
    min: 1,
    max: 80,
    unit: 'characters',
    asOf: '2025-09',
    source: semantics('2'),
  },

  // --- names, listing, tags ---
  queueNameLength: {
    description: 'length of a queue name, .fifo suffix included',
    min: 1,
    max: 80,
    unit: 'characters',
    asOf: '2025-09',
    source: semantics('2'),
  },
  listQueuesMaxResults: {
    description: 'ListQueues / ListDeadLetterSourceQueues MaxResults (and the silent cap without it)',
    min: 1,
    max: 1000,
    unit: 'count',
    asOf: '2025-09',
    source: semantics('4.3; 4.14'),
  },
  tagKeyLength: {
    description: 'length of a tag key',
    min: 1,
    max: 128,
    unit: 'characters',
    asOf: '2025-09',
    source: semantics('2'),
  },
  tagValueLength: {
    description: 'length of a tag value (empty values are accepted, aws-recorded-facts.md item 112)',
    min: 0,
    max: 256,
    unit: 'characters',
    asOf: '2025-09',
    source: semantics('2'),
  },
  tagsPerQueue: {
    description: 'tags per queue (more than 50 is "not recommended", not rejected)',
    max: 50,
    unit: 'count',
    asOf: '2025-09',
    source: semantics('2'),
  },

  // --- throughput and in-flight (sqs-semantics.md 5.6, 13) ---
  inFlightStandard: {
    description: 'in-flight messages of a standard queue (approximate, traffic-dependent)',
    max: 120_000,
    unit: 'count',
    asOf: '2025-09',
    source: semantics('5.6; 13'),
  },
  inFlightFifo: {
    description: 'in-flight messages of a FIFO queue',
    max: 120_000,
    unit: 'count',
    asOf: '2025-01',
    source: semantics('5.6; 15'),
    history: [{ until: '2025-01', max: 20_000 }],
  },
  moveTaskRate: {
    description: 'StartMessageMoveTask MaxNumberOfMessagesPerSecond',
    min: 1,
    max: 500,
    unit: 'count',
    asOf: '2025-09',
    source: semantics('4.15'),
  },
  moveTaskListMaxResults: {
    description: 'ListMessageMoveTasks MaxResults',
    min: 1,
    max: 10,
    default: 1,
    unit: 'count',
    asOf: '2025-09',
    source: semantics('4.16'),
  },
} as const satisfies Record<string, LimitEntry>;

export type LimitName = keyof typeof LIMITS;

/** True when `value` lies within the entry's inclusive bounds (a missing bound is open). */
export function withinLimit(entry: LimitEntry, value: number): boolean {
  return (entry.min === undefined || value >= entry.min) && (entry.max === undefined || value <= entry.max);
}

/** The value an entry had at a given year-month (`YYYY-MM`), from its history; for dated targets. */
export function limitAsOf(entry: LimitEntry, yearMonth: string): { min?: number; max?: number; default?: number } {
  const current = { min: entry.min, max: entry.max, default: entry.default };
  if (entry.history === undefined || yearMonth >= entry.asOf) return current;
  // History is newest first; the oldest change later than the date is the value then in force.
  let value: { min?: number; max?: number; default?: number } = current;
  for (const h of entry.history) {
    if (yearMonth < h.until) value = { min: h.min ?? value.min, max: h.max ?? value.max, default: h.default ?? value.default };
  }
  return value;
}

/** 1 MiB: the message size and batch payload limits since 2025-08 (item 118). */
export const MAX_MESSAGE_SIZE = LIMITS.messageSize.max;
/** 256 KiB: both limits before 2025-08, still the default of several emulators (sqs-semantics.md 14 N23). */
export const LEGACY_MAX_MESSAGE_SIZE = 262_144;
export const MAX_BATCH_ENTRIES = LIMITS.batchEntries.max;
export const MAX_BATCH_PAYLOAD = LIMITS.batchPayload.max;
export const MAX_MESSAGE_ATTRIBUTES = LIMITS.messageAttributes.max;
