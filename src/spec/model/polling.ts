// Short and long polls: the wait a receive uses, how many messages it may answer with, and when a
// waiting long poll looks again. The reference server, the engine target and `simulate` all run
// their waits through engine/long-poll.ts, which reads these rules; the checker reads the same
// rules as constraints. PURE. Sources: ../shared/reference/sqs-semantics.md section 7 and 14 (N3,
// N4); aws-recorded-facts.md A13 items 115-117.
import type { QueueConfig } from '../types.js';

/** Long-poll wait (seconds) of a receive: its WaitTimeSeconds, else the queue's ReceiveMessageWaitTimeSeconds (item 116). */
export function effectiveWaitTime(queue: Pick<QueueConfig, 'receiveMessageWaitTimeSeconds'>, requested: number | undefined): number {
  return requested ?? queue.receiveMessageWaitTimeSeconds;
}

/** WaitTimeSeconds 0 is a short poll (item 116); 1-20 a long poll (section 7). */
export function isLongPoll(waitSeconds: number): boolean {
  return waitSeconds > 0;
}

/** When a long poll that found nothing answers empty. */
export function waitDeadline(startMs: number, waitSeconds: number): number {
  return startMs + waitSeconds * 1000;
}

/**
 * The wake rule: a waiting long poll looks again when a message may have become available (the
 * engine's listeners say so at once), when the next hidden message becomes visible, or at its
 * deadline, whichever comes first; at least 1 ms later, so time moves (item 115: it answers as
 * soon as one message is there).
 */
export function nextLookAt(nowMs: number, deadlineMs: number, nextVisibleAtMs: number | undefined): number {
  return Math.max(nowMs + 1, Math.min(deadlineMs, nextVisibleAtMs ?? Number.POSITIVE_INFINITY));
}

/**
 * How many of `available` receivable messages a receive may hand out (max = MaxNumberOfMessages):
 * - `typical`: as many as it can (AWS in a small test; item 11);
 * - short poll: any number from 0, even with messages there (section 7; 14 N3);
 * - long poll answering early: at least one, fewer than max allowed (item 115; 14 N4).
 * A long poll may in rare cases end empty despite messages (14 N4); that outcome is left to the
 * deadline, not drawn here (an empty final drain would read as a lost message).
 */
export function receiveSizeRange(available: number, max: number, longPoll: boolean): { min: number; typical: number; max: number } {
  const most = Math.max(0, Math.min(available, max));
  return { min: longPoll && most > 0 ? 1 : 0, typical: most, max: most };
}
