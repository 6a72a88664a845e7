// Everything else CreateQueue would reject, through the reference model's own validation.
import { validateQueueAttributes } from '../../spec/attributes.js';
import { LIMITS } from '../../spec/limits.js';
import type { Issue, Rule } from '../types.js';
import { rejection } from './range.js';

/** Attributes with a rule of their own. */
const COVERED = new Set(['VisibilityTimeout', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'KmsDataKeyReusePeriodSeconds']);

export const A1: Rule = {
  id: 'A1',
  name: 'attribute-rejected',
  title: 'Queue attributes SQS accepts',
  severity: 'error',
  explanation:
    'Attribute values and combinations that CreateQueue rejects: DelaySeconds outside 0–900, MaximumMessageSize outside 1,024–1,048,576, FIFO-only attributes on a standard queue, both SSE modes at once, a malformed RedrivePolicy or RedriveAllowPolicy. Checked with the reference model’s own validation (src/spec/attributes.ts).',
  source: 'sqs-semantics.md §3; aws-recorded-facts.md A10 items 96–101',
  external: [],
  check(q) {
    const issues: Issue[] = [];
    // An out-of-range maxReceiveCount is D5's finding: one problem, one finding.
    const n = q.redrive?.maxReceiveCount;
    const { min = 1, max = 1000 } = LIMITS.maxReceiveCount;
    const coveredByD5 = n !== undefined && (n < min || n > max);
    const skip = (name: string) => COVERED.has(name) || (name === 'RedrivePolicy' && coveredByD5);
    for (const name of Object.keys(q.attributes)) {
      if (skip(name)) continue;
      const r = rejection(q, name);
      if (r) issues.push({ message: `${name}=${r.value}: SQS answers ${r.code} ("${r.message}").`, values: { [name]: r.value, error: r.code } });
    }
    // Rules that span attributes (only when each value alone is accepted).
    if (issues.length === 0) {
      const all: Record<string, string> = {};
      for (const [k, v] of Object.entries(q.attributes)) if (typeof v === 'string' && !skip(k)) all[k] = v;
      if (q.fifo) all['FifoQueue'] = 'true';
      const v = validateQueueAttributes(all, { op: 'CreateQueue', fifo: q.fifo });
      if (!v.ok) issues.push({ message: `SQS answers ${v.error.code} ("${v.error.message}").`, values: { error: v.error.code } });
    }
    return issues;
  },
};
