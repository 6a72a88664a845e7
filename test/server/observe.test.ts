// GET /health and the request log (src/server/observe.ts): the route answers 200 JSON on a running
// server; with onRequest, every answered request gives one entry naming its action, queue and status,
// read from JSON 1.0 and Query requests alike.
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeRequest, formatRequestLine, startReferenceServer, type ReferenceServer, type RequestLogEntry } from '../../src/server/index.js';
import { query, sdkClient } from './helpers.js';

describe('describeRequest', () => {
  const json = (action: string, input: object) => describeRequest('POST', '/', { 'x-amz-target': `AmazonSQS.${action}` }, Buffer.from(JSON.stringify(input)));
  it.each([
    [json('SendMessage', { QueueUrl: 'http://h:1/000000000000/orders', MessageBody: 'x' }), { action: 'SendMessage', queue: 'orders' }],
    [json('CreateQueue', { QueueName: 'new.fifo' }), { action: 'CreateQueue', queue: 'new.fifo' }],
    [json('ListQueues', {}), { action: 'ListQueues' }],
    [describeRequest('POST', '/000000000000/jobs', { 'x-amz-target': 'AmazonSQS.ReceiveMessage' }, Buffer.from('{}')), { action: 'ReceiveMessage', queue: 'jobs' }],
    [describeRequest('POST', '/', { 'x-amz-target': 'AmazonSQS.SendMessage' }, Buffer.from('not json')), { action: 'SendMessage' }],
    [describeRequest('POST', '/', {}, Buffer.from('Action=DeleteMessage&QueueUrl=http%3A%2F%2Fh%2F000000000000%2Fq%201&ReceiptHandle=r')), { action: 'DeleteMessage', queue: 'q 1' }],
    [describeRequest('GET', '/000000000000/mail?Action=GetQueueAttributes', {}, undefined), { action: 'GetQueueAttributes', queue: 'mail' }],
    [describeRequest('GET', '/health', {}, undefined), { action: 'GET:/health' }],
  ])('%#: %j', (got, want) => expect(got).toEqual(want));

  it('formats one line: time, action, queue, status, ms', () => {
    const e: RequestLogEntry = { time: '2026-12-07T03:04:24.149Z', method: 'POST', action: 'SendMessage', queue: 'orders', status: 200, ms: 1.234 };
    expect(formatRequestLine(e)).toBe('2026-12-07T03:04:24.149Z SendMessage orders 200 1.2 ms');
    expect(formatRequestLine({ ...e, queue: undefined, status: undefined })).toBe('2026-12-07T03:04:24.149Z SendMessage - - 1.2 ms');
    // Whatever a client sends, the line keeps five words.
    expect(formatRequestLine({ ...e, action: 'Send Message\n', queue: 'q 1' })).toBe('2026-12-07T03:04:24.149Z Send%20Message%0A q%201 200 1.2 ms');
  });
});

describe('GET /health and onRequest on a running server', () => {
  let server: ReferenceServer;
  const entries: RequestLogEntry[] = [];
  beforeAll(async () => {
    server = await startReferenceServer({ onRequest: (e) => entries.push(e) });
  });
  afterAll(() => server.stop());

  it('answers GET and HEAD /health with 200 JSON', async () => {
    const r = await fetch(`${server.url}/health`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(await r.json()).toEqual({ status: 'ok' });
    const head = await fetch(`${server.url}/health`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('logs every answered request, SQS errors included, from both protocols', async () => {
    entries.length = 0;
    const client = sdkClient(server.url);
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'logged' }));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'm' }));
    await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    await expect(client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'm', DelaySeconds: 901 }))).rejects.toThrow();
    client.destroy();
    await query(server.url, { Action: 'GetQueueUrl', QueueName: 'logged' });
    // An entry is written when the server's response closes, which may come just after the client has the answer.
    await vi.waitFor(() => expect(entries).toHaveLength(5));
    expect(entries.map((e) => [e.action, e.queue, e.status])).toEqual([
      ['CreateQueue', 'logged', 200],
      ['SendMessage', 'logged', 200],
      ['ReceiveMessage', 'logged', 200],
      ['SendMessage', 'logged', 400],
      ['GetQueueUrl', 'logged', 200],
    ]);
    for (const e of entries) {
      expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(e.ms).toBeGreaterThanOrEqual(0);
    }
  });
});
