import { describe, expect, it } from 'vitest';
import { makeRunPrefix, newRunId, ownsQueue, queueNameFromUrl, redactDeep, redactSecrets, RUN_TAG_KEY } from '../../src/target/safety.js';

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

  it('redacts secrets, but not short dummy values', () => {
    expect(redactSecrets('key=AKIAEXAMPLE0001 secret=abcdefghij', ['AKIAEXAMPLE0001', 'abcdefghij'])).toBe(
      'key=[REDACTED] secret=[REDACTED]',
    );
    expect(redactSecrets('test-queue', ['test'])).toBe('test-queue');
    expect(redactDeep({ a: ['x abcdefghij'], n: 1 }, ['abcdefghij'])).toEqual({ a: ['x [REDACTED]'], n: 1 });
  });
});
