// The shapes of every SQS operation as the Query protocol sees them: member names, their `xmlName`
// traits and value types, transcribed from the Smithy model (shared/aws-models/sqs.json, model dated
// 2025-09-19). Every list and map member in the SQS model is `xmlFlattened`, so lists serialize as
// `<Name>.N` and maps as `<Name>.N.<Key>` / `<Name>.N.<Value>`. test/target/query-schema.test.ts
// checks this table against the model file. PURE data.
import type { Action } from '../history/index.js';

export type QShape =
  | { t: 'string' }
  | { t: 'integer' }
  | { t: 'long' }
  | { t: 'boolean' }
  | { t: 'blob' }
  /** A flattened list: repeated `<member xmlName>` elements / `Name.N` parameters. */
  | { t: 'list'; member: QShape }
  /** A flattened map: entries with a key element `key` and a value element `value`. */
  | { t: 'map'; key: string; value: string; valueShape: QShape }
  | { t: 'struct'; members: Record<string, QMember> };

export interface QMember {
  shape: QShape;
  /** The member's `xmlName` trait (the wire name); absent = the member name itself. */
  xmlName?: string;
}

export type QStruct = Extract<QShape, { t: 'struct' }>;

const str: QShape = { t: 'string' };
const int: QShape = { t: 'integer' };
const long: QShape = { t: 'long' };
const bool: QShape = { t: 'boolean' };
const blob: QShape = { t: 'blob' };
const m = (shape: QShape, xmlName?: string): QMember => (xmlName ? { shape, xmlName } : { shape });
const struct = (members: Record<string, QMember>): QStruct => ({ t: 'struct', members });
const list = (member: QShape): QShape => ({ t: 'list', member });
const map = (valueShape: QShape, key = 'Name', value = 'Value'): QShape => ({ t: 'map', key, value, valueShape });

/** MessageAttributeValue and MessageSystemAttributeValue (same members). */
const attributeValue = struct({
  StringValue: m(str),
  BinaryValue: m(blob),
  StringListValues: m(list(str), 'StringListValue'),
  BinaryListValues: m(list(blob), 'BinaryListValue'),
  DataType: m(str),
});
const queueAttributeMap = map(str);
const tagMap = map(str, 'Key', 'Value');
const messageAttributeMap = map(attributeValue);
const batchResultError = struct({ Id: m(str), SenderFault: m(bool), Code: m(str), Message: m(str) });

const sendEntryMembers = {
  Id: m(str),
  MessageBody: m(str),
  DelaySeconds: m(int),
  MessageAttributes: m(messageAttributeMap, 'MessageAttribute'),
  MessageSystemAttributes: m(messageAttributeMap, 'MessageSystemAttribute'),
  MessageDeduplicationId: m(str),
  MessageGroupId: m(str),
};

const message = struct({
  MessageId: m(str),
  ReceiptHandle: m(str),
  MD5OfBody: m(str),
  Body: m(str),
  Attributes: m(map(str), 'Attribute'),
  MD5OfMessageAttributes: m(str),
  MessageAttributes: m(messageAttributeMap, 'MessageAttribute'),
});

export interface QOperation {
  input: QStruct;
  output: QStruct;
}

const empty = struct({});

