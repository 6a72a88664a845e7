// Dead-letter queues: the move after maxReceiveCount receives, what a moved message carries, and
// ListDeadLetterSourceQueues (sqs-semantics.md 5.5, 4.14; aws-recorded-facts.md A6 items 40-43).
import { history, type HistoryBuilder } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';

const ARN = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const A = (handle: string, attrs?: Record<string, string>) => ({ id: 'A', body: 'm-a', handle, ...(attrs ? { attrs } : {}) });
/** A copy in `dest`: a new MessageId for a body of the DLQ. */
const C = (id: string, body: string) => ({ id, body, handle: `h-${id}` });

/** A DLQ `dlq`, a source `q` (VisibilityTimeout 1) whose RedrivePolicy names it with `max`, and A sent at 100 ms. */
function pair(max: number): HistoryBuilder {
  return history()
    .create('dlq')
    .at(5).getQueueAttributes('setup', 'dlq', { QueueArn: ARN('dlq') })
    .at(10).create('q', { VisibilityTimeout: '1' })
    .at(20).call('setup', 'SetQueueAttributes', 'q', { QueueUrl: 'q', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN('dlq'), maxReceiveCount: max }) } })
    .at(30).getQueueAttributes('setup', 'q', { QueueArn: ARN('q') })
    .at(100).send('p1', 'q', 'm-a', { id: 'A' });
}

