import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5Hex, md5OfMessageAttributes, md5OfMessageSystemAttributes, transportByte } from '../../src/spec/md5.js';
import type { MessageAttributeValue } from '../../src/spec/types.js';

const str = (StringValue: string, DataType = 'String'): MessageAttributeValue => ({ DataType, StringValue });
const bin = (text: string, DataType = 'Binary'): MessageAttributeValue => ({ DataType, BinaryValue: new TextEncoder().encode(text) });

describe('md5Hex: MD5OfMessageBody', () => {
  const rows: Array<{ body: string; md5: string; source: string }> = [
    { body: 'message', md5: '78e731027d8fd50ed642340b7c9a63b3', source: 'aws-recorded-facts.md item 1' },
    { body: 'test', md5: '098f6bcd4621d373cade4e832627b4f6', source: 'item 89 (test_send_message_with_binary_attributes body)' },
    { body: 'msg', md5: '6e2baaf3b97dbeef01c0043275f9a0e7', source: 'item 90 (attribute-name filters body)' },
    { body: '{"foo":20}', md5: 'd6cf0f93237ada70daf9b6e75cfff2e6', source: 'sqs-semantics.md 6.4 (aws-sdk-ruby#1885)' },
    { body: 'hello', md5: '5d41402abc4b2a76b9719d911017c592', source: 'sqs-semantics.md 6.4' },
  ];
  it.each(rows)('$body → $md5 ($source)', ({ body, md5 }) => {
    expect(md5Hex(body)).toBe(md5);
  });

  it('hashes strings as UTF-8 (same as their encoded bytes)', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => md5Hex(s) === md5Hex(new TextEncoder().encode(s))));
  });
});

describe('md5OfMessageAttributes', () => {
  const rows: Array<{ attrs: Record<string, MessageAttributeValue>; md5: string; source: string }> = [
    // sqs-semantics.md 6.4: matches a real SQS response quoted in aws/aws-sdk-ruby#1885.
    { attrs: { baz: str('qux') }, md5: '16bd0283a5b4962721ccd3efe4bc6257', source: 'sqs-semantics.md 6.4' },
    // aws-recorded-facts.md item 90: the recorded subsets of {General, Hello, Help.Me}.
    { attrs: { General: str('Kenobi'), Hello: str('There'), 'Help.Me': str('Me') }, md5: '4c360f3fdafd970e05fae2f149d997f5', source: 'item 90 all' },
    { attrs: { Hello: str('There'), General: str('Kenobi') }, md5: 'fca026605781cb4126a1e9044df24232', source: 'item 90 {Hello, General}' },
    { attrs: { Hello: str('There') }, md5: 'a311262e065454b75da111d535b8dacd', source: 'item 90 {Hello}' },
    { attrs: { Hello: str('There'), 'Help.Me': str('Me') }, md5: '83fee93c1bcd8b9a5a923ffacdc636c7', source: 'item 90 {Hello, Help.Me}' },
    // aws-recorded-facts.md item 89: a Binary attribute (the recording shows the bytes as a Python repr).
    {
      attrs: { attr1: bin('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01') },
      md5: '8cbe4db156db8a94db8b801b7addb984',
      source: 'item 89',
    },
  ];
  it.each(rows)('$source → $md5', ({ attrs, md5 }) => {
    expect(md5OfMessageAttributes(attrs)).toBe(md5);
  });

  it('is undefined without attributes (the member is omitted, items 10 and 90)', () => {
    expect(md5OfMessageAttributes(undefined)).toBeUndefined();
    expect(md5OfMessageAttributes({})).toBeUndefined();
  });

  const attrValue = fc.oneof(
    fc.record({ DataType: fc.constantFrom('String', 'Number', 'String.custom'), StringValue: fc.string({ minLength: 1, unit: 'grapheme' }) }),
    fc.record({ DataType: fc.constantFrom('Binary', 'Binary.png'), BinaryValue: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  );
  const attrMap = fc.dictionary(fc.string({ minLength: 1, maxLength: 12, unit: 'grapheme' }), attrValue, { minKeys: 1, maxKeys: 10 });

  it('does not depend on the order in which the attributes were inserted', () => {
    const withPermutation = attrMap.chain((attrs) => {
      const keys = Object.keys(attrs);
      return fc.tuple(fc.constant(attrs), fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }));
    });
    fc.assert(
      fc.property(withPermutation, ([attrs, order]) => {
        // No prototype: a `__proto__` attribute name (fast-check generates it) stays an own key.
        const reordered = Object.create(null) as Record<string, MessageAttributeValue>;
        for (const k of order) reordered[k] = attrs[k] as MessageAttributeValue;
        return md5OfMessageAttributes(reordered) === md5OfMessageAttributes(attrs);
      }),
    );
  });

  it('tells String from Binary by the transport byte, and includes the custom label', () => {
    expect(transportByte('Binary.gif')).toBe(2);
    expect(transportByte('Number.int')).toBe(1);
    expect(md5OfMessageAttributes({ a: str('xyz') })).not.toBe(md5OfMessageAttributes({ a: bin('xyz', 'String') }));
    expect(md5OfMessageAttributes({ a: str('1', 'Number') })).not.toBe(md5OfMessageAttributes({ a: str('1', 'Number.int') }));
  });
});

describe('md5OfMessageSystemAttributes', () => {
  it('AWSTraceHeader example of item 93', () => {
    const header = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';
    expect(md5OfMessageSystemAttributes({ AWSTraceHeader: str(header) })).toBe('5ae4d5d7636402d80f4eb6d213245a88');
  });
  it('is undefined when no system attributes were sent (item 93)', () => {
    expect(md5OfMessageSystemAttributes(undefined)).toBeUndefined();
  });
});
