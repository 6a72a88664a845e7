// FIFO: order within a group, the group lock, exactly-once delivery, lapsed handles,
// deduplication and sequence numbers (sqs-semantics.md 9, 17; aws-recorded-facts.md A3, A7).
// The queue key is `q.fifo` (its name ends in .fifo and FifoQueue is true, item 52).
import { history, type HistoryBuilder } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { ERRORS } from '../../../facts.js';

const Q = 'q.fifo';
const g = (dedup: string, group = 'g') => ({ MessageGroupId: group, MessageDeduplicationId: dedup });
const A = (handle: string, attrs?: Record<string, string>) => ({ id: 'A', body: 'm-a', handle, ...(attrs ? { attrs } : {}) });
const B = (handle: string) => ({ id: 'B', body: 'm-b', handle });

/** A FIFO queue with A (sequence 1) sent at 0 and B (sequence 2) at 20, both in group g. */
function twoInGroup(attributes: Record<string, string> = {}): HistoryBuilder {
  return history()
    .create(Q, { FifoQueue: 'true', ...attributes })
    .at(0).send('p1', Q, 'm-a', { id: 'A', sequenceNumber: '1', input: g('d-a') })
    .at(20).send('p1', Q, 'm-b', { id: 'B', sequenceNumber: '2', input: g('d-b') });
}

