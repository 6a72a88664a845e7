// The checker's accounting knows messages sent, deleted and changed by batch: each entry is its own
// send or handle use with its own outcome (Successful, Failed, or unknown when the answer was lost),
// and the lifecycle rules judge them as they judge single calls (sqs-semantics.md 4.8, 12;
// aws-recorded-facts.md A1 items 12-13, A2 item 18, A3 item 26).
import { describe, expect, it } from 'vitest';
import { history } from '../../src/history/builder.js';
import { ERRORS } from '../../conformance/facts.js';
import { divergences, explain, leading, verdict } from '../support/corpus.js';

const A = (handle: string) => ({ id: 'A', body: 'm-a', handle });
const B = (handle: string) => ({ id: 'B', body: 'm-b', handle });
const DRAIN = { WaitTimeSeconds: 1, VisibilityTimeout: 600 };

describe('batch accounting', () => {
  it('messages sent by a batch are followed like single sends', () => {
    const h = history()
      .create('q')
      .at(0).sendBatch('p1', 'q', [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: 'm-b', message: 'B' }])
      .at(100).receive('p2', 'q', [A('h1'), B('h2')], { MaxNumberOfMessages: 10 })
      .build();
    const v = verdict(h);
    expect(v.kind, explain(v)).toBe('conformant');
    expect(v.checked.messages).toBe(2);
  });

  it('a batch entry that is never returned and stays visible is lost; a failed entry was never sent', () => {
    const h = history()
      .create('q')
      .at(0).sendBatch('p1', 'q', [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: 'm-b', fail: ERRORS.invalidHandle('x') }])
      .at(3000).receive('drain', 'q', [], DRAIN, { durationMs: 1000 })
      .build();
    const v = verdict(h);
    // e1 is lost; e2 (valid) should not have failed: two faults, neither explains the other.
    expect(leading(v).map((d) => d.id).sort(), explain(v)).toEqual(['message.lost', 'validation.rejected-valid']);
    expect(explain(v)).toContain('Let m1 be the message sent by op 1 (p1 SendMessageBatch entry e1');
    expect(explain(v)).toContain('op 1 (p1 SendMessageBatch entry e2, 0 ms–5 ms) is valid, yet it failed');
    expect(v.checked.messages).toBe(1);
  });

  it('entries of a batch whose answer was lost may or may not exist', () => {
    const h = history()
      .create('q')
      .at(0).sendBatch('p1', 'q', [{ id: 'e1', body: 'm-a', message: 'A' }, { id: 'e2', body: 'm-b' }], { info: true })
      .at(100).receive('p2', 'q', [A('h1')])
      .at(3000).receive('drain', 'q', [], DRAIN, { durationMs: 1000 })
      .build();
    const v = verdict(h);
    expect(v.kind, explain(v)).toBe('conformant');
  });

  it('a DeleteMessageBatch entry deletes: the message received again after it is a divergence', () => {
    const deleted = (again: boolean) => {
      const b = history()
        .create('q')
        .at(0).send('p1', 'q', 'm-a', { id: 'A' })
        .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 1 })
        .at(400).handleBatch('p2', 'q', 'DeleteMessageBatch', [{ id: 'd1', handle: 'h1' }]);
      if (again) b.at(2000).receive('p3', 'q', [A('h2')]);
      return b.at(3000).receive('drain', 'q', [], DRAIN, { durationMs: 1000 }).build();
    };
    expect(verdict(deleted(false)).kind, explain(verdict(deleted(false)))).toBe('conformant');
    const v = verdict(deleted(true));
    expect(leading(v).map((d) => d.id), explain(v)).toEqual(['delete.not-effective']);
  });

  it('a failed DeleteMessageBatch entry did not delete: the message comes back after its timeout', () => {
    const h = history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 1 })
      .at(400).handleBatch('p2', 'q', 'DeleteMessageBatch', [{ id: 'd1', handle: 'h1', fail: ERRORS.invalidHandle('h1') }])
      .at(2000).receive('p3', 'q', [A('h2')], { VisibilityTimeout: 600 })
      .build();
    const v = verdict(h);
    // The failure itself is wrong (the handle was current): reported on the entry.
    expect(leading(v).map((d) => d.id), explain(v)).toEqual(['delete.rejected']);
    expect(explain(v)).toContain('DeleteMessageBatch entry d1');
  });

  it('a garbage handle in a batch entry must fail alone with ReceiptHandleIsInvalid', () => {
    const batch = (accepted: boolean) =>
      history()
        .create('q')
        .at(0).send('p1', 'q', 'm-a', { id: 'A' })
        .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 30 })
        .at(400).handleBatch('p2', 'q', 'DeleteMessageBatch', [{ id: 'ok', handle: 'h1' }, { id: 'bad', handle: 'garbage', ...(accepted ? {} : { fail: ERRORS.invalidHandle('garbage') }) }])
        .build();
    expect(verdict(batch(false)).kind, explain(verdict(batch(false)))).toBe('conformant');
    const v = verdict(batch(true));
    expect(leading(v).map((d) => d.id), explain(v)).toEqual(['handle.invalid-accepted']);
  });

  it('a ChangeMessageVisibilityBatch entry sets the timeout from the call', () => {
    const changed = (againAt: number) =>
      history()
        .create('q')
        .at(0).send('p1', 'q', 'm-a', { id: 'A' })
        .at(100).receive('p2', 'q', [A('h1')], { VisibilityTimeout: 1 })
        .at(400).handleBatch('p2', 'q', 'ChangeMessageVisibilityBatch', [{ id: 'c1', handle: 'h1', visibilityTimeout: 5 }])
        .at(againAt).receive('p3', 'q', [A('h2')])
        .build();
    expect(verdict(changed(5600)).kind, explain(verdict(changed(5600)))).toBe('conformant');
    const v = verdict(changed(2000));
    expect(leading(v).map((d) => d.id), explain(v)).toEqual(['visibility.change-not-applied']);
  });

  it('every independent fault of one message is reported, not only the first', () => {
    // A receive count that is wrong and a SentTimestamp far off, on the same message.
    const h = history()
      .create('q')
      .at(0).send('p1', 'q', 'm-a', { id: 'A' })
      .at(100).receive('p2', 'q', [{ ...A('h1'), attrs: { ApproximateReceiveCount: '3', SentTimestamp: String(1_735_689_600_000 + 50_000) } }], { MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'] })
      .build();
    const ids = divergences(verdict(h)).map((d) => d.id).sort();
    expect(ids, explain(verdict(h))).toEqual(['receive-count.wrong', 'timestamp.sent-wrong']);
  });
});
