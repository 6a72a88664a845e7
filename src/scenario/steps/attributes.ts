// Message attributes as steps carry them, and their generators (sqs-semantics.md 2, 6.2-6.4;
// aws-recorded-facts.md A9 items 85-94): names from a scenario's pool of families (so that prefix
// filters select some and miss others), the String, Number and Binary types with custom labels
// (`Number.int`, `Binary.png`, `String.x`, generated ones), values made of allowed characters of
// every UTF-8 width, MessageAttributeNames filters (`All`, `*`, `.*`, `prefix.*`, names, unknown and
// illegal names, the empty list) and AWSTraceHeader values. Binary values travel as base64 text,
// the kit's convention for blobs in requests and histories (src/target/port-common.ts).
import fc from 'fast-check';
import { attributesFromWire, messageSize } from '../../spec/message.js';

/** One message attribute: `value` is the StringValue, or the BinaryValue as base64 for Binary types. */
export interface AttributeSpec {
  name: string;
  type: string;
  value: string;
}

const isBinary = (type: string) => type === 'Binary' || type.startsWith('Binary.');

/** The request member `MessageAttributes` for these attributes. */
export function wireAttributes(list: readonly AttributeSpec[]): Record<string, Record<string, string>> {
  const out = Object.create(null) as Record<string, Record<string, string>>;
  for (const a of list) out[a.name] = isBinary(a.type) ? { DataType: a.type, BinaryValue: a.value } : { DataType: a.type, StringValue: a.value };
  return out;
}

/** Bytes the attributes add to a message's size: names, data types and values (item 85; sqs-semantics.md 6.2). */
export function attributeBytes(list: readonly AttributeSpec[]): number {
  return messageSize('', attributesFromWire(wireAttributes(list)));
}

/** A trace header in the X-Ray format (sqs-semantics.md 4.7; the recorded example of item 93). */
export const traceHeader: fc.Arbitrary<string> = fc
  .tuple(fc.stringMatching(/^[0-9a-f]{8}$/), fc.stringMatching(/^[0-9a-f]{24}$/), fc.stringMatching(/^[0-9a-f]{16}$/), fc.constantFrom('0', '1'))
  .map(([time, id, parent, sampled]) => `Root=1-${time}-${id};Parent=${parent};Sampled=${sampled}`);

// ---------------------------------------------------------------------------------------------
// Names

/** A name segment: ASCII letters, digits, `_` and `-`, sometimes Latin letters of U+00C0-U+017F (item 88: `attr.1øßä` passed; other scripts are not recorded). */
const segment: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,7}$/) },
  { weight: 1, arbitrary: fc.constantFrom('øß', 'Äpfel', 'naïve', 'Œuvre', 'çà') },
);

const reserved = (name: string) => /^(aws|amazon)\./i.test(name);

/**
 * A scenario's attribute names: 2–3 families, each a prefix `f` with names `f`, `f.<leaf>` and
 * `f<suffix>` (which shares the text of the prefix but not its dot), plus names of no family.
 * Distinct, valid names (sqs-semantics.md 2).
 */
export const namePool: fc.Arbitrary<{ families: string[]; names: string[] }> = fc
  .record({
    families: fc.uniqueArray(segment, { minLength: 2, maxLength: 3, comparator: (a, b) => a.toLowerCase() === b.toLowerCase() }),
    leaves: fc.array(segment, { minLength: 2, maxLength: 4 }),
    loose: fc.array(segment, { minLength: 1, maxLength: 3 }),
  })
  .map(({ families, leaves, loose }) => {
    const names = new Set<string>();
    families.forEach((f, i) => {
      names.add(`${f}.${leaves[i % leaves.length]!}`);
      names.add(`${f}.${leaves[(i + 1) % leaves.length]!}.x${i}`);
      names.add(`${f}_${i}`);
      if (i === 0) names.add(f);
    });
    for (const l of loose) names.add(`z${l}`);
    return { families, names: [...names].filter((n) => !reserved(n) && n.length <= 256) };
  });

// ---------------------------------------------------------------------------------------------
// Types and values

/** Characters of attribute values: every UTF-8 width, XML specials, no control characters (item 87). */
const valueChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('a', 'Z', '0', ' ', '.', '-', '&', '<', '>', '"', "'", '&quot;', ']]>') },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0x7ff }).map((cp) => String.fromCodePoint(cp)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x800, max: 0xd7ff }).map((cp) => String.fromCodePoint(cp)) },
  { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)) },
);

const stringValue: fc.Arbitrary<string> = fc.array(valueChar, { minLength: 1, maxLength: 16 }).map((parts) => parts.join(''));

/**
 * Numbers SQS takes (sqs-semantics.md 6.3): integers (item 89 recorded "1614717034367"), decimals,
 * negatives, 38 significant digits, and sometimes leading or trailing zeros, which the guide says
 * SQS strips (open point 16.4: both forms are allowed back).
 */
const numberValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(String) },
  { weight: 1, arbitrary: fc.constant('1614717034367') },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 1, max: 99_999 })).map(([i, f]) => `${i}.${String(f).replace(/0+$/, '') || '1'}`) },
  { weight: 1, arbitrary: fc.stringMatching(/^[1-9][0-9]{37}$/) },
  { weight: 1, arbitrary: fc.constantFrom('007', '1.50', '-0.250', '0', '100', '0.001') },
);

