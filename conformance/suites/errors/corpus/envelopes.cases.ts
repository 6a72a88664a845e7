// The error contract: what an SDK reads an error from, over JSON 1.0 and Query
// (sqs-semantics.md 1.2; aws-recorded-facts.md A15 items 120-121). Each case is a GetQueueUrl of a
// queue that does not exist (QueueDoesNotExist, item 111) with its answer's envelope as recorded.
import { history } from '../../../../src/history/builder.js';
import type { OpMeta } from '../../../../src/history/index.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { JSON_ENVELOPE, QUERY_ENVELOPE, QUEUE_ERRORS } from '../../../facts.js';
import { built } from '../../management-corpus.js';

const SUITE = 'errors';
const NON_EXISTENT = QUEUE_ERRORS.nonExistent();
const JSON_OK = JSON_ENVELOPE(NON_EXISTENT.code, NON_EXISTENT.type);

/** GetQueueUrl of a missing queue over JSON, failing with the recorded error and this envelope. */
function jsonError(meta: Partial<OpMeta>, error: { code?: string; type?: string } = {}) {
  const fail = { ...NON_EXISTENT, ...error };
  return built(history().call('p1', 'GetQueueUrl', 'ghost', { QueueName: 'ghost' }, {}, { fail, label: 'e' }), SUITE, { e: { protocol: 'json', ...meta } });
}

/** The same over Query (the Query text of item 111). */
function queryError(meta: Partial<OpMeta>) {
  const fail = QUEUE_ERRORS.nonExistent('query');
  const { type: _type, ...code } = fail;
  return built(history().call('p1', 'GetQueueUrl', 'ghost', { QueueName: 'ghost' }, {}, { fail: code, label: 'e' }), SUITE, { e: { protocol: 'query', ...QUERY_ENVELOPE, ...meta } });
}

const without = (key: keyof typeof JSON_OK) => {
  const { [key]: _gone, ...rest } = JSON_OK;
  return rest;
};

export const envelopeCases: CorpusCase[] = [
  {
    id: 'envelope.unparseable',
    bad: 'a 400 answer with an HTML body and no error code',
    good: 'a 400 JSON answer naming QueueDoesNotExist',
    source: 'sqs-semantics.md 1.2',
    badHistory: built(history().call('p1', 'GetQueueUrl', 'ghost', { QueueName: 'ghost' }, {}, { info: 'client-error', label: 'e' }), SUITE, { e: { protocol: 'json', httpStatus: 400, contentType: 'text/html' } }),
    goodHistory: jsonError(JSON_OK),
  },
  {
    id: 'envelope.query-error-missing',
    bad: 'the JSON error has no x-amzn-query-error header',
    good: 'it has AWS.SimpleQueueService.NonExistentQueue;Sender',
    source: 'sqs-semantics.md 1.2 (elasticmq#1188)',
    badHistory: jsonError(without('queryError'), { code: NON_EXISTENT.type }),
    goodHistory: jsonError(JSON_OK),
  },
  {
    id: 'envelope.query-error-wrong',
    bad: 'x-amzn-query-error is com.amazonaws.sqs#QueueDoesNotExist;Sender',
    good: 'it is AWS.SimpleQueueService.NonExistentQueue;Sender',
    source: 'aws-recorded-facts.md A15 item 120',
    badHistory: jsonError({ ...JSON_OK, queryError: 'com.amazonaws.sqs#QueueDoesNotExist;Sender' }, { code: 'com.amazonaws.sqs#QueueDoesNotExist' }),
    goodHistory: jsonError(JSON_OK),
  },
  {
    id: 'envelope.type-wrong',
    bad: '__type is com.amazonaws.sqs#NonExistentQueue',
    good: 'it is com.amazonaws.sqs#QueueDoesNotExist',
    source: 'aws-recorded-facts.md A15 item 120',
    badHistory: jsonError({ ...JSON_OK, errorType: 'com.amazonaws.sqs#NonExistentQueue' }),
    goodHistory: jsonError(JSON_OK),
  },
  {
    id: 'envelope.fault-wrong',
    bad: 'x-amzn-query-error says Receiver for a 400',
    good: 'it says Sender',
    source: 'aws-recorded-facts.md A15 item 120 (every recorded error is Sender)',
    badHistory: jsonError({ ...JSON_OK, queryError: `${NON_EXISTENT.code};Receiver` }),
    goodHistory: jsonError(JSON_OK),
  },
  {
    id: 'envelope.xml-wrong',
    bad: 'the Query error is an <Error> document',
    good: 'it is an <ErrorResponse> with the Query text of item 111',
    source: 'sqs-semantics.md 1.2; aws-recorded-facts.md A11 item 111',
    badHistory: queryError({ errorRoot: 'Error' }),
    goodHistory: queryError({}),
  },
  {
    id: 'envelope.content-type-wrong',
    bad: 'the JSON error is application/json',
    good: 'it is application/x-amz-json-1.0',
    source: 'sqs-semantics.md 1.1-1.2',
    badHistory: jsonError({ ...JSON_OK, contentType: 'application/json' }),
    goodHistory: jsonError(JSON_OK),
  },
  {
    id: 'envelope.request-id-missing',
    bad: 'the JSON error has no x-amzn-RequestId',
    good: 'it has one',
    source: 'sqs-semantics.md 1.2',
    badHistory: jsonError(without('requestId')),
    goodHistory: jsonError(JSON_OK),
  },
];
