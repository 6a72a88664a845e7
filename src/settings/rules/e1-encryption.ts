import { attr } from '../model.js';
import type { Rule } from '../types.js';

export const E1: Rule = {
  id: 'E1',
  name: 'encryption-at-rest',
  title: 'Server-side encryption on (SSE-SQS or SSE-KMS)',
  severity: 'warning',
  explanation:
    'Queues should encrypt message bodies at rest: SqsManagedSseEnabled true (SSE-SQS, the default for queues created over HTTPS since late 2022) or a KmsMasterKeyId (SSE-KMS). In a template an unset SqsManagedSseEnabled passes (the service default applies); an explicit false without a KMS key fails. Live queues must show one of the two.',
  source: 'settings-rules.md §5 E1; Security Hub [SQS.1]; cdk-nag AwsSolutions-SQS2; Control Tower CT.SQS.PR.2',
  external: ['AwsSolutions-SQS2', 'SQS.1', 'CT.SQS.PR.2'],
  check(q, { model }) {
    if (q.attributes['KmsMasterKeyId'] !== undefined && attr(q, 'KmsMasterKeyId') !== '') return [];
    const sse = q.attributes['SqsManagedSseEnabled'];
    if (typeof sse === 'object') return [];
    const live = model.source.kind === 'live';
    const off = sse === undefined ? live : sse.toLowerCase() !== 'true';
    if (!off) return [];
    return [{ message: `No server-side encryption: SqsManagedSseEnabled ${sse === undefined ? 'absent' : `is ${sse}`} and no KmsMasterKeyId.`, values: { SqsManagedSseEnabled: sse ?? '(absent)' } }];
  },
};
