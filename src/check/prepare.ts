// Turns a history into what the checker reasons about: calls, queue configurations, the messages
// that were sent (by SendMessage or by an entry of SendMessageBatch), every receive of each
// message, and every use of a receipt handle (DeleteMessage, ChangeMessageVisibility and the
// entries of their batch forms), each with its own outcome. PURE.
import { pairCalls, type Call, type History, type ServiceError } from '../history/index.js';
import { queueConfigFromAttributes, type QueueSettings } from '../spec/attributes.js';
import { effectiveDelay, effectiveVisibilityTimeout, effectiveWaitTime, isSequenceNumber, sendDeduplicationKey, WINDOWS_MS } from '../spec/model/index.js';
import { num } from './num.js';

/** The outcome of one request or one batch entry. */
export type EntryResult = { type: 'ok' } | { type: 'fail'; error: ServiceError } | { type: 'unknown' };

/** One send (a call or a batch entry) of a message. */
export interface SendRef {
  call: Call;
  entry?: string;
  body: string;
  /** Known to have succeeded (an ok answer or a Successful entry). */
  known: boolean;
  messageId?: string;
  sequenceNumber?: string;
}

/**
 * A message the checker follows, named m1, m2, … in sending order. On a FIFO queue the sends that
 * share a deduplication key within the 5-minute window are one message (sqs-semantics.md 9).
 */
export interface TrackedMessage {
  name: string;
  queue: string;
  /** The first send (the explanations name it); `sends` has every send of the message. */
  send: Call;
  /** The batch entry Id when SendMessageBatch sent it. */
  sendEntry?: string;
  sends: SendRef[];
  /** True when some send is known to have succeeded; false when the message may not exist. */
  sendKnown: boolean;
  body: string;
  messageId?: string;
  /** Every MessageId that sends or receives bound to this message (more than one is a fault on FIFO). */
  ids: Set<string>;
  delaySeconds: number;
  /** A copy a message move task made of this message (a new message with a new MessageId, sqs-semantics.md 4.15). */
  copyOf?: TrackedMessage;
  /** FIFO: the MessageGroupId, the deduplication key and the SequenceNumber of the first known send. */
  group?: string;
  dedupKey?: string;
  sequenceNumber?: string;
  /** Receives that returned it, in invoke order. */
  hits: Hit[];
  /** Deletes and visibility changes that used one of its handles. */
  uses: HandleUse[];
}

export interface Hit {
  call: Call;
  handle: string;
  visibilityTimeout: number;
  waitSeconds: number;
  attributes: Record<string, string>;
  /** Position of the message in the response. */
  position: number;
  /** The MessageId this receive returned (a FIFO message may come back under a second id when deduplication failed). */
  messageId: string;
  /** The queue the receive read: the message's own, or its dead-letter queue after a move. */
  queue: string;
  /**
   * The earlier receive this one repeats (FIFO ReceiveRequestAttemptId, sqs-semantics.md 9): the
   * same message with the same handle, not a new receive.
   */
  retryOf?: Hit;
  /**
   * An earlier receive with the same ReceiveRequestAttemptId whose answer was lost: this one may
   * repeat it (then it returns what that one handed out, sqs-semantics.md 9) or be a receive of its own.
   */
  retryOfUnknown?: Call;
}

/** One use of a receipt handle: a DeleteMessage or ChangeMessageVisibility call, or one entry of a batch. */
export interface HandleUse {
  call: Call;
  entry?: string;
  action: 'DeleteMessage' | 'ChangeMessageVisibility';
  /** `undefined` when the request carried no string handle. */
  handle: string | undefined;
  /** ChangeMessageVisibility's new timeout (absent in a batch entry = 0). */
  visibilityTimeout: number;
  /** The request (or the entry) as sent, for validation. */
  input: Record<string, unknown>;
  result: EntryResult;
  /** The message whose receive issued the handle, when one did. */
  owner?: TrackedMessage;
}

