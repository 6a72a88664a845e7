// The facts the corpus relies on, as our own table (not read from src/spec, so a wrong model table
// cannot make its own test pass). Each entry cites its source under ../shared/reference.
import type { FailSpec } from '../src/history/builder.js';

export interface Fact extends FailSpec {
  code: string;
  type: string;
  httpStatus: number;
  message: string;
  /** File and item the code, status and text come from. */
  source: string;
}

// JSON `__type` of the unmodelled errors: aws-recorded-facts.md A15 item 120.
const IPV = { code: 'InvalidParameterValue', type: 'InvalidParameterValueException', httpStatus: 400 } as const;

export const ERRORS = {
  /** aws-recorded-facts.md A1 item 6. */
  maxNumberOfMessages11: {
    ...IPV,
    message: 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    source: 'aws-recorded-facts.md A1 item 6',
  },
  /** aws-recorded-facts.md A1 item 7. */
  waitTimeSeconds21: {
    ...IPV,
    message: 'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
    source: 'aws-recorded-facts.md A1 item 7',
  },
  /** aws-recorded-facts.md A1 item 2 (JSON type: A15 item 120). */
  emptyBody: {
    code: 'MissingParameter',
    type: 'MissingRequiredParameterException',
    httpStatus: 400,
    message: 'The request must contain the parameter MessageBody.',
    source: 'aws-recorded-facts.md A1 item 2',
  },
  /** aws-recorded-facts.md A1 item 13, A2 item 23; HTTP 404: sqs-semantics.md 1.3. */
  invalidHandle: (handle: string): Fact => ({
    code: 'ReceiptHandleIsInvalid',
    type: 'ReceiptHandleIsInvalid',
    httpStatus: 404,
    message: `The input receipt handle "${handle}" is not a valid receipt handle.`,
    source: 'aws-recorded-facts.md A1 item 13; A2 item 23; sqs-semantics.md 1.3',
  }),
  /** ChangeMessageVisibility after delete: aws-recorded-facts.md A2 item 22. */
  notAvailableForVisibilityChange: (handle: string): Fact => ({
    ...IPV,
    message: `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    source: 'aws-recorded-facts.md A2 item 22',
  }),
  /** The 12-hour cap: aws-recorded-facts.md A2 item 25; sqs-semantics.md 4.11. */
  visibilityCap: (vt: number): Fact => ({
    ...IPV,
    message: `Value ${vt} for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]`,
    source: 'aws-recorded-facts.md A2 item 25; sqs-semantics.md 4.11',
  }),
  /** An expired / changed handle, text observed on real SQS: sqs-semantics.md 4.10, 4.11, 14 N16. */
  handleExpired: (handle: string): Fact => ({
    ...IPV,
    message: `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    source: 'sqs-semantics.md 4.10; 14 N16',
  }),
  /** An entry over the queue's MaximumMessageSize fails alone with this text: aws-recorded-facts.md A8 item 82. */
  batchEntryTooLong: (max: number): Fact => ({
    ...IPV,
    message: `One or more parameters cannot be validated. Reason: Message must be shorter than ${max} bytes.`,
    source: 'aws-recorded-facts.md A8 item 82',
  }),
  /** A single send over MaximumMessageSize: aws-recorded-facts.md A9 item 85. */
  messageTooLong: (max: number): Fact => ({
    ...IPV,
    message: `One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.`,
    source: 'aws-recorded-facts.md A9 item 85',
  }),
  /** A malformed batch entry Id fails the whole request: aws-recorded-facts.md A8 item 79 (codes: A15 item 120). */
  invalidBatchEntryId: {
    code: 'AWS.SimpleQueueService.InvalidBatchEntryId',
    type: 'InvalidBatchEntryId',
    httpStatus: 400,
    message: 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    source: 'aws-recorded-facts.md A8 item 79; A15 item 120',
  },
  /** More than 10 entries: aws-recorded-facts.md A8 item 78. */
  tooManyEntries: (count: number): Fact => ({
    code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
    type: 'TooManyEntriesInBatchRequest',
    httpStatus: 400,
    message: `Maximum number of entries per request are 10. You have sent ${count}.`,
    source: 'aws-recorded-facts.md A8 item 78',
  }),
} as const;

/**
 * The attributes of aws-recorded-facts.md A9 item 90 [S] (test_receive_message_message_attribute_names_filters)
 * and the MD5OfMessageAttributes real SQS answered for each subset it returned.
 */
export const ITEM_90 = {
  body: 'msg',
  attributes: {
    General: { DataType: 'String', StringValue: 'Kenobi' },
    Hello: { DataType: 'String', StringValue: 'There' },
    'Help.Me': { DataType: 'String', StringValue: 'Me' },
  },
  md5: {
    all: '4c360f3fdafd970e05fae2f149d997f5',
    helloGeneral: 'fca026605781cb4126a1e9044df24232',
    hello: 'a311262e065454b75da111d535b8dacd',
    helloHelpMe: '83fee93c1bcd8b9a5a923ffacdc636c7',
  },
  /** Bytes the three attributes add to the message size: names, data types and values (item 85): 16 + 19 + 15. */
  bytes: 50,
} as const;

