import { lambdaConsumers, numAttr } from '../model.js';
import type { Issue, Rule } from '../types.js';

export const V1: Rule = {
  id: 'V1',
  name: 'visibility-six-times-lambda-timeout',
  title: 'VisibilityTimeout at least 6 × the consuming Lambda function’s timeout',
  severity: 'warning',
  explanation:
    'Lambda needs time to retry a batch when the function is throttled while an earlier batch is still running. With a visibility timeout shorter than six times the function timeout, messages come back while they are still being processed: duplicates, and with a RedrivePolicy, valid messages in the DLQ. Set VisibilityTimeout ≥ 6 × Timeout of every function that consumes the queue.',
  source:
    'settings-rules.md §1 V1; Lambda Developer Guide "Creating and configuring an Amazon SQS event source mapping"; AWS Knowledge Center "Why is my Lambda function retrying valid Amazon SQS messages and placing them in my dead-letter queue?"',
  external: ['LambdaEventSourceSQSVisibilityTimeout'],
  check(q, { model }) {
    const vt = numAttr(q, 'VisibilityTimeout');
    if (!vt) return [];
    const issues: Issue[] = [];
    for (const c of lambdaConsumers(model, q)) {
      if (c.functionTimeout === undefined) continue;
      // V2 covers the hard failure; V1 is the recommendation above it.
      if (c.functionTimeout > vt.value) continue;
      if (vt.value >= 6 * c.functionTimeout) continue;
      issues.push({
        message: `VisibilityTimeout ${vt.value} s${vt.defaulted ? ' (default)' : ''} is less than 6 × the timeout of ${c.functionId ?? c.id} (${c.functionTimeout} s = ${6 * c.functionTimeout} s).`,
        related: [c.id],
        values: { VisibilityTimeout: vt.value, functionTimeout: c.functionTimeout, recommendedMinimum: 6 * c.functionTimeout },
      });
    }
    return issues;
  },
};
