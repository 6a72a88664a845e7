// Checker bugs the corpus found, pinned (see the "Fix (checker corpus)" comments in src/check/search.ts).
import { describe, expect, it } from 'vitest';
import { history } from '../../../src/history/builder.js';
import { divergences, explain, leading, verdict } from '../../support/corpus.js';

const A = (handle: string) => ({ id: 'A', body: 'm-a', handle });

describe('checker regressions', () => {
  it('a handle call cannot come before the receive that issued the handle', () => {
    // Receive (100–105 ms) and delete (200–205 ms) windows overlap once widened by ε = 50 ms. The
    // search used to place the delete first, call h1 "stale" (ok, may not delete) and accept the
    // redelivery at 500 ms. Real time says the delete followed its receive: delete.not-effective
    // (aws-recorded-facts.md A3 item 26).
    const h = history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 0 })
      .at(200).deleteMessage('p2', 'q', 'h1')
      .at(500).receive('p3', 'q', [A('h2')])
      .build();
    const v = verdict(h, 'typical');
    expect(leading(v).map((d) => d.id), explain(v)).toEqual(['delete.not-effective']);
  });

  it('a delete right after its receive is placed after it: a later failing CMV meets a deleted message', () => {
    const h = history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 30 })
      .at(200).deleteMessage('p2', 'q', 'h1')
      .at(600).changeVisibility('p2', 'q', 'h1', 10, { fail: { code: 'InternalError', httpStatus: 500, message: 'x' } })
      .build();
    // The CMV comes after a successful delete: the message is gone and SQS answers
    // InvalidParameterValue (A2 item 22), so InternalError is the wrong code; never "stale".
    const v = verdict(h, 'guaranteed');
    expect(leading(v).map((d) => d.id), explain(v)).toEqual(['error.wrong-code']);
  });

  it("typical rules of the handle-call path are off at 'guaranteed' strictness", () => {
    // CMV accepted after a delete: visibility.change-deleted-accepted is a typical rule
    // (catalogue), so a guaranteed-strictness run must not report it.
    const h = history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(100).receive('p2', 'q', [A('h1')])
      .at(300).deleteMessage('p2', 'q', 'h1')
      .at(500).changeVisibility('p2', 'q', 'h1', 10)
      .build();
    expect(leading(verdict(h, 'typical')).map((d) => d.id)).toEqual(['visibility.change-deleted-accepted']);
    const g = verdict(h, 'guaranteed');
    expect(divergences(g), explain(g)).toEqual([]);
  });
});