export interface Prepared {
  calls: Call[];
  queues: Map<string, QueueSettings>;
  /** Attributes each queue was created (or last set) with, by name. */
  attributesSet: Map<string, { call: Call; attributes: Record<string, string> }>;
  /** Each queue's ARN, from the GetQueueAttributes answers of the history. */
  arns: Map<string, string>;
  /** A source queue's dead-letter queue (its RedrivePolicy names that queue's ARN). */
  deadLetterOf: Map<string, string>;
  messages: TrackedMessage[];
  byHandle: Map<string, { message: TrackedMessage; hit: Hit }>;
  /** Every handle use, in invoke order. */
  uses: HandleUse[];
  /** ok ReceiveMessage calls per queue, in invoke order. */
  receivesByQueue: Map<string, Call[]>;
  /** Receives whose outcome is unknown, per queue. */
  unknownReceivesByQueue: Map<string, Call[]>;
  /** Handles of the second copies of a message in one response (not tracked: the duplicate is the finding). */
  duplicateHandles: Set<string>;
  /** PurgeQueue calls that may have purged (ok or unknown), per queue, in invoke order. */
  purgesByQueue: Map<string, Call[]>;
  /** StartMessageMoveTask calls that may have started a task (ok or unknown), with their queues. */
  moveTasks: MoveTaskRef[];
  /** Findings of identification (unexpected, body changed, id changed), as raw facts. */
  identity: IdentityFinding[];
  /** Batch answers that name an entry twice or leave one out. */
  batchAnswers: BatchAnswerFinding[];
  /** ms offset to convert our wall-clock ms into history ms (history ms = wall - offset). */
  wallOffsetMs: number;
}

export interface MoveTaskRef {
  call: Call;
  /** The dead-letter queue it moves out of, and the destination (undefined: each message's own source). */
  source: string;
  destination?: string;
}

export type IdentityFinding =
  | { kind: 'unexpected'; call: Call; messageId: string; body: string }
  | { kind: 'body-changed'; call: Call; message: TrackedMessage; body: string }
  | { kind: 'id-changed'; call: Call; message: TrackedMessage; messageId: string }
  | { kind: 'duplicate-in-response'; call: Call; messageId: string };

export type BatchAnswerFinding =
  | { kind: 'entry-missing'; call: Call; entry: string }
  | { kind: 'entry-twice'; call: Call; entry: string }
  | { kind: 'entry-unknown'; call: Call; entry: string };

export const toMs = (ns: number): number => ns / 1e6;

