// One response at a time: checksums of sent and received bodies, the members every received
// message has, at most MaxNumberOfMessages messages, a fresh receipt handle per receive, and system
// attributes exactly as requested (aws-recorded-facts.md A1 items 1, 10, 17; A9 item 91). PURE.
import type { Call } from '../../history/index.js';
import { md5Hex } from '../../spec/md5.js';
import { batchEntries, inputOf, outputOf } from '../prepare.js';
import { callRef, list, text } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding } from '../types.js';

export const RESPONSE_IDS = [
  'message.md5-mismatch',
  'receive.too-many-messages',
  'receive.missing-field',
  'receive.attribute-missing',
  'receive.attribute-unrequested',
  'receive.handle-reused',
] as const;

/** System attributes a standard-queue receive returns for `All` (aws-recorded-facts.md A9 item 91). */
export const STANDARD_SYSTEM_ATTRIBUTES = ['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp'];
/** A FIFO receive adds these for `All` (aws-recorded-facts.md A7 item 76). */
export const FIFO_SYSTEM_ATTRIBUTES = [...STANDARD_SYSTEM_ATTRIBUTES, 'MessageDeduplicationId', 'MessageGroupId', 'SequenceNumber'];
/** Attributes a message has only when set (a trace header, a fair-queue group, a dead-letter move) or only on FIFO (item 91). */
const CONDITIONAL_ATTRIBUTES = new Set(['SequenceNumber', 'MessageDeduplicationId', 'MessageGroupId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn', 'SqsManagedSseEnabled']);

/**
 * What a receive asked for: `always` must come back on every message, `allowed` may (a
 * conditional attribute comes back only when the message has it).
 */
function requestedSystemAttributes(input: Record<string, unknown>, fifo: boolean): { always: Set<string>; allowed: Set<string> } {
  const names = new Set<string>();
  for (const key of ['MessageSystemAttributeNames', 'AttributeNames']) {
    const v = input[key];
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') names.add(x);
  }
  const base = fifo ? FIFO_SYSTEM_ATTRIBUTES : STANDARD_SYSTEM_ATTRIBUTES;
  if (names.has('All')) return { always: new Set(base), allowed: new Set([...base, ...CONDITIONAL_ATTRIBUTES]) };
  return { always: new Set([...names].filter((n) => base.includes(n))), allowed: names };
}

function sendChecksums(call: Call, findings: Finding[]): void {
  const queue = call.invoke.queue;
  if (call.invoke.f === 'SendMessage') {
    const out = outputOf(call);
    const body = inputOf(call).MessageBody;
    if (out && typeof body === 'string' && out.MD5OfMessageBody !== md5Hex(body)) {
      findings.push({ id: 'message.md5-mismatch', calls: [call], queue, bindings: { call: callRef(call), field: 'MD5OfMessageBody', got: text(String(out.MD5OfMessageBody)), expected: md5Hex(body) } });
    }
    return;
  }
  for (const e of batchEntries(call)) {
    const body = e.entry.MessageBody;
    if (e.result.type !== 'ok' || !e.answer || typeof body !== 'string') continue;
    if (e.answer.MD5OfMessageBody !== md5Hex(body)) {
      findings.push({ id: 'message.md5-mismatch', calls: [call], queue, bindings: { call: callRef(call, e.id), field: 'MD5OfMessageBody', got: text(String(e.answer.MD5OfMessageBody)), expected: md5Hex(body) } });
    }
  }
}

function check(ctx: CallRuleContext): Finding[] {
  const { prep } = ctx;
  const findings: Finding[] = [];
  const handlesSeen = new Map<string, Call>();
  for (const call of prep.calls) {
    if (!prep.queues.has(call.invoke.queue)) continue;
    const queue = call.invoke.queue;
    if (call.invoke.f === 'SendMessage' || call.invoke.f === 'SendMessageBatch') {
      sendChecksums(call, findings);
      continue;
    }
    if (call.invoke.f !== 'ReceiveMessage') continue;
    const out = outputOf(call);
    if (!out) continue;
    const input = inputOf(call);
    const ref = callRef(call);
    const messages = Array.isArray(out.Messages) ? (out.Messages as Record<string, unknown>[]) : [];
    const max = typeof input.MaxNumberOfMessages === 'number' ? input.MaxNumberOfMessages : 1;
    if (messages.length > max) findings.push({ id: 'receive.too-many-messages', calls: [call], queue, bindings: { call: ref, count: messages.length, max } });
    const wanted = requestedSystemAttributes(input, prep.queues.get(call.invoke.queue)!.fifo);
    for (const msg of messages) {
      const missing = ['MessageId', 'ReceiptHandle', 'MD5OfBody', 'Body'].filter((k) => typeof msg[k] !== 'string');
      if (missing.length > 0) findings.push({ id: 'receive.missing-field', calls: [call], queue, bindings: { call: ref, missing: list(missing) } });
      if (typeof msg.Body === 'string' && typeof msg.MD5OfBody === 'string' && msg.MD5OfBody !== md5Hex(msg.Body)) {
        findings.push({ id: 'message.md5-mismatch', calls: [call], queue, bindings: { call: ref, field: 'MD5OfBody', got: text(msg.MD5OfBody), expected: md5Hex(msg.Body) } });
      }
      const attrs = (msg.Attributes ?? {}) as Record<string, unknown>;
      const absent = [...wanted.always].filter((n) => !Object.hasOwn(attrs, n));
      if (absent.length > 0) findings.push({ id: 'receive.attribute-missing', calls: [call], queue, bindings: { call: ref, requested: list(wanted.always), absent: list(absent) } });
      const extra = Object.keys(attrs).filter((n) => !wanted.allowed.has(n));
      if (extra.length > 0) findings.push({ id: 'receive.attribute-unrequested', calls: [call], queue, bindings: { call: ref, extra: list(extra) } });
      const handle = typeof msg.ReceiptHandle === 'string' ? msg.ReceiptHandle : undefined;
      if (handle !== undefined) {
        const prior = handlesSeen.get(handle);
        // A FIFO retry with the same ReceiveRequestAttemptId returns the same handles (sqs-semantics.md 9).
        const retry = prior !== undefined && input.ReceiveRequestAttemptId !== undefined && prior.invoke.value.ReceiveRequestAttemptId === input.ReceiveRequestAttemptId;
        if (prior && prior !== call && !retry) findings.push({ id: 'receive.handle-reused', calls: [prior, call], queue, bindings: { call: ref, prior: callRef(prior) } });
        handlesSeen.set(handle, call);
      }
    }
  }
  return findings;
}

export const responsesRule: CheckRule = { name: 'responses', ids: RESPONSE_IDS, calls: check };
