// The fifo suite's divergence ids: order within a group and the group lock, exactly-once delivery,
// deduplication and sequence numbers (src/check/rules/fifo and the lifecycle search on FIFO queues).
import { HANDLE_OUTCOME, rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { FifoId } from '../../../src/check/rules/fifo/ids.js';

export const entries: CatalogEntries<FifoId> = {
  'fifo.order-inverted': {
    area: 'fifo', rank: 110, strictness: 'guaranteed',
    summary: 'Messages of one FIFO group were delivered out of send order.',
    rule: 'A receive returns, per group, the oldest remaining messages in send order; a later message is never returned while an earlier one of its group is still there.',
    source: rec('A7 items 66, 73; sqs-semantics.md 9'), implies: [],
    explain: {
      default: '{call} returned {second} of group {group} (sent by {secondSend}) while {first}, sent before it by {firstSend}, was still in the queue.',
      response: '{call} returned {second} of group {group} before {first} in one response, although {first} was sent first ({firstSend}, then {secondSend}).',
    },
  },
  'fifo.group-lock-violated': {
    area: 'fifo', rank: 111, strictness: 'guaranteed',
    summary: 'A FIFO group returned a message while an earlier message of it was in flight.',
    rule: 'While a message of a group is in flight, no later message of that group is returned.',
    source: rec('A7 items 67-72; sqs-semantics.md 9'), implies: ['fifo.order-inverted'],
    explain: { default: '{call} returned {message} of group {group} while {other} of that group, received by {otherReceive} with VisibilityTimeout {visibilityTimeout}, was still in flight.' },
  },
  'fifo.redelivered-early': {
    area: 'fifo', rank: 112, strictness: 'guaranteed',
    summary: 'A FIFO message was delivered again while it was in flight.',
    rule: 'FIFO queues deliver exactly once: a received message stays hidden until its visibility timeout (as set or changed) ends.',
    source: sem('9; 5.3'), implies: ['fifo.group-lock-violated'],
    explain: {
      default: '{receive} returned {message} at most at {returnedBy}, but it was invisible until at least {invisibleUntil} ({because}).',
      moved: '{receive} returned {message} from the dead-letter queue while it was still in flight in its source (until at least {invisibleUntil}).',
    },
  },
  'fifo.delivered-after-delete': {
    area: 'fifo', rank: 113, strictness: 'guaranteed',
    summary: 'A FIFO message was delivered after a DeleteMessage of it had succeeded.',
    rule: 'FIFO queues deliver exactly once: a deleted message never comes back.',
    source: sem('9'), implies: ['fifo.order-inverted'],
    explain: { default: '{receive} returned {message} although a DeleteMessage of it had already succeeded.' },
  },
  'fifo.lapsed-handle-accepted': {
    area: 'fifo', rank: 114, strictness: 'guaranteed',
    summary: 'A FIFO receipt handle was accepted after its visibility timeout lapsed or the message was received again.',
    rule: 'On FIFO queues DeleteMessage and ChangeMessageVisibility fail with "The receipt handle has expired." once the handle lapsed.',
    source: rec('A3 items 27-28'), implies: [],
    explain: { handle: HANDLE_OUTCOME },
  },
  'fifo.deduplication-failed': {
    area: 'fifo', rank: 115, strictness: 'guaranteed',
    summary: 'Two sends of one deduplication id within 5 minutes made two messages.',
    rule: 'A send whose deduplication id (explicit, or the SHA-256 of the body) was accepted in the last 5 minutes is acknowledged but not enqueued, even after the first was deleted.',
    source: rec('A7 items 57-60; sqs-semantics.md 9, 17'), implies: ['message.duplicated', 'fifo.order-inverted'],
    explain: { default: '{sends} sends of one deduplication id, the first by {first}, made more than one message: {message} came back as {ids} ({receives}).' },
  },
  'fifo.deduplicated-answer-differs': {
    area: 'fifo', rank: 116, strictness: 'typical',
    summary: 'A deduplicated send answered a different MessageId than the original send.',
    rule: 'A deduplicated send answers the original message’s MessageId and SequenceNumber.',
    source: sem('9 (OBS fakecloud#1569, http4k#1600)', 'observed'), implies: [],
    explain: { default: '{call} was deduplicated but answered MessageId {got}; the original send {original} answered {expected}.' },
  },
  'fifo.sequence-number-missing': {
    area: 'fifo', rank: 117, strictness: 'guaranteed',
    summary: 'A send to a FIFO queue answered no SequenceNumber.',
    rule: 'Every successful send to a FIFO queue answers a SequenceNumber.',
    source: rec('A7 item 65'), implies: [],
    explain: { default: '{call} answered no SequenceNumber.' },
  },
  'fifo.sequence-not-increasing': {
    area: 'fifo', rank: 118, strictness: 'guaranteed',
    summary: 'A later send to a FIFO group answered a SequenceNumber not greater than an earlier one.',
    rule: 'Sequence numbers increase within a group across sends.',
    source: rec('A7 item 65; sqs-semantics.md 9'), implies: [],
    explain: { default: '{first} answered SequenceNumber {firstSeq} and the later {second} answered {secondSeq}, in the same group.' },
  },
  'fifo.sequence-number-changed': {
    area: 'fifo', rank: 119, strictness: 'guaranteed',
    summary: 'A received FIFO message carries another SequenceNumber than its send answered.',
    rule: 'A message keeps its SequenceNumber across receives.',
    source: rec('A7 item 65'), implies: [],
    explain: { default: '{call} returned {message} with SequenceNumber {got}; its send answered {expected}.' },
  },
  'fifo.attempt-retry-differs': {
    area: 'fifo', rank: 120, strictness: 'guaranteed',
    summary: 'A FIFO receive retried with its ReceiveRequestAttemptId did not answer as the model says.',
    rule: 'Within 5 minutes, a retry with the same ReceiveRequestAttemptId returns the same messages and receipt handles (and restarts their timeout) unless one was deleted, changed or received since; then it fails.',
    source: sem('9 [M; OBS aws/aws-sdk-java#2613]'), implies: ['fifo.redelivered-early', 'receive.handle-reused'],
    explain: {
      default: '{call} retried {first} with its ReceiveRequestAttemptId and returned {got}; the first answer was {expected}.',
      rejected: '{call} retried {first} with its ReceiveRequestAttemptId and failed with {code}; nothing had changed its messages.',
      accepted: '{call} retried {first} with its ReceiveRequestAttemptId and succeeded, although one of its messages had been deleted or changed since.',
      stale: '{call} returned {message} under the handle {first} gave it, although the message had been deleted or received again since.',
    },
  },
  'fair.group-id-missing': {
    area: 'fifo', rank: 130, strictness: 'guaranteed',
    summary: 'A message sent with a MessageGroupId to a standard (fair) queue came back without it.',
    rule: 'On a standard queue MessageGroupId is accepted and returned as the MessageGroupId system attribute when asked for.',
    source: sem('10; 17 (fair queues) [M]'), implies: [],
    explain: { default: '{call} returned {message} with MessageGroupId {got}; it was sent with {expected}.' },
  },
  'fair.sequence-number-present': {
    area: 'fifo', rank: 131, strictness: 'typical',
    summary: 'A send to a standard queue answered a SequenceNumber.',
    rule: 'SequenceNumber is answered only by FIFO queues, also when the send carries a MessageGroupId.',
    source: rec('A7 item 65'), implies: [],
    explain: { default: '{call} answered SequenceNumber {got} on a standard queue.' },
  },
};
