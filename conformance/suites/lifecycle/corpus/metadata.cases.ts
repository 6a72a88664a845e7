// Retention, ApproximateReceiveCount and the message timestamps.
import { history, stampAt } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { MIN_RETENTION_SECONDS } from '../../../facts.js';

/** Retention 60 s; A sent at 0 and received at `receiveAt`. */
function retained(receiveAt: number) {
  return history()
    .create('q', { MessageRetentionPeriod: String(MIN_RETENTION_SECONDS) })
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(receiveAt).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }])
    .build();
}

const COUNT = { MessageSystemAttributeNames: ['ApproximateReceiveCount'] };

/** A received twice (VT 0 each time); the second receive reports ApproximateReceiveCount `second`. */
function counted(second: string) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1', attrs: { ApproximateReceiveCount: '1' } }], { ...COUNT, VisibilityTimeout: 0 })
    .at(300).receive('p3', 'q', [{ id: 'A', body: 'm-a', handle: 'h2', attrs: { ApproximateReceiveCount: second } }], { ...COUNT, VisibilityTimeout: 0 })
    .build();
}

/** A sent at 0–5 ms; received at 100 ms reporting SentTimestamp = wall time of `sentMs`. */
function sentStamp(sentMs: number) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1', attrs: { SentTimestamp: stampAt(sentMs) } }], { MessageSystemAttributeNames: ['SentTimestamp'] })
    .build();
}

/** A received at 100 ms (VT 0) and at 3 s; the second receive reports ApproximateFirstReceiveTimestamp at `firstMs`. */
function firstStamp(firstMs: number) {
  const names = { MessageSystemAttributeNames: ['ApproximateFirstReceiveTimestamp'] };
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1', attrs: { ApproximateFirstReceiveTimestamp: stampAt(102) } }], { ...names, VisibilityTimeout: 0 })
    .at(3000).receive('p3', 'q', [{ id: 'A', body: 'm-a', handle: 'h2', attrs: { ApproximateFirstReceiveTimestamp: stampAt(firstMs) } }], names)
    .build();
}

export const metadataCases: CorpusCase[] = [
  {
    id: 'retention.expired-late',
    bad: 'retention 60 s: A is received at 63 s (beyond retention + 2 s slack)',
    good: 'it is received at 61 s (within the slack)',
    source: 'aws-recorded-facts.md A5 item 39; sqs-semantics.md 14 N9',
    badHistory: retained(63_000),
    goodHistory: retained(61_000),
    grade: 'suspect',
  },
  {
    id: 'receive-count.too-low',
    bad: 'the second receive of A reports ApproximateReceiveCount 1',
    good: 'it reports 2',
    source: 'sqs-semantics.md 5.4; 14 N17 (count ≥ receives observed)',
    badHistory: counted('1'),
    goodHistory: counted('2'),
  },
  {
    id: 'receive-count.wrong',
    bad: 'the second receive of A reports ApproximateReceiveCount 3 with no other receive in the history',
    good: 'it reports 2',
    source: 'aws-recorded-facts.md A7 item 76; A6 item 41 (1, 2, … across receives)',
    badHistory: counted('3'),
    goodHistory: counted('2'),
  },
  {
    id: 'timestamp.sent-wrong',
    bad: 'SentTimestamp is 5 s after the send (clock skew tolerance 1 s)',
    good: 'SentTimestamp is 2 ms after the send began',
    source: 'aws-recorded-facts.md A1 item 9',
    badHistory: sentStamp(5000),
    goodHistory: sentStamp(2),
    grade: 'definite',
  },
  {
    id: 'timestamp.first-receive-wrong',
    bad: 'the second receive (3 s) reports its own time as ApproximateFirstReceiveTimestamp',
    good: 'it reports the time of the first receive (100 ms)',
    source: 'sqs-semantics.md 5.4 (time of first receive, does not change)',
    badHistory: firstStamp(3002),
    goodHistory: firstStamp(102),
  },
];
