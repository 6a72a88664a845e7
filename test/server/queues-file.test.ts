// The queues file (`serve --queues FILE`, the testing entry's `queues`): its shape is checked with one
// line per problem, and the queues are made by the engine's CreateQueue, so SQS's own errors apply.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createQueues, parseQueuesFile, readQueuesFile, validateQueues } from '../../src/server/index.js';
import { createEngine } from '../../src/spec/engine/index.js';

const engine = () => createEngine({ endpoint: 'http://127.0.0.1:9324' });
const NOW = 1_700_000_000_000;

describe('queues file: shape', () => {
  it('takes { queues: [...] } or the list, names, attributes, tags and a dead-letter pair', () => {
    const file = { queues: [{ name: 'orders.fifo', attributes: { VisibilityTimeout: 30, ContentBasedDeduplication: true }, tags: { team: 'shop' }, deadLetter: { name: 'orders-dlq.fifo', maxReceiveCount: 3 } }] };
    expect(validateQueues(file)).toEqual({ ok: true, value: file.queues });
    expect(validateQueues(file.queues)).toEqual({ ok: true, value: file.queues });
    expect(validateQueues({ queues: [] })).toEqual({ ok: true, value: [] });
  });

  it.each([
    ['[', /^not valid JSON: /],
    ['{"queue": []}', /^the file: unknown field "queue" \(fields: queues\)$/],
    ['{}', /^the file has no "queues" list$/],
    ['{"queues": {}}', /^"queues" must be a list/],
    ['{"queues": ["a"]}', /^queues\[0\] must be an object with a "name"$/],
    ['{"queues": [{"attributes": {}}]}', /^queues\[0\]: "name" must be a non-empty string$/],
    ['{"queues": [{"name": "a", "attribute": {}}]}', /^queue "a": unknown field "attribute" \(fields: name, attributes, tags, deadLetter\)$/],
    ['{"queues": [{"name": "a"}, {"name": "a"}]}', /^queue "a" is listed twice$/],
    ['{"queues": [{"name": "a", "attributes": {"DelaySeconds": [1]}}]}', /^queue "a": attribute "DelaySeconds" must be a string, a number, a boolean/],
    ['{"queues": [{"name": "a", "tags": {"n": 1}}]}', /^queue "a": tag "n" must have a string value$/],
    ['{"queues": [{"name": "a", "deadLetter": {"name": "b"}}]}', /^queue "a": deadLetter "maxReceiveCount" must be an integer$/],
    ['{"queues": [{"name": "a", "deadLetter": {"name": "b", "maxReceiveCount": 2, "arn": "x"}}]}', /^queue "a": deadLetter: unknown field "arn"/],
    ['{"queues": [{"name": "a", "deadLetter": {"name": "a", "maxReceiveCount": 2}}]}', /^queue "a": a queue cannot be its own dead-letter queue$/],
    ['{"queues": [{"name": "a", "attributes": {"RedrivePolicy": "{}"}, "deadLetter": {"name": "b", "maxReceiveCount": 2}}]}', /either "deadLetter" or the RedrivePolicy/],
  ])('%s → one line', (text, error) => {
    const r = parseQueuesFile(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toMatch(error);
      expect(r.error).not.toContain('\n');
    }
  });

  it('reads a file; a missing one is one line naming it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqsc-queues-'));
    writeFileSync(join(dir, 'q.json'), '{"queues": [{"name": "a"}]}');
    expect(await readQueuesFile(join(dir, 'q.json'))).toEqual({ ok: true, value: [{ name: 'a' }] });
    expect(await readQueuesFile(join(dir, 'none.json'))).toEqual({ ok: false, error: `cannot read the queues file ${join(dir, 'none.json')}: no such file` });
    writeFileSync(join(dir, 'bad.json'), '{"queues": [{"name": 1}]}');
    expect(await readQueuesFile(join(dir, 'bad.json'))).toEqual({ ok: false, error: `queues file ${join(dir, 'bad.json')}: queues[0]: "name" must be a non-empty string` });
  });
});

