// Checks that concern one call at a time: parameter validation against the model (the right
// error code, status and text), checksums, the shape of receive responses, attribute values and
// long-poll timing. PURE.
import type { Call, ServiceError } from '../history/index.js';
import { defaultAttributes } from '../spec/attributes.js';
import { sameError } from '../spec/errors.js';
import { invalidHandleError } from '../spec/lifecycle.js';
import { md5Hex } from '../spec/md5.js';
import {
  validateChangeMessageVisibility,
  validateCreateQueue,
  validateDeleteMessage,
  validateReceiveMessage,
  validateSendMessage,
} from '../spec/operations.js';
import type { Strictness, Validation } from '../spec/types.js';
import { errorOf, inputOf, outputOf, toMs, type Prepared } from './prepare.js';

export interface OpFinding {
  id: string;
  calls: Call[];
  text: string;
  queue?: string;
  /** True when the finding depends on timing (graded against the wide tolerance). */
  timed?: boolean;
}

/** System attributes a standard-queue receive returns for `All` (aws-recorded-facts.md A9 item 91). */
export const STANDARD_SYSTEM_ATTRIBUTES = ['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp'];
/** The ones that only exist on FIFO (dropped silently on standard, item 91) or only when set. */
const CONDITIONAL_ATTRIBUTES = new Set(['SequenceNumber', 'MessageDeduplicationId', 'MessageGroupId', 'AWSTraceHeader', 'DeadLetterQueueSourceArn', 'SqsManagedSseEnabled']);

const describe = (c: Call) => `op ${c.invoke.index} (${c.invoke.process} ${c.invoke.f})`;

function showError(e: ServiceError): string {
  return `${e.code}${e.httpStatus ? ` (HTTP ${e.httpStatus})` : ''}${e.message ? `: "${e.message}"` : ''}`;
}

/** Compares a call's outcome with what the model says about its parameters. */
export function compareWithValidation(call: Call, expected: Validation, strictness: Strictness): OpFinding | undefined {
  const c = call.complete;
  if (!c || c.type === 'info') return undefined;
  const queue = call.invoke.queue;
  if (expected.ok) {
    if (c.type === 'fail') return { id: 'validation.rejected-valid', calls: [call], queue, text: `${describe(call)} is valid, yet it failed with ${showError(c.value)}.` };
    return undefined;
  }
  const e = expected.error;
  if (c.type === 'ok') {
    return { id: 'validation.accepted-invalid', calls: [call], queue, text: `${describe(call)} should fail with ${e.code} ("${e.message}") but succeeded.` };
  }
  const got = c.value;
  if (!sameError(e, got.code, got.type)) {
    return { id: 'error.wrong-code', calls: [call], queue, text: `${describe(call)} failed with ${showError(got)}; SQS answers ${e.code} (HTTP ${e.httpStatus}) "${e.message}".` };
  }
  if (got.httpStatus !== undefined && got.httpStatus !== e.httpStatus) {
    return { id: 'error.wrong-status', calls: [call], queue, text: `${describe(call)} failed with ${got.code} and HTTP ${got.httpStatus}; SQS uses HTTP ${e.httpStatus}.` };
  }
  if (strictness === 'typical' && e.messageEvidence === 'recorded' && got.message !== e.message) {
    return { id: 'error.wrong-message', calls: [call], queue, text: `${describe(call)} failed with the text "${got.message ?? ''}"; AWS says "${e.message}".` };
  }
  return undefined;
}

export interface OpLevelResult {
  findings: OpFinding[];
  /** Calls whose effect is uncertain because the target accepted what it should have rejected. */
  indeterminate: Set<Call>;
  /** Long polls that returned empty too early (left out of the quiet-period reasoning). */
  earlyPolls: Set<Call>;
  /** Calls with invalid parameters that were rejected: they had no effect on any message. */
  excluded: Set<Call>;
  /**
   * Calls with invalid parameters that the target accepted: their effect is not defined by the
   * model, so messages they touched are not judged further (one cause, one divergence).
   */
  acceptedInvalid: Set<Call>;
}

function requestedSystemAttributes(input: Record<string, unknown>): Set<string> {
  const names = new Set<string>();
  for (const key of ['MessageSystemAttributeNames', 'AttributeNames']) {
    const v = input[key];
    if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') names.add(x);
  }
  if (names.has('All')) return new Set(STANDARD_SYSTEM_ATTRIBUTES);
  return new Set([...names].filter((n) => !CONDITIONAL_ATTRIBUTES.has(n)));
}

