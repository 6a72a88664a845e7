// FIFO rules read by the engine and the checker alike (sqs-semantics.md 9, 17; aws-recorded-facts.md
// A7): the deduplication key of a send, its 5-minute window, and how sequence numbers compare. PURE.
import { createHash } from 'node:crypto';
import type { QueueSettings } from './attributes.js';
import { expectedError } from './errors.js';
import { changeVisibilityOutcomes, deleteMessageOutcomes, type HandleStatus, type Outcome } from './lifecycle.js';
import type { ExpectedError } from './types.js';

/** A deduplication id is remembered for 5 minutes, even after the message is deleted (item 58). */
export const DEDUPLICATION_WINDOW_MS = 300_000;

/**
 * The key two sends of a FIFO queue are deduplicated by: the explicit MessageDeduplicationId, else
 * (ContentBasedDeduplication) the SHA-256 of the body only, attributes ignored (section 9); scoped
 * to the group when DeduplicationScope is messageGroup (items 59-60). Undefined when the send has
 * neither (the send is then invalid, item 54) or the queue is not FIFO.
 */
export function deduplicationKey(
  queue: Pick<QueueSettings, 'fifo' | 'contentBasedDeduplication' | 'deduplicationScope'>,
  send: { MessageBody?: unknown; MessageDeduplicationId?: unknown; MessageGroupId?: unknown },
): string | undefined {
  if (!queue.fifo) return undefined;
  let id: string | undefined;
  if (typeof send.MessageDeduplicationId === 'string' && send.MessageDeduplicationId !== '') id = send.MessageDeduplicationId;
  else if (queue.contentBasedDeduplication && typeof send.MessageBody === 'string') id = createHash('sha256').update(send.MessageBody, 'utf8').digest('hex');
  if (id === undefined) return undefined;
  return queue.deduplicationScope === 'messageGroup' ? `${String(send.MessageGroupId ?? '')}\u0000${id}` : id;
}

/** Sequence numbers are decimal strings of up to 128-bit integers, increasing within a group (item 65). */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isSequenceNumber(v: unknown): v is string {
  return typeof v === 'string' && /^\d{1,40}$/.test(v);
}

/** A FIFO receipt handle used after its visibility timeout lapsed (aws-recorded-facts.md A3 item 27). */
export function receiptHandleExpiredError(handle: string): ExpectedError {
  return expectedError('InvalidParameterValue', `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`, 'recorded', {
    file: 'aws-recorded-facts.md',
    section: 'A3 item 27',
    evidence: 'recorded',
  });
}

/**
 * DeleteMessage on a FIFO queue: only the current handle of an in-flight message deletes; a lapsed
 * or older handle fails (items 27-28; sqs-semantics.md 9 "deleting outside the visibility window
 * fails"); deleting again succeeds as on standard queues.
 */
export function fifoDeleteMessageOutcomes(status: HandleStatus, handle: string): Outcome[] {
  const expired = receiptHandleExpiredError(handle);
  switch (status) {
    case 'inflight':
      return [{ response: 'ok', effect: 'delete', typical: true, source: { file: 'sqs-semantics.md', section: '4.10; 9', evidence: 'documented' } }];
    case 'expired':
    case 'stale':
      return [{ response: expired, effect: 'none', typical: true, source: expired.source }];
    case 'deleted':
    case 'unknown':
      return deleteMessageOutcomes(status, handle);
  }
}

/** ChangeMessageVisibility on a FIFO queue: only while the message is in flight with that handle (items 27-28, 70-71). */
export function fifoChangeVisibilityOutcomes(status: HandleStatus, handle: string): Outcome[] {
  const expired = receiptHandleExpiredError(handle);
  switch (status) {
    case 'inflight':
      return [{ response: 'ok', effect: 'set-visibility', typical: true, source: { file: 'aws-recorded-facts.md', section: 'A3 item 28; A7 items 70-71', evidence: 'recorded' } }];
    case 'expired':
    case 'stale':
      return [{ response: expired, effect: 'none', typical: true, source: expired.source }];
    case 'deleted':
    case 'unknown':
      return changeVisibilityOutcomes(status, handle);
  }
}

/** The outcome tables of a queue's type. */
export function handleOutcomes(fifo: boolean): { delete: typeof deleteMessageOutcomes; changeVisibility: typeof changeVisibilityOutcomes } {
  return fifo ? { delete: fifoDeleteMessageOutcomes, changeVisibility: fifoChangeVisibilityOutcomes } : { delete: deleteMessageOutcomes, changeVisibility: changeVisibilityOutcomes };
}
