// The error catalogue: every modelled SQS error shape with its query code and HTTP status
// (../shared/reference/sqs-semantics.md section 1.3, from the Smithy model sqs.json), the
// unmodelled common errors (section 1.4), and the JSON `__type` names recorded for them
// (aws-recorded-facts.md item 120). PURE.
import type { Evidence, ExpectedError, SourceRef } from './types.js';

export interface ErrorShape {
  /** JSON `__type` short name. */
  type: string;
  /** Query-protocol code, also sent in `x-amzn-query-error`. */
  code: string;
  httpStatus: number;
}

const shape = (type: string, code: string, httpStatus = 400): ErrorShape => ({ type, code, httpStatus });

/** sqs-semantics.md section 1.3 (all `Sender` faults). */
export const ERROR_SHAPES = {
  QueueDoesNotExist: shape('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'),
  QueueNameExists: shape('QueueNameExists', 'QueueAlreadyExists'),
  QueueDeletedRecently: shape('QueueDeletedRecently', 'AWS.SimpleQueueService.QueueDeletedRecently'),
  PurgeQueueInProgress: shape('PurgeQueueInProgress', 'AWS.SimpleQueueService.PurgeQueueInProgress', 403),
  OverLimit: shape('OverLimit', 'OverLimit', 403),
  RequestThrottled: shape('RequestThrottled', 'RequestThrottled', 403),
  InvalidSecurity: shape('InvalidSecurity', 'InvalidSecurity', 403),
  KmsOptInRequired: shape('KmsOptInRequired', 'KMS.OptInRequired', 403),
  ReceiptHandleIsInvalid: shape('ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', 404),
  InvalidAddress: shape('InvalidAddress', 'InvalidAddress', 404),
  ResourceNotFoundException: shape('ResourceNotFoundException', 'ResourceNotFoundException', 404),
  MessageNotInflight: shape('MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight'),
  InvalidIdFormat: shape('InvalidIdFormat', 'InvalidIdFormat'),
  InvalidMessageContents: shape('InvalidMessageContents', 'InvalidMessageContents'),
  InvalidAttributeName: shape('InvalidAttributeName', 'InvalidAttributeName'),
  InvalidAttributeValue: shape('InvalidAttributeValue', 'InvalidAttributeValue'),
  EmptyBatchRequest: shape('EmptyBatchRequest', 'AWS.SimpleQueueService.EmptyBatchRequest'),
  TooManyEntriesInBatchRequest: shape('TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest'),
  BatchEntryIdsNotDistinct: shape('BatchEntryIdsNotDistinct', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct'),
  BatchRequestTooLong: shape('BatchRequestTooLong', 'AWS.SimpleQueueService.BatchRequestTooLong'),
  InvalidBatchEntryId: shape('InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId'),
  UnsupportedOperation: shape('UnsupportedOperation', 'AWS.SimpleQueueService.UnsupportedOperation'),
  KmsAccessDenied: shape('KmsAccessDenied', 'KMS.AccessDeniedException'),
  KmsDisabled: shape('KmsDisabled', 'KMS.DisabledException'),
  KmsInvalidKeyUsage: shape('KmsInvalidKeyUsage', 'KMS.InvalidKeyUsageException'),
  KmsInvalidState: shape('KmsInvalidState', 'KMS.InvalidStateException'),
  KmsNotFound: shape('KmsNotFound', 'KMS.NotFoundException'),
  KmsThrottled: shape('KmsThrottled', 'KMS.ThrottlingException'),
  // Unmodelled errors: the `__type` names are those recorded under JSON (aws-recorded-facts.md item 120).
  InvalidParameterValue: shape('InvalidParameterValueException', 'InvalidParameterValue'),
  MissingParameter: shape('MissingRequiredParameterException', 'MissingParameter'),
  // sqs-semantics.md section 1.4 (common errors); `__type` names for these are not recorded.
  InvalidAction: shape('InvalidAction', 'InvalidAction'),
  UnknownOperation: shape('UnknownOperationException', 'UnknownOperationException', 404),
  MalformedQueryString: shape('MalformedQueryString', 'MalformedQueryString', 404),
  InvalidQueryParameter: shape('InvalidQueryParameter', 'InvalidQueryParameter'),
  InvalidParameterCombination: shape('InvalidParameterCombination', 'InvalidParameterCombination'),
  ValidationError: shape('ValidationError', 'ValidationError'),
  InternalFailure: shape('InternalFailure', 'InternalFailure', 500),
  ServiceUnavailable: shape('ServiceUnavailable', 'ServiceUnavailable', 503),
  AccessDenied: shape('AccessDeniedException', 'AccessDenied'),
  ThrottlingException: shape('ThrottlingException', 'ThrottlingException'),
  SerializationException: shape('SerializationException', 'SerializationException'),
} as const satisfies Record<string, ErrorShape>;

export type ErrorName = keyof typeof ERROR_SHAPES;

export function expectedError(
  name: ErrorName,
  message: string,
  messageEvidence: Evidence,
  source: SourceRef,
): ExpectedError {
  const s = ERROR_SHAPES[name];
  return { code: s.code, type: s.type, httpStatus: s.httpStatus, message, messageEvidence, source };
}

/** Looks a shape up by either its query code or its JSON type name. */
export function shapeByCode(codeOrType: string): ErrorShape | undefined {
  for (const s of Object.values(ERROR_SHAPES)) if (s.code === codeOrType || s.type === codeOrType) return s;
  return undefined;
}

/** True when an observed error code names the same error as the expected one (query code or `__type`). */
export function sameError(expected: Pick<ExpectedError, 'code' | 'type'>, observedCode: string | undefined, observedType?: string): boolean {
  const names = [observedCode, observedType].filter((x): x is string => typeof x === 'string' && x !== '');
  return names.some((n) => {
    const short = n.includes('#') ? n.slice(n.lastIndexOf('#') + 1) : n;
    return short === expected.code || short === expected.type;
  });
}
