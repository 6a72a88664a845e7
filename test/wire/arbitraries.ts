// fast-check values of any wire shape, for the codec round trips. Strings are XML-legal (the
// characters an SQS body or attribute may hold, sqs-semantics.md 6.1), with markup characters,
// whitespace and surrogate pairs; map keys include the names that break plain objects.
import fc from 'fast-check';
import { dict, shapeOf } from '../../src/wire/index.js';

/** Keys that a `{}` mishandles: a prototype setter and names `in` finds on every object. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;

const xmlChar = fc.oneof(
  { arbitrary: fc.constantFrom('\t', '\n', '\r', ' ', '&', '<', '>', '"', "'", ']]>', '&amp;', '\r\n'), weight: 2 },
  { arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), weight: 6 },
  { arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }).map((c) => String.fromCharCode(c)), weight: 1 },
  { arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map((c) => String.fromCharCode(c)), weight: 1 },
  { arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((c) => String.fromCodePoint(c)), weight: 1 },
);

export const xmlString = fc.array(xmlChar, { maxLength: 12 }).map((a) => a.join(''));
export const mapKey = fc.oneof({ arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 1 }, { arbitrary: xmlString, weight: 3 });

/** A value of the shape `name`; structure members are each present or not. */
export function valueOf(name: string): fc.Arbitrary<unknown> {
  const s = shapeOf(name);
  switch (s.type) {
    case 'string':
    case 'enum':
      return xmlString;
    case 'integer':
      return fc.integer();
    case 'long':
      return fc.maxSafeInteger();
    case 'boolean':
      return fc.boolean();
    case 'blob':
      return fc.uint8Array({ maxLength: 24 });
    case 'list':
      return fc.array(valueOf(s.member), { maxLength: 3 });
    case 'map':
      return fc.uniqueArray(fc.tuple(mapKey, valueOf(s.value)), { maxLength: 4, selector: ([k]) => k }).map((entries) => {
        const out = dict<unknown>();
        for (const [k, v] of entries) out[k] = v;
        return out;
      });
    case 'structure': {
      const members: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [m, member] of Object.entries(s.members)) members[m] = valueOf(member.target);
      return fc.record(members, { requiredKeys: [] }) as fc.Arbitrary<unknown>;
    }
  }
}
