// SetQueueAttributes takes effect (issue 12): once a step sets VisibilityTimeout, DelaySeconds,
// ReceiveMessageWaitTimeSeconds or MessageRetentionPeriod on a queue, before any message operation
// on it, messages follow the new value, not only the value read back (sqs-semantics.md 3, 5.1-5.3,
// 7; 14 N14 allows the old value for a while, so this is a `typical` rule). The lifecycle search
// reads one configuration per queue, fixed at setup (src/check/prepare.ts): the messages of a queue
// reconfigured by a step are set apart for it (marked like calls whose effect it must not judge)
// and judged here against the configuration in force. PURE.
import { queueConfigFromAttributes, type QueueSettings } from '../../../spec/attributes.js';
import { effectiveDelay, effectiveVisibilityTimeout, effectiveWaitTime, isLongPoll } from '../../../spec/model/index.js';
import type { Call } from '../../../history/index.js';
import { num } from '../../num.js';
import { inputOf, outputOf, toMs, type TrackedMessage } from '../../prepare.js';
import { callRef, ms, seconds } from '../../refs.js';
import type { CallRuleContext, Finding } from '../../types.js';

const ID = 'queue-attributes.set-not-effective';
/** The attributes whose effect on messages this rule judges. */
export const EFFECTIVE_ATTRIBUTES = ['VisibilityTimeout', 'DelaySeconds', 'ReceiveMessageWaitTimeSeconds', 'MessageRetentionPeriod'] as const;
const MESSAGE_ACTIONS = new Set(['SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch']);

interface Reconfigured {
  key: string;
  config: QueueSettings;
  /** The SetQueueAttributes that changed it, per attribute. */
  setBy: Map<string, Call>;
  /** False when a change's outcome is unknown: its messages are set apart, not judged. */
  judged: boolean;
}

