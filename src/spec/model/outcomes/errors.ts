// The errors of DeleteMessage and ChangeMessageVisibility on handles that are not (or no longer)
// usable, shared by the standard and FIFO outcome tables. PURE.
import { expectedError } from '../../errors.js';
import type { ExpectedError, SourceRef } from '../../types.js';

export const recorded = (section: string): SourceRef => ({ file: 'aws-recorded-facts.md', section, evidence: 'recorded' });
export const documented = (section: string): SourceRef => ({ file: 'sqs-semantics.md', section, evidence: 'documented' });
export const observed = (section: string): SourceRef => ({ file: 'sqs-semantics.md', section, evidence: 'observed' });
export const inferred = (section: string): SourceRef => ({ file: 'sqs-semantics.md', section, evidence: 'inferred' });

/** `ReceiptHandleIsInvalid` for a handle never issued (aws-recorded-facts.md items 13 and 23). */
export function invalidHandleError(handle: string): ExpectedError {
  return expectedError(
    'ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not a valid receipt handle.`,
    'recorded',
    recorded('A1 item 13; A2 item 23'),
  );
}

/** CMV on a deleted message (aws-recorded-facts.md item 22). */
export function notAvailableForVisibilityChange(handle: string): ExpectedError {
  return expectedError(
    'InvalidParameterValue',
    `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
    'recorded',
    recorded('A2 item 22'),
  );
}

/** FIFO DeleteMessage with a lapsed handle (aws-recorded-facts.md item 27 [S]). */
export function receiptHandleExpired(handle: string): ExpectedError {
  return expectedError(
    'InvalidParameterValue',
    `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`,
    'recorded',
    recorded('A3 item 27'),
  );
}

/** Other answers real SQS has given for lapsed or changed handles (sqs-semantics.md 14 N16; 4.11). */
export function lapsedHandleAlternatives(handle: string): ExpectedError[] {
  const src = observed('14 N16; 4.11');
  return [
    expectedError('InvalidParameterValue', `Value ${handle} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`, 'observed', src),
    expectedError('MessageNotInflight', 'The message referred to is not in flight.', 'documented', documented('1.3; 4.11')),
    expectedError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, 'observed', src),
  ];
}
