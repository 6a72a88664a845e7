import { deadLetterQueueOf, label } from '../model.js';
import type { Rule } from '../types.js';

export const D2: Rule = {
  id: 'D2',
  name: 'dead-letter-queue-type',
  title: 'DLQ of the same type as its source (FIFO ↔ FIFO, standard ↔ standard)',
  severity: 'error',
  explanation:
    'The dead-letter queue of a FIFO queue must be FIFO, and that of a standard queue standard (same account and Region). SQS rejects the RedrivePolicy otherwise, and a model that accepted it would move nothing.',
  source: 'settings-rules.md §3 D2; Smithy model (RedrivePolicy); SQS Developer Guide "Using dead-letter queues in Amazon SQS"; sqs-semantics.md §5.5',
  external: [],
  check(q, { model }) {
    const dlq = deadLetterQueueOf(model, q);
    if (!dlq || dlq.fifo === q.fifo) return [];
    const kind = (fifo: boolean) => (fifo ? 'FIFO' : 'standard');
    return [
      {
        message: `${kind(q.fifo)} queue with a ${kind(dlq.fifo)} dead-letter queue ${label(dlq)}: SQS rejects this RedrivePolicy.`,
        related: [dlq.id],
        values: { sourceFifo: q.fifo, dlqFifo: dlq.fifo },
      },
    ];
  },
};
