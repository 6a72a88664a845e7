// ReceiveRequestAttemptId (sqs-semantics.md 9 [M]; model/fifo.ts): within 5 minutes a FIFO receive
// retried with the same attempt id returns the same messages and receipt handles, provided none
// was deleted, had its visibility changed, or was received again since; otherwise the retry fails
// ("The receiveRequestAttemptId is not valid anymore…", OBS). Only retries whose situation is
// certain are judged: every change completed before the retry began, or none could have happened.
import type { Call } from '../../../history/index.js';
import { attemptNotRetryableError, WINDOWS_MS } from '../../../spec/model/index.js';
import { outputOf, toMs, type Prepared } from '../../prepare.js';
import { callRef, list } from '../../refs.js';
import type { Finding, Gate } from '../../types.js';
import { compareWithValidation } from '../validation.js';

const done = (c: Call) => c.complete !== undefined && c.complete.type !== 'info';

export function attemptFindings(prep: Prepared, gate: Gate, eps: number): Finding[] {
  const findings: Finding[] = [];
  const receives = prep.calls.filter((c) => c.invoke.f === 'ReceiveMessage' && typeof c.invoke.value.ReceiveRequestAttemptId === 'string' && prep.queues.get(c.invoke.queue)?.fifo);
  for (const r2 of receives) {
    const r1 = receives.find((c) => c !== r2 && c.invoke.queue === r2.invoke.queue && c.invoke.value.ReceiveRequestAttemptId === r2.invoke.value.ReceiveRequestAttemptId && outputOf(c) && toMs(c.end) + eps < toMs(r2.start) - eps);
    if (!r1 || !done(r2) || toMs(r2.end) - toMs(r1.start) > WINDOWS_MS.receiveRequestAttempt - 2 * eps) continue;
    const first = (outputOf(r1)!.Messages as Record<string, unknown>[] | undefined) ?? [];
    if (first.length === 0) continue;
    gate.exercised('fifo.attempt-retry-differs');
    const handles = new Set(first.map((x) => String(x.ReceiptHandle)));
    const ids = new Set(first.map((x) => String(x.MessageId)));
    // Changes to the first receive's messages between the two calls: certain, possible, none.
    let certain = false;
    let possible = false;
    for (const u of prep.uses) {
      if (u.handle === undefined || !handles.has(u.handle) || u.result.type === 'fail') continue;
      if (toMs(u.call.start) - eps > toMs(r2.end) + eps) continue;
      if (u.result.type === 'ok' && done(u.call) && toMs(u.call.end) + eps < toMs(r2.start) - eps) certain = true;
      else possible = true;
    }
    for (const m of prep.messages) {
      if (!m.hits.some((h) => ids.has(h.messageId) && h.call === r1)) continue;
      for (const h of m.hits) {
        if (h.call === r1 || h.call === r2 || h.retryOf) continue;
        if (toMs(h.call.start) - eps > toMs(r2.end) + eps || toMs(h.call.end) + eps < toMs(r1.start) - eps) continue;
        if (toMs(h.call.start) - eps > toMs(r1.end) + eps && toMs(h.call.end) + eps < toMs(r2.start) - eps) certain = true;
        else possible = true;
      }
    }
    const result = r2.complete!.type === 'ok' ? ({ type: 'ok' } as const) : ({ type: 'fail', error: r2.complete!.value } as const);
    if (certain) {
      const f = compareWithValidation(r2, result as never, { ok: false, error: attemptNotRetryableError() });
      if (f?.id === 'validation.accepted-invalid') findings.push({ id: 'fifo.attempt-retry-differs', calls: [r1, r2], queue: r2.invoke.queue, variant: 'accepted', bindings: { call: callRef(r2), first: callRef(r1) } });
      else if (f) findings.push(f);
      continue;
    }
    if (possible) continue;
    const second = (outputOf(r2)?.Messages as Record<string, unknown>[] | undefined) ?? [];
    const pairs = (xs: Record<string, unknown>[]) => xs.map((x) => `${String(x.MessageId)} ${String(x.ReceiptHandle)}`).sort();
    if (r2.complete!.type !== 'ok') {
      findings.push({ id: 'fifo.attempt-retry-differs', calls: [r1, r2], queue: r2.invoke.queue, variant: 'rejected', bindings: { call: callRef(r2), first: callRef(r1), code: r2.complete!.type === 'fail' ? r2.complete!.value.code : '?' } });
    } else if (pairs(first).join('\n') !== pairs(second).join('\n')) {
      findings.push({ id: 'fifo.attempt-retry-differs', calls: [r1, r2], queue: r2.invoke.queue, bindings: { call: callRef(r2), first: callRef(r1), got: list(second.map((x) => String(x.MessageId))), expected: list(first.map((x) => String(x.MessageId))) } });
    }
  }
  return findings;
}
