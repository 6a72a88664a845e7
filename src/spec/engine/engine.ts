// The operational SQS engine: the reference model run forward, one method per SQS action.
// PURE: no clock reads and no I/O. Every operation takes the time `nowMs` (epoch ms) as a
// parameter; identifiers come from the injected IdSource. Where SQS allows several outcomes
// the engine takes the AWS-typical one (lifecycle.ts `typical: true`; ../shared/DESIGN.md 5).
// Long polling is the caller's job: `nextVisibleAtMs` and `onAvailable` say when to retry.
import { createHash } from 'node:crypto';
import {
  changeVisibilityOutcomes,
  deleteMessageOutcomes,
  effectiveDelay,
  effectiveVisibilityTimeout,
  invalidHandleError,
  visibilityCapError,
  withinVisibilityCap,
  type HandleStatus,
  type Outcome,
} from '../lifecycle.js';
import type { ExpectedError, Validation } from '../types.js';
import {
  defaultAttributes,
  isTrue,
  md5Hex,
  md5OfMessageAttributes,
  md5OfMessageSystemAttributes,
  queueAttributeSpec,
  queueConfigFromAttributes,
  validateChangeMessageVisibility,
  validateChangeMessageVisibilityBatch,
  validateChangeMessageVisibilityBatchEntry,
  validateCreateQueue,
  validateDeleteMessage,
  validateDeleteMessageBatch,
  validateDeleteMessageBatchEntry,
  type QueueSettings,
  validateGetQueueAttributes,
  validateReceiveMessage,
  validateSendMessage,
  validateSendMessageBatch,
  validateSetQueueAttributes,
} from './deps.js';
import * as E from './errors.js';
import { encodeHandle, parseHandle, type HandleFields } from './handles.js';
import { randomIds } from './ids.js';
import type * as T from './types.js';

export interface EngineOptions {
  region?: string;
  accountId?: string;
  /** Default `MaximumMessageSize` of new queues (sqs-semantics.md section 14 N23: 1,048,576 or 262,144). */
  defaultMaximumMessageSize?: number;
  ids?: IdSourceLike;
  /** Scheme, host and port of queue URLs: `<endpoint>/<accountId>/<name>`. */
  endpoint?: string;
  /** The `SenderId` system attribute (real SQS: the caller's IAM principal id; item 95). */
  senderId?: string;
}
type IdSourceLike = T.IdSource;

/** Seconds SQS blocks a same-name create after a delete, and a second purge (section 11; items 108, 114). */
export const QUEUE_RECREATE_BLOCK_MS = 60_000;
export const PURGE_BLOCK_MS = 60_000;
/** FIFO deduplication interval (sqs-semantics.md section 9). */
export const DEDUP_WINDOW_MS = 300_000;
/** ListQueues page limit without MaxResults (sqs-semantics.md 4.3). */
const LIST_LIMIT = 1000;

interface Msg {
  key: number;
  messageId: string;
  body: string;
  md5Body: string;
  attributes?: T.MessageAttributeMap;
  md5Attributes?: string;
  traceHeader?: string;
  /** SentTimestamp (kept across a DLQ move; item 41). */
  sentMs: number;
  /** Origin of the retention period: the send for standard queues, the move for FIFO DLQs (5.5). */
  enqueuedMs: number;
  /** Not receivable before this (per-message or queue delay). */
  delayUntilMs: number;
  /** In flight until this instant (set by a receive or ChangeMessageVisibility). */
  inflightUntilMs?: number;
  receiveCount: number;
  firstReceiveMs?: number;
  /** Receive sequence of the newest handle; 0 when never received. */
  lastReceive: number;
  senderId: string;
  deadLetterSourceArn?: string;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
}

interface Statement {
  Sid: string;
  Effect: string;
  Principal: { AWS: string | string[] };
  Action: string | string[];
  Resource: string;
}

