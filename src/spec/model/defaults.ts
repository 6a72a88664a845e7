// Defaults and fixed time windows of SQS, stated once. Numbers that are also bounds live in
// LIMITS (limits.ts, with their source and as-of date); this file names the defaults everyone
// else reads (the engine, attributes.ts, the checker, settings, simulate). PURE.
import { LIMITS } from '../limits.js';

/** Queue attribute defaults of a new queue (aws-recorded-facts.md A10 item 96; A2 item 15; A5 item 38). */
export const DEFAULTS = {
  /** VisibilityTimeout, seconds (item 15). */
  visibilityTimeout: LIMITS.visibilityTimeout.default,
  /** MessageRetentionPeriod, seconds (item 38). */
  messageRetentionPeriod: LIMITS.messageRetentionPeriod.default,
  /** DelaySeconds, seconds (item 96). */
  delaySeconds: LIMITS.delaySeconds.default,
  /** ReceiveMessageWaitTimeSeconds, seconds: short polls unless a receive asks (item 96, 116). */
  receiveMessageWaitTimeSeconds: LIMITS.waitTimeSeconds.default,
  /** MaximumMessageSize, bytes; 262,144 on older deployments (sqs-semantics.md 14 N23). */
  maximumMessageSize: LIMITS.maximumMessageSize.default,
  /** KmsDataKeyReusePeriodSeconds once KMS SSE is on (sqs-semantics.md 3; item 97). */
  kmsDataKeyReusePeriodSeconds: LIMITS.kmsDataKeyReusePeriodSeconds.default,
  /** MaxNumberOfMessages of a receive that leaves it out (item 6). */
  maxNumberOfMessages: LIMITS.maxNumberOfMessages.default,
  /** MaxResults of ListMessageMoveTasks (sqs-semantics.md 4.16). */
  moveTaskListMaxResults: LIMITS.moveTaskListMaxResults.default,
} as const;

/** Fixed windows, in milliseconds. */
export const WINDOWS_MS = {
  /** FIFO deduplication interval (sqs-semantics.md 9; item 64). */
  deduplication: LIMITS.deduplicationInterval.default * 1000,
  /** FIFO ReceiveRequestAttemptId validity (sqs-semantics.md 9 and 13). */
  receiveRequestAttempt: 300_000,
  /** Same-name CreateQueue blocked after DeleteQueue (sqs-semantics.md 11; item 108). */
  queueRecreateBlock: 60_000,
  /** A second PurgeQueue refused (sqs-semantics.md 4.6; item 114). */
  purgeBlock: 60_000,
} as const;

/** ListQueues / ListDeadLetterSourceQueues page without MaxResults (sqs-semantics.md 4.3). */
export const LIST_PAGE_LIMIT = LIMITS.listQueuesMaxResults.max;
