// Input and output shapes of the operational engine: the SDK's member names verbatim
// (../shared/aws-models/sqs.json; sqs-semantics.md section 1.1 for the lower-case quirks
// `tags` and `queueUrls`). PURE: types only.
import type { ExpectedError, MessageAttributeValue } from '../types.js';

/** Every engine operation answers with its output or with the error SQS would send. */
export type EngineResult<T> = { ok: T } | { error: ExpectedError };

/** Where the engine takes its identifiers from (inject a deterministic one in tests). */
export interface IdSource {
  /** A new MessageId (SQS: a UUID, ≤ 100 characters; sqs-semantics.md section 2). */
  messageId(): string;
  /** Random material for receipt handles, so two handles never look alike. */
  nonce(): string;
}

export type AttributeMap = Record<string, string>;
export type MessageAttributeMap = Record<string, MessageAttributeValue>;

/** `MessageSystemAttributes` on a send: only `AWSTraceHeader` exists (sqs-semantics.md section 4.7). */
export interface MessageSystemAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}
export type MessageSystemAttributeMap = Record<string, MessageSystemAttributeValue>;

export interface CreateQueueInput {
  QueueName?: string;
  Attributes?: AttributeMap;
  tags?: Record<string, string>;
}
export interface CreateQueueOutput {
  QueueUrl: string;
}

export interface GetQueueUrlInput {
  QueueName?: string;
  QueueOwnerAWSAccountId?: string;
}
export interface GetQueueUrlOutput {
  QueueUrl: string;
}

export interface ListQueuesInput {
  QueueNamePrefix?: string;
  NextToken?: string;
  MaxResults?: number;
}
export interface ListQueuesOutput {
  QueueUrls?: string[];
  NextToken?: string;
}

export interface QueueUrlInput {
  QueueUrl?: string;
}
export type Empty = Record<string, never>;

export interface GetQueueAttributesInput extends QueueUrlInput {
  AttributeNames?: string[];
}
export interface GetQueueAttributesOutput {
  Attributes?: AttributeMap;
}

export interface SetQueueAttributesInput extends QueueUrlInput {
  Attributes?: AttributeMap;
}

export interface SendMessageInput extends QueueUrlInput {
  MessageBody?: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeMap;
  MessageSystemAttributes?: MessageSystemAttributeMap;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}
export interface SendMessageOutput {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

export interface SendMessageBatchRequestEntry {
  Id?: string;
  MessageBody?: string;
  DelaySeconds?: number;
  MessageAttributes?: MessageAttributeMap;
  MessageSystemAttributes?: MessageSystemAttributeMap;
  MessageDeduplicationId?: string;
  MessageGroupId?: string;
}
export interface SendMessageBatchInput extends QueueUrlInput {
  Entries?: SendMessageBatchRequestEntry[];
}
export interface BatchResultErrorEntry {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message?: string;
}
export interface SendMessageBatchResultEntry {
  Id: string;
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}
export interface SendMessageBatchOutput {
  Successful: SendMessageBatchResultEntry[];
  Failed: BatchResultErrorEntry[];
}

export interface ReceiveMessageInput extends QueueUrlInput {
  AttributeNames?: string[];
  MessageSystemAttributeNames?: string[];
  MessageAttributeNames?: string[];
  MaxNumberOfMessages?: number;
  VisibilityTimeout?: number;
  WaitTimeSeconds?: number;
  ReceiveRequestAttemptId?: string;
}
export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes?: AttributeMap;
  MD5OfMessageAttributes?: string;
  MessageAttributes?: MessageAttributeMap;
}
export interface ReceiveMessageOutput {
  Messages?: ReceivedMessage[];
}

export interface DeleteMessageInput extends QueueUrlInput {
  ReceiptHandle?: string;
}
export interface ChangeMessageVisibilityInput extends QueueUrlInput {
  ReceiptHandle?: string;
  VisibilityTimeout?: number;
}

export interface DeleteMessageBatchRequestEntry {
  Id?: string;
  ReceiptHandle?: string;
}
export interface DeleteMessageBatchInput extends QueueUrlInput {
  Entries?: DeleteMessageBatchRequestEntry[];
}
export interface ChangeMessageVisibilityBatchRequestEntry {
  Id?: string;
  ReceiptHandle?: string;
  VisibilityTimeout?: number;
}
export interface ChangeMessageVisibilityBatchInput extends QueueUrlInput {
  Entries?: ChangeMessageVisibilityBatchRequestEntry[];
}
export interface BatchIdOutput {
  Successful: { Id: string }[];
  Failed: BatchResultErrorEntry[];
}

export interface TagQueueInput extends QueueUrlInput {
  Tags?: Record<string, string>;
}
export interface UntagQueueInput extends QueueUrlInput {
  TagKeys?: string[];
}
export interface ListQueueTagsOutput {
  Tags?: Record<string, string>;
}

export interface AddPermissionInput extends QueueUrlInput {
  Label?: string;
  AWSAccountIds?: string[];
  Actions?: string[];
}
export interface RemovePermissionInput extends QueueUrlInput {
  Label?: string;
}

export interface ListDeadLetterSourceQueuesInput extends QueueUrlInput {
  NextToken?: string;
  MaxResults?: number;
}
export interface ListDeadLetterSourceQueuesOutput {
  queueUrls: string[];
  NextToken?: string;
}

export interface StartMessageMoveTaskInput {
  SourceArn?: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
}
export interface StartMessageMoveTaskOutput {
  TaskHandle: string;
}
export interface ListMessageMoveTasksInput {
  SourceArn?: string;
  MaxResults?: number;
}
export interface ListMessageMoveTasksResultEntry {
  TaskHandle?: string;
  Status: string;
  SourceArn: string;
  DestinationArn?: string;
  MaxNumberOfMessagesPerSecond?: number;
  ApproximateNumberOfMessagesMoved: number;
  ApproximateNumberOfMessagesToMove?: number;
  FailureReason?: string;
  StartedTimestamp: number;
}
export interface ListMessageMoveTasksOutput {
  Results?: ListMessageMoveTasksResultEntry[];
}
export interface CancelMessageMoveTaskInput {
  TaskHandle?: string;
}
export interface CancelMessageMoveTaskOutput {
  ApproximateNumberOfMessagesMoved: number;
}
