import { deadLetterQueueOf, label, numAttr } from '../model.js';
import type { Rule } from '../types.js';

export const R1_FIFO: Rule = {
  id: 'R1-FIFO',
  name: 'fifo-dlq-retention',
  title: 'FIFO DLQ keeps messages at least as long as its source queue',
  severity: 'info',
  explanation:
    'A FIFO DLQ resets the enqueue time on the move, so a shorter DLQ retention does not drop messages at once; keeping the DLQ retention at least as long as the source still leaves time to investigate.',
  source: 'settings-rules.md §2 R1-FIFO (ours); SQS Developer Guide "Setting-up dead-letter queue retention in Amazon SQS"',
  external: [],
  check(q, { model }) {
    if (!q.fifo) return [];
    const dlq = deadLetterQueueOf(model, q);
    if (!dlq || !dlq.fifo) return [];
    const s = numAttr(q, 'MessageRetentionPeriod');
    const d = numAttr(dlq, 'MessageRetentionPeriod');
    if (!s || !d || d.value >= s.value) return [];
    return [{ message: `FIFO DLQ ${label(dlq)} keeps messages ${d.value} s, less than the source's ${s.value} s.`, related: [dlq.id], values: { sourceRetention: s.value, dlqRetention: d.value } }];
  },
};
