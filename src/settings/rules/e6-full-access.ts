import type { Issue, Rule } from '../types.js';
import { coversAllSqsActions } from './policy.js';

export const E6: Rule = {
  id: 'E6',
  name: 'no-full-access',
  title: 'Queue policy grants no SQS:* access',
  severity: 'warning',
  explanation: 'Allow statements with Action SQS:* (or *) give a principal every queue operation, including deleting the queue and changing its policy. Grant producers send, consumers receive/delete, administrators the rest.',
  source: 'settings-rules.md §5 E6, E7; AWS Config sqs-queue-policy-full-access-check',
  external: ['sqs-queue-policy-full-access-check'],
  check(q) {
    const issues: Issue[] = [];
    for (const s of q.policy) {
      if (s.effect === 'Allow' && coversAllSqsActions(s.actions)) issues.push({ message: 'The queue policy allows SQS:* (every action, including DeleteQueue and SetQueueAttributes).' });
    }
    return issues;
  },
};
