// Scenarios of the errors suite: one request for each error the kit can provoke without a key
// management service (every error shape of sqs-semantics.md 1.3-1.4 but the KMS ones, throttling
// and UnsupportedOperation), and the message, batch, message-attribute, FIFO and move-task limits,
// each at and just past its bounds. The error contract rule judges every error answer's envelope;
// the validation rule and the queue-management oracle judge its code, status and text.
import fc from 'fast-check';
import { manage, type ManageStep, type Scenario } from '../../../src/scenario/index.js';
import { limitScenario, single } from '../management.js';

/** A request per error shape (QueueDoesNotExist, QueueNameExists, QueueDeletedRecently, PurgeQueueInProgress, OverLimit, ReceiptHandleIsInvalid, InvalidAttributeName, InvalidAttributeValue, the batch errors, InvalidMessageContents, MissingParameter, InvalidParameterValue). */
export const envelopesScenario: fc.Arbitrary<Scenario> = fc.constant(
  single([
    manage('CreateQueue', 'b'),
    manage('GetQueueUrl', '~none'),
    manage('GetQueueAttributes', '~none', { AttributeNames: ['All'] }),
    manage('SendMessage', '~none', { MessageBody: 'x' }),
    manage('CreateQueue', 'x', { Attributes: { VisibilityTimeout: '5' } }),
    manage('CreateQueue', 'x', { Attributes: { VisibilityTimeout: '6' } }),
    manage('CreateQueue', 'y'),
    manage('DeleteQueue', 'y'),
    manage('CreateQueue', 'y'),
    manage('PurgeQueue', 'b'),
    manage('PurgeQueue', 'b'),
    manage('SetQueueAttributes', 'b', { Attributes: { Policy: { $policy: { slot: 'b', statements: 21 } } } }),
    manage('DeleteMessage', 'b', { ReceiptHandle: 'AQEB-never-issued' }),
    manage('GetQueueAttributes', 'b', { AttributeNames: ['Foobar'] }),
    manage('SetQueueAttributes', 'b', { Attributes: { VisibilityTimeout: '-1' } }),
    manage('SendMessageBatch', 'b', { Entries: [] }),
    manage('SendMessageBatch', 'b', { Entries: Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'x' })) }),
    manage('SendMessageBatch', 'b', { Entries: [{ Id: 'same', MessageBody: 'x' }, { Id: 'same', MessageBody: 'y' }] }),
    manage('SendMessageBatch', 'b', { Entries: [{ Id: 'not ok', MessageBody: 'x' }] }),
    manage('SendMessage', 'b', { MessageBody: '\u0000' }),
    manage('SendMessage', 'b', { MessageBody: '' }),
    manage('ReceiveMessage', 'b', { MaxNumberOfMessages: 11 }),
    manage('ChangeMessageVisibility', 'b', { ReceiptHandle: 'AQEB-never-issued', VisibilityTimeout: 5 }),
  ] as ManageStep[]),
);

/** Body sizes (1 MiB default, and MaximumMessageSize 1024 in multi-byte characters), DelaySeconds, MaxNumberOfMessages, WaitTimeSeconds and VisibilityTimeout at their bounds. */
export const messageLimitsScenario: fc.Arbitrary<Scenario> = limitScenario('messages');
/** Entries per batch, the batch payload and entry Ids at their bounds. */
export const batchLimitsScenario: fc.Arbitrary<Scenario> = limitScenario('batches');
/** Message attributes per message, their name and data-type lengths, and their share of the size, at their bounds. */
export const messageAttributeLimitsScenario: fc.Arbitrary<Scenario> = limitScenario('message-attributes');
/** MessageGroupId, MessageDeduplicationId and ReceiveRequestAttemptId lengths at their bounds. */
export const fifoLimitsScenario: fc.Arbitrary<Scenario> = limitScenario('fifo');
/** StartMessageMoveTask MaxNumberOfMessagesPerSecond and ListMessageMoveTasks MaxResults at their bounds; move tasks of a queue that does not exist. */
export const moveTaskLimitsScenario: fc.Arbitrary<Scenario> = limitScenario('move-tasks').map((s) =>
  single([...s.processes[0]!, manage('ListMessageMoveTasks', undefined, { SourceArn: { $arn: '~nosource' } }), manage('StartMessageMoveTask', undefined, { SourceArn: { $arn: '~nosource' } })]),
);
