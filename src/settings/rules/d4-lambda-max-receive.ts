import { lambdaConsumers } from '../model.js';
import type { Rule } from '../types.js';

export const D4: Rule = {
  id: 'D4',
  name: 'lambda-max-receive-count',
  title: 'maxReceiveCount of at least 5 for Lambda-consumed queues',
  severity: 'warning',
  explanation:
    'Lambda retries a batch when the function is throttled or fails; with few receives allowed, valid messages reach the DLQ during a burst of throttling. AWS recommends maxReceiveCount ≥ 5 for queues consumed by Lambda.',
  source: 'settings-rules.md §3 D4; AWS Knowledge Center "Why is my Lambda function retrying valid Amazon SQS messages and placing them in my dead-letter queue?"',
  external: [],
  check(q, { model }) {
    const n = q.redrive?.maxReceiveCount;
    if (n === undefined || n >= 5 || n < 2) return []; // 1 is D3's
    const fns = lambdaConsumers(model, q);
    if (fns.length === 0) return [];
    return [{ message: `maxReceiveCount=${n} on a queue consumed by Lambda (${fns.map((c) => c.functionId ?? c.id).join(', ')}); use at least 5.`, related: fns.map((c) => c.id), values: { maxReceiveCount: n } }];
  },
};
