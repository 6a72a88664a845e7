// The fifo suite: order within groups and the group lock, exactly-once delivery, deduplication
// (explicit and content-based, queue and group scope, inside batches), sequence numbers, and FIFO
// sends and settings at their limits (../shared/reference/sqs-semantics.md 9, 17;
// aws-recorded-facts.md A7).
import { fifoRule, lifecycleRule } from '../../../src/check/index.js';
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { entries } from './catalog.js';
import { attemptScenario, dedupScenario, fairScenario, fifoValidationScenario, lapseScenario, lockScenario, orderScenario } from './scenarios.js';

export const fifo: SuiteDefinition = {
  name: 'fifo',
  description: 'FIFO queues: order within groups, the group lock, exactly-once delivery, deduplication and sequence numbers.',
  requires: ['fifo'],
  catalog: entries,
  rules: [lifecycleRule, fifoRule],
  actions: ['CreateQueue', 'GetQueueAttributes', 'SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'DeleteQueue'],
  sources: ['sqs-semantics.md 9, 17', 'aws-recorded-facts.md A3 items 27-28, A7 items 52-76'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'order', runs: 6, arbitrary: orderScenario, description: 'Producers and consumers on 1–3 groups: order within each group, the group lock, exactly-once delivery within the visibility timeout.' },
    { name: 'dedup', runs: 4, arbitrary: dedupScenario, description: 'Repeated deduplication ids and bodies, explicit and content-based, queue and group scope, inside and across batches, before and after deletes.' },
    { name: 'lock', runs: 3, arbitrary: lockScenario, description: 'A batch from one group in flight while others poll; released by delete, ChangeMessageVisibility 0 or lapse.' },
    { name: 'lapse', runs: 1, arbitrary: lapseScenario, description: 'A FIFO receipt handle used (delete or ChangeMessageVisibility) after its visibility timeout lapsed is rejected.', exercises: ['fifo.lapsed-handle-accepted', 'fifo.delivered-after-delete', 'fifo.redelivered-early', 'message.lost', 'error.wrong-code'] },
    { name: 'fifo-validation', runs: 3, arbitrary: fifoValidationScenario, description: 'FIFO sends and queue settings at and just past their limits fail with the exact AWS error.' },
    { name: 'attempt', runs: 3, arbitrary: attemptScenario, description: 'ReceiveRequestAttemptId retries: the same messages and handles when nothing changed, a failure after a delete or a visibility change.' },
    { name: 'fair', runs: 2, arbitrary: fairScenario, description: 'Fair queues: MessageGroupId on a standard queue, valid and at its limits, returned as a system attribute, no SequenceNumber.' },
  ],
};
