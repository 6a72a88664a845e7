// Order and the group lock (sqs-semantics.md 9; aws-recorded-facts.md A7 items 66-73): a receive
// returns, per group, a prefix of the group's remaining messages in send order, and nothing of a
// group while an earlier message of it is in flight. So when a receive returns message m, every
// message sent before m in its group is either earlier in the same response or already gone
// (deleted, expired, moved, or never enqueued). Each pair is judged with time windows widened by
// ε: a violation must hold for every placement of the calls in their windows. PURE.
import type { Call } from '../../../history/index.js';
import { compareSequenceNumbers } from '../../../spec/model/index.js';
import { outputOf, toMs, type Hit, type Prepared, type TrackedMessage } from '../../prepare.js';
import { callRef } from '../../refs.js';
import type { Finding } from '../../types.js';

const known = (c: Call) => c.complete !== undefined && c.complete.type !== 'info';

/** Latest time the message can have been enqueued, and the earliest (ms). */
function enqueueWindow(m: TrackedMessage): { earliest: number; latest: number } {
  let earliest = Number.POSITIVE_INFINITY;
  let latest = Number.POSITIVE_INFINITY;
  for (const s of m.sends) {
    earliest = Math.min(earliest, toMs(s.call.start));
    if (s.known && known(s.call)) latest = Math.min(latest, toMs(s.call.end));
  }
  return { earliest, latest };
}

/**
 * True when `a` certainly comes before `b` in their group: real time when the sends do not
 * overlap, else the sequence numbers the sends answered (they define the group order, item 65).
 */
export function certainlyBefore(a: TrackedMessage, b: TrackedMessage, eps: number): boolean {
  const wa = enqueueWindow(a);
  const wb = enqueueWindow(b);
  if (wa.latest + eps < wb.earliest - eps) return true;
  if (wb.latest + eps < wa.earliest - eps) return false;
  if (a.sequenceNumber !== undefined && b.sequenceNumber !== undefined) return compareSequenceNumbers(a.sequenceNumber, b.sequenceNumber) < 0;
  return false;
}

/** Can `x` be gone (deleted, expired, moved, never enqueued) by the time receive `r` took effect? */
function mayBeGone(x: TrackedMessage, r: Call, prep: Prepared, eps: number, slackMs: number): boolean {
  const rLatest = known(r) ? toMs(r.end) + eps : Number.POSITIVE_INFINITY;
  if (!x.sendKnown && x.hits.length === 0) return true;
  for (const u of x.uses) {
    if (u.action !== 'DeleteMessage' || u.result.type === 'fail') continue;
    if (toMs(u.call.start) - eps <= rLatest) return true;
  }
  const queue = prep.queues.get(x.queue)!;
  if (enqueueWindow(x).earliest - eps + queue.messageRetentionPeriod * 1000 <= rLatest + slackMs) return true;
  // A dead-letter move on a receive past maxReceiveCount (sqs-semantics.md 5.5).
  const max = queue.redrivePolicy?.maxReceiveCount;
  if (max !== undefined) {
    const before = x.hits.filter((h) => toMs(h.call.start) - eps <= rLatest).length + (prep.unknownReceivesByQueue.get(x.queue)?.length ?? 0);
    if (before >= max) return true;
  }
  return false;
}

/** Was `x` certainly in flight when `r` took effect (received before it, hidden past it, untouched since)? */
function certainlyInFlight(x: TrackedMessage, r: Call, eps: number): Hit | undefined {
  const rEarliest = toMs(r.start) - eps;
  const rLatest = known(r) ? toMs(r.end) + eps : Number.POSITIVE_INFINITY;
  for (const h of x.hits) {
    if (h.call === r || !known(h.call) || toMs(h.call.end) + eps >= rEarliest) continue;
    if (toMs(h.call.start) - eps + h.visibilityTimeout * 1000 <= rLatest) continue;
    const touched = x.uses.some((u) => u.handle === h.handle && toMs(u.call.start) - eps <= rLatest);
    const again = x.hits.some((o) => o !== h && toMs(o.call.start) - eps <= rLatest && toMs(o.call.end) + eps >= toMs(h.call.start) - eps);
    if (!touched && !again) return h;
  }
  return undefined;
}

/** Order and lock findings at tolerance ε. */
export function orderFindings(prep: Prepared, eps: number, slackMs: number): Finding[] {
  const findings: Finding[] = [];
  const byGroup = new Map<string, TrackedMessage[]>();
  for (const m of prep.messages) {
    if (m.group === undefined || !prep.queues.get(m.queue)?.fifo) continue;
    const key = `${m.queue}\u0000${m.group}`;
    byGroup.set(key, [...(byGroup.get(key) ?? []), m]);
  }
  for (const group of byGroup.values()) {
    for (const m of group) {
      for (const hit of m.hits) {
        // Order is judged within the source queue; a moved message's place in the DLQ is the DLQ's.
        if (hit.queue !== m.queue) continue;
        const r = hit.call;
        if (!outputOf(r)) continue;
        for (const x of group) {
          if (x === m || !certainlyBefore(x, m, eps)) continue;
          const same = x.hits.find((h) => h.call === r);
          if (same) {
            if (same.position > hit.position) {
              findings.push({
                id: 'fifo.order-inverted', calls: [x.send, m.send, r], queue: m.queue, variant: 'response', timed: true,
                bindings: { call: callRef(r), first: x.name, second: m.name, group: m.group!, firstSend: callRef(x.send, x.sendEntry), secondSend: callRef(m.send, m.sendEntry) },
              });
            }
            continue;
          }
          if (mayBeGone(x, r, prep, eps, slackMs)) continue;
          const inFlight = certainlyInFlight(x, r, eps);
          if (inFlight) {
            findings.push({
              id: 'fifo.group-lock-violated', calls: [inFlight.call, r], queue: m.queue, timed: true,
              bindings: { call: callRef(r), message: m.name, group: m.group!, other: x.name, otherReceive: callRef(inFlight.call), visibilityTimeout: { seconds: inFlight.visibilityTimeout } },
            });
          } else {
            findings.push({
              id: 'fifo.order-inverted', calls: [x.send, m.send, r], queue: m.queue, timed: true,
              bindings: { call: callRef(r), first: x.name, second: m.name, group: m.group!, firstSend: callRef(x.send, x.sendEntry), secondSend: callRef(m.send, m.sendEntry) },
            });
          }
        }
      }
    }
  }
  return findings;
}
