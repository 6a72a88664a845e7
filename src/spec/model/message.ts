// The lifecycle of one message as rules over times (ms): when its delay ends, when it is in
// flight, when retention removes it, how a receive and ChangeMessageVisibility set its
// visibility (with the 12-hour cap), and where a receipt handle stands. The engine steps these
// rules; the checker states them as constraints. PURE: times are parameters.
// Sources: ../shared/reference/sqs-semantics.md (sections 4.11, 5.1-5.3, 5.7) and
// aws-recorded-facts.md (items 15-28, 33, 39).
import { expectedError } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { ExpectedError, QueueConfig } from '../types.js';

// ---------------------------------------------------------------------------------------------
// Delay

/** Delay (seconds) of a sent message: its own DelaySeconds on standard queues, else the queue's (5.2). */
export function effectiveDelay(queue: Pick<QueueConfig, 'fifo' | 'delaySeconds'>, requested: number | undefined): number {
  if (queue.fifo) return queue.delaySeconds; // item 33: an explicit 0 does not override on FIFO
  return requested ?? queue.delaySeconds;
}

export interface DelayedMessage {
  /** Start of the message's life in this queue (the send; the move for a FIFO DLQ). */
  enqueuedMs: number;
  /** The delay end fixed when the message entered the queue. */
  delayUntilMs: number;
  /** Whether the message was ever handed out (a delay applies only before the first delivery). */
  received: boolean;
}

/**
 * When a message stops being delayed. Standard: fixed at send, not retroactive. FIFO: the queue's
 * DelaySeconds applies retroactively to messages already queued (sqs-semantics.md 3 DelaySeconds,
 * 5.2 [DG "delay queues"]), so it is the queue's current value counted from the enqueue time, for
 * messages not yet delivered (INF: a delivered message is past its delay).
 */
export function delayEndsAt(queue: Pick<QueueConfig, 'fifo' | 'delaySeconds'>, m: DelayedMessage): number {
  if (queue.fifo && !m.received) return m.enqueuedMs + queue.delaySeconds * 1000;
  return m.delayUntilMs;
}

// ---------------------------------------------------------------------------------------------
// Retention

/**
 * The earliest instant retention may remove a message: its enqueue time plus the queue's current
 * MessageRetentionPeriod (a change applies to stored messages, 5.7), in flight or not (item 39).
 * Removal happens at or after it (14 N9); `slackMs` is how much after.
 */
export function retentionDeadline(queue: Pick<QueueConfig, 'messageRetentionPeriod'>, enqueuedMs: number, slackMs = 0): number {
  return enqueuedMs + queue.messageRetentionPeriod * 1000 + slackMs;
}

// ---------------------------------------------------------------------------------------------
// Visibility

/** Visibility timeout (seconds) a receive applies: its parameter, else the queue's (5.3; item 16). */
export function effectiveVisibilityTimeout(queue: Pick<QueueConfig, 'visibilityTimeout'>, requested: number | undefined): number {
  return requested ?? queue.visibilityTimeout;
}

/** A receive or ChangeMessageVisibility at `nowMs` hides the message until now + timeout: restarts, never adds (item 18). */
export function visibilityDeadline(nowMs: number, visibilityTimeoutSeconds: number): number {
  return nowMs + visibilityTimeoutSeconds * 1000;
}

/** 12 hours: the visibility cap, counted from the ReceiveMessage that issued the handle (4.11, 5.3). */
export const VISIBILITY_CAP_SECONDS = LIMITS.visibilityCap.max;

/**
 * The 12-hour cap (sqs-semantics.md 4.11; aws-recorded-facts.md item 25): the new timeout plus the
 * time already passed since SQS received the ReceiveMessage request must not exceed 43,200 s.
 */
export function withinVisibilityCap(elapsedSinceReceiveMs: number, visibilityTimeoutSeconds: number): boolean {
  return elapsedSinceReceiveMs + visibilityTimeoutSeconds * 1000 <= VISIBILITY_CAP_SECONDS * 1000;
}

/** The latest instant a ChangeMessageVisibility(timeout) fits the cap of a handle issued at `receivedAtMs`. */
export function visibilityCapLatestCallMs(receivedAtMs: number, visibilityTimeoutSeconds: number): number {
  return receivedAtMs + (VISIBILITY_CAP_SECONDS - visibilityTimeoutSeconds) * 1000;
}

/** SQS does not clamp: it refuses (4.11; localstack#3956, aws-sdk-net#794; item 25). */
export function visibilityCapError(visibilityTimeoutSeconds: number): ExpectedError {
  return expectedError(
    'InvalidParameterValue',
    `Value ${visibilityTimeoutSeconds} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [${VISIBILITY_CAP_SECONDS} seconds]`,
    'observed',
    { file: 'sqs-semantics.md', section: '4.11 (localstack#3956, aws-sdk-net#794); aws-recorded-facts.md item 25', evidence: 'observed' },
  );
}

// ---------------------------------------------------------------------------------------------
// States (5.1) and receipt handles (5.3)

export interface MessageTimes {
  /** When its delay ends (delayEndsAt). */
  delayUntilMs: number;
  /** In flight until this instant, when ever received. */
  inflightUntilMs?: number | undefined;
}

export function isDelayed(m: MessageTimes, nowMs: number): boolean {
  return nowMs < m.delayUntilMs;
}
export function isInflight(m: MessageTimes, nowMs: number): boolean {
  return m.inflightUntilMs !== undefined && nowMs < m.inflightUntilMs;
}
/** Receivable: neither delayed nor in flight (5.1). A deadline that has come makes it visible (14 N7: at the deadline). */
export function isVisible(m: MessageTimes, nowMs: number): boolean {
  return !isInflight(m, nowMs) && !isDelayed(m, nowMs);
}

/**
 * Where a receipt handle stands when DeleteMessage or ChangeMessageVisibility uses it.
 * - `inflight`: newest handle of the message and its visibility deadline has not passed;
 * - `expired`: newest handle, deadline passed, the message not received again since;
 * - `stale`: the message was received again after this handle was issued;
 * - `deleted`: the message is gone (deleted, expired by retention, its queue re-created);
 * - `unknown`: a handle the service never issued (garbage).
 */
export type HandleStatus = 'inflight' | 'expired' | 'stale' | 'deleted' | 'unknown';

/** A handle's status from what the queue knows of its message (a receipt handle belongs to one receive: item 17). */
export function handleStatus(h: { issued: boolean; message?: MessageTimes & { newestReceive: number }; receive?: number }, nowMs: number): HandleStatus {
  if (!h.issued) return 'unknown';
  const m = h.message;
  if (!m) return 'deleted';
  if (m.newestReceive !== h.receive) return 'stale';
  return isInflight(m, nowMs) ? 'inflight' : 'expired';
}
