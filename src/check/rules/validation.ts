// Parameter validation against the model, one call (or one batch entry) at a time: a valid request
// succeeds, an invalid one fails with the error code, HTTP status and (where AWS recorded it) the
// text the model names (sqs-semantics.md sections 1.2-1.5, 3, 4). A handle the service never
// issued gets ReceiptHandleIsInvalid (aws-recorded-facts.md items 13, 23). Calls the target should
// have rejected are marked so the history rules do not judge their effects twice. PURE.
import type { Call, ServiceError } from '../../history/index.js';
import { ERROR_SHAPES, sameError } from '../../spec/errors.js';
import { attemptNotRetryableError, invalidHandleError } from '../../spec/model/index.js';
import {
  validateChangeMessageVisibility,
  validateChangeMessageVisibilityBatch,
  validateChangeMessageVisibilityBatchEntry,
  validateCreateQueue,
  validateDeleteMessage,
  validateDeleteMessageBatch,
  validateDeleteMessageBatchEntry,
  validateReceiveMessage,
  validateSendMessage,
  validateSendMessageBatch,
  validateSetQueueAttributes,
} from '../../spec/operations.js';
import type { DeadLetterLookup } from '../../spec/attributes.js';
import type { Validation } from '../../spec/types.js';
import { batchEntries, errorOf, type EntryResult, type HandleUse, type Prepared } from '../prepare.js';
import { callRef, expected, observedError, text } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding, Markable } from '../types.js';

/** CreateQueue failures that depend on the queue's state, not on the request (sqs-semantics.md 1.3, 4.1). */
const STATE_ERRORS = [ERROR_SHAPES.QueueNameExists, ERROR_SHAPES.QueueDeletedRecently];

export const VALIDATION_IDS = [
  'validation.accepted-invalid',
  'validation.rejected-valid',
  'error.wrong-code',
  'error.wrong-status',
  'error.wrong-message',
  'handle.invalid-accepted',
] as const;

/**
 * Compares an outcome with what the model says about the parameters. `entry` names the batch
 * entry when the outcome is one entry's. Returns the finding (ungated) or nothing.
 */
export function compareWithValidation(call: Call, result: EntryResult, want: Validation, entry?: string): Finding | undefined {
  if (result.type === 'unknown') return undefined;
  const queue = call.invoke.queue;
  const ref = callRef(call, entry);
  if (want.ok) {
    if (result.type === 'fail') return { id: 'validation.rejected-valid', calls: [call], queue, bindings: { call: ref, error: observedError(result.error) } };
    return undefined;
  }
  const e = want.error;
  if (result.type === 'ok') return { id: 'validation.accepted-invalid', calls: [call], queue, bindings: { call: ref, expected: expected(e) } };
  const got: ServiceError = result.error;
  if (!sameError(e, got.code, got.type)) return { id: 'error.wrong-code', calls: [call], queue, bindings: { call: ref, error: observedError(got), expected: expected(e) } };
  if (got.httpStatus !== undefined && got.httpStatus !== e.httpStatus) {
    return { id: 'error.wrong-status', calls: [call], queue, bindings: { call: ref, code: got.code, status: got.httpStatus, expectedStatus: e.httpStatus } };
  }
  if (e.messageEvidence === 'recorded' && got.message !== e.message) {
    return { id: 'error.wrong-message', calls: [call], queue, bindings: { call: ref, got: text(got.message ?? ''), expected: text(e.message) } };
  }
  return undefined;
}

function resultOf(call: Call): EntryResult {
  const c = call.complete;
  if (!c || c.type === 'info') return { type: 'unknown' };
  return c.type === 'ok' ? { type: 'ok' } : { type: 'fail', error: c.value };
}

