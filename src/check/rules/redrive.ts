// Dead-letter queues (sqs-semantics.md 5.5, 4.14; aws-recorded-facts.md A6 items 40-44): the move
// itself is judged by the lifecycle search (at most maxReceiveCount receives in the source, the
// move only then, nothing back in the source afterwards), which raises the `redrive.*` ids below;
// this rule judges what a moved message carries (DeadLetterQueueSourceArn = the source's ARN) and
// ListDeadLetterSourceQueues (exactly the queues whose RedrivePolicy names the DLQ, key
// `queueUrls`). RedrivePolicy targets (exists, same type, allowed by the DLQ's RedriveAllowPolicy)
// are judged by the generic validation rule through the model's dead-letter lookup. PURE.
import { outputOf } from '../prepare.js';
import { callRef, list, text } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding } from '../types.js';

export const REDRIVE_IDS = ['redrive.not-moved', 'redrive.moved-early', 'redrive.moved-in-flight', 'redrive.received-after-move', 'redrive.source-arn-wrong', 'redrive.sources-list-wrong'] as const;
export type RedriveId = (typeof REDRIVE_IDS)[number];

const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);

function calls(ctx: CallRuleContext): Finding[] {
  const { prep, gate } = ctx;
  const findings: Finding[] = [];
  if (prep.deadLetterOf.size === 0) return findings;
  // A message received from its dead-letter queue names its source (item 41).
  for (const m of prep.messages) {
    const dlq = prep.deadLetterOf.get(m.queue);
    const sourceArn = prep.arns.get(m.queue);
    if (dlq === undefined || sourceArn === undefined) continue;
    for (const h of m.hits) {
      if (h.queue !== dlq) continue;
      const asked = new Set<string>();
      for (const key of ['MessageSystemAttributeNames', 'AttributeNames']) {
        const v = h.call.invoke.value[key];
        if (Array.isArray(v)) for (const x of v) if (typeof x === 'string') asked.add(x);
      }
      if (!asked.has('All') && !asked.has('DeadLetterQueueSourceArn')) continue;
      gate.exercised('redrive.source-arn-wrong');
      const got = h.attributes.DeadLetterQueueSourceArn;
      if (got !== sourceArn) {
        findings.push({ id: 'redrive.source-arn-wrong', calls: [h.call], queue: dlq, ...(m.messageId ? { messageId: m.messageId } : {}), bindings: { call: callRef(h.call), message: m.name, got: text(got ?? '(none)'), expected: text(sourceArn) } });
      }
    }
  }
  // ListDeadLetterSourceQueues lists the sources whose RedrivePolicy names the queue (4.14; item 43).
  for (const call of prep.calls) {
    if (call.invoke.f !== 'ListDeadLetterSourceQueues') continue;
    const out = outputOf(call);
    if (!out || call.invoke.value.NextToken !== undefined || call.invoke.value.MaxResults !== undefined) continue;
    gate.exercised('redrive.sources-list-wrong');
    const expected = [...prep.deadLetterOf].filter(([, d]) => d === call.invoke.queue).map(([src]) => prep.queues.get(src)!.name).sort();
    const urls = out.queueUrls;
    const got = Array.isArray(urls) ? urls.filter((u): u is string => typeof u === 'string').map(nameOf).sort() : [];
    if (!Array.isArray(urls) && expected.length > 0) {
      findings.push({ id: 'redrive.sources-list-wrong', calls: [call], queue: call.invoke.queue, variant: 'key', bindings: { call: callRef(call), keys: list(Object.keys(out)) } });
    } else if (got.join('\n') !== expected.join('\n')) {
      findings.push({ id: 'redrive.sources-list-wrong', calls: [call], queue: call.invoke.queue, bindings: { call: callRef(call), got: list(got), expected: list(expected) } });
    }
  }
  return findings;
}

export const redriveRule: CheckRule = { name: 'redrive', ids: REDRIVE_IDS, calls };
