// The engine's state (queues, messages, move tasks) and the small rules every action shares:
// resolving a queue, retention sweeps, message states, receipt-handle status. The lifecycle rules
// themselves are read from ../model; this file only keeps the books. PURE.
import type { QueueSettings } from '../attributes.js';
import { queueConfigFromAttributes } from '../attributes.js';
import { delayEndsAt, handleStatus, isDelayed, isInflight, isVisible, retentionDeadline, type HandleStatus, type MessageTimes } from '../model/message.js';
import type { ExpectedError, Validation } from '../types.js';
import type { Chooser } from './choose.js';
import * as E from './errors.js';
import { parseHandle, type HandleFields } from './handles.js';
import { QueueIndex, type Indexed } from './queue-index.js';
import type * as T from './types.js';

/** A stored message; the fields of `Indexed` belong to the queue's index (queue-index.ts). */
export interface Msg extends Indexed {
  key: number;
  messageId: string;
  body: string;
  md5Body: string;
  attributes?: T.MessageAttributeMap;
  md5Attributes?: string;
  traceHeader?: string;
  /** SentTimestamp (kept across a DLQ move; item 41). */
  sentMs: number;
  /** Origin of the retention period: the send; the move for FIFO DLQs (model/redrive.ts). */
  enqueuedMs: number;
  /** Delay end fixed at send (FIFO queues recompute it from the queue: model/message.ts delayEndsAt). */
  delayUntilMs: number;
  /** How long after its retention deadline this message is removed (14 N9; 0 with choose: typical). */
  expirySlackMs: number;
  /** In flight until this instant (set by a receive or ChangeMessageVisibility). */
  inflightUntilMs?: number;
  receiveCount: number;
  firstReceiveMs?: number;
  /** Receive sequence of the newest handle; 0 when never received. */
  lastReceive: number;
  /** ChangeMessageVisibility changed it since its newest receive (FIFO ReceiveRequestAttemptId). */
  visibilityChanged?: boolean;
  senderId: string;
  deadLetterSourceArn?: string;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
}

export interface MoveTask {
  handle: string;
  sourceArn: string;
  destinationArn?: string;
  rate?: number;
  status: 'RUNNING' | 'COMPLETED' | 'CANCELLED' | 'FAILED';
  startedMs: number;
  toMove: number;
  moved: number;
  failureReason?: string;
}

/** A FIFO receive remembered by its ReceiveRequestAttemptId (model/fifo.ts). */
export interface Attempt {
  atMs: number;
  taken: Array<{ key: number; receive: number; message: T.ReceivedMessage }>;
}

export interface Queue {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  incarnation: number;
  /** Settable attributes as strings, defaults included; absent = not set. A Map: names are user input. */
  attributes: Map<string, string>;
  config: QueueSettings;
  createdMs: number;
  lastModifiedMs: number;
  tags: Map<string, string>;
  /** By key; in receive order for the random chooser's scans (a receive moves a standard message to the end). */
  messages: Map<number, Msg>;
  /** Where the messages stand (visible, hidden until when, expiring when), kept with `messages`. */
  index: QueueIndex<Msg>;
  /** FIFO queues: each message group's messages in send order, kept with `messages`. */
  groups: Map<string, Map<number, Msg>>;
  lastPurgeMs?: number;
  dedup: Map<string, { untilMs: number; messageId: string; sequenceNumber?: string }>;
  /** Fixed at creation (aws-recorded-facts.md item 61). */
  dedupScope: 'queue' | 'messageGroup';
  sequence: bigint;
  attempts: Map<string, Attempt>;
}

export interface EngineState {
  region: string;
  accountId: string;
  senderId: string;
  ids: T.IdSource;
  /** Signs receipt handles, so a forged one reads as `unknown`. */
  secret: string;
  attributeOptions: { defaultMaximumMessageSize: number } | undefined;
  endpoint: string;
  queues: Map<string, Queue>;
  /** Names deleted recently, in deletion order (the re-create block). */
  deletedAt: Map<string, number>;
  tasks: MoveTask[];
  listeners: Set<(queueName: string) => void>;
  chooser: Chooser;
  counters: { messageKeys: number; receives: number; incarnations: number };
  /**
   * The epoch instant engine time counts from (set by the first call; dispatch.ts engineTime).
   * Inside the engine every instant is milliseconds since it, so the instants kept on each message
   * are small integers V8 stores in the object itself, where epoch milliseconds (beyond 2^31) would
   * each be a separate boxed number: five to eight more heap objects per stored message for the
   * collector to promote and mark. Only what leaves the engine is converted back (`epochMs`).
   */
  originMs: number | undefined;
}

/** An engine instant as epoch milliseconds (timestamps in answers and receipt handles). */
export function epochMs(s: EngineState, engineMs: number): number {
  return engineMs + (s.originMs ?? 0);
}

