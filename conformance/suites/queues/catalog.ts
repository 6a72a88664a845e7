// The queues suite's divergence ids (ranks 700-799): CreateQueue idempotency and re-creation,
// queue URLs, queues that exist or not, ListQueues (src/check/rules/queues: the oracle).
import { rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { QueueId } from '../../../src/check/index.js';

export const entries: CatalogEntries<QueueId> = {
  'queues.create-not-idempotent': {
    area: 'queues', rank: 700, strictness: 'guaranteed',
    summary: 'CreateQueue of an existing queue with the same values failed.',
    rule: 'CreateQueue is idempotent: with no attributes, or attributes equal to the queue\'s current values, it returns the existing URL.',
    source: rec('A11 items 105, 106'), implies: [],
    explain: { default: '{call} failed with {error}, but queue {queue} exists ({first}) with the values it names.' },
  },
  'queues.create-conflict-accepted': {
    area: 'queues', rank: 701, strictness: 'guaranteed',
    summary: 'CreateQueue of an existing queue with a different attribute value succeeded.',
    rule: 'A CreateQueue naming an attribute whose current value differs fails with QueueAlreadyExists (JSON QueueNameExists).',
    source: rec('A11 items 105-107'), implies: [],
    explain: { default: '{call} succeeded although queue {queue} has {attribute}={current}, not {requested}; SQS answers {expected}.' },
  },
  'queues.recreate-block-missing': {
    area: 'queues', rank: 702, strictness: 'typical',
    summary: 'A queue was created again within 60 s of its deletion.',
    rule: 'For 60 s after DeleteQueue, CreateQueue of the same name fails with QueueDeletedRecently.',
    source: rec('A11 item 108'), implies: [],
    explain: { default: '{call} created queue {queue} again {since} after {deleted} deleted it; SQS answers {expected} for 60 s.' },
  },
  'queues.url-wrong': {
    area: 'queues', rank: 703, strictness: 'guaranteed',
    summary: 'A queue URL does not name its queue, or differs between CreateQueue and GetQueueUrl.',
    rule: 'A queue URL is <endpoint>/<account>/<queue name>; CreateQueue, its idempotent repeats and GetQueueUrl answer the same URL.',
    source: sem('2; 4.1; 4.2'), implies: [],
    explain: { default: '{call} answered the URL {got} for queue {queue}: {why}.' },
  },
  'queues.not-found': {
    area: 'queues', rank: 704, strictness: 'guaranteed',
    summary: 'A call on an existing queue failed with QueueDoesNotExist.',
    rule: 'A created queue is there until it is deleted (after a short propagation AWS allows itself: 14 N12).',
    source: sem('4.2; 11; 14 N12'), implies: [],
    explain: { default: '{call} failed with {error}, but queue {queue} exists ({created}).' },
  },
  'queues.non-existent-accepted': {
    area: 'queues', rank: 705, strictness: 'guaranteed',
    summary: 'A call on a queue that does not exist succeeded.',
    rule: 'Every action on a queue that does not exist (never created, or deleted) fails with QueueDoesNotExist (AWS.SimpleQueueService.NonExistentQueue).',
    source: rec('A11 item 111; sqs-semantics.md 4.5'), implies: [],
    explain: { default: '{call} succeeded on queue {queue}, which {why}; SQS answers {expected}.' },
  },
  'queues.list-missing': {
    area: 'queues', rank: 706, strictness: 'guaranteed',
    summary: 'ListQueues left out a queue whose name has the prefix.',
    rule: 'ListQueues lists every queue whose name starts with QueueNamePrefix (across its pages).',
    source: rec('A11 item 110'), implies: [],
    explain: { default: '{call} listed {count} queue(s) with prefix {prefix} (all pages) and left out {missing}.' },
  },
  'queues.list-unexpected': {
    area: 'queues', rank: 707, strictness: 'guaranteed',
    summary: 'ListQueues listed a queue that does not exist or does not have the prefix.',
    rule: 'ListQueues lists only existing queues whose names start with QueueNamePrefix (case-sensitive).',
    source: rec('A11 item 110; sqs-semantics.md 4.3'), implies: [],
    explain: { default: '{call} listed {extra}, which {why}.' },
  },
  'queues.list-paging-wrong': {
    area: 'queues', rank: 708, strictness: 'guaranteed',
    summary: 'ListQueues paging broke its rules.',
    rule: 'At most MaxResults URLs per page; NextToken only with MaxResults and only while more results exist; no queue twice across pages.',
    source: sem('4.3'), implies: [],
    explain: { default: '{call} {what}.' },
  },
};
