// Long polls and the final drain: a poll must not wait while a message is visible, an empty one
// waits its full time, and a message visible at the end of the drain is lost.
import { history } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';

const DRAIN = { WaitTimeSeconds: 1, VisibilityTimeout: 600 };

/** Send A; optionally receive and delete it; the drain's last long poll (1 s) comes back empty. */
function drainAfter(deleted: boolean) {
  const h = history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A' });
  if (deleted) h.at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }]).at(1000).deleteMessage('p2', 'q', 'h1');
  return h.at(3000).receive('drain', 'q', [], DRAIN, { durationMs: 1000 }).build();
}

/** A sent at `sendAt`; a 1 s long poll from 100 ms returns empty; A is received at 1.5 s (or later). */
function pollWhile(sendAt: number) {
  return history()
    .create('q')
    .at(sendAt).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [], { WaitTimeSeconds: 1 }, { durationMs: 1000 })
    .at(1500).receive('p3', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }])
    .build();
}

/** An empty queue; one empty long poll with WaitTimeSeconds 2 that lasts `durationMs`. */
function emptyPoll(durationMs: number) {
  return history().create('q').at(100).receive('p2', 'q', [], { WaitTimeSeconds: 2 }, { durationMs }).build();
}

/** Queue ReceiveMessageWaitTimeSeconds 2; a receive without WaitTimeSeconds returns empty after `durationMs`. */
function queueDefaultPoll(durationMs: number) {
  return history().create('q', { ReceiveMessageWaitTimeSeconds: '2' }).at(100).receive('p2', 'q', [], {}, { durationMs }).build();
}

export const pollCases: CorpusCase[] = [
  {
    id: 'message.lost',
    bad: 'the drain long-polls empty at 3 s while A, sent at 0 and never received, is visible',
    good: 'A is received and deleted before the drain',
    source: 'sqs-semantics.md 5.1, 5.7 (kept until deleted or retention ends)',
    badHistory: drainAfter(false),
    goodHistory: drainAfter(true),
  },
  {
    id: 'receive.empty-while-visible',
    bad: 'A is sent at 0; a 1 s long poll from 100 ms returns empty while A sits visible',
    good: 'A is sent at 1.2 s, after the same poll has ended',
    source: 'aws-recorded-facts.md A13 items 115-116',
    badHistory: pollWhile(0),
    goodHistory: pollWhile(1200),
  },
  {
    id: 'receive.long-poll-returned-early',
    bad: 'an empty WaitTimeSeconds 2 poll returns after 500 ms',
    good: 'it returns after 2000 ms',
    source: 'aws-recorded-facts.md A13 item 116',
    badHistory: emptyPoll(500),
    goodHistory: emptyPoll(2000),
    grade: 'definite',
  },
  {
    id: 'receive.long-poll-returned-early',
    bad: 'queue ReceiveMessageWaitTimeSeconds 2: a receive without WaitTimeSeconds returns empty after 5 ms',
    good: 'it returns after 2000 ms',
    source: 'aws-recorded-facts.md A13 item 116 (the queue attribute applies when the request leaves WaitTimeSeconds out)',
    badHistory: queueDefaultPoll(5),
    goodHistory: queueDefaultPoll(2000),
  },
];
