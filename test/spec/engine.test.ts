// Engine unit tests with explicit times (the engine never reads a clock). Item numbers refer to
// ../shared/reference/aws-recorded-facts.md.
import { describe, expect, it } from 'vitest';
import { createEngine, sequentialIds, type Engine } from '../../src/spec/engine/index.js';
import { err, ok } from './engine-helpers.js';

const T0 = Date.UTC(2026, 0, 1);


function setup(attrs: Record<string, string> = {}, name = 'q') {
  const engine = createEngine({ region: 'us-east-1', accountId: '123456789012', ids: sequentialIds(), endpoint: 'http://127.0.0.1:9324' });
  const url = ok(engine.createQueue({ QueueName: name, Attributes: attrs }, T0)).QueueUrl;
  return { engine, url };
}

function receive(engine: Engine, url: string, now: number, extra: Record<string, unknown> = {}) {
  return ok(engine.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, ...extra }, now)).Messages ?? [];
}

function counts(engine: Engine, url: string, now: number) {
  const a = ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }, now)).Attributes ?? {};
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    inflight: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
}

describe('queues', () => {
  it('builds URLs and ARNs, and accepts a bare name or any URL ending in the name (item 8)', () => {
    const { engine, url } = setup();
    expect(url).toBe('http://127.0.0.1:9324/123456789012/q');
    ok(engine.sendMessage({ QueueUrl: 'q', MessageBody: 'a' }, T0));
    ok(engine.sendMessage({ QueueUrl: 'https://sqs.eu-west-1.amazonaws.com/999/q', MessageBody: 'b' }, T0));
    expect(receive(engine, url, T0)).toHaveLength(2);
    const e = err(engine.sendMessage({ QueueUrl: 'http://x/1/nope', MessageBody: 'a' }, T0));
    expect(e.code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    expect(e.type).toBe('QueueDoesNotExist');
    expect(e.message).toBe('The specified queue does not exist.');
  });

  it('GetQueueAttributes All shows the 12 recorded defaults (item 96), named ones, unknown names fail (item 99)', () => {
    const { engine, url } = setup();
    const all = ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }, T0 + 5000)).Attributes ?? {};
    expect(Object.keys(all)).toEqual([
      'ApproximateNumberOfMessages',
      'ApproximateNumberOfMessagesDelayed',
      'ApproximateNumberOfMessagesNotVisible',
      'CreatedTimestamp',
      'DelaySeconds',
      'LastModifiedTimestamp',
      'MaximumMessageSize',
      'MessageRetentionPeriod',
      'QueueArn',
      'ReceiveMessageWaitTimeSeconds',
      'SqsManagedSseEnabled',
      'VisibilityTimeout',
    ]);
    expect(all.CreatedTimestamp).toBe(String(T0 / 1000)); // seconds
    expect(all.QueueArn).toBe('arn:aws:sqs:us-east-1:123456789012:q');
    expect(all.MaximumMessageSize).toBe('1048576');
    expect(all.VisibilityTimeout).toBe('30');
    expect(ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['VisibilityTimeout', 'Policy'] }, T0)).Attributes).toEqual({ VisibilityTimeout: '30' });
    expect(ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }, T0))).toEqual({});
    const e = err(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Foobar'] }, T0));
    expect(e.code).toBe('InvalidAttributeName');
    expect(e.message).toBe('Unknown Attribute Foobar.');
  });

  it('CreateQueue is idempotent against the current attribute values (items 105-106)', () => {
    const { engine, url } = setup({ DelaySeconds: '1' });
    expect(ok(engine.createQueue({ QueueName: 'q' }, T0)).QueueUrl).toBe(url);
    expect(ok(engine.createQueue({ QueueName: 'q', Attributes: { DelaySeconds: '1' } }, T0)).QueueUrl).toBe(url);
    const e = err(engine.createQueue({ QueueName: 'q', Attributes: { DelaySeconds: '2' } }, T0));
    expect(e).toMatchObject({ code: 'QueueAlreadyExists', type: 'QueueNameExists', httpStatus: 400 });
    expect(e.message).toBe('A queue already exists with the same name and a different value for attribute DelaySeconds');
    ok(engine.setQueueAttributes({ QueueUrl: url, Attributes: { DelaySeconds: '2' } }, T0 + 1000));
    expect(ok(engine.createQueue({ QueueName: 'q', Attributes: { DelaySeconds: '2' } }, T0 + 2000)).QueueUrl).toBe(url);
    expect(err(engine.createQueue({ QueueName: 'q', Attributes: { DelaySeconds: '1' } }, T0 + 2000)).code).toBe('QueueAlreadyExists');
    // Counters do not take part (item 106).
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'x' }, T0 + 3000));
    expect(ok(engine.createQueue({ QueueName: 'q', Attributes: { DelaySeconds: '2' } }, T0 + 3000)).QueueUrl).toBe(url);
  });

  it('blocks a same-name create for 60 s after DeleteQueue (item 108)', () => {
    const { engine, url } = setup();
    ok(engine.deleteQueue({ QueueUrl: url }, T0 + 1000));
    expect(err(engine.deleteQueue({ QueueUrl: url }, T0 + 1000)).type).toBe('QueueDoesNotExist');
    const e = err(engine.createQueue({ QueueName: 'q' }, T0 + 60_999));
    expect(e).toMatchObject({ code: 'AWS.SimpleQueueService.QueueDeletedRecently', type: 'QueueDeletedRecently' });
    expect(e.message).toBe('You must wait 60 seconds after deleting a queue before you can create another with the same name.');
    ok(engine.createQueue({ QueueName: 'q' }, T0 + 61_000));
  });

  it('ListQueues: prefix, absent QueueUrls when empty, MaxResults and NextToken (item 110)', () => {
    const { engine } = setup({}, 'a-0');
    for (const n of ['a-1', 'a-2', 'b-0']) ok(engine.createQueue({ QueueName: n }, T0));
    expect(ok(engine.listQueues({}, T0)).QueueUrls).toHaveLength(4);
    expect(ok(engine.listQueues({ QueueNamePrefix: 'zz' }, T0))).toEqual({});
    const p1 = ok(engine.listQueues({ QueueNamePrefix: 'a-', MaxResults: 2 }, T0));
    expect(p1.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['a-0', 'a-1']);
    expect(p1.NextToken).toBeTypeOf('string');
    const p2 = ok(engine.listQueues({ QueueNamePrefix: 'a-', MaxResults: 2, NextToken: p1.NextToken }, T0));
    expect(p2.QueueUrls?.map((u) => u.split('/').pop())).toEqual(['a-2']);
    expect(p2.NextToken).toBeUndefined();
    expect(ok(engine.listQueues({ QueueNamePrefix: 'a-' }, T0)).NextToken).toBeUndefined();
    expect(err(engine.listQueues({ MaxResults: 0 }, T0)).code).toBe('InvalidParameterValue');
  });

  it('tags: create tags, merge, untag unknown keys, no Tags key when empty (item 112)', () => {
    const engine = createEngine({ ids: sequentialIds() });
    const url = ok(engine.createQueue({ QueueName: 't', tags: { a: '1' } }, T0)).QueueUrl;
    ok(engine.tagQueue({ QueueUrl: url, Tags: { a: '2', b: '' } }, T0));
    expect(ok(engine.listQueueTags({ QueueUrl: url }, T0)).Tags).toEqual({ a: '2', b: '' });
    ok(engine.untagQueue({ QueueUrl: url, TagKeys: ['a', 'b', 'nope'] }, T0));
    expect(ok(engine.listQueueTags({ QueueUrl: url }, T0))).toEqual({});
  });

  it('AddPermission / RemovePermission build and remove the Policy (item 103)', () => {
    const { engine, url } = setup();
    ok(engine.addPermission({ QueueUrl: url, Label: 'p1', AWSAccountIds: ['111111111111'], Actions: ['ReceiveMessage'] }, T0));
    const policy = JSON.parse(ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }, T0)).Attributes?.Policy ?? '{}');
    expect(policy).toEqual({
      Version: '2008-10-17',
      Id: 'arn:aws:sqs:us-east-1:123456789012:q/SQSDefaultPolicy',
      Statement: [
        {
          Sid: 'p1',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'SQS:ReceiveMessage',
          Resource: 'arn:aws:sqs:us-east-1:123456789012:q',
        },
      ],
    });
    expect(err(engine.addPermission({ QueueUrl: url, Label: 'p1', AWSAccountIds: ['1'], Actions: ['SendMessage'] }, T0)).message).toBe(
      'Value p1 for parameter Label is invalid. Reason: Already exists.',
    );
    ok(engine.addPermission({ QueueUrl: url, Label: 'p2', AWSAccountIds: ['111111111111', '222222222222'], Actions: ['SendMessage', 'DeleteMessage'] }, T0));
    ok(engine.removePermission({ QueueUrl: url, Label: 'p1' }, T0));
    ok(engine.removePermission({ QueueUrl: url, Label: 'p2' }, T0));
    expect(ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }, T0))).toEqual({});
    expect(err(engine.removePermission({ QueueUrl: url, Label: 'p2' }, T0)).message).toBe(
      "Value p2 for parameter Label is invalid. Reason: can't find label.",
    );
  });
});

