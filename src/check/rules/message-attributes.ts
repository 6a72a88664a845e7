// Message attributes and message system attributes (sqs-semantics.md 4.7-4.9, 6.2-6.4;
// aws-recorded-facts.md A8 item 84, A9 items 85-94): the MD5OfMessageAttributes a send answers is
// the MD5 of the attributes sent, by the exact algorithm; a received message carries exactly the
// attributes its MessageAttributeNames select among those sent, byte-exact, with the MD5 of that
// subset (and no MD5 when none comes back); the attributes count toward MaximumMessageSize with
// the UTF-8 bytes of names, types and values; an AWSTraceHeader comes back as sent when asked for,
// and MD5OfMessageSystemAttributes is its MD5. Validation of names, types, values and counts is the
// validation rule's (src/spec/operations.ts). PURE.
import type { Call } from '../../history/index.js';
import { md5OfMessageAttributes, md5OfMessageSystemAttributes } from '../../spec/md5.js';
import { attributesFromWire, messageAttributeRequested, messageSize, normalisedNumber, utf8Length } from '../../spec/message.js';
import { validateMessageAttributes, validateMessageSystemAttributes, validateSendMessage } from '../../spec/operations.js';
import type { MessageAttributeValue } from '../../spec/types.js';
import { batchEntries, inputOf, outputOf, type EntryResult, type Prepared, type TrackedMessage } from '../prepare.js';
import { callRef, list, observedError, text } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding } from '../types.js';

export const MESSAGE_ATTRIBUTE_IDS = [
  'message-attributes.send-md5-wrong',
  'message-attributes.value-changed',
  'message-attributes.not-returned',
  'message-attributes.unrequested',
  'message-attributes.receive-md5-wrong',
  'message-attributes.md5-without-attributes',
  'message-attributes.size-miscounted',
  'message-attributes.trace-header-lost',
  'message-attributes.system-md5-wrong',
] as const;

export type MessageAttributeId = (typeof MESSAGE_ATTRIBUTE_IDS)[number];

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isBinaryType = (type: string) => type === 'Binary' || type.startsWith('Binary.');
const isNumberType = (type: string) => type === 'Number' || type.startsWith('Number.');
const md5Text = (v: unknown) => text(typeof v === 'string' ? v : v === undefined ? '(absent)' : JSON.stringify(v));

/** The AWSTraceHeader a send carried, when its system attributes are valid. */
function traceHeaderOf(entry: Record<string, unknown>): string | undefined {
  const sys = entry.MessageSystemAttributes;
  if (!isRecord(sys) || !validateMessageSystemAttributes(sys).ok) return undefined;
  const v = sys.AWSTraceHeader;
  return isRecord(v) && typeof v.StringValue === 'string' ? v.StringValue : undefined;
}

/** One send the model accepts, with its outcome and answer: a SendMessage call or a SendMessageBatch entry. */
interface Send {
  call: Call;
  entry?: string;
  input: Record<string, unknown>;
  result: EntryResult;
  answer?: Record<string, unknown>;
}

function sends(prep: Prepared): Send[] {
  const out: Send[] = [];
  for (const call of prep.calls) {
    if (!prep.queues.has(call.invoke.queue)) continue;
    if (call.invoke.f === 'SendMessage') {
      const c = call.complete;
      const result: EntryResult = !c || c.type === 'info' ? { type: 'unknown' } : c.type === 'ok' ? { type: 'ok' } : { type: 'fail', error: c.value };
      const answer = outputOf(call);
      out.push({ call, input: inputOf(call), result, ...(answer ? { answer } : {}) });
    } else if (call.invoke.f === 'SendMessageBatch' && call.complete?.type === 'ok') {
      // A whole-request failure is the batch rule's to judge, not the entries'.
      for (const e of batchEntries(call)) out.push({ call, entry: e.id, input: e.entry, result: e.result, ...(e.answer ? { answer: e.answer } : {}) });
    }
  }
  return out;
}

