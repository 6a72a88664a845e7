// Errors of the HTTP layer (malformed requests). Their JSON `__type` namespace comes from the wire
// table (src/wire model.ts jsonErrorType: modelled shapes in `com.amazonaws.sqs#`, the rest in
// `com.amazon.coral.service#`, sqs-semantics.md 1.2).
import { expectedError } from '../spec/errors.js';
import type { ExpectedError, SourceRef } from '../spec/types.js';

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

/**
 * A request Node's HTTP parser rejects (bad framing, oversized headers): `InvalidHttpRequest`, 400,
 * "Invalid HTTP request. Reason: <reason>." (Common Errors of the SQS API Reference 2011-10-01;
 * sqs-semantics.md 1.4 lists the other common errors).
 */
export function invalidHttpRequest(reason: string): ExpectedError {
  return {
    code: 'InvalidHttpRequest',
    type: 'InvalidHttpRequest',
    httpStatus: 400,
    message: `Invalid HTTP request. Reason: ${reason}.`,
    messageEvidence: 'documented',
    source: inferred('1.4'),
  };
}