export const fifoCases: CorpusCase[] = [
  {
    id: 'fifo.order-inverted',
    bad: 'A then B are sent to group g; the first receive returns B while A waits',
    good: 'it returns A',
    source: 'aws-recorded-facts.md A7 item 66; sqs-semantics.md 9',
    badHistory: twoInGroup().at(200).receive('p2', Q, [B('h1')]).build(),
    goodHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')]).build(),
  },
  {
    id: 'fifo.order-inverted',
    bad: 'one receive returns B before A',
    good: 'it returns A before B',
    source: 'aws-recorded-facts.md A7 item 66',
    badHistory: twoInGroup().at(200).receive('p2', Q, [B('h2'), A('h1')], { MaxNumberOfMessages: 10 }).build(),
    goodHistory: twoInGroup().at(200).receive('p2', Q, [A('h1'), B('h2')], { MaxNumberOfMessages: 10 }).build(),
  },
  {
    id: 'fifo.group-lock-violated',
    bad: 'A is received (VisibilityTimeout 30) and B of the same group is received while A is in flight',
    good: 'A is deleted before B is received',
    source: 'aws-recorded-facts.md A7 items 67, 72',
    badHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 30 }).at(600).receive('p3', Q, [B('h2')]).build(),
    goodHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 30 }).at(400).deleteMessage('p2', Q, 'h1').at(600).receive('p3', Q, [B('h2')]).build(),
  },
  {
    id: 'fifo.redelivered-early',
    bad: 'A is received with VisibilityTimeout 2 at 200 ms and again at 1 s',
    good: 'again at 2.5 s, after the timeout',
    source: 'sqs-semantics.md 9 (exactly-once), 5.3',
    badHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 2 }).at(1000).receive('p3', Q, [A('h2')]).build(),
    goodHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 2 }).at(2500).receive('p3', Q, [A('h2')]).build(),
  },
  {
    id: 'fifo.delivered-after-delete',
    bad: 'A is received (VisibilityTimeout 1), deleted at 400 ms, and received again at 2 s',
    good: 'it is not deleted, so receiving it again after its timeout is right',
    source: 'sqs-semantics.md 9 (exactly-once)',
    badHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 1 }).at(400).deleteMessage('p2', Q, 'h1').at(2000).receive('p3', Q, [A('h2')]).build(),
    goodHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 1 }).at(2000).receive('p3', Q, [A('h2')]).build(),
  },
  {
    id: 'fifo.lapsed-handle-accepted',
    bad: 'A is received with VisibilityTimeout 1; DeleteMessage with its handle at 2 s succeeds',
    good: 'it fails with "The receipt handle has expired."',
    source: 'aws-recorded-facts.md A3 item 27',
    badHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 1 }).at(2000).deleteMessage('p2', Q, 'h1').build(),
    goodHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 1 }).at(2000).deleteMessage('p2', Q, 'h1', { fail: ERRORS.handleExpired('h1') }).build(),
  },
  {
    id: 'fifo.deduplication-failed',
    bad: 'two sends of dedup id d (bodies m-a, m-b) 50 ms apart make two messages: both are received',
    good: 'the second is acknowledged with the first MessageId and only A comes back',
    source: 'aws-recorded-facts.md A7 items 57-58; sqs-semantics.md 9',
    badHistory: history()
      .create(Q, { FifoQueue: 'true' })
      .at(0).send('p1', Q, 'm-a', { id: 'A', sequenceNumber: '1', input: g('d') })
      .at(50).send('p1', Q, 'm-b', { id: 'B', sequenceNumber: '2', input: g('d') })
      .at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 30 })
      .at(400).deleteMessage('p2', Q, 'h1')
      .at(600).receive('p2', Q, [B('h2')])
      .build(),
    goodHistory: history()
      .create(Q, { FifoQueue: 'true' })
      .at(0).send('p1', Q, 'm-a', { id: 'A', sequenceNumber: '1', input: g('d') })
      .at(50).send('p1', Q, 'm-b', { id: 'A', sequenceNumber: '1', input: g('d') })
      .at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 30 })
      .at(400).deleteMessage('p2', Q, 'h1')
      .at(600).receive('p2', Q, [])
      .build(),
  },
  {
    id: 'fifo.deduplicated-answer-differs',
    bad: 'the deduplicated second send answers MessageId B (only A is ever delivered)',
    good: 'it answers A, the original',
    source: 'sqs-semantics.md 9 (OBS fakecloud#1569, http4k#1600)',
    badHistory: history()
      .create(Q, { FifoQueue: 'true', ContentBasedDeduplication: 'true' })
      .at(0).send('p1', Q, 'm-a', { id: 'A', sequenceNumber: '1', input: { MessageGroupId: 'g' } })
      .at(50).send('p1', Q, 'm-a', { id: 'B', sequenceNumber: '1', input: { MessageGroupId: 'g' } })
      .at(200).receive('p2', Q, [A('h1')])
      .build(),
    goodHistory: history()
      .create(Q, { FifoQueue: 'true', ContentBasedDeduplication: 'true' })
      .at(0).send('p1', Q, 'm-a', { id: 'A', sequenceNumber: '1', input: { MessageGroupId: 'g' } })
      .at(50).send('p1', Q, 'm-a', { id: 'A', sequenceNumber: '1', input: { MessageGroupId: 'g' } })
      .at(200).receive('p2', Q, [A('h1')])
      .build(),
  },
  {
    id: 'fifo.sequence-number-missing',
    bad: 'a send to a FIFO queue answers no SequenceNumber',
    good: 'it answers one',
    source: 'aws-recorded-facts.md A7 item 65',
    badHistory: history().create(Q, { FifoQueue: 'true' }).at(0).send('p1', Q, 'm-a', { id: 'A', input: g('d-a') }).build(),
    goodHistory: history().create(Q, { FifoQueue: 'true' }).at(0).send('p1', Q, 'm-a', { id: 'A', sequenceNumber: '18000000000000000001', input: g('d-a') }).build(),
  },
  {
    id: 'fifo.sequence-not-increasing',
    bad: 'A at 0 answers sequence 5 and B, sent at 200 ms to the same group, answers 3',
    good: 'B answers 7',
    source: 'aws-recorded-facts.md A7 item 65; sqs-semantics.md 9',
    badHistory: history().create(Q, { FifoQueue: 'true' }).at(0).send('p1', Q, 'm-a', { id: 'A', sequenceNumber: '5', input: g('d-a') }).at(200).send('p1', Q, 'm-b', { id: 'B', sequenceNumber: '3', input: g('d-b') }).build(),
    goodHistory: history().create(Q, { FifoQueue: 'true' }).at(0).send('p1', Q, 'm-a', { id: 'A', sequenceNumber: '5', input: g('d-a') }).at(200).send('p1', Q, 'm-b', { id: 'B', sequenceNumber: '7', input: g('d-b') }).build(),
  },
  {
    id: 'fifo.sequence-number-changed',
    bad: 'A, sent with sequence 1, is received with SequenceNumber 9',
    good: 'it is received with SequenceNumber 1',
    source: 'aws-recorded-facts.md A7 item 65',
    badHistory: twoInGroup().at(200).receive('p2', Q, [A('h1', { SequenceNumber: '9' })], { MessageSystemAttributeNames: ['SequenceNumber'] }).build(),
    goodHistory: twoInGroup().at(200).receive('p2', Q, [A('h1', { SequenceNumber: '1' })], { MessageSystemAttributeNames: ['SequenceNumber'] }).build(),
  },
  {
    id: 'fifo.attempt-retry-differs',
    bad: 'a receive with attempt id a1 returns A (h1); its retry with a1 returns A under another handle',
    good: 'the retry returns A with handle h1 again',
    source: 'sqs-semantics.md 9 [M]',
    badHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 5, ReceiveRequestAttemptId: 'a1' }).at(600).receive('p2', Q, [A('h2')], { VisibilityTimeout: 5, ReceiveRequestAttemptId: 'a1' }).build(),
    goodHistory: twoInGroup().at(200).receive('p2', Q, [A('h1')], { VisibilityTimeout: 5, ReceiveRequestAttemptId: 'a1' }).at(600).receive('p2', Q, [A('h1')], { VisibilityTimeout: 5, ReceiveRequestAttemptId: 'a1' }).build(),
  },
  {
    id: 'fair.group-id-missing',
    bad: 'a message sent with MessageGroupId g1 to a standard queue comes back without it',
    good: 'it comes back with MessageGroupId g1',
    source: 'sqs-semantics.md 10, 17 [M]',
    badHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', input: { MessageGroupId: 'g1' } }).at(200).receive('p2', 'q', [A('h1', {})], { MessageSystemAttributeNames: ['MessageGroupId'] }).build(),
    goodHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', input: { MessageGroupId: 'g1' } }).at(200).receive('p2', 'q', [A('h1', { MessageGroupId: 'g1' })], { MessageSystemAttributeNames: ['MessageGroupId'] }).build(),
  },
  {
    id: 'fair.sequence-number-present',
    bad: 'a send with MessageGroupId to a standard queue answers a SequenceNumber',
    good: 'it answers none',
    source: 'aws-recorded-facts.md A7 item 65',
    badHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', sequenceNumber: '1', input: { MessageGroupId: 'g1' } }).build(),
    goodHistory: history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', input: { MessageGroupId: 'g1' } }).build(),
  },
];
