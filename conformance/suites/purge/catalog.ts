// The purge suite's divergence ids (src/check/rules/purge.ts and the lifecycle search).
import { rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { CountId } from '../../../src/check/rules/counts.js';
import type { PurgeId } from '../../../src/check/rules/purge.js';

export const entries: CatalogEntries<PurgeId | CountId> = {
  'purge.message-survived': {
    area: 'purge', rank: 500, strictness: 'guaranteed',
    summary: 'A message sent before a PurgeQueue was received more than 60 s after it.',
    rule: 'PurgeQueue removes visible, in-flight and delayed messages within 60 s; messages sent before it may be received only within that minute.',
    source: rec('A12 item 113; sqs-semantics.md 4.6, 14 N10'), implies: [],
    explain: { default: '{receive} returned {message} after a purge had removed it.' },
  },
  'purge.second-accepted': {
    area: 'purge', rank: 501, strictness: 'guaranteed',
    summary: 'A second PurgeQueue within 60 s of the last one succeeded.',
    rule: 'One PurgeQueue per queue every 60 s; another fails with PurgeQueueInProgress (HTTP 403).',
    source: rec('A12 item 114'), implies: [],
    explain: { default: '{call} succeeded {since} after the purge {first}; SQS answers PurgeQueueInProgress within 60 s.' },
  },
  'purge.rejected-late': {
    area: 'purge', rank: 502, strictness: 'typical',
    summary: 'PurgeQueue failed with PurgeQueueInProgress more than 60 s after the last purge.',
    rule: 'The block after a purge lasts 60 s.',
    source: sem('4.6'), implies: [],
    explain: { default: '{call} failed with PurgeQueueInProgress {since} after the purge {first}; the block lasts 60 s.' },
  },
  'counts.out-of-range': {
    area: 'purge', rank: 510, strictness: 'typical',
    summary: 'An approximate message count is outside what the messages could add up to.',
    rule: 'ApproximateNumberOfMessages counts visible messages, …NotVisible those in flight, …Delayed those still delayed (approximate in AWS, exact in a quiet moment).',
    source: sem('3; 14 N6'), implies: [],
    explain: { default: '{call} answered {name} {got}; the messages of the queue add up to between {min} and {max}.' },
  },
};