describe('attributes and notifications', () => {
  it('SSE: a KMS key turns SqsManagedSseEnabled off; removing it hides the reuse period (item 97)', () => {
    const { engine, url } = setup();
    ok(engine.setQueueAttributes({ QueueUrl: url, Attributes: { KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000' } }, T0 + 1000));
    let a = ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }, T0 + 1000)).Attributes ?? {};
    expect(a).toMatchObject({ KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000', SqsManagedSseEnabled: 'false' });
    expect(a.LastModifiedTimestamp).toBe(String((T0 + 1000) / 1000));
    ok(engine.setQueueAttributes({ QueueUrl: url, Attributes: { KmsMasterKeyId: '', KmsDataKeyReusePeriodSeconds: '300' } }, T0 + 2000));
    a = ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }, T0 + 2000)).Attributes ?? {};
    expect(a.KmsMasterKeyId).toBeUndefined();
    expect(a.KmsDataKeyReusePeriodSeconds).toBeUndefined();
    expect(a.SqsManagedSseEnabled).toBe('false');
  });

  it('RedrivePolicy and Policy are removed by "" (items 44, 102); FifoQueue is refused on a standard queue (item 101)', () => {
    const { engine, url } = setup();
    ok(engine.createQueue({ QueueName: 'dlq' }, T0));
    const policy = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: 3 });
    ok(engine.setQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: policy } }, T0));
    expect(ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }, T0)).Attributes?.RedrivePolicy).toBe(policy);
    ok(engine.setQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: '' } }, T0));
    expect(ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['RedrivePolicy'] }, T0))).toEqual({});
    const e = err(engine.setQueueAttributes({ QueueUrl: url, Attributes: { FifoQueue: 'false' } }, T0));
    expect(e).toMatchObject({ code: 'InvalidAttributeName', message: 'Unknown Attribute FifoQueue.' });
  });

  it('tells listeners when messages may have become available, and when the next hidden one shows', () => {
    const { engine, url } = setup();
    const seen: string[] = [];
    const off = engine.onAvailable((q) => seen.push(q));
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    const [m] = receive(engine, url, T0, { VisibilityTimeout: 7 });
    expect(engine.nextVisibleAtMs(url, T0)).toBe(T0 + 7000);
    ok(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle, VisibilityTimeout: 0 }, T0 + 1));
    expect(engine.nextVisibleAtMs(url, T0 + 1)).toBeUndefined();
    off();
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'n' }, T0 + 2));
    expect(seen).toEqual(['q', 'q']);
  });
});

