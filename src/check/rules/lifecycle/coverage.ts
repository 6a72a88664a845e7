// Rule coverage of the lifecycle rules the search does not count as it goes: for one message, the
// situations those rules judge (a receive while its visibility timeout may still run, a long poll
// while its delay ends, a receive after a successful delete, attributes read back, …), each counted
// once. A rule whose situation never arose judged nothing, whatever the verdict (the report lists
// it as a gap). PURE.
import type { Call } from '../../../history/index.js';
import { toMs, type Prepared, type TrackedMessage } from '../../prepare.js';
import type { LongPoll } from './search.js';

/** The 12-hour cap (sqs-semantics.md 4.11), and how close to it a change counts as "near the cap". */
const CAP_SECONDS = 43_200;
const NEAR_CAP_SECONDS = 600;

const ended = (c: Call): boolean => c.complete !== undefined && c.complete.type !== 'info';

export function countSituations(prep: Prepared, m: TrackedMessage, polls: readonly LongPoll[], count: (id: string) => void): void {
  const queue = prep.queues.get(m.queue);
  if (!queue) return;
  const fifo = queue.fifo;
  const receives = prep.receivesByQueue.get(m.queue) ?? [];
  const sendStart = toMs(m.send.start);
  const sendEnd = ended(m.send) ? toMs(m.send.end) : sendStart;
  const visibleAt = sendEnd + m.delaySeconds * 1000;
  const receivedAfter = (t: number, except?: Call): boolean => receives.some((r) => r !== except && toMs(r.start) >= t);
  const firstHitEnd = m.hits.length > 0 ? toMs(m.hits[0]!.call.end) : Number.POSITIVE_INFINITY;

  if (polls.some((p) => p.finalDrain)) count('message.lost');
  if (!fifo) {
    // A long poll that waited while the message became visible (its delay ended, or it was sent).
    const waiting = polls.filter((p) => !p.finalDrain && toMs(p.call.start) < firstHitEnd && toMs(p.call.end) > visibleAt);
    if (waiting.length > 0) count(m.delaySeconds > 0 ? 'delay.invisible-too-long' : 'receive.empty-while-visible');
  }
  if (receives.some((r) => toMs(r.start) > sendStart + queue.messageRetentionPeriod * 1000)) count('retention.expired-late');

  m.hits.forEach((h, i) => {
    const end = toMs(h.call.end);
    const deadline = end + h.visibilityTimeout * 1000;
    const next = m.hits[i + 1];
    if (receives.some((r) => r !== h.call && toMs(r.start) >= end && toMs(r.start) < deadline)) count(fifo ? 'fifo.redelivered-early' : 'visibility.redelivered-early');
    const nextEnd = next ? toMs(next.call.end) : Number.POSITIVE_INFINITY;
    if (!fifo && polls.some((p) => p.call !== h.call && toMs(p.call.end) > deadline && toMs(p.call.start) < nextEnd)) count('visibility.invisible-too-long');
    const a = h.attributes;
    if (a.ApproximateReceiveCount !== undefined) {
      count('receive-count.wrong');
      if (i > 0) count('receive-count.too-low');
    }
    if (a.SentTimestamp !== undefined) count('timestamp.sent-wrong');
    if (a.ApproximateFirstReceiveTimestamp !== undefined) count('timestamp.first-receive-wrong');
  });

  for (const u of m.uses) {
    const issued = u.handle !== undefined ? prep.byHandle.get(u.handle)?.hit : undefined;
    if (u.result.type === 'ok' && ended(u.call) && receivedAfter(toMs(u.call.end))) {
      count(u.action === 'DeleteMessage' ? (fifo ? 'fifo.delivered-after-delete' : 'delete.not-effective') : 'visibility.change-not-applied');
    }
    if (u.action === 'ChangeMessageVisibility' && issued && u.visibilityTimeout >= CAP_SECONDS - NEAR_CAP_SECONDS) {
      const elapsed = (toMs(u.call.start) - toMs(issued.call.end)) / 1000;
      if (elapsed + u.visibilityTimeout <= CAP_SECONDS) count('visibility.cap-rejected-early');
    }
    if (fifo && issued) {
      const lapsed = toMs(u.call.start) > toMs(issued.call.end) + issued.visibilityTimeout * 1000;
      const newer = m.hits.some((h) => h !== issued && toMs(h.call.end) < toMs(u.call.start) && toMs(h.call.start) > toMs(issued.call.start));
      if (lapsed || newer) count('fifo.lapsed-handle-accepted');
    }
  }
}
