// PurgeQueue (sqs-semantics.md 4.6; aws-recorded-facts.md A12 items 113-114): the messages it
// removes are judged by the lifecycle search (`purge.message-survived`: a message sent before a
// purge received more than 60 s after it); this rule judges the 60 s block: a second purge of a
// queue within 60 s of the last successful one fails with PurgeQueueInProgress (HTTP 403), and one
// well after it succeeds. PURE.
import { purgeQueueInProgress } from '../../spec/engine/errors.js';
import { WINDOWS_MS } from '../../spec/model/index.js';
import { toMs } from '../prepare.js';
import { callRef, seconds } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding } from '../types.js';
import { compareWithValidation } from './validation.js';

export const PURGE_IDS = ['purge.message-survived', 'purge.second-accepted', 'purge.rejected-late'] as const;
export type PurgeId = (typeof PURGE_IDS)[number];

function calls(ctx: CallRuleContext): Finding[] {
  const { prep, gate, tolerance } = ctx;
  const eps = tolerance.epsilonMs;
  const findings: Finding[] = [];
  for (const [queueKey, purges] of [...groupPurges(prep.calls)]) {
    const queue = prep.queues.get(queueKey);
    if (!queue) continue;
    let last: (typeof purges)[number] | undefined; // the last purge that certainly succeeded
    for (const p of purges) {
      if (last && p.complete && p.complete.type !== 'info') {
        // Times since the last successful purge, at the earliest and the latest.
        const sinceMin = toMs(p.start) - toMs(last.end) - 2 * eps;
        const sinceMax = toMs(p.end) - toMs(last.start) + 2 * eps;
        if (sinceMax < WINDOWS_MS.purgeBlock) {
          gate.exercised('purge.second-accepted');
          const f = compareWithValidation(p, p.complete.type === 'ok' ? { type: 'ok' } : { type: 'fail', error: p.complete.value }, { ok: false, error: purgeQueueInProgress(queue.name) });
          if (f?.id === 'validation.accepted-invalid') findings.push({ id: 'purge.second-accepted', calls: [last, p], queue: queueKey, bindings: { call: callRef(p), first: callRef(last), since: seconds(Math.round(sinceMax / 100) / 10) } });
          else if (f) findings.push(f);
        } else if (sinceMin > WINDOWS_MS.purgeBlock) {
          gate.exercised('purge.rejected-late');
          if (p.complete.type === 'fail' && /PurgeQueueInProgress/.test(`${p.complete.value.code} ${p.complete.value.type ?? ''}`)) {
            findings.push({ id: 'purge.rejected-late', calls: [last, p], queue: queueKey, timed: true, bindings: { call: callRef(p), first: callRef(last), since: seconds(Math.round(sinceMin / 100) / 10) } });
          }
        }
      }
      if (p.complete?.type === 'ok') last = p;
    }
  }
  return findings;
}

function groupPurges<T extends { invoke: { f: string; queue: string } }>(calls: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const c of calls) if (c.invoke.f === 'PurgeQueue') out.set(c.invoke.queue, [...(out.get(c.invoke.queue) ?? []), c]);
  return out;
}

export const purgeRule: CheckRule = { name: 'purge', ids: PURGE_IDS, timed: true, calls };
