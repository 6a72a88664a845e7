import type { Rule } from '../types.js';
import { rangeIssue } from './range.js';

export const P4: Rule = {
  id: 'P4',
  name: 'receive-wait-range',
  title: 'ReceiveMessageWaitTimeSeconds within 0–20 s',
  severity: 'error',
  explanation: 'The default long-poll wait of a queue is 0 to 20 seconds; other values are rejected with InvalidAttributeValue.',
  source: 'settings-rules.md §4 P4; Smithy model',
  external: [],
  check: (q) => rangeIssue(q, 'ReceiveMessageWaitTimeSeconds', '0–20 seconds'),
};