/** The AWSTraceHeader of aws-recorded-facts.md A9 item 93 [V] and the MD5OfMessageSystemAttributes SQS answered for it. */
export const ITEM_93 = {
  traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
  md5: '5ae4d5d7636402d80f4eb6d213245a88',
} as const;

/** GetQueueAttributes(All) of a new standard queue, the settable defaults: aws-recorded-facts.md A10 item 96. */
export const STANDARD_DEFAULTS: Readonly<Record<string, string>> = {
  ApproximateNumberOfMessages: '0',
  ApproximateNumberOfMessagesDelayed: '0',
  ApproximateNumberOfMessagesNotVisible: '0',
  DelaySeconds: '0',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  SqsManagedSseEnabled: 'true',
  VisibilityTimeout: '30',
};

/** The AWS minimum retention, used by the AWS retention runs: aws-recorded-facts.md A5 item 39. */
export const MIN_RETENTION_SECONDS = 60;

/** The 12-hour visibility cap from the receive: sqs-semantics.md 4.11; aws-recorded-facts.md A2 item 25. */
export const VISIBILITY_CAP_SECONDS = 43_200;

// ---------------------------------------------------------------------------------------------
// Queue management (the queue-attributes, queues, tags-permissions and errors corpora).

/** The account and region of the hand-built histories' queue URLs (src/history/builder.ts). */
export const CORPUS_ACCOUNT = '000000000000';
export const CORPUS_REGION = 'us-east-1';

/** `arn:aws:sqs:<region>:<account>:<name>` (sqs-semantics.md 2). */
export const queueArn = (name: string): string => `arn:aws:sqs:${CORPUS_REGION}:${CORPUS_ACCOUNT}:${name}`;

/**
 * GetQueueAttributes(All) of a new standard queue: the 12 keys of aws-recorded-facts.md A10 item
 * 96, timestamps in epoch seconds (sqs-semantics.md 3).
 */
export function standardQueueAll(name: string, createdSeconds: number, modifiedSeconds = createdSeconds): Record<string, string> {
  return { ...STANDARD_DEFAULTS, CreatedTimestamp: String(createdSeconds), LastModifiedTimestamp: String(modifiedSeconds), QueueArn: queueArn(name) };
}

/** What a FIFO queue adds to it (aws-recorded-facts.md A7 item 53). */
export const FIFO_DEFAULTS: Readonly<Record<string, string>> = { FifoQueue: 'true', ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' };

export const QUEUE_ERRORS = {
  /** aws-recorded-facts.md A11 item 111: the JSON and the Query texts differ. */
  nonExistent: (protocol: 'json' | 'query' = 'json'): Fact => ({
    code: 'AWS.SimpleQueueService.NonExistentQueue',
    type: 'QueueDoesNotExist',
    httpStatus: 400,
    message: protocol === 'json' ? 'The specified queue does not exist.' : 'The specified queue does not exist for this wsdl version.',
    source: 'aws-recorded-facts.md A11 item 111',
  }),
  /** aws-recorded-facts.md A11 items 105-106. */
  nameExists: (attribute: string): Fact => ({
    code: 'QueueAlreadyExists',
    type: 'QueueNameExists',
    httpStatus: 400,
    message: `A queue already exists with the same name and a different value for attribute ${attribute}`,
    source: 'aws-recorded-facts.md A11 items 105-106',
  }),
  /** aws-recorded-facts.md A11 item 108. */
  deletedRecently: {
    code: 'AWS.SimpleQueueService.QueueDeletedRecently',
    type: 'QueueDeletedRecently',
    httpStatus: 400,
    message: 'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
    source: 'aws-recorded-facts.md A11 item 108',
  } as Fact,
  /** aws-recorded-facts.md A10 item 103. */
  labelExists: (label: string): Fact => ({ ...IPV, message: `Value ${label} for parameter Label is invalid. Reason: Already exists.`, source: 'aws-recorded-facts.md A10 item 103' }),
} as const;

/** The envelope of a JSON error (sqs-semantics.md 1.2; aws-recorded-facts.md A15 item 120). */
export const JSON_ENVELOPE = (code: string, type: string, namespace = 'com.amazonaws.sqs') => ({
  queryError: `${code};Sender`,
  errorType: `${namespace}#${type}`,
  contentType: 'application/x-amz-json-1.0',
  requestId: '00000000-0000-4000-8000-00000000e001',
});

/** The envelope of a Query error (sqs-semantics.md 1.2). */
export const QUERY_ENVELOPE = { errorRoot: 'ErrorResponse', errorFault: 'Sender', errorRequestId: '00000000-0000-4000-8000-00000000e002', contentType: 'text/xml', requestId: '00000000-0000-4000-8000-00000000e002' };