describe('send and receive', () => {
  it('returns MD5s and message ids; Messages is absent when nothing is there (items 1, 5)', () => {
    const { engine, url } = setup();
    expect(ok(engine.receiveMessage({ QueueUrl: url }, T0))).toEqual({});
    const sent = ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'message' }, T0));
    expect(sent.MD5OfMessageBody).toBe('78e731027d8fd50ed642340b7c9a63b3');
    expect(sent.MD5OfMessageAttributes).toBeUndefined();
    expect(sent.SequenceNumber).toBeUndefined();
    const [m] = receive(engine, url, T0);
    expect(m).toMatchObject({ MessageId: sent.MessageId, Body: 'message', MD5OfBody: '78e731027d8fd50ed642340b7c9a63b3' });
    expect(m?.Attributes).toBeUndefined();
    expect(m?.MessageAttributes).toBeUndefined();
  });

  it('rejects an empty body with MissingParameter (item 2)', () => {
    const { engine, url } = setup();
    const e = err(engine.sendMessage({ QueueUrl: url, MessageBody: '' }, T0));
    expect(e).toMatchObject({ code: 'MissingParameter', type: 'MissingRequiredParameterException', message: 'The request must contain the parameter MessageBody.' });
  });

  it('delays messages (per message, else the queue delay) and counts them as delayed', () => {
    const { engine, url } = setup({ DelaySeconds: '5' });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'q-delay' }, T0));
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'own', DelaySeconds: 1 }, T0));
    expect(counts(engine, url, T0)).toEqual({ visible: 0, inflight: 0, delayed: 2 });
    expect(engine.nextVisibleAtMs(url, T0)).toBe(T0 + 1000);
    expect(receive(engine, url, T0 + 999)).toHaveLength(0);
    expect(receive(engine, url, T0 + 1000).map((m) => m.Body)).toEqual(['own']);
    expect(receive(engine, url, T0 + 5000).map((m) => m.Body)).toEqual(['q-delay']);
  });

  it('system attributes: All gives the four standard ones, inapplicable names are dropped (items 9, 91, 92)', () => {
    const { engine, url } = setup();
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'msg' }, T0));
    const [m1] = receive(engine, url, T0 + 10, { AttributeNames: ['All'], VisibilityTimeout: 0 });
    expect(m1?.Attributes).toEqual({
      ApproximateFirstReceiveTimestamp: String(T0 + 10),
      ApproximateReceiveCount: '1',
      SenderId: '123456789012',
      SentTimestamp: String(T0),
    });
    const [m2] = receive(engine, url, T0 + 20, { MessageSystemAttributeNames: ['SequenceNumber', 'ApproximateReceiveCount'], VisibilityTimeout: 0 });
    expect(m2?.Attributes).toEqual({ ApproximateReceiveCount: '2' });
    // JSON: the two lists are united (item 92).
    const [m3] = receive(engine, url, T0 + 30, { MessageSystemAttributeNames: ['All'], AttributeNames: ['SenderId'] });
    expect(Object.keys(m3?.Attributes ?? {})).toHaveLength(4);
    expect(m3?.Attributes?.ApproximateFirstReceiveTimestamp).toBe(String(T0 + 10));
  });

  it('MessageAttributeNames filters and the MD5 over the returned subset (item 90)', () => {
    const { engine, url } = setup();
    const attrs = {
      Hello: { DataType: 'String', StringValue: 'There' },
      General: { DataType: 'String', StringValue: 'Kenobi' },
      'Help.Me': { DataType: 'String', StringValue: 'Me' },
    };
    const sent = ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'msg', MessageAttributes: attrs }, T0));
    expect(sent.MD5OfMessageAttributes).toBe('4c360f3fdafd970e05fae2f149d997f5');
    const get = (names: string[]) => receive(engine, url, T0, { MessageAttributeNames: names, VisibilityTimeout: 0 })[0];
    expect(get([])?.MessageAttributes).toBeUndefined();
    for (const all of [['All'], ['*'], ['.*']]) {
      const m = get(all);
      expect(Object.keys(m?.MessageAttributes ?? {}).sort()).toEqual(['General', 'Hello', 'Help.Me']);
      expect(m?.MD5OfMessageAttributes).toBe('4c360f3fdafd970e05fae2f149d997f5');
    }
    const none = get(['Foo', 'Bar']);
    expect(none?.MessageAttributes).toBeUndefined();
    expect(none?.MD5OfMessageAttributes).toBeUndefined();
    expect(get(['Hello', 'General'])?.MD5OfMessageAttributes).toBe('fca026605781cb4126a1e9044df24232');
    expect(get(['Hello', 'Nope'])?.MD5OfMessageAttributes).toBe('a311262e065454b75da111d535b8dacd');
    const prefix = get(['Hel.*']);
    expect(Object.keys(prefix?.MessageAttributes ?? {}).sort()).toEqual(['Hello', 'Help.Me']);
    expect(prefix?.MD5OfMessageAttributes).toBe('83fee93c1bcd8b9a5a923ffacdc636c7');
    expect(get(['AWS.'])?.MessageAttributes).toBeUndefined();
    expect(get(['..foo'])?.MessageAttributes).toBeUndefined();
  });

  it('SendMessageBatch: an oversize entry fails alone with HTTP 200 semantics (item 82)', () => {
    const { engine, url } = setup({ MaximumMessageSize: '1024' });
    const out = ok(
      engine.sendMessageBatch(
        {
          QueueUrl: url,
          Entries: [
            { Id: 'big', MessageBody: 'x'.repeat(1025) },
            { Id: 'small', MessageBody: 'y' },
          ],
        },
        T0,
      ),
    );
    expect(out.Failed).toEqual([
      {
        Id: 'big',
        SenderFault: true,
        Code: 'InvalidParameterValue',
        Message: 'One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.',
      },
    ]);
    expect(out.Successful.map((s) => s.Id)).toEqual(['small']);
    expect(err(engine.sendMessageBatch({ QueueUrl: url, Entries: [] }, T0)).code).toBe('AWS.SimpleQueueService.EmptyBatchRequest');
  });
});

