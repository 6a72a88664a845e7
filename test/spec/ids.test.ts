// The engine's default ids (src/spec/engine/ids.ts): message ids are version-4 UUIDs (the
// recordings in ../shared/aws-recorded mask every MessageId as `<uuid:N>`: AWS's are UUIDs), distinct
// across refills of the random pool; nonces are 32 hex digits.
import { describe, expect, it } from 'vitest';
import { randomIds, randomUuid } from '../../src/spec/engine/ids.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('default ids', () => {
  it('message ids are distinct version-4 UUIDs, also across refills of the random pool', () => {
    // 4 KiB pool: 1,000 ids and nonces draw it several times over.
    const ids = new Set<string>();
    for (let i = 0; i < 1000; i++) {
      const id = randomUuid();
      expect(id).toMatch(UUID_V4);
      ids.add(id);
      expect(randomIds.nonce()).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(ids.size).toBe(1000);
    expect(randomIds.messageId()).toMatch(UUID_V4);
  });
});
