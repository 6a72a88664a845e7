import { numAttr } from '../model.js';
import type { Rule } from '../types.js';

export const V5: Rule = {
  id: 'V5',
  name: 'fifo-visibility-zero',
  title: 'FIFO queue with VisibilityTimeout 0',
  severity: 'warning',
  explanation:
    'On a FIFO queue a message that is not deleted within its visibility timeout counts as abandoned and its group is handed on; with 0 every receive abandons at once and deletes fail with a lapsed handle. Use a timeout longer than processing plus the SDK read timeout of ReceiveMessage.',
  source: 'settings-rules.md §1 V5; SQS Developer Guide "Using the Amazon SQS message deduplication ID" → "Working with visibility timeouts"',
  external: [],
  check(q) {
    if (!q.fifo) return [];
    const vt = numAttr(q, 'VisibilityTimeout');
    if (!vt || vt.value !== 0) return [];
    return [{ message: 'FIFO queue with VisibilityTimeout 0: every receive abandons its messages and deletes fail.', values: { VisibilityTimeout: 0 } }];
  },
};
