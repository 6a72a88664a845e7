// Accounting of messages: lost, unexpected, changed, duplicated, checksums.
import { history, md5 } from '../../../src/history/builder.js';
import type { CorpusCase } from '../../../src/suite/index.js';

/** Send A then receive a message with the given id and body. */
function receiveAs(id: string, body: string, extra: { md5?: string } = {}) {
  return history()
    .create('q')
    .at(0)
    .send('p1', 'q', 'm-a', { id: 'A' })
    .at(100)
    .receive('p2', 'q', [{ id, body, handle: 'h1', ...extra }])
    .build();
}

export const messageCases: CorpusCase[] = [
  {
    id: 'message.unexpected',
    bad: 'a receive returns message Z with a body no send produced',
    good: 'the receive returns A as sent',
    source: 'sqs-semantics.md 5.1 (only sent messages are delivered)',
    badHistory: receiveAs('Z', 'zzz'),
    goodHistory: receiveAs('A', 'm-a'),
  },
  {
    id: 'message.body-changed',
    bad: 'A comes back with body "m-b" (and the matching MD5 of that body)',
    good: 'A comes back with body "m-a"',
    source: 'aws-recorded-facts.md A1 item 3 (bodies come back byte-exact)',
    badHistory: receiveAs('A', 'm-b'),
    goodHistory: receiveAs('A', 'm-a'),
  },
  {
    id: 'message.id-changed',
    bad: 'the body of A comes back under MessageId B',
    good: 'it comes back under MessageId A',
    source: 'sqs-semantics.md 2 (MessageId kept for the life of the message)',
    badHistory: receiveAs('B', 'm-a'),
    goodHistory: receiveAs('A', 'm-a'),
  },
  {
    id: 'message.md5-mismatch',
    bad: 'SendMessage returns an MD5OfMessageBody that is not the MD5 of the body',
    good: 'it returns md5("m-a")',
    source: 'aws-recorded-facts.md A1 item 1',
    badHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', md5: md5('m-b') }).build(),
    goodHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', md5: md5('m-a') }).build(),
  },
  {
    id: 'message.md5-mismatch',
    bad: 'a received message carries an MD5OfBody that is not the MD5 of its body',
    good: 'MD5OfBody is md5("m-a")',
    source: 'aws-recorded-facts.md A1 item 1 (on receive, MD5OfBody is the same value)',
    badHistory: receiveAs('A', 'm-a', { md5: '78e731027d8fd50ed642340b7c9a63b3' }),
    goodHistory: receiveAs('A', 'm-a', { md5: md5('m-a') }),
  },
  {
    id: 'message.duplicated',
    bad: 'one response (MaxNumberOfMessages 10) contains A twice',
    good: 'the response contains A and B, two different messages',
    source: 'sqs-semantics.md 8 (duplicates arrive in separate receives; inferred)',
    badHistory: history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(10).send('p1', 'q', 'm-b', { id: 'B' })
      .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }, { id: 'A', body: 'm-a', handle: 'h2' }], { MaxNumberOfMessages: 10 })
      .build(),
    goodHistory: history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(10).send('p1', 'q', 'm-b', { id: 'B' })
      .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }, { id: 'B', body: 'm-b', handle: 'h2' }], { MaxNumberOfMessages: 10 })
      .build(),
  },
];