function strings(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** Queues a process other than setup reconfigured before their first message operation. */
export function reconfiguredQueues(calls: readonly Call[]): Map<string, Reconfigured> {
  const out = new Map<string, Reconfigured>();
  const created = new Map<string, { name: string; attributes: Record<string, string> }>();
  const touched = new Set<string>();
  for (const c of calls) {
    const key = c.invoke.queue;
    const f = c.invoke.f;
    if (f === 'CreateQueue' && c.complete?.type === 'ok' && !created.has(key)) {
      created.set(key, { name: String(c.invoke.value.QueueName ?? key), attributes: strings(c.invoke.value.Attributes) });
      continue;
    }
    if (MESSAGE_ACTIONS.has(f)) {
      touched.add(key);
      continue;
    }
    if (f !== 'SetQueueAttributes' || c.invoke.process === 'setup' || touched.has(key)) continue;
    const base = created.get(key);
    const attrs = strings(c.invoke.value.Attributes);
    if (!base || !EFFECTIVE_ATTRIBUTES.some((a) => a in attrs)) continue;
    if (c.complete?.type === 'fail') continue;
    const prior = out.get(key);
    const merged = { ...base.attributes, ...attrs };
    base.attributes = merged;
    const r: Reconfigured = prior ?? { key, config: queueConfigFromAttributes(base.name, merged), setBy: new Map(), judged: true };
    r.config = queueConfigFromAttributes(base.name, merged);
    for (const a of EFFECTIVE_ATTRIBUTES) if (a in attrs) r.setBy.set(a, c);
    if (c.complete?.type !== 'ok') r.judged = false;
    out.set(key, r);
  }
  return out;
}

export function effectFindings(ctx: CallRuleContext): Finding[] {
  const { prep, gate, tolerance, marks } = ctx;
  const eps = tolerance.epsilonMs;
  const queues = reconfiguredQueues(prep.calls);
  if (queues.size === 0) return [];
  const out: Finding[] = [];
  for (const r of queues.values()) {
    const messages = prep.messages.filter((m) => m.queue === r.key);
    const receives = prep.calls.filter((c) => c.invoke.queue === r.key && c.invoke.f === 'ReceiveMessage');
    // The lifecycle search would judge these with the configuration of the CreateQueue.
    for (const m of messages) {
      marks.acceptedInvalid.add(m);
      marks.acceptedInvalid.add(m.send);
      for (const u of m.uses) marks.acceptedInvalid.add(u);
    }
    for (const c of receives) marks.acceptedInvalid.add(c);
    if (!r.judged || !gate.on(ID)) continue;
    const cfg = r.config;
    const set = (a: string) => callRef(r.setBy.get(a)!);
    const setCalls = (a: string) => (r.setBy.has(a) ? [r.setBy.get(a)!] : []);
    for (const m of messages) out.push(...messageFindings(m, cfg, r, eps, tolerance.retentionSlackMs, set, setCalls, gate.exercised.bind(gate)));
    // Receives that leave WaitTimeSeconds out wait the queue's ReceiveMessageWaitTimeSeconds.
    if (r.setBy.has('ReceiveMessageWaitTimeSeconds')) {
      for (const c of receives) {
        const out0 = outputOf(c);
        if (!out0 || num(inputOf(c).WaitTimeSeconds) !== undefined) continue;
        const wait = effectiveWaitTime(cfg, undefined);
        if (!isLongPoll(wait)) continue;
        gate.exercised(ID);
        const empty = !Array.isArray(out0.Messages) || out0.Messages.length === 0;
        const took = toMs(c.end - c.start);
        if (empty && took < wait * 1000 - 2 * eps) {
          out.push({ id: ID, variant: 'wait', calls: [...setCalls('ReceiveMessageWaitTimeSeconds'), c], queue: r.key, timed: true, bindings: { receive: callRef(c), took: ms(took), set: set('ReceiveMessageWaitTimeSeconds'), value: seconds(wait) } });
        }
      }
    }
    // A long poll that waited and found nothing while a message was certainly visible.
    for (const c of receives) {
      const o = outputOf(c);
      if (!o || (Array.isArray(o.Messages) && o.Messages.length > 0)) continue;
      const wait = effectiveWaitTime(cfg, num(inputOf(c).WaitTimeSeconds));
      if (!isLongPoll(wait)) continue;
      for (const m of messages) {
        if (!m.sendKnown) continue;
        const since = visibleSince(m, c, cfg);
        if (since === undefined) continue;
        gate.exercised(ID);
        if (toMs(c.start) >= since + eps && !gone(m, c, cfg, tolerance.retentionSlackMs)) {
          const by = m.hits.length > 0 && m.hits[0]!.call.start < c.start ? 'VisibilityTimeout' : 'DelaySeconds';
          out.push({ id: ID, variant: 'quiet', calls: [...setCalls(by), m.send, c], queue: r.key, timed: true, bindings: { receive: callRef(c), wait: seconds(wait), message: m.name, since: ms(since), set: r.setBy.has(by) ? set(by) : 'CreateQueue', name: by, value: seconds(by === 'VisibilityTimeout' ? cfg.visibilityTimeout : cfg.delaySeconds) } });
          break;
        }
      }
    }
  }
  return out;
}

/** When m became visible for good before receive `c` started (after its delay, after its last receive's timeout); undefined if it may be hidden. */
function visibleSince(m: TrackedMessage, c: Call, cfg: QueueSettings): number | undefined {
  const sendEnd = Math.max(...m.sends.map((s) => toMs(s.call.end)));
  if (!Number.isFinite(sendEnd)) return undefined;
  let since = sendEnd + effectiveDelay(cfg, num(m.send.invoke.value.DelaySeconds)) * 1000;
  const before = m.hits.filter((h) => h.call.start < c.start);
  if (m.hits.some((h) => h.call.start >= c.start && h.call.start < c.end)) return undefined;
  for (const h of before) {
    if (!Number.isFinite(h.call.end)) return undefined;
    since = Math.max(since, toMs(h.call.end) + effectiveVisibilityTimeout(cfg, num(inputOf(h.call).VisibilityTimeout)) * 1000);
  }
  // A visibility change or a delete before the poll ended makes its state depend on more than this.
  if (m.uses.some((u) => u.call.start < c.end)) return undefined;
  return since;
}

function gone(m: TrackedMessage, c: Call, cfg: QueueSettings, slackMs: number): boolean {
  return toMs(c.end) > toMs(m.send.start) + cfg.messageRetentionPeriod * 1000 - slackMs;
}

function messageFindings(
  m: TrackedMessage,
  cfg: QueueSettings,
  r: Reconfigured,
  eps: number,
  retentionSlackMs: number,
  set: (a: string) => ReturnType<typeof callRef>,
  setCalls: (a: string) => Call[],
  exercised: (id: string) => void,
): Finding[] {
  const out: Finding[] = [];
  const first = m.hits[0];
  const delay = effectiveDelay(cfg, num(m.send.invoke.value.DelaySeconds));
  if (first && r.setBy.has('DelaySeconds') && num(m.send.invoke.value.DelaySeconds) === undefined) {
    exercised(ID);
    const early = toMs(first.call.end) - toMs(m.send.start);
    if (early < delay * 1000 - 2 * eps) out.push({ id: ID, variant: 'delay', calls: [...setCalls('DelaySeconds'), m.send, first.call], queue: r.key, timed: true, bindings: { receive: callRef(first.call), message: m.name, early: ms(early), send: callRef(m.send), set: set('DelaySeconds'), value: seconds(delay) } });
  }
  if (r.setBy.has('VisibilityTimeout')) {
    for (let i = 0; i + 1 < m.hits.length; i++) {
      const h = m.hits[i]!;
      const next = m.hits[i + 1]!;
      if (num(inputOf(h.call).VisibilityTimeout) !== undefined) continue;
      if (m.uses.some((u) => u.call.start < next.call.end && u.call.end > h.call.start)) continue;
      exercised(ID);
      const gap = toMs(next.call.end) - toMs(h.call.start);
      const vt = effectiveVisibilityTimeout(cfg, undefined);
      if (gap < vt * 1000 - 2 * eps) out.push({ id: ID, variant: 'visibility', calls: [...setCalls('VisibilityTimeout'), h.call, next.call], queue: r.key, timed: true, bindings: { receive: callRef(next.call), message: m.name, gap: ms(gap), first: callRef(h.call), set: set('VisibilityTimeout'), value: seconds(vt) } });
    }
  }
  if (r.setBy.has('MessageRetentionPeriod')) {
    for (const h of m.hits) {
      exercised(ID);
      const age = toMs(h.call.start) - toMs(m.send.end);
      if (age > cfg.messageRetentionPeriod * 1000 + retentionSlackMs) out.push({ id: ID, variant: 'retention', calls: [...setCalls('MessageRetentionPeriod'), m.send, h.call], queue: r.key, timed: true, bindings: { receive: callRef(h.call), message: m.name, age: ms(age), send: callRef(m.send), set: set('MessageRetentionPeriod'), value: seconds(cfg.messageRetentionPeriod), slack: ms(retentionSlackMs) } });
    }
  }
  return out;
}
