// The server's fast HTTP path (src/server/http-fast.ts), on raw sockets: pipelined requests are
// answered in order (a long poll holds back the answers behind it), a head or body that arrives in
// pieces is still answered, a connection handed to node:http goes on being served, and a client
// that half-closes gets its answers before the end.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';

let server: ReferenceServer;
let queueUrl: string;
const logged: string[] = [];

beforeAll(async () => {
  server = await startReferenceServer({ log: (l) => logged.push(l) });
  const r = server.engine.createQueue({ QueueName: 'fast' }, Date.now());
  if (!('ok' in r)) throw new Error('CreateQueue failed');
  queueUrl = r.ok.QueueUrl as string;
});
afterAll(async () => {
  expect(logged.filter((l) => /internal failure|unhandled/.test(l))).toEqual([]);
  await server.stop();
});

function request(op: string, body: object, extra = ''): string {
  const text = JSON.stringify(body);
  return `POST / HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.${op}\r\n${extra}Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
}

/** Splits raw HTTP answers (Content-Length framed). */
function answers(raw: string): Array<{ status: number; body: any }> {
  const out: Array<{ status: number; body: any }> = [];
  let rest = raw;
  while (rest.length > 0) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const head = rest.slice(0, headEnd);
    const length = Number(/content-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    const body = rest.slice(headEnd + 4, headEnd + 4 + length);
    out.push({ status: Number(head.split(' ')[1]), body: body ? JSON.parse(body) : undefined });
    rest = rest.slice(headEnd + 4 + length);
  }
  return out;
}

/** Writes the pieces (with a pause between them), then waits for `count` answers. */
async function exchange(pieces: string[], count: number, end = false): Promise<Array<{ status: number; body: any }>> {
  const s: Socket = connect(server.port, '127.0.0.1');
  await new Promise<void>((r) => s.once('connect', () => r()));
  let raw = '';
  s.setEncoding('utf8');
  s.on('data', (d: string) => (raw += d));
  for (const p of pieces) {
    s.write(p);
    await new Promise((r) => setTimeout(r, 30));
  }
  if (end) s.end();
  const deadline = Date.now() + 5000;
  while (answers(raw).length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  s.destroy();
  return answers(raw);
}

describe('the fast HTTP path', () => {
  it('answers pipelined requests in order', async () => {
    const a = await exchange([request('SendMessage', { QueueUrl: queueUrl, MessageBody: 'one' }) + request('GetQueueUrl', { QueueName: 'fast' }) + request('ListQueues', {})], 3);
    expect(a.map((x) => x.status)).toEqual([200, 200, 200]);
    expect(a[0]!.body.MD5OfMessageBody).toBeDefined();
    expect(a[1]!.body.QueueUrl).toBe(queueUrl);
    expect(a[2]!.body.QueueUrls).toContain(queueUrl);
  });

  it('keeps answers behind a long poll in order', async () => {
    const r = server.engine.createQueue({ QueueName: 'fast-empty' }, Date.now());
    const empty = ('ok' in r ? r.ok.QueueUrl : '') as string;
    const t0 = Date.now();
    const a = await exchange([request('ReceiveMessage', { QueueUrl: empty, WaitTimeSeconds: 1 }) + request('GetQueueUrl', { QueueName: 'fast' })], 2);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(a.map((x) => x.status)).toEqual([200, 200]);
    expect(a[0]!.body).toEqual({});
    expect(a[1]!.body.QueueUrl).toBe(queueUrl);
  });

  it('answers a body that arrives in pieces, and a head that does (handed to node:http)', async () => {
    const full = request('SendMessage', { QueueUrl: queueUrl, MessageBody: 'x'.repeat(5000) });
    const bodyAt = full.indexOf('\r\n\r\n') + 4;
    const a = await exchange([full.slice(0, bodyAt + 100), full.slice(bodyAt + 100)], 1);
    expect(a.map((x) => x.status)).toEqual([200]);
    const b = await exchange([full.slice(0, 40), full.slice(40), request('GetQueueUrl', { QueueName: 'fast' })], 2);
    expect(b.map((x) => x.status)).toEqual([200, 200]);
    expect(b[1]!.body.QueueUrl).toBe(queueUrl);
  });

  it('hands odd requests to node:http and goes on serving the connection', async () => {
    const chunked = `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.ListQueues\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`;
    const a = await exchange([request('ListQueues', {}) + chunked + request('GetQueueUrl', { QueueName: 'fast' })], 3);
    expect(a.map((x) => x.status)).toEqual([200, 200, 200]);
    expect(a[2]!.body.QueueUrl).toBe(queueUrl);
  });

  it('answers complete requests of a client that half-closes', async () => {
    const a = await exchange([request('GetQueueUrl', { QueueName: 'fast' }) + request('ListQueues', {})], 2, true);
    expect(a.map((x) => x.status)).toEqual([200, 200]);
  });
});
