// ReceiveMessage: which messages a receive may take (standard: any visible one; FIFO: group order
// and the group lock, model/fifo.ts), how many (model/polling.ts, drawn by the Chooser), the DLQ
// move on the receive that would exceed maxReceiveCount (model/redrive.ts), the new handle and
// visibility, the attributes returned, and FIFO ReceiveRequestAttemptId retries.
// ../shared/reference/sqs-semantics.md 4.9, 5.3-5.5, 7, 9, 10; aws-recorded-facts.md A1, A7, A9. PURE.
import { md5OfMessageAttributes } from '../md5.js';
import { requestedMessageAttributes } from '../message.js';
import { DEFAULTS, WINDOWS_MS } from '../model/defaults.js';
import { attemptNotRetryableError, attemptRetryable, receivableGroups } from '../model/fifo.js';
import { effectiveVisibilityTimeout, visibilityDeadline } from '../model/message.js';
import { effectiveWaitTime, isLongPoll, receiveSizeRange } from '../model/polling.js';
import { movesOnReceive } from '../model/redrive.js';
import { validateReceiveMessage } from '../operations.js';
import { moveToDeadLetterQueue } from './dead-letter.js';
import { encodeHandle } from './handles.js';
import { delayed, dict, epochMs, entriesOf, fail, inflight, ok, placeMessage, target, visible, visibleAtMs, type EngineState, type Msg, type Queue } from './state.js';
import type * as T from './types.js';

const ALL_SYSTEM_ATTRIBUTES = [
  'AWSTraceHeader',
  'ApproximateFirstReceiveTimestamp',
  'ApproximateReceiveCount',
  'DeadLetterQueueSourceArn',
  'MessageDeduplicationId',
  'MessageGroupId',
  'SenderId',
  'SentTimestamp',
  'SequenceNumber',
] as const;

