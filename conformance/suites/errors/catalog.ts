// The errors suite's divergence ids (ranks 900-999): the error contract, the envelope an SDK reads
// an error from (src/check/rules/queues/envelope.ts). Whether the error itself is the right one is
// judged by the generic ids error.wrong-code, error.wrong-status and error.wrong-message.
import { rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { EnvelopeId } from '../../../src/check/index.js';

export const entries: CatalogEntries<EnvelopeId> = {
  'envelope.unparseable': {
    area: 'error-contract', rank: 900, strictness: 'guaranteed',
    summary: 'An error answer carried no error code a client could read.',
    rule: 'Every error answer names its error: over JSON in x-amzn-query-error and __type, over Query in Error/Code.',
    source: sem('1.2'), implies: [],
    explain: { default: '{call} answered HTTP {status} over {protocol} without an error code a client can read.' },
  },
  'envelope.query-error-missing': {
    area: 'error-contract', rank: 901, strictness: 'guaranteed',
    summary: 'A JSON error answer had no x-amzn-query-error header.',
    rule: 'JSON errors carry x-amzn-query-error: <Code>;<Sender|Receiver> (the AWS SDK for JavaScript v3 reads the code from it).',
    protocol: 'json',
    source: sem('1.2 (elasticmq#1188)'), implies: [],
    explain: { default: '{call} answered HTTP {status} without the x-amzn-query-error header; SQS sends {expected}.' },
  },
  'envelope.query-error-wrong': {
    area: 'error-contract', rank: 902, strictness: 'guaranteed',
    summary: 'The x-amzn-query-error header names another code than the error.',
    rule: 'x-amzn-query-error carries the Query code of the error (QueueDoesNotExist → AWS.SimpleQueueService.NonExistentQueue).',
    protocol: 'json',
    source: rec('A15 item 120; sqs-semantics.md 1.2'), implies: [],
    explain: { default: '{call} answered HTTP {status} with x-amzn-query-error {got}; SQS sends {expected}.' },
  },
  'envelope.type-wrong': {
    area: 'error-contract', rank: 903, strictness: 'guaranteed',
    summary: 'A JSON error\'s __type does not name the error shape.',
    rule: '__type is <namespace>#<Shape>: modelled errors by their shape (QueueDoesNotExist), InvalidParameterValue as InvalidParameterValueException, MissingParameter as MissingRequiredParameterException.',
    protocol: 'json',
    source: rec('A15 item 120; sqs-semantics.md 1.2-1.3'), implies: [],
    explain: { default: '{call} answered HTTP {status} with __type {got}; SQS names it {expected}.' },
  },
  'envelope.fault-wrong': {
    area: 'error-contract', rank: 904, strictness: 'guaranteed',
    summary: 'An error says Sender where SQS says Receiver, or the reverse.',
    rule: 'Client errors (4xx) are Sender faults, server errors Receiver faults, in x-amzn-query-error and in the Query Error/Type.',
    source: rec('A15 item 120'), implies: [],
    explain: { default: '{call} answered HTTP {status} with {got} in {where}; SQS says {expected}.' },
  },
  'envelope.xml-wrong': {
    area: 'error-contract', rank: 905, strictness: 'guaranteed',
    summary: 'A Query error answer is not an ErrorResponse document.',
    rule: 'Query errors are <ErrorResponse><Error><Type/><Code/><Message/><Detail/></Error><RequestId/></ErrorResponse>.',
    protocol: 'query',
    source: sem('1.2'), implies: [],
    explain: { default: '{call} answered HTTP {status} with {got} instead of an <ErrorResponse> document.' },
  },
  'envelope.content-type-wrong': {
    area: 'error-contract', rank: 906, strictness: 'typical',
    summary: 'An error answer has another Content-Type than SQS sends.',
    rule: 'JSON errors are application/x-amz-json-1.0; Query errors text/xml.',
    source: sem('1.1-1.2'), implies: [],
    explain: { default: '{call} answered HTTP {status} as {got}; SQS sends {expected}.' },
  },
  'envelope.request-id-missing': {
    area: 'error-contract', rank: 907, strictness: 'typical',
    summary: 'An error answer carried no request id.',
    rule: 'JSON errors carry x-amzn-RequestId; Query errors a RequestId element.',
    source: sem('1.2'), implies: [],
    explain: { default: '{call} answered HTTP {status} without a request id in {where}.' },
  },
};
