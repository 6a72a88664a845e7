// The message lifecycle of a standard queue as decision tables: for each situation a receipt
// handle can be in, the outcomes SQS may produce, which of them is typical, and the source.
// The reference server picks the typical outcome, the simulated target picks any allowed one,
// and the checker accepts exactly the allowed set. PURE: times are parameters (ms).
import { expectedError } from './errors.js';
import type { ExpectedError, QueueConfig, SourceRef } from './types.js';

/** 12 hours: the visibility cap, counted from the ReceiveMessage that issued the handle. */
export const VISIBILITY_CAP_SECONDS = 43_200;

/**
 * Where a receipt handle stands when DeleteMessage or ChangeMessageVisibility uses it.
 * - `inflight`: newest handle of the message and its visibility deadline has not passed;
 * - `expired`: newest handle, deadline passed, the message not received again since;
 * - `stale`: the message was received again after this handle was issued;
 * - `deleted`: the message is gone (deleted; for CMV also expired by retention);
 * - `unknown`: a handle the service never issued (garbage).
 */
export type HandleStatus = 'inflight' | 'expired' | 'stale' | 'deleted' | 'unknown';

export type Effect =
  | 'delete' // the message is removed
  | 'none' // nothing changes
  | 'set-visibility'; // the visibility deadline becomes call time + VisibilityTimeout

export interface Outcome {
  /** `ok`, or the error the call fails with. */
  response: 'ok' | ExpectedError;
  effect: Effect;
  /** The outcome AWS shows in practice (exactly one per table row): what the reference server does. */
  typical: boolean;
  /**
   * Allowed by the documented guarantees but contradicted by AWS recordings or practice: accepted
   * when checking at `guaranteed` strictness, a divergence at `typical` strictness.
   */
  deviation?: true;
  source: SourceRef;
}

const semantics = (section: string): SourceRef => ({ file: 'sqs-semantics.md', section, evidence: 'documented' });
const recorded = (section: string): SourceRef => ({ file: 'aws-recorded-facts.md', section, evidence: 'recorded' });
const observed = (section: string): SourceRef => ({ file: 'sqs-semantics.md', section, evidence: 'observed' });

/** `ReceiptHandleIsInvalid` for a handle never issued (aws-recorded-facts.md item 13 and 23). */
export function invalidHandleError(handle: string): ExpectedError {
  return expectedError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
    'recorded',
    recorded('A1 item 13; A2 item 23'),
  );
}

/** CMV on a deleted message (aws-recorded-facts.md item 22). */
export function notAvailableForVisibilityChange(handle: string): ExpectedError {
  return expectedError(
    'InvalidParameterValue',
    `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    'recorded',
    recorded('A2 item 22'),
  );
}

/** Other texts real SQS has used for lapsed or changed handles (sqs-semantics.md section 14, N16). */
function lapsedHandleAlternatives(handle: string): ExpectedError[] {
  const src = observed('14 N16; 4.11');
  return [
    expectedError('InvalidParameterValue', `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`, 'observed', src),
    expectedError('MessageNotInflight', 'The message referred to is not in flight.', 'documented', semantics('1.3; 4.11')),
    expectedError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, 'observed', src),
  ];
}

/** DeleteMessage on a standard queue. */
export function deleteMessageOutcomes(status: HandleStatus, handle: string): Outcome[] {
  switch (status) {
    case 'inflight':
      return [{ response: 'ok', effect: 'delete', typical: true, source: semantics('4.10; 5.1') }];
    case 'expired':
      // Standard queue, handle whose timeout lapsed: succeeds and removes (item 26).
      return [{ response: 'ok', effect: 'delete', typical: true, source: recorded('A3 item 26') }];
    case 'stale':
      // "the request will succeed, but the message might not be deleted" (section 4.10; N15).
      return [
        { response: 'ok', effect: 'delete', typical: true, source: semantics('4.10') },
        { response: 'ok', effect: 'none', typical: false, source: semantics('14 N15') },
      ];
    case 'deleted':
      // Deleting again, or after retention removed it, succeeds (items 12 and 29).
      return [{ response: 'ok', effect: 'none', typical: true, source: recorded('A1 item 12; A3 item 29') }];
    case 'unknown':
      return [{ response: invalidHandleError(handle), effect: 'none', typical: true, source: recorded('A1 item 13') }];
  }
}

/** ChangeMessageVisibility on a standard queue (the 12-hour cap is checked separately). */
export function changeVisibilityOutcomes(status: HandleStatus, handle: string): Outcome[] {
  switch (status) {
    case 'inflight':
      return [{ response: 'ok', effect: 'set-visibility', typical: true, source: semantics('4.11') }];
    case 'expired':
      // 200 and no error (item 21); whether it hides the message again is not recorded: allow both.
      return [
        { response: 'ok', effect: 'set-visibility', typical: true, source: recorded('A2 item 21') },
        { response: 'ok', effect: 'none', typical: false, source: recorded('A2 item 21') },
      ];
    case 'stale':
      // An old handle still works on a standard queue (item 20); N16 allows the lapsed-handle errors.
      return [
        { response: 'ok', effect: 'set-visibility', typical: true, source: recorded('A2 item 20') },
        { response: 'ok', effect: 'none', typical: false, deviation: true, source: observed('14 N15') },
        ...lapsedHandleAlternatives(handle).map((e): Outcome => ({ response: e, effect: 'none', typical: false, deviation: true, source: e.source })),
      ];
    case 'deleted': {
      const recordedError = notAvailableForVisibilityChange(handle);
      return [
        { response: recordedError, effect: 'none', typical: true, source: recordedError.source },
        ...lapsedHandleAlternatives(handle).map((e): Outcome => ({ response: e, effect: 'none', typical: false, deviation: true, source: e.source })),
      ];
    }
    case 'unknown':
      return [{ response: invalidHandleError(handle), effect: 'none', typical: true, source: recorded('A2 item 23') }];
  }
}

/**
 * The 12-hour cap (sqs-semantics.md section 4.11; aws-recorded-facts.md item 25): the new timeout
 * plus the time already passed since SQS received the ReceiveMessage request must not exceed 43,200 s.
 */
export function withinVisibilityCap(elapsedSinceReceiveMs: number, visibilityTimeoutSeconds: number): boolean {
  return elapsedSinceReceiveMs + visibilityTimeoutSeconds * 1000 <= VISIBILITY_CAP_SECONDS * 1000;
}

export function visibilityCapError(visibilityTimeoutSeconds: number): ExpectedError {
  return expectedError(
    'InvalidParameterValue',
    `Value ${visibilityTimeoutSeconds} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [${VISIBILITY_CAP_SECONDS} seconds]`,
    'observed',
    observed('4.11 (localstack#3956, aws-sdk-net#794); aws-recorded-facts.md item 25'),
  );
}

/** Visibility timeout a receive applies: its parameter, else the queue's (sqs-semantics.md 5.3). */
export function effectiveVisibilityTimeout(queue: QueueConfig, requested: number | undefined): number {
  return requested ?? queue.visibilityTimeout;
}

/** Long-poll wait of a receive: its parameter, else the queue's default (aws-recorded-facts.md item 116). */
export function effectiveWaitTime(queue: QueueConfig, requested: number | undefined): number {
  return requested ?? queue.receiveMessageWaitTimeSeconds;
}

/** Delay of a sent message: its own DelaySeconds on standard queues, else the queue's (section 5.2). */
export function effectiveDelay(queue: QueueConfig, requested: number | undefined): number {
  if (queue.fifo) return queue.delaySeconds; // item 33: an explicit 0 does not override on FIFO
  return requested ?? queue.delaySeconds;
}

