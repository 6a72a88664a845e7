// ReceiveMessage: long polling, response shape and system attributes.
import { history, stampAt, type ReceivedMessage } from '../../../src/history/builder.js';
import type { CorpusCase } from '../../../src/suite/index.js';

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