/** 1–48 random bytes as base64. */
const binaryValue: fc.Arbitrary<string> = fc.uint8Array({ minLength: 1, maxLength: 48 }).map((b) => Buffer.from(b).toString('base64'));

/** A custom type label after the base type (`Number.int`, `Binary.png`, `String.x`, generated ones); kept verbatim (6.3). */
const label: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constantFrom('.int', '.png', '.x', '.float', '.gif', '.json') },
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/).map((l) => `.${l}`) },
  { weight: 1, arbitrary: fc.constantFrom('.é', '.a.b') },
);

/** A data type and a value of it. */
export const attributeValue: fc.Arbitrary<{ type: string; value: string }> = fc.oneof(
  fc.tuple(label, stringValue).map(([l, value]) => ({ type: `String${l}`, value })),
  fc.tuple(label, numberValue).map(([l, value]) => ({ type: `Number${l}`, value })),
  fc.tuple(label, binaryValue).map(([l, value]) => ({ type: `Binary${l}`, value })),
);

/** min..max attributes (at most 10, sqs-semantics.md 6.3) with distinct names from `names`. */
export function messageAttributes(names: readonly string[], opts: { min?: number; max?: number } = {}): fc.Arbitrary<AttributeSpec[]> {
  const max = Math.min(opts.max ?? 10, names.length, 10);
  const min = Math.min(opts.min ?? 1, max);
  return fc
    .shuffledSubarray([...names], { minLength: min, maxLength: max })
    .chain((chosen) => fc.tuple(...chosen.map((name) => attributeValue.map((v): AttributeSpec => ({ name, ...v })))))
    .map((list) => [...list]);
}

// ---------------------------------------------------------------------------------------------
// MessageAttributeNames filters (aws-recorded-facts.md A9 item 90)

/** A `MessageAttributeNames` list over a scenario's name pool. */
export function attributeFilter(pool: { families: string[]; names: string[] }): fc.Arbitrary<string[]> {
  const name = fc.constantFrom(...pool.names);
  const family = fc.constantFrom(...pool.families);
  return fc.oneof(
    fc.constantFrom<string[]>(['All'], ['.*'], ['*'], []),
    family.map((f) => [`${f}.*`]),
    fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
    fc.tuple(name, fc.constantFrom('unknown', 'Unknown.Name', 'AWS.', '..foo', 'x*')).map(([n, other]) => [other, n]),
    fc.tuple(family, name).map(([f, n]) => [`${f}.*`, n]),
    fc.constantFrom<string[]>(['AWS.', '..foo'], ['nothing.*']),
  );
}

// ---------------------------------------------------------------------------------------------
// Attribute sets at and past the rules (sqs-semantics.md 2, 6.3; aws-recorded-facts.md items 86-88)

const ok = (name: string, type = 'String', value = 'v'): AttributeSpec => ({ name, type, value });

/** Attribute sets the model rejects: names, types and values past the rules, 11 attributes. */
export const invalidAttributes: fc.Arbitrary<AttributeSpec[]> = fc.constantFrom<AttributeSpec[]>(
  [ok('AWS.x')], // reserved prefix (item 88)
  [ok('amazon.Trace')], // reserved prefix, any casing (item 88)
  [ok('.lead')], // starts with a dot (item 88)
  [ok('trail.')], // ends with a dot (item 88)
  [ok('a..b')], // two dots (sqs-semantics.md 2)
  [ok('bad!name')], // a character outside the allowed set (item 88)
  [ok('n'.repeat(257))], // longer than 256 (item 88)
  [ok('ErrorDetails', 'String', '')], // an empty String value (item 86)
  [ok('empty', 'Binary', '')], // an empty Binary value (sqs-semantics.md 6.3)
  [ok('t', 'Strin')], // not String, Number or Binary (item 88)
  [ok('t', 'string')], // types are case-sensitive (sqs-semantics.md 2)
  [ok('t', 'Number.')], // a label needs a character after the dot
  [ok('n', 'Number', 'abc')], // not a number (sqs-semantics.md 6.3)
  [ok('n', 'Number', '1'.repeat(39))], // 39 significant digits (6.3)
  [ok('ctl', 'String', 'a\u0008b')], // a control character in a value (item 87)
  [ok('ctl', 'String', 'a\u000bb')], // a control character in a value (item 87)
  Array.from({ length: 11 }, (_, i) => ok(`a${i}`)), // 11 attributes (sqs-semantics.md 6.3)
);

/** Attribute sets at the rules' limits, which the model accepts. */
export const edgeAttributes: fc.Arbitrary<AttributeSpec[]> = fc.constantFrom<AttributeSpec[]>(
  Array.from({ length: 10 }, (_, i) => ok(`a${i}`, i % 3 === 0 ? 'Number' : 'String', String(i + 1))), // 10 attributes (6.3)
  [ok('n'.repeat(256))], // a 256-character name (sqs-semantics.md 2)
  [ok('attr.1øßä')], // non-ASCII letters in a name (item 88)
  [ok('n', 'Number', '9'.repeat(38))], // 38 significant digits (6.3)
  [ok('n', 'Number', '-0.000001')],
  [ok('t', 'String.x'), ok('u', 'Number.int', '42'), { name: 'v', type: 'Binary.png', value: 'iVBORw0KGgo=' }], // custom labels (6.3)
  [ok('Hello', 'String', 'There'), ok('General', 'String', 'Kenobi'), ok('Help.Me', 'String', 'Me')], // item 90's attributes
);
