// PurgeQueue (sqs-semantics.md 4.6; aws-recorded-facts.md A12 items 113-114).
import { history } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';

const A = (handle: string) => ({ id: 'A', body: 'm-a', handle });
const IN_PROGRESS = { code: 'PurgeQueueInProgress', type: 'PurgeQueueInProgress', httpStatus: 403, message: 'Only one PurgeQueue operation on q is allowed every 60 seconds.' };

export const purgeCases: CorpusCase[] = [
  {
    id: 'purge.message-survived',
    bad: 'A is sent, the queue purged at 1 s, and A received at 62 s',
    good: 'A is received at 30 s, within the purge’s minute',
    source: 'aws-recorded-facts.md A12 item 113; sqs-semantics.md 4.6',
    badHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(1000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }).at(62_000).receive('p2', 'q', [A('h1')]).build(),
    goodHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(1000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }).at(30_000).receive('p2', 'q', [A('h1')]).build(),
  },
  {
    id: 'purge.second-accepted',
    bad: 'a second purge 1 s after the first succeeds',
    good: 'it fails with PurgeQueueInProgress (403)',
    source: 'aws-recorded-facts.md A12 item 114',
    badHistory: history().create('q').at(1000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }).at(2000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }).build(),
    goodHistory: history().create('q').at(1000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }).at(2000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }, {}, { fail: IN_PROGRESS }).build(),
  },
  {
    id: 'purge.rejected-late',
    bad: 'a purge 65 s after the last one fails with PurgeQueueInProgress',
    good: 'it succeeds',
    source: 'sqs-semantics.md 4.6',
    badHistory: history().create('q').at(1000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }).at(66_000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }, {}, { fail: IN_PROGRESS }).build(),
    goodHistory: history().create('q').at(1000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }).at(66_000).call('p1', 'PurgeQueue', 'q', { QueueUrl: 'q' }).build(),
  },
  {
    id: 'counts.out-of-range',
    bad: 'A is sent and received with a 30 s timeout; the counts then say 0 in flight',
    good: '0 visible, 1 in flight',
    source: 'sqs-semantics.md 3, 14 N6',
    grade: 'definite',
    badHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(200).receive('p1', 'q', [A('h1')], { VisibilityTimeout: 30 }).at(1500).call('p1', 'GetQueueAttributes', 'q', { QueueUrl: 'q', AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }, { Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' } }).build(),
    goodHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(200).receive('p1', 'q', [A('h1')], { VisibilityTimeout: 30 }).at(1500).call('p1', 'GetQueueAttributes', 'q', { QueueUrl: 'q', AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }, { Attributes: { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' } }).build(),
  },
];
