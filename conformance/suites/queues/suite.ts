// The queues suite (issue 12): queue management against the model: CreateQueue idempotency and
// conflicts, queue names, DeleteQueue and re-creation within 60 s, GetQueueUrl (also with
// QueueOwnerAWSAccountId), ListQueues (prefix, MaxResults, NextToken), every action on a queue that
// does not exist, and the name and MaxResults bounds (sqs-semantics.md 2, 4.1-4.5, 11, 14 N11-N13;
// aws-recorded-facts.md A11).
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { MANAGEMENT } from '../management.js';
import { entries } from './catalog.js';
import { deleteScenario, fifoIdempotencyScenario, idempotencyScenario, listingScenario, missingQueueScenario, namesScenario, queueLimitsScenario } from './scenarios.js';

export const queues: SuiteDefinition = {
  name: 'queues',
  description: 'Queue management: CreateQueue idempotency, names, DeleteQueue and re-creation, GetQueueUrl, ListQueues, missing queues.',
  requires: [],
  catalog: entries,
  rules: MANAGEMENT.all,
  actions: ['CreateQueue', 'GetQueueUrl', 'ListQueues', 'GetQueueAttributes', 'SetQueueAttributes', 'DeleteQueue', 'PurgeQueue', 'SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch', 'TagQueue', 'UntagQueue', 'ListQueueTags', 'AddPermission', 'RemovePermission', 'ListDeadLetterSourceQueues'],
  sources: ['sqs-semantics.md 2, 4.1-4.5, 11, 14 N11-N13', 'aws-recorded-facts.md A11 items 105-111'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'idempotency', runs: 2, arbitrary: idempotencyScenario, description: 'CreateQueue again with the same, fewer, or different attribute values, before and after SetQueueAttributes.' },
    { name: 'fifo-idempotency', runs: 1, requires: ['fifo'], arbitrary: fifoIdempotencyScenario, description: 'A FIFO queue created again with the same and with another ContentBasedDeduplication.' },
    { name: 'names', runs: 1, arbitrary: namesScenario, description: 'Queue names with characters SQS refuses, .fifo without FifoQueue and the reverse, case-sensitive names.' },
    { name: 'delete-recreate', runs: 1, arbitrary: deleteScenario, description: 'DeleteQueue: every call on the deleted queue fails, and its name is blocked for 60 s.' },
    { name: 'listing', runs: 2, arbitrary: listingScenario, description: 'GetQueueUrl with and without QueueOwnerAWSAccountId; ListQueues by prefix, in pages of MaxResults, after a deletion.' },
    { name: 'missing-queue', runs: 1, arbitrary: missingQueueScenario('core'), description: 'Every queue-addressed action on a queue that was never created (queue attributes, purge, messages and batches).' },
    { name: 'missing-queue-tags', runs: 1, requires: ['tags'], arbitrary: missingQueueScenario('tags'), description: 'TagQueue, UntagQueue and ListQueueTags on a queue that was never created.' },
    { name: 'missing-queue-permissions', runs: 1, requires: ['permissions'], arbitrary: missingQueueScenario('permissions'), description: 'AddPermission and RemovePermission on a queue that was never created.' },
    { name: 'missing-queue-dead-letter', runs: 1, requires: ['dead-letter-sources'], arbitrary: missingQueueScenario('dead-letter-sources'), description: 'ListDeadLetterSourceQueues on a queue that was never created.' },
    { name: 'queue-limits', runs: 1, arbitrary: queueLimitsScenario, description: 'Queue-name length (standard and FIFO) and ListQueues MaxResults just below, at and just above each bound.' },
  ],
};
