// Delay and visibility timeout, ChangeMessageVisibility and its 12-hour cap.
// With ε = 50 ms on both windows a timing rule only bites beyond 2ε: e.g. a 1 s delay and a
// receive that ends 900 ms after the send is still within tolerance, so the bad cases sit further out.
// Calls whose ε-widened windows overlap count as concurrent (even two calls of one process), so
// successive calls on one message are at least 200 ms apart to keep their order certain.
import { history } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { ERRORS, VISIBILITY_CAP_SECONDS, type Fact } from '../../../facts.js';

const A = (handle: string) => ({ id: 'A', body: 'm-a', handle });

/** Send A with DelaySeconds 1 at 0; receive it at `receiveAt`. */
function delayed(receiveAt: number) {
  return history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', delaySeconds: 1 }).at(receiveAt).receive('p2', 'q', [A('h1')]).build();
}

/** Send A with a delay; a 1 s long poll at 1.5 s comes back empty; A is received at 3.5 s. */
function delayedPoll(delaySeconds: number) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A', delaySeconds })
    .at(1500).receive('p2', 'q', [], { WaitTimeSeconds: 1 }, { durationMs: 1000 })
    .at(3500).receive('p3', 'q', [A('h1')])
    .build();
}

/** Queue VisibilityTimeout 2; A received at 100 ms and again at `againAt`. */
function redelivered(againAt: number) {
  return history()
    .create('q', { VisibilityTimeout: '2' })
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')])
    .at(againAt).receive('p3', 'q', [A('h2')])
    .build();
}

/** A received with VisibilityTimeout `vt`; a 1 s long poll at 2 s is empty; A received again at 3.5 s. */
function hiddenPoll(vt: number) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: vt })
    .at(2000).receive('p3', 'q', [], { WaitTimeSeconds: 1 }, { durationMs: 1000 })
    .at(3500).receive('p4', 'q', [A('h2')])
    .build();
}

/** A received with VT 1 at 100; CMV(h1, 5) at 500; A received again at `againAt`. */
function changed(againAt: number) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 1 })
    .at(500).changeVisibility('p2', 'q', 'h1', 5)
    .at(againAt).receive('p3', 'q', [A('h2')])
    .build();
}

/** A received (VT 30) at 100; CMV(h1, newVt) at 500; a 1 s long poll from 1 s is empty. */
function changedThenPoll(newVt: number) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 30 })
    .at(500).changeVisibility('p2', 'q', 'h1', newVt)
    .at(1000).receive('p3', 'q', [], { WaitTimeSeconds: 1 }, { durationMs: 1000 })
    .build();
}

/** A received (VT 30) at 100; CMV(h1, vt) at `cmvAt` with the given outcome. */
function cmvAfterReceive(vt: number, cmvAt: number, fail?: Fact) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 30 })
    .at(cmvAt).changeVisibility('p2', 'q', 'h1', vt, fail ? { fail } : {})
    .build();
}

/** A received with VT 0 (h1) and again with VT 30 (h2); then CMV(h1, 0) with the given outcome. */
function cmvStale(fail?: Fact) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 })
    .at(300).receive('p3', 'q', [A('h2')], { VisibilityTimeout: 30 })
    .at(500).changeVisibility('p2', 'q', 'h1', 0, fail ? { fail } : {})
    .build();
}

/** A received and deleted; then CMV(h1, 10) with the given outcome. */
function cmvDeleted(fail?: Fact) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')])
    .at(300).deleteMessage('p2', 'q', 'h1')
    .at(500).changeVisibility('p2', 'q', 'h1', 10, fail ? { fail } : {})
    .build();
}