export function checkCalls(prep: Prepared, strictness: Strictness, epsilonMs: number): OpLevelResult {
  const findings: OpFinding[] = [];
  const indeterminate = new Set<Call>();
  const earlyPolls = new Set<Call>();
  const excluded = new Set<Call>();
  const acceptedInvalid = new Set<Call>();
  const handlesSeen = new Map<string, Call>();
  const typical = strictness === 'typical';
  const createdAttributes = new Map<string, Record<string, unknown>>();

  for (const call of prep.calls) {
    const input = inputOf(call);
    const queueKey = call.invoke.queue;
    const queue = prep.queues.get(queueKey);
    const push = (f: OpFinding | undefined) => {
      if (!f) return;
      findings.push(f);
      if (f.id === 'validation.accepted-invalid' || f.id === 'handle.invalid-accepted') acceptedInvalid.add(call);
    };
    switch (call.invoke.f) {
      case 'CreateQueue': {
        push(compareWithValidation(call, validateCreateQueue(input), strictness));
        if (call.complete?.type === 'ok') createdAttributes.set(queueKey, (input.Attributes as Record<string, unknown>) ?? {});
        break;
      }
      case 'GetQueueAttributes': {
        const out = outputOf(call);
        if (!out || !queue) break;
        const got = (out.Attributes ?? {}) as Record<string, unknown>;
        const set = createdAttributes.get(queueKey) ?? {};
        const defaults = defaultAttributes(queue.fifo ? 'fifo' : 'standard') as Record<string, string>;
        for (const name of ['VisibilityTimeout', 'MessageRetentionPeriod', 'DelaySeconds', 'ReceiveMessageWaitTimeSeconds', 'MaximumMessageSize']) {
          if (!(name in got)) continue;
          const value = String(got[name]);
          if (name in set) {
            if (String(set[name]) !== value) {
              push({ id: 'attributes.value-not-applied', calls: [call], queue: queueKey, text: `${describe(call)} reports ${name}=${value}, but CreateQueue set ${String(set[name])}.` });
            }
          } else if (typical && defaults[name] !== undefined && defaults[name] !== value) {
            push({ id: 'attributes.default-wrong', calls: [call], queue: queueKey, text: `${describe(call)} reports the default ${name}=${value}; AWS uses ${defaults[name]}.` });
          }
        }
        break;
      }
      case 'SendMessage': {
        if (!queue) break;
        const v = validateSendMessage(input, queue);
        push(compareWithValidation(call, v, strictness));
        const out = outputOf(call);
        if (out && typeof input.MessageBody === 'string' && out.MD5OfMessageBody !== md5Hex(input.MessageBody)) {
          push({ id: 'message.md5-mismatch', calls: [call], queue: queueKey, text: `${describe(call)} returned MD5OfMessageBody ${String(out.MD5OfMessageBody)}; the MD5 of the body is ${md5Hex(input.MessageBody)}.` });
        }
        break;
      }
      case 'ReceiveMessage': {
        if (!queue) break;
        push(compareWithValidation(call, validateReceiveMessage(input, queue), strictness));
        const out = outputOf(call);
        if (!out) break;
        const list = Array.isArray(out.Messages) ? (out.Messages as Record<string, unknown>[]) : [];
        const max = typeof input.MaxNumberOfMessages === 'number' ? input.MaxNumberOfMessages : 1;
        if (list.length > max) push({ id: 'receive.too-many-messages', calls: [call], queue: queueKey, text: `${describe(call)} returned ${list.length} messages with MaxNumberOfMessages ${max}.` });
        const wanted = requestedSystemAttributes(input);
        for (const msg of list) {
          const missing = ['MessageId', 'ReceiptHandle', 'MD5OfBody', 'Body'].filter((k) => typeof msg[k] !== 'string');
          if (missing.length > 0) push({ id: 'receive.missing-field', calls: [call], queue: queueKey, text: `${describe(call)} returned a message without ${missing.join(', ')}.` });
          if (typeof msg.Body === 'string' && typeof msg.MD5OfBody === 'string' && msg.MD5OfBody !== md5Hex(msg.Body)) {
            push({ id: 'message.md5-mismatch', calls: [call], queue: queueKey, text: `${describe(call)} returned MD5OfBody ${msg.MD5OfBody} for a body whose MD5 is ${md5Hex(msg.Body)}.` });
          }
          const attrs = (msg.Attributes ?? {}) as Record<string, unknown>;
          const absent = [...wanted].filter((n) => !(n in attrs));
          if (absent.length > 0) push({ id: 'receive.attribute-missing', calls: [call], queue: queueKey, text: `${describe(call)} asked for ${[...wanted].join(', ')} but the message lacks ${absent.join(', ')}.` });
          const extra = Object.keys(attrs).filter((n) => !wanted.has(n));
          if (typical && extra.length > 0) push({ id: 'receive.attribute-unrequested', calls: [call], queue: queueKey, text: `${describe(call)} returned system attributes that were not requested: ${extra.join(', ')}.` });
          const handle = typeof msg.ReceiptHandle === 'string' ? msg.ReceiptHandle : undefined;
          if (handle !== undefined) {
            const prior = handlesSeen.get(handle);
            if (prior && prior !== call) push({ id: 'receive.handle-reused', calls: [prior, call], queue: queueKey, text: `${describe(call)} returned a receipt handle that ${describe(prior)} had already returned.` });
            handlesSeen.set(handle, call);
          }
        }
        const wait = typeof input.WaitTimeSeconds === 'number' ? input.WaitTimeSeconds : queue.receiveMessageWaitTimeSeconds;
        const took = toMs(call.end - call.start);
        if (typical && wait > 0 && list.length === 0 && took < wait * 1000 - 2 * epsilonMs) {
          earlyPolls.add(call);
          push({ id: 'receive.long-poll-returned-early', calls: [call], queue: queueKey, timed: true, text: `${describe(call)} waited ${Math.round(took)} ms and returned empty, but WaitTimeSeconds was ${wait}.` });
        }
        break;
      }
      case 'DeleteMessage':
      case 'ChangeMessageVisibility': {
        if (!queue) break;
        const v = call.invoke.f === 'DeleteMessage' ? validateDeleteMessage(input) : validateChangeMessageVisibility(input);
        const handle = input.ReceiptHandle;
        if (!v.ok) {
          const f = compareWithValidation(call, v, strictness);
          push(f);
          if (call.complete?.type === 'ok') indeterminate.add(call);
          else excluded.add(call);
          break;
        }
        if (typeof handle === 'string' && !prep.byHandle.has(handle)) {
          const expected = invalidHandleError(handle);
          const f = compareWithValidation(call, { ok: false, error: expected }, strictness);
          if (f?.id === 'validation.accepted-invalid') f.id = 'handle.invalid-accepted';
          push(f);
        }
        break;
      }
      default:
        break;
    }
  }
  return { findings, indeterminate, earlyPolls, excluded, acceptedInvalid };
}

export { errorOf };