describe('visibility and receipt handles', () => {
  it('hides a received message for its visibility timeout; every receive gives a new handle (items 15-17)', () => {
    const { engine, url } = setup();
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    const [a] = receive(engine, url, T0);
    expect(counts(engine, url, T0 + 1)).toEqual({ visible: 0, inflight: 1, delayed: 0 });
    expect(engine.nextVisibleAtMs(url, T0 + 1)).toBe(T0 + 30_000);
    expect(receive(engine, url, T0 + 29_999)).toHaveLength(0);
    const [b] = receive(engine, url, T0 + 30_000, { AttributeNames: ['ApproximateReceiveCount'] });
    expect(b?.MessageId).toBe(a?.MessageId);
    expect(b?.ReceiptHandle).not.toBe(a?.ReceiptHandle);
    expect(b?.Attributes?.ApproximateReceiveCount).toBe('2');
  });

  it('the receive VisibilityTimeout overrides the queue value for that receive only (item 16)', () => {
    const { engine, url } = setup();
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    expect(receive(engine, url, T0, { VisibilityTimeout: 0 })).toHaveLength(1);
    expect(receive(engine, url, T0)).toHaveLength(1);
    expect(receive(engine, url, T0 + 29_000)).toHaveLength(0);
  });

  it('ChangeMessageVisibility restarts the clock from now (item 18)', () => {
    const { engine, url } = setup({ VisibilityTimeout: '2' });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    const [m] = receive(engine, url, T0);
    ok(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle, VisibilityTimeout: 2 }, T0 + 1000));
    ok(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle, VisibilityTimeout: 2 }, T0 + 2000));
    expect(receive(engine, url, T0 + 3999)).toHaveLength(0);
    expect(receive(engine, url, T0 + 4000)).toHaveLength(1);
  });

  it('ChangeMessageVisibility 0 makes the message receivable at once, not permanently (item 19)', () => {
    const { engine, url } = setup();
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    const [m] = receive(engine, url, T0);
    ok(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle, VisibilityTimeout: 0 }, T0 + 10));
    expect(receive(engine, url, T0 + 10)).toHaveLength(1);
    expect(receive(engine, url, T0 + 20)).toHaveLength(0);
  });

  it('an old handle still works for ChangeMessageVisibility on a standard queue (item 20)', () => {
    const { engine, url } = setup();
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    const [h1] = receive(engine, url, T0, { VisibilityTimeout: 0 });
    const [h2] = receive(engine, url, T0 + 1, { VisibilityTimeout: 3 });
    expect(h2).toBeDefined();
    ok(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h1?.ReceiptHandle, VisibilityTimeout: 0 }, T0 + 2));
    expect(receive(engine, url, T0 + 2)).toHaveLength(1);
  });

  it('ChangeMessageVisibility after the timeout expired succeeds (item 21)', () => {
    const { engine, url } = setup({ VisibilityTimeout: '1' });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    const [m] = receive(engine, url, T0);
    ok(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle, VisibilityTimeout: 5 }, T0 + 1500));
    expect(receive(engine, url, T0 + 2000)).toHaveLength(0);
  });

  it('ChangeMessageVisibility on a deleted message gives the recorded InvalidParameterValue (item 22)', () => {
    const { engine, url } = setup();
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    const [m] = receive(engine, url, T0);
    const h = m?.ReceiptHandle as string;
    ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: h }, T0));
    const e = err(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h, VisibilityTimeout: 1 }, T0));
    expect(e.code).toBe('InvalidParameterValue');
    expect(e.message).toBe(`Value ${h} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`);
  });

  it('garbage handles give ReceiptHandleIsInvalid with the recorded text (items 13, 23)', () => {
    const { engine, url } = setup();
    const d = err(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: 'garbage' }, T0));
    expect(d).toMatchObject({ code: 'ReceiptHandleIsInvalid', httpStatus: 404, message: 'The input receipt handle "garbage" is not a valid receipt handle.' });
    const c = err(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: 'INVALID', VisibilityTimeout: 1 }, T0));
    expect(c.code).toBe('ReceiptHandleIsInvalid');
    // A tampered handle is garbage too.
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    const [m] = receive(engine, url, T0);
    const h = m?.ReceiptHandle as string;
    const tampered = h.slice(0, -4) + (h.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect(err(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: tampered }, T0)).code).toBe('ReceiptHandleIsInvalid');
    // Another queue's handle is not valid here.
    const other = ok(engine.createQueue({ QueueName: 'other' }, T0)).QueueUrl;
    expect(err(engine.deleteMessage({ QueueUrl: other, ReceiptHandle: h }, T0)).code).toBe('ReceiptHandleIsInvalid');
  });

  it('DeleteMessage twice succeeds (item 12); after the timeout it still deletes (item 26)', () => {
    const { engine, url } = setup({ VisibilityTimeout: '1' });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'a' }, T0));
    const [a] = receive(engine, url, T0);
    ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: a?.ReceiptHandle }, T0 + 10));
    ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: a?.ReceiptHandle }, T0 + 20));
    ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: a?.ReceiptHandle }, T0 + 30));
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'b' }, T0 + 100));
    const [b] = receive(engine, url, T0 + 100);
    ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: b?.ReceiptHandle }, T0 + 5000));
    expect(receive(engine, url, T0 + 5000)).toHaveLength(0);
    expect(counts(engine, url, T0 + 5000).visible).toBe(0);
  });

  it('the 12-hour cap counts from the receive that issued the handle (sqs-semantics.md 4.11; item 25)', () => {
    const { engine, url } = setup();
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'm' }, T0));
    const [m] = receive(engine, url, T0);
    const h = m?.ReceiptHandle as string;
    const e = err(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h, VisibilityTimeout: 43_200 }, T0 + 1000));
    expect(e.message).toBe('Value 43200 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]');
    ok(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h, VisibilityTimeout: 43_199 }, T0 + 1000));
    expect(err(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h, VisibilityTimeout: 43_199 }, T0 + 2000)).code).toBe('InvalidParameterValue');
  });

  it('batch delete and batch visibility report per-entry results', () => {
    const { engine, url } = setup();
    for (const b of ['a', 'b']) ok(engine.sendMessage({ QueueUrl: url, MessageBody: b }, T0));
    const [a, b] = receive(engine, url, T0);
    const cmv = ok(
      engine.changeMessageVisibilityBatch(
        {
          QueueUrl: url,
          Entries: [
            { Id: '1', ReceiptHandle: a?.ReceiptHandle, VisibilityTimeout: 0 },
            { Id: '2', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
          ],
        },
        T0,
      ),
    );
    expect(cmv.Successful).toEqual([{ Id: '1' }]);
    expect(cmv.Failed[0]).toMatchObject({ Id: '2', Code: 'ReceiptHandleIsInvalid', SenderFault: true });
    const del = ok(engine.deleteMessageBatch({ QueueUrl: url, Entries: [{ Id: 'x', ReceiptHandle: b?.ReceiptHandle }] }, T0));
    expect(del).toEqual({ Successful: [{ Id: 'x' }], Failed: [] });
    const tooMany = err(engine.deleteMessageBatch({ QueueUrl: url, Entries: Array.from({ length: 20 }, (_, i) => ({ Id: `i${i}`, ReceiptHandle: 'h' })) }, T0));
    expect(tooMany.message).toBe('Maximum number of entries per request are 10. You have sent 20.');
  });
});