function selectSystemAttributes(s: EngineState, m: Msg, q: Queue, names: Set<string>): Record<string, string> | undefined {
  if (names.size === 0) return undefined;
  const all = names.has('All');
  const values: Record<(typeof ALL_SYSTEM_ATTRIBUTES)[number], string | undefined> = {
    AWSTraceHeader: m.traceHeader,
    // Epoch milliseconds as integer strings (item 9).
    ApproximateFirstReceiveTimestamp: m.firstReceiveMs !== undefined ? String(Math.floor(epochMs(s, m.firstReceiveMs))) : undefined,
    ApproximateReceiveCount: String(m.receiveCount),
    DeadLetterQueueSourceArn: m.deadLetterSourceArn,
    MessageDeduplicationId: q.fifo ? m.dedupId : undefined,
    // FIFO, and fair queues: a standard queue returns the group id it was sent with (item 125).
    MessageGroupId: m.groupId,
    SenderId: m.senderId,
    SentTimestamp: String(Math.floor(epochMs(s, m.sentMs))),
    SequenceNumber: q.fifo ? m.sequenceNumber : undefined,
  };
  const out: Record<string, string> = {};
  for (const n of ALL_SYSTEM_ATTRIBUTES) {
    const val = values[n];
    if (val !== undefined && (all || names.has(n))) out[n] = val; // names that do not apply are dropped (item 91)
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The answer's view of a message: a fresh handle is issued by the caller. */
function present(s: EngineState, m: Msg, q: Queue, handle: string, input: T.ReceiveMessageInput, systemNames: Set<string>): T.ReceivedMessage {
  const msg: T.ReceivedMessage = { MessageId: m.messageId, ReceiptHandle: handle, MD5OfBody: m.md5Body, Body: m.body };
  const sys = selectSystemAttributes(s, m, q, systemNames);
  if (sys) msg.Attributes = sys;
  const attrs = requestedMessageAttributes(m.attributes, input.MessageAttributeNames); // filters of item 90, stated once in spec/message.ts
  if (attrs) {
    msg.MD5OfMessageAttributes = md5OfMessageAttributes(attrs); // over the subset returned (item 90)
    msg.MessageAttributes = attrs;
  }
  return msg;
}

/** Candidates in the order the receive considers them (lazily for a standard queue with choose: typical). */
function candidates(s: EngineState, q: Queue, now: number): Iterable<Msg> {
  if (q.fifo) {
    const groups = receivableGroups(q.messages.values(), (m) => m.groupId ?? '', (m) => (inflight(q, m, now) ? 'inflight' : delayed(q, m, now) ? 'delayed' : 'visible'));
    return [...s.chooser.order(groups)].flat(); // which group first (14 N5); each group in order
  }
  return s.chooser.order(standardCandidates(s, q, now)); // standard: any order (14 N2, N21)
}

/**
 * A FIFO queue's candidates with choose: typical, lazily, from its groups (no scan of every
 * message): groups in the order of their oldest message, each in send order up to its first
 * message in flight, delayed ones skipped — model/fifo.ts receivableGroups, read group by group.
 */
function* fifoCandidates(q: Queue, now: number): Generator<Msg> {
  const heads: Array<[number, Map<number, Msg>]> = [];
  for (const g of q.groups.values()) heads.push([g.keys().next().value as number, g]);
  heads.sort((a, b) => a[0] - b[0]);
  for (const [, group] of heads) {
    for (const m of group.values()) {
      if (inflight(q, m, now)) break; // the group lock (items 67-72)
      if (!delayed(q, m, now)) yield m;
    }
  }
}

function* standardCandidates(s: EngineState, q: Queue, now: number): Generator<Msg> {
  for (const m of q.messages.values()) {
    if (visible(q, m, now)) yield m;
    else if (!delayed(q, m, now) && s.chooser.redeliverEarly()) yield m; // in flight, handed out early (14 N1)
  }
}

/** A FIFO retry with a known ReceiveRequestAttemptId: the same messages and handles, visibility reset (model/fifo.ts). */
function retryAttempt(q: Queue, attemptId: string, vt: number, now: number): T.EngineResult<T.ReceiveMessageOutput> | undefined {
  for (const [k, a] of q.attempts) if (now - a.atMs >= WINDOWS_MS.receiveRequestAttempt) q.attempts.delete(k);
  const a = q.attempts.get(attemptId);
  if (!a) return undefined;
  const taken = a.taken.map((t) => ({ t, m: q.messages.get(t.key) }));
  const retryable = attemptRetryable(taken.map(({ t, m }) => ({ present: m !== undefined, receivedAgain: m !== undefined && m.lastReceive !== t.receive, changed: m?.visibilityChanged === true })));
  if (!retryable) return fail(attemptNotRetryableError());
  for (const { m } of taken) {
    if (!m) continue;
    m.inflightUntilMs = visibilityDeadline(now, vt);
    placeMessage(q, m, now);
  }
  return ok({ Messages: a.taken.map((t) => t.message) });
}

export function receiveMessage(s: EngineState, input: T.ReceiveMessageInput, now: number): T.EngineResult<T.ReceiveMessageOutput> {
  const r = target(s, input, (i, queue) => validateReceiveMessage(i, queue.config), now);
  if ('error' in r) return fail(r.error);
  const q = r.queue;
  const vt = effectiveVisibilityTimeout(q.config, input.VisibilityTimeout);
  // ReceiveRequestAttemptId: FIFO only; standard queues ignore it (17).
  const attemptId = q.fifo ? input.ReceiveRequestAttemptId : undefined;
  if (attemptId !== undefined) {
    const retried = retryAttempt(q, attemptId, vt, now);
    if (retried) return retried;
  }
  const maxReceives = q.config.redrivePolicy?.maxReceiveCount;
  const max = input.MaxNumberOfMessages ?? DEFAULTS.maxNumberOfMessages;
  const longPoll = isLongPoll(effectiveWaitTime(q.config, input.WaitTimeSeconds));
  const out: T.ReceivedMessage[] = [];
  const taken: Msg[] = [];
  // JSON sends both lists separately; their union decides (item 92).
  const systemNames = new Set([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
  const take = (m: Msg): boolean => {
    // The receive that would exceed maxReceiveCount moves the message instead (items 40-41).
    if (movesOnReceive(m.receiveCount, maxReceives) && moveToDeadLetterQueue(s, q, m, now)) return false;
    m.receiveCount += 1;
    m.firstReceiveMs ??= now;
    m.lastReceive = ++s.counters.receives;
    m.inflightUntilMs = visibilityDeadline(now, vt);
    m.visibilityChanged = undefined;
    const handle = encodeHandle({ queue: q.name, incarnation: q.incarnation, message: m.key, receive: m.lastReceive, receivedAtMs: epochMs(s, now), nonce: s.ids.nonce() }, s.secret);
    out.push(present(s, m, q, handle, input, systemNames));
    taken.push(m);
    return true;
  };
  if (!q.fifo && s.chooser.kind === 'typical') {
    // The first visible messages in receive order, from the index (no scan of the messages in flight).
    q.index.promote(now);
    while (out.length < max) {
      const m = q.index.takeReady();
      if (m === undefined) break;
      if (!visible(q, m, now)) placeMessage(q, m, now); // the clock went back: not visible yet
      else if (!take(m)) continue;
    }
  } else if (s.chooser.kind === 'typical') {
    for (const m of fifoCandidates(q, now)) {
      if (out.length >= max) break;
      take(m);
    }
  } else {
    // Moved messages are not candidates, so a sampled receive never comes back short because of them.
    const takeable = function* (): Generator<Msg> {
      for (const m of candidates(s, q, now)) {
        if (movesOnReceive(m.receiveCount, maxReceives) && moveToDeadLetterQueue(s, q, m, now)) continue;
        yield m;
      }
    };
    for (const m of s.chooser.limit(takeable(), (n) => receiveSizeRange(n, max, longPoll))) {
      if (out.length >= max) break;
      take(m);
    }
  }
  if (attemptId !== undefined && out.length > 0) {
    q.attempts.set(attemptId, { atMs: now, taken: taken.map((m, i) => ({ key: m.key, receive: m.lastReceive, message: out[i] as T.ReceivedMessage })) });
  }
  if (!q.fifo) {
    // Received messages go to the end of a standard queue's receive order (the index's, and the
    // map's that the random chooser scans). Standard queues promise only best-effort order
    // (sqs-semantics.md 8; 14 N2). After the loop: an entry moved during the iteration would be
    // visited again, and with VisibilityTimeout 0 returned twice.
    for (const m of taken) {
      q.messages.delete(m.key);
      q.messages.set(m.key, m);
      q.index.moveToEnd(m, visibleAtMs(q, m), now);
    }
  } else for (const m of taken) placeMessage(q, m, now);
  return ok(out.length > 0 ? { Messages: out } : {}); // `Messages` absent when empty (item 5)
}
