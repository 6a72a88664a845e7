// Engine rules added with the one-model split: user-named keys, redrive targets, FIFO
// ReceiveRequestAttemptId and retroactive delay, fair queues, FIFO outcome tables, what a DLQ move
// carries, and choose: random. Item numbers refer to ../shared/reference/aws-recorded-facts.md;
// sections to sqs-semantics.md.
import { describe, expect, it } from 'vitest';
import { createEngine, ENGINE_ACTIONS, sequentialIds, type Choose, type Engine } from '../../src/spec/engine/index.js';
import { err, ok } from './engine-helpers.js';

const T0 = Date.UTC(2026, 0, 1);

function engineWith(choose?: Choose): Engine {
  return createEngine({ accountId: '123456789012', ids: sequentialIds(), endpoint: 'http://e', ...(choose ? { choose } : {}) });
}
function receive(engine: Engine, url: string, now: number, extra: Record<string, unknown> = {}) {
  return ok(engine.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, ...extra }, now)).Messages ?? [];
}
/** An object with an own property named `name` (as JSON.parse builds it, whatever the name). */
function own<V>(name: string, value: V): Record<string, V> {
  return JSON.parse(JSON.stringify({ [`k${name}`]: value }).replace(`"k${name}"`, JSON.stringify(name))) as Record<string, V>;
}

describe('the action table', () => {
  it('lists the 23 SQS actions once; each has its method', () => {
    const engine = engineWith();
    expect(ENGINE_ACTIONS).toHaveLength(23);
    for (const a of ENGINE_ACTIONS) expect(typeof (engine as unknown as Record<string, unknown>)[a.charAt(0).toLowerCase() + a.slice(1)]).toBe('function');
  });
});

describe('user-named keys behave like any other name', () => {
  for (const name of ['__proto__', 'constructor', 'toString']) {
    it(`message attribute ${name}: stored, returned and hashed`, () => {
      const engine = engineWith();
      const url = ok(engine.createQueue({ QueueName: 'q' }, T0)).QueueUrl;
      const attrs = own(name, { DataType: 'String', StringValue: 'v' });
      const normal = ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'b', MessageAttributes: { plain: { DataType: 'String', StringValue: 'v' } } }, T0));
      const sent = ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'b', MessageAttributes: attrs }, T0));
      expect(sent.MD5OfMessageAttributes).toBeDefined();
      expect(sent.MD5OfMessageAttributes).not.toBe(normal.MD5OfMessageAttributes);
      const [, m] = receive(engine, url, T0, { MessageAttributeNames: ['All'] });
      expect(Object.keys(m?.MessageAttributes ?? {})).toEqual([name]);
      expect(m?.MessageAttributes?.[name]).toEqual({ DataType: 'String', StringValue: 'v' });
      expect(m?.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
      const [again] = receive(engine, url, T0 + 31_000, { MessageAttributeNames: [name] }).filter((x) => x.MessageId === sent.MessageId);
      expect(Object.keys(again?.MessageAttributes ?? {})).toEqual([name]);
    });

    it(`tag key ${name}: set, listed, removed`, () => {
      const engine = engineWith();
      const url = ok(engine.createQueue({ QueueName: 'q', tags: own(name, 'a') }, T0)).QueueUrl;
      const tags = ok(engine.listQueueTags({ QueueUrl: url }, T0)).Tags ?? {};
      expect(Object.keys(tags)).toEqual([name]);
      expect(tags[name]).toBe('a');
      ok(engine.tagQueue({ QueueUrl: url, Tags: own(name, 'b') }, T0));
      expect(ok(engine.listQueueTags({ QueueUrl: url }, T0)).Tags?.[name]).toBe('b');
      ok(engine.untagQueue({ QueueUrl: url, TagKeys: [name] }, T0));
      expect(ok(engine.listQueueTags({ QueueUrl: url }, T0))).toEqual({});
    });

    it(`queue attribute name ${name}: unknown, refused (item 99)`, () => {
      const engine = engineWith();
      expect(err(engine.createQueue({ QueueName: 'q', Attributes: own(name, '1') }, T0)).message).toBe(`Unknown Attribute ${name}.`);
      const url = ok(engine.createQueue({ QueueName: 'q' }, T0)).QueueUrl;
      expect(err(engine.setQueueAttributes({ QueueUrl: url, Attributes: own(name, '1') }, T0)).code).toBe('InvalidAttributeName');
      expect(err(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: [name] }, T0)).code).toBe('InvalidAttributeName');
    });

    it(`permission label ${name}: added and removed (item 103)`, () => {
      const engine = engineWith();
      const url = ok(engine.createQueue({ QueueName: 'q' }, T0)).QueueUrl;
      if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) return;
      ok(engine.addPermission({ QueueUrl: url, Label: name, AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] }, T0));
      expect(err(engine.addPermission({ QueueUrl: url, Label: name, AWSAccountIds: ['111122223333'], Actions: ['SendMessage'] }, T0)).message).toContain('Already exists');
      const policy = JSON.parse(ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }, T0)).Attributes?.Policy ?? '{}') as { Statement: Array<{ Sid: string }> };
      expect(policy.Statement.map((s) => s.Sid)).toEqual([name]);
      ok(engine.removePermission({ QueueUrl: url, Label: name }, T0));
      expect(ok(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] }, T0))).toEqual({});
    });
  }
});

