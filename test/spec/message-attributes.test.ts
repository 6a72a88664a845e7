// The message-attribute rules stated once in src/spec/message.ts: the MessageAttributeNames filter
// (aws-recorded-facts.md A9 item 90, every recorded case), attributes read back from a history
// (Binary as base64), base64 sizes in the size rule, and the Number forms open point 16.4 allows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5OfMessageAttributes } from '../../src/spec/md5.js';
import { attributesFromWire, base64ByteLength, messageAttributeRequested, normalisedNumber, requestedMessageAttributes } from '../../src/spec/message.js';
import { validateSendMessage } from '../../src/spec/operations.js';
import type { QueueConfig } from '../../src/spec/types.js';

const ITEM_90 = {
  General: { DataType: 'String', StringValue: 'Kenobi' },
  Hello: { DataType: 'String', StringValue: 'There' },
  'Help.Me': { DataType: 'String', StringValue: 'Me' },
};

describe('MessageAttributeNames (aws-recorded-facts.md A9 item 90)', () => {
  // The recorded filters and the attributes AWS returned for each, with the MD5 it answered.
  const rows: Array<{ filters: string[] | undefined; names: string[]; md5?: string }> = [
    { filters: undefined, names: [] },
    { filters: [], names: [] },
    { filters: ['All'], names: ['General', 'Hello', 'Help.Me'], md5: '4c360f3fdafd970e05fae2f149d997f5' },
    { filters: ['*'], names: ['General', 'Hello', 'Help.Me'], md5: '4c360f3fdafd970e05fae2f149d997f5' },
    { filters: ['.*'], names: ['General', 'Hello', 'Help.Me'], md5: '4c360f3fdafd970e05fae2f149d997f5' },
    { filters: ['Foo', 'Bar'], names: [] },
    { filters: ['Hello', 'General'], names: ['General', 'Hello'], md5: 'fca026605781cb4126a1e9044df24232' },
    { filters: ['Hello', 'NotExisting'], names: ['Hello'], md5: 'a311262e065454b75da111d535b8dacd' },
    { filters: ['Hel.*'], names: ['Hello', 'Help.Me'], md5: '83fee93c1bcd8b9a5a923ffacdc636c7' },
    { filters: ['AWS.'], names: [] },
    { filters: ['..foo'], names: [] },
  ];
  it.each(rows)('$filters → $names', ({ filters, names, md5 }) => {
    const got = requestedMessageAttributes(ITEM_90, filters);
    expect(Object.keys(got ?? {}).sort()).toEqual(names);
    expect(md5OfMessageAttributes(got)).toBe(md5);
  });

  it('names are case-sensitive and a prefix filter matches by text', () => {
    expect(messageAttributeRequested('hello', ['Hello'])).toBe(false);
    expect(messageAttributeRequested('Hel', ['Hel.*'])).toBe(true);
    expect(messageAttributeRequested('a.b.c', ['a.b.*'])).toBe(true);
    expect(messageAttributeRequested('ab', ['a.b.*'])).toBe(false);
    expect(messageAttributeRequested('x', ['x*'])).toBe(false);
  });

  it('property: the selected attributes are exactly those some filter asks for', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,6}$/);
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 8 }), fc.array(fc.oneof(name, name.map((n) => `${n}.*`), fc.constantFrom('All', '*', '.*')), { maxLength: 4 }), (names, filters) => {
        const attrs = Object.fromEntries(names.map((n) => [n, { DataType: 'String', StringValue: n }]));
        const got = Object.keys(requestedMessageAttributes(attrs, filters) ?? {});
        expect(got.sort()).toEqual(names.filter((n) => messageAttributeRequested(n, filters)).sort());
      }),
    );
  });
});

describe('attributes as a history carries them', () => {
  it('Binary values are base64 text; the MD5 is the one recorded for item 89', () => {
    const text = 'traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01';
    const attrs = attributesFromWire({ attr1: { DataType: 'Binary', BinaryValue: Buffer.from(text, 'latin1').toString('base64') } });
    expect(md5OfMessageAttributes(attrs)).toBe('8cbe4db156db8a94db8b801b7addb984');
  });

  it('keeps __proto__ as a name and leaves out what is not an attribute value', () => {
    const attrs = attributesFromWire(JSON.parse('{"__proto__":{"DataType":"String","StringValue":"x"},"bad":3}'));
    expect(Object.keys(attrs ?? {})).toEqual(['__proto__']);
    expect(attributesFromWire({})).toBeUndefined();
  });

  it('base64ByteLength is the decoded length', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 64 }), (b) => base64ByteLength(Buffer.from(b).toString('base64')) === b.length));
  });

  it('the size rule counts a Binary value given as base64 by its bytes (item 85)', () => {
    const queue: QueueConfig = { name: 'q', fifo: false, visibilityTimeout: 30, messageRetentionPeriod: 345_600, delaySeconds: 0, receiveMessageWaitTimeSeconds: 0, maximumMessageSize: 1024 };
    // name 1 + type 6 + 30 bytes = 37; a body of 987 bytes makes 1024.
    const input = (body: number) => ({ MessageBody: 'b'.repeat(body), MessageAttributes: { n: { DataType: 'Binary', BinaryValue: Buffer.alloc(30, 7).toString('base64') } } });
    expect(validateSendMessage(input(987), queue).ok).toBe(true);
    expect(validateSendMessage(input(988), queue).ok).toBe(false);
  });
});

describe('normalisedNumber (sqs-semantics.md 6.3, open point 16.4)', () => {
  it.each([
    ['007', '7'],
    ['1.50', '1.5'],
    ['-0.250', '-0.25'],
    ['2.0', '2'],
    ['100', '100'],
    ['0', '0'],
    ['000', '0'],
    ['1614717034367', '1614717034367'],
    ['1.50E3', '1.5E3'],
  ])('%s → %s', (value, expected) => {
    expect(normalisedNumber(value)).toBe(expected);
  });
});
