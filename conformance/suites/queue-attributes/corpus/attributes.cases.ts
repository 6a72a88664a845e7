// GetQueueAttributes key sets, defaults, formats and timestamps; values given at CreateQueue and
// by SetQueueAttributes read back; SetQueueAttributes changing behaviour (aws-recorded-facts.md A10;
// sqs-semantics.md 3).
import { history } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { standardQueueAll } from '../../../facts.js';
import { built, secondsAt } from '../../management-corpus.js';

const SUITE = 'queue-attributes';
const ALL = { AttributeNames: ['All'] };

/** A new standard queue `q` read with All by p1 at 100 ms, answering `change(defaults)`. */
function readNew(change: (all: Record<string, string>) => Record<string, string> = (a) => a, create: Record<string, string> | undefined = undefined) {
  const all = standardQueueAll('q', secondsAt(0));
  if (create) Object.assign(all, create);
  return built(history().create('q', create).at(100).call('p1', 'GetQueueAttributes', 'q', { QueueUrl: 'q', ...ALL }, { Attributes: change(all) }), SUITE);
}

/** `q` created at 0, VisibilityTimeout set to 9 by p1 at 2 s, read at 70 s (past the 60 s propagation, N14) showing `visibility`. */
function setThenRead(visibility: string) {
  const all = { ...standardQueueAll('q', secondsAt(0), secondsAt(2000)), VisibilityTimeout: visibility };
  return built(
    history()
      .create('q')
      .at(2000).call('p1', 'SetQueueAttributes', 'q', { QueueUrl: 'q', Attributes: { VisibilityTimeout: '9' } })
      .at(70_000).call('p1', 'GetQueueAttributes', 'q', { QueueUrl: 'q', ...ALL }, { Attributes: all }),
    SUITE,
  );
}

/** DelaySeconds set to 2 by p0 before any message; sent at 200 ms; a long poll from 210 ms returns it at `returnedAt`. */
function delayed(returnedAt: number) {
  return built(
    history()
      .call('p0', 'CreateQueue', 'q', { QueueName: 'q' }, { QueueUrl: 'http://sqs.local/000000000000/q' })
      .at(100).call('p0', 'SetQueueAttributes', 'q', { QueueUrl: 'q', Attributes: { DelaySeconds: '2' } })
      .at(200).send('p0', 'q', 'm-a', { id: 'A' })
      .at(210).receive('p0', 'q', [{ id: 'A', body: 'm-a', handle: 'h1' }], { WaitTimeSeconds: 4, MaxNumberOfMessages: 10 }, { durationMs: returnedAt - 210 }),
    SUITE,
  );
}

export const attributeCases: CorpusCase[] = [
  {
    id: 'queue-attributes.key-missing',
    bad: 'GetQueueAttributes All of a new standard queue has no VisibilityTimeout',
    good: 'it has the 12 recorded keys',
    source: 'aws-recorded-facts.md A10 item 96',
    badHistory: readNew((a) => {
      const { VisibilityTimeout: _gone, ...rest } = a;
      return rest;
    }),
    goodHistory: readNew(),
  },
  {
    id: 'queue-attributes.key-unexpected',
    bad: 'All of a standard queue also shows FifoQueue=false',
    good: 'it shows the standard keys only',
    source: 'aws-recorded-facts.md A10 items 96, 100',
    badHistory: readNew((a) => ({ ...a, FifoQueue: 'false' })),
    goodHistory: readNew(),
  },
  {
    id: 'queue-attributes.format-wrong',
    bad: 'CreatedTimestamp is in epoch milliseconds',
    good: 'it is in epoch seconds',
    source: 'sqs-semantics.md 3 (epoch seconds)',
    badHistory: readNew((a) => ({ ...a, CreatedTimestamp: `${a.CreatedTimestamp}000` })),
    goodHistory: readNew(),
  },
  {
    id: 'queue-attributes.default-wrong',
    bad: 'a new queue reports MaximumMessageSize 262144',
    good: 'it reports 1048576',
    source: 'aws-recorded-facts.md A10 item 96; A14 item 118',
    badHistory: readNew((a) => ({ ...a, MaximumMessageSize: '262144' })),
    goodHistory: readNew(),
  },
  {
    id: 'queue-attributes.create-not-applied',
    bad: 'a queue created with VisibilityTimeout 7 reports 30',
    good: 'it reports 7',
    source: 'sqs-semantics.md 3; 4.1',
    badHistory: readNew((a) => ({ ...a, VisibilityTimeout: '30' }), { VisibilityTimeout: '7' }),
    goodHistory: readNew((a) => a, { VisibilityTimeout: '7' }),
  },
  {
    id: 'queue-attributes.set-not-applied',
    bad: 'SetQueueAttributes VisibilityTimeout 9 succeeds; All reports 30 70 s later',
    good: 'it reports 9 (and LastModifiedTimestamp the second of the set)',
    source: 'sqs-semantics.md 4.4; aws-recorded-facts.md A10 item 106',
    badHistory: setThenRead('30'),
    goodHistory: setThenRead('9'),
  },
  {
    id: 'queue-attributes.timestamp-wrong',
    bad: 'CreatedTimestamp is an hour before the CreateQueue',
    good: 'it is the second of the CreateQueue',
    source: 'sqs-semantics.md 3',
    badHistory: readNew((a) => ({ ...a, CreatedTimestamp: String(Number(a.CreatedTimestamp) - 3600) })),
    goodHistory: readNew(),
  },
  {
    id: 'queue-attributes.set-not-effective',
    bad: 'DelaySeconds set to 2 before the send; a long poll returns the message 50 ms after it',
    good: 'the long poll returns it after 2.1 s',
    source: 'sqs-semantics.md 3; 5.2 (queue DelaySeconds); 14 N14',
    badHistory: delayed(260),
    goodHistory: delayed(2310),
    grade: 'definite',
  },
];