interface MoveTask {
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

interface Queue {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  incarnation: number;
  /** Settable attributes as strings, defaults included; absent = not set. */
  attributes: Record<string, string>;
  config: QueueSettings;
  createdMs: number;
  lastModifiedMs: number;
  tags: Map<string, string>;
  messages: Map<number, Msg>;
  lastPurgeMs?: number;
  /** No message expires before this (a lower bound; Infinity when empty). */
  nextExpiryMs: number;
  dedup: Map<string, { untilMs: number; messageId: string; sequenceNumber?: string }>;
  /** Fixed at creation (aws-recorded-facts.md item 61). */
  dedupScope: 'queue' | 'messageGroup';
  sequence: bigint;
}

/** Names SetQueueAttributes removes when given "" (items 44, 97, 102). */
const REMOVABLE_WITH_EMPTY = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId']);

/** Actions AddPermission accepts (sqs-semantics.md 4.12; the SQS action names). */
const PERMISSION_ACTIONS = new Set([
  '*',
  'SendMessage',
  'ReceiveMessage',
  'DeleteMessage',
  'ChangeMessageVisibility',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'PurgeQueue',
  'ListQueueTags',
  'SendMessageBatch',
  'DeleteMessageBatch',
  'ChangeMessageVisibilityBatch',
  'SetQueueAttributes',
  'ListMessageMoveTasks',
  'StartMessageMoveTask',
  'CancelMessageMoveTask',
]);

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

/** The validators take requests as untrusted records (operations.ts OperationInput). */
function raw(input: object): Record<string, unknown> {
  return input as Record<string, unknown>;
}
function fail<T>(error: ExpectedError): T.EngineResult<T> {
  return { error };
}
function ok<T>(value: T): T.EngineResult<T> {
  return { ok: value };
}
function typical(outcomes: Outcome[]): Outcome {
  const o = outcomes.find((x) => x.typical) ?? outcomes[0];
  if (!o) throw new Error('lifecycle table without outcome');
  return o;
}
function sortedRecord(r: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}
/** Attribute values compared for CreateQueue idempotency: numbers by value, JSON by content. */
function sameAttributeValue(current: string | undefined, requested: string): boolean {
  const cur = current ?? '';
  if (cur === requested) return true;
  if (/^(true|false)$/i.test(cur) && /^(true|false)$/i.test(requested)) return cur.toLowerCase() === requested.toLowerCase();
  const nc = Number(cur);
  const nr = Number(requested);
  if (cur.trim() !== '' && requested.trim() !== '' && Number.isFinite(nc) && Number.isFinite(nr)) return nc === nr;
  try {
    return canonicalJson(JSON.parse(cur)) === canonicalJson(JSON.parse(requested));
  } catch {
    return false;
  }
}
/** Booleans are stored as "true"/"false" whatever the case sent (attributes.ts isTrue; INF). */
function normaliseAttribute(name: string, value: string): string {
  return queueAttributeSpec(name)?.value.kind === 'boolean' ? String(isTrue(value)) : value;
}
function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(typeof o[k] === 'string' && /^\d+$/.test(o[k] as string) ? Number(o[k]) : o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}
function failedEntry(id: string, error: ExpectedError): T.BatchResultErrorEntry {
  return { Id: id, SenderFault: error.httpStatus < 500, Code: error.code, Message: error.message };
}

export function createEngine(options: EngineOptions = {}) {
  const region = options.region ?? 'us-east-1';
  const accountId = options.accountId ?? '000000000000';
  const ids = options.ids ?? randomIds;
  const senderId = options.senderId ?? accountId;
  const secret = ids.nonce();
  const attributeOptions = options.defaultMaximumMessageSize !== undefined ? { defaultMaximumMessageSize: options.defaultMaximumMessageSize } : undefined;
  let endpoint = (options.endpoint ?? 'http://localhost:9324').replace(/\/+$/, '');

  const queues = new Map<string, Queue>();
  const deletedAt = new Map<string, number>();
  const tasks: MoveTask[] = [];
  const listeners = new Set<(queueName: string) => void>();
  let messageKeys = 0;
  let receiveSeq = 0;
  let incarnations = 0;

  const arnOf = (name: string) => `arn:${partitionOf(region)}:sqs:${region}:${accountId}:${name}`;
  const urlOf = (name: string) => `${endpoint}/${accountId}/${name}`;

  function notify(queueName: string): void {
    for (const l of listeners) {
      try {
        l(queueName);
      } catch {
        // a listener's failure is not the engine's
      }
    }
  }

  /** Queue name from a QueueUrl: a bare name or any URL whose last path segment names it (item 8). */
  function nameFromUrl(queueUrl: string): string {
    let s = queueUrl.trim();
    const cut = s.search(/[?#]/);
    if (cut >= 0) s = s.slice(0, cut);
    s = s.replace(/\/+$/, '');
    const seg = s.slice(s.lastIndexOf('/') + 1);
    try {
      return decodeURIComponent(seg);
    } catch {
      return seg;
    }
  }

  function resolve(queueUrl: string | undefined): { queue: Queue } | { error: ExpectedError } {
    if (queueUrl === undefined || queueUrl === '') return { error: E.missingParameter('QueueUrl') };
    const q = queues.get(nameFromUrl(queueUrl));
    return q ? { queue: q } : { error: E.queueDoesNotExist() };
  }

  function queueByArn(arn: string | undefined): Queue | undefined {
    if (!arn) return undefined;
    const name = arn.slice(arn.lastIndexOf(':') + 1);
    const q = queues.get(name);
    return q && q.arn === arn ? q : undefined;
  }

  function retentionDeadline(q: Queue, m: Msg): number {
    return m.enqueuedMs + q.config.messageRetentionPeriod * 1000;
  }

  /**
   * Removes messages whose retention has passed, in flight or not (aws-recorded-facts.md item 39).
   * Scans only when the earliest known deadline has come (`nextExpiryMs`).
   */
  function sweep(q: Queue, now: number): void {
    if (now < q.nextExpiryMs) return;
    let next = Infinity;
    for (const [k, m] of q.messages) {
      const deadline = retentionDeadline(q, m);
      if (now >= deadline) q.messages.delete(k);
      else if (deadline < next) next = deadline;
    }
    q.nextExpiryMs = next;
    for (const [k, d] of q.dedup) if (now >= d.untilMs) q.dedup.delete(k);
  }

  /**
   * Forgets deduplication ids whose 5-minute interval has passed. The map is in insertion order,
   * which is deadline order (each entry is set to now + DEDUP_WINDOW_MS, re-inserted at the end),
   * so the scan stops at the first live entry: O(1) amortised per send. Fix: before, ids were
   * dropped only by `sweep`, which runs when a message's retention ends (4 days by default), so a
   * FIFO queue kept every id sent for days (~600 bytes each: 120 MB per 200k sends).
   */
  function pruneDedup(q: Queue, now: number): void {
    for (const [k, d] of q.dedup) {
      if (now < d.untilMs) return;
      q.dedup.delete(k);
    }
  }

  function store(q: Queue, m: Msg): void {
    q.messages.set(m.key, m);
    q.nextExpiryMs = Math.min(q.nextExpiryMs, retentionDeadline(q, m));
  }

  function isInflight(m: Msg, now: number): boolean {
    return m.inflightUntilMs !== undefined && now < m.inflightUntilMs;
  }
  function isDelayed(m: Msg, now: number): boolean {
    return now < m.delayUntilMs;
  }
  function isVisible(m: Msg, now: number): boolean {
    return !isInflight(m, now) && !isDelayed(m, now);
  }

  function rebuildConfig(q: Queue): void {
    q.config = queueConfigFromAttributes(q.name, q.attributes, attributeOptions);
  }

  function classify(q: Queue, handle: string, now: number): { status: HandleStatus; fields?: HandleFields; msg?: Msg } {
    const f = parseHandle(handle, secret);
    if (!f || f.queue !== q.name || f.incarnation > q.incarnation) return { status: 'unknown' };
    if (f.incarnation !== q.incarnation) return { status: 'deleted', fields: f };
    const msg = q.messages.get(f.message);
    if (!msg) return { status: 'deleted', fields: f };
    if (msg.lastReceive !== f.receive) return { status: 'stale', fields: f, msg };
    if (isInflight(msg, now)) return { status: 'inflight', fields: f, msg };
    return { status: 'expired', fields: f, msg };
  }

  // ---------------------------------------------------------------- queue management

  function currentAttributes(q: Queue, now: number): Record<string, string> {
    sweep(q, now);
    let visible = 0;
    let inflight = 0;
    let delayed = 0;
    for (const m of q.messages.values()) {
      if (isDelayed(m, now)) delayed++;
      else if (isInflight(m, now)) inflight++;
      else visible++;
    }
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(q.attributes)) if (v !== '') out[k] = v;
    // KmsDataKeyReusePeriodSeconds is shown only with SSE-KMS on, 300 unless set (item 97; section 3).
    if (!out.KmsMasterKeyId) delete out.KmsDataKeyReusePeriodSeconds;
    else out.KmsDataKeyReusePeriodSeconds ??= '300';
    out.ApproximateNumberOfMessages = String(visible);
    out.ApproximateNumberOfMessagesNotVisible = String(inflight);
    out.ApproximateNumberOfMessagesDelayed = String(delayed);
    // Timestamps in epoch seconds (sqs-semantics.md section 3).
    out.CreatedTimestamp = String(Math.floor(q.createdMs / 1000));
    out.LastModifiedTimestamp = String(Math.floor(q.lastModifiedMs / 1000));
    out.QueueArn = q.arn;
    return sortedRecord(out);
  }

  function createQueue(input: T.CreateQueueInput, now: number): T.EngineResult<T.CreateQueueOutput> {
    const v = validateCreateQueue(raw(input));
    if (!v.ok) return fail(v.error);
    const name = input.QueueName as string;
    const requested = input.Attributes ?? {};
    const existing = queues.get(name);
    if (existing) {
      // Idempotent against the CURRENT values of the attributes named (items 105-106).
      const current = { ...existing.attributes, ...currentAttributes(existing, now) };
      for (const [k, val] of Object.entries(requested)) {
        if (!sameAttributeValue(current[k], val)) return fail(E.queueNameExists(k));
      }
      return ok({ QueueUrl: existing.url });
    }
    const del = deletedAt.get(name);
    if (del !== undefined && now - del < QUEUE_RECREATE_BLOCK_MS) return fail(E.queueDeletedRecently()); // item 108
    const fifo = isTrue(requested.FifoQueue);
    // Only the settable attributes are stored; counters, timestamps and the ARN are computed.
    const attributes: Record<string, string> = {};
    for (const [k, val] of Object.entries(defaultAttributes(fifo ? 'fifo' : 'standard', attributeOptions))) {
      const access = queueAttributeSpec(k)?.access;
      if (access === 'writable' || access === 'create-only') attributes[k] = val;
    }
    for (const [k, val] of Object.entries(requested)) {
      if (REMOVABLE_WITH_EMPTY.has(k) && val === '') delete attributes[k];
      else attributes[k] = normaliseAttribute(k, val);
    }
    if (requested.KmsMasterKeyId && requested.SqsManagedSseEnabled === undefined) attributes.SqsManagedSseEnabled = 'false';
    const q: Queue = {
      name,
      url: urlOf(name),
      arn: arnOf(name),
      fifo,
      incarnation: ++incarnations,
      attributes,
      config: undefined as unknown as QueueSettings,
      createdMs: now,
      lastModifiedMs: now,
      tags: new Map(Object.entries(input.tags ?? {})),
      messages: new Map(),
      nextExpiryMs: Infinity,
      dedup: new Map(),
      dedupScope: attributes.DeduplicationScope === 'messageGroup' ? 'messageGroup' : 'queue',
      sequence: 18_000_000_000_000_000_000n,
    };
    rebuildConfig(q);
    queues.set(name, q);
    deletedAt.delete(name);
    return ok({ QueueUrl: q.url });
  }

  function getQueueUrl(input: T.GetQueueUrlInput, _now: number): T.EngineResult<T.GetQueueUrlOutput> {
    if (!input.QueueName) return fail(E.missingParameter('QueueName'));
    if (input.QueueOwnerAWSAccountId !== undefined && input.QueueOwnerAWSAccountId !== accountId) return fail(E.queueDoesNotExist());
    const q = queues.get(input.QueueName);
    return q ? ok({ QueueUrl: q.url }) : fail(E.queueDoesNotExist());
  }

  /** Pagination shared by ListQueues and ListDeadLetterSourceQueues (sqs-semantics.md 4.3, 4.14). */
  function page(names: string[], scope: string, maxResults: number | undefined, nextToken: string | undefined) {
    if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000)) {
      return { error: E.maxResultsOutOfRange(maxResults) } as const;
    }
    let start = 0;
    if (nextToken !== undefined && nextToken !== '') {
      let after: string | undefined;
      try {
        const t = JSON.parse(Buffer.from(nextToken, 'base64').toString('utf8')) as { s?: unknown; a?: unknown };
        if (t.s === scope && typeof t.a === 'string') after = t.a;
      } catch {
        after = undefined;
      }
      if (after === undefined) return { error: E.invalidNextToken() } as const;
      const a = after;
      start = names.findIndex((n) => n > a);
      if (start < 0) start = names.length;
    }
    const limit = maxResults ?? LIST_LIMIT;
    const slice = names.slice(start, start + limit);
    const more = maxResults !== undefined && start + limit < names.length; // no NextToken without MaxResults
    const last = slice[slice.length - 1];
    const token = more && last !== undefined ? Buffer.from(JSON.stringify({ s: scope, a: last }), 'utf8').toString('base64') : undefined;
    return { names: slice, token } as const;
  }