describe('RedrivePolicy names an existing queue of the same type (sqs-semantics.md 3, 5.5)', () => {
  it('a DLQ that does not exist is refused on create and set', () => {
    const engine = engineWith();
    const policy = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:missing', maxReceiveCount: 3 });
    const e = err(engine.createQueue({ QueueName: 'src', Attributes: { RedrivePolicy: policy } }, T0));
    expect(e.code).toBe('InvalidParameterValue');
    expect(e.message).toBe(`Value ${policy} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`);
    const url = ok(engine.createQueue({ QueueName: 'src' }, T0)).QueueUrl;
    expect(err(engine.setQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: policy } }, T0)).message).toContain('Dead letter target does not exist.');
    // Another account's queue of that name is another queue.
    ok(engine.createQueue({ QueueName: 'dlq' }, T0));
    const elsewhere = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:999999999999:dlq', maxReceiveCount: 3 });
    expect(err(engine.setQueueAttributes({ QueueUrl: url, Attributes: { RedrivePolicy: elsewhere } }, T0)).message).toContain('does not exist');
  });

  it('a DLQ of the other type is refused, both ways', () => {
    const engine = engineWith();
    ok(engine.createQueue({ QueueName: 'std-dlq' }, T0));
    ok(engine.createQueue({ QueueName: 'dlq.fifo', Attributes: { FifoQueue: 'true' } }, T0));
    const toStd = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:std-dlq', maxReceiveCount: 3 });
    const toFifo = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq.fifo', maxReceiveCount: 3 });
    const e = err(engine.createQueue({ QueueName: 'src.fifo', Attributes: { FifoQueue: 'true', RedrivePolicy: toStd } }, T0));
    expect(e.message).toBe(`Value ${toStd} for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source.`);
    const std = ok(engine.createQueue({ QueueName: 'src' }, T0)).QueueUrl;
    expect(err(engine.setQueueAttributes({ QueueUrl: std, Attributes: { RedrivePolicy: toFifo } }, T0)).message).toContain('same type');
    ok(engine.createQueue({ QueueName: 'ok.fifo', Attributes: { FifoQueue: 'true', RedrivePolicy: toFifo } }, T0));
    ok(engine.setQueueAttributes({ QueueUrl: std, Attributes: { RedrivePolicy: toStd } }, T0));
  });

  it('a DLQ deleted after the policy was set: the message stays in the source (5.5)', () => {
    const engine = engineWith();
    const dlq = ok(engine.createQueue({ QueueName: 'dlq' }, T0)).QueueUrl;
    const src = ok(engine.createQueue({ QueueName: 'src', Attributes: { VisibilityTimeout: '0', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq', maxReceiveCount: 1 }) } }, T0)).QueueUrl;
    ok(engine.deleteQueue({ QueueUrl: dlq }, T0));
    ok(engine.sendMessage({ QueueUrl: src, MessageBody: 'm' }, T0));
    expect(receive(engine, src, T0 + 1)).toHaveLength(1);
    expect(receive(engine, src, T0 + 2)).toHaveLength(1);
  });
});

describe('what a DLQ move carries (items 40-41; sqs-semantics.md 5.5, 17)', () => {
  it('FIFO: receive count kept, source ARN added, retention restarts at the move, dedup id becomes the message id', () => {
    const engine = engineWith();
    const dlq = ok(engine.createQueue({ QueueName: 'dlq.fifo', Attributes: { FifoQueue: 'true', MessageRetentionPeriod: '100' } }, T0)).QueueUrl;
    const policy = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:dlq.fifo', maxReceiveCount: 1 });
    const src = ok(engine.createQueue({ QueueName: 'src.fifo', Attributes: { FifoQueue: 'true', VisibilityTimeout: '0', RedrivePolicy: policy } }, T0)).QueueUrl;
    const sent = ok(engine.sendMessage({ QueueUrl: src, MessageBody: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'd1' }, T0));
    receive(engine, src, T0 + 50_000);
    expect(receive(engine, src, T0 + 60_000)).toHaveLength(0); // moved instead (item 40)
    // Standard would expire at T0 + 100 s; FIFO counts from the move at T0 + 60 s.
    const [m] = receive(engine, dlq, T0 + 120_000, { AttributeNames: ['All'] });
    expect(m?.MessageId).toBe(sent.MessageId);
    expect(m?.Attributes).toMatchObject({ ApproximateReceiveCount: '2', DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:123456789012:src.fifo', MessageDeduplicationId: sent.MessageId, SentTimestamp: String(T0) });
    expect(receive(engine, dlq, T0 + 160_001)).toHaveLength(0);
  });
});

describe('FIFO', () => {
  function fifo(attrs: Record<string, string> = {}, choose?: Choose) {
    const engine = engineWith(choose);
    const url = ok(engine.createQueue({ QueueName: 'f.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', ...attrs } }, T0)).QueueUrl;
    return { engine, url };
  }

  it('ReceiveRequestAttemptId: a retry returns the same messages and handles and resets their visibility (section 9)', () => {
    const { engine, url } = fifo({ VisibilityTimeout: '30' });
    for (const b of ['a', 'b']) ok(engine.sendMessage({ QueueUrl: url, MessageBody: b, MessageGroupId: 'g' }, T0));
    const first = receive(engine, url, T0, { ReceiveRequestAttemptId: 'try-1' });
    expect(first.map((m) => m.Body)).toEqual(['a', 'b']);
    const retry = receive(engine, url, T0 + 20_000, { ReceiveRequestAttemptId: 'try-1' });
    expect(retry.map((m) => m.ReceiptHandle)).toEqual(first.map((m) => m.ReceiptHandle));
    // Visibility reset by the retry: still hidden at T0 + 40 s, back at T0 + 50 s.
    expect(receive(engine, url, T0 + 40_000)).toHaveLength(0);
    expect(receive(engine, url, T0 + 50_000).map((m) => m.Body)).toEqual(['a', 'b']);
  });

  it('ReceiveRequestAttemptId: not retryable once a message was deleted or changed; a new receive after 5 minutes', () => {
    const { engine, url } = fifo({ VisibilityTimeout: '600' });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'a', MessageGroupId: 'g' }, T0));
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'b', MessageGroupId: 'h' }, T0));
    const [a, b] = receive(engine, url, T0, { ReceiveRequestAttemptId: 'x' });
    ok(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: b?.ReceiptHandle, VisibilityTimeout: 600 }, T0 + 1));
    const e = err(engine.receiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'x' }, T0 + 2));
    expect(e.code).toBe('InvalidParameterValue');
    expect(e.message).toBe('The receiveRequestAttemptId is not valid anymore since the receive call is not retryable.');
    receive(engine, url, T0 + 3, { ReceiveRequestAttemptId: 'y', VisibilityTimeout: 0 }); // nothing: both groups locked
    ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: a?.ReceiptHandle }, T0 + 4));
    expect(err(engine.receiveMessage({ QueueUrl: url, ReceiveRequestAttemptId: 'x' }, T0 + 5)).code).toBe('InvalidParameterValue');
    // After 5 minutes the id is forgotten: an ordinary receive (b is still in flight).
    expect(receive(engine, url, T0 + 300_001, { ReceiveRequestAttemptId: 'x' })).toHaveLength(0);
  });

  it('standard queues ignore ReceiveRequestAttemptId (17)', () => {
    const engine = engineWith();
    const url = ok(engine.createQueue({ QueueName: 's' }, T0)).QueueUrl;
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'a' }, T0));
    expect(receive(engine, url, T0, { ReceiveRequestAttemptId: 'x' })).toHaveLength(1);
    expect(receive(engine, url, T0 + 1, { ReceiveRequestAttemptId: 'x' })).toHaveLength(0);
  });

  it('a change of the queue delay applies to messages already queued (section 3 DelaySeconds, 5.2)', () => {
    const { engine, url } = fifo({ DelaySeconds: '10' });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'a', MessageGroupId: 'g' }, T0));
    ok(engine.setQueueAttributes({ QueueUrl: url, Attributes: { DelaySeconds: '60' } }, T0 + 1000));
    expect(receive(engine, url, T0 + 30_000)).toHaveLength(0);
    expect(engine.nextVisibleAtMs(url, T0 + 30_000)).toBe(T0 + 60_000);
    expect(receive(engine, url, T0 + 60_000).map((m) => m.Body)).toEqual(['a']);
    // Standard queues: not retroactive.
    const s = engineWith();
    const su = ok(s.createQueue({ QueueName: 's', Attributes: { DelaySeconds: '10' } }, T0)).QueueUrl;
    ok(s.sendMessage({ QueueUrl: su, MessageBody: 'a' }, T0));
    ok(s.setQueueAttributes({ QueueUrl: su, Attributes: { DelaySeconds: '60' } }, T0 + 1000));
    expect(receive(s, su, T0 + 10_000)).toHaveLength(1);
  });

  it('lapsed handles fail with the recorded error for delete (item 27) and visibility changes; extended ones still work (item 28)', () => {
    const { engine, url } = fifo({ VisibilityTimeout: '10' });
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'a', MessageGroupId: 'g' }, T0));
    const [m] = receive(engine, url, T0);
    const h = m?.ReceiptHandle as string;
    ok(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: h, VisibilityTimeout: 30 }, T0 + 5000));
    ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: h }, T0 + 20_000)); // within the extension (item 28)
    ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'b', MessageGroupId: 'g' }, T0));
    const [n] = receive(engine, url, T0 + 21_000);
    const hn = n?.ReceiptHandle as string;
    const expired = `Value ${hn} for parameter ReceiptHandle is invalid. Reason: The receipt handle has expired.`;
    expect(err(engine.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: hn, VisibilityTimeout: 5 }, T0 + 40_000)).message).toBe(expired);
    const [again] = receive(engine, url, T0 + 40_000);
    expect(again?.Body).toBe('b');
    expect(err(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: hn }, T0 + 40_001)).message).toBe(expired); // stale
  });
});

