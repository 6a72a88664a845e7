// The FIFO rules (sqs-semantics.md 9, 17; aws-recorded-facts.md A7): order within a group and the
// group lock, deduplication within 5 minutes, and sequence numbers. Exactly-once delivery inside
// the visibility timeout and after a delete is judged by the lifecycle search, which raises the
// FIFO ids for FIFO queues. Every finding is data; all are graded by running again at the wide
// tolerance. PURE.
import type { CallRuleContext, CheckRule, Finding } from '../../types.js';
import { attemptFindings } from './attempt.js';
import { fairFindings } from './fair.js';
import { dedupFindings } from './dedup.js';
import { FIFO_IDS } from './ids.js';
import { orderFindings } from './order.js';
import { sequenceFindings } from './sequence.js';

export { FIFO_IDS, type FifoId } from './ids.js';
export { deliveredTwice } from './dedup.js';

function calls(ctx: CallRuleContext): Finding[] {
  const { prep, gate, tolerance } = ctx;
  const fifoQueues = [...prep.queues.values()].filter((q) => q.fifo).length;
  // Fair queues: MessageGroupId on standard queues (sqs-semantics.md 10).
  if (fifoQueues === 0) return fairFindings(prep, gate);
  if (fifoQueues === 0) return [];
  const groupSizes = new Map<string, number>();
  for (const m of prep.messages) if (m.group !== undefined) groupSizes.set(`${m.queue}\u0000${m.group}`, (groupSizes.get(`${m.queue}\u0000${m.group}`) ?? 0) + 1);
  for (const m of prep.messages) {
    if (m.group === undefined) continue;
    gate.exercised('fifo.order-inverted', m.hits.length);
    if (m.sends.length > 1) gate.exercised('fifo.deduplication-failed');
    // Rule coverage: what the order, deduplication and sequence rules judged about this message.
    if ((groupSizes.get(`${m.queue}\u0000${m.group}`) ?? 0) > 1) {
      gate.exercised('fifo.group-lock-violated', m.hits.length);
      gate.exercised('fifo.sequence-not-increasing');
    }
    if (m.sends.length > 1) gate.exercised('fifo.deduplicated-answer-differs', m.sends.length - 1);
    gate.exercised('fifo.sequence-number-missing', m.sends.filter((x) => x.known).length);
    gate.exercised('fifo.sequence-number-changed', m.hits.filter((h) => h.attributes.SequenceNumber !== undefined).length);
  }
  const out: Finding[] = [];
  if (gate.on('fifo.order-inverted') || gate.on('fifo.group-lock-violated')) out.push(...orderFindings(prep, tolerance.epsilonMs, tolerance.retentionSlackMs));
  out.push(...dedupFindings(prep));
  out.push(...sequenceFindings(prep, tolerance.epsilonMs));
  out.push(...attemptFindings(prep, gate, tolerance.epsilonMs));
  out.push(...fairFindings(prep, gate));
  return out;
}

export const fifoRule: CheckRule = { name: 'fifo', ids: FIFO_IDS, timed: true, calls };
