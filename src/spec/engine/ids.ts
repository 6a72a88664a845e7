// Identifier sources for the engine. The default draws random UUIDs; `sequentialIds` is
// deterministic, for tests and replays. PURE apart from the default's randomness.
import { randomFillSync, randomUUID } from 'node:crypto';
import type { IdSource } from './types.js';

/** Random bytes drawn 4 KiB at a time: a nonce (one per receipt handle) costs a slice of them. */
const pool = Buffer.alloc(4096);
let poolAt = pool.length;
function randomHex(bytes: number): string {
  if (poolAt + bytes > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  poolAt += bytes;
  return pool.toString('hex', poolAt - bytes, poolAt);
}

export const randomIds: IdSource = {
  messageId: () => randomUUID(),
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
