// Queue management: CreateQueue (idempotent against current values), GetQueueUrl, ListQueues,
// Get/SetQueueAttributes, DeleteQueue, PurgeQueue, ListDeadLetterSourceQueues
// (../shared/reference/sqs-semantics.md 3, 4.1-4.6, 4.14; aws-recorded-facts.md A10-A12). PURE.
import { attributeErrors, deadLetterProblem, defaultAttributes, isTrue, parseRedrivePolicy, queueAttributeSpec } from '../attributes.js';
import { DEFAULTS, LIST_PAGE_LIMIT, WINDOWS_MS } from '../model/defaults.js';
import { validateCreateQueue, validateGetQueueAttributes, validateSetQueueAttributes } from '../operations.js';
import type { ExpectedError } from '../types.js';
import * as E from './errors.js';
import {
  arnOf,
  delayed,
  epochMs,
  entriesOf,
  fail,
  inflight,
  newIndex,
  notify,
  ok,
  placeMessage,
  queueByArn,
  raw,
  rebuildConfig,
  resolve,
  sortedDict,
  target,
  sweep,
  urlOf,
  type EngineState,
  type Queue,
} from './state.js';
import type * as T from './types.js';

/** Names SetQueueAttributes removes when given "" (items 44, 97, 102). */
const REMOVABLE_WITH_EMPTY = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId']);

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
/** Booleans are stored as "true"/"false" whatever the case sent (attributes.ts isTrue; INF). */
function normaliseAttribute(name: string, value: string): string {
  return queueAttributeSpec(name)?.value.kind === 'boolean' ? String(isTrue(value)) : value;
}

/** Writes requested attributes: "" removes the removable ones (items 44, 97, 102); KMS SSE turns SQS SSE off (item 97). */
function writeAttributes(attributes: Map<string, string>, requested: Array<[string, string]>, op: 'create' | 'set'): void {
  for (const [k, val] of requested) {
    if (k === 'FifoQueue' && op === 'set') continue; // "true" on a FIFO queue is a no-op (item 101)
    if (REMOVABLE_WITH_EMPTY.has(k) && val === '') attributes.delete(k);
    else attributes.set(k, normaliseAttribute(k, val));
  }
  const kms = requested.some(([k, val]) => k === 'KmsMasterKeyId' && val !== '');
  if (kms && !requested.some(([k]) => k === 'SqsManagedSseEnabled')) attributes.set('SqsManagedSseEnabled', 'false');
}

/** The DLQ a RedrivePolicy names: it exists, has the source's type, allows the source (model/redrive.ts). */
function redriveTargetError(s: EngineState, sourceFifo: boolean, value: string | undefined, sourceArn: string): ExpectedError | undefined {
  const lookup = (arn: string) => {
    const q = queueByArn(s, arn);
    return q ? { fifo: q.fifo, ...(q.attributes.has('RedriveAllowPolicy') ? { redriveAllowPolicy: q.attributes.get('RedriveAllowPolicy')! } : {}) } : null;
  };
  const problem = deadLetterProblem(sourceFifo, value, lookup, sourceArn);
  return problem && value !== undefined ? attributeErrors.invalidRedrivePolicy(value, problem) : undefined;
}

/** What GetQueueAttributes(All) shows now: stored attributes, counters, timestamps, ARN. */
export function currentAttributes(s: EngineState, q: Queue, now: number): Map<string, string> {
  sweep(q, now);
  let visible = 0;
  let hidden = 0;
  let waiting = 0;
  for (const m of q.messages.values()) {
    if (delayed(q, m, now)) waiting++;
    else if (inflight(q, m, now)) hidden++;
    else visible++;
  }
  const out = new Map([...q.attributes].filter(([, v]) => v !== ''));
  // KmsDataKeyReusePeriodSeconds is shown only with SSE-KMS on, with its default unless set (item 97; section 3).
  if (!out.get('KmsMasterKeyId')) out.delete('KmsDataKeyReusePeriodSeconds');
  else if (!out.has('KmsDataKeyReusePeriodSeconds')) out.set('KmsDataKeyReusePeriodSeconds', String(DEFAULTS.kmsDataKeyReusePeriodSeconds));
  out.set('ApproximateNumberOfMessages', String(visible));
  out.set('ApproximateNumberOfMessagesNotVisible', String(hidden));
  out.set('ApproximateNumberOfMessagesDelayed', String(waiting));
  // Timestamps in epoch seconds (sqs-semantics.md section 3).
  out.set('CreatedTimestamp', String(Math.floor(epochMs(s, q.createdMs) / 1000)));
  out.set('LastModifiedTimestamp', String(Math.floor(epochMs(s, q.lastModifiedMs) / 1000)));
  out.set('QueueArn', q.arn);
  return out;
}

