// Sequence numbers (sqs-semantics.md 9; aws-recorded-facts.md A7 item 65): every send to a FIFO
// queue answers one; they increase within a group across sends (real-time order) and a message
// keeps its number across receives. PURE.
import type { Call } from '../../../history/index.js';
import { compareSequenceNumbers, isSequenceNumber } from '../../../spec/model/index.js';
import { toMs, type Prepared } from '../../prepare.js';
import { callRef, text } from '../../refs.js';
import type { Finding } from '../../types.js';

const ended = (c: Call) => c.complete !== undefined && c.complete.type !== 'info';

export function sequenceFindings(prep: Prepared, eps: number): Finding[] {
  const findings: Finding[] = [];
  const byGroup = new Map<string, { call: Call; entry?: string; seq: string; name: string }[]>();
  for (const m of prep.messages) {
    if (!prep.queues.get(m.queue)?.fifo) continue;
    for (const s of m.sends) {
      if (!s.known) continue;
      if (s.sequenceNumber === undefined) {
        findings.push({ id: 'fifo.sequence-number-missing', calls: [s.call], queue: m.queue, bindings: { call: callRef(s.call, s.entry) } });
        continue;
      }
      if (m.group === undefined || s !== m.sends.find((x) => x.known && x.sequenceNumber !== undefined)) continue;
      const key = `${m.queue}\u0000${m.group}`;
      byGroup.set(key, [...(byGroup.get(key) ?? []), { call: s.call, ...(s.entry !== undefined ? { entry: s.entry } : {}), seq: s.sequenceNumber, name: m.name }]);
    }
    // A message keeps its number across receives.
    for (const h of m.hits) {
      // In its dead-letter queue a moved message has a place (and number) of that queue (5.5).
      if (h.queue !== m.queue) continue;
      const got = h.attributes.SequenceNumber;
      if (got === undefined || m.sequenceNumber === undefined || !isSequenceNumber(got)) continue;
      if (compareSequenceNumbers(got, m.sequenceNumber) !== 0) {
        findings.push({ id: 'fifo.sequence-number-changed', calls: [m.send, h.call], queue: m.queue, bindings: { call: callRef(h.call), message: m.name, got: text(got), expected: text(m.sequenceNumber) } });
      }
    }
  }
  for (const sends of byGroup.values()) {
    for (const a of sends) {
      for (const b of sends) {
        if (a === b || !ended(a.call) || toMs(a.call.end) + eps >= toMs(b.call.start) - eps) continue;
        if (compareSequenceNumbers(a.seq, b.seq) >= 0) {
          findings.push({
            id: 'fifo.sequence-not-increasing', calls: [a.call, b.call], queue: a.call.invoke.queue, timed: true,
            bindings: { first: callRef(a.call, a.entry), second: callRef(b.call, b.entry), firstSeq: text(a.seq), secondSeq: text(b.seq) },
          });
        }
      }
    }
  }
  return findings;
}
