import { isDeadLetterQueue } from '../model.js';
import type { Rule } from '../types.js';

export const D1: Rule = {
  id: 'D1',
  name: 'dead-letter-queue-configured',
  title: 'Queue has a dead-letter queue (or is one)',
  severity: 'warning',
  explanation:
    'Without a RedrivePolicy a message that always fails is received again and again until its retention ends, hiding the failure and costing receives. Give every queue that is not itself a DLQ a RedrivePolicy.',
  source: 'settings-rules.md §3 D1; AWS Config sqs-queue-dlq-check; cdk-nag AwsSolutions-SQS3 and SQSRedrivePolicy; Control Tower CT.SQS.PR.1',
  external: ['AwsSolutions-SQS3', 'SQSRedrivePolicy', 'sqs-queue-dlq-check', 'CT.SQS.PR.1'],
  check(q, { model }) {
    if (q.redrive || q.attributes['RedrivePolicy'] !== undefined) return [];
    if (isDeadLetterQueue(model, q)) return [];
    return [{ message: 'No RedrivePolicy, and no queue or function uses this queue as its dead-letter queue.' }];
  },
};
