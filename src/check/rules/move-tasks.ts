// Message move tasks (sqs-semantics.md 4.15-4.16; aws-recorded-facts.md A6 items 46-51): a task
// starts only on a dead-letter queue (item 46) and to a destination that exists (47); its copies are
// new messages (judged by the lifecycle search: prepare matches a copy to its original by body) and
// arrive no faster than MaxNumberOfMessagesPerSecond (51); ListMessageMoveTasks shows TaskHandle
// only while RUNNING and MaxNumberOfMessagesPerSecond and DestinationArn only when set (50).
// PURE.
import { destinationDoesNotExist, invalidTaskHandle, notADeadLetterQueue } from '../../spec/engine/errors.js';
import { parseRedrivePolicy } from '../../spec/attributes.js';
import { outputOf, toMs, type Prepared } from '../prepare.js';
import { callRef, durationMs, list, text } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding } from '../types.js';
import { compareWithValidation } from './validation.js';

export const MOVE_TASK_IDS = ['move-task.rate-exceeded', 'move-task.list-wrong'] as const;
export type MoveTaskId = (typeof MOVE_TASK_IDS)[number];

const STATUSES = new Set(['RUNNING', 'COMPLETED', 'CANCELLING', 'CANCELLED', 'FAILED']);

/** The queue a history created under this ARN's name, and whether the name is this run's (prefix). */
function queueOfArn(prep: Prepared, arn: unknown): { key?: string; ours: boolean } {
  if (typeof arn !== 'string') return { ours: false };
  const key = [...prep.arns].find(([, a]) => a === arn)?.[0];
  if (key !== undefined) return { key, ours: true };
  const names = [...prep.queues.values()].map((q) => q.name);
  const name = arn.slice(arn.lastIndexOf(':') + 1);
  const prefix = names.length > 1 ? names.reduce((p, x) => { while (!x.startsWith(p)) p = p.slice(0, -1); return p; }) : '';
  return { ours: prefix.length >= 5 && name.startsWith(prefix) };
}

/**
 * Whether a RedrivePolicy sent in the history (CreateQueue or SetQueueAttributes, not certainly
 * refused) names this ARN: then the queue may be a dead-letter queue even when the history never
 * read its ARN back.
 */
function namedAsDeadLetter(prep: Prepared, arn: unknown): boolean {
  if (typeof arn !== 'string') return false;
  return prep.calls.some((c) => {
    if ((c.invoke.f !== 'CreateQueue' && c.invoke.f !== 'SetQueueAttributes') || c.complete?.type === 'fail') return false;
    const policy = (c.invoke.value.Attributes as Record<string, unknown> | undefined)?.RedrivePolicy;
    return typeof policy === 'string' && parseRedrivePolicy(policy)?.deadLetterTargetArn === arn;
  });
}

