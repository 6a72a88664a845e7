import type { Rule } from '../types.js';
import { rangeIssue } from './range.js';

export const V6: Rule = {
  id: 'V6',
  name: 'visibility-timeout-range',
  title: 'VisibilityTimeout within 0–43,200 s',
  severity: 'error',
  explanation: 'SQS accepts a queue VisibilityTimeout from 0 to 43,200 seconds (12 hours); anything else is rejected with InvalidAttributeValue, so the deployment fails.',
  source: 'settings-rules.md §1 V6; Smithy model shared/aws-models/sqs.json (CreateQueue, SetQueueAttributes)',
  external: [],
  check: (q) => rangeIssue(q, 'VisibilityTimeout', '0–43200 seconds'),
};
