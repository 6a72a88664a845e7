// Connect and first-byte budgets are short and separate from long-poll waits: a call must be
// answered within its first-byte budget of when the server may answer (at once, or after a long
// poll's wait), so a silent target is found in seconds while a 20 s long poll is never cut short.
// (Both ports against slow servers: test/target/ports.test.ts.)
import { describe, expect, it } from 'vitest';
import { callTimeoutMs, DEFAULT_FIRST_BYTE_TIMEOUT_MS } from '../../src/target/port-common.js';

describe('callTimeoutMs', () => {
  it('is the first-byte budget, plus the wait for a long poll (20 s when the request names none)', () => {
    expect(callTimeoutMs('SendMessage', {})).toBe(DEFAULT_FIRST_BYTE_TIMEOUT_MS);
    expect(callTimeoutMs('ReceiveMessage', { WaitTimeSeconds: 3 }, { firstByteTimeoutMs: 2_000 })).toBe(5_000);
    expect(callTimeoutMs('ReceiveMessage', {}, { firstByteTimeoutMs: 2_000 })).toBe(22_000);
    expect(callTimeoutMs('ReceiveMessage', { WaitTimeSeconds: 99 }, { firstByteTimeoutMs: 0 })).toBe(20_000);
    // A fixed budget, when given, is the budget of every call.
    expect(callTimeoutMs('ReceiveMessage', { WaitTimeSeconds: 3 }, { requestTimeoutMs: 700 })).toBe(700);
  });
});
