// Errors the engine raises itself (the validation layer in src/spec/operations.ts raises the
// parameter errors). Each carries the text AWS sends and where that text is known from. PURE.
import { expectedError } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { ExpectedError, SourceRef } from '../types.js';

const recorded = (section: string): SourceRef => ({ file: 'aws-recorded-facts.md', section, evidence: 'recorded' });
const observed = (section: string): SourceRef => ({ file: 'sqs-semantics.md', section, evidence: 'observed' });
const inferred = (section: string): SourceRef => ({ file: 'sqs-semantics.md', section, evidence: 'inferred' });

/** JSON text; the Query protocol says "…for this wsdl version." (aws-recorded-facts.md item 111). */
export const NON_EXISTENT_QUEUE_MESSAGE = 'The specified queue does not exist.';
export const NON_EXISTENT_QUEUE_MESSAGE_QUERY = 'The specified queue does not exist for this wsdl version.';

export function queueDoesNotExist(): ExpectedError {
  return expectedError('QueueDoesNotExist', NON_EXISTENT_QUEUE_MESSAGE, 'recorded', recorded('A11 item 111'));
}

/** aws-recorded-facts.md item 2 / 122: "The request must contain the parameter X." */
export function missingParameter(name: string): ExpectedError {
  return expectedError('MissingParameter', `The request must contain the parameter ${name}.`, 'recorded', recorded('A1 item 2; A15 item 122'));
}

/** aws-recorded-facts.md items 105-106. */
export function queueNameExists(attribute: string): ExpectedError {
  return expectedError(
    'QueueNameExists',
    `A queue already exists with the same name and a different value for attribute ${attribute}`,
    'recorded',
    recorded('A11 items 105-106'),
  );
}

/** aws-recorded-facts.md item 108. */
export function queueDeletedRecently(): ExpectedError {
  return expectedError(
    'QueueDeletedRecently',
    'You must wait 60 seconds after deleting a queue before you can create another with the same name.',
    'recorded',
    recorded('A11 item 108'),
  );
}

/** aws-recorded-facts.md item 114. */
export function purgeQueueInProgress(queueName: string): ExpectedError {
  return expectedError(
    'PurgeQueueInProgress',
    `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`,
    'recorded',
    recorded('A12 item 114'),
  );
}

/** AddPermission with a label in use; RemovePermission with an unknown one (item 103). */
export function labelExists(label: string): ExpectedError {
  return expectedError('InvalidParameterValue', `Value ${label} for parameter Label is invalid. Reason: Already exists.`, 'recorded', recorded('A10 item 103'));
}
export function labelNotFound(label: string): ExpectedError {
  return expectedError('InvalidParameterValue', `Value ${label} for parameter Label is invalid. Reason: can't find label.`, 'recorded', recorded('A10 item 103'));
}

export function invalidParameter(parameter: string, value: unknown, reason: string, source: SourceRef = inferred('4')): ExpectedError {
  const v = value === undefined ? '' : String(value);
  return expectedError('InvalidParameterValue', `Value ${v} for parameter ${parameter} is invalid. Reason: ${reason}`, source.evidence, source);
}

/** MaxResults of ListQueues / ListDeadLetterSourceQueues: 1-1,000 (sqs-semantics.md 4.3; text not recorded). */
export function maxResultsOutOfRange(value: number): ExpectedError {
  return invalidParameter('MaxResults', value, 'MaxResults must be an integer between 1 and 1000.', inferred('4.3; 4.14'));
}

export function invalidNextToken(): ExpectedError {
  return expectedError('InvalidParameterValue', 'Invalid NextToken value.', 'inferred', inferred('4.3'));
}

/** AddPermission action names (sqs-semantics.md 4.12; text from AWS practice, not recorded). */
export function invalidActionName(action: string): ExpectedError {
  return invalidParameter('ActionName', action, 'Please refer to the appropriate WSDL for a list of valid actions.', observed('4.12'));
}

export function tooManyActions(count: number): ExpectedError {
  // By analogy with the observed statements message (attributes.ts policyTooManyStatements): the count found, then the maximum.
  return expectedError('OverLimit', `${count} Actions were found, maximum allowed is ${LIMITS.permissionActions.max}.`, 'inferred', inferred('4.12; 13'));
}

/** Move tasks (aws-recorded-facts.md items 46-49). */
export function notADeadLetterQueue(): ExpectedError {
  return expectedError('InvalidParameterValue', 'Source queue must be configured as a Dead Letter Queue.', 'recorded', recorded('A6 item 46'));
}
export function destinationDoesNotExist(): ExpectedError {
  return expectedError(
    'ResourceNotFoundException',
    "The resource that you specified for the DestinationArn parameter doesn't exist.",
    'recorded',
    recorded('A6 item 47'),
  );
}
export function sourceDoesNotExist(): ExpectedError {
  return expectedError(
    'ResourceNotFoundException',
    "The resource that you specified for the SourceArn parameter doesn't exist.",
    'recorded',
    recorded('A6 item 49'),
  );
}
export function taskAlreadyRunning(): ExpectedError {
  return expectedError(
    'InvalidParameterValue',
    'There is already a task running. Only one active task is allowed for a source queue arn at a given time.',
    'recorded',
    recorded('A6 item 48'),
  );
}
export function invalidTaskHandle(): ExpectedError {
  return expectedError('InvalidParameterValue', 'Value for parameter TaskHandle is invalid.', 'recorded', recorded('A6 item 49'));
}
export function taskDoesNotExist(): ExpectedError {
  return expectedError('ResourceNotFoundException', 'Task does not exist.', 'recorded', recorded('A6 item 49'));
}
