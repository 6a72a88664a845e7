// The redrive suite's divergence ids: the move into a dead-letter queue and what it carries, and
// ListDeadLetterSourceQueues (src/check/rules/redrive.ts and the lifecycle search).
import { rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { MoveTaskId } from '../../../src/check/rules/move-tasks.js';
import type { RedriveId } from '../../../src/check/rules/redrive.js';

export const entries: CatalogEntries<RedriveId | MoveTaskId> = {
  'redrive.not-moved': {
    area: 'redrive', rank: 400, strictness: 'guaranteed',
    summary: 'A message was returned by more receives than its queue’s maxReceiveCount.',
    rule: 'With a RedrivePolicy, a message is returned by at most maxReceiveCount receives; the receive that would exceed it moves the message to the dead-letter queue instead.',
    source: rec('A6 item 40; sqs-semantics.md 5.5'), implies: [],
    explain: { default: '{receive} returned {message} as receive number {count}, past maxReceiveCount {max}: it should have moved to the dead-letter queue.' },
  },
  'redrive.moved-early': {
    area: 'redrive', rank: 401, strictness: 'guaranteed',
    summary: 'A message reached the dead-letter queue before its receives were used up.',
    rule: 'A message moves only on a receive after maxReceiveCount receives.',
    source: rec('A6 items 40-41; sqs-semantics.md 5.5'), implies: [],
    explain: { default: '{receive} returned {message} from the dead-letter queue after only {count} of its maxReceiveCount {max} receives.' },
  },
  'redrive.moved-in-flight': {
    area: 'redrive', rank: 405, strictness: 'typical',
    summary: 'A message reached the dead-letter queue while it was still in flight in its source.',
    rule: 'The move is lazy: a receive moves the message once it is visible again (standard queues may rarely hand out an in-flight message early, so this is typical).',
    source: rec('A6 item 40 (localstack#8234); sqs-semantics.md 5.5, 14 N1, N18'), implies: [],
    explain: { default: '{receive} returned {message} from the dead-letter queue while it was still invisible in its source (until at least {invisibleUntil}).' },
  },
  'redrive.received-after-move': {
    area: 'redrive', rank: 402, strictness: 'guaranteed',
    summary: 'A message came back from its source queue after it had moved to the dead-letter queue.',
    rule: 'A moved message is in the dead-letter queue only.',
    source: sem('5.5'), implies: ['visibility.redelivered-early', 'fifo.redelivered-early', 'redrive.not-moved'],
    explain: { default: '{receive} returned {message} from its source after it had been received from the dead-letter queue {dlq}.' },
  },
  'redrive.source-arn-wrong': {
    area: 'redrive', rank: 403, strictness: 'guaranteed',
    summary: 'A message received from a dead-letter queue does not name its source queue.',
    rule: 'A moved message carries DeadLetterQueueSourceArn, the ARN of the queue it came from.',
    source: rec('A6 item 41'), implies: [],
    explain: { default: '{call} returned {message} with DeadLetterQueueSourceArn {got}; it came from {expected}.' },
  },
  'redrive.sources-list-wrong': {
    area: 'redrive', rank: 404, strictness: 'guaranteed',
    summary: 'ListDeadLetterSourceQueues does not list exactly the queues that use the dead-letter queue.',
    rule: 'ListDeadLetterSourceQueues answers, under the key queueUrls, the queues whose RedrivePolicy names the queue.',
    source: rec('A6 item 43; sqs-semantics.md 4.14'), implies: [],
    explain: { default: '{call} listed {got}; the queues using it as their dead-letter queue are {expected}.', key: '{call} answered the keys {keys} instead of queueUrls.' },
  },
  'move-task.rate-exceeded': {
    area: 'redrive', rank: 450, strictness: 'guaranteed',
    summary: 'A message move task moved messages faster than its MaxNumberOfMessagesPerSecond.',
    rule: 'A task with MaxNumberOfMessagesPerSecond r moves at most r messages a second (4 messages at 1/s take at least 3 s).',
    source: rec('A6 item 51; sqs-semantics.md 4.15'), implies: [],
    explain: { default: '{call} received {message}, copy number {k} of the task {task} at {rate} a second, {after} after it started.' },
  },
  'move-task.list-wrong': {
    area: 'redrive', rank: 451, strictness: 'guaranteed',
    summary: 'ListMessageMoveTasks described a task with fields the model does not allow.',
    rule: 'Status is RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED; TaskHandle appears only while RUNNING; MaxNumberOfMessagesPerSecond and DestinationArn only when set; ApproximateNumberOfMessagesMoved always.',
    source: rec('A6 item 50; sqs-semantics.md 4.16'), implies: [],
    explain: { default: '{call} described a task ({status}) with {problems}.' },
  },
};
