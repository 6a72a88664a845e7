// CreateQueue idempotency and conflicts, re-creation within 60 s, queue URLs, queues that exist or
// not, ListQueues (aws-recorded-facts.md A11; sqs-semantics.md 4.1-4.5, 14 N11-N13).
import { history, type FailSpec } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { QUEUE_ERRORS, standardQueueAll } from '../../../facts.js';
import { built, secondsAt, urlOf } from '../../management-corpus.js';

const SUITE = 'queues';
const VT5 = { VisibilityTimeout: '5' };

/** `q` created with VisibilityTimeout 5, then CreateQueue again by p1 with `again`, answered `fail` or the URL. */
function createTwice(again: Record<string, string>, fail?: FailSpec) {
  return built(history().create('q', VT5).at(100).call('p1', 'CreateQueue', 'q', { QueueName: 'q', Attributes: again }, { QueueUrl: urlOf('q') }, fail ? { fail } : {}), SUITE);
}

/** `q` created, deleted at 100 ms, created again at 600 ms. */
function recreate(fail?: FailSpec) {
  return built(
    history()
      .create('q')
      .at(100).call('p1', 'DeleteQueue', 'q', { QueueUrl: 'q' })
      .at(600).call('p1', 'CreateQueue', 'q2', { QueueName: 'q' }, { QueueUrl: urlOf('q') }, fail ? { fail } : {}),
    SUITE,
  );
}

/** Queues pre-a and pre-b; ListQueues with the prefix, past the 60 s a new queue may take to be listed (N12), answers `urls`. */
function listed(urls: string[]) {
  return built(
    history()
      .create('pre-a')
      .create('pre-b')
      .at(61_000).call('p1', 'ListQueues', 'pre-a', { QueueNamePrefix: 'pre-' }, urls.length > 0 ? { QueueUrls: urls } : {}),
    SUITE,
  );
}

export const queueCases: CorpusCase[] = [
  {
    id: 'queues.create-not-idempotent',
    bad: 'CreateQueue again with the same VisibilityTimeout fails with QueueAlreadyExists',
    good: 'it answers the same URL',
    source: 'aws-recorded-facts.md A11 item 105',
    badHistory: createTwice(VT5, QUEUE_ERRORS.nameExists('VisibilityTimeout')),
    goodHistory: createTwice(VT5),
  },
  {
    id: 'queues.create-conflict-accepted',
    bad: 'CreateQueue again with VisibilityTimeout 6 succeeds',
    good: 'it fails with QueueAlreadyExists and the recorded text',
    source: 'aws-recorded-facts.md A11 items 105-106',
    badHistory: createTwice({ VisibilityTimeout: '6' }),
    goodHistory: createTwice({ VisibilityTimeout: '6' }, QUEUE_ERRORS.nameExists('VisibilityTimeout')),
  },
  {
    id: 'queues.recreate-block-missing',
    bad: 'a queue created again 0.5 s after its DeleteQueue',
    good: 'CreateQueue fails with QueueDeletedRecently',
    source: 'aws-recorded-facts.md A11 item 108',
    badHistory: recreate(),
    goodHistory: recreate(QUEUE_ERRORS.deletedRecently),
  },
  {
    id: 'queues.url-wrong',
    bad: 'GetQueueUrl of q answers another queue\'s URL',
    good: 'it answers the URL CreateQueue answered',
    source: 'sqs-semantics.md 2; 4.2',
    badHistory: built(history().create('q').at(100).call('p1', 'GetQueueUrl', 'q', { QueueName: 'q' }, { QueueUrl: urlOf('other') }), SUITE),
    goodHistory: built(history().create('q').at(100).call('p1', 'GetQueueUrl', 'q', { QueueName: 'q' }, { QueueUrl: urlOf('q') }), SUITE),
  },
  {
    id: 'queues.not-found',
    bad: 'GetQueueAttributes of a queue created 61 s before fails with QueueDoesNotExist',
    good: 'it answers the queue\'s attributes',
    source: 'sqs-semantics.md 4.2; 11; 14 N12 (usable within about 1 s)',
    badHistory: built(history().create('q').at(61_000).call('p1', 'GetQueueAttributes', 'q', { QueueUrl: 'q', AttributeNames: ['All'] }, {}, { fail: QUEUE_ERRORS.nonExistent() }), SUITE),
    goodHistory: built(history().create('q').at(61_000).call('p1', 'GetQueueAttributes', 'q', { QueueUrl: 'q', AttributeNames: ['All'] }, { Attributes: standardQueueAll('q', secondsAt(0)) }), SUITE),
  },
  {
    id: 'queues.non-existent-accepted',
    bad: 'GetQueueUrl of a queue never created answers a URL',
    good: 'it fails with QueueDoesNotExist and the recorded JSON text',
    source: 'aws-recorded-facts.md A11 item 111',
    badHistory: built(history().call('p1', 'GetQueueUrl', 'ghost', { QueueName: 'ghost' }, { QueueUrl: urlOf('ghost') }), SUITE),
    goodHistory: built(history().call('p1', 'GetQueueUrl', 'ghost', { QueueName: 'ghost' }, {}, { fail: QUEUE_ERRORS.nonExistent() }), SUITE),
  },
  {
    id: 'queues.list-missing',
    bad: 'ListQueues with prefix pre- (61 s after the creates) lists pre-a only',
    good: 'it lists pre-a and pre-b',
    source: 'aws-recorded-facts.md A11 item 110',
    badHistory: listed([urlOf('pre-a')]),
    goodHistory: listed([urlOf('pre-a'), urlOf('pre-b')]),
  },
  {
    id: 'queues.list-unexpected',
    bad: 'ListQueues 70 s after pre-a was deleted still lists it',
    good: 'it lists nothing (no QueueUrls key)',
    source: 'aws-recorded-facts.md A11 item 110; sqs-semantics.md 4.5, 14 N11 (gone within 60 s)',
    badHistory: built(history().create('pre-a').at(100).call('p1', 'DeleteQueue', 'pre-a', { QueueUrl: 'pre-a' }).at(70_000).call('p1', 'ListQueues', 'pre-a', { QueueNamePrefix: 'pre-' }, { QueueUrls: [urlOf('pre-a')] }), SUITE),
    goodHistory: built(history().create('pre-a').at(100).call('p1', 'DeleteQueue', 'pre-a', { QueueUrl: 'pre-a' }).at(70_000).call('p1', 'ListQueues', 'pre-a', { QueueNamePrefix: 'pre-' }, {}), SUITE),
  },
  {
    id: 'queues.list-paging-wrong',
    bad: 'ListQueues with MaxResults 1 answers two URLs',
    good: 'it answers one and a NextToken; the next page the other',
    source: 'sqs-semantics.md 4.3',
    badHistory: built(history().create('pre-a').create('pre-b').at(100).call('p1', 'ListQueues', 'pre-a', { QueueNamePrefix: 'pre-', MaxResults: 1 }, { QueueUrls: [urlOf('pre-a'), urlOf('pre-b')] }), SUITE),
    goodHistory: built(
      history()
        .create('pre-a')
        .create('pre-b')
        .at(100).call('p1', 'ListQueues', 'pre-a', { QueueNamePrefix: 'pre-', MaxResults: 1 }, { QueueUrls: [urlOf('pre-a')], NextToken: 't1' })
        .at(200).call('p1', 'ListQueues', 'pre-a', { QueueNamePrefix: 'pre-', MaxResults: 1, NextToken: 't1' }, { QueueUrls: [urlOf('pre-b')] }),
      SUITE,
    ),
  },
];
