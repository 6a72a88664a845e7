// Dead-letter queues: the move of a message that a receive would hand out once too often, and
// message move tasks (StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask) that
// send a DLQ's messages back. The rules are model/redrive.ts; ../shared/reference/sqs-semantics.md
// 4.15-4.16, 5.5, 17; aws-recorded-facts.md A6 items 40-51. PURE.
import { LIMITS } from '../limits.js';
import { DEFAULTS } from '../model/defaults.js';
import { deadLetterMove, redriveEntry } from '../model/redrive.js';
import * as E from './errors.js';
import { enqueue } from './send.js';
import { epochMs, fail, newMsg, notify, ok, queueByArn, removeMessage, store, sweep, visible, type EngineState, type MoveTask, type Msg, type Queue } from './state.js';
import type * as T from './types.js';

/** Moves a message to the queue's DLQ; false when there is no DLQ to move to (section 5.5). */
export function moveToDeadLetterQueue(s: EngineState, q: Queue, m: Msg, now: number): boolean {
  const dlq = queueByArn(s, q.config.redrivePolicy?.deadLetterTargetArn);
  // The DLQ may have been deleted since the policy was set: then the message stays (5.5).
  if (!dlq || dlq === q || dlq.fifo !== q.fifo) return false;
  removeMessage(q, m);
  const moved: Msg = newMsg({
    ...m,
    ...deadLetterMove(dlq.fifo, m, q.arn, now),
    key: ++s.counters.messageKeys,
    delayUntilMs: now,
    lastReceive: 0,
    inflightUntilMs: undefined,
    visibilityChanged: undefined,
  });
  if (dlq.fifo) {
    dlq.sequence += 1n;
    moved.sequenceNumber = dlq.sequence.toString().padStart(20, '0');
  }
  store(dlq, moved, now);
  notify(s, dlq.name);
  return true;
}

const FAILED_NO_QUEUE = 'AWS.SimpleQueueService.NonExistentQueue'; // item 50

/**
 * Runs move tasks forward to `now`: a task moves the DLQ's messages, oldest first, at its rate
 * (unlimited when not given), as NEW messages in the destination (sqs-semantics.md 4.15).
 */
export function advanceTasks(s: EngineState, now: number): void {
  for (const t of s.tasks) {
    if (t.status !== 'RUNNING') continue;
    const src = queueByArn(s, t.sourceArn);
    if (!src) {
      t.status = 'FAILED';
      t.failureReason = FAILED_NO_QUEUE;
      continue;
    }
    sweep(src, now);
    const budget = t.rate === undefined ? Infinity : Math.floor(((now - t.startedMs) / 1000) * t.rate) + 1 - t.moved;
    let n = 0;
    for (const m of [...src.messages.values()]) {
      if (n >= budget || t.moved >= t.toMove) break;
      if (!visible(src, m, now)) continue;
      const dest = queueByArn(s, t.destinationArn ?? m.deadLetterSourceArn);
      if (!dest) {
        if (t.destinationArn) {
          t.status = 'FAILED';
          t.failureReason = FAILED_NO_QUEUE;
          break;
        }
        continue;
      }
      removeMessage(src, m);
      enqueue(s, dest, redriveEntry(m, dest.fifo), now);
      notify(s, dest.name);
      t.moved++;
      n++;
    }
    if (t.status === 'RUNNING' && (t.moved >= t.toMove || ![...src.messages.values()].some((m) => visible(src, m, now)))) t.status = 'COMPLETED';
  }
}

