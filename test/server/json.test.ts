// The reference server end to end over AWS JSON 1.0 with the real @aws-sdk/client-sqs.
// Item numbers refer to ../shared/reference/aws-recorded-facts.md.
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { jsonCall, sdkClient } from './helpers.js';

let server: ReferenceServer;
let sqs: SQSClient;
let n = 0;
const fresh = async (attrs?: Record<string, string>) =>
  (await sqs.send(new CreateQueueCommand({ QueueName: `json-${++n}`, Attributes: attrs }))).QueueUrl as string;

async function failure(p: Promise<unknown>): Promise<{ name: string; Code?: string; message: string; status?: number }> {
  try {
    await p;
  } catch (e) {
    const x = e as { name: string; Code?: string; message: string; $metadata?: { httpStatusCode?: number } };
    return { name: x.name, Code: x.Code, message: x.message, status: x.$metadata?.httpStatusCode };
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  server = await startReferenceServer({ accountId: '123456789012' });
  sqs = sdkClient(server.url);
});
afterAll(async () => {
  sqs.destroy();
  await server.stop();
});

describe('JSON protocol with the AWS SDK', () => {
  it('creates, sends with attributes, receives with attributes, deletes', async () => {
    const QueueUrl = await fresh();
    expect(QueueUrl).toBe(`${server.url}/123456789012/json-${n}`);
    expect((await sqs.send(new GetQueueUrlCommand({ QueueName: `json-${n}` }))).QueueUrl).toBe(QueueUrl);
    const sent = await sqs.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'msg',
        MessageAttributes: {
          Hello: { DataType: 'String', StringValue: 'There' },
          General: { DataType: 'String', StringValue: 'Kenobi' },
          'Help.Me': { DataType: 'String', StringValue: 'Me' },
          Bin: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 255]) },
        },
      }),
    );
    expect(sent.MD5OfMessageBody).toBe('6e2baaf3b97dbeef01c0043275f9a0e7');
    const got = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['All'], MessageAttributeNames: ['Hel.*', 'Bin'], MaxNumberOfMessages: 10 }),
    );
    const m = got.Messages?.[0];
    expect(m?.MessageId).toBe(sent.MessageId);
    expect(m?.Body).toBe('msg');
    expect(Object.keys(m?.Attributes ?? {}).sort()).toEqual(['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp']);
    expect(Object.keys(m?.MessageAttributes ?? {}).sort()).toEqual(['Bin', 'Hello', 'Help.Me']);
    expect([...(m?.MessageAttributes?.Bin?.BinaryValue ?? [])]).toEqual([0, 1, 2, 255]);
    // The SDK itself checks MD5OfBody and MD5OfMessageAttributes of the subset (item 90).
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m?.ReceiptHandle }));
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
    expect(attrs.Attributes?.ApproximateNumberOfMessagesNotVisible).toBe('0');
    // Empty receive: no Messages key (item 5).
    const empty = await sqs.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(empty.Messages).toBeUndefined();
  });

  it('a long poll returns as soon as a send makes a message available (items 115-116)', async () => {
    const QueueUrl = await fresh();
    const started = Date.now();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 10 }));
    await new Promise((r) => setTimeout(r, 300));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    const got = await polling;
    const elapsed = Date.now() - started;
    expect(got.Messages?.[0]?.Body).toBe('wake up');
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2000);
  });

  it('a long poll wakes when a delayed message becomes visible, and ends empty at the deadline', async () => {
    const QueueUrl = await fresh({ ReceiveMessageWaitTimeSeconds: '1' });
    let started = Date.now();
    const empty = await sqs.send(new ReceiveMessageCommand({ QueueUrl })); // queue default wait (item 116)
    expect(empty.Messages).toBeUndefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 1 }));
    started = Date.now();
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    expect(got.Messages?.[0]?.Body).toBe('later');
    expect(Date.now() - started).toBeLessThan(2500);
    // WaitTimeSeconds=0 is a short poll even when the queue default is not (item 116).
    started = Date.now();
    await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('batch send and batch delete', async () => {
    const QueueUrl = await fresh();
    const sent = await sqs.send(
      new SendMessageBatchCommand({ QueueUrl, Entries: [1, 2, 3].map((i) => ({ Id: `e${i}`, MessageBody: `body-${i}` })) }),
    );
    expect(sent.Successful?.map((s) => s.Id)).toEqual(['e1', 'e2', 'e3']);
    expect(sent.Failed ?? []).toEqual([]);
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    expect(got.Messages?.map((m) => m.Body)).toEqual(['body-1', 'body-2', 'body-3']);
    const del = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: [...(got.Messages ?? []).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })), { Id: 'bad', ReceiptHandle: 'garbage' }],
      }),
    );
    expect(del.Successful?.map((s) => s.Id)).toEqual(['d0', 'd1', 'd2']);
    expect(del.Failed?.[0]).toMatchObject({ Id: 'bad', Code: 'ReceiptHandleIsInvalid', SenderFault: true });
  });

  it('errors carry the modelled name, the query code and the HTTP status (items 13, 105, 111, 114)', async () => {
    const QueueUrl = await fresh();
    const missing = await failure(sqs.send(new GetQueueUrlCommand({ QueueName: 'does-not-exist' })));
    expect(missing).toMatchObject({
      name: 'QueueDoesNotExist',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      message: 'The specified queue does not exist.',
      status: 400,
    });
    const handle = await failure(sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: 'garbage' })));
    expect(handle).toMatchObject({ name: 'ReceiptHandleIsInvalid', status: 404, message: 'The input receipt handle "garbage" is not a valid receipt handle.' });
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    const purge = await failure(sqs.send(new PurgeQueueCommand({ QueueUrl })));
    expect(purge).toMatchObject({ name: 'PurgeQueueInProgress', Code: 'AWS.SimpleQueueService.PurgeQueueInProgress', status: 403 });
    const exists = await failure(sqs.send(new CreateQueueCommand({ QueueName: `json-${n}`, Attributes: { DelaySeconds: '5' } })));
    expect(exists).toMatchObject({ name: 'QueueNameExists', Code: 'QueueAlreadyExists', status: 400 });
    const range = await failure(sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })));
    expect(range).toMatchObject({
      Code: 'InvalidParameterValue',
      status: 400,
      message: 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    });
    const empty = await failure(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '' })));
    expect(empty).toMatchObject({ Code: 'MissingParameter', message: 'The request must contain the parameter MessageBody.', status: 400 });
    const unknownAttr = await failure(sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['Foobar' as never] })));
    expect(unknownAttr).toMatchObject({ name: 'InvalidAttributeName', message: 'Unknown Attribute Foobar.' });
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    const recently = await failure(sqs.send(new CreateQueueCommand({ QueueName: `json-${n}` })));
    expect(recently).toMatchObject({ name: 'QueueDeletedRecently', Code: 'AWS.SimpleQueueService.QueueDeletedRecently' });
  });

  it('sends the x-amzn-query-error header and the JSON error body (sqs-semantics.md 1.2)', async () => {
    const r = await jsonCall(server.url, 'AmazonSQS.GetQueueUrl', JSON.stringify({ QueueName: 'nope' }));
    expect(r.status).toBe(400);
    expect(r.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    expect(r.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(r.json).toEqual({ __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' });
  });

  it('answers a JSON request posted to the queue URL path (item 124)', async () => {
    const QueueUrl = await fresh();
    const path = new URL(QueueUrl).pathname;
    const sent = await jsonCall(server.url, 'AmazonSQS.SendMessage', JSON.stringify({ QueueUrl, MessageBody: 'via path' }), { path });
    expect(sent.status).toBe(200);
    const got = await jsonCall(server.url, 'AmazonSQS.ReceiveMessage', JSON.stringify({}), { path });
    expect(got.status).toBe(200);
    expect(got.json.Messages[0].Body).toBe('via path');
  });

  it('ListQueues, tags, attributes and dead-letter sources', async () => {
    const dlq = await fresh();
    const dlqArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
    const src = await fresh();
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: src, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 3 }) } }));
    const sources = await sqs.send(new ListDeadLetterSourceQueuesCommand({ QueueUrl: dlq }));
    expect(sources.queueUrls).toEqual([src]);
    await sqs.send(new TagQueueCommand({ QueueUrl: src, Tags: { team: 'x' } }));
    expect((await sqs.send(new ListQueueTagsCommand({ QueueUrl: src }))).Tags).toEqual({ team: 'x' });
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'json-' }));
    expect(listed.QueueUrls).toContain(src);
    const none = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'no-such-prefix' }));
    expect(none.QueueUrls).toBeUndefined();
  });

  it('ChangeMessageVisibility restarts the timeout (item 18) and 0 releases the message (item 19)', async () => {
    const QueueUrl = await fresh();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'm' }));
    const m = (await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0];
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: m?.ReceiptHandle, VisibilityTimeout: 0 }));
    expect((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0]?.MessageId).toBe(m?.MessageId);
  });
});

describe('on a virtual clock', () => {
  it('long polls and visibility timeouts pass in virtual time', async () => {
    const clock = new VirtualClock();
    const s = await startReferenceServer({ clock });
    const c = sdkClient(s.url);
    try {
      const QueueUrl = (await c.send(new CreateQueueCommand({ QueueName: 'virtual', Attributes: { VisibilityTimeout: '300' } }))).QueueUrl as string;
      const started = Date.now();
      const empty = await c.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
      expect(empty.Messages).toBeUndefined();
      expect(Date.now() - started).toBeLessThan(3000);
      expect(clock.nowMs()).toBeGreaterThanOrEqual(20_000);
      await c.send(new SendMessageCommand({ QueueUrl, MessageBody: 'v' }));
      expect((await c.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toHaveLength(1);
      expect((await c.send(new ReceiveMessageCommand({ QueueUrl }))).Messages).toBeUndefined();
      clock.advance(300_000);
      const again = await c.send(new ReceiveMessageCommand({ QueueUrl, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
      expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
    } finally {
      c.destroy();
      await s.stop();
    }
  });
});
