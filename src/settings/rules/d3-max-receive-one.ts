import type { Rule } from '../types.js';

export const D3: Rule = {
  id: 'D3',
  name: 'max-receive-count-one',
  title: 'maxReceiveCount of at least 2',
  severity: 'warning',
  explanation:
    'With maxReceiveCount 1 a message goes to the DLQ after one failed delivery, or one that was merely lost: SQS may count a receive whose response the consumer never saw, and a consumer that crashes once sends its whole batch to the DLQ. Use at least 2; for Lambda consumers at least 5 (D4).',
  source: 'settings-rules.md §3 D3; SQS Developer Guide "Avoiding inconsistent message processing in Amazon SQS"; awsdocs sqs-dead-letter-queues.md',
  external: [],
  check(q) {
    if (q.redrive?.maxReceiveCount !== 1) return [];
    return [{ message: 'maxReceiveCount=1: a single failed or lost delivery moves the message to the DLQ.', values: { maxReceiveCount: 1 } }];
  },
};