describe('retention, purge, dead-letter queues', () => {
  it('expires messages after the retention period from the send, in flight or not (item 39)', () => {
    const { engine, url } = setup({ MessageRetentionPeriod: '60' });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'inflight' }, T0));
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'visible' }, T0 + 1000));
    const [m] = receive(engine, url, T0 + 500, { VisibilityTimeout: 120 });
    expect(m?.Body).toBe('inflight');
    expect(counts(engine, url, T0 + 59_999)).toEqual({ visible: 1, inflight: 1, delayed: 0 });
    expect(counts(engine, url, T0 + 60_000)).toEqual({ visible: 1, inflight: 0, delayed: 0 });
    expect(receive(engine, url, T0 + 61_000)).toHaveLength(0);
    expect(receive(engine, url, T0 + 130_000)).toHaveLength(0);
    // Deleting an expired message succeeds (item 29); changing its visibility does not.
    ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle }, T0 + 130_000));
  });

  it('PurgeQueue removes visible, in-flight and delayed messages; a second purge within 60 s is refused (items 113-114)', () => {
    const { engine, url } = setup();
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'v' }, T0));
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'f' }, T0));
    const [f] = receive(engine, url, T0, { MaxNumberOfMessages: 1 });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'd', DelaySeconds: 60 }, T0));
    expect(counts(engine, url, T0)).toEqual({ visible: 1, inflight: 1, delayed: 1 });
    ok(engine.purgeQueue({ QueueUrl: url }, T0 + 100));
    expect(counts(engine, url, T0 + 100)).toEqual({ visible: 0, inflight: 0, delayed: 0 });
    expect(receive(engine, url, T0 + 120_000)).toHaveLength(0);
    const e = err(engine.purgeQueue({ QueueUrl: url }, T0 + 60_099));
    expect(e).toMatchObject({ code: 'AWS.SimpleQueueService.PurgeQueueInProgress', type: 'PurgeQueueInProgress', httpStatus: 403 });
    expect(e.message).toBe('Only one PurgeQueue operation on q is allowed every 60 seconds.');
    ok(engine.purgeQueue({ QueueUrl: url }, T0 + 60_100));
    // Sends after a purge are delivered (item 113); the purged in-flight handle is gone.
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'after' }, T0 + 60_200));
    expect(receive(engine, url, T0 + 60_200).map((m) => m.Body)).toEqual(['after']);
    expect(err(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: f?.ReceiptHandle, VisibilityTimeout: 0 }, T0 + 60_300)).code).toBe('InvalidParameterValue');
  });

  it('moves a message to the DLQ on the receive that would exceed maxReceiveCount (items 40-41, 43)', () => {
    const engine = createEngine({ accountId: '111111111111', ids: sequentialIds() });
    const dlq = ok(engine.createQueue({ QueueName: 'dlq' }, T0)).QueueUrl;
    const dlqArn = ok(engine.getQueueAttributes({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }, T0)).Attributes?.QueueArn;
    const src = ok(
      engine.createQueue(
        { QueueName: 'src', Attributes: { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } },
        T0,
      ),
    ).QueueUrl;
    const sent = ok(
      engine.sendMessage(
        {
          QueueUrl: src,
          MessageBody: 'message-1',
          MessageAttributes: { MyAttribute: { DataType: 'String', StringValue: 'foobar' } },
          MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1' } },
        },
        T0,
      ),
    );
    expect(sent.MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
    expect(sent.MD5OfMessageSystemAttributes).toBe('5ae4d5d7636402d80f4eb6d213245a88');
    expect(receive(engine, src, T0 + 1)).toHaveLength(1);
    expect(receive(engine, src, T0 + 2)).toHaveLength(0);
    const [moved] = receive(engine, dlq, T0 + 3, { AttributeNames: ['All'], MessageAttributeNames: ['All'] });
    expect(moved?.MessageId).toBe(sent.MessageId);
    expect(moved?.MD5OfMessageAttributes).toBe('adb59cd4678ea5a855436b949cd07ab6');
    expect(moved?.Attributes).toMatchObject({
      ApproximateReceiveCount: '2',
      DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:111111111111:src',
      SentTimestamp: String(T0),
      ApproximateFirstReceiveTimestamp: String(T0 + 1),
      AWSTraceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
    });
    expect(ok(engine.listDeadLetterSourceQueues({ QueueUrl: dlq }, T0)).queueUrls).toEqual([src]);
    expect(ok(engine.listDeadLetterSourceQueues({ QueueUrl: src }, T0))).toEqual({ queueUrls: [] });
  });

  it('a moved standard message keeps its retention origin (sqs-semantics.md 5.5)', () => {
    const engine = createEngine({ ids: sequentialIds() });
    const dlq = ok(engine.createQueue({ QueueName: 'dlq', Attributes: { MessageRetentionPeriod: '100' } }, T0)).QueueUrl;
    const arn = 'arn:aws:sqs:us-east-1:000000000000:dlq';
    const src = ok(
      engine.createQueue({ QueueName: 'src', Attributes: { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: '1' }) } }, T0),
    ).QueueUrl;
    ok(engine.sendMessage({ QueueUrl: src, MessageBody: 'm' }, T0));
    receive(engine, src, T0 + 50_000);
    receive(engine, src, T0 + 60_000);
    expect(counts(engine, dlq, T0 + 99_999).visible).toBe(1);
    expect(counts(engine, dlq, T0 + 100_000).visible).toBe(0);
  });

  it('move tasks send DLQ messages back to their source as new messages (items 46, 51)', () => {
    const engine = createEngine({ ids: sequentialIds() });
    const dlq = ok(engine.createQueue({ QueueName: 'dlq' }, T0)).QueueUrl;
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:dlq';
    const src = ok(
      engine.createQueue({ QueueName: 'src', Attributes: { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } }, T0),
    ).QueueUrl;
    expect(err(engine.startMessageMoveTask({ SourceArn: 'arn:aws:sqs:us-east-1:000000000000:src' }, T0)).message).toBe(
      'Source queue must be configured as a Dead Letter Queue.',
    );
    ok(engine.sendMessage({ QueueUrl: src, MessageBody: 'm' }, T0));
    receive(engine, src, T0);
    receive(engine, src, T0);
    expect(counts(engine, dlq, T0).visible).toBe(1);
    ok(engine.startMessageMoveTask({ SourceArn: dlqArn }, T0 + 10));
    expect(counts(engine, dlq, T0 + 10).visible).toBe(0);
    expect(receive(engine, src, T0 + 20).map((m) => m.Body)).toEqual(['m']);
    const tasks = ok(engine.listMessageMoveTasks({ SourceArn: dlqArn }, T0 + 30)).Results ?? [];
    expect(tasks[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 });
  });
});

