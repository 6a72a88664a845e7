// Errors of the HTTP layer (malformed requests) and the JSON `__type` namespace of each error.
// Modelled shapes live in `com.amazonaws.sqs#`; the unmodelled ones AWS answers from its service
// framework, `com.amazon.coral.service#` (sqs-semantics.md 1.2: the captured
// `com.amazon.coral.service#InvalidParameterValueException`).
import { expectedError } from '../spec/errors.js';
import type { ExpectedError, SourceRef } from '../spec/types.js';

/** Smithy error shapes of sqs.json (sqs-semantics.md 1.3). */
const MODELLED = new Set([
  'QueueDoesNotExist',
  'QueueNameExists',
  'QueueDeletedRecently',
  'PurgeQueueInProgress',
  'OverLimit',
  'RequestThrottled',
  'InvalidSecurity',
  'KmsOptInRequired',
  'ReceiptHandleIsInvalid',
  'InvalidAddress',
  'ResourceNotFoundException',
  'MessageNotInflight',
  'InvalidIdFormat',
  'InvalidMessageContents',
  'InvalidAttributeName',
  'InvalidAttributeValue',
  'EmptyBatchRequest',
  'TooManyEntriesInBatchRequest',
  'BatchEntryIdsNotDistinct',
  'BatchRequestTooLong',
  'InvalidBatchEntryId',
  'UnsupportedOperation',
  'KmsAccessDenied',
  'KmsDisabled',
  'KmsInvalidKeyUsage',
  'KmsInvalidState',
  'KmsNotFound',
  'KmsThrottled',
]);

export function jsonErrorType(type: string): string {
  return MODELLED.has(type) ? `com.amazonaws.sqs#${type}` : `com.amazon.coral.service#${type}`;
}

const inferred = (section: string): SourceRef => ({ file: 'sqs-semantics.md', section, evidence: 'inferred' });
const recorded = (section: string): SourceRef => ({ file: 'aws-recorded-facts.md', section, evidence: 'recorded' });

/** Unknown `Action` / `X-Amz-Target` operation (aws-recorded-facts.md item 122). */
export function invalidAction(action: string): ExpectedError {
  return expectedError('InvalidAction', `The action ${action} is not valid for this endpoint.`, 'recorded', recorded('A15 item 122'));
}

/** A request with no operation at all (item 122: GET without Action → 404 UnknownOperationException). */
export function unknownOperation(): ExpectedError {
  return expectedError('UnknownOperation', 'An unknown operation was requested.', 'recorded', recorded('A15 item 122'));
}

export function serialization(message: string): ExpectedError {
  return expectedError('SerializationException', message, 'inferred', inferred('1.2'));
}

export function malformedQuery(message: string): ExpectedError {
  return expectedError('MalformedQueryString', message, 'inferred', inferred('1.4'));
}

/** A Query parameter of the wrong type (`MaxNumberOfMessages=abc`); wording inferred from item 7's form. */
export function badQueryParameter(parameter: string, value: string, reason: string): ExpectedError {
  return expectedError('InvalidParameterValue', `Value ${value} for parameter ${parameter} is invalid. Reason: ${reason}`, 'inferred', inferred('1.4; 4'));
}

export function requestTooLarge(limit: number): ExpectedError {
  return {
    code: 'RequestEntityTooLarge',
    type: 'RequestEntityTooLarge',
    httpStatus: 413,
    message: `Request body is larger than ${limit} bytes.`,
    messageEvidence: 'inferred',
    source: inferred('1.4'),
  };
}

export function internalFailure(): ExpectedError {
  return expectedError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 'documented', {
    file: 'sqs-semantics.md',
    section: '1.4',
    evidence: 'documented',
  });
}
