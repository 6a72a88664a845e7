// Keys a client names (message attribute names, queue attribute names, tag keys) that a plain `{}`
// mishandles: `__proto__` (the prototype setter drops it) and `constructor`, `toString`,
// `hasOwnProperty` (found by `in` and by `o[k]` on every object). Each must reach the engine on
// both protocols and be answered by the model's rules:
// - a message attribute name may use `[A-Za-z0-9_.-]` (sqs-semantics.md 2): all four are legal;
// - a queue attribute name must be one of section 3's: all four are InvalidAttributeName;
// - a tag key may use letters, digits, whitespace and `_ . : / = + - @` (section 2): all four are legal.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { md5OfMessageAttributes } from '../../src/spec/md5.js';
import { jsonCall, query } from './helpers.js';

const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;

let server: ReferenceServer;
let n = 0;

beforeAll(async () => {
  server = await startReferenceServer();
});
afterAll(async () => {
  await server.stop();
});

/** A JSON object with `key` as an own member (a literal `{ __proto__: … }` would set the prototype). */
const own = (entries: [string, unknown][]): Record<string, unknown> => Object.fromEntries(entries);

async function json(op: string, input: Record<string, unknown>): Promise<{ status: number; json: any; headers: Headers }> {
  return jsonCall(server.url, `AmazonSQS.${op}`, JSON.stringify(input));
}

async function createQueue(): Promise<string> {
  const r = await json('CreateQueue', { QueueName: `keys-${++n}` });
  expect(r.status).toBe(200);
  return r.json.QueueUrl as string;
}

const ATTRIBUTE = { DataType: 'String', StringValue: 'v' };
const expectedMd5 = (key: string) => md5OfMessageAttributes(own([[key, ATTRIBUTE]]) as never);


describe.each(KEYS)('%s', (key) => {
  it('is a legal message attribute name (JSON): sent and hashed', async () => {
    const url = await createQueue();
    const sent = await json('SendMessage', { QueueUrl: url, MessageBody: 'b', MessageAttributes: own([[key, ATTRIBUTE]]) });
    expect(sent.status).toBe(200);
    expect(sent.json.MD5OfMessageAttributes).toBe(expectedMd5(key));
  });

  it('comes back on receive with its MD5, JSON and Query', async () => {
    const url = await createQueue();
    await json('SendMessage', { QueueUrl: url, MessageBody: 'b', MessageAttributes: own([[key, ATTRIBUTE]]) });
    const got = await json('ReceiveMessage', { QueueUrl: url, MessageAttributeNames: ['All'], VisibilityTimeout: 0 });
    expect(got.status).toBe(200);
    const m = got.json.Messages[0];
    expect(Object.keys(m.MessageAttributes ?? {})).toEqual([key]);
    expect(m.MessageAttributes[key]).toEqual(ATTRIBUTE);
    expect(m.MD5OfMessageAttributes).toBe(expectedMd5(key));
    const q = await query(server.url, { Action: 'ReceiveMessage', QueueUrl: url, 'MessageAttributeName.1': key });
    const qm = q.xml.ReceiveMessageResponse.ReceiveMessageResult.Message[0];
    expect(qm.MessageAttribute).toEqual([{ Name: key, Value: { StringValue: 'v', DataType: 'String' } }]);
    expect(qm.MD5OfMessageAttributes).toBe(expectedMd5(key));
  });

  it('is a legal message attribute name (Query), also in a batch entry', async () => {
    const url = await createQueue();
    const sent = await query(server.url, {
      Action: 'SendMessage',
      QueueUrl: url,
      MessageBody: 'b',
      'MessageAttribute.1.Name': key,
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'v',
    });
    expect(sent.status).toBe(200);
    expect(sent.xml.SendMessageResponse.SendMessageResult.MD5OfMessageAttributes).toBe(expectedMd5(key));
    const batch = await query(server.url, {
      Action: 'SendMessageBatch',
      QueueUrl: url,
      'SendMessageBatchRequestEntry.1.Id': 'a',
      'SendMessageBatchRequestEntry.1.MessageBody': 'c',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': key,
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'String',
      'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue': 'v',
    });
    expect(batch.status).toBe(200);
    expect(batch.xml.SendMessageBatchResponse.SendMessageBatchResult.SendMessageBatchResultEntry[0].MD5OfMessageAttributes).toBe(expectedMd5(key));
  });

  it('is an unknown queue attribute: InvalidAttributeName on CreateQueue, SetQueueAttributes and GetQueueAttributes (JSON)', async () => {
    const url = await createQueue();
    const create = await json('CreateQueue', { QueueName: `keys-${++n}`, Attributes: own([[key, '1']]) });
    const set = await json('SetQueueAttributes', { QueueUrl: url, Attributes: own([[key, '1']]) });
    const get = await json('GetQueueAttributes', { QueueUrl: url, AttributeNames: [key] });
    for (const r of [create, set, get]) {
      expect(r.status).toBe(400);
      expect(r.json).toEqual({ __type: 'com.amazonaws.sqs#InvalidAttributeName', message: `Unknown Attribute ${key}.` });
      expect(r.headers.get('x-amzn-query-error')).toBe('InvalidAttributeName;Sender');
    }
  });

  it('is an unknown queue attribute (Query)', async () => {
    const url = await createQueue();
    const set = await query(server.url, { Action: 'SetQueueAttributes', QueueUrl: url, 'Attribute.1.Name': key, 'Attribute.1.Value': '1' });
    expect(set.status).toBe(400);
    expect(set.xml.ErrorResponse.Error).toMatchObject({ Code: 'InvalidAttributeName', Message: `Unknown Attribute ${key}.` });
  });

  it('is a legal tag key: TagQueue, CreateQueue tags, ListQueueTags, UntagQueue (JSON)', async () => {
    const url = await createQueue();
    expect((await json('TagQueue', { QueueUrl: url, Tags: own([[key, 'x']]) })).status).toBe(200);
    expect((await json('ListQueueTags', { QueueUrl: url })).json).toEqual({ Tags: own([[key, 'x']]) });
    expect((await json('UntagQueue', { QueueUrl: url, TagKeys: [key] })).status).toBe(200);
    expect((await json('ListQueueTags', { QueueUrl: url })).json).toEqual({});
    const created = await json('CreateQueue', { QueueName: `keys-${++n}`, tags: own([[key, 'y']]) });
    expect(created.status).toBe(200);
    expect((await json('ListQueueTags', { QueueUrl: created.json.QueueUrl })).json).toEqual({ Tags: own([[key, 'y']]) });
  });

  it('is a legal tag key (Query)', async () => {
    const url = await createQueue();
    expect((await query(server.url, { Action: 'TagQueue', QueueUrl: url, 'Tag.1.Key': key, 'Tag.1.Value': 'x' })).status).toBe(200);
    const listed = await query(server.url, { Action: 'ListQueueTags', QueueUrl: url });
    expect(listed.xml.ListQueueTagsResponse.ListQueueTagsResult.Tag).toEqual([{ Key: key, Value: 'x' }]);
  });
});

it('the expected MD5 is that of sqs-semantics.md 6.4 for the name', () => {
  // Independent of md5.ts: length-prefixed name, data type, transport byte 1, value.
  const lp = (s: string) => {
    const b = Buffer.from(s, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(b.length);
    return Buffer.concat([len, b]);
  };
  const bytes = Buffer.concat([lp('__proto__'), lp('String'), Buffer.from([1]), lp('v')]);
  expect(expectedMd5('__proto__')).toBe(createHash('md5').update(bytes).digest('hex'));
});
