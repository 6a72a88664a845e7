import type { Rule } from '../types.js';
import { deniesInsecureTransport } from './policy.js';

export const E4: Rule = {
  id: 'E4',
  name: 'tls-only',
  title: 'Queue policy denies requests without TLS',
  severity: 'warning',
  explanation:
    'SQS also answers on a non-TLS endpoint. A queue policy statement that denies every action to every principal when aws:SecureTransport is false keeps messages off plain HTTP (in CDK: enforceSSL: true).',
  source: 'settings-rules.md §5 E4; SQS Developer Guide "Amazon SQS security best practices" → "Enforce encryption of data in transit"; cdk-nag AwsSolutions-SQS4',
  external: ['AwsSolutions-SQS4'],
  check(q) {
    if (!q.policyKnown || q.policy.some(deniesInsecureTransport)) return [];
    return [{ message: 'No queue policy statement denies access without TLS (Deny * on sqs:* when aws:SecureTransport is false): non-TLS access is allowed.' }];
  },
};
