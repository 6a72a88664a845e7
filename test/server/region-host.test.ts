// Issue 12, server side: queue ARNs follow the server's region and account
// (`arn:aws:sqs:<region>:<account-id>:<name>`, sqs-semantics.md 2), and queue URLs follow the Host
// the client used (`http://<Host>/<account-id>/<name>`), on both protocols. A dead-letter ARN built
// for the configured region is the one the server uses.
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { parseXml } from './helpers.js';

const REGION = 'eu-west-1';
const ACCOUNT = '111122223333';
let server: ReferenceServer;

beforeAll(async () => {
  server = await startReferenceServer({ region: REGION, accountId: ACCOUNT });
});
afterAll(async () => {
  await server.stop();
});

/** One request to the server with a chosen Host header (fetch may not set Host). */
function call(host: string | undefined, op: string, body: Record<string, unknown> | string): Promise<{ status: number; text: string }> {
  const json = typeof body !== 'string';
  const payload = json ? JSON.stringify(body) : body;
  const headers: Record<string, string> = json
    ? { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AmazonSQS.${op}` }
    : { 'Content-Type': 'application/x-www-form-urlencoded' };
  if (host !== undefined) headers.Host = host;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/', headers, setHost: host === undefined }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const json = async (host: string, op: string, input: Record<string, unknown>) => {
  const r = await call(host, op, input);
  expect(r.status, r.text).toBe(200);
  return JSON.parse(r.text) as Record<string, any>;
};

describe('region and account', () => {
  it('ARNs name the configured region and account', async () => {
    const { QueueUrl } = await json(`127.0.0.1:${server.port}`, 'CreateQueue', { QueueName: 'arn-q' });
    const { Attributes } = await json(`127.0.0.1:${server.port}`, 'GetQueueAttributes', { QueueUrl, AttributeNames: ['QueueArn'] });
    expect(Attributes.QueueArn).toBe(`arn:aws:sqs:${REGION}:${ACCOUNT}:arn-q`);
    expect(QueueUrl).toBe(`${server.url}/${ACCOUNT}/arn-q`);
  });

  it("a dead-letter ARN of the configured region is used: the message moves after maxReceiveCount", async () => {
    const h = `127.0.0.1:${server.port}`;
    const dlq = (await json(h, 'CreateQueue', { QueueName: 'region-dlq' })).QueueUrl as string;
    const redrive = JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:region-dlq`, maxReceiveCount: 1 });
    const src = (await json(h, 'CreateQueue', { QueueName: 'region-src', Attributes: { RedrivePolicy: redrive, VisibilityTimeout: '0' } })).QueueUrl as string;
    await json(h, 'SendMessage', { QueueUrl: src, MessageBody: 'to the dlq' });
    expect((await json(h, 'ReceiveMessage', { QueueUrl: src })).Messages).toHaveLength(1);
    expect((await json(h, 'ReceiveMessage', { QueueUrl: src })).Messages).toBeUndefined();
    expect((await json(h, 'ReceiveMessage', { QueueUrl: dlq })).Messages[0].Body).toBe('to the dlq');
  });
});

describe('queue URLs follow the Host header', () => {
  const HOST = 'sqs.eu-west-1.localhost.localstack.cloud:4566';

  it('JSON: CreateQueue (new and existing), GetQueueUrl, ListQueues, ListDeadLetterSourceQueues', async () => {
    const created = await json(HOST, 'CreateQueue', { QueueName: 'host-q' });
    expect(created.QueueUrl).toBe(`http://${HOST}/${ACCOUNT}/host-q`);
    expect((await json('localhost:9324', 'CreateQueue', { QueueName: 'host-q' })).QueueUrl).toBe(`http://localhost:9324/${ACCOUNT}/host-q`);
    expect((await json(HOST, 'GetQueueUrl', { QueueName: 'host-q' })).QueueUrl).toBe(`http://${HOST}/${ACCOUNT}/host-q`);
    expect((await json(HOST, 'ListQueues', { QueueNamePrefix: 'host-' })).QueueUrls).toEqual([`http://${HOST}/${ACCOUNT}/host-q`]);
    const redrive = JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:host-q`, maxReceiveCount: 3 });
    await json(HOST, 'CreateQueue', { QueueName: 'host-src', Attributes: { RedrivePolicy: redrive } });
    expect((await json('[::1]:80', 'ListDeadLetterSourceQueues', { QueueUrl: created.QueueUrl })).queueUrls).toEqual([`http://[::1]:80/${ACCOUNT}/host-src`]);
    // A URL the client got from one host works on another: the queue is named by its path.
    expect((await json(`127.0.0.1:${server.port}`, 'GetQueueAttributes', { QueueUrl: created.QueueUrl, AttributeNames: ['QueueArn'] })).Attributes.QueueArn).toBe(
      `arn:aws:sqs:${REGION}:${ACCOUNT}:host-q`,
    );
  });

  it('Query: the XML answer uses the Host too', async () => {
    const r = await call(HOST, 'CreateQueue', 'Action=CreateQueue&Version=2012-11-05&QueueName=host-xml');
    expect(parseXml(r.text).CreateQueueResponse.CreateQueueResult.QueueUrl).toBe(`http://${HOST}/${ACCOUNT}/host-xml`);
  });

  it('without a usable Host header, the listening address', async () => {
    for (const host of ['', 'bad host', 'a/b']) {
      const r = await call(host, 'GetQueueUrl', { QueueName: 'arn-q' });
      expect(JSON.parse(r.text).QueueUrl, JSON.stringify(host)).toBe(`${server.url}/${ACCOUNT}/arn-q`);
    }
  });
});
