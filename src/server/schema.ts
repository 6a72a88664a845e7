// The wire shapes of every SQS operation, transcribed from the Smithy model
// (../shared/aws-models/sqs.json): member names, types, and the xmlName traits that name the
// Query protocol's parameters and XML elements (sqs-semantics.md section 1.1). All SQS lists and
// maps are `xmlFlattened`. Used to read JSON and Query input and to write XML output.

export type Shape =
  | { t: 'string' }
  | { t: 'integer' }
  | { t: 'long' }
  | { t: 'boolean' }
  | { t: 'blob' }
  /** Flattened list: Query `<name>.N`, XML repeated `<name>`. */
  | { t: 'list'; name: string; member: Shape }
  /** Flattened map: Query `<name>.N.<key>` / `<name>.N.<value>`, XML repeated `<name><key/><value/></name>`. */
  | { t: 'map'; name: string; key: string; valueName: string; value: Shape }
  | { t: 'struct'; members: Record<string, Shape> };

export type StructShape = Extract<Shape, { t: 'struct' }>;

const str: Shape = { t: 'string' };
const int: Shape = { t: 'integer' };
const long: Shape = { t: 'long' };
const bool: Shape = { t: 'boolean' };
const blob: Shape = { t: 'blob' };
const list = (name: string, member: Shape): Shape => ({ t: 'list', name, member });
const map = (name: string, key: string, value: Shape, valueName = 'Value'): Shape => ({ t: 'map', name, key, valueName, value });
const struct = (members: Record<string, Shape>): StructShape => ({ t: 'struct', members });

/** Member names whose XML/Query name differs from the member name (flattened collections carry their own). */
const attributeMap = map('Attribute', 'Name', str);
const tagMap = map('Tag', 'Key', str);
const messageAttributeValue = struct({
  StringValue: str,
  BinaryValue: blob,
  StringListValues: list('StringListValue', str),
  BinaryListValues: list('BinaryListValue', blob),
  DataType: str,
});
const messageAttributeMap = map('MessageAttribute', 'Name', messageAttributeValue);
const messageSystemAttributeMap = map('MessageSystemAttribute', 'Name', messageAttributeValue);
const batchResultError = struct({ Id: str, SenderFault: bool, Code: str, Message: str });
const failed = list('BatchResultErrorEntry', batchResultError);
const idEntry = struct({ Id: str });

export interface OperationShape {
  input: StructShape;
  /** Undefined for operations that return nothing (smithy.api#Unit). */
  output?: StructShape;
}