function check(ctx: CallRuleContext): Finding[] {
  const { prep, marks } = ctx;
  const findings: Finding[] = [];
  // Rule coverage: a decided outcome of a request the model validates exercises the ids it could show.
  const compareWithValidation = (call: Call, result: EntryResult, want: Validation, entry?: string): Finding | undefined => {
    // A valid request to a queue that may have been deleted before it fails by state, not by its
    // parameters: whether the queue existed is the queue-management oracle's to judge.
    if (want.ok && result.type === 'fail' && sameError(ERROR_SHAPES.QueueDoesNotExist, result.error.code, result.error.type) && mayBeDeleted(call)) return undefined;
    if (result.type !== 'unknown') {
      if (want.ok) ctx.gate.exercised('validation.rejected-valid');
      else for (const id of ['validation.accepted-invalid', 'error.wrong-code', 'error.wrong-status', ...(want.error.messageEvidence === 'recorded' ? ['error.wrong-message'] : [])]) ctx.gate.exercised(id);
    }
    return compare(call, result, want, entry);
  };
  const mayBeDeleted = (call: Call): boolean => prep.calls.some((c) => c.invoke.f === 'DeleteQueue' && c.invoke.queue === call.invoke.queue && c.start < call.end && c.complete?.type !== 'fail');
  const push = (f: Finding | undefined, marked: Markable) => {
    if (!f) return;
    findings.push(f);
    if (f.id === 'validation.accepted-invalid' || f.id === 'handle.invalid-accepted') marks.acceptedInvalid.add(marked);
  };

  const targets = deadLetterTargets(prep);
  for (const call of prep.calls) {
    const input = call.invoke.value;
    const queue = prep.queues.get(call.invoke.queue);
    switch (call.invoke.f) {
      case 'CreateQueue': {
        const want = validateCreateQueue(input, targets.at(call, typeof input.QueueName === 'string' ? input.QueueName : undefined));
        // A valid CreateQueue that fails because of the queue's state (the name exists with other
        // values, or was deleted within 60 s: sqs-semantics.md 4.1) is the queue-management
        // oracle's to judge (src/check/rules/queues), not a rejection of valid parameters.
        const e = errorOf(call);
        if (want.ok && e && STATE_ERRORS.some((s) => sameError(s, e.code, e.type))) break;
        push(compareWithValidation(call, resultOf(call), want), call);
        break;
      }
      case 'SetQueueAttributes': {
        if (queue) push(compareWithValidation(call, resultOf(call), validateSetQueueAttributes(input, queue, targets.at(call, queue.name))), call);
        break;
      }
      case 'SendMessage':
        if (queue) push(compareWithValidation(call, resultOf(call), validateSendMessage(input, queue)), call);
        break;
      case 'ReceiveMessage': {
        if (!queue) break;
        // A FIFO retry whose attempt id is no longer valid fails by state, not parameters: the FIFO
        // attempt rule judges it (sqs-semantics.md 9).
        const attempt = input.ReceiveRequestAttemptId;
        const r = resultOf(call);
        const retried = queue.fifo && typeof attempt === 'string' && prep.calls.some((c) => c !== call && c.invoke.f === 'ReceiveMessage' && c.invoke.queue === call.invoke.queue && c.invoke.value.ReceiveRequestAttemptId === attempt && c.end < call.start);
        if (retried && r.type === 'fail' && sameError(attemptNotRetryableError(), r.error.code, r.error.type)) break;
        push(compareWithValidation(call, r, validateReceiveMessage(input, queue)), call);
        break;
      }
      case 'SendMessageBatch': {
        if (!queue) break;
        const v = validateSendMessageBatch(input, queue);
        if (!v.ok || resultOf(call).type !== 'ok') {
          push(compareWithValidation(call, resultOf(call), v.ok ? { ok: true } : v), call);
          break;
        }
        const entries = batchEntries(call);
        entries.forEach((e, i) => {
          const want = v.entries[i] ?? { ok: true };
          const message = prep.messages.find((m) => m.send === call && m.sendEntry === e.id);
          push(compareWithValidation(call, e.result, want, e.id), message ?? call);
        });
        break;
      }
      case 'DeleteMessageBatch':
      case 'ChangeMessageVisibilityBatch': {
        if (!queue) break;
        const v = call.invoke.f === 'DeleteMessageBatch' ? validateDeleteMessageBatch(input) : validateChangeMessageVisibilityBatch(input);
        // A whole-request answer; the entries are judged one by one below (handle uses).
        if (!v.ok || resultOf(call).type !== 'ok') push(compareWithValidation(call, resultOf(call), v), call);
        // A request invalid as a whole does nothing to any entry; answered anyway, what its entries did is undefined.
        if (!v.ok) for (const use of prep.uses) if (use.call === call) (resultOf(call).type === 'ok' ? marks.indeterminate : marks.excluded).add(use);
        break;
      }
      default:
        break;
    }
  }

  // Receipt handles: the parameters first, then whether the service ever issued the handle.
  for (const use of prep.uses) {
    if (!prep.queues.has(use.call.invoke.queue)) continue;
    const batch = use.entry !== undefined;
    if (batch && use.call.complete?.type !== 'ok') continue; // whole-request outcome, judged above
    const v = entryValidation(use, batch);
    if (!v.ok) {
      push(compareWithValidation(use.call, use.result, v, use.entry), use);
      if (use.result.type === 'ok') marks.indeterminate.add(use);
      else marks.excluded.add(use);
      continue;
    }
    if (use.handle !== undefined && !prep.byHandle.has(use.handle) && !prep.duplicateHandles.has(use.handle)) {
      if (use.result.type !== 'unknown') ctx.gate.exercised('handle.invalid-accepted');
      const f = compare(use.call, use.result, { ok: false, error: invalidHandleError(use.handle) }, use.entry);
      if (f?.id === 'validation.accepted-invalid') f.id = 'handle.invalid-accepted';
      push(f, use);
    }
  }
  return findings;
}

