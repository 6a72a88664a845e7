// The redrive suite: dead-letter queues — the move after maxReceiveCount receives and what a moved
// message carries, standard and FIFO pairs, RedrivePolicy targets (exists, same type, allowed by
// RedriveAllowPolicy, maxReceiveCount range) and ListDeadLetterSourceQueues
// (../shared/reference/sqs-semantics.md 3, 4.14, 5.5, 17; aws-recorded-facts.md A6).
import { fifoRule, lifecycleRule, moveTaskRule, redriveRule } from '../../../src/check/index.js';
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { entries } from './catalog.js';
import { fifoMovesScenario, movesScenario, moveTaskScenario, policyScenario } from './scenarios.js';

export const redrive: SuiteDefinition = {
  name: 'redrive',
  description: 'Dead-letter queues: moves after maxReceiveCount, what moved messages carry, RedrivePolicy targets, ListDeadLetterSourceQueues and message move tasks.',
  requires: ['dlq'],
  catalog: entries,
  rules: [lifecycleRule, fifoRule, redriveRule, moveTaskRule],
  actions: ['CreateQueue', 'GetQueueAttributes', 'SetQueueAttributes', 'SendMessage', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ListDeadLetterSourceQueues', 'StartMessageMoveTask', 'ListMessageMoveTasks', 'CancelMessageMoveTask', 'DeleteQueue'],
  sources: ['sqs-semantics.md 3, 4.14, 5.5, 17', 'aws-recorded-facts.md A6 items 40-44'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'moves', runs: 5, arbitrary: movesScenario, description: 'Receives use up maxReceiveCount (1–3); the next one moves the message, which keeps its id and receive count and names its source; DLQ consumers receive and delete.' },
    { name: 'fifo-moves', runs: 2, arbitrary: fifoMovesScenario, requires: ['fifo'], description: 'A FIFO source with a FIFO dead-letter queue: moves, exactly-once, the group unblocked after the move.' },
    { name: 'move-tasks', runs: 2, arbitrary: moveTaskScenario, requires: ['move-tasks'], description: 'Message move tasks out of a DLQ, to a destination or back to each source, with or without a rate: copies are new messages arriving no faster than the rate, ListMessageMoveTasks, and the refused requests.' },
    { name: 'policy', runs: 1, arbitrary: policyScenario, description: 'RedrivePolicy naming a missing queue, a queue of the other type, a DLQ whose RedriveAllowPolicy denies or lists another source, one that lists this source, and maxReceiveCount 0, 1, 1000, 1001.' },
  ],
};
