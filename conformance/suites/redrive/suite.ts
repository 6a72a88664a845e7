// The redrive suite: dead-letter queues — the move after maxReceiveCount receives and what a moved
// message carries, standard and FIFO pairs, RedrivePolicy targets (exists, same type, allowed by
// RedriveAllowPolicy, maxReceiveCount range) and ListDeadLetterSourceQueues
// (../shared/reference/sqs-semantics.md 3, 4.14, 5.5, 17; aws-recorded-facts.md A6).
import { fifoRule, lifecycleRule, redriveRule } from '../../../src/check/index.js';
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { entries } from './catalog.js';
import { fifoMovesScenario, movesScenario, policyScenario } from './scenarios.js';

export const redrive: SuiteDefinition = {
  name: 'redrive',
  description: 'Dead-letter queues: moves after maxReceiveCount, what moved messages carry, RedrivePolicy targets and ListDeadLetterSourceQueues.',
  requires: ['dlq'],
  catalog: entries,
  rules: [lifecycleRule, fifoRule, redriveRule],
  actions: ['CreateQueue', 'GetQueueAttributes', 'SetQueueAttributes', 'SendMessage', 'ReceiveMessage', 'DeleteMessage', 'ListDeadLetterSourceQueues', 'DeleteQueue'],
  sources: ['sqs-semantics.md 3, 4.14, 5.5, 17', 'aws-recorded-facts.md A6 items 40-44'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'moves', runs: 5, arbitrary: movesScenario, description: 'Receives use up maxReceiveCount (1–3); the next one moves the message, which keeps its id and receive count and names its source; DLQ consumers receive and delete.' },
    { name: 'fifo-moves', runs: 2, arbitrary: fifoMovesScenario, requires: ['fifo'], description: 'A FIFO source with a FIFO dead-letter queue: moves, exactly-once, the group unblocked after the move.' },
    { name: 'policy', runs: 1, arbitrary: policyScenario, description: 'RedrivePolicy naming a missing queue, a queue of the other type, a DLQ whose RedriveAllowPolicy denies or lists another source, one that lists this source, and maxReceiveCount 0, 1, 1000, 1001.' },
  ],
};
