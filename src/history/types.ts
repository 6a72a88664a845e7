// History vocabulary (Jepsen style, ../shared/DESIGN.md section 2): every call is an `invoke` op and
// one completion: `ok` (took effect), `fail` (certainly did not take effect: the service rejected
// it with an error), or `info` (unknown outcome: timeout, reset, 5xx, an SDK error raised after the
// server answered).

export const HISTORY_SCHEMA_VERSION = 1;

export type OpType = 'invoke' | 'ok' | 'fail' | 'info';

/** SQS actions a history may contain, plus `Sleep`, which is never sent but shapes timings. */
export type Action =
  | 'CreateQueue'
  | 'DeleteQueue'
  | 'GetQueueUrl'
  | 'GetQueueAttributes'
  | 'SetQueueAttributes'
  | 'ListQueues'
  | 'PurgeQueue'
  | 'SendMessage'
  | 'SendMessageBatch'
  | 'ReceiveMessage'
  | 'DeleteMessage'
  | 'DeleteMessageBatch'
  | 'ChangeMessageVisibility'
  | 'ChangeMessageVisibilityBatch'
  | 'TagQueue'
  | 'UntagQueue'
  | 'ListQueueTags'
  | 'AddPermission'
  | 'RemovePermission'
  | 'ListDeadLetterSourceQueues'
  | 'StartMessageMoveTask'
  | 'ListMessageMoveTasks'
  | 'CancelMessageMoveTask';

/** An error the service answered with: the query-protocol code and, for JSON, the `__type` name. */
export interface ServiceError {
  /** Query-protocol code, e.g. `AWS.SimpleQueueService.NonExistentQueue` or `InvalidParameterValue`. */
  code: string;
  /** Modelled shape name (JSON `__type` after `#`), e.g. `QueueDoesNotExist`; absent on Query. */
  type?: string;
  message?: string;
  httpStatus?: number;
  senderFault?: boolean;
}

/** Why an outcome is unknown. */
export type Indeterminate =
  | { reason: 'timeout'; detail: string }
  | { reason: 'connection'; detail: string }
  | { reason: 'server-error'; detail: string; error?: ServiceError }
  | { reason: 'client-error'; detail: string; httpStatus?: number };

export interface OpMeta {
  requestId?: string;
  httpStatus?: number;
  attempts?: number;
  protocol?: 'json' | 'query';
  // The error envelope as it came over the wire (sqs-semantics.md 1.2), recorded on `fail` and
  // `info` completions that carried an answer; absent in older histories (schema 1, optional).
  /** JSON: the raw `x-amzn-query-error` header (`<Code>;<Sender|Receiver>`); absent when the answer had none. */
  queryError?: string;
  /** JSON: the raw `__type` of the error body (`com.amazonaws.sqs#QueueDoesNotExist`). */
  errorType?: string;
  /** The Content-Type of the error answer. */
  contentType?: string;
  /** Query: the root element of the XML error body (`ErrorResponse`). */
  errorRoot?: string;
  /** Query: the `<Type>` of the XML error (`Sender` or `Receiver`). */
  errorFault?: string;
  /** Query: the `<RequestId>` of the XML error body. */
  errorRequestId?: string;
}

interface OpBase {
  /** Position in the history, 0-based. */
  index: number;
  process: string;
  f: Action;
  /** Logical queue key of the scenario (not the URL, which differs per target and run). */
  queue: string;
  /** Monotonic time in nanoseconds since the history's origin. */
  time: number;
  /** Wall-clock time in epoch milliseconds (for comparing server timestamps, with a tolerance). */
  wallTime: number;
}

export interface InvokeOp extends OpBase {
  type: 'invoke';
  /** The request as sent (SDK input shape; QueueUrl replaced by the logical queue key). */
  value: Record<string, unknown>;
}
export interface OkOp extends OpBase {
  type: 'ok';
  /** The response body (SDK output shape, without $metadata). */
  value: Record<string, unknown>;
  meta?: OpMeta;
}
export interface FailOp extends OpBase {
  type: 'fail';
  value: ServiceError;
  meta?: OpMeta;
}
export interface InfoOp extends OpBase {
  type: 'info';
  value: Indeterminate;
  meta?: OpMeta;
}
export type CompletionOp = OkOp | FailOp | InfoOp;
export type Op = InvokeOp | CompletionOp;

/** Facts about the run that the checker needs and that are not ops. */
export interface HistoryHeader {
  schemaVersion: number;
  /** Target name and wire protocol; never credentials. */
  target: string;
  protocol: 'json' | 'query';
  /** Free-form description of what produced the history (suite, property, seed, path). */
  origin?: Record<string, unknown>;
  /** How SDK retries were handled for recorded calls. */
  retries: 'disabled' | 'inside-op';
}

export interface History {
  header: HistoryHeader;
  ops: Op[];
}

/** An invoke with its completion (if any): the unit the checker reasons about. */
export interface Call {
  invoke: InvokeOp;
  /** Absent when the history ended before the call completed: treated like `info`. */
  complete?: CompletionOp;
  /** Earliest and latest time (ns) at which the call can have taken effect, before tolerance. */
  start: number;
  end: number;
}
