// SendMessage (and the enqueue SendMessageBatch and move tasks use): validation, FIFO deduplication and sequence numbers, delays
// (../shared/reference/sqs-semantics.md 4.7-4.8, 5.2, 9, 10; aws-recorded-facts.md A1, A4, A7-A9). PURE.
import { md5Hex, md5OfMessageAttributes, md5OfMessageSystemAttributes } from '../md5.js';
import { WINDOWS_MS } from '../model/defaults.js';
import { deduplicationId, deduplicationKey } from '../model/fifo.js';
import { effectiveDelay } from '../model/message.js';
import { validateSendMessage } from '../operations.js';
import { dict, entriesOf, fail, notify, ok, newMsg, store, target, type EngineState, type Msg, type Queue } from './state.js';
import type * as T from './types.js';

/**
 * Forgets deduplication ids whose 5-minute interval has passed. The map is in insertion order,
 * which is deadline order (each entry is re-inserted at the end), so the scan stops at the first
 * live entry: O(1) amortised per send.
 */
function pruneDedup(q: Queue, now: number): void {
  for (const [k, d] of q.dedup) {
    if (now < d.untilMs) return;
    q.dedup.delete(k);
  }
}

/** Stores one message (or acknowledges a FIFO duplicate) and answers as SendMessage does. */
export function enqueue(s: EngineState, q: Queue, e: T.SendMessageBatchRequestEntry, now: number): T.SendMessageOutput {
  const body = e.MessageBody as string;
  // User-named keys: copied into null-prototype records (`__proto__` is an attribute name like any other).
  const attrs = entriesOf(e.MessageAttributes).length > 0 ? dict(entriesOf(e.MessageAttributes)) : undefined;
  const sys = entriesOf(e.MessageSystemAttributes).length > 0 ? dict(entriesOf(e.MessageSystemAttributes)) : undefined;
  const out: T.SendMessageOutput = { MessageId: '', MD5OfMessageBody: md5Hex(body) };
  if (attrs) out.MD5OfMessageAttributes = md5OfMessageAttributes(attrs);
  if (sys) out.MD5OfMessageSystemAttributes = md5OfMessageSystemAttributes(sys);

  let dedupKey: string | undefined;
  let dedupId: string | undefined;
  if (q.fifo) {
    pruneDedup(q, now);
    dedupId = deduplicationId(body, e.MessageDeduplicationId);
    dedupKey = deduplicationKey(q.dedupScope, e.MessageGroupId, dedupId);
    const seen = q.dedup.get(dedupKey);
    if (seen && now < seen.untilMs) {
      // Acknowledged, not enqueued; the original MessageId and SequenceNumber come back (OBS, section 9).
      out.MessageId = seen.messageId;
      if (seen.sequenceNumber) out.SequenceNumber = seen.sequenceNumber;
      return out;
    }
  }
  const messageId = s.ids.messageId();
  const m: Msg = newMsg({
    key: ++s.counters.messageKeys,
    messageId,
    body,
    md5Body: out.MD5OfMessageBody,
    sentMs: now,
    enqueuedMs: now,
    delayUntilMs: now + effectiveDelay(q.config, e.DelaySeconds) * 1000,
    expirySlackMs: s.chooser.retentionSlackMs(),
    receiveCount: 0,
    lastReceive: 0,
    senderId: s.senderId,
  });
  if (attrs) {
    m.attributes = attrs;
    if (out.MD5OfMessageAttributes !== undefined) m.md5Attributes = out.MD5OfMessageAttributes;
  }
  const trace = sys?.['AWSTraceHeader']?.StringValue;
  if (trace !== undefined) m.traceHeader = trace;
  // Kept on both queue types: a standard queue with a group id is a fair queue (sections 10, 17; item 125).
  if (e.MessageGroupId !== undefined) m.groupId = e.MessageGroupId;
  if (q.fifo && dedupKey !== undefined) {
    q.sequence += 1n;
    m.sequenceNumber = q.sequence.toString().padStart(20, '0');
    m.dedupId = dedupId as string;
    out.SequenceNumber = m.sequenceNumber; // FIFO only (item 65)
    q.dedup.delete(dedupKey); // re-inserted at the end: the map stays in deadline order (pruneDedup)
    q.dedup.set(dedupKey, { untilMs: now + WINDOWS_MS.deduplication, messageId, sequenceNumber: m.sequenceNumber });
  }
  store(q, m, now);
  out.MessageId = messageId;
  return out;
}

export function sendMessage(s: EngineState, input: T.SendMessageInput, now: number): T.EngineResult<T.SendMessageOutput> {
  const r = target(s, input, (i, queue) => validateSendMessage(i, queue.config), now);
  if ('error' in r) return fail(r.error);
  const q = r.queue;
  const out = enqueue(s, q, input, now);
  notify(s, q.name);
  return ok(out);
}
