// The batch suite: SendMessageBatch, DeleteMessageBatch and ChangeMessageVisibilityBatch on
// standard queues, with 1-10 entries valid and invalid, whole-request errors, stale and garbage
// handles per entry, and what each successful entry does to later receives
// (../shared/reference/sqs-semantics.md 4.8, 4.10, 4.11, 12; aws-recorded-facts.md A8).
import { batchRule, lifecycleRule } from '../../../src/check/index.js';
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { entries } from './catalog.js';
import { handlesScenario, limitsScenario, mixedScenario } from './scenarios.js';

export const batch: SuiteDefinition = {
  name: 'batch',
  description: 'Batch actions: every entry answered once, per-entry failures against whole-request errors, SenderFault, and each entry’s effect on later receives.',
  requires: ['batch'],
  catalog: entries,
  rules: [lifecycleRule, batchRule],
  actions: ['CreateQueue', 'GetQueueAttributes', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibilityBatch', 'DeleteQueue'],
  sources: ['sqs-semantics.md 4.8, 4.10, 4.11, 12', 'aws-recorded-facts.md A1 item 13, A8 items 78-84, A9 item 85'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'mixed', runs: 5, arbitrary: mixedScenario, description: 'A batch of valid entries, one mixing valid and invalid entries and one rejected as a whole; receives; visibility changes and deletes by batch with recent, stale and garbage handles; a handle batch rejected as a whole; receives again.' },
    { name: 'handles', runs: 3, arbitrary: handlesScenario, description: 'Producers and consumers of random batch steps around 1–3 s visibility timeouts.' },
    { name: 'limits', runs: 2, arbitrary: limitsScenario, description: 'Entries, entry Ids, entry sizes and the 1 MiB payload at and just past their limits.' },
  ],
};
