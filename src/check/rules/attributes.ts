// Queue attributes read back: a value set at CreateQueue (or by setup's SetQueueAttributes) is what
// GetQueueAttributes returns, and a value left unset is AWS's default (aws-recorded-facts.md A10
// item 96; sqs-semantics.md 3, 4.4). PURE.
import type { Call } from '../../history/index.js';
import { defaultAttributes } from '../../spec/attributes.js';
import { outputOf } from '../prepare.js';
import { callRef } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding } from '../types.js';

export const ATTRIBUTE_IDS = ['attributes.default-wrong', 'attributes.value-not-applied'] as const;

/** The attributes whose value and default the lifecycle depends on. */
const READ_BACK = ['VisibilityTimeout', 'MessageRetentionPeriod', 'DelaySeconds', 'ReceiveMessageWaitTimeSeconds', 'MaximumMessageSize'];

/**
 * Queues whose attributes are not simply those of their CreateQueue and setup: created more than
 * once (an idempotent CreateQueue names a subset of them) or changed by a step's
 * SetQueueAttributes. The queue-management oracle (src/check/rules/queues) judges those.
 */
function changedQueues(calls: readonly Call[]): Set<string> {
  const creates = new Map<string, number>();
  const out = new Set<string>();
  for (const c of calls) {
    if (c.invoke.f === 'CreateQueue' && c.complete?.type !== 'fail') creates.set(c.invoke.queue, (creates.get(c.invoke.queue) ?? 0) + 1);
    if (c.invoke.f === 'SetQueueAttributes' && c.invoke.process !== 'setup' && c.complete?.type !== 'fail') out.add(c.invoke.queue);
  }
  for (const [k, n] of creates) if (n > 1) out.add(k);
  return out;
}

function check(ctx: CallRuleContext): Finding[] {
  const { prep } = ctx;
  const findings: Finding[] = [];
  const changed = changedQueues(prep.calls);
  for (const call of prep.calls) {
    if (call.invoke.f !== 'GetQueueAttributes' || changed.has(call.invoke.queue)) continue;
    const out = outputOf(call);
    const queue = prep.queues.get(call.invoke.queue);
    const set = prep.attributesSet.get(call.invoke.queue);
    if (!out || !queue || !set || set.call.invoke.index > call.invoke.index) continue;
    const got = (out.Attributes ?? {}) as Record<string, unknown>;
    const defaults = defaultAttributes(queue.fifo ? 'fifo' : 'standard') as Record<string, string>;
    for (const name of READ_BACK) {
      if (!Object.hasOwn(got, name)) continue;
      const value = String(got[name]);
      if (Object.hasOwn(set.attributes, name)) {
        if (String(set.attributes[name]) !== value) {
          findings.push({ id: 'attributes.value-not-applied', calls: [call], queue: call.invoke.queue, bindings: { call: callRef(call), name, value, set: String(set.attributes[name]), setBy: set.call.invoke.f } });
        }
      } else if (defaults[name] !== undefined && defaults[name] !== value) {
        findings.push({ id: 'attributes.default-wrong', calls: [call], queue: call.invoke.queue, bindings: { call: callRef(call), name, value, expected: defaults[name] } });
      }
    }
  }
  return findings;
}

export const attributesRule: CheckRule = { name: 'attributes', ids: ATTRIBUTE_IDS, calls: check };
