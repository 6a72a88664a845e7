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

/**
 * Bytes a base64 text stands for (a Binary attribute value as the kit's histories carry it: the
 * wire form of a blob, sqs-semantics.md 6.3). Whitespace is ignored; padding is not counted.
 */
export function base64ByteLength(text: string): number {
  const compact = text.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((compact.length * 3) / 4) - padding);
}

/**
 * Message attributes as a history carries them (BinaryValue as base64 text, or bytes) in the
 * model's shape (bytes). Entries that are not attribute values are left out; undefined when there
 * are none. Names keep their spelling, `__proto__` included (null-prototype record).
 */
export function attributesFromWire(raw: unknown): Record<string, MessageAttributeValue> | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out = Object.create(null) as Record<string, MessageAttributeValue>;
  let n = 0;
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    if (v === null || typeof v !== 'object') continue;
    const r = v as Record<string, unknown>;
    if (typeof r['DataType'] !== 'string') continue;
    const value: MessageAttributeValue = { DataType: r['DataType'] };
    if (typeof r['StringValue'] === 'string') value.StringValue = r['StringValue'];
    const binary = r['BinaryValue'];
    if (binary instanceof Uint8Array) value.BinaryValue = binary;
    else if (typeof binary === 'string') value.BinaryValue = new Uint8Array(Buffer.from(binary, 'base64'));
    out[name] = value;
    n++;
  }
  return n > 0 ? out : undefined;
}

/**
 * Whether a ReceiveMessage's `MessageAttributeNames` asks for the message attribute `name`
 * (aws-recorded-facts.md A9 item 90 [S]; sqs-semantics.md 4.9): `All`, `*` and `.*` ask for every
 * attribute; `<prefix>.*` for every name that starts with `<prefix>` (`Hel.*` returned `Hello` and
 * `Help.Me`); any other entry for the attribute of exactly that name (names are case-sensitive).
 * Unknown and illegal names (`AWS.`, `..foo`) match nothing and are no error; an absent or empty
 * list asks for none. The one statement of the rule: the checker and the engine read it.
 */
export function messageAttributeRequested(name: string, filters: readonly unknown[] | undefined): boolean {
  if (filters === undefined) return false;
  for (const f of filters) {
    if (typeof f !== 'string') continue;
    if (f === 'All' || f === '*' || f === '.*') return true;
    if (f.endsWith('.*') ? name.startsWith(f.slice(0, -2)) : f === name) return true;
  }
  return false;
}

/** The attributes of `attrs` a receive with these `MessageAttributeNames` returns (item 90); undefined when none. */
export function requestedMessageAttributes<V>(attrs: Readonly<Record<string, V>> | undefined, filters: readonly unknown[] | undefined): Record<string, V> | undefined {
  if (attrs === undefined || filters === undefined || filters.length === 0) return undefined;
  const out = Object.create(null) as Record<string, V>;
  let n = 0;
  for (const [name, v] of Object.entries(attrs)) {
    if (!messageAttributeRequested(name, filters)) continue;
    out[name] = v;
    n++;
  }
  return n > 0 ? out : undefined;
}

/**
 * A `Number` attribute value with leading zeros of its integer part and trailing zeros of its
 * fraction stripped ("007" → "7", "-1.50" → "-1.5", "2.0" → "2"). The developer guide says SQS
 * strips them (sqs-semantics.md 6.3, DG23); whether the returned value is rewritten is open
 * (sqs-semantics.md 16 point 4; item 89 [V] only shows a value without such zeros round-tripping
 * unchanged), so a reader allows the value as sent and this form. Exponents are left as they are.
 */
export function normalisedNumber(value: string): string {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?((?:[eE][+-]?\d+)?)$/.exec(value);
  if (m === null) return value;
  const [, sign = '', intPart = '', fracPart, exponent = ''] = m;
  const int = intPart.replace(/^0+(?=\d)/, '');
  const frac = (fracPart ?? '').replace(/0+$/, '');
  if (int === '' && frac === '') return value;
  return `${sign}${int}${frac !== '' ? `.${frac}` : ''}${exponent}`;
}
