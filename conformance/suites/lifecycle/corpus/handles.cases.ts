// DeleteMessage and receipt handles: current, stale, deleted and never-issued handles.
// Successive calls on one message are ≥ 200 ms apart: windows widened by ε that overlap are concurrent.
import { history } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { ERRORS, type Fact } from '../../../facts.js';

const A = (handle: string) => ({ id: 'A', body: 'm-a', handle });

/** A received (VT 30) at 100; DeleteMessage(h1) at 500 with the given outcome. */
function deleteCurrent(fail?: Fact) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 30 })
    .at(500).deleteMessage('p2', 'q', 'h1', fail ? { fail } : {})
    .build();
}

/** A received with VT 0 (h1) and again (h2); DeleteMessage(h1) with the given outcome. */
function deleteStale(fail?: Fact) {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 })
    .at(300).receive('p3', 'q', [A('h2')], { VisibilityTimeout: 30 })
    .at(500).deleteMessage('p2', 'q', 'h1', fail ? { fail } : {})
    .build();
}

/** A received with VT 0 twice (h1, h2); DeleteMessage(`handle`) succeeds; A received again at 700. */
function receivedAfterDelete(handle: 'h1' | 'h2') {
  return history()
    .create('q')
    .at(0).send('p1', 'q', 'm-a', { id: 'A' })
    .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 })
    .at(300).receive('p3', 'q', [A('h2')], { VisibilityTimeout: 0 })
    .at(500).deleteMessage('p3', 'q', handle)
    .at(700).receive('p4', 'q', [A('h3')])
    .build();
}

export const handleCases: CorpusCase[] = [
  {
    id: 'delete.rejected',
    bad: 'DeleteMessage with the current handle of an in-flight message fails',
    good: 'it succeeds',
    source: 'sqs-semantics.md 4.10; aws-recorded-facts.md A1 item 12',
    badHistory: deleteCurrent(ERRORS.invalidHandle('h1')),
    goodHistory: deleteCurrent(),
  },
  {
    id: 'delete.stale-handle-rejected',
    bad: 'DeleteMessage with the older handle h1 after A was received again fails',
    good: 'it succeeds',
    source: 'sqs-semantics.md 4.10 ("the request will succeed, but the message might not be deleted")',
    badHistory: deleteStale(ERRORS.handleExpired('h1')),
    goodHistory: deleteStale(),
  },
  {
    id: 'delete.not-effective',
    bad: 'A is received again after DeleteMessage with its newest handle h2 succeeded',
    good: 'the delete used the older handle h1, which may leave the message in place',
    source: 'aws-recorded-facts.md A3 item 26; sqs-semantics.md 14 N15',
    badHistory: receivedAfterDelete('h2'),
    goodHistory: receivedAfterDelete('h1'),
  },
];
