// The lifecycle suite's divergence ids: what the per-message search (src/check/rules/lifecycle)
// raises when a message's receives, deletes and visibility changes fit no order the model allows.
import { HANDLE_OUTCOME, rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { LifecycleId } from '../../../src/check/rules/lifecycle/ids.js';

/** A receive returned the message while the model says it was hidden (variant `default`). */
const HIDDEN_RECEIVE = '{receive} returned {message} at most at {returnedBy}, but it was invisible until at least {invisibleUntil} ({because}).';
/** A long poll waited, or the drain found nothing, while the message was visible (variant `quiet`). */
const QUIET_PERIOD = '{poll}, {what} (WaitTimeSeconds {wait}), {result} although {message} was visible from {visibleFrom}–{visibleTo} ({since}){never}.';

export const entries: CatalogEntries<LifecycleId> = {
  'message.lost': {
    area: 'lifecycle', rank: 10, strictness: 'guaranteed',
    summary: 'A message that was sent and never deleted did not come back before its retention ended.',
    rule: 'A message is kept until it is deleted or its retention period passes; repeated receives eventually return every visible message.',
    source: sem('5.1; 5.7; 7'), implies: ['receive.empty-while-visible', 'visibility.invisible-too-long', 'delay.invisible-too-long'],
    explain: { quiet: QUIET_PERIOD, 'no-order': '{message}: no order of its events fits the model.' },
  },
  'delay.visible-early': {
    area: 'lifecycle', rank: 20, strictness: 'guaranteed',
    summary: 'A delayed message was received before its delay had passed.',
    rule: 'A message sent with DelaySeconds d (or the queue default) is invisible for d seconds after it is sent.',
    source: sem('5.2; 14 N8'), implies: [],
    explain: { default: '{receive} returned {message} at most at {returnedBy}, before its delay of {delay} could have passed (sent at {sentFrom} at the earliest).' },
  },
  'delay.invisible-too-long': {
    area: 'lifecycle', rank: 21, strictness: 'typical',
    summary: 'A delayed message stayed invisible after its delay had passed.',
    rule: 'A delayed message becomes visible when its delay ends (within the tolerance).',
    source: sem('5.2; 14 N8'), implies: [],
    explain: { quiet: QUIET_PERIOD },
  },
  'visibility.redelivered-early': {
    area: 'lifecycle', rank: 22, strictness: 'typical',
    summary: 'A message was received again while its visibility timeout was still running.',
    rule: 'A received message stays invisible until call time + VisibilityTimeout (standard queues may rarely redeliver, so this is typical, not guaranteed).',
    source: sem('5.3; 14 N1'), implies: [],
    explain: { default: HIDDEN_RECEIVE },
  },
  'visibility.invisible-too-long': {
    area: 'lifecycle', rank: 23, strictness: 'typical',
    summary: 'A message stayed invisible after its visibility timeout had passed.',
    rule: 'When the visibility timeout ends the message is visible again (within the tolerance).',
    source: sem('5.1; 14 N7'), implies: [],
    explain: { quiet: QUIET_PERIOD },
  },
  'visibility.change-not-applied': {
    area: 'lifecycle', rank: 24, strictness: 'typical',
    summary: 'ChangeMessageVisibility succeeded but the message did not follow the new timeout.',
    rule: 'ChangeMessageVisibility sets the deadline to call time + VisibilityTimeout; 0 makes the message visible at once.',
    source: rec('A2 items 18-19'), implies: ['visibility.redelivered-early', 'visibility.invisible-too-long'],
    explain: { default: HIDDEN_RECEIVE, quiet: QUIET_PERIOD },
  },
  'visibility.change-rejected': {
    area: 'lifecycle', rank: 25, strictness: 'guaranteed',
    summary: 'ChangeMessageVisibility with a usable receipt handle failed.',
    rule: 'ChangeMessageVisibility with the newest handle of an in-flight message succeeds; after the timeout lapsed it still returns 200.',
    source: rec('A2 items 18-21'), implies: [],
    explain: { handle: HANDLE_OUTCOME },
  },
  'visibility.change-stale-handle-rejected': {
    area: 'lifecycle', rank: 26, strictness: 'typical',
    summary: 'ChangeMessageVisibility with an older receipt handle of a re-received message failed.',
    rule: 'On a standard queue an old handle still works for ChangeMessageVisibility.',
    source: rec('A2 item 20'), implies: [],
    explain: { handle: HANDLE_OUTCOME },
  },
  'visibility.change-deleted-accepted': {
    area: 'lifecycle', rank: 27, strictness: 'typical',
    summary: 'ChangeMessageVisibility on a deleted message succeeded.',
    rule: 'ChangeMessageVisibility after the message was deleted fails with InvalidParameterValue.',
    source: rec('A2 item 22'), implies: [],
    explain: { handle: HANDLE_OUTCOME },
  },
  'visibility.cap-not-enforced': {
    area: 'lifecycle', rank: 28, strictness: 'guaranteed',
    summary: 'ChangeMessageVisibility beyond the 12-hour cap from the receive was accepted.',
    rule: 'Total invisibility is capped at 43,200 s from the ReceiveMessage that issued the handle; SQS rejects, it does not clamp.',
    source: sem('4.11; 5.3'), implies: [],
    explain: { handle: HANDLE_OUTCOME },
  },
  'visibility.cap-rejected-early': {
    area: 'lifecycle', rank: 29, strictness: 'guaranteed',
    summary: 'ChangeMessageVisibility within the 12-hour cap was rejected.',
    rule: 'A new timeout that keeps total invisibility within 43,200 s from the receive is accepted.',
    source: sem('4.11; 5.3'), implies: [],
    explain: { handle: HANDLE_OUTCOME },
  },
  'delete.rejected': {
    area: 'lifecycle', rank: 30, strictness: 'guaranteed',
    summary: 'DeleteMessage with a receipt handle the service issued failed.',
    rule: 'DeleteMessage succeeds with the current handle, with a handle whose timeout lapsed, with an older handle, and when the message is already deleted.',
    source: rec('A1 item 12; A3 items 26, 29'), implies: [],
    explain: { handle: HANDLE_OUTCOME },
  },
  'delete.stale-handle-rejected': {
    area: 'lifecycle', rank: 31, strictness: 'guaranteed',
    summary: 'DeleteMessage with an older receipt handle of a re-received message failed.',
    rule: 'With a handle from an earlier receive the request succeeds (the message might not be deleted).',
    source: sem('4.10'), implies: [],
    explain: { handle: HANDLE_OUTCOME },
  },
  'delete.not-effective': {
    area: 'lifecycle', rank: 32, strictness: 'typical',
    summary: 'A message was received again after a DeleteMessage that should have removed it succeeded.',
    rule: 'A successful DeleteMessage with the current (or lapsed) handle removes the message (standard queues may rarely redeliver).',
    source: rec('A3 item 26'), implies: ['visibility.redelivered-early'],
    explain: { default: '{receive} returned {message} although a DeleteMessage of it had already succeeded.' },
  },
  'retention.expired-late': {
    area: 'lifecycle', rank: 40, strictness: 'typical',
    summary: 'A message was received after its retention period had ended.',
    rule: 'Messages disappear once their age passes MessageRetentionPeriod, including messages in flight.',
    source: rec('A5 item 39'), implies: [],
    explain: { default: '{receive} returned {message} after its retention of {retention} (plus {slack} slack) had ended.' },
  },
  'receive-count.too-low': {
    area: 'lifecycle', rank: 41, strictness: 'guaranteed',
    summary: 'ApproximateReceiveCount is lower than the number of receives that returned the message.',
    rule: 'ApproximateReceiveCount counts every receive that handed out the message, including lost responses.',
    source: sem('5.4; 14 N17'), implies: ['receive-count.wrong'],
    explain: { default: '{receive} reported ApproximateReceiveCount {count}, but {known} receives returned {message} by then.' },
  },
  'receive-count.wrong': {
    area: 'lifecycle', rank: 42, strictness: 'typical',
    summary: 'ApproximateReceiveCount does not match the receives of the message.',
    rule: 'ApproximateReceiveCount goes 1, 2, … across receives of a message.',
    source: rec('A7 item 76; A6 item 41'), implies: [],
    explain: { default: '{receive} reported ApproximateReceiveCount {count}, but in this order of events it is receive number {expected}.' },
  },
  'timestamp.sent-wrong': {
    area: 'lifecycle', rank: 43, strictness: 'typical',
    summary: 'SentTimestamp is not the time the message was sent.',
    rule: 'SentTimestamp is the epoch-millisecond time the message was sent (compared with a clock tolerance).',
    source: rec('A1 item 9'), implies: [],
    explain: { default: '{receive} reported SentTimestamp {stamp}, {onOurClock} on our clock, which is not within {skew} of the send ({sentFrom}–{sentTo}).' },
  },
  'timestamp.first-receive-wrong': {
    area: 'lifecycle', rank: 44, strictness: 'typical',
    summary: 'ApproximateFirstReceiveTimestamp is not the time of the first receive.',
    rule: 'ApproximateFirstReceiveTimestamp is the epoch-millisecond time of the first receive and does not change.',
    source: sem('5.4'), implies: [],
    explain: { default: '{receive} reported ApproximateFirstReceiveTimestamp {stamp}, {onOurClock} on our clock, which is not within {skew} of the first receive of {message}.' },
  },
  'receive.empty-while-visible': {
    area: 'receive', rank: 50, strictness: 'typical',
    summary: 'A long poll returned empty (or late) although a message was visible.',
    rule: 'A long poll returns as soon as at least one message is available.',
    source: rec('A13 items 115-116'), implies: [],
    explain: { quiet: QUIET_PERIOD },
  },
  'receive.long-poll-returned-early': {
    area: 'receive', rank: 51, strictness: 'typical',
    summary: 'A long poll returned empty before its wait time was up.',
    rule: 'An empty long poll returns when WaitTimeSeconds (or the queue default) has passed.',
    source: rec('A13 item 116'), implies: [],
    explain: { default: '{call} waited {took} and returned empty, but WaitTimeSeconds was {wait}.' },
  },
};