export function createQueue(s: EngineState, input: T.CreateQueueInput, now: number): T.EngineResult<T.CreateQueueOutput> {
  const v = validateCreateQueue(raw(input));
  if (!v.ok) return fail(v.error);
  const name = input.QueueName as string;
  const requested = entriesOf(input.Attributes);
  const existing = s.queues.get(name);
  if (existing) {
    // Idempotent against the CURRENT values of the attributes named (items 105-106).
    const current = new Map([...existing.attributes, ...currentAttributes(s, existing, now)]);
    for (const [k, val] of requested) if (!sameAttributeValue(current.get(k), val)) return fail(E.queueNameExists(k));
    return ok({ QueueUrl: existing.url });
  }
  const del = s.deletedAt.get(name);
  if (del !== undefined && now - del < WINDOWS_MS.queueRecreateBlock) return fail(E.queueDeletedRecently()); // item 108
  const fifo = isTrue(input.Attributes?.FifoQueue);
  const redriveError = redriveTargetError(s, fifo, requested.find(([k]) => k === 'RedrivePolicy')?.[1], arnOf(s, name));
  if (redriveError) return fail(redriveError);
  // Only the settable attributes are stored; counters, timestamps and the ARN are computed.
  const attributes = new Map<string, string>();
  for (const [k, val] of Object.entries(defaultAttributes(fifo ? 'fifo' : 'standard', s.attributeOptions))) {
    const access = queueAttributeSpec(k)?.access;
    if (access === 'writable' || access === 'create-only') attributes.set(k, val);
  }
  const q: Queue = {
    name,
    url: urlOf(s, name),
    arn: arnOf(s, name),
    fifo,
    incarnation: ++s.counters.incarnations,
    attributes,
    config: undefined as unknown as Queue['config'],
    createdMs: now,
    lastModifiedMs: now,
    tags: new Map(entriesOf(input.tags)),
    messages: new Map(),
    index: newIndex(),
    groups: new Map(),
    dedup: new Map(),
    dedupScope: 'queue',
    sequence: 18_000_000_000_000_000_000n,
    attempts: new Map(),
  };
  writeAttributes(attributes, requested, 'create');
  q.dedupScope = attributes.get('DeduplicationScope') === 'messageGroup' ? 'messageGroup' : 'queue';
  rebuildConfig(s, q);
  s.queues.set(name, q);
  s.deletedAt.delete(name);
  return ok({ QueueUrl: q.url });
}

export function getQueueUrl(s: EngineState, input: T.GetQueueUrlInput, _now: number): T.EngineResult<T.GetQueueUrlOutput> {
  if (!input.QueueName) return fail(E.missingParameter('QueueName'));
  if (input.QueueOwnerAWSAccountId !== undefined && input.QueueOwnerAWSAccountId !== s.accountId) return fail(E.queueDoesNotExist());
  const q = s.queues.get(input.QueueName);
  return q ? ok({ QueueUrl: q.url }) : fail(E.queueDoesNotExist());
}

