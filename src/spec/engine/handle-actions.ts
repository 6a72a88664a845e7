// DeleteMessage and ChangeMessageVisibility: a receipt handle's status (state.ts classify) picks
// a row of the queue type's outcome table (model/outcomes), the Chooser picks an outcome, and the
// effect is applied; the 12-hour cap is checked against the receive that issued the handle
// (model/message.ts). ../shared/reference/sqs-semantics.md 4.10-4.11; aws-recorded-facts.md A2-A3. PURE.
import { visibilityCapError, visibilityDeadline, withinVisibilityCap } from '../model/message.js';
import { handleOutcomes } from '../model/outcomes/index.js';
import { validateChangeMessageVisibility, validateDeleteMessage } from '../operations.js';
import type { ExpectedError } from '../types.js';
import { classify, fail, notify, ok, placeMessage, removeMessage, target, type EngineState, type Queue } from './state.js';
import type * as T from './types.js';

const kindOf = (q: Queue) => (q.fifo ? 'fifo' : 'standard');

/** One DeleteMessage (alone or as a batch entry): the error it fails with, or undefined. */
export function deleteOne(s: EngineState, q: Queue, handle: string, now: number): ExpectedError | undefined {
  const c = classify(s, q, handle, now);
  const o = s.chooser.outcome(handleOutcomes(kindOf(q), 'DeleteMessage', c.status, handle));
  if (o.effect === 'delete' && c.msg) removeMessage(q, c.msg);
  return o.response === 'ok' ? undefined : o.response;
}

/** One ChangeMessageVisibility (alone or as a batch entry): the error it fails with, or undefined. */
export function changeOne(s: EngineState, q: Queue, handle: string, timeout: number, now: number): ExpectedError | undefined {
  const c = classify(s, q, handle, now);
  const rows = handleOutcomes(kindOf(q), 'ChangeMessageVisibility', c.status, handle);
  // Where the call could set the visibility, the 12-hour cap is checked first, counted from the
  // receive that issued the handle (sqs-semantics.md 4.11; item 25).
  if (c.msg && c.fields && rows.some((o) => o.effect === 'set-visibility') && !withinVisibilityCap(now - c.fields.receivedAtMs, timeout)) {
    return visibilityCapError(timeout);
  }
  const o = s.chooser.outcome(rows);
  if (o.effect === 'set-visibility' && c.msg) {
    c.msg.inflightUntilMs = visibilityDeadline(now, timeout); // restarts from now (item 18)
    c.msg.visibilityChanged = true;
    placeMessage(q, c.msg, now);
  }
  return o.response === 'ok' ? undefined : o.response;
}

export function deleteMessage(s: EngineState, input: T.DeleteMessageInput, now: number): T.EngineResult<T.Empty> {
  const r = target(s, input, validateDeleteMessage, now);
  if ('error' in r) return fail(r.error);
  const err = deleteOne(s, r.queue, input.ReceiptHandle as string, now);
  if (err) return fail(err);
  if (r.queue.fifo) notify(s, r.queue.name); // a delete can unlock a FIFO group (item 68)
  return ok({});
}

export function changeMessageVisibility(s: EngineState, input: T.ChangeMessageVisibilityInput, now: number): T.EngineResult<T.Empty> {
  const r = target(s, input, validateChangeMessageVisibility, now);
  if ('error' in r) return fail(r.error);
  const err = changeOne(s, r.queue, input.ReceiptHandle as string, input.VisibilityTimeout as number, now);
  if (err) return fail(err);
  notify(s, r.queue.name);
  return ok({});
}
