// Message content rules: the allowed characters of bodies and attribute values, and how SQS
// counts a message's size (../shared/reference/sqs-semantics.md sections 6.1-6.3). PURE.
import type { MessageAttributeValue } from './types.js';

/**
 * XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
 * (sqs-semantics.md 6.1; aws-recorded-facts.md item 4). Surrogate code points are not characters.
 */
export function isAllowedCodePoint(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    (codePoint >= 0x10000 && codePoint <= 0x10ffff)
  );
}

/** The first character outside the XML 1.0 set: its UTF-16 index and code point (a lone surrogate reports itself). */
export function firstInvalidChar(s: string): { index: number; codePoint: number } | undefined {
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 1 < s.length ? s.charCodeAt(i + 1) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++; // a well-formed pair encodes U+10000..U+10FFFF, always allowed
        continue;
      }
      return { index: i, codePoint: unit }; // high surrogate without its low half
    }
    if (!isAllowedCodePoint(unit)) return { index: i, codePoint: unit }; // includes a lone low surrogate
  }
  return undefined;
}

/** UTF-16 index of the first character SQS rejects, or undefined when every character is allowed. */
export function firstInvalidCharIndex(s: string): number | undefined {
  return firstInvalidChar(s)?.index;
}

/**
 * Bytes of `s` in UTF-8. A lone surrogate counts 3 bytes, as the U+FFFD an encoder writes for it.
 */
export function utf8Length(s: string): number {
  let bytes = 0;
  for (let i = 0; i < s.length; i++) {
    const unit = s.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < s.length) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/** Bytes one message attribute adds to the message size: name + DataType + value (item 85). */
export function attributeSize(name: string, value: MessageAttributeValue): number {
  const stringBytes = value.StringValue === undefined ? 0 : utf8Length(value.StringValue);
  const binaryBytes = value.BinaryValue === undefined ? 0 : value.BinaryValue.byteLength;
  return utf8Length(name) + utf8Length(value.DataType) + stringBytes + binaryBytes;
}

/**
 * Message size as SQS checks it against `MaximumMessageSize`: UTF-8 bytes of the body plus, for
 * every message attribute, the bytes of its name, data type and value (sqs-semantics.md 6.2;
 * aws-recorded-facts.md items 81 and 85). Message system attributes are not counted.
 */
export function messageSize(body: string, attrs?: Record<string, MessageAttributeValue>): number {
  let size = utf8Length(body);
  if (attrs !== undefined) for (const [name, value] of Object.entries(attrs)) size += attributeSize(name, value);
  return size;
}
