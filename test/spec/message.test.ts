import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attributeSize, firstInvalidChar, firstInvalidCharIndex, isAllowedCodePoint, messageSize, utf8Length } from '../../src/spec/message.js';
import type { MessageAttributeValue } from '../../src/spec/types.js';

/** Any code point, lone surrogates included (String.fromCodePoint accepts them). */
const anyString = fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 20 }).map((cps) => cps.map((c) => String.fromCodePoint(c)).join(''));

describe('firstInvalidCharIndex (XML 1.0 Char, sqs-semantics.md 6.1)', () => {
  const rows: Array<{ s: string; index: number | undefined; why: string }> = [
    { s: '', index: undefined, why: 'empty' },
    { s: 'hello', index: undefined, why: 'ASCII' },
    { s: '\t\n\r', index: undefined, why: '#x9 #xA #xD allowed' },
    { s: '\u0000', index: 0, why: 'U+0000 rejected (aws-recorded-facts.md item 4)' },
    { s: 'ab\u0008', index: 2, why: 'U+0008 rejected (item 4)' },
    { s: 'x\u0013', index: 1, why: 'U+0013 rejected (item 4)' },
    { s: '\uFFFF', index: 0, why: 'U+FFFF rejected (item 4)' },
    { s: '\uFFFE', index: 0, why: 'U+FFFE rejected' },
    { s: '\uFFFD\uD7FF\uE000', index: undefined, why: 'range edges allowed' },
    { s: 'a\u{1F600}b', index: undefined, why: 'surrogate pair = U+1F600, allowed' },
    { s: 'a\u{10FFFF}', index: undefined, why: 'U+10FFFF allowed' },
    { s: 'ab\uD83D', index: 2, why: 'lone high surrogate at the end' },
    { s: '\uD83Dx', index: 0, why: 'high surrogate not followed by a low one' },
    { s: 'a\uDE00b', index: 1, why: 'lone low surrogate' },
    { s: '\u{1F600}\u000B', index: 2, why: 'index counts UTF-16 units (the pair is 2)' },
  ];
  it.each(rows)('$why', ({ s, index }) => {
    expect(firstInvalidCharIndex(s)).toBe(index);
  });

  it('agrees with a code-point scan: undefined iff every character is allowed, else the first bad one', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        let offset = 0;
        let expected: number | undefined;
        for (const ch of s) {
          const cp = ch.codePointAt(0) ?? 0;
          // A string iterator yields a lone surrogate as one character: its code point is a surrogate, never allowed.
          if (!isAllowedCodePoint(cp)) {
            expected = offset;
            break;
          }
          offset += ch.length;
        }
        expect(firstInvalidCharIndex(s)).toBe(expected);
        if (expected !== undefined) expect(firstInvalidChar(s)?.codePoint).toBe(s.codePointAt(expected));
      }),
    );
  });
});

describe('utf8Length', () => {
  it('matches Buffer.byteLength for any string (lone surrogates count as U+FFFD, 3 bytes)', () => {
    fc.assert(fc.property(anyString, (s) => utf8Length(s) === Buffer.byteLength(s, 'utf8')));
  });
  it('examples', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('€')).toBe(3);
    expect(utf8Length('\u{1F600}')).toBe(4);
  });
});

describe('messageSize (sqs-semantics.md 6.2; aws-recorded-facts.md items 81, 85)', () => {
  it('body + name + DataType + value bytes', () => {
    // 4 (body) + 4 (name) + 6 (String) + 5 (value)
    expect(messageSize('body', { attr: { DataType: 'String', StringValue: 'value' } })).toBe(19);
    // Binary: raw bytes count, custom labels count.
    expect(messageSize('', { b: { DataType: 'Binary.png', BinaryValue: new Uint8Array(7) } })).toBe(1 + 10 + 7);
    expect(messageSize('ü')).toBe(2);
  });

  const attrValue: fc.Arbitrary<MessageAttributeValue> = fc.oneof(
    fc.record({ DataType: fc.constantFrom('String', 'Number.int'), StringValue: fc.string({ unit: 'grapheme' }) }),
    fc.record({ DataType: fc.constant('Binary'), BinaryValue: fc.uint8Array({ maxLength: 32 }) }),
  );
  const attrs = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), attrValue, { maxKeys: 10 });

  it('is additive: body plus each attribute on its own', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), attrs, (body, a) => {
        const parts = Object.entries(a).reduce((n, [name, v]) => n + attributeSize(name, v), 0);
        return messageSize(body, a) === utf8Length(body) + parts;
      }),
    );
  });

  it('splitting the attributes into two disjoint maps splits the size', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), attrs, attrs, (body, a, b) => {
        const bOnly = Object.fromEntries(Object.entries(b).filter(([k]) => !(k in a)));
        return messageSize(body, { ...a, ...bOnly }) === messageSize(body, a) + messageSize('', bOnly);
      }),
    );
  });

  it('does not depend on how the body is split between body and an attribute value', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }), (x, y) => {
        const viaAttribute = messageSize(x, { n: { DataType: 'String', StringValue: y } });
        return viaAttribute === messageSize(x + y) + utf8Length('n') + utf8Length('String');
      }),
    );
  });
});