/** Pagination shared by ListQueues and ListDeadLetterSourceQueues (sqs-semantics.md 4.3, 4.14). */
function page(names: string[], scope: string, maxResults: number | undefined, nextToken: string | undefined) {
  if (maxResults !== undefined && (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > LIST_PAGE_LIMIT)) {
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
  const limit = maxResults ?? LIST_PAGE_LIMIT;
  const slice = names.slice(start, start + limit);
  const more = maxResults !== undefined && start + limit < names.length; // no NextToken without MaxResults
  const last = slice[slice.length - 1];
  const token = more && last !== undefined ? Buffer.from(JSON.stringify({ s: scope, a: last }), 'utf8').toString('base64') : undefined;
  return { names: slice, token } as const;
}

export function listQueues(s: EngineState, input: T.ListQueuesInput, _now: number): T.EngineResult<T.ListQueuesOutput> {
  const prefix = input.QueueNamePrefix ?? '';
  const names = [...s.queues.keys()].filter((n) => n.startsWith(prefix)).sort();
  const p = page(names, `lq:${prefix}`, input.MaxResults, input.NextToken);
  if ('error' in p) return fail(p.error as ExpectedError);
  const out: T.ListQueuesOutput = {};
  if (p.names.length > 0) out.QueueUrls = p.names.map((n) => urlOf(s, n)); // absent when empty (item 110)
  if (p.token) out.NextToken = p.token;
  return ok(out);
}

export function getQueueAttributes(s: EngineState, input: T.GetQueueAttributesInput, now: number): T.EngineResult<T.GetQueueAttributesOutput> {
  const r = target(s, input, validateGetQueueAttributes);
  if ('error' in r) return fail(r.error);
  const all = currentAttributes(s, r.queue, now);
  const names = input.AttributeNames ?? [];
  // Unset ones are left out (item 99).
  const picked = names.includes('All') ? [...all] : names.flatMap((n): Array<[string, string]> => (all.has(n) ? [[n, all.get(n) as string]] : []));
  return ok(picked.length > 0 ? { Attributes: sortedDict(picked) } : {});
}

export function setQueueAttributes(s: EngineState, input: T.SetQueueAttributesInput, now: number): T.EngineResult<T.Empty> {
  const r = target(s, input, (i, queue) => validateSetQueueAttributes(i, queue.config));
  if ('error' in r) return fail(r.error);
  const q = r.queue;
  const requested = entriesOf(input.Attributes);
  const redriveError = redriveTargetError(s, q.fifo, requested.find(([k]) => k === 'RedrivePolicy')?.[1], q.arn);
  if (redriveError) return fail(redriveError);
  writeAttributes(q.attributes, requested, 'set');
  q.lastModifiedMs = now;
  rebuildConfig(s, q);
  // A FIFO queue's DelaySeconds applies to the messages not yet delivered (model/message.ts delayEndsAt).
  if (q.fifo) for (const m of q.messages.values()) placeMessage(q, m, now);
  notify(s, q.name);
  return ok({});
}

export function deleteQueue(s: EngineState, input: T.QueueUrlInput, now: number): T.EngineResult<T.Empty> {
  const r = resolve(s, input.QueueUrl);
  if ('error' in r) return fail(r.error);
  s.queues.delete(r.queue.name);
  // Names deleted longer ago than the block no longer matter; insertion order is time order.
  for (const [n, at] of s.deletedAt) {
    if (now - at < WINDOWS_MS.queueRecreateBlock) break;
    s.deletedAt.delete(n);
  }
  s.deletedAt.delete(r.queue.name);
  s.deletedAt.set(r.queue.name, now);
  notify(s, r.queue.name);
  return ok({});
}

export function purgeQueue(s: EngineState, input: T.QueueUrlInput, now: number): T.EngineResult<T.Empty> {
  const r = resolve(s, input.QueueUrl);
  if ('error' in r) return fail(r.error);
  const q = r.queue;
  if (q.lastPurgeMs !== undefined && now - q.lastPurgeMs < WINDOWS_MS.purgeBlock) return fail(E.purgeQueueInProgress(q.name)); // item 114
  // Visible, in-flight and delayed messages all go (item 113); the FIFO dedup cache too (item 63).
  q.messages.clear();
  q.index = newIndex();
  q.groups.clear();
  q.dedup.clear();
  q.attempts.clear();
  q.lastPurgeMs = now;
  return ok({});
}

export function listDeadLetterSourceQueues(s: EngineState, input: T.ListDeadLetterSourceQueuesInput, _now: number): T.EngineResult<T.ListDeadLetterSourceQueuesOutput> {
  const r = resolve(s, input.QueueUrl);
  if ('error' in r) return fail(r.error);
  const arn = r.queue.arn;
  const names = [...s.queues.values()]
    .filter((q) => q.config.redrivePolicy?.deadLetterTargetArn === arn)
    .map((q) => q.name)
    .sort();
  const p = page(names, `dl:${arn}`, input.MaxResults, input.NextToken);
  if ('error' in p) return fail(p.error as ExpectedError);
  const out: T.ListDeadLetterSourceQueuesOutput = { queueUrls: p.names.map((n) => urlOf(s, n)) }; // lower-case key (item 43)
  if (p.token) out.NextToken = p.token;
  return ok(out);
}

