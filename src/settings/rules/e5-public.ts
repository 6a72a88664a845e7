import type { Issue, Rule } from '../types.js';
import { isAnyPrincipal } from './policy.js';

export const E5: Rule = {
  id: 'E5',
  name: 'not-public',
  title: 'Queue policy does not allow everyone',
  severity: 'error',
  explanation:
    'A statement that allows Principal "*" (or {"AWS": "*"}) without a condition that pins the caller (aws:SourceArn, aws:SourceAccount, …) opens the queue to any AWS account.',
  source: 'settings-rules.md §5 E5; AWS Config sqs-queue-no-public-access; Security Hub [SQS.3]',
  external: ['sqs-queue-no-public-access', 'SQS.3'],
  check(q) {
    const issues: Issue[] = [];
    for (const s of q.policy) {
      if (s.effect !== 'Allow' || !isAnyPrincipal(s.principal)) continue;
      if (s.condition && Object.keys(s.condition).length > 0) continue;
      issues.push({ message: `The queue policy allows ${s.actions.join(', ') || 'actions'} to any principal without a condition: the queue is public.`, values: { actions: s.actions.join(',') } });
    }
    return issues;
  },
};