describe('engine time', () => {
  // The engine counts time from its first call (state.ts originMs); what it answers is epoch time.
  it('answers with epoch timestamps and honours handles, whatever instant its first call came at', () => {
    const engine = createEngine({ ids: sequentialIds() });
    const t1 = T0 + 123_457; // the first call: the origin
    const dlq = ok(engine.createQueue({ QueueName: 'dlq' }, t1)).QueueUrl;
    const dlqArn = 'arn:aws:sqs:us-east-1:000000000000:dlq';
    const attrs = ok(engine.getQueueAttributes({ QueueUrl: dlq, AttributeNames: ['CreatedTimestamp', 'LastModifiedTimestamp'] }, t1 + 1)).Attributes;
    expect(attrs).toEqual({ CreatedTimestamp: String(Math.floor(t1 / 1000)), LastModifiedTimestamp: String(Math.floor(t1 / 1000)) });
    ok(engine.setQueueAttributes({ QueueUrl: dlq, Attributes: { DelaySeconds: '0' } }, t1 + 2_000_000));
    expect(ok(engine.getQueueAttributes({ QueueUrl: dlq, AttributeNames: ['LastModifiedTimestamp'] }, t1 + 2_000_001)).Attributes).toEqual({
      LastModifiedTimestamp: String(Math.floor((t1 + 2_000_000) / 1000)),
    });

    const src = ok(engine.createQueue({ QueueName: 'src', Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) } }, t1 + 10)).QueueUrl;
    ok(engine.sendMessage({ QueueUrl: src, MessageBody: 'm' }, t1 + 5_000));
    const [m] = receive(engine, src, t1 + 7_000, { MessageSystemAttributeNames: ['All'] });
    expect(m?.Attributes).toMatchObject({ SentTimestamp: String(t1 + 5_000), ApproximateFirstReceiveTimestamp: String(t1 + 7_000) });
    expect(engine.nextVisibleAtMs(src, t1 + 8_000)).toBe(t1 + 37_000);
    // The 12-hour cap counts from the receive that issued the handle (section 4.11), in epoch time too.
    const h = m?.ReceiptHandle as string;
    ok(engine.changeMessageVisibility({ QueueUrl: src, ReceiptHandle: h, VisibilityTimeout: 43_199 }, t1 + 8_000));
    expect(err(engine.changeMessageVisibility({ QueueUrl: src, ReceiptHandle: h, VisibilityTimeout: 43_199 }, t1 + 8_001)).code).toBe('InvalidParameterValue');
    ok(engine.changeMessageVisibility({ QueueUrl: src, ReceiptHandle: h, VisibilityTimeout: 0 }, t1 + 9_000));

    receive(engine, src, t1 + 9_000); // the second receive moves it to the DLQ (maxReceiveCount 1)
    ok(engine.startMessageMoveTask({ SourceArn: dlqArn }, t1 + 10_000));
    expect(ok(engine.listMessageMoveTasks({ SourceArn: dlqArn }, t1 + 11_000)).Results?.[0]).toMatchObject({ StartedTimestamp: t1 + 10_000 });
    // A caller going back before the origin still gets consistent answers.
    ok(engine.sendMessage({ QueueUrl: dlq, MessageBody: 'early' }, t1 - 60_000));
    const [early] = receive(engine, dlq, t1 - 59_000, { MessageSystemAttributeNames: ['SentTimestamp'] });
    expect(early?.Attributes).toEqual({ SentTimestamp: String(t1 - 60_000) });
    ok(engine.deleteMessage({ QueueUrl: dlq, ReceiptHandle: early?.ReceiptHandle as string }, t1 - 58_000));
  });
});

