import { isDeadLetterQueue } from '../model.js';
import type { Rule } from '../types.js';

export const D10: Rule = {
  id: 'D10',
  name: 'dead-letter-queue-alarm',
  title: 'An alarm watches the DLQ depth',
  severity: 'info',
  explanation:
    'Messages in a DLQ are failures nobody hears about unless an alarm watches the queue (for example ApproximateNumberOfMessagesVisible > 0). Checked on templates, where alarms can be seen.',
  source: 'settings-rules.md §3 D10; SQS Developer Guide "Creating alarms for dead-letter queues using Amazon CloudWatch"',
  external: [],
  check(q, { model }) {
    if (!model.alarmsKnown || !isDeadLetterQueue(model, q) || model.alarmedQueues.has(q.id)) return [];
    return [{ message: 'DLQ without a CloudWatch alarm on its depth (AWS/SQS ApproximateNumberOfMessagesVisible).' }];
  },
};
