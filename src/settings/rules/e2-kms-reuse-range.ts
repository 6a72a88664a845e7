import type { Rule } from '../types.js';
import { rangeIssue } from './range.js';

export const E2: Rule = {
  id: 'E2',
  name: 'kms-data-key-reuse-range',
  title: 'KmsDataKeyReusePeriodSeconds within 60–86,400 s',
  severity: 'error',
  explanation:
    'With SSE-KMS, SQS reuses a data key for 60 seconds to 24 hours; other values are rejected. Shorter periods mean more KMS calls (cost, throttling); Lambda consumers need kms:Decrypt on the key.',
  source: 'settings-rules.md §5 E2; Smithy model; SQS Developer Guide "Encryption at rest in Amazon SQS"',
  external: [],
  check: (q) => rangeIssue(q, 'KmsDataKeyReusePeriodSeconds', '60–86400 seconds'),
};
