import { deadLetterQueueOf, label, numAttr } from '../model.js';
import type { Rule } from '../types.js';

export const R1: Rule = {
  id: 'R1',
  name: 'dlq-retention-longer',
  title: 'Standard DLQ keeps messages longer than its source queue',
  severity: 'warning',
  explanation:
    'On a standard queue a message moved to the DLQ keeps its original enqueue time, so its expiry keeps counting from the first send. A DLQ whose MessageRetentionPeriod is not longer than the source’s can drop a moved message almost at once, before anyone looks at it. Give the DLQ a longer retention (the 14-day maximum is common).',
  source: 'settings-rules.md §2 R1; SQS Developer Guide "Setting-up dead-letter queue retention in Amazon SQS"; sqs-semantics.md §5.5',
  external: [],
  check(q, { model }) {
    if (q.fifo) return [];
    const dlq = deadLetterQueueOf(model, q);
    if (!dlq || dlq.fifo) return [];
    const s = numAttr(q, 'MessageRetentionPeriod');
    const d = numAttr(dlq, 'MessageRetentionPeriod');
    if (!s || !d || d.value > s.value) return [];
    return [
      {
        message: `DLQ ${label(dlq)} keeps messages ${d.value} s${d.defaulted ? ' (default)' : ''}, not longer than the source's ${s.value} s${s.defaulted ? ' (default)' : ''}: expiry counts from the first send, so a message moved after ${d.value} s in the source is dropped at once.`,
        related: [dlq.id],
        values: { sourceRetention: s.value, dlqRetention: d.value },
      },
    ];
  },
};
