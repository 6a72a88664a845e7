// The engine target: the reference engine in process on a VirtualClock, with random latencies, lost
// answers and `choose: random(seed)`. It must answer like the JSON port records, wait long polls on
// the clock, and with random choices produce every outcome the model allows (and nothing else).
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import type { Choose } from '../../src/spec/engine/index.js';
import type { Strictness } from '../../src/spec/types.js';
import { startEngineTarget, type EngineTargetOptions } from '../../src/target/engine-target.js';
import type { CallResult, SqsPort } from '../../src/target/types.js';

function setup(opts: Partial<EngineTargetOptions> = {}) {
  const clock = new VirtualClock();
  const target = startEngineTarget({ clock, ...opts });
  return { clock, target, port: target.client() };
}

function okValue(r: CallResult): Record<string, unknown> {
  if (r.type !== 'ok') throw new Error(`expected ok, got ${r.type}: ${JSON.stringify(r.value)}`);
  return r.value;
}

async function queue(port: SqsPort, name: string, attributes: Record<string, string> = {}): Promise<string> {
  return okValue(await port.call('CreateQueue', { QueueName: name, Attributes: attributes }))['QueueUrl'] as string;
}

const messagesOf = (r: CallResult) => ((r.type === 'ok' ? r.value['Messages'] : undefined) as Array<Record<string, unknown>> | undefined) ?? [];

