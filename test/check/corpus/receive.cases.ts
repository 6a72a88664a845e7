// ReceiveMessage: long polling, response shape and system attributes.
import { history, stampAt, type ReceivedMessage } from './builder.js';
import type { CorpusCase } from './corpus.js';

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

/** A and B sent; one receive with the given input returns both. */
function both(input: Record<string, unknown>) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(10).send('p1', 'q', 'm-b', { id: 'B' })
    .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }, { id: 'B', body: 'm-b', handle: 'h2' }], input)
    .build();
}

/** A received with VT 0 (h1) and again with handle `second`. */
function twice(second: string) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }], { VisibilityTimeout: 0 })
    .at(300).receive('p3', 'q', [{ id: 'A', body: 'm-a', handle: second }])
    .build();
}

/** A sent, then received once as `message` with the receive input `input`. */
function once(message: Partial<ReceivedMessage>, input: Record<string, unknown> = {}) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1', ...message }], input)
    .build();
}

export const receiveCases: CorpusCase[] = [
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
  {
    id: 'receive.too-many-messages',
    bad: 'a receive without MaxNumberOfMessages (default 1) returns A and B',
    good: 'the receive asked for MaxNumberOfMessages 2',
    source: 'sqs-semantics.md 4.9 (MaxNumberOfMessages 1-10, default 1)',
    badHistory: both({}),
    goodHistory: both({ MaxNumberOfMessages: 2 }),
  },
  {
    id: 'receive.handle-reused',
    bad: 'the second receive of A returns the same receipt handle h1',
    good: 'it returns a new handle h2',
    source: 'aws-recorded-facts.md A2 item 17 (every receive produces a new handle)',
    badHistory: twice('h1'),
    goodHistory: twice('h2'),
  },
  {
    id: 'receive.attribute-missing',
    bad: 'ApproximateReceiveCount requested but absent from the message',
    good: 'it is present ("1")',
    source: 'aws-recorded-facts.md A9 item 91; A1 item 10',
    badHistory: once({}, { MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
    goodHistory: once({ attrs: { ApproximateReceiveCount: '1' } }, { MessageSystemAttributeNames: ['ApproximateReceiveCount'] }),
  },
  {
    id: 'receive.attribute-unrequested',
    bad: 'no system attribute requested, yet the message carries SentTimestamp',
    good: 'the message carries no Attributes',
    source: 'aws-recorded-facts.md A1 item 10 (Attributes appears only when requested)',
    badHistory: once({ attrs: { SentTimestamp: stampAt(2) } }),
    goodHistory: once({}),
  },
  {
    id: 'receive.missing-field',
    bad: 'a received message lacks MD5OfBody',
    good: 'it has MessageId, ReceiptHandle, MD5OfBody and Body',
    source: 'aws-recorded-facts.md A1 item 10',
    badHistory: once({ omit: ['MD5OfBody'] }),
    goodHistory: once({}),
  },
];
