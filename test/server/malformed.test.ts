// Malformed requests: every one gets an AWS-style error and the server keeps answering.
import { connect } from 'node:net';
import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { jsonCall, query, sdkClient } from './helpers.js';

let server: ReferenceServer;
let sqs: SQSClient;
const logged: string[] = [];

beforeAll(async () => {
  server = await startReferenceServer({ log: (l) => logged.push(l) });
  sqs = sdkClient(server.url);
});
afterAll(async () => {
  sqs.destroy();
  await server.stop();
});
afterEach(async () => {
  // The server still answers after each malformed request.
  const r = await query(server.url, { Action: 'ListQueues' });
  expect(r.status).toBe(200);
  expect(logged.filter((l) => l.includes('internal failure'))).toEqual([]);
});

function expectJsonError(r: { status: number; json: any; headers: Headers }, status: number, type: string, code: string): void {
  expect(r.status).toBe(status);
  expect(r.json.__type).toMatch(new RegExp(`#${type}$`));
  expect(typeof r.json.message).toBe('string');
  expect(r.headers.get('x-amzn-query-error')).toBe(`${code};Sender`);
}

describe('malformed JSON requests', () => {
  it('bad JSON → SerializationException', async () => {
    const r = await jsonCall(server.url, 'AmazonSQS.ListQueues', '{"QueueNamePrefix": ');
    expectJsonError(r, 400, 'SerializationException', 'SerializationException');
  });

  it('a JSON value that is not an object → SerializationException', async () => {
    for (const body of ['[]', '"x"', '42', 'null']) {
      const r = await jsonCall(server.url, 'AmazonSQS.ListQueues', body);
      expectJsonError(r, 400, 'SerializationException', 'SerializationException');
    }
  });

  it('wrong member types → SerializationException', async () => {
    const cases: [string, unknown][] = [
      ['AmazonSQS.ReceiveMessage', { QueueUrl: 'q', MaxNumberOfMessages: '5' }],
      ['AmazonSQS.ReceiveMessage', { QueueUrl: 'q', MaxNumberOfMessages: 1.5 }],
      ['AmazonSQS.SendMessage', { QueueUrl: 42, MessageBody: 'x' }],
      ['AmazonSQS.SendMessage', { QueueUrl: 'q', MessageBody: 'x', MessageAttributes: [] }],
      ['AmazonSQS.SendMessage', { QueueUrl: 'q', MessageBody: 'x', MessageAttributes: { a: { DataType: 'Binary', BinaryValue: '%%%' } } }],
      ['AmazonSQS.CreateQueue', { QueueName: 'x', Attributes: { VisibilityTimeout: 30 } }],
      ['AmazonSQS.DeleteMessageBatch', { QueueUrl: 'q', Entries: {} }],
    ];
    for (const [target, body] of cases) {
      const r = await jsonCall(server.url, target, JSON.stringify(body));
      expectJsonError(r, 400, 'SerializationException', 'SerializationException');
    }
  });

  it('unknown target → InvalidAction', async () => {
    for (const target of ['AmazonSQS.FooBar', 'DynamoDB_20120810.ListTables', 'AmazonSQS.', '']) {
      const r = await jsonCall(server.url, target, '{}');
      expectJsonError(r, 400, 'InvalidAction', 'InvalidAction');
    }
  });

  it('wrong content type → SerializationException', async () => {
    const r = await jsonCall(server.url, 'AmazonSQS.ListQueues', '{}', { contentType: 'text/plain' });
    expectJsonError(r, 400, 'SerializationException', 'SerializationException');
  });

  it('invalid UTF-8 → SerializationException', async () => {
    const bytes = new Uint8Array([...Buffer.from('{"QueueNamePrefix":"'), 0xff, 0xfe, ...Buffer.from('"}')]);
    const r = await jsonCall(server.url, 'AmazonSQS.ListQueues', bytes);
    expectJsonError(r, 400, 'SerializationException', 'SerializationException');
  });

  it('a body over MAX_REQUEST_BYTES is refused', async () => {
    const r = await jsonCall(server.url, 'AmazonSQS.SendMessage', JSON.stringify({ QueueUrl: 'q', MessageBody: 'x'.repeat(MAX_REQUEST_BYTES + 1024) }));
    expect(r.status).toBe(413);
    expect(r.headers.get('x-amzn-query-error')).toMatch(/;Sender$/);
  });

  it('a missing required member is MissingParameter, not a crash', async () => {
    const r = await jsonCall(server.url, 'AmazonSQS.SendMessage', '{}');
    expectJsonError(r, 400, 'MissingRequiredParameterException', 'MissingParameter');
    const d = await jsonCall(server.url, 'AmazonSQS.DeleteQueue', '{}');
    expectJsonError(d, 400, 'MissingRequiredParameterException', 'MissingParameter');
  });
});

describe('malformed Query requests', () => {
  it('unknown action → InvalidAction; no action → 404 UnknownOperationException (item 122)', async () => {
    const foo = await query(server.url, { Action: 'FooBar' });
    expect(foo.status).toBe(400);
    expect(foo.xml.ErrorResponse.Error.Code).toBe('InvalidAction');
    const none = await fetch(`${server.url}/`);
    expect(none.status).toBe(404);
    expect(await none.text()).toContain('UnknownOperationException');
  });

  it('broken percent-encoding and invalid UTF-8 → MalformedQueryString', async () => {
    for (const body of ['Action=ListQueues&QueueNamePrefix=%ZZ', 'Action=ListQueues&QueueNamePrefix=%FF%FE']) {
      const res = await fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('<Code>MalformedQueryString</Code>');
    }
  });

  it('a body over MAX_REQUEST_BYTES is refused as XML', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: `Action=SendMessage&QueueUrl=q&MessageBody=${'x'.repeat(MAX_REQUEST_BYTES + 1024)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('<ErrorResponse');
  });

  it('other HTTP methods get an error', async () => {
    const res = await fetch(`${server.url}/?Action=ListQueues`, { method: 'PUT', body: 'x' });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('<ErrorResponse');
  });
});

describe('connections', () => {
  it('survives raw garbage on the socket', async () => {
    await new Promise<void>((resolve) => {
      const s = connect(server.port, '127.0.0.1', () => s.write('NOT HTTP AT ALL\r\n\r\n\u0000\u0001'));
      s.on('data', () => s.destroy());
      s.on('error', () => resolve());
      s.on('close', () => resolve());
    });
  });

  it('a client that leaves a long poll does not take a message out of the queue', async () => {
    const QueueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: 'leaver' }))).QueueUrl as string;
    const ac = new AbortController();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }), { abortSignal: ac.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    ac.abort();
    await polling;
    await new Promise((r) => setTimeout(r, 100));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'kept' }));
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    expect(got.Messages?.[0]?.Body).toBe('kept');
    expect(got.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
  });

  it('stop() ends pending long polls', async () => {
    const s = await startReferenceServer();
    const c = sdkClient(s.url);
    const QueueUrl = (await c.send(new CreateQueueCommand({ QueueName: 'stopper' }))).QueueUrl as string;
    const started = Date.now();
    const polling = c.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 100));
    await s.stop();
    await polling;
    expect(Date.now() - started).toBeLessThan(3000);
    c.destroy();
  });
});