describe('FIFO queues', () => {
  function fifo(attrs: Record<string, string> = {}) {
    const engine = createEngine({ ids: sequentialIds() });
    const url = ok(engine.createQueue({ QueueName: 'f.fifo', Attributes: { FifoQueue: 'true', ...attrs } }, T0)).QueueUrl;
    return { engine, url };
  }

  it('keeps group order, fills from one group first, and locks a group while a message is in flight (items 66-67)', () => {
    const { engine, url } = fifo({ ContentBasedDeduplication: 'true' });
    const send = (g: string, b: string) => ok(engine.sendMessage({ QueueUrl: url, MessageBody: b, MessageGroupId: g }, T0));
    const s1 = send('g1', 'g1-m1');
    send('g2', 'g2-m1');
    const s3 = send('g1', 'g1-m2');
    send('g1', 'g1-m3');
    expect(BigInt(s3.SequenceNumber ?? '0')).toBeGreaterThan(BigInt(s1.SequenceNumber ?? '0'));
    expect(receive(engine, url, T0).map((m) => m.Body)).toEqual(['g1-m1', 'g1-m2', 'g1-m3', 'g2-m1']);
    send('g1', 'g1-m4');
    send('g3', 'g3-m1');
    // g1 and g2 hold in-flight messages: only g3 comes back.
    expect(receive(engine, url, T0 + 1).map((m) => m.Body)).toEqual(['g3-m1']);
  });

  it('deduplicates within 5 minutes, even after delete (items 57-58)', () => {
    const { engine, url } = fifo({ ContentBasedDeduplication: 'true' });
    const a = ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }, T0));
    const b = ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }, T0 + 1000));
    expect(b.MessageId).toBe(a.MessageId);
    const [m] = receive(engine, url, T0 + 1000);
    ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: m?.ReceiptHandle }, T0 + 1000));
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }, T0 + 2000));
    expect(receive(engine, url, T0 + 2000)).toHaveLength(0);
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'same', MessageGroupId: 'g' }, T0 + 301_000));
    expect(receive(engine, url, T0 + 301_000)).toHaveLength(1);
  });

  it('refuses a delete with an expired handle (item 27)', () => {
    const { engine, url } = fifo({ ContentBasedDeduplication: 'true', VisibilityTimeout: '1' });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g' }, T0));
    const [m] = receive(engine, url, T0);
    const h = m?.ReceiptHandle as string;
    const e = err(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: h }, T0 + 2000));
    expect(e.message).toBe(`Value ${h} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`);
  });
});
