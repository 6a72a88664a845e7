import type { Rule } from '../types.js';
import { rangeIssue } from './range.js';

export const R2: Rule = {
  id: 'R2',
  name: 'retention-range',
  title: 'MessageRetentionPeriod within 60–1,209,600 s',
  severity: 'error',
  explanation: 'SQS keeps messages from 60 seconds to 14 days (1,209,600 s); other values are rejected with InvalidAttributeValue.',
  source: 'settings-rules.md §2 R2; Smithy model',
  external: [],
  check: (q) => rangeIssue(q, 'MessageRetentionPeriod', '60–1209600 seconds'),
};
