// Batches: every entry reported once, whole-request errors against per-entry failures, SenderFault,
// the members of a Successful entry, one message per entry (sqs-semantics.md 4.8, 12;
// aws-recorded-facts.md A8 items 78-84). The queue is a standard queue `q` with MaximumMessageSize
// 1024 (the recorded limit of items 82 and 85).
import { history, md5, type HistoryBuilder } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { ERRORS } from '../../../facts.js';

const Q = 'q';
const queue = (): HistoryBuilder => history().create(Q, { MaximumMessageSize: '1024' });
const A = (handle: string) => ({ id: 'A', body: 'm-a', handle });
const big = 'x'.repeat(1025);

/** A SendMessageBatch of e1 (m-a) answered with these Successful and Failed lists. */
const answered = (Successful: Record<string, unknown>[], Failed: Record<string, unknown>[] = []) =>
  queue().at(0).call('p1', 'SendMessageBatch', Q, { QueueUrl: Q, Entries: [{ Id: 'e1', MessageBody: 'm-a' }] }, { Successful, Failed });
const e1 = { Id: 'e1', MessageId: 'A', MD5OfMessageBody: md5('m-a') };

export const batchCases: CorpusCase[] = [
  {
    id: 'batch.entry-missing',
    bad: 'a SendMessageBatch of e1 and e2 answers e1 Successful and says nothing of e2',
    good: 'it answers both Successful',
    source: 'sqs-semantics.md 4.8, 12 (Successful and Failed are required members)',
    badHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: 'm-b', missing: true }]).build(),
    goodHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: 'm-b', message: 'B' }]).build(),
  },
  {
    id: 'batch.entry-twice',
    bad: 'the answer reports e1 both Successful and Failed',
    good: 'it reports e1 once, Successful',
    source: 'sqs-semantics.md 4.8, 12',
    badHistory: answered([e1], [{ Id: 'e1', SenderFault: false, Code: 'InternalError' }]).build(),
    goodHistory: answered([e1]).build(),
  },
  {
    id: 'batch.entry-unknown',
    bad: 'the answer also reports an entry e9 that was never requested',
    good: 'it reports e1 only',
    source: 'sqs-semantics.md 4.8, 12',
    badHistory: answered([e1, { Id: 'e9', MessageId: 'Z', MD5OfMessageBody: md5('m-a') }]).build(),
    goodHistory: answered([e1]).build(),
  },
  {
    id: 'batch.request-not-rejected',
    bad: 'a SendMessageBatch with the entry Id "invalid:id" is answered Successful',
    good: 'it fails as a whole with InvalidBatchEntryId',
    source: 'aws-recorded-facts.md A8 item 79',
    badHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'invalid:id', body: 'm-a', message: 'A' }]).build(),
    goodHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'invalid:id', body: 'm-a' }], { fail: ERRORS.invalidBatchEntryId }).build(),
  },
  {
    id: 'batch.request-rejected-for-entry',
    bad: 'a SendMessageBatch of a valid entry and one of 1025 bytes (MaximumMessageSize 1024) fails as a whole',
    good: 'the valid entry succeeds and the large one fails alone with HTTP 200',
    source: 'aws-recorded-facts.md A8 item 82',
    badHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'e1', body: 'm-a' }, { id: 'e2', body: big }], { fail: ERRORS.messageTooLong(1024) }).build(),
    goodHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: big, fail: ERRORS.batchEntryTooLong(1024) }]).build(),
  },
  {
    id: 'batch.request-rejected-for-entry',
    bad: 'a DeleteMessageBatch of a current handle and the garbage handle "garbage" fails as a whole with ReceiptHandleIsInvalid',
    good: 'the current handle deletes and the garbage entry fails alone',
    source: 'aws-recorded-facts.md A1 item 13; A8 items 82-83; sqs-semantics.md 12',
    badHistory: queue()
      .at(0).send('p1', Q, 'm-a', { id: 'A' })
      .at(100).receive('p2', Q, [A('h1')], { VisibilityTimeout: 30 })
      .at(200).handleBatch('p2', Q, 'DeleteMessageBatch', [{ id: 'd1', handle: 'h1' }, { id: 'd2', handle: 'garbage' }], { fail: ERRORS.invalidHandle('garbage') })
      .build(),
    goodHistory: queue()
      .at(0).send('p1', Q, 'm-a', { id: 'A' })
      .at(100).receive('p2', Q, [A('h1')], { VisibilityTimeout: 30 })
      .at(200).handleBatch('p2', Q, 'DeleteMessageBatch', [{ id: 'd1', handle: 'h1' }, { id: 'd2', handle: 'garbage', fail: ERRORS.invalidHandle('garbage') }])
      .build(),
  },
  {
    id: 'batch.sender-fault-wrong',
    bad: 'the entry of 1025 bytes fails alone but with SenderFault false',
    good: 'it fails with SenderFault true',
    source: 'aws-recorded-facts.md A8 item 82; sqs-semantics.md 12',
    badHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: big, fail: ERRORS.batchEntryTooLong(1024), senderFault: false }]).build(),
    goodHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: big, fail: ERRORS.batchEntryTooLong(1024) }]).build(),
  },
  {
    id: 'batch.successful-incomplete',
    bad: 'the Successful entry e1 has no MessageId',
    good: 'it has one',
    source: 'aws-recorded-facts.md A8 item 84',
    badHistory: answered([{ Id: 'e1', MD5OfMessageBody: md5('m-a') }]).build(),
    goodHistory: answered([e1]).build(),
  },
  {
    id: 'batch.message-id-repeated',
    bad: 'entries e1 and e2 of one standard-queue batch both answer MessageId A',
    good: 'they answer A and B',
    source: 'sqs-semantics.md 4.8; 2 (MessageIds)',
    badHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: 'm-b', message: 'A' }]).build(),
    goodHistory: queue().at(0).sendBatch('p1', Q, [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: 'm-b', message: 'B' }]).build(),
  },
];
