// The three batch actions: whole-request validation, then one result per entry, Successful or
// Failed with HTTP 200 (../shared/reference/sqs-semantics.md 4.8, 12; aws-recorded-facts.md A8). PURE.
import { validateChangeMessageVisibilityBatch, validateChangeMessageVisibilityBatchEntry, validateDeleteMessageBatch, validateDeleteMessageBatchEntry, validateSendMessageBatch } from '../operations.js';
import type { ExpectedError, Validation } from '../types.js';
import { changeOne, deleteOne } from './handle-actions.js';
import { enqueue } from './send.js';
import { fail, failedEntry, notify, ok, raw, target, type EngineState } from './state.js';
import type * as T from './types.js';

/** Runs the entries in request order: an entry that fails its check or its action is reported alone. */
function perEntry<E extends { Id?: string }, S>(entries: E[], check: (e: E, i: number) => Validation, run: (e: E) => { ok: S } | { error: ExpectedError }) {
  const out: { Successful: S[]; Failed: T.BatchResultErrorEntry[] } = { Successful: [], Failed: [] };
  entries.forEach((e, i) => {
    const c = check(e, i);
    const r = c.ok ? run(e) : { error: c.error };
    if ('error' in r) out.Failed.push(failedEntry(e.Id ?? '', r.error));
    else out.Successful.push(r.ok);
  });
  return out;
}

const done = (e: { Id?: string }, err: ExpectedError | undefined): { ok: { Id: string } } | { error: ExpectedError } => (err ? { error: err } : { ok: { Id: e.Id ?? '' } });

export function sendMessageBatch(s: EngineState, input: T.SendMessageBatchInput, now: number): T.EngineResult<T.SendMessageBatchOutput> {
  let entries: Validation[] = [];
  const r = target(s, input, (i, q) => {
    const v = validateSendMessageBatch(i, q.config);
    if (v.ok) entries = v.entries;
    return v;
  }, now);
  if ('error' in r) return fail(r.error);
  const q = r.queue;
  // An oversize entry or a bad character fails alone (items 82-83); FIFO entries go in request order (4.8).
  const out = perEntry(input.Entries ?? [], (_e, i) => entries[i] ?? { ok: true }, (e) => {
    const res = enqueue(s, q, e, now);
    const entry: T.SendMessageBatchResultEntry = { Id: e.Id ?? '', MessageId: res.MessageId, MD5OfMessageBody: res.MD5OfMessageBody };
    if (res.MD5OfMessageAttributes) entry.MD5OfMessageAttributes = res.MD5OfMessageAttributes;
    if (res.MD5OfMessageSystemAttributes) entry.MD5OfMessageSystemAttributes = res.MD5OfMessageSystemAttributes;
    if (res.SequenceNumber) entry.SequenceNumber = res.SequenceNumber;
    return { ok: entry };
  });
  notify(s, q.name);
  return ok(out);
}

export function deleteMessageBatch(s: EngineState, input: T.DeleteMessageBatchInput, now: number): T.EngineResult<T.BatchIdOutput> {
  const r = target(s, input, validateDeleteMessageBatch, now);
  if ('error' in r) return fail(r.error);
  const out = perEntry(input.Entries ?? [], (e) => validateDeleteMessageBatchEntry(raw(e)), (e) => done(e, deleteOne(s, r.queue, e.ReceiptHandle as string, now)));
  if (r.queue.fifo) notify(s, r.queue.name); // a delete can unlock a FIFO group (item 68)
  return ok(out);
}

export function changeMessageVisibilityBatch(s: EngineState, input: T.ChangeMessageVisibilityBatchInput, now: number): T.EngineResult<T.BatchIdOutput> {
  const r = target(s, input, validateChangeMessageVisibilityBatch, now);
  if ('error' in r) return fail(r.error);
  // VisibilityTimeout is optional in a batch entry [M]; absent is taken as 0 (INF).
  const out = perEntry(input.Entries ?? [], (e) => validateChangeMessageVisibilityBatchEntry(raw(e)), (e) => done(e, changeOne(s, r.queue, e.ReceiptHandle as string, e.VisibilityTimeout ?? 0, now)));
  notify(s, r.queue.name);
  return ok(out);
}
