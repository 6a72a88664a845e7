// Receipt handles (src/spec/engine/handles.ts): what the engine issues it reads back exactly, and a
// handle edited anywhere, cut short or made up is not taken for one of its own (garbage, which the
// engine tells apart from stale handles: sqs-semantics.md 5.3).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeHandle, parseHandle, type HandleFields } from '../../src/spec/engine/handles.js';

const SECRET = '0123456789abcdef0123456789abcdef';
const fieldsArb: fc.Arbitrary<HandleFields> = fc.record({
  queue: fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/),
  incarnation: fc.nat(),
  message: fc.nat(),
  receive: fc.nat(),
  receivedAtMs: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  nonce: fc.stringMatching(/^[0-9a-f]{32}$/),
});

describe('receipt handles', () => {
  it('read back exactly what was issued', () => {
    fc.assert(
      fc.property(fieldsArb, (f) => {
        expect(parseHandle(encodeHandle(f, SECRET), SECRET)).toEqual(f);
      }),
    );
  });

  it('an edited handle is not read as one of ours (one character changed, cut short, another secret)', () => {
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    fc.assert(
      fc.property(fieldsArb, fc.nat(), fc.nat(), (f, where, by) => {
        const h = encodeHandle(f, SECRET);
        const at = 4 + (where % (h.replace(/=+$/, '').length - 4));
        const old = h[at]!;
        const edited = h.slice(0, at) + B64[(B64.indexOf(old) + 1 + (by % 63)) % 64] + h.slice(at + 1);
        const read = parseHandle(edited, SECRET);
        // Base64's last character may carry unused bits: an edit there can decode to the same bytes.
        if (read !== undefined) expect(read).toEqual(f);
        expect(parseHandle(h.slice(0, -4), SECRET)).toBeUndefined();
        expect(parseHandle(h, `${SECRET}x`)).toBeUndefined();
      }),
    );
  });

  it('refuses fields that are not counts', () => {
    const SEP = '\u0001';
    for (const bad of ['-1', '1.5', '', '99999999999999999999', '0x10']) {
      // A handle built as the engine builds them but with a field the engine never writes: the
      // check is not the engine's either, so it fails there first; what matters is that nothing
      // but undefined comes back.
      const body = ['v1', 'q', bad, '1', '1', '1', 'n', 'ffffffffffffffff'].join(SEP);
      expect(parseHandle(`AQEB${Buffer.from(body).toString('base64')}`, SECRET)).toBeUndefined();
    }
  });
});