/** MD5OfMessageAttributes and MD5OfMessageSystemAttributes of a successful send (items 84, 89, 93; sqs-semantics.md 6.4). */
function sendChecksums(ctx: CallRuleContext, s: Send, findings: Finding[]): void {
  if (s.result.type !== 'ok' || !s.answer) return;
  const { gate } = ctx;
  const queue = s.call.invoke.queue;
  const ref = callRef(s.call, s.entry);
  const raw = s.input.MessageAttributes;
  if (validateMessageAttributes(raw).ok) {
    const want = md5OfMessageAttributes(attributesFromWire(raw));
    const got = s.answer.MD5OfMessageAttributes;
    if (want !== undefined) {
      gate.exercised('message-attributes.send-md5-wrong');
      if (got !== want) findings.push({ id: 'message-attributes.send-md5-wrong', calls: [s.call], queue, variant: got === undefined ? 'missing' : 'default', bindings: { call: ref, got: md5Text(got), expected: want, names: list(Object.keys(raw as object).sort()) } });
    } else {
      gate.exercised('message-attributes.md5-without-attributes');
      if (got !== undefined && got !== '') findings.push({ id: 'message-attributes.md5-without-attributes', calls: [s.call], queue, variant: 'send', bindings: { call: ref, got: md5Text(got) } });
    }
  }
  const sys = s.input.MessageSystemAttributes;
  if (validateMessageSystemAttributes(sys).ok) {
    const want = md5OfMessageSystemAttributes(attributesFromWire(sys));
    const got = s.answer.MD5OfMessageSystemAttributes;
    if (want !== undefined) gate.exercised('message-attributes.system-md5-wrong');
    if (got !== want && !(want === undefined && (got === undefined || got === ''))) {
      const variant = want === undefined ? 'unexpected' : got === undefined ? 'missing' : 'default';
      findings.push({ id: 'message-attributes.system-md5-wrong', calls: [s.call], queue, variant, bindings: { call: ref, got: md5Text(got), expected: want ?? '(none)' } });
    }
  }
}

/**
 * Attributes count toward MaximumMessageSize by the UTF-8 bytes of names, types and values
 * (items 84, 85; sqs-semantics.md 6.2). Judged where the count decides: the body alone fits, and
 * counting the attributes once (the rule) or twice gives another answer.
 */
function sizeCounting(ctx: CallRuleContext, s: Send, findings: Finding[]): void {
  const queue = ctx.prep.queues.get(s.call.invoke.queue);
  const body = s.input.MessageBody;
  if (!queue || typeof body !== 'string' || s.result.type === 'unknown') return;
  // Every other rule of the send holds, so the size alone decides.
  if (!validateSendMessage(s.input, { ...queue, maximumMessageSize: Number.MAX_SAFE_INTEGER }).ok) return;
  const attrs = attributesFromWire(s.input.MessageAttributes);
  const attributeBytes = messageSize('', attrs);
  const bodyBytes = utf8Length(body);
  const max = queue.maximumMessageSize;
  if (attributeBytes === 0 || bodyBytes > max || bodyBytes + 2 * attributeBytes <= max) return;
  ctx.gate.exercised('message-attributes.size-miscounted');
  const size = bodyBytes + attributeBytes;
  const bindings = { call: callRef(s.call, s.entry), body: bodyBytes, attributes: attributeBytes, size, max };
  if (size > max && s.result.type === 'ok') findings.push({ id: 'message-attributes.size-miscounted', calls: [s.call], queue: s.call.invoke.queue, variant: 'accepted', bindings });
  if (size <= max && s.result.type === 'fail') {
    findings.push({ id: 'message-attributes.size-miscounted', calls: [s.call], queue: s.call.invoke.queue, variant: 'rejected', bindings: { ...bindings, error: observedError(s.result.error) } });
  }
}