describe('queues file: creation through the engine', () => {
  it('makes dead-letter queues first, FIFO from the .fifo suffix, attributes as SQS strings, tags', () => {
    const e = engine();
    const r = createQueues(
      e,
      [
        { name: 'orders.fifo', attributes: { VisibilityTimeout: 5, ContentBasedDeduplication: true }, tags: { team: 'shop' }, deadLetter: { name: 'orders-dlq.fifo', maxReceiveCount: 3 } },
        { name: 'mail', deadLetter: { name: 'mail-dlq', maxReceiveCount: 1 } },
        { name: 'mail-dlq', attributes: { MessageRetentionPeriod: 1209600, RedriveAllowPolicy: { redrivePermission: 'allowAll' } } },
      ],
      NOW,
    );
    expect(r).toEqual({
      ok: true,
      value: {
        'orders-dlq.fifo': 'http://127.0.0.1:9324/000000000000/orders-dlq.fifo',
        'orders.fifo': 'http://127.0.0.1:9324/000000000000/orders.fifo',
        'mail-dlq': 'http://127.0.0.1:9324/000000000000/mail-dlq',
        mail: 'http://127.0.0.1:9324/000000000000/mail',
      },
    });
    const attrs = (name: string) => {
      const got = e.dispatch('GetQueueAttributes', { QueueUrl: e.queueUrl(name), AttributeNames: ['All'] }, NOW);
      return ('ok' in got ? got.ok.Attributes : {}) as Record<string, string>;
    };
    expect(attrs('orders.fifo')).toMatchObject({ FifoQueue: 'true', VisibilityTimeout: '5', ContentBasedDeduplication: 'true' });
    expect(JSON.parse(attrs('orders.fifo').RedrivePolicy!)).toEqual({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:orders-dlq.fifo', maxReceiveCount: 3 });
    expect(attrs('orders-dlq.fifo')).toMatchObject({ FifoQueue: 'true' });
    expect(attrs('mail-dlq')).toMatchObject({ MessageRetentionPeriod: '1209600' });
    expect(JSON.parse(attrs('mail-dlq').RedriveAllowPolicy!)).toEqual({ redrivePermission: 'allowAll' });
    const tags = e.dispatch('ListQueueTags', { QueueUrl: e.queueUrl('orders.fifo') }, NOW);
    expect('ok' in tags && tags.ok.Tags).toEqual({ team: 'shop' });
  });

  it('answers an invalid attribute or pairing with the AWS error the engine gives CreateQueue', () => {
    const one = (defs: Parameters<typeof createQueues>[1]) => {
      const r = createQueues(engine(), defs, NOW);
      return r.ok ? 'ok' : r.error;
    };
    expect(one([{ name: 'a', attributes: { VisibilityTimeout: 43201 } }])).toBe('queue "a": InvalidAttributeValue: Invalid value for the parameter VisibilityTimeout.');
    expect(one([{ name: 'a', attributes: { Colour: 'blue' } }])).toMatch(/^queue "a": InvalidAttributeName: /);
    expect(one([{ name: 'bad name' }])).toMatch(/^queue "bad name": InvalidParameterValue: /);
    expect(one([{ name: 'a.fifo', attributes: { FifoQueue: false } }])).toMatch(/^queue "a.fifo": InvalidParameterValue: /);
    expect(one([{ name: 'a', deadLetter: { name: 'b.fifo', maxReceiveCount: 3 } }])).toMatch(/^queue "a": InvalidParameterValue: .*Dead-letter queue must be same type of queue as the source\.$/);
    expect(one([{ name: 'a', deadLetter: { name: 'b', maxReceiveCount: 1001 } }])).toMatch(/Invalid value for maxReceiveCount: 1001, valid values are from 1 to 1000/);
    expect(one([{ name: 'a', deadLetter: { name: 'b', maxReceiveCount: 2 } }, { name: 'b', deadLetter: { name: 'a', maxReceiveCount: 2 } }])).toBe('dead-letter queues form a cycle: "a" → "b" → "a"');
  });
});