describe('fair queues: MessageGroupId on a standard queue (sections 9, 10, 17; items 56, 125)', () => {
  it('accepted and returned as a system attribute, without a SequenceNumber', () => {
    const engine = engineWith();
    const url = ok(engine.createQueue({ QueueName: 'fair' }, T0)).QueueUrl;
    const sent = ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'a', MessageGroupId: 'tenant-1' }, T0));
    expect(sent.SequenceNumber).toBeUndefined();
    const [m] = receive(engine, url, T0, { MessageSystemAttributeNames: ['All'] });
    expect(m?.Attributes?.MessageGroupId).toBe('tenant-1');
    expect(m?.Attributes?.SequenceNumber).toBeUndefined();
  });

  it('validated: a bad id fails a single send with the recorded text; a bad batch entry fails alone', () => {
    const engine = engineWith();
    const url = ok(engine.createQueue({ QueueName: 'fair' }, T0)).QueueUrl;
    const e = err(engine.sendMessage({ QueueUrl: url, MessageBody: 'a', MessageGroupId: 'group 123' }, T0));
    expect(e.code).toBe('InvalidParameterValue');
    expect(e.message).toBe('Value group 123 for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.');
    const b = ok(
      engine.sendMessageBatch(
        { QueueUrl: url, Entries: [{ Id: 'good', MessageBody: 'a', MessageGroupId: 't1' }, { Id: 'bad', MessageBody: 'b', MessageGroupId: 'x'.repeat(129) }] },
        T0,
      ),
    );
    expect(b.Successful.map((s) => s.Id)).toEqual(['good']);
    expect(b.Failed).toEqual([expect.objectContaining({ Id: 'bad', Code: 'InvalidParameterValue', SenderFault: true })]);
  });

  it('imposes no order and no group lock', () => {
    const engine = engineWith();
    const url = ok(engine.createQueue({ QueueName: 'fair' }, T0)).QueueUrl;
    for (const b of ['a1', 'a2', 'a3']) ok(engine.sendMessage({ QueueUrl: url, MessageBody: b, MessageGroupId: 'a' }, T0));
    expect(receive(engine, url, T0, { MaxNumberOfMessages: 1 }).map((m) => m.Body)).toEqual(['a1']);
    expect(receive(engine, url, T0 + 1).map((m) => m.Body)).toEqual(['a2', 'a3']); // a1 in flight does not hold back its group
  });
});

