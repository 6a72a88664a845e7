import { describe, expect, it } from 'vitest';
import { toJsonSafe } from '../../src/target/port-common.js';
import { makeRunPrefix, newRunId, ownsQueue, parseQueueUrl, queueNameFromUrl, redactDeep, redactSecrets, RUN_TAG_KEY } from '../../src/target/safety.js';

describe('safety', () => {
  it('builds per-run prefixes and recognises owned queues only', () => {
    expect(RUN_TAG_KEY).toBe('sqs-conformance:run');
    const prefix = makeRunPrefix('k3j9x2');
    expect(prefix).toBe('sqsc-k3j9x2-');
    expect(() => makeRunPrefix('has space')).toThrow(/invalid run id/);
    expect(newRunId()).toMatch(/^[0-9a-z]{8}$/);
    expect(ownsQueue('https://sqs.us-east-1.amazonaws.com/123456789012/sqsc-k3j9x2-q1', prefix)).toBe(true);
    expect(ownsQueue('https://sqs.us-east-1.amazonaws.com/123456789012/sqsc-k3j9x2-q1.fifo', prefix)).toBe(true);
    expect(ownsQueue('https://sqs.us-east-1.amazonaws.com/123456789012/prod-orders', prefix)).toBe(false);
    expect(ownsQueue('https://sqs.us-east-1.amazonaws.com/sqsc-k3j9x2-x/prod-orders', prefix)).toBe(false);
    expect(ownsQueue('http://h/1/sqsc-other-q', prefix)).toBe(false);
    expect(ownsQueue('http://h/1/anything', '')).toBe(false);
    expect(queueNameFromUrl('http://h:1/000000000000/q1/')).toBe('q1');
  });

  it('reads queue URLs on regional, dual-stack, FIPS, China and legacy AWS hosts, and on any other host (issue 12)', () => {
    const aws = (region: string, dualStack = false) => ({ aws: { region, dualStack } });
    expect(parseQueueUrl('https://sqs.eu-west-1.api.aws/123456789012/sqsc-k3j9x2-q1')).toEqual({
      origin: 'https://sqs.eu-west-1.api.aws',
      name: 'sqsc-k3j9x2-q1',
      accountId: '123456789012',
      ...aws('eu-west-1', true),
    });
    expect(parseQueueUrl('https://sqs.us-east-1.amazonaws.com/123456789012/q.fifo')).toMatchObject({ name: 'q.fifo', ...aws('us-east-1') });
    expect(parseQueueUrl('https://sqs-fips.us-gov-west-1.api.aws/123456789012/q')).toMatchObject(aws('us-gov-west-1', true));
    expect(parseQueueUrl('https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q')).toMatchObject(aws('cn-north-1'));
    expect(parseQueueUrl('https://ap-south-1.queue.amazonaws.com/123456789012/q')).toMatchObject(aws('ap-south-1'));
    expect(parseQueueUrl('https://queue.amazonaws.com/123456789012/q')).toMatchObject(aws('us-east-1'));
    expect(parseQueueUrl('http://localhost:9324/000000000000/q')).toEqual({ origin: 'http://localhost:9324', name: 'q', accountId: '000000000000' });
    expect(parseQueueUrl('https://sqs.eu-west-1.api.aws.evil.example/1/q')?.aws).toBeUndefined();
    expect(parseQueueUrl('q')).toBeUndefined();
    expect(ownsQueue('https://sqs.eu-west-1.api.aws/123456789012/sqsc-k3j9x2-q1', makeRunPrefix('k3j9x2'))).toBe(true);
    expect(queueNameFromUrl('000000000000/q2')).toBe('q2');
  });

  it('keeps keys named __proto__ or constructor (attribute names, tag keys) when copying outputs', () => {
    const out = { MessageAttributes: Object.fromEntries([['__proto__', { DataType: 'String', StringValue: 'AKIASECRETVALUE' }], ['constructor', { DataType: 'Binary', BinaryValue: new Uint8Array([1]) }]]) };
    expect(Object.keys(toJsonSafe<typeof out>(out).MessageAttributes)).toEqual(['__proto__', 'constructor']);
    expect(toJsonSafe<typeof out>(out).MessageAttributes.constructor).toEqual({ DataType: 'Binary', BinaryValue: 'AQ==' });
    const redacted = redactDeep(out, ['AKIASECRETVALUE']);
    expect(Object.entries(redacted.MessageAttributes)[0]).toEqual(['__proto__', { DataType: 'String', StringValue: '[REDACTED]' }]);
  });

  it('redacts secrets, but not short dummy values', () => {
    expect(redactSecrets('key=AKIAEXAMPLE0001 secret=abcdefghij', ['AKIAEXAMPLE0001', 'abcdefghij'])).toBe(
      'key=[REDACTED] secret=[REDACTED]',
    );
    expect(redactSecrets('test-queue', ['test'])).toBe('test-queue');
    expect(redactDeep({ a: ['x abcdefghij'], n: 1 }, ['abcdefghij'])).toEqual({ a: ['x [REDACTED]'], n: 1 });
  });
});
