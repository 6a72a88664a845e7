import type { Rule } from '../types.js';

export const D8: Rule = {
  id: 'D8',
  name: 'dead-letter-queue-exists',
  title: 'The DLQ named by a RedrivePolicy exists',
  severity: 'error',
  explanation:
    'SQS never creates a dead-letter queue: the target of deadLetterTargetArn must exist (and in a template, be an AWS::SQS::Queue). A RedrivePolicy pointing elsewhere fails or moves nothing.',
  source: 'settings-rules.md §3 D8; awsdocs sqs-dead-letter-queues.md',
  external: [],
  check(q) {
    const t = q.redrive?.target;
    if (!t || !('external' in t) || !t.external.startsWith('missing:')) return [];
    return [{ message: `RedrivePolicy names ${t.external.slice('missing:'.length)}, which is not an existing queue.`, values: { deadLetterTargetArn: t.external.slice('missing:'.length) } }];
  },
};
