import { isDeadLetterQueue, numAttr } from '../model.js';
import type { Rule } from '../types.js';

export const R4: Rule = {
  id: 'R4',
  name: 'retention-covers-outage',
  title: 'Retention longer than the consumer outage to survive',
  severity: 'warning',
  explanation:
    'Messages that reach their retention period are deleted silently; they are not moved to the DLQ. Retention must exceed the longest consumer outage you intend to survive. Checked only when an outage budget is given (--outage-budget SECONDS).',
  source: 'settings-rules.md §2 R4 (ours); sqs-semantics.md §5.7',
  external: [],
  check(q, { model, options }) {
    const budget = options.outageBudgetSeconds;
    if (budget === undefined || isDeadLetterQueue(model, q)) return [];
    const r = numAttr(q, 'MessageRetentionPeriod');
    if (!r || r.value > budget) return [];
    return [{ message: `MessageRetentionPeriod ${r.value} s${r.defaulted ? ' (default)' : ''} does not outlast an outage of ${budget} s: messages would expire unprocessed.`, values: { MessageRetentionPeriod: r.value, outageBudget: budget } }];
  },
};