export function inputOf(call: Call): Record<string, unknown> {
  return call.invoke.value;
}
export function outputOf(call: Call): Record<string, unknown> | undefined {
  return call.complete?.type === 'ok' ? call.complete.value : undefined;
}
export function errorOf(call: Call): ServiceError | undefined {
  return call.complete?.type === 'fail' ? call.complete.value : undefined;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function records(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => !!x && typeof x === 'object') : [];
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export const BATCH_ACTIONS = new Set(['SendMessageBatch', 'DeleteMessageBatch', 'ChangeMessageVisibilityBatch']);

/**
 * Each entry of a batch request with its own outcome: a whole-request error fails every entry; a
 * lost answer leaves every entry unknown; otherwise `Successful` and `Failed` decide, and an entry
 * in neither (reported as a batch-answer finding) is unknown.
 */
export function batchEntries(call: Call, findings?: BatchAnswerFinding[]): { entry: Record<string, unknown>; id: string; result: EntryResult; answer?: Record<string, unknown> }[] {
  const entries = records(inputOf(call).Entries);
  const c = call.complete;
  if (!c || c.type === 'info') return entries.map((entry) => ({ entry, id: String(entry.Id ?? ''), result: { type: 'unknown' } }));
  if (c.type === 'fail') return entries.map((entry) => ({ entry, id: String(entry.Id ?? ''), result: { type: 'fail', error: c.value } }));
  const ok = new Map<string, Record<string, unknown>>();
  const failed = new Map<string, Record<string, unknown>>();
  const requested = new Set(entries.map((e) => String(e.Id ?? '')));
  for (const [list, map] of [[records(c.value.Successful), ok], [records(c.value.Failed), failed]] as const) {
    for (const r of list) {
      const id = String(r.Id ?? '');
      if (ok.has(id) || failed.has(id)) findings?.push({ kind: 'entry-twice', call, entry: id });
      else if (!requested.has(id)) findings?.push({ kind: 'entry-unknown', call, entry: id });
      map.set(id, r);
    }
  }
  return entries.map((entry) => {
    const id = String(entry.Id ?? '');
    const s = ok.get(id);
    if (s) return { entry, id, result: { type: 'ok' }, answer: s };
    const f = failed.get(id);
    if (f) {
      const error: ServiceError = { code: String(f.Code ?? ''), ...(typeof f.Message === 'string' ? { message: f.Message } : {}), ...(typeof f.SenderFault === 'boolean' ? { senderFault: f.SenderFault } : {}) };
      return { entry, id, result: { type: 'fail', error }, answer: f };
    }
    findings?.push({ kind: 'entry-missing', call, entry: id });
    return { entry, id, result: { type: 'unknown' } };
  });
}

function callResult(call: Call): EntryResult {
  const c = call.complete;
  if (!c || c.type === 'info') return { type: 'unknown' };
  return c.type === 'ok' ? { type: 'ok' } : { type: 'fail', error: c.value };
}

export function prepare(history: History): Prepared {
  const calls = pairCalls(history.ops);
  const queues = new Map<string, QueueSettings>();
  const attributesSet = new Map<string, { call: Call; attributes: Record<string, string> }>();
  for (const c of calls) {
    if (c.complete?.type !== 'ok') continue;
    if (c.invoke.f === 'CreateQueue') {
      const input = inputOf(c);
      const name = typeof input.QueueName === 'string' ? input.QueueName : c.invoke.queue;
      const attributes = stringMap(input.Attributes);
      queues.set(c.invoke.queue, queueConfigFromAttributes(name, attributes));
      attributesSet.set(c.invoke.queue, { call: c, attributes });
    } else if (c.invoke.f === 'SetQueueAttributes' && c.invoke.process === 'setup') {
      // Setup wires queues together (a RedrivePolicy names the dead-letter queue's ARN, known only
      // once it exists): those attributes hold from the start of the scenario.
      const prior = attributesSet.get(c.invoke.queue);
      const current = queues.get(c.invoke.queue);
      if (!prior || !current) continue;
      const attributes = { ...prior.attributes, ...stringMap(inputOf(c).Attributes) };
      queues.set(c.invoke.queue, queueConfigFromAttributes(current.name, attributes));
      attributesSet.set(c.invoke.queue, { call: c, attributes });
    }
  }

  const purgesByQueue = new Map<string, Call[]>();
  for (const c of calls) if (c.invoke.f === 'PurgeQueue' && c.complete?.type !== 'fail') pushTo(purgesByQueue, c.invoke.queue, c);
  const arns = new Map<string, string>();
  for (const c of calls) {
    const attrs = c.invoke.f === 'GetQueueAttributes' ? (outputOf(c)?.Attributes as Record<string, unknown> | undefined) : undefined;
    if (attrs && typeof attrs.QueueArn === 'string') arns.set(c.invoke.queue, attrs.QueueArn);
  }
  const deadLetterOf = new Map<string, string>();
  for (const [key, q] of queues) {
    const arn = q.redrivePolicy?.deadLetterTargetArn;
    const dlq = arn === undefined ? undefined : [...arns].find(([, a]) => a === arn)?.[0];
    if (dlq !== undefined && dlq !== key) deadLetterOf.set(key, dlq);
  }
  const keyOfArn = (arn: unknown) => (typeof arn === 'string' ? [...arns].find(([, a]) => a === arn)?.[0] : undefined);
  const moveTasks: MoveTaskRef[] = [];
  for (const c of calls) {
    if (c.invoke.f !== 'StartMessageMoveTask' || c.complete?.type === 'fail') continue;
    const source = keyOfArn(c.invoke.value.SourceArn);
    if (source === undefined) continue;
    const destination = keyOfArn(c.invoke.value.DestinationArn);
    if (c.invoke.value.DestinationArn !== undefined && destination === undefined) continue;
    moveTasks.push({ call: c, source, ...(destination !== undefined ? { destination } : {}) });
  }
  /** The queues a receive on `queue` may find a message of: its own, and the sources it is the DLQ of. */
  const sourcesByQueue = new Map<string, string[]>();
  const sourcesOf = (queue: string): string[] => {
    let out = sourcesByQueue.get(queue);
    if (!out) sourcesByQueue.set(queue, (out = [queue, ...[...deadLetterOf].filter(([, d]) => d === queue).map(([src]) => src)]));
    return out;
  };

  const messages: TrackedMessage[] = [];
  const byId = new Map<string, TrackedMessage>();
  const byBody = new Map<string, TrackedMessage[]>();
  const bodyKey = (queue: string, body: string) => `${queue}\u0000${body}`;
  const receivesByQueue = new Map<string, Call[]>();
  const unknownReceivesByQueue = new Map<string, Call[]>();
  const duplicateHandles = new Set<string>();
  const byHandle = new Map<string, { message: TrackedMessage; hit: Hit }>();
  const identity: IdentityFinding[] = [];
  const batchAnswers: BatchAnswerFinding[] = [];

  /** FIFO deduplication clusters: (queue, key) → the message its first send made. */
  const clusters = new Map<string, TrackedMessage>();
  const bind = (m: TrackedMessage, id: string) => {
    m.ids.add(id);
    m.messageId ??= id;
    if (!byId.has(id)) byId.set(id, m);
  };
  const track = (c: Call, queue: QueueSettings, entry: Record<string, unknown>, known: boolean, answer: Record<string, unknown> | undefined, entryId?: string) => {
    const body = typeof entry.MessageBody === 'string' ? entry.MessageBody : '';
    const ref: SendRef = { call: c, body, known };
    if (entryId !== undefined) ref.entry = entryId;
    if (answer && typeof answer.MessageId === 'string') ref.messageId = answer.MessageId;
    if (answer && isSequenceNumber(answer.SequenceNumber)) ref.sequenceNumber = answer.SequenceNumber;
    const key = sendDeduplicationKey(queue, entry);
    const clusterKey = key !== undefined ? `${c.invoke.queue}\u0000${key}` : undefined;
    const prior = clusterKey !== undefined ? clusters.get(clusterKey) : undefined;
    // Within the window of the first send the same key is the same message (item 58), unless a
    // purge cleared the deduplication cache in between (item 63).
    const purgedSince = prior !== undefined && (purgesByQueue.get(c.invoke.queue) ?? []).some((p) => p.start > prior.send.start && p.end < c.start);
    if (prior && !purgedSince && toMs(c.start) - toMs(prior.send.end) < WINDOWS_MS.deduplication) {
      prior.sends.push(ref);
      prior.sendKnown ||= known;
      if (ref.messageId) bind(prior, ref.messageId);
      if (ref.sequenceNumber && known) prior.sequenceNumber ??= ref.sequenceNumber;
      if (!(byBody.get(bodyKey(prior.queue, body)) ?? []).includes(prior)) pushTo(byBody, bodyKey(prior.queue, body), prior);
      return;
    }
    const m: TrackedMessage = {
      name: `m${messages.length + 1}`,
      queue: c.invoke.queue,
      send: c,
      sends: [ref],
      sendKnown: known,
      body,
      ids: new Set(),
      delaySeconds: effectiveDelay(queue, num(entry.DelaySeconds)),
      hits: [],
      uses: [],
    };
    if (entryId !== undefined) m.sendEntry = entryId;
    if (queue.fifo && typeof entry.MessageGroupId === 'string') m.group = entry.MessageGroupId;
    if (key !== undefined) m.dedupKey = key;
    if (ref.sequenceNumber && known) m.sequenceNumber = ref.sequenceNumber;
    if (ref.messageId) bind(m, ref.messageId);
    if (clusterKey !== undefined) clusters.set(clusterKey, m);
    messages.push(m);
    pushTo(byBody, bodyKey(m.queue, body), m);
  };

  for (const c of calls) {
    if (c.invoke.f !== 'SendMessage' && c.invoke.f !== 'SendMessageBatch') continue;
    const queue = queues.get(c.invoke.queue);
    if (!queue) continue;
    if (c.invoke.f === 'SendMessage') {
      if (c.complete?.type === 'fail') continue; // certainly not sent
      track(c, queue, inputOf(c), c.complete?.type === 'ok', outputOf(c));
      continue;
    }
    for (const e of batchEntries(c, batchAnswers)) {
      if (e.result.type === 'fail') continue;
      track(c, queue, e.entry, e.result.type === 'ok', e.answer, e.id);
    }
  }

  /**
   * A message a move task redrove into `c`'s queue: a new message (new MessageId, new enqueue time)
   * with the body of one that was in the task's dead-letter queue (sent there, or moved there from
   * one of its sources), sent by the task at some time after it started (sqs-semantics.md 4.15).
   */
  const copies = new Map<string, TrackedMessage>();
  function moveTaskCopy(c: Call, body: string): TrackedMessage | undefined {
    for (const t of moveTasks) {
      if (t.call.start > c.end) continue;
      const sources = [...deadLetterOf].filter(([, d]) => d === t.source).map(([src]) => src);
      // Where the task sends copies, and where a copy may be received: there, or (moved on after
      // its receives there were used up) in that queue's own dead-letter queue.
      const destinations = t.destination !== undefined ? [t.destination] : sources;
      const into = destinations.find((d) => d === c.invoke.queue || deadLetterOf.get(d) === c.invoke.queue);
      if (into === undefined) continue;
      const original = [t.source, ...sources].flatMap((q) => byBody.get(bodyKey(q, body)) ?? []).find((x) => !x.copyOf);
      if (!original) continue;
      const key = `${into}\u0000${body}`;
      let copy = copies.get(key);
      if (!copy) {
        copy = { name: `m${messages.length + 1}`, queue: into, send: t.call, sends: [{ call: t.call, body, known: false }], sendKnown: false, body, ids: new Set(), delaySeconds: 0, hits: [], uses: [], copyOf: original };
        copies.set(key, copy);
        messages.push(copy);
        pushTo(byBody, bodyKey(into, body), copy);
      }
      return copy;
    }
    return undefined;
  }

  for (const c of calls) {
    if (c.invoke.f !== 'ReceiveMessage') continue;
    const queue = queues.get(c.invoke.queue);
    if (!queue) continue;
    if (c.complete?.type === 'fail') continue;
    if (c.complete?.type !== 'ok') {
      pushTo(unknownReceivesByQueue, c.invoke.queue, c);
      continue;
    }
    pushTo(receivesByQueue, c.invoke.queue, c);
    const input = inputOf(c);
    const list = records(c.complete.value.Messages);
    const seenInResponse = new Set<string>();
    list.forEach((raw, position) => {
      const messageId = typeof raw.MessageId === 'string' ? raw.MessageId : '';
      const body = typeof raw.Body === 'string' ? raw.Body : '';
      const handle = typeof raw.ReceiptHandle === 'string' ? raw.ReceiptHandle : '';
      if (seenInResponse.has(messageId)) {
        identity.push({ kind: 'duplicate-in-response', call: c, messageId });
        if (handle !== '') duplicateHandles.add(handle); // issued, though it should not have been: reported once, here
        return;
      }
      seenInResponse.add(messageId);
      let m = byId.get(messageId);
      // A message moved to its dead-letter queue keeps its MessageId (aws-recorded-facts.md A6 item 40).
      if (m && !sourcesOf(c.invoke.queue).includes(m.queue)) m = undefined;
      if (!m) {
        const candidates = sourcesOf(c.invoke.queue).flatMap((q) => byBody.get(bodyKey(q, body)) ?? []);
        const unbound = candidates.find((x) => x.messageId === undefined);
        const fifoCluster = candidates.find((x) => x.dedupKey !== undefined && x.sends.length > 1);
        if (unbound) {
          bind(unbound, messageId);
          m = unbound;
        } else if (fifoCluster) {
          // A second message for one deduplication key: judged by the FIFO rules, not as a changed id.
          bind(fifoCluster, messageId);
          m = fifoCluster;
        } else {
          // A new MessageId for a known body: a move task's copy, else a changed id or a stranger.
          const copy = moveTaskCopy(c, body);
          if (copy) {
            bind(copy, messageId);
            m = copy;
          } else if (candidates.length > 0) {
            identity.push({ kind: 'id-changed', call: c, message: candidates[0]!, messageId });
            return;
          } else {
            identity.push({ kind: 'unexpected', call: c, messageId, body });
            return;
          }
        }
      }
      if (!m.sends.some((x) => x.body === body)) identity.push({ kind: 'body-changed', call: c, message: m, body });
      const attempt = input.ReceiveRequestAttemptId;
      const retryOf = typeof attempt === 'string' && queue.fifo ? m.hits.find((h) => h.handle === handle && h.call.invoke.value.ReceiveRequestAttemptId === attempt) : undefined;
      const retryOfUnknown =
        !retryOf && typeof attempt === 'string' && queue.fifo
          ? calls.find((u) => u !== c && u.invoke.f === 'ReceiveMessage' && u.invoke.queue === c.invoke.queue && u.start < c.start && (u.complete === undefined || u.complete.type === 'info') && u.invoke.value.ReceiveRequestAttemptId === attempt)
          : undefined;
      const hit: Hit = {
        call: c,
        handle,
        visibilityTimeout: effectiveVisibilityTimeout(queue, num(input.VisibilityTimeout)),
        waitSeconds: effectiveWaitTime(queue, num(input.WaitTimeSeconds)),
        attributes: stringMap(raw.Attributes),
        position,
        messageId,
        queue: c.invoke.queue,
        ...(retryOf ? { retryOf } : {}),
        ...(retryOfUnknown ? { retryOfUnknown } : {}),
      };
      m.hits.push(hit);
      if (handle !== '' && !byHandle.has(handle)) byHandle.set(handle, { message: m, hit });
    });
  }

  const uses: HandleUse[] = [];
  for (const c of calls) {
    const f = c.invoke.f;
    if (f === 'DeleteMessage' || f === 'ChangeMessageVisibility') {
      const input = inputOf(c);
      uses.push(use(c, f, input, callResult(c)));
    } else if (f === 'DeleteMessageBatch' || f === 'ChangeMessageVisibilityBatch') {
      const action = f === 'DeleteMessageBatch' ? 'DeleteMessage' : 'ChangeMessageVisibility';
      for (const e of batchEntries(c, batchAnswers)) uses.push(use(c, action, e.entry, e.result, e.id));
    }
  }
  function use(call: Call, action: HandleUse['action'], input: Record<string, unknown>, result: EntryResult, entry?: string): HandleUse {
    const handle = typeof input.ReceiptHandle === 'string' ? input.ReceiptHandle : undefined;
    const u: HandleUse = { call, action, handle, visibilityTimeout: num(input.VisibilityTimeout) ?? 0, input, result, ...(entry !== undefined ? { entry } : {}) };
    const owner = handle !== undefined ? byHandle.get(handle) : undefined;
    if (owner && owner.hit.queue === call.invoke.queue) {
      u.owner = owner.message;
      owner.message.uses.push(u);
    }
    return u;
  }

  // Our wall clock against the history's monotonic clock: the median difference is the offset
  // (both are read back to back by the recorder).
  const offsets = history.ops.map((o) => o.wallTime - toMs(o.time)).sort((a, b) => a - b);
  const wallOffsetMs = offsets.length > 0 ? offsets[Math.floor(offsets.length / 2)]! : 0;

  return { calls, queues, attributesSet, arns, deadLetterOf, messages, byHandle, uses, receivesByQueue, unknownReceivesByQueue, duplicateHandles, purgesByQueue, moveTasks, identity, batchAnswers, wallOffsetMs };
}
