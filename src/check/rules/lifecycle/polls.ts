// Long polls that can constrain a message's visibility, per queue: those that lasted longer than
// the wake tolerance (a poll that answered within it never had to react to anything), and every
// poll of the final drain, whose last empty poll decides "lost". PURE.
import type { Call } from '../../../history/index.js';
import { effectiveWaitTime, isLongPoll } from '../../../spec/model/index.js';
import { num } from '../../num.js';
import { inputOf, outputOf, toMs, type Prepared } from '../../prepare.js';
import type { Markable } from '../../types.js';
import type { LongPoll } from './search.js';

/** Process name the runner gives to the final drain: its last empty long poll decides "lost". */
export const DRAIN_PROCESS = 'drain';

export interface QueuePolls {
  polls: LongPoll[];
  maxPollMs: number;
}

export const NO_POLLS: QueuePolls = { polls: [], maxPollMs: 0 };

export function longPollsByQueue(prep: Prepared, exclude: ReadonlySet<Markable>, wakeMs: number): Map<string, QueuePolls> {
  const out = new Map<string, QueuePolls>();
  for (const [queueKey, calls] of prep.receivesByQueue) {
    const queue = prep.queues.get(queueKey)!;
    const polls: LongPoll[] = [];
    let lastDrain: LongPoll | undefined;
    for (const c of calls) {
      if (exclude.has(c)) continue;
      const wait = effectiveWaitTime(queue, num(inputOf(c).WaitTimeSeconds));
      if (!isLongPoll(wait)) continue;
      const messages = outputOf(c)?.Messages;
      const empty = !Array.isArray(messages) || messages.length === 0;
      const poll: LongPoll = { call: c, waitSeconds: wait, empty, finalDrain: false };
      if (c.invoke.process === DRAIN_PROCESS && (!lastDrain || c.start > lastDrain.call.start)) lastDrain = poll;
      if (toMs(c.end - c.start) > wakeMs || c.invoke.process === DRAIN_PROCESS) polls.push(poll);
    }
    if (lastDrain?.empty) lastDrain.finalDrain = true;
    polls.sort((a, b) => a.call.start - b.call.start);
    const maxPollMs = polls.reduce((mx, p) => Math.max(mx, toMs(p.call.end - p.call.start)), 0);
    out.set(queueKey, { polls, maxPollMs });
  }
  return out;
}
