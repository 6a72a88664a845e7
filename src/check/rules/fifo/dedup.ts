// Deduplication (sqs-semantics.md 9, 17; aws-recorded-facts.md A7 items 57-60): the sends of one
// deduplication key within 5 minutes make one message. Two different messages delivered for one
// key is a guaranteed fault; a deduplicated send that answers another MessageId than the original
// is a typical one (the original's id comes back, OBS in section 9). PURE.
import type { Prepared, TrackedMessage } from '../../prepare.js';
import { callRef, list } from '../../refs.js';
import type { Finding } from '../../types.js';

/** The distinct messages (MessageId or body) receives returned for one tracked message. */
export function deliveredTwice(m: TrackedMessage): boolean {
  if (m.dedupKey === undefined || m.sends.length < 2) return false;
  const ids = new Set(m.hits.map((h) => h.messageId));
  const bodies = new Set(m.hits.map((h) => (typeof h.call.complete?.value === 'object' ? bodyOf(h) : '')));
  return ids.size > 1 || bodies.size > 1;
}

function bodyOf(h: TrackedMessage['hits'][number]): string {
  const out = h.call.complete?.type === 'ok' ? h.call.complete.value : undefined;
  const msgs = Array.isArray(out?.Messages) ? (out!.Messages as Record<string, unknown>[]) : [];
  const body = msgs[h.position]?.Body;
  return typeof body === 'string' ? body : '';
}

export function dedupFindings(prep: Prepared): Finding[] {
  const findings: Finding[] = [];
  for (const m of prep.messages) {
    if (m.dedupKey === undefined || !prep.queues.get(m.queue)?.fifo) continue;
    if (m.sends.length > 1 && deliveredTwice(m)) {
      const ids = [...new Set(m.hits.map((h) => h.messageId))];
      findings.push({
        id: 'fifo.deduplication-failed', calls: [...m.sends.map((s) => s.call), ...m.hits.map((h) => h.call)], queue: m.queue, messageId: ids[0]!,
        bindings: { first: callRef(m.send, m.sendEntry), sends: m.sends.length, message: m.name, ids: list(ids), receives: list(m.hits.map((h) => `op ${h.call.invoke.index}`)) },
      });
      continue;
    }
    const answered = m.sends.filter((s) => s.known && s.messageId !== undefined);
    const original = answered[0];
    for (const s of answered.slice(1)) {
      if (s.messageId === original!.messageId) continue;
      findings.push({
        id: 'fifo.deduplicated-answer-differs', calls: [original!.call, s.call], queue: m.queue,
        bindings: { call: callRef(s.call, s.entry), original: callRef(original!.call, original!.entry), got: s.messageId!, expected: original!.messageId! },
      });
    }
  }
  return findings;
}
