import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import type { Action } from '../../src/history/index.js';
import { createJsonPort } from '../../src/target/json-port.js';
import { Recorder } from '../../src/target/recorder.js';
import type { CallResult, SqsPort } from '../../src/target/types.js';
import { fakeServer } from './helpers.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const URL_A = 'http://127.0.0.1:1/000000000000/sqsc-run-a';
const toKey = (url: string) => (url === URL_A ? 'a' : `?${url}`);

/** A port whose answers are scripted and whose latency runs on the virtual clock. */
function scriptedPort(clock: VirtualClock, answer: (action: Action, input: Record<string, unknown>) => CallResult, delayMs = 10): SqsPort {
  return {
    protocol: 'json',
    async call(action, input) {
      await clock.sleep(delayMs);
      return answer(action, input);
    },
    close() {},
  };
}

describe('Recorder', () => {
  it('pairs invoke and completion ops with sequential indices, monotonic times, and logical queue keys', async () => {
    const clock = new VirtualClock();
    const rec = new Recorder(clock);
    const port = scriptedPort(clock, (action) =>
      action === 'DeleteMessage'
        ? { type: 'fail', value: { code: 'ReceiptHandleIsInvalid', httpStatus: 404 }, meta: { protocol: 'json', httpStatus: 404 } }
        : { type: 'ok', value: { MessageId: 'm-1' }, meta: { protocol: 'json', httpStatus: 200, requestId: 'r' } },
    );
    await Promise.all([
      rec.record('p0', 'a', 'SendMessage', { QueueUrl: URL_A, MessageBody: 'x' }, port, toKey),
      rec.record('p1', 'a', 'DeleteMessage', { QueueUrl: URL_A, ReceiptHandle: 'bad' }, port, toKey),
    ]);
    const ops = rec.ops();
    expect(ops.map((o) => o.index)).toEqual([0, 1, 2, 3]);
    expect(ops.map((o) => [o.process, o.type])).toEqual([
      ['p0', 'invoke'],
      ['p1', 'invoke'],
      ['p0', 'ok'],
      ['p1', 'fail'],
    ]);
    expect(ops[0]).toMatchObject({ f: 'SendMessage', queue: 'a', value: { QueueUrl: 'a', MessageBody: 'x' }, time: 0 });
    expect(ops[2]).toMatchObject({ value: { MessageId: 'm-1' }, meta: { requestId: 'r' }, time: 10e6 });
    expect(ops[3]).toMatchObject({ value: { code: 'ReceiptHandleIsInvalid' } });
    for (let i = 1; i < ops.length; i++) expect(ops[i]!.time).toBeGreaterThanOrEqual(ops[i - 1]!.time);
    expect(ops[2]!.wallTime - ops[0]!.wallTime).toBe(10);
    expect(JSON.stringify(ops)).not.toContain(URL_A);
  });

  it('records binary input values as base64 and survives a throwing port', async () => {
    const clock = new VirtualClock();
    const rec = new Recorder(clock);
    const throwing: SqsPort = {
      protocol: 'query',
      call: async () => {
        throw new Error('bug');
      },
      close() {},
    };
    const r = await rec.record(
      'p0',
      'a',
      'SendMessage',
      { QueueUrl: URL_A, MessageBody: 'x', MessageAttributes: { b: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2]) } } },
      throwing,
      toKey,
    );
    expect(r.type).toBe('info');
    const [invoke, done] = rec.ops();
    expect(invoke!.value).toEqual({ QueueUrl: 'a', MessageBody: 'x', MessageAttributes: { b: { DataType: 'Binary', BinaryValue: 'AAEC' } } });
    expect(done).toMatchObject({ type: 'info', value: { reason: 'client-error' }, meta: { protocol: 'query' } });
  });

  it('never lets a credential value into the ops (real JSON port, server echoing secrets)', async () => {
    const SECRET = 'Sup3rSecretAccessKeyValue0123456789abcdef';
    const KEY_ID = 'AKIAEXAMPLEKEYID0001';
    const TOKEN = 'FwoGZXIvYXdzEXAMPLESESSIONTOKEN';
    const s = await fakeServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      const echo = `${SECRET} ${KEY_ID} ${TOKEN} ${req.headers.authorization ?? ''}`;
      res.end(JSON.stringify({ QueueUrls: [echo] }));
    });
    const port = createJsonPort({
      endpoint: s.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: TOKEN },
    });
    try {
      const rec = new Recorder(new VirtualClock());
      await rec.record('p0', '-', 'ListQueues', {}, port, toKey);
      await rec.record('p0', 'a', 'GetQueueAttributes', { QueueUrl: URL_A }, port, toKey);
      const text = JSON.stringify(rec.ops());
      expect(rec.ops()).toHaveLength(4);
      for (const secret of [SECRET, KEY_ID, TOKEN]) expect(text).not.toContain(secret);
      expect(text).toContain('[REDACTED]');
    } finally {
      port.close();
      await s.close();
    }
  });
});