  function listQueues(input: T.ListQueuesInput, _now: number): T.EngineResult<T.ListQueuesOutput> {
    const prefix = input.QueueNamePrefix ?? '';
    const names = [...queues.keys()].filter((n) => n.startsWith(prefix)).sort();
    const p = page(names, `lq:${prefix}`, input.MaxResults, input.NextToken);
    if ('error' in p) return fail(p.error as ExpectedError);
    const out: T.ListQueuesOutput = {};
    if (p.names.length > 0) out.QueueUrls = p.names.map(urlOf); // absent when empty (item 110)
    if (p.token) out.NextToken = p.token;
    return ok(out);
  }

  function getQueueAttributes(input: T.GetQueueAttributesInput, now: number): T.EngineResult<T.GetQueueAttributesOutput> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const v = validateGetQueueAttributes(raw(input));
    if (!v.ok) return fail(v.error);
    const all = currentAttributes(r.queue, now);
    const names = input.AttributeNames ?? [];
    const picked: Record<string, string> = {};
    if (names.includes('All')) Object.assign(picked, all);
    else for (const n of names) if (all[n] !== undefined) picked[n] = all[n]; // unset ones left out (item 99)
    return ok(Object.keys(picked).length > 0 ? { Attributes: sortedRecord(picked) } : {});
  }

  function setQueueAttributes(input: T.SetQueueAttributesInput, now: number): T.EngineResult<T.Empty> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const q = r.queue;
    const v = validateSetQueueAttributes(raw(input), q.config);
    if (!v.ok) return fail(v.error);
    for (const [k, val] of Object.entries(input.Attributes ?? {})) {
      if (k === 'FifoQueue') continue; // "true" on a FIFO queue is a no-op (item 101)
      if (REMOVABLE_WITH_EMPTY.has(k) && val === '') delete q.attributes[k];
      else q.attributes[k] = normaliseAttribute(k, val);
      if (k === 'KmsMasterKeyId' && val !== '') q.attributes.SqsManagedSseEnabled = 'false'; // item 97
    }
    q.lastModifiedMs = now;
    rebuildConfig(q);
    q.nextExpiryMs = -Infinity; // the retention period may have changed: scan next time
    notify(q.name);
    return ok({});
  }

  function deleteQueue(input: T.QueueUrlInput, now: number): T.EngineResult<T.Empty> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    queues.delete(r.queue.name);
    // Fix: names deleted more than the block period ago no longer matter; before, every deleted
    // name was kept for the life of the engine (a suite creating unique queues grew it without
    // end). Insertion order is time order, so the scan stops at the first recent one.
    for (const [n, at] of deletedAt) {
      if (now - at < QUEUE_RECREATE_BLOCK_MS) break;
      deletedAt.delete(n);
    }
    deletedAt.delete(r.queue.name);
    deletedAt.set(r.queue.name, now);
    notify(r.queue.name);
    return ok({});
  }

  function purgeQueue(input: T.QueueUrlInput, now: number): T.EngineResult<T.Empty> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const q = r.queue;
    if (q.lastPurgeMs !== undefined && now - q.lastPurgeMs < PURGE_BLOCK_MS) return fail(E.purgeQueueInProgress(q.name)); // item 114
    // Visible, in-flight and delayed messages all go (item 113); the FIFO dedup cache too (item 63).
    q.messages.clear();
    q.dedup.clear();
    q.lastPurgeMs = now;
    return ok({});
  }

  // ---------------------------------------------------------------- tags and permissions

  function tagQueue(input: T.TagQueueInput, _now: number): T.EngineResult<T.Empty> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    if (!input.Tags || Object.keys(input.Tags).length === 0) return fail(E.missingParameter('Tags'));
    for (const [k, v] of Object.entries(input.Tags)) r.queue.tags.set(k, v); // merge and overwrite (item 112)
    return ok({});
  }

  function untagQueue(input: T.UntagQueueInput, _now: number): T.EngineResult<T.Empty> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    if (!input.TagKeys || input.TagKeys.length === 0) return fail(E.missingParameter('TagKeys'));
    for (const k of input.TagKeys) r.queue.tags.delete(k); // unknown keys ignored (item 112)
    return ok({});
  }

  function listQueueTags(input: T.QueueUrlInput, _now: number): T.EngineResult<T.ListQueueTagsOutput> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    if (r.queue.tags.size === 0) return ok({}); // no `Tags` key when there are none (item 112)
    return ok({ Tags: Object.fromEntries(r.queue.tags) });
  }

  function readPolicy(q: Queue): { Version: string; Id: string; Statement: Statement[] } {
    const fresh = { Version: '2008-10-17', Id: `${q.arn}/SQSDefaultPolicy`, Statement: [] as Statement[] };
    const raw = q.attributes.Policy;
    if (!raw) return fresh;
    try {
      const p = JSON.parse(raw) as { Version?: unknown; Id?: unknown; Statement?: unknown };
      const st = Array.isArray(p.Statement) ? (p.Statement as Statement[]) : p.Statement ? [p.Statement as Statement] : [];
      return { Version: typeof p.Version === 'string' ? p.Version : fresh.Version, Id: typeof p.Id === 'string' ? p.Id : fresh.Id, Statement: st };
    } catch {
      return fresh;
    }
  }

  function addPermission(input: T.AddPermissionInput, now: number): T.EngineResult<T.Empty> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const q = r.queue;
    if (!input.Label) return fail(E.missingParameter('Label'));
    if (!input.AWSAccountIds || input.AWSAccountIds.length === 0) return fail(E.missingParameter('AWSAccountId'));
    if (!input.Actions || input.Actions.length === 0) return fail(E.missingParameter('ActionName'));
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(input.Label)) {
      return fail(E.invalidParameter('Label', input.Label, 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length'));
    }
    if (input.Actions.length > 7) return fail(E.tooManyActions());
    for (const a of input.Actions) if (!PERMISSION_ACTIONS.has(a)) return fail(E.invalidActionName(a));
    const policy = readPolicy(q);
    if (policy.Statement.some((s) => s.Sid === input.Label)) return fail(E.labelExists(input.Label));
    // Statement shape recorded in aws-recorded-facts.md item 103.
    const principals = input.AWSAccountIds.map((id) => `arn:${partitionOf(region)}:iam::${id}:root`);
    const actions = input.Actions.map((a) => `SQS:${a}`);
    policy.Statement.push({
      Sid: input.Label,
      Effect: 'Allow',
      Principal: { AWS: principals.length === 1 ? (principals[0] as string) : principals },
      Action: actions.length === 1 ? (actions[0] as string) : actions,
      Resource: q.arn,
    });
    q.attributes.Policy = JSON.stringify(policy);
    q.lastModifiedMs = now;
    return ok({});
  }

  function removePermission(input: T.RemovePermissionInput, now: number): T.EngineResult<T.Empty> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const q = r.queue;
    if (!input.Label) return fail(E.missingParameter('Label'));
    const policy = readPolicy(q);
    const rest = policy.Statement.filter((s) => s.Sid !== input.Label);
    if (rest.length === policy.Statement.length) return fail(E.labelNotFound(input.Label)); // item 103
    if (rest.length === 0) delete q.attributes.Policy; // removing the last label removes Policy
    else q.attributes.Policy = JSON.stringify({ ...policy, Statement: rest });
    q.lastModifiedMs = now;
    return ok({});
  }

  function listDeadLetterSourceQueues(input: T.ListDeadLetterSourceQueuesInput, _now: number): T.EngineResult<T.ListDeadLetterSourceQueuesOutput> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const arn = r.queue.arn;
    const names = [...queues.values()]
      .filter((q) => q.config.redrivePolicy?.deadLetterTargetArn === arn)
      .map((q) => q.name)
      .sort();
    const p = page(names, `dl:${arn}`, input.MaxResults, input.NextToken);
    if ('error' in p) return fail(p.error as ExpectedError);
    const out: T.ListDeadLetterSourceQueuesOutput = { queueUrls: p.names.map(urlOf) }; // lower-case key (item 43)
    if (p.token) out.NextToken = p.token;
    return ok(out);
  }

  // ---------------------------------------------------------------- messages

  function enqueue(q: Queue, e: T.SendMessageBatchRequestEntry, now: number, messageIdOverride?: string): T.SendMessageOutput {
    const body = e.MessageBody as string;
    const attrs = e.MessageAttributes && Object.keys(e.MessageAttributes).length > 0 ? e.MessageAttributes : undefined;
    const sys = e.MessageSystemAttributes && Object.keys(e.MessageSystemAttributes).length > 0 ? e.MessageSystemAttributes : undefined;
    const out: T.SendMessageOutput = { MessageId: '', MD5OfMessageBody: md5Hex(body) };
    if (attrs) out.MD5OfMessageAttributes = md5OfMessageAttributes(attrs);
    if (sys) out.MD5OfMessageSystemAttributes = md5OfMessageSystemAttributes(sys);

    let dedupKey: string | undefined;
    let dedupId: string | undefined;
    if (q.fifo) {
      pruneDedup(q, now);
      // Deduplication: explicit id, else SHA-256 of the body (sqs-semantics.md section 9).
      dedupId = e.MessageDeduplicationId ?? createHash('sha256').update(body, 'utf8').digest('hex');
      dedupKey = q.dedupScope === 'messageGroup' ? `${e.MessageGroupId ?? ''}\u0000${dedupId}` : dedupId;
      const seen = q.dedup.get(dedupKey);
      if (seen && now < seen.untilMs) {
        // Acknowledged, not enqueued; the original MessageId and SequenceNumber come back (OBS, section 9).
        out.MessageId = seen.messageId;
        if (seen.sequenceNumber) out.SequenceNumber = seen.sequenceNumber;
        return out;
      }
    }
    const messageId = messageIdOverride ?? ids.messageId();
    const delay = effectiveDelay(q.config, e.DelaySeconds);
    const m: Msg = {
      key: ++messageKeys,
      messageId,
      body,
      md5Body: out.MD5OfMessageBody,
      sentMs: now,
      enqueuedMs: now,
      delayUntilMs: now + delay * 1000,
      receiveCount: 0,
      lastReceive: 0,
      senderId,
    };
    if (attrs) {
      m.attributes = attrs;
      m.md5Attributes = out.MD5OfMessageAttributes;
    }
    const trace = sys?.AWSTraceHeader?.StringValue;
    if (trace !== undefined) m.traceHeader = trace;
    if (e.MessageGroupId !== undefined) m.groupId = e.MessageGroupId;
    if (q.fifo) {
      q.sequence += 1n;
      m.sequenceNumber = q.sequence.toString().padStart(20, '0');
      m.dedupId = dedupId;
      out.SequenceNumber = m.sequenceNumber; // FIFO only (item 65)
      q.dedup.delete(dedupKey as string); // re-inserted at the end: the map stays in deadline order (pruneDedup)
      q.dedup.set(dedupKey as string, { untilMs: now + DEDUP_WINDOW_MS, messageId, sequenceNumber: m.sequenceNumber });
    }
    store(q, m);
    out.MessageId = messageId;
    return out;
  }

  function sendMessage(input: T.SendMessageInput, now: number): T.EngineResult<T.SendMessageOutput> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const q = r.queue;
    const v = validateSendMessage(raw(input), q.config);
    if (!v.ok) return fail(v.error);
    sweep(q, now);
    const out = enqueue(q, input, now);
    notify(q.name);
    return ok(out);
  }

  function sendMessageBatch(input: T.SendMessageBatchInput, now: number): T.EngineResult<T.SendMessageBatchOutput> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const q = r.queue;
    const v = validateSendMessageBatch(raw(input), q.config);
    if (!v.ok) return fail(v.error);
    const checks: Validation[] = v.entries;
    sweep(q, now);
    const out: T.SendMessageBatchOutput = { Successful: [], Failed: [] };
    (input.Entries ?? []).forEach((e, i) => {
      const c = checks[i];
      if (c && !c.ok) {
        out.Failed.push(failedEntry(e.Id ?? '', c.error)); // per-entry failure, HTTP 200 (items 82-83)
        return;
      }
      const res = enqueue(q, e, now);
      const s: T.SendMessageBatchResultEntry = { Id: e.Id ?? '', MessageId: res.MessageId, MD5OfMessageBody: res.MD5OfMessageBody };
      if (res.MD5OfMessageAttributes) s.MD5OfMessageAttributes = res.MD5OfMessageAttributes;
      if (res.MD5OfMessageSystemAttributes) s.MD5OfMessageSystemAttributes = res.MD5OfMessageSystemAttributes;
      if (res.SequenceNumber) s.SequenceNumber = res.SequenceNumber;
      out.Successful.push(s);
    });
    notify(q.name);
    return ok(out);
  }

  /** Moves a message to the queue's DLQ; false when there is no DLQ to move to (section 5.5). */
  function moveToDeadLetterQueue(q: Queue, m: Msg, now: number): boolean {
    const dlq = queueByArn(q.config.redrivePolicy?.deadLetterTargetArn);
    // The DLQ must exist and be of the same type (sqs-semantics.md 5.5); otherwise nothing moves.
    if (!dlq || dlq === q || dlq.fifo !== q.fifo) return false;
    q.messages.delete(m.key);
    // Same MessageId and receive count; gains DeadLetterQueueSourceArn (items 40-41). Standard:
    // retention still counts from the original send; FIFO: from the move (section 5.5).
    const moved: Msg = { ...m, key: ++messageKeys, deadLetterSourceArn: q.arn, delayUntilMs: now, lastReceive: 0 };
    delete moved.inflightUntilMs;
    if (dlq.fifo) {
      moved.enqueuedMs = now;
      moved.dedupId = m.messageId;
      dlq.sequence += 1n;
      moved.sequenceNumber = dlq.sequence.toString().padStart(20, '0');
    }
    store(dlq, moved);
    notify(dlq.name);
    return true;
  }

  function selectSystemAttributes(m: Msg, q: Queue, names: Set<string>): Record<string, string> | undefined {
    if (names.size === 0) return undefined;
    const all = names.has('All');
    const values: Record<string, string | undefined> = {
      AWSTraceHeader: m.traceHeader,
      ApproximateFirstReceiveTimestamp: m.firstReceiveMs !== undefined ? String(m.firstReceiveMs) : undefined,
      ApproximateReceiveCount: String(m.receiveCount),
      DeadLetterQueueSourceArn: m.deadLetterSourceArn,
      MessageDeduplicationId: q.fifo ? m.dedupId : undefined,
      MessageGroupId: m.groupId,
      SenderId: m.senderId,
      SentTimestamp: String(m.sentMs),
      SequenceNumber: q.fifo ? m.sequenceNumber : undefined,
    };
    const out: Record<string, string> = {};
    for (const n of ALL_SYSTEM_ATTRIBUTES) {
      const val = values[n];
      if (val !== undefined && (all || names.has(n))) out[n] = val; // names that do not apply are dropped (item 91)
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  /** MessageAttributeNames filters: All, `*`, `.*`, `prefix.*`, exact names (item 90). */
  function selectMessageAttributes(m: Msg, filters: string[] | undefined): T.MessageAttributeMap | undefined {
    if (!m.attributes || !filters || filters.length === 0) return undefined;
    const everything = filters.some((f) => f === 'All' || f === '*' || f === '.*');
    const out: T.MessageAttributeMap = {};
    for (const [name, val] of Object.entries(m.attributes)) {
      const wanted =
        everything || filters.some((f) => (f.endsWith('.*') ? name.startsWith(f.slice(0, -2)) : f === name));
      if (wanted) out[name] = val;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }

  /** Messages a receive may take, in order; FIFO: per group in order, stopping at the first hidden one (items 66-73). */
  function* candidates(q: Queue, now: number): Generator<Msg> {
    if (!q.fifo) {
      for (const m of q.messages.values()) if (isVisible(m, now)) yield m;
      return;
    }
    const groups = new Map<string, { blocked: boolean; msgs: Msg[] }>();
    for (const m of q.messages.values()) {
      const g = m.groupId ?? '';
      let entry = groups.get(g);
      if (!entry) groups.set(g, (entry = { blocked: false, msgs: [] }));
      if (entry.blocked) continue;
      if (isVisible(m, now)) entry.msgs.push(m);
      else entry.blocked = true;
    }
    for (const g of groups.values()) yield* g.msgs;
  }

  function receiveMessage(input: T.ReceiveMessageInput, now: number): T.EngineResult<T.ReceiveMessageOutput> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const q = r.queue;
    const v = validateReceiveMessage(raw(input), q.config);
    if (!v.ok) return fail(v.error);
    sweep(q, now);
    const max = input.MaxNumberOfMessages ?? 1;
    const vt = effectiveVisibilityTimeout(q.config, input.VisibilityTimeout);
    // JSON sends both lists separately; their union decides (item 92).
    const sysNames = new Set([...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
    const maxReceives = q.config.redrivePolicy?.maxReceiveCount;
    const out: T.ReceivedMessage[] = [];
    const taken: Msg[] = [];
    for (const m of candidates(q, now)) {
      if (out.length >= max) break;
      // The receive that would exceed maxReceiveCount moves the message instead (items 40-41).
      if (maxReceives !== undefined && m.receiveCount >= maxReceives && moveToDeadLetterQueue(q, m, now)) continue;
      m.receiveCount += 1;
      m.firstReceiveMs ??= now;
      m.lastReceive = ++receiveSeq;
      m.inflightUntilMs = now + vt * 1000;
      const handle = encodeHandle(
        { queue: q.name, incarnation: q.incarnation, message: m.key, receive: m.lastReceive, receivedAtMs: now, nonce: ids.nonce() },
        secret,
      );
      const msg: T.ReceivedMessage = { MessageId: m.messageId, ReceiptHandle: handle, MD5OfBody: m.md5Body, Body: m.body };
      const sys = selectSystemAttributes(m, q, sysNames);
      if (sys) msg.Attributes = sys;
      const attrs = selectMessageAttributes(m, input.MessageAttributeNames);
      if (attrs) {
        // Recomputed over the subset returned (item 90).
        msg.MD5OfMessageAttributes = md5OfMessageAttributes(attrs);
        msg.MessageAttributes = attrs;
      }
      out.push(msg);
      taken.push(m);
    }
    if (!q.fifo) {
      // Fix (speed): a standard queue's receive scans its messages in insertion order and skips
      // the hidden ones, so with received messages left in place every receive walked past all
      // messages in flight: O(in flight) per receive, quadratic over a backlog (15,000 messages
      // received one by one took 3 s of scanning). Received messages go to the end instead, where
      // they are reached only when fewer visible ones are ahead (standard queues promise only
      // best-effort order; sqs-semantics.md 8 and 14 N2). Moved after the loop: an entry
      // re-inserted during the iteration would be visited again, and with VisibilityTimeout 0
      // returned twice.
      for (const m of taken) {
        q.messages.delete(m.key);
        q.messages.set(m.key, m);
      }
    }
    return ok(out.length > 0 ? { Messages: out } : {}); // `Messages` absent when empty (item 5)
  }

  function deleteOne(q: Queue, handle: string, now: number): ExpectedError | undefined {
    const c = classify(q, handle, now);
    if (q.fifo) {
      // FIFO: a lapsed handle fails (items 27-28).
      if (c.status === 'unknown') return invalidHandleError(handle);
      if (c.status === 'expired' || c.status === 'stale') return E.receiptHandleExpired(handle);
      if (c.status === 'inflight' && c.msg) q.messages.delete(c.msg.key);
      return undefined;
    }
    const o = typical(deleteMessageOutcomes(c.status, handle));
    if (o.response !== 'ok') return o.response;
    if (o.effect === 'delete' && c.msg) q.messages.delete(c.msg.key);
    return undefined;
  }

  function deleteMessage(input: T.DeleteMessageInput, now: number): T.EngineResult<T.Empty> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const v = validateDeleteMessage(raw(input));
    if (!v.ok) return fail(v.error);
    sweep(r.queue, now);
    const err = deleteOne(r.queue, input.ReceiptHandle as string, now);
    if (err) return fail(err);
    if (r.queue.fifo) notify(r.queue.name); // a delete can unlock a FIFO group (item 68)
    return ok({});
  }

  function changeOne(q: Queue, handle: string, timeout: number, now: number): ExpectedError | undefined {
    const c = classify(q, handle, now);
    let effect: Outcome['effect'];
    if (q.fifo) {
      if (c.status === 'unknown') return invalidHandleError(handle);
      if (c.status === 'deleted') return typical(changeVisibilityOutcomes('deleted', handle)).response as ExpectedError;
      if (c.status !== 'inflight') return E.receiptHandleExpired(handle);
      effect = 'set-visibility';
    } else {
      const o = typical(changeVisibilityOutcomes(c.status, handle));
      if (o.response !== 'ok') return o.response;
      effect = o.effect;
    }
    if (effect === 'set-visibility' && c.msg && c.fields) {
      // Cap counted from the receive that issued the handle (sqs-semantics.md 4.11; item 25).
      if (!withinVisibilityCap(now - c.fields.receivedAtMs, timeout)) return visibilityCapError(timeout);
      c.msg.inflightUntilMs = now + timeout * 1000; // restarts from now (item 18)
    }
    return undefined;
  }

  function changeMessageVisibility(input: T.ChangeMessageVisibilityInput, now: number): T.EngineResult<T.Empty> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const v = validateChangeMessageVisibility(raw(input));
    if (!v.ok) return fail(v.error);
    sweep(r.queue, now);
    const err = changeOne(r.queue, input.ReceiptHandle as string, input.VisibilityTimeout as number, now);
    if (err) return fail(err);
    notify(r.queue.name);
    return ok({});
  }

  function deleteMessageBatch(input: T.DeleteMessageBatchInput, now: number): T.EngineResult<T.BatchIdOutput> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const v = validateDeleteMessageBatch(raw(input));
    if (!v.ok) return fail(v.error);
    sweep(r.queue, now);
    const out: T.BatchIdOutput = { Successful: [], Failed: [] };
    for (const e of input.Entries ?? []) {
      const c = validateDeleteMessageBatchEntry(raw(e));
      const err = !c.ok ? c.error : deleteOne(r.queue, e.ReceiptHandle as string, now);
      if (err) out.Failed.push(failedEntry(e.Id ?? '', err));
      else out.Successful.push({ Id: e.Id ?? '' });
    }
    if (r.queue.fifo) notify(r.queue.name);
    return ok(out);
  }

  function changeMessageVisibilityBatch(input: T.ChangeMessageVisibilityBatchInput, now: number): T.EngineResult<T.BatchIdOutput> {
    const r = resolve(input.QueueUrl);
    if ('error' in r) return fail(r.error);
    const v = validateChangeMessageVisibilityBatch(raw(input));
    if (!v.ok) return fail(v.error);
    sweep(r.queue, now);
    const out: T.BatchIdOutput = { Successful: [], Failed: [] };
    for (const e of input.Entries ?? []) {
      const c = validateChangeMessageVisibilityBatchEntry(raw(e));
      // VisibilityTimeout is optional in a batch entry [M]; absent is taken as 0 (INF).
      const err = !c.ok ? c.error : changeOne(r.queue, e.ReceiptHandle as string, e.VisibilityTimeout ?? 0, now);
      if (err) out.Failed.push(failedEntry(e.Id ?? '', err));
      else out.Successful.push({ Id: e.Id ?? '' });
    }
    notify(r.queue.name);
    return ok(out);
  }

  // ---------------------------------------------------------------- message move tasks

  /**
   * Runs move tasks forward to `now`: a task moves the DLQ's messages, oldest first, at its rate
   * (unlimited when not given), as NEW messages in the destination (sqs-semantics.md 4.15).
   */
  function advanceTasks(now: number): void {
    for (const t of tasks) {
      if (t.status !== 'RUNNING') continue;
      const src = queueByArn(t.sourceArn);
      if (!src) {
        t.status = 'FAILED';
        t.failureReason = 'AWS.SimpleQueueService.NonExistentQueue';
        continue;
      }
      sweep(src, now);
      const budget = t.rate === undefined ? Infinity : Math.floor(((now - t.startedMs) / 1000) * t.rate) + 1 - t.moved;
      let n = 0;
      for (const m of [...src.messages.values()]) {
        if (n >= budget || t.moved >= t.toMove) break;
        if (!isVisible(m, now)) continue;
        const destArn = t.destinationArn ?? m.deadLetterSourceArn;
        const dest = queueByArn(destArn);
        if (!dest) {
          if (t.destinationArn) {
            t.status = 'FAILED';
            t.failureReason = 'AWS.SimpleQueueService.NonExistentQueue'; // item 50
            break;
          }
          continue;
        }
        src.messages.delete(m.key);
        const e: T.SendMessageBatchRequestEntry = { MessageBody: m.body, DelaySeconds: 0 };
        if (m.attributes) e.MessageAttributes = m.attributes;
        if (m.traceHeader !== undefined) e.MessageSystemAttributes = { AWSTraceHeader: { DataType: 'String', StringValue: m.traceHeader } };
        if (m.groupId !== undefined) e.MessageGroupId = m.groupId;
        if (dest.fifo) e.MessageDeduplicationId = m.messageId;
        enqueue(dest, e, now);
        notify(dest.name);
        t.moved++;
        n++;
      }
      if (t.status === 'RUNNING' && (t.moved >= t.toMove || ![...src.messages.values()].some((m) => isVisible(m, now)))) t.status = 'COMPLETED';
    }
  }

  function startMessageMoveTask(input: T.StartMessageMoveTaskInput, now: number): T.EngineResult<T.StartMessageMoveTaskOutput> {
    advanceTasks(now);
    if (!input.SourceArn) return fail(E.missingParameter('SourceArn'));
    const src = queueByArn(input.SourceArn);
    if (!src) return fail(E.sourceDoesNotExist());
    const isDlq = [...queues.values()].some((q) => q.config.redrivePolicy?.deadLetterTargetArn === src.arn);
    if (!isDlq) return fail(E.notADeadLetterQueue()); // item 46
    if (input.DestinationArn !== undefined && !queueByArn(input.DestinationArn)) return fail(E.destinationDoesNotExist()); // item 47
    if (input.MaxNumberOfMessagesPerSecond !== undefined) {
      const n = input.MaxNumberOfMessagesPerSecond;
      if (!Number.isInteger(n) || n < 1 || n > 500) {
        return fail(E.invalidParameter('MaxNumberOfMessagesPerSecond', n, 'Must be between 1 and 500, if provided.'));
      }
    }
    if (tasks.some((t) => t.sourceArn === src.arn && t.status === 'RUNNING')) return fail(E.taskAlreadyRunning()); // item 48
    sweep(src, now);
    const t: MoveTask = {
      handle: Buffer.from(JSON.stringify({ task: ids.messageId(), sourceArn: src.arn }), 'utf8').toString('base64'),
      sourceArn: src.arn,
      status: 'RUNNING',
      startedMs: now,
      toMove: [...src.messages.values()].length,
      moved: 0,
    };
    if (input.DestinationArn !== undefined) t.destinationArn = input.DestinationArn;
    if (input.MaxNumberOfMessagesPerSecond !== undefined) t.rate = input.MaxNumberOfMessagesPerSecond;
    tasks.push(t);
    advanceTasks(now);
    return ok({ TaskHandle: t.handle });
  }

  function listMessageMoveTasks(input: T.ListMessageMoveTasksInput, now: number): T.EngineResult<T.ListMessageMoveTasksOutput> {
    advanceTasks(now);
    if (!input.SourceArn) return fail(E.missingParameter('SourceArn'));
    if (!queueByArn(input.SourceArn)) return fail(E.sourceDoesNotExist());
    const max = input.MaxResults ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) return fail(E.invalidParameter('MaxResults', max, 'You must enter a number that\'s between 1 and 10.'));
    const mine = tasks.filter((t) => t.sourceArn === input.SourceArn).reverse().slice(0, max); // most recent first
    const Results = mine.map((t) => {
      const e: T.ListMessageMoveTasksResultEntry = {
        Status: t.status,
        SourceArn: t.sourceArn,
        ApproximateNumberOfMessagesMoved: t.moved,
        ApproximateNumberOfMessagesToMove: t.toMove,
        StartedTimestamp: t.startedMs,
      };
      if (t.status === 'RUNNING') e.TaskHandle = t.handle; // item 50
      if (t.destinationArn) e.DestinationArn = t.destinationArn;
      if (t.rate !== undefined) e.MaxNumberOfMessagesPerSecond = t.rate;
      if (t.failureReason) e.FailureReason = t.failureReason;
      return e;
    });
    return ok({ Results });
  }

  function cancelMessageMoveTask(input: T.CancelMessageMoveTaskInput, now: number): T.EngineResult<T.CancelMessageMoveTaskOutput> {
    advanceTasks(now);
    if (!input.TaskHandle) return fail(E.missingParameter('TaskHandle'));
    let parsed: { task?: unknown; sourceArn?: unknown } | undefined;
    try {
      parsed = JSON.parse(Buffer.from(input.TaskHandle, 'base64').toString('utf8')) as { task?: unknown; sourceArn?: unknown };
    } catch {
      parsed = undefined;
    }
    if (!parsed || typeof parsed.sourceArn !== 'string') return fail(E.invalidTaskHandle()); // item 49
    if (!queueByArn(parsed.sourceArn)) return fail(E.sourceDoesNotExist());
    const t = tasks.find((x) => x.handle === input.TaskHandle && x.status === 'RUNNING');
    if (!t) return fail(E.taskDoesNotExist());
    t.status = 'CANCELLED';
    return ok({ ApproximateNumberOfMessagesMoved: t.moved });
  }

  // ---------------------------------------------------------------- helpers for the server

  /** Earliest instant after `now` when a hidden message of the queue becomes visible, if any. */
  function nextVisibleAtMs(queueUrl: string, now: number): number | undefined {
    const q = queues.get(nameFromUrl(queueUrl));
    if (!q) return undefined;
    let best: number | undefined;
    for (const m of q.messages.values()) {
      const at = isDelayed(m, now) ? m.delayUntilMs : isInflight(m, now) ? (m.inflightUntilMs as number) : undefined;
      if (at !== undefined && now < retentionDeadline(q, m) && (best === undefined || at < best)) best = at;
    }
    for (const t of tasks) if (t.status === 'RUNNING' && t.rate !== undefined) best = best === undefined ? now + 1000 : Math.min(best, now + 1000);
    return best;
  }

  const handlers = {
    CreateQueue: createQueue,
    GetQueueUrl: getQueueUrl,
    ListQueues: listQueues,
    GetQueueAttributes: getQueueAttributes,
    SetQueueAttributes: setQueueAttributes,
    DeleteQueue: deleteQueue,
    PurgeQueue: purgeQueue,
    SendMessage: sendMessage,
    SendMessageBatch: sendMessageBatch,
    ReceiveMessage: receiveMessage,
    DeleteMessage: deleteMessage,
    DeleteMessageBatch: deleteMessageBatch,
    ChangeMessageVisibility: changeMessageVisibility,
    ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
    TagQueue: tagQueue,
    UntagQueue: untagQueue,
    ListQueueTags: listQueueTags,
    AddPermission: addPermission,
    RemovePermission: removePermission,
    ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
    StartMessageMoveTask: startMessageMoveTask,
    ListMessageMoveTasks: listMessageMoveTasks,
    CancelMessageMoveTask: cancelMessageMoveTask,
  } as const;

  /** Runs move tasks forward before any operation, so their progress follows the caller's time. */
  const withTasks =
    <I, O>(f: (input: I, now: number) => T.EngineResult<O>) =>
    (input: I, nowMs: number): T.EngineResult<O> => {
      if (tasks.length > 0) advanceTasks(nowMs);
      return f(input, nowMs);
    };

  return {
    region,
    accountId,
    get endpoint() {
      return endpoint;
    },
    /** Changes the scheme/host/port of queue URLs (existing queues keep theirs until re-created). */
    setEndpoint(url: string): void {
      endpoint = url.replace(/\/+$/, '');
      for (const q of queues.values()) q.url = urlOf(q.name);
    },
    createQueue: withTasks(createQueue),
    getQueueUrl: withTasks(getQueueUrl),
    listQueues: withTasks(listQueues),
    getQueueAttributes: withTasks(getQueueAttributes),
    setQueueAttributes: withTasks(setQueueAttributes),
    deleteQueue: withTasks(deleteQueue),
    purgeQueue: withTasks(purgeQueue),
    sendMessage: withTasks(sendMessage),
    sendMessageBatch: withTasks(sendMessageBatch),
    receiveMessage: withTasks(receiveMessage),
    deleteMessage: withTasks(deleteMessage),
    deleteMessageBatch: withTasks(deleteMessageBatch),
    changeMessageVisibility: withTasks(changeMessageVisibility),
    changeMessageVisibilityBatch: withTasks(changeMessageVisibilityBatch),
    tagQueue: withTasks(tagQueue),
    untagQueue: withTasks(untagQueue),
    listQueueTags: withTasks(listQueueTags),
    addPermission: withTasks(addPermission),
    removePermission: withTasks(removePermission),
    listDeadLetterSourceQueues: withTasks(listDeadLetterSourceQueues),
    startMessageMoveTask,
    listMessageMoveTasks,
    cancelMessageMoveTask,
    /** Runs an action by its SQS name (the server's entry point). */
    dispatch(action: EngineAction, input: Record<string, unknown>, nowMs: number): T.EngineResult<Record<string, unknown>> {
      const h = handlers[action] as (i: unknown, n: number) => T.EngineResult<unknown>;
      if (tasks.length > 0) advanceTasks(nowMs);
      return h(input, nowMs) as T.EngineResult<Record<string, unknown>>;
    },
    nextVisibleAtMs,
    /** The queue name a QueueUrl designates (whether or not it exists). */
    queueNameOf: nameFromUrl,
    /** The URL of an existing queue by name. */
    queueUrl(name: string): string | undefined {
      return queues.get(name)?.url;
    },
    /** Called with a queue name whenever messages there may have become receivable. Returns an unsubscribe. */
    onAvailable(listener: (queueName: string) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
export const ENGINE_ACTIONS = [
  'CreateQueue',
  'GetQueueUrl',
  'ListQueues',
  'GetQueueAttributes',
  'SetQueueAttributes',
  'DeleteQueue',
  'PurgeQueue',
  'SendMessage',
  'SendMessageBatch',
  'ReceiveMessage',
  'DeleteMessage',
  'DeleteMessageBatch',
  'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch',
  'TagQueue',
  'UntagQueue',
  'ListQueueTags',
  'AddPermission',
  'RemovePermission',
  'ListDeadLetterSourceQueues',
  'StartMessageMoveTask',
  'ListMessageMoveTasks',
  'CancelMessageMoveTask',
] as const;
export type EngineAction = (typeof ENGINE_ACTIONS)[number];
