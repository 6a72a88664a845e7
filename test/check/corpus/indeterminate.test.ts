// Calls of unknown outcome (info, or never completed) may or may not have taken effect; the
// checker must allow both (DESIGN.md 8 "Indeterminate results"; sqs-semantics.md 5.4, 14 N17).
// Each case is paired with the same history where the call's outcome is known, which diverges.
import { describe, expect, it } from 'vitest';
import type { CallOptions } from '../../../src/history/builder.js';
import { history } from '../../../src/history/builder.js';
import { divergences, explain, leading, verdict } from '../../support/corpus.js';

const A = (handle: string, attrs?: Record<string, string>) => ({ id: 'A', body: 'm-a', handle, ...(attrs ? { attrs } : {}) });
const DRAIN = { WaitTimeSeconds: 1, VisibilityTimeout: 600 };

function expectConformant(h: ReturnType<ReturnType<typeof history>['build']>) {
  for (const s of ['typical', 'guaranteed'] as const) {
    const v = verdict(h, s);
    expect(v.kind, `${s}: ${explain(v)}`).toBe('conformant');
  }
}

function expectLeading(h: ReturnType<ReturnType<typeof history>['build']>, id: string) {
  const v = verdict(h, 'typical');
  expect(leading(v).map((d) => d.id), explain(v)).toEqual([id]);
}

describe('indeterminate calls', () => {
  /** A sent at 0; p2 receives at 100 with `outcome` (VT `vt`); the drain polls empty at 3 s. */
  const hiddenByReceive = (outcome: CallOptions, vt?: number) =>
    history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(100).receive('p2', 'q', [], vt === undefined ? {} : { VisibilityTimeout: vt }, outcome)
      .at(3000).receive('drain', 'q', [], DRAIN, { durationMs: 1000 })
      .build();

  it('an info receive may have hidden the message from the drain: not lost', () => {
    expectConformant(hiddenByReceive({ info: true }));
    expectConformant(hiddenByReceive({ open: true }));
  });

  it('the same receive known to be empty leaves the message visible: lost', () => {
    expectLeading(hiddenByReceive({}), 'message.lost');
  });

  it('an info receive with VisibilityTimeout 0 cannot have hidden it: still lost', () => {
    expectLeading(hiddenByReceive({ info: true }, 0), 'message.lost');
  });

  /** A sent with `outcome` at 0 and never seen; the drain polls empty at 3 s. */
  const neverSeen = (outcome: CallOptions) =>
    history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', ...outcome }).at(3000).receive('drain', 'q', [], DRAIN, { durationMs: 1000 }).build();

  it('an info send never seen may never have happened: not lost', () => {
    expectConformant(neverSeen({ info: true }));
    expectConformant(neverSeen({ open: true }));
  });

  it('the same send known to have succeeded is lost', () => {
    expectLeading(neverSeen({}), 'message.lost');
  });

  it('an info send that was received is tracked like a sent one', () => {
    const h = history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A', info: true })
      .at(300).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 1 })
      .at(3000).receive('drain', 'q', [], DRAIN, { durationMs: 1000 })
      .build();
    // Received with VT 1 at 300 ms and never deleted: visible again during the drain.
    expectLeading(h, 'message.lost');
  });

  /** A received with VT 1 at 100; DeleteMessage(h1) at 300 with `outcome`; the drain polls empty at 3 s. */
  const deletedMaybe = (outcome: CallOptions | undefined) => {
    const b = history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 1 });
    if (outcome) b.at(300).deleteMessage('p2', 'q', 'h1', outcome);
    return b.at(3000).receive('drain', 'q', [], DRAIN, { durationMs: 1000 }).build();
  };

  it('an info delete may have deleted the message: not lost', () => {
    expectConformant(deletedMaybe({ info: true }));
  });

  it('without the delete the message is visible again at the drain: lost', () => {
    expectLeading(deletedMaybe(undefined), 'message.lost');
  });

  /** A received (count 1, VT 0), a receive at 300 with `outcome` (VT 0), A received at 500 reporting count 3. */
  const countAfter = (outcome: CallOptions) => {
    const names = { MessageSystemAttributeNames: ['ApproximateReceiveCount'] };
    return history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(100).receive('p2', 'q', [A('h1', { ApproximateReceiveCount: '1' })], { ...names, VisibilityTimeout: 0 })
      .at(300).receive('p3', 'q', [], { ...names, VisibilityTimeout: 0 }, outcome)
      .at(500).receive('p4', 'q', [A('h3', { ApproximateReceiveCount: '3' })], names)
      .build();
  };

  it('a lost receive response may have counted a receive (N17): count 3 after two observed receives is fine', () => {
    expectConformant(countAfter({ info: true }));
  });

  it('the same receive known to be empty makes count 3 wrong', () => {
    expectLeading(countAfter({}), 'receive-count.wrong');
    expect(divergences(verdict(countAfter({}), 'guaranteed'))).toEqual([]);
  });
});

describe('the drain', () => {
  /** A sent at 0; drain polls at 3 s (`first`) and at 4.5 s (`second`). */
  const drain = (first: 'empty' | 'A', second: 'empty' | 'A') => {
    const got = (x: 'empty' | 'A', h: string) => (x === 'A' ? [A(h)] : []);
    return history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(3000).receive('drain', 'q', got(first, 'h1'), DRAIN, { durationMs: first === 'A' ? 5 : 1000 })
      .at(4500).receive('drain', 'q', got(second, 'h2'), DRAIN, { durationMs: second === 'A' ? 5 : 1000 })
      .build();
  };

  it('A returned by the drain, then hidden by its 600 s timeout, is not lost when the last poll is empty', () => {
    expectConformant(drain('A', 'empty'));
  });

  it('only the last drain poll decides message.lost: an earlier empty poll is receive.empty-while-visible (typical)', () => {
    expectLeading(drain('empty', 'A'), 'receive.empty-while-visible');
    expect(verdict(drain('empty', 'A'), 'guaranteed').kind).toBe('conformant');
  });

  it('a process not named "drain" does not decide message.lost', () => {
    const h = history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(3000).receive('p9', 'q', [], DRAIN, { durationMs: 1000 }).build();
    expectLeading(h, 'receive.empty-while-visible');
    expect(verdict(h, 'guaranteed').kind).toBe('conformant');
  });
});