/** The attributes a message was sent with (undefined when its sends disagree or were invalid). */
function sentAttributes(m: TrackedMessage): { attrs: Record<string, MessageAttributeValue>; trace?: string } | undefined {
  const inputs = m.sends.map((ref) => {
    const input = inputOf(ref.call);
    if (ref.entry === undefined) return input;
    const entries = Array.isArray(input.Entries) ? (input.Entries as unknown[]) : [];
    return (entries.find((e) => isRecord(e) && e.Id === ref.entry) as Record<string, unknown> | undefined) ?? {};
  });
  const first = inputs[0];
  if (!first) return undefined;
  const key = (e: Record<string, unknown>) => JSON.stringify([e.MessageAttributes ?? null, traceHeaderOf(e) ?? null]);
  if (inputs.some((e) => key(e) !== key(first))) return undefined;
  if (!validateMessageAttributes(first.MessageAttributes).ok) return undefined;
  const raw = isRecord(first.MessageAttributes) ? first.MessageAttributes : {};
  const trace = traceHeaderOf(first);
  return { attrs: attributesFromWire(raw) ?? (Object.create(null) as Record<string, MessageAttributeValue>), ...(trace !== undefined ? { trace } : {}) };
}

const sameBytes = (a: Uint8Array | undefined, b: Uint8Array | undefined) => a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

/** How a returned attribute differs from the one sent, or undefined when it is the same (Number: as sent or with its zeros stripped, 16.4). */
function difference(sent: MessageAttributeValue, got: MessageAttributeValue): 'type' | 'value' | undefined {
  if (got.DataType !== sent.DataType) return 'type';
  if (isBinaryType(sent.DataType)) return sameBytes(sent.BinaryValue, got.BinaryValue) ? undefined : 'value';
  const value = got.StringValue;
  if (value === sent.StringValue) return undefined;
  if (isNumberType(sent.DataType) && sent.StringValue !== undefined && value === normalisedNumber(sent.StringValue)) return undefined;
  return 'value';
}

const shown = (v: MessageAttributeValue | undefined): string => {
  if (!v) return '(absent)';
  const value = v.BinaryValue !== undefined ? `base64 ${Buffer.from(v.BinaryValue).toString('base64')}` : (v.StringValue ?? '(no value)');
  return `${v.DataType}: ${value}`;
};

function systemAttributeAsked(input: Record<string, unknown>): boolean {
  for (const key of ['MessageSystemAttributeNames', 'AttributeNames']) {
    const v = input[key];
    if (Array.isArray(v) && v.some((n) => n === 'All' || n === 'AWSTraceHeader')) return true;
  }
  return false;
}

