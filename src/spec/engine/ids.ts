// Identifier sources for the engine. The default draws random UUIDs; `sequentialIds` is
// deterministic, for tests and replays. PURE apart from the default's randomness.
import { randomFillSync } from 'node:crypto';
import type { IdSource } from './types.js';

/** Random bytes drawn 4 KiB at a time: a nonce or a message id costs a slice of them. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
/** Where the next `bytes` random bytes start in `pool`. */
function take(bytes: number): number {
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += bytes;
  return poolAt - bytes;
}

function randomHex(bytes: number): string {
  const from = take(bytes);
  return pool.toString('hex', from, from + bytes);
}

const HEX = Buffer.from('0123456789abcdef', 'latin1');
const uuidText = Buffer.alloc(36, 0x2d); // the dashes stay; the hex digits are written over the rest
/** Where the hex digits of byte i go in `8-4-4-4-12`. */
const UUID_AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

/**
 * A random (version 4) UUID as one flat string. node's randomUUID() builds its text by
 * concatenation: a tree of 15 strings, ~480 bytes kept per stored message instead of ~60.
 */
export function randomUuid(): string {
  const from = take(16);
  for (let i = 0; i < 16; i++) {
    let b = pool[from + i] as number;
    if (i === 6) b = (b & 0x0f) | 0x40; // version 4
    else if (i === 8) b = (b & 0x3f) | 0x80; // RFC 4122 variant
    const at = UUID_AT[i] as number;
    uuidText[at] = HEX[b >> 4] as number;
    uuidText[at + 1] = HEX[b & 15] as number;
  }
  return uuidText.toString('latin1');
}

export const randomIds: IdSource = {
  messageId: randomUuid,
  nonce: () => randomHex(16),
};

/** UUID-shaped, counting ids: `00000000-0000-4000-8000-000000000001`, … (prefix varies the first group). */
export function sequentialIds(prefix = 0): IdSource {
  let n = 0;
  const uuid = (k: number): string => {
    const hex = k.toString(16).padStart(12, '0');
    const head = (prefix >>> 0).toString(16).padStart(8, '0');
    return `${head}-0000-4000-8000-${hex}`;
  };
  return {
    messageId: () => uuid(++n),
    nonce: () => (++n).toString(16).padStart(16, '0'),
  };
}