describe('engine target: answers as the JSON port records them', () => {
  it('ok values in the SDK output shape, failures as ServiceError', async () => {
    const { port } = setup();
    const url = await queue(port, 'shapes');
    expect(url).toBe('http://engine.invalid/000000000000/shapes');
    const sent = okValue(await port.call('SendMessage', { QueueUrl: url, MessageBody: 'hello', MessageAttributes: { b: { DataType: 'Binary', BinaryValue: 'AAEC' } } }));
    expect(sent['MD5OfMessageBody']).toBe('5d41402abc4b2a76b9719d911017c592'); // sqs-semantics.md 6.4
    const got = okValue(await port.call('ReceiveMessage', { QueueUrl: url, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    const m = (got['Messages'] as Array<Record<string, unknown>>)[0]!;
    expect(m['MessageAttributes']).toEqual({ b: { DataType: 'Binary', BinaryValue: 'AAEC' } }); // bytes as base64, like the port
    expect(typeof (m['Attributes'] as Record<string, string>)['SentTimestamp']).toBe('string');
    const empty = okValue(await port.call('ReceiveMessage', { QueueUrl: url }));
    expect(empty).toEqual({}); // `Messages` absent (item 5)
    const batch = okValue(await port.call('SendMessageBatch', { QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'x' }] }));
    expect(batch).not.toHaveProperty('Failed'); // left out when empty (item 84)
    const r = await port.call('SendMessage', { QueueUrl: `${url}-nope`, MessageBody: 'x' });
    expect(r).toMatchObject({
      type: 'fail',
      value: { code: 'AWS.SimpleQueueService.NonExistentQueue', type: 'QueueDoesNotExist', message: 'The specified queue does not exist.', httpStatus: 400, senderFault: true },
      meta: { protocol: 'json', httpStatus: 400 },
    });
  });

  it('waits a latency each way, drawn in the configured range', async () => {
    const { clock, port } = setup({ latencyMs: [5, 10] });
    const url = await queue(port, 'lat');
    for (let i = 0; i < 20; i++) {
      const t0 = clock.nowMs();
      await port.call('SendMessage', { QueueUrl: url, MessageBody: `m${i}` });
      const took = clock.nowMs() - t0;
      expect(took).toBeGreaterThanOrEqual(10);
      expect(took).toBeLessThanOrEqual(20);
    }
  });

  it('loses answers after the engine acted (info), never those of CreateQueue', async () => {
    const { port, target } = setup({ lossRate: 1 });
    const url = await queue(port, 'lossy');
    const r = await port.call('SendMessage', { QueueUrl: url, MessageBody: 'kept' });
    expect(r.type).toBe('info');
    // The engine acted: the message is there (sqs-semantics.md 14 N17 for receives).
    const inside = target.engine.receiveMessage({ QueueUrl: url }, Date.UTC(2026, 0, 2));
    expect('ok' in inside && inside.ok.Messages?.[0]?.Body).toBe('kept');
  });

  it('long polls wait on the clock, wake on a send, and end empty at the deadline (items 115-116)', async () => {
    const { clock, port } = setup({ latencyMs: [1, 1] });
    const url = await queue(port, 'poll', { ReceiveMessageWaitTimeSeconds: '5' });
    let t0 = clock.nowMs();
    expect(messagesOf(await port.call('ReceiveMessage', { QueueUrl: url }))).toHaveLength(0);
    expect(clock.nowMs() - t0).toBeGreaterThanOrEqual(5000);
    t0 = clock.nowMs();
    const producer = port.call('SendMessage', { QueueUrl: url, MessageBody: 'late', DelaySeconds: 2 });
    const got = await port.call('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 20 });
    await producer;
    expect(messagesOf(got).map((m) => m['Body'])).toEqual(['late']);
    expect(clock.nowMs() - t0).toBeGreaterThanOrEqual(2000);
    expect(clock.nowMs() - t0).toBeLessThan(2100);
  });
});

describe('engine target: choose random(seed) produces every allowed outcome', () => {
  const random = (seed: number, strictness: Strictness): Choose => ({ kind: 'random', seed, strictness });

  it('short polls return varied subsets of the visible messages, empty included (14 N3); long polls at least one (N4)', async () => {
    const sizes = new Set<number>();
    const longSizes = new Set<number>();
    for (let seed = 1; seed <= 12; seed++) {
      const { port } = setup({ choose: random(seed, 'typical') });
      const url = await queue(port, 'sample', { VisibilityTimeout: '0' });
      for (let i = 0; i < 6; i++) await port.call('SendMessage', { QueueUrl: url, MessageBody: `m${i}` });
      for (let i = 0; i < 8; i++) sizes.add(messagesOf(await port.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 })).length);
      for (let i = 0; i < 4; i++) longSizes.add(messagesOf(await port.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })).length);
    }
    expect(sizes.has(0)).toBe(true);
    expect(sizes.has(6)).toBe(true);
    expect([...sizes].filter((n) => n > 0 && n < 6).length).toBeGreaterThanOrEqual(3);
    expect(longSizes.has(0)).toBe(false);
    expect(longSizes.size).toBeGreaterThanOrEqual(3);
  });

  it('standard messages come in varied orders (14 N2); typical keeps send order (item 11)', async () => {
    const orders = new Set<string>();
    for (let seed = 1; seed <= 10; seed++) {
      const { port } = setup({ choose: random(seed, 'typical') });
      const url = await queue(port, 'order');
      for (let i = 0; i < 4; i++) await port.call('SendMessage', { QueueUrl: url, MessageBody: `m${i}` });
      const got: string[] = [];
      while (got.length < 4) got.push(...messagesOf(await port.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 })).map((m) => String(m['Body'])));
      orders.add(got.join(','));
    }
    expect(orders.size).toBeGreaterThan(3);
    const { port } = setup();
    const url = await queue(port, 'typical');
    for (let i = 0; i < 4; i++) await port.call('SendMessage', { QueueUrl: url, MessageBody: `m${i}` });
    expect(messagesOf(await port.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 })).map((m) => m['Body'])).toEqual(['m0', 'm1', 'm2', 'm3']);
  });

  /** Receives a message twice (VT 0), then deletes with the first, stale handle: does the message survive? */
  async function staleDelete(choose: Choose | undefined): Promise<{ deleted: boolean; response: string }> {
    const { port, target } = setup(choose ? { choose } : {});
    const url = await queue(port, 'stale');
    await port.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
    const first = messagesOf(await port.call('ReceiveMessage', { QueueUrl: url, VisibilityTimeout: 0, WaitTimeSeconds: 1 }))[0]!;
    messagesOf(await port.call('ReceiveMessage', { QueueUrl: url, VisibilityTimeout: 0, WaitTimeSeconds: 1 }));
    const d = await port.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: first['ReceiptHandle'] });
    const left = target.engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }, Date.UTC(2026, 0, 2));
    const count = 'ok' in left ? Number(left.ok.Attributes?.['ApproximateNumberOfMessages'] ?? 0) + Number(left.ok.Attributes?.['ApproximateNumberOfMessagesNotVisible'] ?? 0) : -1;
    return { deleted: count === 0, response: d.type };
  }

  it('a stale delete deletes or not, both allowed (sqs-semantics.md 4.10, 14 N15); typical deletes', async () => {
    expect(await staleDelete(undefined)).toEqual({ deleted: true, response: 'ok' });
    const seen = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) seen.add(JSON.stringify(await staleDelete(random(seed, 'guaranteed'))));
    expect(seen).toEqual(new Set([JSON.stringify({ deleted: true, response: 'ok' }), JSON.stringify({ deleted: false, response: 'ok' })]));
  });

  it('deviation rows (14 N16) only at guaranteed strictness', async () => {
    const codes = async (strictness: Strictness) => {
      const out = new Set<string>();
      for (let seed = 1; seed <= 25; seed++) {
        const { port } = setup({ choose: random(seed, strictness) });
        const url = await queue(port, 'cmv');
        await port.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
        const first = messagesOf(await port.call('ReceiveMessage', { QueueUrl: url, VisibilityTimeout: 0, WaitTimeSeconds: 1 }))[0]!;
        messagesOf(await port.call('ReceiveMessage', { QueueUrl: url, VisibilityTimeout: 30, WaitTimeSeconds: 1 }));
        const r = await port.call('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: first['ReceiptHandle'], VisibilityTimeout: 0 });
        out.add(r.type === 'ok' ? 'ok' : r.type === 'fail' ? r.value.code : 'info');
      }
      return out;
    };
    expect(await codes('typical')).toEqual(new Set(['ok'])); // an old handle works on a standard queue (item 20)
    const wide = await codes('guaranteed');
    expect(wide.has('ok')).toBe(true);
    expect([...wide].some((c) => c !== 'ok')).toBe(true);
  });

  it('retention removes a message somewhere within [deadline, deadline + slack] (14 N9)', async () => {
    const lastSeen: number[] = [];
    for (let seed = 1; seed <= 8; seed++) {
      const { clock, port } = setup({ choose: { kind: 'random', seed, strictness: 'typical', retentionSlackMs: 5000 }, latencyMs: [1, 1] });
      const url = await queue(port, 'ret', { MessageRetentionPeriod: '60', VisibilityTimeout: '0' });
      const sentAt = clock.nowMs();
      await port.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      await clock.sleep(59_000);
      let last = 0;
      for (let i = 0; i < 80; i++) {
        const got = messagesOf(await port.call('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 1 }));
        if (got.length > 0) last = clock.nowMs() - sentAt;
        await clock.sleep(100);
      }
      lastSeen.push(last);
    }
    for (const t of lastSeen) {
      expect(t).toBeGreaterThan(59_000);
      expect(t).toBeLessThan(65_100);
    }
    expect(lastSeen.some((t) => t > 61_000)).toBe(true);
  });
});