// ------------------------------------------------------------------------------ results

/** The validators take requests as untrusted records (operations.ts OperationInput). */
export function raw(input: object): Record<string, unknown> {
  return input as Record<string, unknown>;
}
export function fail<R>(error: ExpectedError): T.EngineResult<R> {
  return { error };
}
export function ok<R>(value: R): T.EngineResult<R> {
  return { ok: value };
}
/** A null-prototype record: keys such as `__proto__` or `constructor` are plain keys (user-named keys). */
export function dict<V>(entries: Iterable<readonly [string, V]> = []): Record<string, V> {
  const out = Object.create(null) as Record<string, V>;
  for (const [k, v] of entries) out[k] = v;
  return out;
}
/** Own entries of an input record, whatever their names. */
export function entriesOf<V>(r: Record<string, V> | undefined): Array<[string, V]> {
  return r === undefined ? [] : Object.keys(r).map((k) => [k, r[k] as V]);
}
export function sortedDict(entries: Iterable<readonly [string, string]>): Record<string, string> {
  return dict([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// ------------------------------------------------------------------------------ names

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
export function arnOf(s: EngineState, name: string): string {
  return `arn:${partitionOf(s.region)}:sqs:${s.region}:${s.accountId}:${name}`;
}
export function urlOf(s: EngineState, name: string): string {
  return `${s.endpoint}/${s.accountId}/${name}`;
}

/** Queue name from a QueueUrl: a bare name or any URL whose last path segment names it (item 8). */
export function nameFromUrl(queueUrl: string): string {
  let name = NAMES.get(queueUrl);
  if (name === undefined) {
    if (NAMES.size >= 1024) NAMES.clear();
    NAMES.set(queueUrl, (name = parseNameFromUrl(queueUrl)));
  }
  return name;
}
/** Clients name the same few queue URLs again and again. */
const NAMES = new Map<string, string>();

function parseNameFromUrl(queueUrl: string): string {
  let u = queueUrl.trim();
  const cut = u.search(/[?#]/);
  if (cut >= 0) u = u.slice(0, cut);
  u = u.replace(/\/+$/, '');
  const seg = u.slice(u.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

export function resolve(s: EngineState, queueUrl: string | undefined): { queue: Queue } | { error: ExpectedError } {
  if (queueUrl === undefined || queueUrl === '') return { error: E.missingParameter('QueueUrl') };
  const q = s.queues.get(nameFromUrl(queueUrl));
  return q ? { queue: q } : { error: E.queueDoesNotExist() };
}

/**
 * The queue an action names, once the request passed its validation (which may read the queue's
 * settings); with `sweepAt`, swept of the messages retention removed by then.
 */
export function target(
  s: EngineState,
  input: { QueueUrl?: string | undefined },
  validate: (request: Record<string, unknown>, q: Queue) => Validation,
  sweepAt?: number,
): { queue: Queue } | { error: ExpectedError } {
  const r = resolve(s, input.QueueUrl);
  if ('error' in r) return r;
  const v = validate(raw(input), r.queue);
  if (!v.ok) return { error: v.error };
  if (sweepAt !== undefined) sweep(r.queue, sweepAt);
  return r;
}

export function queueByArn(s: EngineState, arn: string | undefined): Queue | undefined {
  if (!arn) return undefined;
  const q = s.queues.get(arn.slice(arn.lastIndexOf(':') + 1));
  return q && q.arn === arn ? q : undefined;
}

export function notify(s: EngineState, queueName: string): void {
  for (const l of s.listeners) {
    try {
      l(queueName);
    } catch {
      // a listener's failure is not the engine's
    }
  }
}

export function rebuildConfig(s: EngineState, q: Queue): void {
  q.config = queueConfigFromAttributes(q.name, Object.fromEntries(q.attributes), s.attributeOptions);
}

// ------------------------------------------------------------------------------ messages

/** The instant retention removes the message (model/message.ts retentionDeadline; 14 N9 slack). */
export function expiryOf(q: Queue, m: Msg): number {
  return retentionDeadline(q.config, m.enqueuedMs, m.expirySlackMs);
}

/** The message's timers as the model reads them (delay per model/message.ts delayEndsAt). */
export function timesOf(q: Queue, m: Msg): MessageTimes {
  return { delayUntilMs: delayEndsAt(q.config, { enqueuedMs: m.enqueuedMs, delayUntilMs: m.delayUntilMs, received: m.receiveCount > 0 }), inflightUntilMs: m.inflightUntilMs };
}
export const delayed = (q: Queue, m: Msg, now: number): boolean => isDelayed(timesOf(q, m), now);
export const inflight = (q: Queue, m: Msg, now: number): boolean => isInflight(timesOf(q, m), now);
export const visible = (q: Queue, m: Msg, now: number): boolean => isVisible(timesOf(q, m), now);

/** When the message becomes visible: the later of its delay's end and its visibility deadline. */
export function visibleAtMs(q: Queue, m: Msg): number {
  const t = timesOf(q, m);
  return t.inflightUntilMs !== undefined && t.inflightUntilMs > t.delayUntilMs ? t.inflightUntilMs : t.delayUntilMs;
}

/**
 * Removes messages whose retention has passed, in flight or not (aws-recorded-facts.md item 39),
 * the oldest first, from the index: no scan.
 */
export function sweep(q: Queue, now: number): void {
  let m = q.index.firstToExpire();
  if (m === undefined || now < expiryOf(q, m)) return;
  for (; m !== undefined && now >= expiryOf(q, m); m = q.index.firstToExpire()) removeMessage(q, m);
  // Deduplication ids are in deadline order (send.ts pruneDedup).
  for (const [k, d] of q.dedup) {
    if (now < d.untilMs) break;
    q.dedup.delete(k);
  }
}

/** Stores a new message (or one moved here) at the end of the queue's receive order. */
export function store(q: Queue, m: Msg, now: number): void {
  q.messages.set(m.key, m);
  if (q.fifo) {
    const g = m.groupId ?? '';
    let group = q.groups.get(g);
    if (group === undefined) q.groups.set(g, (group = new Map()));
    group.set(m.key, m);
  }
  q.index.add(m, m.enqueuedMs + m.expirySlackMs, visibleAtMs(q, m), now);
}

export function removeMessage(q: Queue, m: Msg): void {
  q.messages.delete(m.key);
  if (q.fifo) {
    const g = m.groupId ?? '';
    const group = q.groups.get(g);
    if (group?.delete(m.key) && group.size === 0) q.groups.delete(g);
  }
  q.index.remove(m);
}

/** After a change of the message's visibility deadline (or of the queue's delay). */
export function placeMessage(q: Queue, m: Msg, now: number): void {
  q.index.place(m, visibleAtMs(q, m), now);
}

/** An empty index for a new or purged queue. */
export function newIndex(): QueueIndex<Msg> {
  return new QueueIndex<Msg>();
}

/** The fields a new message is made of: Msg without the index's (set when it is stored). */
export type MsgInit = Omit<Msg, keyof Indexed>;

/**
 * A message object with every field of Msg present from the start, in one order: all messages share
 * one shape with their fields inside the object (a message given its optional fields later grows an
 * out-of-object property array, ~70 bytes more each; the server keeps millions of them).
 */
export function newMsg(m: MsgInit): Msg {
  return {
    key: m.key,
    messageId: m.messageId,
    body: m.body,
    md5Body: m.md5Body,
    attributes: m.attributes,
    md5Attributes: m.md5Attributes,
    traceHeader: m.traceHeader,
    sentMs: m.sentMs,
    enqueuedMs: m.enqueuedMs,
    delayUntilMs: m.delayUntilMs,
    expirySlackMs: m.expirySlackMs,
    inflightUntilMs: m.inflightUntilMs,
    receiveCount: m.receiveCount,
    firstReceiveMs: m.firstReceiveMs,
    lastReceive: m.lastReceive,
    visibilityChanged: m.visibilityChanged,
    senderId: m.senderId,
    deadLetterSourceArn: m.deadLetterSourceArn,
    groupId: m.groupId,
    dedupId: m.dedupId,
    sequenceNumber: m.sequenceNumber,
    // Index fields (queue-index.ts), set for real when the message is stored.
    pos: 0,
    wakeMs: 0,
    expiryKey: 0,
    where: 0,
    slot: -1,
    expirySlot: -1,
  };
}

/** A receipt handle's status on this queue (model/message.ts handleStatus), with the fields it carries. */
export function classify(s: EngineState, q: Queue, handle: string, now: number): { status: HandleStatus; fields?: HandleFields; msg?: Msg } {
  const parsed = parseHandle(handle, s.secret);
  if (!parsed || parsed.queue !== q.name || parsed.incarnation > q.incarnation) return { status: 'unknown' };
  const f = { ...parsed, receivedAtMs: parsed.receivedAtMs - (s.originMs ?? 0) }; // handles carry epoch ms
  const msg = f.incarnation === q.incarnation ? q.messages.get(f.message) : undefined;
  const status = handleStatus({ issued: true, ...(msg ? { message: { ...timesOf(q, msg), newestReceive: msg.lastReceive } } : {}), receive: f.receive }, now);
  return msg ? { status, fields: f, msg } : { status, fields: f };
}

export function failedEntry(id: string, error: ExpectedError): T.BatchResultErrorEntry {
  return { Id: id, SenderFault: error.httpStatus < 500, Code: error.code, Message: error.message };
}
