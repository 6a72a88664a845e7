// Parameter validation and error shapes (code, HTTP status, text), using recorded AWS errors.
import { history, type CallOptions } from '../../../src/history/builder.js';
import type { CorpusCase } from '../../../src/suite/index.js';
import { ERRORS, type Fact } from '../../../conformance/facts.js';

/** A receive with the given MaxNumberOfMessages on an empty queue, with the given outcome. */
function receiveMax(max: number, opts: CallOptions = {}) {
  return history().create('q').at(100).receive('p2', 'q', [], { MaxNumberOfMessages: max }, opts).build();
}

/** A receive with the given WaitTimeSeconds on an empty queue, with the given outcome. */
function receiveWait(wait: number, opts: CallOptions = {}) {
  return history().create('q').at(100).receive('p2', 'q', [], { WaitTimeSeconds: wait }, opts).build();
}

/** SendMessage with an empty body, with the given outcome. */
function emptyBody(opts: CallOptions = {}) {
  return history().create('q').at(0).send('p1', 'q', '', { id: 'A', ...opts }).build();
}

/** A received and deleted, then ChangeMessageVisibility(h1, 10) failing with `fail`. */
function cmvDeleted(fail: Fact) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }])
    .at(300).deleteMessage('p2', 'q', 'h1')
    .at(500).changeVisibility('p2', 'q', 'h1', 10, { fail })
    .build();
}

const max11 = ERRORS.maxNumberOfMessages11;

export const validationCases: CorpusCase[] = [
  {
    id: 'validation.accepted-invalid',
    bad: 'ReceiveMessage with MaxNumberOfMessages 11 succeeds',
    good: 'it fails with the recorded InvalidParameterValue',
    source: max11.source,
    badHistory: receiveMax(11),
    goodHistory: receiveMax(11, { fail: max11 }),
  },
  {
    id: 'validation.accepted-invalid',
    bad: 'ReceiveMessage with WaitTimeSeconds 21 succeeds',
    good: 'it fails with the recorded InvalidParameterValue',
    source: ERRORS.waitTimeSeconds21.source,
    badHistory: receiveWait(21, { durationMs: 21_000 }), // waited the 21 s it was (wrongly) given
    goodHistory: receiveWait(21, { fail: ERRORS.waitTimeSeconds21 }),
  },
  {
    id: 'validation.accepted-invalid',
    bad: 'SendMessage with an empty body succeeds',
    good: 'it fails with MissingParameter',
    source: ERRORS.emptyBody.source,
    badHistory: emptyBody(),
    goodHistory: emptyBody({ fail: ERRORS.emptyBody }),
  },
  {
    id: 'validation.rejected-valid',
    bad: 'ReceiveMessage with MaxNumberOfMessages 10 (the maximum) fails with InvalidParameterValue',
    good: 'it succeeds',
    source: 'aws-recorded-facts.md A1 item 6 (1-10 allowed)',
    badHistory: receiveMax(10, { fail: { ...max11, message: max11.message.replace('Value 11', 'Value 10') } }),
    goodHistory: receiveMax(10),
  },
  {
    id: 'error.wrong-code',
    bad: 'MaxNumberOfMessages 11 is rejected with ValidationError',
    good: 'it is rejected with InvalidParameterValue',
    source: max11.source,
    badHistory: receiveMax(11, { fail: { ...max11, code: 'ValidationError', type: 'ValidationException' } }),
    goodHistory: receiveMax(11, { fail: max11 }),
  },
  {
    id: 'error.wrong-code',
    bad: 'an empty body is rejected with InvalidParameterValue',
    good: 'it is rejected with MissingParameter',
    source: 'aws-recorded-facts.md A1 item 2 ("It is not reported as InvalidParameterValue")',
    badHistory: emptyBody({ fail: { ...ERRORS.emptyBody, code: 'InvalidParameterValue', type: 'InvalidParameterValueException' } }),
    goodHistory: emptyBody({ fail: ERRORS.emptyBody }),
  },
  {
    id: 'error.wrong-code',
    bad: 'ChangeMessageVisibility after delete fails with InternalError',
    good: 'it fails with the recorded InvalidParameterValue',
    source: 'aws-recorded-facts.md A2 item 22',
    badHistory: cmvDeleted({ ...ERRORS.notAvailableForVisibilityChange('h1'), code: 'InternalError', type: 'InternalError' }),
    goodHistory: cmvDeleted(ERRORS.notAvailableForVisibilityChange('h1')),
  },
  {
    id: 'error.wrong-status',
    bad: 'MaxNumberOfMessages 11 is rejected with the right code and text but HTTP 403',
    good: 'HTTP 400',
    source: 'aws-recorded-facts.md A1 item 6 (400); sqs-semantics.md 1.3',
    badHistory: receiveMax(11, { fail: { ...max11, httpStatus: 403 } }),
    goodHistory: receiveMax(11, { fail: max11 }),
  },
  {
    id: 'error.wrong-message',
    bad: 'MaxNumberOfMessages 11 is rejected with the right code and status but another text',
    good: 'the recorded text',
    source: max11.source,
    badHistory: receiveMax(11, { fail: { ...max11, message: 'MaxNumberOfMessages must be between 1 and 10.' } }),
    goodHistory: receiveMax(11, { fail: max11 }),
  },
  {
    id: 'error.wrong-message',
    bad: 'ChangeMessageVisibility after delete fails with InvalidParameterValue but the "expired" text',
    good: 'the recorded "does not exist or is not available" text',
    source: 'aws-recorded-facts.md A2 item 22',
    badHistory: cmvDeleted(ERRORS.handleExpired('h1')),
    goodHistory: cmvDeleted(ERRORS.notAvailableForVisibilityChange('h1')),
  },
];
