// MD5 checksums SQS returns for bodies, message attributes and message system attributes
// (../shared/reference/sqs-semantics.md section 6.4). PURE: node:crypto is used only to hash bytes.
import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from './types.js';

const utf8 = new TextEncoder();

/** Lower-case hex MD5 of the bytes; strings are hashed as UTF-8 (MD5OfMessageBody / MD5OfBody). */
export function md5Hex(data: string | Uint8Array): string {
  const bytes = typeof data === 'string' ? utf8.encode(data) : data;
  return createHash('md5').update(bytes).digest('hex');
}

/**
 * Transport byte of an attribute: 1 for String and Number types, 2 for Binary (3 and 4 are
 * reserved for the unimplemented list types). The custom label after the dot does not matter.
 */
export function transportByte(dataType: string): 1 | 2 {
  return dataType === 'Binary' || dataType.startsWith('Binary.') ? 2 : 1;
}

function valueBytes(value: MessageAttributeValue): Uint8Array {
  if (transportByte(value.DataType) === 2) return value.BinaryValue ?? new Uint8Array(0);
  return utf8.encode(value.StringValue ?? '');
}

function lengthPrefixed(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length, false); // 4-byte big-endian length
  out.set(bytes, 4);
  return out;
}

/**
 * The attribute encoding of sqs-semantics.md 6.4: names in ascending order; per attribute the
 * length-prefixed name, the length-prefixed data type (custom label included), one transport byte
 * and the length-prefixed value. Names are sorted by UTF-16 code units, which is Java's
 * `String.compareTo` order and also JavaScript's default sort order.
 */
function encodeAttributes(attrs: Record<string, MessageAttributeValue>): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const name of Object.keys(attrs).sort()) {
    const value = attrs[name];
    if (value === undefined) continue;
    parts.push(lengthPrefixed(utf8.encode(name)));
    parts.push(lengthPrefixed(utf8.encode(value.DataType)));
    parts.push(Uint8Array.of(transportByte(value.DataType)));
    parts.push(lengthPrefixed(valueBytes(value)));
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const buffer = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    buffer.set(p, offset);
    offset += p.length;
  }
  return buffer;
}

/**
 * `MD5OfMessageAttributes`: undefined when the message has no attributes, in which case SQS omits
 * the member (sqs-semantics.md 6.4; aws-recorded-facts.md items 10 and 90). On receive SQS hashes
 * only the attributes it returns (item 90), so pass exactly those.
 */
export function md5OfMessageAttributes(attrs: Record<string, MessageAttributeValue> | undefined): string | undefined {
  if (attrs === undefined || Object.keys(attrs).length === 0) return undefined;
  return md5Hex(encodeAttributes(attrs));
}

/**
 * `MD5OfMessageSystemAttributes` (only `AWSTraceHeader` exists): same encoding as message
 * attributes (sqs-semantics.md 6.4; aws-recorded-facts.md item 93). Undefined when none were sent.
 */
export function md5OfMessageSystemAttributes(attrs: Record<string, MessageAttributeValue> | undefined): string | undefined {
  return md5OfMessageAttributes(attrs);
}