export const redriveCases: CorpusCase[] = [
  {
    id: 'redrive.not-moved',
    bad: 'maxReceiveCount 1: A is received with VisibilityTimeout 0, then returned again by the source',
    good: 'the second receive of the source finds nothing and the DLQ returns A',
    source: 'aws-recorded-facts.md A6 item 40',
    badHistory: pair(1).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 }).at(400).receive('p2', 'q', [A('h2')]).build(),
    goodHistory: pair(1).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 }).at(400).receive('p2', 'q', []).at(600).receive('p3', 'dlq', [A('h2')]).build(),
  },
  {
    id: 'redrive.moved-early',
    bad: 'maxReceiveCount 2: A, received once, comes back from the DLQ',
    good: 'A is received twice before the DLQ returns it',
    source: 'aws-recorded-facts.md A6 item 40; sqs-semantics.md 5.5',
    badHistory: pair(2).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 }).at(600).receive('p3', 'dlq', [A('h2')]).build(),
    goodHistory: pair(2).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 }).at(400).receive('p2', 'q', [A('h2')], { VisibilityTimeout: 0 }).at(600).receive('p3', 'dlq', [A('h3')]).build(),
  },
  {
    id: 'redrive.moved-in-flight',
    bad: 'maxReceiveCount 1: A, received with VisibilityTimeout 5, comes back from the DLQ 300 ms later, still in flight',
    good: 'it comes back from the DLQ after its timeout',
    source: 'aws-recorded-facts.md A6 item 40 (the move is lazy: on a receive, once visible)',
    badHistory: pair(1).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 5 }).at(500).receive('p3', 'dlq', [A('h2')]).build(),
    goodHistory: pair(1).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 5 }).at(5600).receive('p3', 'dlq', [A('h2')]).build(),
  },
  {
    id: 'redrive.received-after-move',
    bad: 'A moves to the DLQ and is received there, then the source returns it again',
    good: 'the source returns nothing after the move',
    source: 'sqs-semantics.md 5.5',
    badHistory: pair(1).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 }).at(400).receive('p3', 'dlq', [A('h2')], { VisibilityTimeout: 30 }).at(600).receive('p2', 'q', [A('h3')]).build(),
    goodHistory: pair(1).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 }).at(400).receive('p3', 'dlq', [A('h2')], { VisibilityTimeout: 30 }).at(600).receive('p2', 'q', []).build(),
  },
  {
    id: 'redrive.source-arn-wrong',
    bad: 'A received from the DLQ names another queue as DeadLetterQueueSourceArn',
    good: 'it names its source q',
    source: 'aws-recorded-facts.md A6 item 41',
    badHistory: pair(1).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 }).at(400).receive('p3', 'dlq', [A('h2', { DeadLetterQueueSourceArn: ARN('other') })], { MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'] }).build(),
    goodHistory: pair(1).at(200).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 }).at(400).receive('p3', 'dlq', [A('h2', { DeadLetterQueueSourceArn: ARN('q') })], { MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'] }).build(),
  },
  {
    id: 'redrive.sources-list-wrong',
    bad: 'ListDeadLetterSourceQueues on dlq answers no queue',
    good: 'it answers q',
    source: 'aws-recorded-facts.md A6 item 43; sqs-semantics.md 4.14',
    badHistory: pair(1).at(200).call('p2', 'ListDeadLetterSourceQueues', 'dlq', { QueueUrl: 'dlq' }, { queueUrls: [] }).build(),
    goodHistory: pair(1).at(200).call('p2', 'ListDeadLetterSourceQueues', 'dlq', { QueueUrl: 'dlq' }, { queueUrls: ['http://sqs.local/000000000000/q'] }).build(),
  },
  {
    id: 'move-task.rate-exceeded',
    bad: 'a task with MaxNumberOfMessagesPerSecond 1 delivers its third copy 300 ms after it started',
    good: 'the third copy arrives 2.5 s after',
    source: 'aws-recorded-facts.md A6 item 51',
    badHistory: moved().at(1000).call('p1', 'StartMessageMoveTask', 'dlq', { SourceArn: ARN('dlq'), DestinationArn: ARN('dest'), MaxNumberOfMessagesPerSecond: 1 }, { TaskHandle: 't1' }).at(1300).receive('p2', 'dest', [C('c1', 'm-a'), C('c2', 'm-b'), C('c3', 'm-c')], { MaxNumberOfMessages: 10, VisibilityTimeout: 30 }).build(),
    goodHistory: moved().at(1000).call('p1', 'StartMessageMoveTask', 'dlq', { SourceArn: ARN('dlq'), DestinationArn: ARN('dest'), MaxNumberOfMessagesPerSecond: 1 }, { TaskHandle: 't1' }).at(1300).receive('p2', 'dest', [C('c1', 'm-a')], { MaxNumberOfMessages: 10, VisibilityTimeout: 30 }).at(3500).receive('p2', 'dest', [C('c2', 'm-b'), C('c3', 'm-c')], { MaxNumberOfMessages: 10, VisibilityTimeout: 30 }).build(),
  },
  {
    id: 'move-task.list-wrong',
    bad: 'ListMessageMoveTasks shows a COMPLETED task with its TaskHandle',
    good: 'a COMPLETED task without one',
    source: 'aws-recorded-facts.md A6 item 50',
    badHistory: moved().at(1000).call('p1', 'StartMessageMoveTask', 'dlq', { SourceArn: ARN('dlq'), DestinationArn: ARN('dest') }, { TaskHandle: 't1' }).at(1500).call('p1', 'ListMessageMoveTasks', 'dlq', { SourceArn: ARN('dlq') }, { Results: [{ Status: 'COMPLETED', TaskHandle: 't1', SourceArn: ARN('dlq'), DestinationArn: ARN('dest'), ApproximateNumberOfMessagesMoved: 3, StartedTimestamp: 1 }] }).build(),
    goodHistory: moved().at(1000).call('p1', 'StartMessageMoveTask', 'dlq', { SourceArn: ARN('dlq'), DestinationArn: ARN('dest') }, { TaskHandle: 't1' }).at(1500).call('p1', 'ListMessageMoveTasks', 'dlq', { SourceArn: ARN('dlq') }, { Results: [{ Status: 'COMPLETED', SourceArn: ARN('dlq'), DestinationArn: ARN('dest'), ApproximateNumberOfMessagesMoved: 3, StartedTimestamp: 1 }] }).build(),
  },
];

/** `dlq` (with its ARN), `dest`, and three messages m-a, m-b, m-c sent straight to the DLQ. */
function moved(): HistoryBuilder {
  return history()
    .create('dlq')
    .at(5).getQueueAttributes('setup', 'dlq', { QueueArn: ARN('dlq') })
    .at(10).create('q')
    .at(15).call('setup', 'SetQueueAttributes', 'q', { QueueUrl: 'q', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN('dlq'), maxReceiveCount: 1 }) } })
    .at(20).create('dest')
    .at(25).getQueueAttributes('setup', 'dest', { QueueArn: ARN('dest') })
    .at(100).send('p1', 'dlq', 'm-a', { id: 'A' })
    .at(120).send('p1', 'dlq', 'm-b', { id: 'B' })
    .at(140).send('p1', 'dlq', 'm-c', { id: 'C' });
}
