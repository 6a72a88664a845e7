// The reference server end to end over the Query protocol: form bodies with fetch, XML parsed with
// fast-xml-parser. Item numbers refer to ../shared/reference/aws-recorded-facts.md.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { query } from './helpers.js';

let server: ReferenceServer;
let n = 0;

async function createQueue(attrs: Record<string, string> = {}): Promise<string> {
  const params: Record<string, string> = { Action: 'CreateQueue', QueueName: `query-${++n}` };
  Object.entries(attrs).forEach(([k, v], i) => {
    params[`Attribute.${i + 1}.Name`] = k;
    params[`Attribute.${i + 1}.Value`] = v;
  });
  const r = await query(server.url, params);
  expect(r.status).toBe(200);
  return r.xml.CreateQueueResponse.CreateQueueResult.QueueUrl as string;
}

beforeAll(async () => {
  server = await startReferenceServer({ accountId: '123456789012' });
});
afterAll(async () => {
  await server.stop();
});

describe('Query protocol', () => {
  it('CreateQueue answers XML with the result and a request id', async () => {
    const r = await query(server.url, { Action: 'CreateQueue', QueueName: 'query-xml' });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/xml');
    expect(r.text).toContain('<CreateQueueResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/">');
    expect(r.xml.CreateQueueResponse.CreateQueueResult.QueueUrl).toBe(`${server.url}/123456789012/query-xml`);
    expect(r.xml.CreateQueueResponse.ResponseMetadata.RequestId).toBe(r.headers.get('x-amzn-requestid'));
  });

  it('sends with message attributes and receives them with system attributes', async () => {
    const url = await createQueue();
    const sent = await query(server.url, {
      Action: 'SendMessage',
      QueueUrl: url,
      MessageBody: 'msg',
      'MessageAttribute.1.Name': 'Hello',
      'MessageAttribute.1.Value.DataType': 'String',
      'MessageAttribute.1.Value.StringValue': 'There',
      'MessageAttribute.2.Name': 'General',
      'MessageAttribute.2.Value.DataType': 'String',
      'MessageAttribute.2.Value.StringValue': 'Kenobi',
      'MessageAttribute.3.Name': 'Help.Me',
      'MessageAttribute.3.Value.DataType': 'String',
      'MessageAttribute.3.Value.StringValue': 'Me',
    });
    expect(sent.status).toBe(200);
    const result = sent.xml.SendMessageResponse.SendMessageResult;
    expect(result.MD5OfMessageBody).toBe('6e2baaf3b97dbeef01c0043275f9a0e7');
    expect(result.MD5OfMessageAttributes).toBe('4c360f3fdafd970e05fae2f149d997f5');
    const got = await query(server.url, {
      Action: 'ReceiveMessage',
      QueueUrl: url,
      'AttributeName.1': 'All',
      'MessageAttributeName.1': 'Hello',
      'MessageAttributeName.2': 'General',
    });
    const [m] = got.xml.ReceiveMessageResponse.ReceiveMessageResult.Message;
    expect(m.MessageId).toBe(result.MessageId);
    expect(m.Body).toBe('msg');
    expect(m.MD5OfMessageAttributes).toBe('fca026605781cb4126a1e9044df24232'); // item 90
    const sys = Object.fromEntries((m.Attribute as { Name: string; Value: string }[]).map((a) => [a.Name, a.Value]));
    expect(Object.keys(sys).sort()).toEqual(['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SenderId', 'SentTimestamp']);
    const byName = (a: { Name: string }, b: { Name: string }) => (a.Name < b.Name ? -1 : 1);
    expect([...(m.MessageAttribute as { Name: string }[])].sort(byName)).toEqual([
      { Name: 'General', Value: { StringValue: 'Kenobi', DataType: 'String' } },
      { Name: 'Hello', Value: { StringValue: 'There', DataType: 'String' } },
    ]);
  });

  it('returns bodies byte-exact: CR, CRLF, entities (item 3)', async () => {
    const url = await createQueue();
    const body = 'a\r\nb\rc&quot;<tag>&amp; ü 🙂';
    await query(server.url, { Action: 'SendMessage', QueueUrl: url, MessageBody: body });
    const got = await query(server.url, { Action: 'ReceiveMessage', QueueUrl: url });
    expect(got.text).toContain('&#xD;');
    expect(got.xml.ReceiveMessageResponse.ReceiveMessageResult.Message[0].Body).toBe(body);
  });

  it('an empty receive is <ReceiveMessageResult/> (items 5, 122)', async () => {
    const url = await createQueue();
    const got = await query(server.url, { Action: 'ReceiveMessage', QueueUrl: url });
    expect(got.status).toBe(200);
    expect(got.text).toContain('<ReceiveMessageResult/>');
  });

  it('batch entries, attribute maps, tags and list results', async () => {
    const url = await createQueue({ DelaySeconds: '0', VisibilityTimeout: '45' });
    const batch = await query(server.url, {
      Action: 'SendMessageBatch',
      QueueUrl: url,
      'SendMessageBatchRequestEntry.1.Id': 'a',
      'SendMessageBatchRequestEntry.1.MessageBody': 'first',
      'SendMessageBatchRequestEntry.2.Id': 'b',
      'SendMessageBatchRequestEntry.2.MessageBody': 'second',
      'SendMessageBatchRequestEntry.2.DelaySeconds': '0',
      'SendMessageBatchRequestEntry.2.MessageAttribute.1.Name': 'k',
      'SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.DataType': 'Number',
      'SendMessageBatchRequestEntry.2.MessageAttribute.1.Value.StringValue': '1614717034367',
    });
    const entries = batch.xml.SendMessageBatchResponse.SendMessageBatchResult.SendMessageBatchResultEntry;
    expect(entries.map((e: { Id: string }) => e.Id)).toEqual(['a', 'b']);
    expect(entries[1].MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
    const attrs = await query(server.url, { Action: 'GetQueueAttributes', QueueUrl: url, 'AttributeName.1': 'All' });
    const map = Object.fromEntries(
      (attrs.xml.GetQueueAttributesResponse.GetQueueAttributesResult.Attribute as { Name: string; Value: string }[]).map((a) => [a.Name, a.Value]),
    );
    expect(map.VisibilityTimeout).toBe('45');
    expect(map.ApproximateNumberOfMessages).toBe('2');
    await query(server.url, { Action: 'TagQueue', QueueUrl: url, 'Tag.1.Key': 'team', 'Tag.1.Value': 'blue' });
    const tags = await query(server.url, { Action: 'ListQueueTags', QueueUrl: url });
    expect(tags.xml.ListQueueTagsResponse.ListQueueTagsResult.Tag).toEqual([{ Key: 'team', Value: 'blue' }]);
    await query(server.url, { Action: 'UntagQueue', QueueUrl: url, 'TagKey.1': 'team' });
    const untagged = await query(server.url, { Action: 'ListQueueTags', QueueUrl: url });
    expect(untagged.text).toContain('<ListQueueTagsResult/>');
    const listed = await query(server.url, { Action: 'ListQueues', QueueNamePrefix: 'query-' });
    expect(listed.xml.ListQueuesResponse.ListQueuesResult.QueueUrl).toContain(url);
    const deleted = await query(server.url, { Action: 'DeleteQueue', QueueUrl: url });
    expect(deleted.status).toBe(200);
    expect(deleted.xml.DeleteQueueResponse.ResponseMetadata.RequestId).toBeTypeOf('string');
    expect(deleted.text).not.toContain('DeleteQueueResult');
  });

  it('AttributeNames and MessageSystemAttributeNames share AttributeName.N; the first value wins (item 92)', async () => {
    const url = await createQueue();
    await query(server.url, { Action: 'SendMessage', QueueUrl: url, MessageBody: 'msg' });
    const body = `Action=ReceiveMessage&Version=2012-11-05&QueueUrl=${encodeURIComponent(url)}&AttributeName.1=SenderId&AttributeName.1=All`;
    const res = await fetch(server.url, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
    const text = await res.text();
    expect(text).toContain('<Name>SenderId</Name>');
    expect(text).not.toContain('SentTimestamp');
  });

  it('XML errors: Type, Code, Message, empty Detail, RequestId; the wsdl wording for a missing queue (items 111, 121)', async () => {
    const r = await query(server.url, { Action: 'GetQueueUrl', QueueName: 'nope' });
    expect(r.status).toBe(400);
    expect(r.text).toContain('<Detail/>');
    expect(r.xml.ErrorResponse.Error).toEqual({
      Type: 'Sender',
      Code: 'AWS.SimpleQueueService.NonExistentQueue',
      Message: 'The specified queue does not exist for this wsdl version.',
      Detail: '',
    });
    expect(r.xml.ErrorResponse.RequestId).toBe(r.headers.get('x-amzn-requestid'));
    const url = await createQueue();
    await query(server.url, { Action: 'PurgeQueue', QueueUrl: url });
    const purge = await query(server.url, { Action: 'PurgeQueue', QueueUrl: url });
    expect(purge.status).toBe(403);
    expect(purge.xml.ErrorResponse.Error.Code).toBe('AWS.SimpleQueueService.PurgeQueueInProgress');
    const empty = await query(server.url, { Action: 'SendMessage', QueueUrl: url });
    expect(empty.xml.ErrorResponse.Error).toMatchObject({ Code: 'MissingParameter', Message: 'The request must contain the parameter MessageBody.' });
    const wait = await query(server.url, { Action: 'ReceiveMessage', QueueUrl: url, WaitTimeSeconds: '21' });
    expect(wait.xml.ErrorResponse.Error).toMatchObject({
      Code: 'InvalidParameterValue',
      Message: 'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
    });
  });

  it('GET requests to a queue URL (item 122)', async () => {
    const url = await createQueue();
    const path = new URL(url).pathname;
    const sent = await query(server.url, { Action: 'SendMessage', MessageBody: 'via GET' }, { method: 'GET', path });
    expect(sent.status).toBe(200);
    const got = await query(server.url, { Action: 'ReceiveMessage' }, { method: 'GET', path });
    expect(got.xml.ReceiveMessageResponse.ReceiveMessageResult.Message[0].Body).toBe('via GET');
    const foo = await query(server.url, { Action: 'FooBar' }, { method: 'GET', path });
    expect(foo.status).toBe(400);
    expect(foo.xml.ErrorResponse.Error).toMatchObject({ Type: 'Sender', Code: 'InvalidAction', Message: 'The action FooBar is not valid for this endpoint.' });
    const create = await query(server.url, { Action: 'CreateQueue', QueueName: 'x' }, { method: 'GET', path });
    expect(create.xml.ErrorResponse.Error.Code).toBe('InvalidAction');
    const noAction = await fetch(`${server.url}${path}`, { headers: { Accept: 'application/json' } });
    expect(noAction.status).toBe(404);
    expect(await noAction.text()).toContain('<Code>UnknownOperationException</Code>');
    const missingBody = await query(server.url, { Action: 'SendMessage' }, { method: 'GET', path });
    expect(missingBody.xml.ErrorResponse.Error.Code).toBe('MissingParameter');
    // A QueueUrl parameter overrides the path; GetQueueUrl works through any queue URL.
    const other = await createQueue();
    await query(server.url, { Action: 'SendMessage', QueueUrl: other, MessageBody: 'to other' }, { method: 'GET', path });
    const viaOther = await query(server.url, { Action: 'ReceiveMessage', QueueUrl: other });
    expect(viaOther.xml.ReceiveMessageResponse.ReceiveMessageResult.Message[0].Body).toBe('to other');
    const gq = await query(server.url, { Action: 'GetQueueUrl', QueueName: `query-${n}` }, { method: 'GET', path });
    expect(gq.xml.GetQueueUrlResponse.GetQueueUrlResult.QueueUrl).toBe(other);
    await query(server.url, { Action: 'DeleteQueue' }, { method: 'GET', path });
    const deleted = await query(server.url, { Action: 'SendMessage', MessageBody: 'x' }, { method: 'GET', path });
    expect(deleted.xml.ErrorResponse.Error.Code).toBe('AWS.SimpleQueueService.NonExistentQueue');
  });

  it('answers JSON to Accept: application/json (item 123)', async () => {
    const r = await query(server.url, { Action: 'ListQueues' }, { method: 'GET', headers: { Accept: 'application/json' } });
    const json = JSON.parse(r.text) as { ListQueuesResponse: { ListQueuesResult: { QueueUrls?: string[] }; ResponseMetadata: { RequestId: string } } };
    expect(Array.isArray(json.ListQueuesResponse.ListQueuesResult.QueueUrls)).toBe(true);
  });

  it('an X-Amzn-Trace-Id header on SendMessage becomes AWSTraceHeader (item 94)', async () => {
    const url = await createQueue();
    const trace = 'Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1';
    await query(server.url, { Action: 'SendMessage', QueueUrl: url, MessageBody: 'traced' }, { headers: { 'X-Amzn-Trace-Id': trace } });
    const got = await query(server.url, { Action: 'ReceiveMessage', QueueUrl: url, 'AttributeName.1': 'AWSTraceHeader' });
    expect(got.xml.ReceiveMessageResponse.ReceiveMessageResult.Message[0].Attribute).toEqual([{ Name: 'AWSTraceHeader', Value: trace }]);
  });

  it('a parameter of the wrong type is InvalidParameterValue', async () => {
    const url = await createQueue();
    const r = await query(server.url, { Action: 'ReceiveMessage', QueueUrl: url, MaxNumberOfMessages: 'ten' });
    expect(r.status).toBe(400);
    expect(r.xml.ErrorResponse.Error.Code).toBe('InvalidParameterValue');
  });

  it('delete and change visibility with receipt handles', async () => {
    const url = await createQueue();
    await query(server.url, { Action: 'SendMessage', QueueUrl: url, MessageBody: 'm' });
    const got = await query(server.url, { Action: 'ReceiveMessage', QueueUrl: url });
    const handle = got.xml.ReceiveMessageResponse.ReceiveMessageResult.Message[0].ReceiptHandle as string;
    const cmv = await query(server.url, { Action: 'ChangeMessageVisibility', QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: '0' });
    expect(cmv.status).toBe(200);
    const again = await query(server.url, { Action: 'ReceiveMessage', QueueUrl: url });
    const h2 = again.xml.ReceiveMessageResponse.ReceiveMessageResult.Message[0].ReceiptHandle as string;
    const del = await query(server.url, {
      Action: 'DeleteMessageBatch',
      QueueUrl: url,
      'DeleteMessageBatchRequestEntry.1.Id': 'one',
      'DeleteMessageBatchRequestEntry.1.ReceiptHandle': h2,
      'DeleteMessageBatchRequestEntry.2.Id': 'two',
      'DeleteMessageBatchRequestEntry.2.ReceiptHandle': 'garbage',
    });
    const result = del.xml.DeleteMessageBatchResponse.DeleteMessageBatchResult;
    expect(result.DeleteMessageBatchResultEntry).toEqual([{ Id: 'one' }]);
    expect(result.BatchResultErrorEntry[0]).toMatchObject({ Id: 'two', SenderFault: 'true', Code: 'ReceiptHandleIsInvalid' });
    const bad = await query(server.url, { Action: 'DeleteMessage', QueueUrl: url, ReceiptHandle: 'garbage' });
    expect(bad.status).toBe(404);
    expect(bad.xml.ErrorResponse.Error.Message).toBe('The input receipt handle "garbage" is not a valid receipt handle.');
  });
});
