import { lambdaConsumers, numAttr } from '../model.js';
import type { Issue, Rule } from '../types.js';

export const V2: Rule = {
  id: 'V2',
  name: 'function-timeout-above-visibility',
  title: 'Consuming Lambda function’s timeout not above VisibilityTimeout',
  severity: 'error',
  explanation:
    'Lambda refuses to create or update an SQS event source mapping whose function timeout exceeds the queue’s visibility timeout (CloudFormation: "Queue visibility timeout: N seconds is less than Function timeout: M seconds"). The deployment fails.',
  source: 'settings-rules.md §1 V2; Lambda Developer Guide (event source mapping); error text from getlift/lift#388',
  external: [],
  check(q, { model }) {
    const vt = numAttr(q, 'VisibilityTimeout');
    if (!vt) return [];
    const issues: Issue[] = [];
    for (const c of lambdaConsumers(model, q)) {
      if (c.functionTimeout === undefined || c.functionTimeout <= vt.value) continue;
      issues.push({
        message: `Queue visibility timeout: ${vt.value} seconds is less than Function timeout: ${c.functionTimeout} seconds (${c.functionId ?? c.id}); Lambda rejects the event source mapping.`,
        related: [c.id],
        values: { VisibilityTimeout: vt.value, functionTimeout: c.functionTimeout },
      });
    }
    return issues;
  },
};