export const QUERY_OPERATIONS: Record<Action, QOperation> = {
  AddPermission: {
    input: struct({
      QueueUrl: m(str),
      Label: m(str),
      AWSAccountIds: m(list(str), 'AWSAccountId'),
      Actions: m(list(str), 'ActionName'),
    }),
    output: empty,
  },
  CancelMessageMoveTask: {
    input: struct({ TaskHandle: m(str) }),
    output: struct({ ApproximateNumberOfMessagesMoved: m(long) }),
  },
  ChangeMessageVisibility: {
    input: struct({ QueueUrl: m(str), ReceiptHandle: m(str), VisibilityTimeout: m(int) }),
    output: empty,
  },
  ChangeMessageVisibilityBatch: {
    input: struct({
      QueueUrl: m(str),
      Entries: m(
        list(struct({ Id: m(str), ReceiptHandle: m(str), VisibilityTimeout: m(int) })),
        'ChangeMessageVisibilityBatchRequestEntry',
      ),
    }),
    output: struct({
      Successful: m(list(struct({ Id: m(str) })), 'ChangeMessageVisibilityBatchResultEntry'),
      Failed: m(list(batchResultError), 'BatchResultErrorEntry'),
    }),
  },
  CreateQueue: {
    input: struct({
      QueueName: m(str),
      Attributes: m(queueAttributeMap, 'Attribute'),
      tags: m(tagMap, 'Tag'),
    }),
    output: struct({ QueueUrl: m(str) }),
  },
  DeleteMessage: {
    input: struct({ QueueUrl: m(str), ReceiptHandle: m(str) }),
    output: empty,
  },
  DeleteMessageBatch: {
    input: struct({
      QueueUrl: m(str),
      Entries: m(list(struct({ Id: m(str), ReceiptHandle: m(str) })), 'DeleteMessageBatchRequestEntry'),
    }),
    output: struct({
      Successful: m(list(struct({ Id: m(str) })), 'DeleteMessageBatchResultEntry'),
      Failed: m(list(batchResultError), 'BatchResultErrorEntry'),
    }),
  },
  DeleteQueue: { input: struct({ QueueUrl: m(str) }), output: empty },
  GetQueueAttributes: {
    input: struct({ QueueUrl: m(str), AttributeNames: m(list(str), 'AttributeName') }),
    output: struct({ Attributes: m(queueAttributeMap, 'Attribute') }),
  },
  GetQueueUrl: {
    input: struct({ QueueName: m(str), QueueOwnerAWSAccountId: m(str) }),
    output: struct({ QueueUrl: m(str) }),
  },
  ListDeadLetterSourceQueues: {
    input: struct({ QueueUrl: m(str), NextToken: m(str), MaxResults: m(int) }),
    output: struct({ queueUrls: m(list(str), 'QueueUrl'), NextToken: m(str) }),
  },
  ListMessageMoveTasks: {
    input: struct({ SourceArn: m(str), MaxResults: m(int) }),
    output: struct({
      Results: m(
        list(
          struct({
            TaskHandle: m(str),
            Status: m(str),
            SourceArn: m(str),
            DestinationArn: m(str),
            MaxNumberOfMessagesPerSecond: m(int),
            ApproximateNumberOfMessagesMoved: m(long),
            ApproximateNumberOfMessagesToMove: m(long),
            FailureReason: m(str),
            StartedTimestamp: m(long),
          }),
        ),
        'ListMessageMoveTasksResultEntry',
      ),
    }),
  },
  ListQueueTags: {
    input: struct({ QueueUrl: m(str) }),
    output: struct({ Tags: m(tagMap, 'Tag') }),
  },
  ListQueues: {
    input: struct({ QueueNamePrefix: m(str), NextToken: m(str), MaxResults: m(int) }),
    output: struct({ QueueUrls: m(list(str), 'QueueUrl'), NextToken: m(str) }),
  },
  PurgeQueue: { input: struct({ QueueUrl: m(str) }), output: empty },
  ReceiveMessage: {
    input: struct({
      QueueUrl: m(str),
      // Both carry xmlName AttributeName: on the Query wire they cannot be told apart.
      AttributeNames: m(list(str), 'AttributeName'),
      MessageSystemAttributeNames: m(list(str), 'AttributeName'),
      MessageAttributeNames: m(list(str), 'MessageAttributeName'),
      MaxNumberOfMessages: m(int),
      VisibilityTimeout: m(int),
      WaitTimeSeconds: m(int),
      ReceiveRequestAttemptId: m(str),
    }),
    output: struct({ Messages: m(list(message), 'Message') }),
  },
  RemovePermission: { input: struct({ QueueUrl: m(str), Label: m(str) }), output: empty },
  SendMessage: {
    input: struct({
      QueueUrl: m(str),
      MessageBody: m(str),
      DelaySeconds: m(int),
      MessageAttributes: m(messageAttributeMap, 'MessageAttribute'),
      MessageSystemAttributes: m(messageAttributeMap, 'MessageSystemAttribute'),
      MessageDeduplicationId: m(str),
      MessageGroupId: m(str),
    }),
    output: struct({
      MD5OfMessageBody: m(str),
      MD5OfMessageAttributes: m(str),
      MD5OfMessageSystemAttributes: m(str),
      MessageId: m(str),
      SequenceNumber: m(str),
    }),
  },
  SendMessageBatch: {
    input: struct({
      QueueUrl: m(str),
      Entries: m(list(struct(sendEntryMembers)), 'SendMessageBatchRequestEntry'),
    }),
    output: struct({
      Successful: m(
        list(
          struct({
            Id: m(str),
            MessageId: m(str),
            MD5OfMessageBody: m(str),
            MD5OfMessageAttributes: m(str),
            MD5OfMessageSystemAttributes: m(str),
            SequenceNumber: m(str),
          }),
        ),
        'SendMessageBatchResultEntry',
      ),
      Failed: m(list(batchResultError), 'BatchResultErrorEntry'),
    }),
  },
  SetQueueAttributes: {
    input: struct({ QueueUrl: m(str), Attributes: m(queueAttributeMap, 'Attribute') }),
    output: empty,
  },
  StartMessageMoveTask: {
    input: struct({ SourceArn: m(str), DestinationArn: m(str), MaxNumberOfMessagesPerSecond: m(int) }),
    output: struct({ TaskHandle: m(str) }),
  },
  TagQueue: { input: struct({ QueueUrl: m(str), Tags: m(tagMap, 'Tag') }), output: empty },
  UntagQueue: { input: struct({ QueueUrl: m(str), TagKeys: m(list(str), 'TagKey') }), output: empty },
};
