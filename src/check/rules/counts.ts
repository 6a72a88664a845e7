// Approximate counts (sqs-semantics.md 3, 14 N6; aws-recorded-facts.md A7 item 75): at a
// GetQueueAttributes call, ApproximateNumberOfMessages (visible), ...NotVisible (in flight) and
// ...Delayed are judged as windows: each message of the queue is counted in a state only when its
// state at the call is certain whatever the order and timing its windows allow (sent, delayed,
// received, deleted before or after); the others widen the window. Counts are approximate in AWS
// (they lag), so the rule is typical: what emulators should show after a quiet moment. PURE.
import type { Call } from '../../history/index.js';
import { WINDOWS_MS } from '../../spec/model/index.js';
import { outputOf, toMs, type Prepared, type TrackedMessage } from '../prepare.js';
import { callRef } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding } from '../types.js';

export const COUNT_IDS = ['counts.out-of-range'] as const;
export type CountId = (typeof COUNT_IDS)[number];

type State = 'visible' | 'inflight' | 'delayed' | 'gone' | 'unsent';
const KEYS: Record<'visible' | 'inflight' | 'delayed', string> = { visible: 'ApproximateNumberOfMessages', inflight: 'ApproximateNumberOfMessagesNotVisible', delayed: 'ApproximateNumberOfMessagesDelayed' };

const known = (c: Call) => c.complete !== undefined && c.complete.type !== 'info';

/** The message's certain state during [lo, hi], or undefined when its events may interleave with that window. */
function certainState(m: TrackedMessage, prep: Prepared, lo: number, hi: number, eps: number): State | undefined {
  const sendStart = toMs(m.send.start) - eps;
  if (sendStart > hi) return 'unsent';
  if (!m.sendKnown || !known(m.send) || toMs(m.send.end) + eps >= lo) return undefined;
  // A purge after the send removes it (sqs-semantics.md 4.6: within 60 s, so it stays uncertain for
  // that minute); one that may have come before or after the send leaves it uncertain.
  for (const p of prep.purgesByQueue.get(m.queue) ?? []) {
    const pHi = known(p) ? toMs(p.end) + eps : Number.POSITIVE_INFINITY;
    if (pHi < sendStart || toMs(p.start) - eps > hi) continue; // before the send, or after the count
    const certainlyAfterSend = toMs(p.start) - eps > toMs(m.send.end) + eps;
    if (certainlyAfterSend && p.complete?.type === 'ok' && pHi + WINDOWS_MS.purgeBlock < lo) return 'gone';
    return undefined;
  }
  // Anything that touches it around the window makes it uncertain.
  const touches: Call[] = [...m.hits.map((h) => h.call), ...m.uses.map((u) => u.call), ...(prep.unknownReceivesByQueue.get(m.queue) ?? [])];
  for (const c of touches) {
    const cLo = toMs(c.start) - eps;
    const cHi = known(c) ? toMs(c.end) + eps : Number.POSITIVE_INFINITY;
    if (cLo <= hi && cHi >= lo) return undefined;
  }
  if (prep.deadLetterOf.has(m.queue) || m.hits.some((h) => h.queue !== m.queue) || m.copyOf || prep.moveTasks.length > 0) return undefined;
  const queue = prep.queues.get(m.queue)!;
  const sentEarliest = toMs(m.send.start) - eps;
  const sentLatest = toMs(m.send.end) + eps;
  if (sentEarliest + queue.messageRetentionPeriod * 1000 <= hi) return undefined; // retention may have ended
  const before = (c: Call) => known(c) && toMs(c.end) + eps < lo;
  // Deleted before: a successful delete with the newest handle issued before it.
  const hitsBefore = m.hits.filter((h) => before(h.call));
  const last = hitsBefore.at(-1);
  if (m.uses.some((u) => u.action === 'DeleteMessage' && u.result.type === 'ok' && before(u.call) && u.handle === last?.handle)) return 'gone';
  if (m.uses.some((u) => u.result.type !== 'fail' && before(u.call))) return undefined; // a change of visibility, a stale delete…: leave it
  if (last) {
    const hiddenUntilLo = toMs(last.call.start) - eps + last.visibilityTimeout * 1000;
    const hiddenUntilHi = toMs(last.call.end) + eps + last.visibilityTimeout * 1000;
    if (hiddenUntilLo > hi) return 'inflight';
    if (hiddenUntilHi < lo) return queue.fifo ? undefined : 'visible'; // FIFO: a group may hold it back
    return undefined;
  }
  const delay = m.delaySeconds * 1000;
  if (sentEarliest + delay > hi) return 'delayed';
  if (sentLatest + delay < lo) return 'visible';
  return undefined;
}

function calls(ctx: CallRuleContext): Finding[] {
  const { prep, gate, tolerance } = ctx;
  const eps = tolerance.epsilonMs;
  const findings: Finding[] = [];
  for (const call of prep.calls) {
    if (call.invoke.f !== 'GetQueueAttributes' || !prep.queues.has(call.invoke.queue)) continue;
    const attrs = outputOf(call)?.Attributes as Record<string, unknown> | undefined;
    if (!attrs || !Object.keys(KEYS).some((k) => KEYS[k as keyof typeof KEYS] in attrs)) continue;
    const lo = toMs(call.start) - eps;
    const hi = toMs(call.end) + eps;
    const certain = { visible: 0, inflight: 0, delayed: 0 };
    let uncertain = 0;
    for (const m of prep.messages) {
      if (m.queue !== call.invoke.queue) continue;
      const st = certainState(m, prep, lo, hi, eps);
      if (st === undefined) uncertain++;
      else if (st === 'visible' || st === 'inflight' || st === 'delayed') certain[st]++;
    }
    // A message the history does not know (never returned, send lost) is among the uncertain ones.
    for (const state of ['visible', 'inflight', 'delayed'] as const) {
      const raw = attrs[KEYS[state]];
      if (typeof raw !== 'string') continue;
      gate.exercised('counts.out-of-range');
      const got = Number(raw);
      const min = certain[state];
      const max = certain[state] + uncertain;
      if (!(got >= min && got <= max)) findings.push({ id: 'counts.out-of-range', calls: [call], queue: call.invoke.queue, timed: true, bindings: { call: callRef(call), name: KEYS[state], got: raw, min, max } });
    }
  }
  return findings;
}

export const countsRule: CheckRule = { name: 'counts', ids: COUNT_IDS, timed: true, calls };
