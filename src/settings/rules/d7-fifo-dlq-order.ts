import { deadLetterQueueOf } from '../model.js';
import type { Rule } from '../types.js';

export const D7: Rule = {
  id: 'D7',
  name: 'fifo-dlq-breaks-order',
  title: 'A FIFO DLQ breaks strict group order',
  severity: 'info',
  explanation:
    'When a FIFO message moves to the DLQ, the rest of its group goes on without it: the exact order is broken for that message. Use a DLQ on a FIFO queue only when skipping a poison message is acceptable.',
  source: 'settings-rules.md §3 D7; SQS Developer Guide "Using dead-letter queues in Amazon SQS"',
  external: [],
  check(q, { model }) {
    if (!q.fifo || !q.redrive) return [];
    const dlq = deadLetterQueueOf(model, q);
    if (dlq && !dlq.fifo) return []; // D2
    return [{ message: 'FIFO queue with a DLQ: a moved message leaves its group, which goes on in order without it.' }];
  },
};
