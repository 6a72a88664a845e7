// The checker never blames the target for the network: a long poll whose request or answer the
// network held (it overran its wait, or the run showed delays that long) is placed anywhere its
// window allows; a slow wake-up is still caught when nothing but the server explains it. Messages
// lost calls may have touched are listed as undecided and the rest is still judged.
import { describe, expect, it } from 'vitest';
import { check, type Verdict } from '../../src/check/index.js';
import { history, stampAt } from '../../src/history/builder.js';
import type { History } from '../../src/history/index.js';
import { KIT, TOLERANCE } from '../support/corpus.js';

const judge = (h: History, networkDelayMs?: number): Verdict =>
  check(h, { strictness: 'typical', tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules, ...(networkDelayMs !== undefined ? { networkDelayMs } : {}) });
const ids = (v: Verdict): string[] => (v.kind === 'divergent' ? v.divergences.map((d) => d.id) : []);

/** A 3 s long poll that returned a message sent 100 ms after it began, answered at 2.5 s. */
function lateAnswer(extra?: (b: ReturnType<typeof history>) => void): History {
  const b = history().create('q', { VisibilityTimeout: '30' });
  b.at(0).receive('p1', 'q', [{ id: 'A', body: 'a', handle: 'h1' }], { WaitTimeSeconds: 3 }, { durationMs: 2_500 });
  b.at(100).send('p2', 'q', 'a', { id: 'A' });
  extra?.(b);
  return b.build();
}

describe('a long poll answered late', () => {
  it('is a slow wake-up when nothing else explains it (the rule still catches it)', () => {
    expect(ids(judge(lateAnswer()))).toContain('receive.empty-while-visible');
  });

  it('is the network when the run showed delays that long', () => {
    expect(judge(lateAnswer(), 3_000).kind).toBe('conformant');
  });

  it('is the network when this history shows a call that slow', () => {
    const v = judge(lateAnswer((b) => b.at(3_000).call('p3', 'GetQueueAttributes', 'q', { QueueUrl: 'q', AttributeNames: ['All'] }, { Attributes: {} }, { durationMs: 2_600 })));
    expect(ids(v)).not.toContain('receive.empty-while-visible');
    expect(v.checked.networkDelayMs).toBeGreaterThanOrEqual(2_600);
  });
});

describe('a long poll that overran its wait (the network held it)', () => {
  it('an answer held 3 s: its receive and first-receive timestamp are placed when the server answered', () => {
    const b = history().create('q', { VisibilityTimeout: '30' });
    b.at(0).send('p1', 'q', 'a', { id: 'A' });
    // The drain's poll: the server answered at once (~1005 ms), the answer arrived at 5000 ms.
    b.at(1_000).receive('drain', 'q', [{ id: 'A', body: 'a', handle: 'h1', attrs: { ApproximateReceiveCount: '1', SentTimestamp: stampAt(2), ApproximateFirstReceiveTimestamp: stampAt(1_005) } }], { WaitTimeSeconds: 1, VisibilityTimeout: 600, MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp', 'ApproximateFirstReceiveTimestamp'] }, { durationMs: 4_000 });
    b.at(5_100).receive('drain', 'q', [], { WaitTimeSeconds: 1, VisibilityTimeout: 600 }, { durationMs: 1_000 });
    b.at(6_200).receive('drain', 'q', [], { WaitTimeSeconds: 1, VisibilityTimeout: 600 }, { durationMs: 1_000 });
    const v = judge(b.build());
    expect(v.kind, JSON.stringify(ids(v))).toBe('conformant');
  });

  it('a request held 10 s: its quiet second is placed at the end, not at its invoke', () => {
    const b = history().create('q', { VisibilityTimeout: '30' });
    b.at(0).receive('p1', 'q', [], { WaitTimeSeconds: 1 }, { durationMs: 11_000 });
    b.at(500).send('p2', 'q', 'a', { id: 'A' });
    b.at(5_000).receive('p3', 'q', [{ id: 'A', body: 'a', handle: 'h1' }], {});
    b.at(5_100).deleteMessage('p3', 'q', 'h1');
    const v = judge(b.build());
    expect(v.kind, JSON.stringify(ids(v))).toBe('conformant');
  });
});

describe('lost calls cost only what they may have touched', () => {
  /** m1 sent, then nine receives whose answers were lost; m2, a minute later, sent, received and deleted. */
  function lossy(extra?: (b: ReturnType<typeof history>) => void): History {
    const b = history().create('q', { VisibilityTimeout: '30' });
    b.at(0).send('p1', 'q', 'a', { id: 'A' });
    for (let i = 0; i < 9; i++) b.at(100 + i * 20).receive('p2', 'q', [], {}, { info: 'connection' });
    b.at(70_000).send('p1', 'q', 'b', { id: 'B' });
    b.at(70_010).receive('p1', 'q', [{ id: 'B', body: 'b', handle: 'h1' }], {});
    b.at(70_020).deleteMessage('p1', 'q', 'h1');
    extra?.(b);
    return b.build();
  }

  it('the message they may have touched is undecided; the verdict judges the rest', () => {
    const v = judge(lossy());
    expect(v.kind).toBe('conformant');
    expect(v.checked.undecided).toEqual(['m1']);
  });

  it('a divergence elsewhere is still reported, with the undecided message listed', () => {
    // m2 comes back after its successful delete.
    const v = judge(lossy((b) => b.at(70_400).receive('p3', 'q', [{ id: 'B', body: 'b', handle: 'h2' }], {})));
    expect(ids(v)).toContain('delete.not-effective');
    expect(v.checked.undecided).toEqual(['m1']);
  });

  it('Unknown only when no message could be decided', () => {
    const b = history().create('q', { VisibilityTimeout: '30' });
    b.at(0).send('p1', 'q', 'b', { id: 'B' });
    for (let i = 0; i < 9; i++) b.at(100 + i * 20).receive('p2', 'q', [], {}, { info: 'connection' });
    const v = judge(b.build());
    expect(v.kind).toBe('unknown');
  });
});
