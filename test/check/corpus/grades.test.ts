// Grades: a divergence that disappears at the wide tolerance (ε 500 ms, skew and wake doubled) is
// `suspect`; one that survives it is `definite`. Each pair below differs only in how far out it is.
import { describe, expect, it } from 'vitest';
import type { History } from '../../../src/history/index.js';
import { history, stampAt } from '../../../src/history/builder.js';
import { explain, leading, TOLERANCE, verdict } from '../../support/corpus.js';

function graded(h: History, id: string): string | undefined {
  const v = verdict(h, 'typical');
  const d = leading(v).find((x) => x.id === id);
  if (!d) throw new Error(`${id} not found:\n${explain(v)}`);
  return d.grade;
}

const A = (handle: string, attrs?: Record<string, string>) => ({ id: 'A', body: 'm-a', handle, ...(attrs ? { attrs } : {}) });

describe('grades', () => {
  it('uses the tolerances this corpus was computed for', () => {
    expect(TOLERANCE).toEqual({ epsilonMs: 50, wideEpsilonMs: 500, clockSkewMs: 1000, retentionSlackMs: 2000, wakeMs: 250 });
  });

  it('visibility.redelivered-early: 50 ms early is suspect, 1 s early is definite', () => {
    const again = (ms: number) =>
      history().create('q', { VisibilityTimeout: '2' }).at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(100).receive('p2', 'q', [A('h1')]).at(ms).receive('p3', 'q', [A('h2')]).build();
    expect(graded(again(1950), 'visibility.redelivered-early')).toBe('suspect');
    expect(graded(again(1000), 'visibility.redelivered-early')).toBe('definite');
  });

  it('within 2ε is not a divergence: a receive ending 905 ms after a 1 s delayed send began', () => {
    // Both windows are widened by ε = 50 ms, so up to 100 ms early is tolerated.
    const h = history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', delaySeconds: 1 }).at(900).receive('p2', 'q', [A('h1')]).build();
    expect(verdict(h, 'typical').kind).toBe('conformant');
  });

  it('delay.visible-early: 200 ms early is suspect, 1.5 s early is definite', () => {
    const early = (delaySeconds: number, ms: number) =>
      history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A', delaySeconds }).at(ms).receive('p2', 'q', [A('h1')]).build();
    expect(graded(early(1, 800), 'delay.visible-early')).toBe('suspect');
    expect(graded(early(2, 500), 'delay.visible-early')).toBe('definite');
  });

  it('receive.long-poll-returned-early: 500 ms short of 2 s is suspect, 1.5 s short is definite', () => {
    const poll = (durationMs: number) => history().create('q').at(100).receive('p2', 'q', [], { WaitTimeSeconds: 2 }, { durationMs }).build();
    expect(graded(poll(1500), 'receive.long-poll-returned-early')).toBe('suspect');
    expect(graded(poll(500), 'receive.long-poll-returned-early')).toBe('definite');
  });

  it('timestamp.sent-wrong: 1.5 s off is suspect (skew 1 s), 5 s off is definite (wide skew 2 s)', () => {
    const stamped = (ms: number) =>
      history()
        .create('q')
        .at(0).send('p1', 'q', 'm-a', { id: 'A' })
        .at(100).receive('p2', 'q', [A('h1', { SentTimestamp: stampAt(ms) })], { MessageSystemAttributeNames: ['SentTimestamp'] })
        .build();
    expect(graded(stamped(1500), 'timestamp.sent-wrong')).toBe('suspect');
    expect(graded(stamped(5000), 'timestamp.sent-wrong')).toBe('definite');
  });

  it('retention.expired-late: 3 s past retention is suspect, 5 s past is definite (slack 2 s)', () => {
    const late = (ms: number) =>
      history().create('q', { MessageRetentionPeriod: '60' }).at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(ms).receive('p2', 'q', [A('h1')]).build();
    expect(graded(late(63_000), 'retention.expired-late')).toBe('suspect');
    expect(graded(late(65_000), 'retention.expired-late')).toBe('definite');
  });

  it('message.lost: an empty 1 s drain poll is suspect (the wide ε can shrink it to nothing), a 5 s one definite', () => {
    const drained = (wait: number) =>
      history().create('q').at(0).send('p1', 'q', 'm-a', { id: 'A' }).at(3000).receive('drain', 'q', [], { WaitTimeSeconds: wait, VisibilityTimeout: 600 }, { durationMs: wait * 1000 }).build();
    expect(graded(drained(1), 'message.lost')).toBe('suspect');
    expect(graded(drained(5), 'message.lost')).toBe('definite');
  });

  it('untimed findings are definite (a wrong error code does not depend on tolerance)', () => {
    const h = history()
      .create('q')
      .at(100).receive('p2', 'q', [], { MaxNumberOfMessages: 11 }, { fail: { code: 'ValidationError', httpStatus: 400, message: 'x' } })
      .build();
    expect(graded(h, 'error.wrong-code')).toBe('definite');
  });
});