export const visibilityCases: CorpusCase[] = [
  {
    id: 'delay.visible-early',
    bad: 'a message sent with DelaySeconds 1 at 0 is received at 800 ms',
    good: 'it is received at 1100 ms',
    source: 'sqs-semantics.md 5.2; aws-recorded-facts.md A4 item 31',
    badHistory: delayed(800),
    goodHistory: delayed(1100),
    grade: 'suspect', // 1 s delay: 800 ms is early by more than 2ε = 100 ms, not by 2 × 500 ms
  },
  {
    id: 'delay.invisible-too-long',
    bad: 'DelaySeconds 1: a 1 s long poll from 1.5 s to 2.5 s returns empty; A arrives only at 3.5 s',
    good: 'DelaySeconds 3: the same poll ends before the delay does',
    source: 'sqs-semantics.md 14 N8; aws-recorded-facts.md A13 item 116 (a long poll wakes when a message arrives)',
    badHistory: delayedPoll(1),
    goodHistory: delayedPoll(3),
  },
  {
    id: 'visibility.redelivered-early',
    bad: 'queue VisibilityTimeout 2: A received at 100 ms and again at 1950 ms',
    good: 'the second receive is at 2100 ms',
    source: 'sqs-semantics.md 5.3; aws-recorded-facts.md A2 item 16',
    badHistory: redelivered(1950),
    goodHistory: redelivered(2100),
    grade: 'suspect',
  },
  {
    id: 'visibility.invisible-too-long',
    bad: 'VisibilityTimeout 1 from 100 ms: a 1 s long poll from 2 s returns empty, A comes back at 3.5 s',
    good: 'VisibilityTimeout 3: the poll ends before the timeout does',
    source: 'sqs-semantics.md 5.1, 14 N7; aws-recorded-facts.md A13 item 116',
    badHistory: hiddenPoll(1),
    goodHistory: hiddenPoll(3),
  },
  {
    id: 'visibility.change-not-applied',
    bad: 'VT 1 receive at 100 ms, ChangeMessageVisibility(5) at 500 ms, A received again at 2 s',
    good: 'A received again at 5.7 s, after the new deadline',
    source: 'aws-recorded-facts.md A2 item 18 (CMV restarts the clock from now)',
    badHistory: changed(2000),
    goodHistory: changed(5700),
  },
  {
    id: 'visibility.change-not-applied',
    bad: 'ChangeMessageVisibility(0) at 500 ms, then a 1 s long poll from 1 s returns empty',
    good: 'ChangeMessageVisibility(10): the message is still hidden during the poll',
    source: 'aws-recorded-facts.md A2 item 19 (CMV 0 makes the message receivable at once)',
    badHistory: changedThenPoll(0),
    goodHistory: changedThenPoll(10),
  },
  {
    id: 'visibility.change-rejected',
    bad: 'ChangeMessageVisibility(10) with the current handle of an in-flight message fails',
    good: 'it succeeds',
    source: 'sqs-semantics.md 4.11; aws-recorded-facts.md A2 item 18',
    badHistory: cmvAfterReceive(10, 500, ERRORS.handleExpired('h1')),
    goodHistory: cmvAfterReceive(10, 500),
  },
  {
    id: 'visibility.change-stale-handle-rejected',
    bad: 'ChangeMessageVisibility with the older handle h1 after A was received again fails ("expired")',
    good: 'it succeeds',
    source: 'aws-recorded-facts.md A2 item 20 (an old handle still works on a standard queue)',
    badHistory: cmvStale(ERRORS.handleExpired('h1')),
    goodHistory: cmvStale(),
  },
  {
    id: 'visibility.change-deleted-accepted',
    bad: 'ChangeMessageVisibility after a successful delete succeeds',
    good: 'it fails with the recorded InvalidParameterValue',
    source: 'aws-recorded-facts.md A2 item 22',
    badHistory: cmvDeleted(),
    goodHistory: cmvDeleted(ERRORS.notAvailableForVisibilityChange('h1')),
  },
  {
    id: 'visibility.cap-not-enforced',
    bad: `ChangeMessageVisibility(${VISIBILITY_CAP_SECONDS - 1}) 3 s after the receive is accepted`,
    good: 'it is rejected with the 12-hour cap error',
    source: 'sqs-semantics.md 4.11; aws-recorded-facts.md A2 item 25',
    badHistory: cmvAfterReceive(VISIBILITY_CAP_SECONDS - 1, 3100),
    goodHistory: cmvAfterReceive(VISIBILITY_CAP_SECONDS - 1, 3100, ERRORS.visibilityCap(VISIBILITY_CAP_SECONDS - 1)),
  },
  {
    id: 'visibility.cap-rejected-early',
    bad: 'ChangeMessageVisibility(43000) 3 s after the receive fails with the 12-hour cap error',
    good: 'it is accepted (3 s + 43000 s is within 43200 s)',
    source: 'sqs-semantics.md 4.11 (the cap counts from the receive)',
    badHistory: cmvAfterReceive(43_000, 3100, ERRORS.visibilityCap(43_000)),
    goodHistory: cmvAfterReceive(43_000, 3100),
  },
];