/**
 * The queues of a history as the model's dead-letter lookup sees them at the time of a call: a
 * queue created (ok) before it, with the RedriveAllowPolicy set last before it; an ARN naming a
 * queue of this run (the common prefix of its queue names) that was never created certainly does
 * not exist; any other ARN is unknown (not judged).
 */
function deadLetterTargets(prep: Prepared): { at(call: Call, queueName: string | undefined): { deadLetterTarget: DeadLetterLookup; sourceArn?: string } } {
  const names = prep.calls.filter((c) => c.invoke.f === 'CreateQueue' && typeof c.invoke.value.QueueName === 'string').map((c) => String(c.invoke.value.QueueName));
  const runPrefix = names.length > 1 ? commonPrefix(names) : '';
  const arnBase = [...prep.arns.values()][0]?.replace(/[^:]*$/, '');
  return {
    at(call, queueName) {
      const before = (c: Call) => c.complete?.type === 'ok' && c.end <= call.start;
      const lookup: DeadLetterLookup = (arn) => {
        const key = [...prep.arns].find(([, a]) => a === arn)?.[0];
        const created = key !== undefined && prep.calls.some((c) => c.invoke.f === 'CreateQueue' && c.invoke.queue === key && before(c));
        if (key === undefined || !created) {
          const name = arn.slice(arn.lastIndexOf(':') + 1);
          return runPrefix.length >= 5 && name.startsWith(runPrefix) && !names.includes(name) ? null : undefined;
        }
        let allow: string | undefined;
        for (const c of prep.calls) {
          if (c.invoke.queue !== key || !before(c) || (c.invoke.f !== 'CreateQueue' && c.invoke.f !== 'SetQueueAttributes')) continue;
          const v = (c.invoke.value.Attributes as Record<string, unknown> | undefined)?.RedriveAllowPolicy;
          if (typeof v === 'string') allow = v;
        }
        return { fifo: prep.queues.get(key)!.fifo, ...(allow !== undefined ? { redriveAllowPolicy: allow } : {}) };
      };
      return { deadLetterTarget: lookup, ...(arnBase !== undefined && queueName !== undefined ? { sourceArn: `${arnBase}${queueName}` } : {}) };
    },
  };
}

function commonPrefix(xs: string[]): string {
  let p = xs[0] ?? '';
  for (const x of xs) while (!x.startsWith(p)) p = p.slice(0, -1);
  return p;
}

function entryValidation(use: HandleUse, batch: boolean): Validation {
  if (use.action === 'DeleteMessage') return batch ? validateDeleteMessageBatchEntry(use.input) : validateDeleteMessage(use.input);
  return batch ? validateChangeMessageVisibilityBatchEntry(use.input) : validateChangeMessageVisibility(use.input);
}


const compare = compareWithValidation;

export const validationRule: CheckRule = { name: 'validation', ids: VALIDATION_IDS, calls: check };