export function startMessageMoveTask(s: EngineState, input: T.StartMessageMoveTaskInput, now: number): T.EngineResult<T.StartMessageMoveTaskOutput> {
  if (!input.SourceArn) return fail(E.missingParameter('SourceArn'));
  const src = queueByArn(s, input.SourceArn);
  if (!src) return fail(E.sourceDoesNotExist());
  const isDlq = [...s.queues.values()].some((q) => q.config.redrivePolicy?.deadLetterTargetArn === src.arn);
  if (!isDlq) return fail(E.notADeadLetterQueue()); // item 46
  if (input.DestinationArn !== undefined && !queueByArn(s, input.DestinationArn)) return fail(E.destinationDoesNotExist()); // item 47
  if (input.MaxNumberOfMessagesPerSecond !== undefined) {
    const n = input.MaxNumberOfMessagesPerSecond;
    if (!Number.isInteger(n) || n < LIMITS.moveTaskRate.min || n > LIMITS.moveTaskRate.max) {
      return fail(E.invalidParameter('MaxNumberOfMessagesPerSecond', n, 'Must be between 1 and 500, if provided.'));
    }
  }
  if (s.tasks.some((t) => t.sourceArn === src.arn && t.status === 'RUNNING')) return fail(E.taskAlreadyRunning()); // item 48
  sweep(src, now);
  const t: MoveTask = {
    handle: Buffer.from(JSON.stringify({ task: s.ids.messageId(), sourceArn: src.arn }), 'utf8').toString('base64'),
    sourceArn: src.arn,
    status: 'RUNNING',
    startedMs: now,
    toMove: src.messages.size,
    moved: 0,
  };
  if (input.DestinationArn !== undefined) t.destinationArn = input.DestinationArn;
  if (input.MaxNumberOfMessagesPerSecond !== undefined) t.rate = input.MaxNumberOfMessagesPerSecond;
  s.tasks.push(t);
  advanceTasks(s, now);
  return ok({ TaskHandle: t.handle });
}

export function listMessageMoveTasks(s: EngineState, input: T.ListMessageMoveTasksInput, _now: number): T.EngineResult<T.ListMessageMoveTasksOutput> {
  if (!input.SourceArn) return fail(E.missingParameter('SourceArn'));
  if (!queueByArn(s, input.SourceArn)) return fail(E.sourceDoesNotExist());
  const max = input.MaxResults ?? DEFAULTS.moveTaskListMaxResults;
  if (!Number.isInteger(max) || max < LIMITS.moveTaskListMaxResults.min || max > LIMITS.moveTaskListMaxResults.max) {
    return fail(E.invalidParameter('MaxResults', max, "You must enter a number that's between 1 and 10."));
  }
  const mine = s.tasks.filter((t) => t.sourceArn === input.SourceArn).reverse().slice(0, max); // most recent first
  const Results = mine.map((t) => {
    const e: T.ListMessageMoveTasksResultEntry = {
      Status: t.status,
      SourceArn: t.sourceArn,
      ApproximateNumberOfMessagesMoved: t.moved,
      ApproximateNumberOfMessagesToMove: t.toMove,
      StartedTimestamp: epochMs(s, t.startedMs),
    };
    if (t.status === 'RUNNING') e.TaskHandle = t.handle; // item 50
    if (t.destinationArn) e.DestinationArn = t.destinationArn;
    if (t.rate !== undefined) e.MaxNumberOfMessagesPerSecond = t.rate;
    if (t.failureReason) e.FailureReason = t.failureReason;
    return e;
  });
  return ok({ Results });
}

export function cancelMessageMoveTask(s: EngineState, input: T.CancelMessageMoveTaskInput, _now: number): T.EngineResult<T.CancelMessageMoveTaskOutput> {
  if (!input.TaskHandle) return fail(E.missingParameter('TaskHandle'));
  let parsed: { task?: unknown; sourceArn?: unknown } | undefined;
  try {
    parsed = JSON.parse(Buffer.from(input.TaskHandle, 'base64').toString('utf8')) as { task?: unknown; sourceArn?: unknown };
  } catch {
    parsed = undefined;
  }
  if (!parsed || typeof parsed.sourceArn !== 'string') return fail(E.invalidTaskHandle()); // item 49
  if (!queueByArn(s, parsed.sourceArn)) return fail(E.sourceDoesNotExist());
  const t = s.tasks.find((x) => x.handle === input.TaskHandle && x.status === 'RUNNING');
  if (!t) return fail(E.taskDoesNotExist());
  t.status = 'CANCELLED';
  return ok({ ApproximateNumberOfMessagesMoved: t.moved });
}
