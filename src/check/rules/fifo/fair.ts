// Fair queues: MessageGroupId on a standard queue (sqs-semantics.md 10, 17; aws-recorded-facts.md
// A7 item 65): accepted and validated like FIFO's (the generic validation rule), returned as the
// MessageGroupId system attribute when asked for, no SequenceNumber in the send's answer, and no
// order imposed (nothing to judge there). PURE.
import type { Prepared } from '../../prepare.js';
import { callRef, text } from '../../refs.js';
import type { Finding, Gate } from '../../types.js';

export function fairFindings(prep: Prepared, gate: Gate): Finding[] {
  const findings: Finding[] = [];
  for (const m of prep.messages) {
    const queue = prep.queues.get(m.queue);
    if (!queue || queue.fifo) continue;
    for (const s of m.sends) {
      if (!s.known) continue;
      if (s.sequenceNumber !== undefined) findings.push({ id: 'fair.sequence-number-present', calls: [s.call], queue: m.queue, bindings: { call: callRef(s.call, s.entry), got: text(s.sequenceNumber) } });
    }
    const group = m.sends.map((s) => (s.entry === undefined ? s.call.invoke.value : entryOf(s.call.invoke.value, s.entry))?.MessageGroupId).find((g) => typeof g === 'string');
    if (typeof group !== 'string') continue;
    for (const h of m.hits) {
      const asked = new Set<string>();
      for (const key of ['MessageSystemAttributeNames', 'AttributeNames']) {
        const v = h.call.invoke.value[key];
        if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') asked.add(x);
      }
      if (!asked.has('All') && !asked.has('MessageGroupId')) continue;
      gate.exercised('fair.group-id-missing');
      const got = h.attributes.MessageGroupId;
      if (got !== group) findings.push({ id: 'fair.group-id-missing', calls: [m.send, h.call], queue: m.queue, bindings: { call: callRef(h.call), message: m.name, got: text(got ?? '(none)'), expected: text(group) } });
    }
  }
  for (const c of prep.calls) if (c.invoke.f === 'SendMessage' && !prep.queues.get(c.invoke.queue)?.fifo && c.complete?.type === 'ok') gate.exercised('fair.sequence-number-present');
  return findings;
}

function entryOf(input: Record<string, unknown>, id: string): Record<string, unknown> | undefined {
  const entries = Array.isArray(input.Entries) ? (input.Entries as Record<string, unknown>[]) : [];
  return entries.find((e) => e.Id === id);
}