/** One received message against what was sent and what the receive asked for (items 10, 89, 90, 94). */
function received(ctx: CallRuleContext, call: Call, raw: Record<string, unknown>, m: TrackedMessage | undefined, findings: Finding[]): void {
  const { gate } = ctx;
  const queue = call.invoke.queue;
  const input = inputOf(call);
  const ref = callRef(call);
  const messageId = typeof raw.MessageId === 'string' ? raw.MessageId : undefined;
  const common = { calls: m ? [m.send, call] : [call], queue, ...(messageId ? { messageId } : {}) };
  const message = m?.name ?? messageId ?? '?';
  const returnedRaw = isRecord(raw.MessageAttributes) ? raw.MessageAttributes : {};
  const returned = attributesFromWire(returnedRaw);
  const got = raw.MD5OfMessageAttributes;

  // The MD5 over the attributes returned, and none when none come back (items 10, 90).
  if (returned) {
    gate.exercised('message-attributes.receive-md5-wrong');
    const want = md5OfMessageAttributes(returned);
    if (got !== want) findings.push({ id: 'message-attributes.receive-md5-wrong', calls: [call], queue, ...(messageId ? { messageId } : {}), variant: got === undefined ? 'missing' : 'default', bindings: { call: ref, message, got: md5Text(got), expected: want ?? '', names: list(Object.keys(returned).sort()) } });
  } else {
    gate.exercised('message-attributes.md5-without-attributes');
    if (got !== undefined && got !== '') findings.push({ id: 'message-attributes.md5-without-attributes', calls: [call], queue, ...(messageId ? { messageId } : {}), variant: 'receive', bindings: { call: ref, got: md5Text(got) } });
  }

  const sent = m ? sentAttributes(m) : undefined;
  if (!m || !sent) return;
  const send = callRef(m.send, m.sendEntry);
  const filters = Array.isArray(input.MessageAttributeNames) ? (input.MessageAttributeNames as unknown[]) : undefined;
  const filter = filters === undefined ? 'no MessageAttributeNames' : `MessageAttributeNames ${JSON.stringify(filters)}`;
  const sentNames = Object.keys(sent.attrs);
  const wanted = sentNames.filter((n) => messageAttributeRequested(n, filters));
  const returnedNames = Object.keys(returnedRaw);

  if (wanted.length > 0) {
    gate.exercised('message-attributes.not-returned');
    const missing = wanted.filter((n) => !Object.hasOwn(returnedRaw, n));
    if (missing.length > 0) findings.push({ id: 'message-attributes.not-returned', ...common, bindings: { call: ref, message, send, filter, missing: list(missing) } });
  }
  if (wanted.length < sentNames.length) {
    gate.exercised('message-attributes.unrequested');
    const extra = returnedNames.filter((n) => Object.hasOwn(sent.attrs, n) && !wanted.includes(n));
    if (extra.length > 0) findings.push({ id: 'message-attributes.unrequested', ...common, bindings: { call: ref, message, filter, extra: list(extra) } });
  }
  const invented = returnedNames.filter((n) => !Object.hasOwn(sent.attrs, n));
  if (invented.length > 0) findings.push({ id: 'message-attributes.value-changed', ...common, variant: 'invented', bindings: { call: ref, message, send, names: list(invented) } });
  const compared = returnedNames.filter((n) => Object.hasOwn(sent.attrs, n));
  if (compared.length > 0) gate.exercised('message-attributes.value-changed');
  for (const name of compared) {
    const before = sent.attrs[name]!;
    const after = returned?.[name];
    const diff = after ? difference(before, after) : 'value';
    if (diff) findings.push({ id: 'message-attributes.value-changed', ...common, variant: diff, bindings: { call: ref, message, send, name: text(name), sent: text(shown(before)), got: text(shown(after)) } });
  }

  // AWSTraceHeader comes back as sent when asked for (sqs-semantics.md 4.7, 4.9; item 94).
  if (sent.trace !== undefined && systemAttributeAsked(input)) {
    gate.exercised('message-attributes.trace-header-lost');
    const back = isRecord(raw.Attributes) ? raw.Attributes.AWSTraceHeader : undefined;
    if (back !== sent.trace) findings.push({ id: 'message-attributes.trace-header-lost', ...common, variant: back === undefined ? 'missing' : 'changed', bindings: { call: ref, message, send, sent: text(sent.trace), got: md5Text(back) } });
  }
}

function check(ctx: CallRuleContext): Finding[] {
  const { prep } = ctx;
  const findings: Finding[] = [];
  for (const s of sends(prep)) {
    sendChecksums(ctx, s, findings);
    sizeCounting(ctx, s, findings);
  }
  // The message each received copy belongs to, by receive and position (prepare.ts).
  const at = new Map<Call, Map<number, TrackedMessage>>();
  for (const m of prep.messages) {
    for (const h of m.hits) {
      let byPosition = at.get(h.call);
      if (!byPosition) at.set(h.call, (byPosition = new Map()));
      byPosition.set(h.position, m);
    }
  }
  for (const call of prep.calls) {
    if (call.invoke.f !== 'ReceiveMessage' || !prep.queues.has(call.invoke.queue)) continue;
    const out = outputOf(call);
    const messages = out && Array.isArray(out.Messages) ? (out.Messages as unknown[]) : [];
    messages.forEach((raw, position) => {
      if (isRecord(raw)) received(ctx, call, raw, at.get(call)?.get(position), findings);
    });
  }
  return findings;
}

export const messageAttributesRule: CheckRule = { name: 'message-attributes', ids: MESSAGE_ATTRIBUTE_IDS, calls: check };
