// Batch answers (sqs-semantics.md 4.8, 4.10, 4.11, 12; aws-recorded-facts.md A8 items 78-84): every
// entry of an answered batch is in Successful or Failed exactly once and no other Id is; a request
// SQS rejects as a whole (no entries, more than 10, repeated or malformed Ids, a payload past
// 1 MiB) is not answered entry by entry, and one whose only faults are in some entries is not
// rejected as a whole; a Failed entry the caller got wrong says SenderFault true; a Successful
// SendMessageBatch entry has its MessageId and MD5OfMessageBody, and two entries of one standard
// batch are two messages. Codes and texts of per-entry and whole-request errors are the validation
// rule's (validation.ts); MD5s of bodies the responses rule's, of attributes the message-attributes
// rule's; what each entry did to its message the lifecycle search judges (prepare.ts). PURE.
import type { Call } from '../../history/index.js';
import {
  validateChangeMessageVisibilityBatch,
  validateChangeMessageVisibilityBatchEntry,
  validateDeleteMessageBatch,
  validateDeleteMessageBatchEntry,
  validateSendMessageBatch,
} from '../../spec/operations.js';
import type { Validation } from '../../spec/types.js';
import { batchEntries, BATCH_ACTIONS, inputOf, type Prepared } from '../prepare.js';
import { callRef, expected, list, observedError } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding } from '../types.js';

export const BATCH_IDS = [
  'batch.entry-missing',
  'batch.entry-twice',
  'batch.entry-unknown',
  'batch.request-not-rejected',
  'batch.request-rejected-for-entry',
  'batch.sender-fault-wrong',
  'batch.successful-incomplete',
  'batch.message-id-repeated',
] as const;

export type BatchId = (typeof BATCH_IDS)[number];

/** The model's view of a batch request: its whole-request error, or which entries (by position) it rejects. */
function modelOf(prep: Prepared, call: Call): { whole: Validation; invalid: boolean[] } | undefined {
  const queue = prep.queues.get(call.invoke.queue);
  if (!queue) return undefined;
  const input = inputOf(call);
  if (call.invoke.f === 'SendMessageBatch') {
    const v = validateSendMessageBatch(input, queue);
    return v.ok ? { whole: { ok: true }, invalid: v.entries.map((e) => !e.ok) } : { whole: v, invalid: [] };
  }
  const del = call.invoke.f === 'DeleteMessageBatch';
  const whole = del ? validateDeleteMessageBatch(input) : validateChangeMessageVisibilityBatch(input);
  if (!whole.ok) return { whole, invalid: [] };
  const entries = Array.isArray(input.Entries) ? (input.Entries as unknown[]) : [];
  const invalid = entries.map((raw) => {
    const e = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    if (!(del ? validateDeleteMessageBatchEntry(e) : validateChangeMessageVisibilityBatchEntry(e)).ok) return true;
    // A handle the service never issued fails alone with ReceiptHandleIsInvalid (items 13, 23).
    return typeof e.ReceiptHandle === 'string' && !prep.byHandle.has(e.ReceiptHandle);
  });
  return { whole, invalid };
}

function check(ctx: CallRuleContext): Finding[] {
  const { prep, gate } = ctx;
  const findings: Finding[] = [];

  // Entries an answer leaves out, names twice, or names without having been asked (prepare.ts).
  const ids: Record<string, BatchId> = { 'entry-missing': 'batch.entry-missing', 'entry-twice': 'batch.entry-twice', 'entry-unknown': 'batch.entry-unknown' };
  for (const f of prep.batchAnswers) {
    findings.push({ id: ids[f.kind]!, calls: [f.call], queue: f.call.invoke.queue, entry: f.entry, bindings: { call: callRef(f.call, f.entry), entry: f.entry } });
  }

  for (const call of prep.calls) {
    if (!BATCH_ACTIONS.has(call.invoke.f) || !call.complete || call.complete.type === 'info') continue;
    const model = modelOf(prep, call);
    if (!model) continue;
    const queue = call.invoke.queue;
    const ref = callRef(call);
    const answered = call.complete.type === 'ok';
    if (answered) for (const id of ['batch.entry-missing', 'batch.entry-twice', 'batch.entry-unknown'] as const) gate.exercised(id);

    // A whole-request error must fail the whole request (items 78-81; sqs-semantics.md 4.8).
    if (!model.whole.ok) {
      gate.exercised('batch.request-not-rejected');
      if (answered) findings.push({ id: 'batch.request-not-rejected', calls: [call], queue, bindings: { call: ref, expected: expected(model.whole.error) } });
      continue;
    }

    // Faults of some entries fail those entries alone, with HTTP 200 (items 82-83; sqs-semantics.md 4.8, 12).
    const entries = batchEntries(call);
    const invalid = entries.filter((_, i) => model.invalid[i] === true).map((e) => e.id);
    if (invalid.length > 0) {
      gate.exercised('batch.request-rejected-for-entry');
      if (call.complete.type === 'fail') {
        findings.push({ id: 'batch.request-rejected-for-entry', calls: [call], queue, bindings: { call: ref, error: observedError(call.complete.value), entries: list(invalid), valid: entries.length - invalid.length } });
      }
    }
    if (!answered) continue;

    // A Failed entry the caller got wrong says so: SenderFault true (item 82; sqs-semantics.md 12).
    entries.forEach((e, i) => {
      if (model.invalid[i] !== true || e.result.type !== 'fail') return;
      gate.exercised('batch.sender-fault-wrong');
      const got = e.answer?.SenderFault;
      if (got !== true) findings.push({ id: 'batch.sender-fault-wrong', calls: [call], queue, entry: e.id, bindings: { call: callRef(call, e.id), code: e.result.error.code, got: got === undefined ? 'absent' : String(got) } });
    });

    if (call.invoke.f !== 'SendMessageBatch') continue;
    // A Successful entry has its Id, MessageId and MD5OfMessageBody (item 84).
    const successful = entries.filter((e) => e.result.type === 'ok');
    for (const e of successful) {
      gate.exercised('batch.successful-incomplete');
      const missing = ['MessageId', 'MD5OfMessageBody'].filter((k) => typeof e.answer?.[k] !== 'string' || e.answer[k] === '');
      if (missing.length > 0) findings.push({ id: 'batch.successful-incomplete', calls: [call], queue, entry: e.id, bindings: { call: callRef(call, e.id), missing: list(missing) } });
    }
    // On a standard queue every Successful entry is a message of its own (sqs-semantics.md 4.8; FIFO
    // entries that share a deduplication id are one message, section 17).
    if (prep.queues.get(queue)?.fifo || successful.length < 2) continue;
    gate.exercised('batch.message-id-repeated');
    const byId = new Map<string, string>();
    for (const e of successful) {
      const id = e.answer?.MessageId;
      if (typeof id !== 'string' || id === '') continue;
      const first = byId.get(id);
      if (first === undefined) byId.set(id, e.id);
      else findings.push({ id: 'batch.message-id-repeated', calls: [call], queue, entry: e.id, bindings: { call: callRef(call, e.id), first, messageId: id } });
    }
  }
  return findings;
}

export const batchRule: CheckRule = { name: 'batch', ids: BATCH_IDS, calls: check };
