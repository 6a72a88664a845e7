// The runner's own calls (creating and wiring a scenario's queues, deleting them, sweeping the
// run's prefix) are not the behaviour under test: a lost answer (connection reset, timeout, 5xx) or
// a throttled request is retried with backoff until it is decided or a deadline passes. Scenario
// calls are never retried (each is one op of the history).
import type { Clock } from '../clock/index.js';
import type { CallResult } from '../target/index.js';

export interface RetryOptions {
  clock: Clock;
  /** Give up after this long (ms since the first attempt); the last result is returned. */
  deadlineMs: number;
  /** Stops retrying (the last result is returned). */
  signal?: AbortSignal;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

const THROTTLED = /Throttl|RequestLimitExceeded|SlowDown|ServiceUnavailable/i;

/** An outcome worth another attempt: unknown (info), or throttled. */
export function retryable(r: CallResult): boolean {
  if (r.type === 'info') return true;
  return r.type === 'fail' && THROTTLED.test(`${r.value.code} ${r.value.type ?? ''}`);
}

/** Runs `attempt` until its outcome is decided (ok, or a fail that is not throttling) or the deadline passes. */
export async function retrying(attempt: () => Promise<CallResult>, o: RetryOptions): Promise<CallResult> {
  const start = o.clock.nowNs();
  let delay = o.firstDelayMs ?? 200;
  const maxDelay = o.maxDelayMs ?? 3_000;
  for (;;) {
    const r = await attempt();
    if (!retryable(r) || o.signal?.aborted) return r;
    const elapsed = (o.clock.nowNs() - start) / 1e6;
    if (elapsed + delay > o.deadlineMs) return r;
    await o.clock.sleep(delay, o.signal);
    if (o.signal?.aborted) return r;
    delay = Math.min(maxDelay, delay * 2);
  }
}