describe('choose', () => {
  it('typical is the default and deterministic; random(seed) repeats itself for a seed', () => {
    const run = (choose?: Choose) => {
      const engine = engineWith(choose);
      const url = ok(engine.createQueue({ QueueName: 'q', Attributes: { VisibilityTimeout: '0' } }, T0)).QueueUrl;
      for (let i = 0; i < 8; i++) ok(engine.sendMessage({ QueueUrl: url, MessageBody: `m${i}` }, T0));
      return Array.from({ length: 6 }, (_, i) => receive(engine, url, T0 + i).map((m) => m.Body).join(',')).join(' | ');
    };
    expect(run()).toBe(run({ kind: 'typical' }));
    expect(run()).toContain('m0,m1,m2,m3,m4,m5,m6,m7');
    const r = { kind: 'random', seed: 42, strictness: 'typical' } as const;
    expect(run(r)).toBe(run(r));
    expect(run(r)).not.toBe(run({ ...r, seed: 43 }));
  });

  it('random FIFO receives keep group order and the group lock, in any group order (14 N5)', () => {
    const firsts = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const engine = engineWith({ kind: 'random', seed, strictness: 'guaranteed' });
      const url = ok(engine.createQueue({ QueueName: 'f.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }, T0)).QueueUrl;
      for (const [g, b] of [['g1', '1a'], ['g2', '2a'], ['g1', '1b'], ['g2', '2b']] as const) ok(engine.sendMessage({ QueueUrl: url, MessageBody: b, MessageGroupId: g }, T0));
      const seen: string[] = [];
      for (let i = 0; i < 40 && seen.length < 4; i++) {
        const got = receive(engine, url, T0 + i * 40_000, { WaitTimeSeconds: 1 });
        for (const m of got) ok(engine.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }, T0 + i * 40_000));
        seen.push(...got.map((m) => m.Body));
      }
      expect(seen.indexOf('1a')).toBeLessThan(seen.indexOf('1b'));
      expect(seen.indexOf('2a')).toBeLessThan(seen.indexOf('2b'));
      firsts.add(seen[0] ?? '');
    }
    expect(firsts).toEqual(new Set(['1a', '2a']));
  });

  it('random at guaranteed strictness may hand out an in-flight standard message early (14 N1); never at typical', () => {
    const early = (strictness: 'typical' | 'guaranteed') => {
      let n = 0;
      for (let seed = 1; seed <= 30; seed++) {
        const engine = engineWith({ kind: 'random', seed, strictness });
        const url = ok(engine.createQueue({ QueueName: 'q' }, T0)).QueueUrl;
        ok(engine.sendMessage({ QueueUrl: url, MessageBody: 'x' }, T0));
        receive(engine, url, T0, { WaitTimeSeconds: 1 });
        for (let i = 1; i <= 10; i++) n += receive(engine, url, T0 + i, { WaitTimeSeconds: 1 }).length;
      }
      return n;
    };
    expect(early('typical')).toBe(0);
    expect(early('guaranteed')).toBeGreaterThan(0);
  });
});
