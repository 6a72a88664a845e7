// Shared by the range rules (V6, R2, P4, E2, A1): an attribute value is checked with the same
// validation CreateQueue applies in the reference model (src/spec/attributes.ts), so the finding
// quotes the error AWS would answer with. PURE.
import { validateQueueAttributes } from '../../spec/attributes.js';
import type { Issue, QueueModel } from '../types.js';

/** The AWS error CreateQueue would give for this one attribute, or undefined when it is accepted. */
export function rejection(q: QueueModel, name: string): { value: string; code: string; message: string } | undefined {
  const value = q.attributes[name];
  if (typeof value !== 'string') return undefined;
  const v = validateQueueAttributes({ [name]: value }, { op: 'CreateQueue', fifo: q.fifo, ...(q.name ? { queueName: q.name } : {}) });
  return v.ok ? undefined : { value, code: v.error.code, message: v.error.message };
}

/** One issue when `name` is outside what AWS accepts. */
export function rangeIssue(q: QueueModel, name: string, range: string): Issue[] {
  const r = rejection(q, name);
  if (!r) return [];
  return [
    {
      message: `${name}=${r.value} is outside ${range}: CreateQueue and SetQueueAttributes answer ${r.code} ("${r.message}").`,
      values: { [name]: r.value, error: r.code },
    },
  ];
}
