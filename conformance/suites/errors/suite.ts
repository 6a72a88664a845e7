// The errors suite (issue 12): the error contract over JSON 1.0 (x-amzn-query-error, __type,
// status, Content-Type, request id) and Query (ErrorResponse: Type, Code, Message, RequestId) for
// every error the kit provokes, with the code, status and recorded text judged too; and every
// documented limit of messages, batches, message attributes, FIFO ids and move tasks, enumerated
// (sqs-semantics.md 1.2-1.5, 2, 4.7-4.11, 4.15-4.16, 6.3, 13; aws-recorded-facts.md A1, A7-A9, A15).
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { MANAGEMENT } from '../management.js';
import { entries } from './catalog.js';
import { batchLimitsScenario, envelopesScenario, fifoLimitsScenario, messageAttributeLimitsScenario, messageLimitsScenario, moveTaskLimitsScenario } from './scenarios.js';

export const errors: SuiteDefinition = {
  name: 'errors',
  description: 'The error contract over JSON and Query for every error the kit provokes, and every message, batch, attribute, FIFO-id and move-task limit at its bounds.',
  requires: [],
  catalog: entries,
  rules: MANAGEMENT.all,
  actions: ['CreateQueue', 'DeleteQueue', 'GetQueueUrl', 'GetQueueAttributes', 'SetQueueAttributes', 'PurgeQueue', 'SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch', 'StartMessageMoveTask', 'ListMessageMoveTasks'],
  sources: ['sqs-semantics.md 1.2-1.5, 2, 4.7-4.11, 4.15-4.16, 6.3, 13', 'aws-recorded-facts.md A1, A7-A9, A15 items 120-122'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'envelopes', runs: 1, arbitrary: envelopesScenario, description: 'One request for each error shape the kit can provoke: its code, status, text and envelope.' },
    { name: 'message-limits', runs: 1, arbitrary: messageLimitsScenario, description: 'Body sizes in multi-byte characters, DelaySeconds, MaxNumberOfMessages, WaitTimeSeconds and VisibilityTimeout just below, at and just above each bound.' },
    { name: 'batch-limits', runs: 1, requires: ['batch'], arbitrary: batchLimitsScenario, description: 'Entries per batch, the total batch size and entry Ids just below, at and just above each bound.' },
    { name: 'message-attribute-limits', runs: 1, requires: ['message-attributes'], arbitrary: messageAttributeLimitsScenario, description: 'Message attributes per message, name and data-type lengths, and their share of the message size at each bound.' },
    { name: 'fifo-limits', runs: 1, requires: ['fifo'], arbitrary: fifoLimitsScenario, description: 'MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId lengths just below, at and just above each bound.' },
    { name: 'move-task-limits', runs: 1, requires: ['dlq', 'move-tasks'], arbitrary: moveTaskLimitsScenario, description: 'StartMessageMoveTask rate and ListMessageMoveTasks MaxResults at each bound; move tasks of a queue that does not exist (ResourceNotFoundException).' },
  ],
};
