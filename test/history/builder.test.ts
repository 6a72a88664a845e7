import { describe, expect, it } from 'vitest';
import { pairCalls } from '../../src/history/index.js';
import { history, md5, ORIGIN_WALL_MS, stampAt, wallAt } from '../../src/history/builder.js';

describe('corpus builder', () => {
  const b = history()
    .create('q', { VisibilityTimeout: '2' })
    .at(0).send('p1', 'q', 'm-a', { id: 'A', label: 'send' })
    .at(100).receive('p2', 'q', [{ id: 'A', body: 'm-a', handle: 'h1', attrs: { ApproximateReceiveCount: '1' } }], { VisibilityTimeout: 2 }, { label: 'recv' })
    .at(1000).deleteMessage('p2', 'q', 'h1', { fail: { code: 'ReceiptHandleIsInvalid', httpStatus: 404 } })
    .at(1200).changeVisibility('p3', 'q', 'h1', 0, { info: true })
    .at(3000).receive('drain', 'q', [], { WaitTimeSeconds: 1, VisibilityTimeout: 600 }, { durationMs: 1000 });
  const h = b.build();

  it('numbers ops in time order and pairs every invoke with its completion', () => {
    expect(h.ops.map((o) => o.index)).toEqual(h.ops.map((_, i) => i));
    for (let i = 1; i < h.ops.length; i++) expect(h.ops[i]!.time).toBeGreaterThanOrEqual(h.ops[i - 1]!.time);
    const calls = pairCalls(h.ops);
    expect(calls.map((c) => c.invoke.f)).toEqual(['CreateQueue', 'SendMessage', 'ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'ReceiveMessage']);
    expect(calls.map((c) => c.complete?.type)).toEqual(['ok', 'ok', 'ok', 'fail', 'info', 'ok']);
  });

  it('writes time in ns and wall time as origin + ms', () => {
    const recv = b.indicesOf('recv').map((i) => h.ops[i]!);
    expect(recv.map((o) => o.time)).toEqual([100e6, 105e6]);
    expect(recv.map((o) => o.wallTime)).toEqual([ORIGIN_WALL_MS + 100, ORIGIN_WALL_MS + 105]);
    expect(wallAt(2500)).toBe(ORIGIN_WALL_MS + 2500);
    expect(stampAt(2.7)).toBe(String(ORIGIN_WALL_MS + 2));
    const drain = h.ops.filter((o) => o.process === 'drain');
    expect(drain.map((o) => o.time)).toEqual([3000e6, 4000e6]);
  });

  it('shapes requests and responses as the SDK does', () => {
    const [si, sc] = b.indicesOf('send');
    expect(h.ops[si!]!.value).toEqual({ QueueUrl: 'q', MessageBody: 'm-a' });
    expect(h.ops[sc!]!.value).toEqual({ MessageId: 'A', MD5OfMessageBody: md5('m-a') });
    const [, rc] = b.indicesOf('recv');
    expect(h.ops[rc!]!.value).toEqual({ Messages: [{ MessageId: 'A', ReceiptHandle: 'h1', MD5OfBody: md5('m-a'), Body: 'm-a', Attributes: { ApproximateReceiveCount: '1' } }] });
    // An empty receive leaves the Messages key out (aws-recorded-facts.md A1 item 5).
    expect(h.ops.at(-1)!.value).toEqual({});
    const fail = h.ops.find((o) => o.type === 'fail')!;
    expect(fail.value).toEqual({ code: 'ReceiptHandleIsInvalid', httpStatus: 404 });
  });

  it('computes the recorded MD5 (aws-recorded-facts.md A1 item 1)', () => {
    expect(md5('message')).toBe('78e731027d8fd50ed642340b7c9a63b3');
  });

  it('puts a completion before an invoke at the same instant', () => {
    const g = history().create('q').at(5).send('setup', 'q', 'x').build();
    expect(g.ops.map((o) => `${o.type}:${o.f}`)).toEqual(['invoke:CreateQueue', 'ok:CreateQueue', 'invoke:SendMessage', 'ok:SendMessage']);
  });

  it('refuses overlapping calls of one process and calls after an open one', () => {
    expect(() => history().create('q').at(0).send('p1', 'q', 'a', { durationMs: 50 }).at(20).send('p1', 'q', 'b').build()).toThrow(/p1/);
    expect(() => history().create('q').at(0).send('p1', 'q', 'a', { open: true }).at(500).send('p1', 'q', 'b').build()).toThrow(/p1/);
    const open = history().create('q').at(0).send('p1', 'q', 'a', { open: true }).build();
    expect(pairCalls(open.ops).at(-1)!.complete).toBeUndefined();
  });
});