function calls(ctx: CallRuleContext): Finding[] {
  const { prep, gate, tolerance } = ctx;
  const eps = tolerance.epsilonMs;
  const findings: Finding[] = [];
  for (const call of prep.calls) {
    const input = call.invoke.value;
    const result = call.complete?.type === 'ok' ? ({ type: 'ok' } as const) : call.complete?.type === 'fail' ? ({ type: 'fail', error: call.complete.value } as const) : undefined;
    if (call.invoke.f === 'StartMessageMoveTask' && result) {
      // The source must be a dead-letter queue of the history (item 46), the destination exist (47).
      const source = queueOfArn(prep, input.SourceArn);
      const dest = input.DestinationArn === undefined ? undefined : queueOfArn(prep, input.DestinationArn);
      if (source.key !== undefined && ![...prep.deadLetterOf.values()].includes(source.key) && !namedAsDeadLetter(prep, input.SourceArn)) {
        const f = compareWithValidation(call, result, { ok: false, error: notADeadLetterQueue() });
        if (f) findings.push(f);
      } else if (dest && dest.key === undefined && dest.ours) {
        const f = compareWithValidation(call, result, { ok: false, error: destinationDoesNotExist() });
        if (f) findings.push(f);
      }
    }
    // A malformed handle, as recorded with `foobared` (item 49).
    if (call.invoke.f === 'CancelMessageMoveTask' && result && input.TaskHandle === 'foobared') {
      const f = compareWithValidation(call, result, { ok: false, error: invalidTaskHandle() });
      if (f) findings.push(f);
    }
    if (call.invoke.f === 'ListMessageMoveTasks') {
      const out = outputOf(call);
      if (!out) continue;
      const results = Array.isArray(out.Results) ? (out.Results as Record<string, unknown>[]) : [];
      for (const r of results) {
        gate.exercised('move-task.list-wrong');
        const start = prep.calls.find((c) => c.invoke.f === 'StartMessageMoveTask' && c.complete?.type === 'ok' && c.complete.value.TaskHandle !== undefined && (r.TaskHandle === undefined || c.complete.value.TaskHandle === r.TaskHandle) && c.invoke.value.SourceArn === r.SourceArn);
        const problems: string[] = [];
        if (typeof r.Status !== 'string' || !STATUSES.has(r.Status)) problems.push(`Status ${JSON.stringify(r.Status)}`);
        if ((r.Status === 'RUNNING') !== (r.TaskHandle !== undefined)) problems.push(r.Status === 'RUNNING' ? 'no TaskHandle while RUNNING' : `a TaskHandle while ${String(r.Status)}`);
        if (typeof r.ApproximateNumberOfMessagesMoved !== 'number') problems.push('no ApproximateNumberOfMessagesMoved');
        if (r.SourceArn !== input.SourceArn) problems.push(`SourceArn ${JSON.stringify(r.SourceArn)}`);
        // Only when the task's start is certain (the only task of its source in the history).
        const starts = prep.calls.filter((c) => c.invoke.f === 'StartMessageMoveTask' && c.complete?.type === 'ok' && c.invoke.value.SourceArn === input.SourceArn);
        if (start && starts.length === 1) {
          const rate = start.invoke.value.MaxNumberOfMessagesPerSecond;
          if ((rate === undefined) !== (r.MaxNumberOfMessagesPerSecond === undefined)) problems.push(rate === undefined ? 'MaxNumberOfMessagesPerSecond although none was set' : 'no MaxNumberOfMessagesPerSecond although it was set');
          const destArn = start.invoke.value.DestinationArn;
          if ((destArn === undefined) !== (r.DestinationArn === undefined)) problems.push(destArn === undefined ? 'a DestinationArn although none was given' : 'no DestinationArn although one was given');
        }
        if (problems.length > 0) findings.push({ id: 'move-task.list-wrong', calls: [call], queue: call.invoke.queue, bindings: { call: callRef(call), problems: list(problems), status: text(String(r.Status)) } });
      }
    }
  }
  // MaxNumberOfMessagesPerSecond r: the k-th copy (from 0) cannot arrive before k / r s after the start (item 51).
  for (const t of prep.moveTasks) {
    const rate = t.call.invoke.value.MaxNumberOfMessagesPerSecond;
    if (typeof rate !== 'number' || rate <= 0) continue;
    const firsts = prep.messages
      .filter((m) => m.copyOf && m.send === t.call && m.hits.length > 0)
      .map((m) => ({ m, at: Math.min(...m.hits.map((h) => toMs(h.call.end))) }))
      .sort((a, b) => a.at - b.at);
    firsts.forEach(({ m, at }, k) => {
      gate.exercised('move-task.rate-exceeded');
      const earliest = toMs(t.call.start) + (k * 1000) / rate;
      if (at + eps < earliest - eps - 1000 / rate) {
        findings.push({ id: 'move-task.rate-exceeded', calls: [t.call, m.hits[0]!.call], queue: m.queue, timed: true, bindings: { call: callRef(m.hits[0]!.call), message: m.name, k: k + 1, rate, task: callRef(t.call), after: durationMs(at - toMs(t.call.start)) } });
      }
    });
  }
  return findings;
}

export const moveTaskRule: CheckRule = { name: 'move-tasks', ids: MOVE_TASK_IDS, timed: true, calls };
