import { LIMITS } from '../../spec/limits.js';
import type { Rule } from '../types.js';

export const D5: Rule = {
  id: 'D5',
  name: 'max-receive-count-range',
  title: 'maxReceiveCount within 1–1,000',
  severity: 'error',
  explanation: 'A RedrivePolicy maxReceiveCount must be an integer from 1 to 1,000; SQS rejects other values with InvalidParameterValue.',
  source: 'settings-rules.md §3 D5 (console and tooling range; sqs-semantics.md §3)',
  external: [],
  check(q) {
    const n = q.redrive?.maxReceiveCount;
    if (n === undefined) return [];
    const { min = 1, max = 1000 } = LIMITS.maxReceiveCount;
    if (n >= min && n <= max) return [];
    return [{ message: `maxReceiveCount=${n} is outside ${min}–${max}: SQS rejects the RedrivePolicy.`, values: { maxReceiveCount: n } }];
  },
};