export const OPERATIONS: Record<string, OperationShape> = {
  AddPermission: {
    input: struct({ QueueUrl: str, Label: str, AWSAccountIds: list('AWSAccountId', str), Actions: list('ActionName', str) }),
  },
  CancelMessageMoveTask: {
    input: struct({ TaskHandle: str }),
    output: struct({ ApproximateNumberOfMessagesMoved: long }),
  },
  ChangeMessageVisibility: {
    input: struct({ QueueUrl: str, ReceiptHandle: str, VisibilityTimeout: int }),
  },
  ChangeMessageVisibilityBatch: {
    input: struct({
      QueueUrl: str,
      Entries: list('ChangeMessageVisibilityBatchRequestEntry', struct({ Id: str, ReceiptHandle: str, VisibilityTimeout: int })),
    }),
    output: struct({ Successful: list('ChangeMessageVisibilityBatchResultEntry', idEntry), Failed: failed }),
  },
  CreateQueue: {
    input: struct({ QueueName: str, Attributes: attributeMap, tags: tagMap }),
    output: struct({ QueueUrl: str }),
  },
  DeleteMessage: {
    input: struct({ QueueUrl: str, ReceiptHandle: str }),
  },
  DeleteMessageBatch: {
    input: struct({ QueueUrl: str, Entries: list('DeleteMessageBatchRequestEntry', struct({ Id: str, ReceiptHandle: str })) }),
    output: struct({ Successful: list('DeleteMessageBatchResultEntry', idEntry), Failed: failed }),
  },
  DeleteQueue: { input: struct({ QueueUrl: str }) },
  GetQueueAttributes: {
    input: struct({ QueueUrl: str, AttributeNames: list('AttributeName', str) }),
    output: struct({ Attributes: attributeMap }),
  },
  GetQueueUrl: {
    input: struct({ QueueName: str, QueueOwnerAWSAccountId: str }),
    output: struct({ QueueUrl: str }),
  },
  ListDeadLetterSourceQueues: {
    input: struct({ QueueUrl: str, NextToken: str, MaxResults: int }),
    output: struct({ queueUrls: list('QueueUrl', str), NextToken: str }),
  },
  ListMessageMoveTasks: {
    input: struct({ SourceArn: str, MaxResults: int }),
    output: struct({
      Results: list(
        'ListMessageMoveTasksResultEntry',
        struct({
          TaskHandle: str,
          Status: str,
          SourceArn: str,
          DestinationArn: str,
          MaxNumberOfMessagesPerSecond: int,
          ApproximateNumberOfMessagesMoved: long,
          ApproximateNumberOfMessagesToMove: long,
          FailureReason: str,
          StartedTimestamp: long,
        }),
      ),
    }),
  },
  ListQueueTags: {
    input: struct({ QueueUrl: str }),
    output: struct({ Tags: tagMap }),
  },
  ListQueues: {
    input: struct({ QueueNamePrefix: str, NextToken: str, MaxResults: int }),
    output: struct({ QueueUrls: list('QueueUrl', str), NextToken: str }),
  },
  PurgeQueue: { input: struct({ QueueUrl: str }) },
  ReceiveMessage: {
    // AttributeNames and MessageSystemAttributeNames share the Query name `AttributeName` (section 1.1).
    input: struct({
      QueueUrl: str,
      AttributeNames: list('AttributeName', str),
      MessageSystemAttributeNames: list('AttributeName', str),
      MessageAttributeNames: list('MessageAttributeName', str),
      MaxNumberOfMessages: int,
      VisibilityTimeout: int,
      WaitTimeSeconds: int,
      ReceiveRequestAttemptId: str,
    }),
    output: struct({
      Messages: list(
        'Message',
        struct({
          MessageId: str,
          ReceiptHandle: str,
          MD5OfBody: str,
          Body: str,
          Attributes: attributeMap,
          MD5OfMessageAttributes: str,
          MessageAttributes: messageAttributeMap,
        }),
      ),
    }),
  },
  RemovePermission: { input: struct({ QueueUrl: str, Label: str }) },
  SendMessage: {
    input: struct({
      QueueUrl: str,
      MessageBody: str,
      DelaySeconds: int,
      MessageAttributes: messageAttributeMap,
      MessageSystemAttributes: messageSystemAttributeMap,
      MessageDeduplicationId: str,
      MessageGroupId: str,
    }),
    output: struct({
      MD5OfMessageBody: str,
      MD5OfMessageAttributes: str,
      MD5OfMessageSystemAttributes: str,
      MessageId: str,
      SequenceNumber: str,
    }),
  },
  SendMessageBatch: {
    input: struct({
      QueueUrl: str,
      Entries: list(
        'SendMessageBatchRequestEntry',
        struct({
          Id: str,
          MessageBody: str,
          DelaySeconds: int,
          MessageAttributes: messageAttributeMap,
          MessageSystemAttributes: messageSystemAttributeMap,
          MessageDeduplicationId: str,
          MessageGroupId: str,
        }),
      ),
    }),
    output: struct({
      Successful: list(
        'SendMessageBatchResultEntry',
        struct({
          Id: str,
          MessageId: str,
          MD5OfMessageBody: str,
          MD5OfMessageAttributes: str,
          MD5OfMessageSystemAttributes: str,
          SequenceNumber: str,
        }),
      ),
      Failed: failed,
    }),
  },
  SetQueueAttributes: { input: struct({ QueueUrl: str, Attributes: attributeMap }) },
  StartMessageMoveTask: {
    input: struct({ SourceArn: str, DestinationArn: str, MaxNumberOfMessagesPerSecond: int }),
    output: struct({ TaskHandle: str }),
  },
  TagQueue: { input: struct({ QueueUrl: str, Tags: tagMap }) },
  UntagQueue: { input: struct({ QueueUrl: str, TagKeys: list('TagKey', str) }) },
};

export function isOperation(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(OPERATIONS, name);
}
