// FIFO rules: deduplication ids and their scope, which messages a receive may take (group order
// and the group lock), and ReceiveRequestAttemptId retries. ../shared/reference/sqs-semantics.md
// section 9 and 17; aws-recorded-facts.md A7 items 57-77. PURE (hashing only).
import { createHash } from 'node:crypto';
import { expectedError } from '../errors.js';
import type { ExpectedError } from '../types.js';

/** Explicit MessageDeduplicationId, else SHA-256 of the body only (content-based; section 9). */
export function deduplicationId(body: string, explicit: string | undefined): string {
  return explicit ?? createHash('sha256').update(body, 'utf8').digest('hex');
}

/** Dedup scope: the whole queue, or the group with DeduplicationScope=messageGroup (section 9; items 59-60). */
export function deduplicationKey(scope: 'queue' | 'messageGroup', groupId: string | undefined, dedupId: string): string {
  return scope === 'messageGroup' ? `${groupId ?? ''}\u0000${dedupId}` : dedupId;
}

export type FifoState = 'visible' | 'delayed' | 'inflight';

/**
 * The messages a FIFO receive may take, per group, each group in send order: a group with a
 * message in flight yields nothing after it (the group lock, items 67-72; a receive with VT 0 does
 * not lock, item 69); a delayed message is skipped without locking its group (17, floci#2104).
 * Groups come in the order of their oldest message; which group a receive fills first is the
 * caller's choice (14 N5; item 66: from one group as far as it goes, then the next).
 */
export function receivableGroups<M>(messagesInSendOrder: Iterable<M>, groupOf: (m: M) => string, stateOf: (m: M) => FifoState): M[][] {
  const groups = new Map<string, { locked: boolean; msgs: M[] }>();
  for (const m of messagesInSendOrder) {
    const g = groupOf(m);
    let entry = groups.get(g);
    if (!entry) groups.set(g, (entry = { locked: false, msgs: [] }));
    if (entry.locked) continue;
    const s = stateOf(m);
    if (s === 'visible') entry.msgs.push(m);
    else if (s === 'inflight') entry.locked = true;
  }
  return [...groups.values()].map((g) => g.msgs).filter((msgs) => msgs.length > 0);
}

/**
 * ReceiveRequestAttemptId (section 9 [M]): within 5 minutes, a retry with the same id returns the
 * same messages and receipt handles and resets their visibility, provided none was deleted, had
 * its visibility changed, or was received again since; otherwise the retry fails. Ignored on
 * standard queues (17, settling 16 point 9).
 */
export function attemptRetryable(taken: ReadonlyArray<{ present: boolean; receivedAgain: boolean; changed: boolean }>): boolean {
  return taken.every((t) => t.present && !t.receivedAgain && !t.changed);
}

/** A retry after the messages changed (sqs-semantics.md 9, OBS aws/aws-sdk-java#2613). */
export function attemptNotRetryableError(): ExpectedError {
  return expectedError(
    'InvalidParameterValue',
    'The receiveRequestAttemptId is not valid anymore since the receive call is not retryable.',
    'observed',
    { file: 'sqs-semantics.md', section: '9 (aws/aws-sdk-java#2613)', evidence: 'observed' },
  );
}

/**
 * The key a send to a queue is deduplicated by: its explicit MessageDeduplicationId, else (with
 * ContentBasedDeduplication) the SHA-256 of its body, scoped to its group when DeduplicationScope
 * is messageGroup. Undefined on standard queues and for a FIFO send with neither (invalid, item 54).
 */
export function sendDeduplicationKey(
  queue: { fifo: boolean; contentBasedDeduplication?: boolean; deduplicationScope?: 'queue' | 'messageGroup' },
  send: { MessageBody?: unknown; MessageDeduplicationId?: unknown; MessageGroupId?: unknown },
): string | undefined {
  if (!queue.fifo) return undefined;
  const explicit = typeof send.MessageDeduplicationId === 'string' && send.MessageDeduplicationId !== '' ? send.MessageDeduplicationId : undefined;
  if (explicit === undefined && (!queue.contentBasedDeduplication || typeof send.MessageBody !== 'string')) return undefined;
  const id = deduplicationId(typeof send.MessageBody === 'string' ? send.MessageBody : '', explicit);
  return deduplicationKey(queue.deduplicationScope ?? 'queue', typeof send.MessageGroupId === 'string' ? send.MessageGroupId : undefined, id);
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
