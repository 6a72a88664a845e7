// clock: the only source of time for the runner, recorder and server. A real clock reads the
// process clocks; a virtual clock advances only when every task is waiting on it, so self-tests of
// timed behaviour run in milliseconds. Imports nothing from the project.

export interface Clock {
  /** Monotonic nanoseconds since an arbitrary origin. */
  nowNs(): number;
  /** Wall-clock epoch milliseconds. */
  wallMs(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: Clock = {
  nowNs: () => Number(process.hrtime.bigint()),
  wallMs: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const t = setTimeout(done, Math.max(0, ms));
      function done() {
        signal?.removeEventListener('abort', done);
        clearTimeout(t);
        resolve();
      }
      signal?.addEventListener('abort', done, { once: true });
    }),
};

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/**
 * A clock whose time moves only when all work is parked on `sleep`: after the event loop has no
 * other pending callbacks (checked with setImmediate rounds), it jumps to the earliest timer.
 * Use only with in-process targets (no real I/O in flight).
 */
export class VirtualClock implements Clock {
  private now = 0;
  private seq = 0;
  private timers: Timer[] = [];
  private pumping = false;
  constructor(private readonly wallOrigin = Date.UTC(2026, 0, 1)) {}

  nowNs(): number {
    return this.now * 1e6;
  }
  wallMs(): number {
    return this.wallOrigin + Math.floor(this.now);
  }
  /** Current virtual time in milliseconds. */
  nowMs(): number {
    return this.now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = { at: this.now + Math.max(0, ms), seq: this.seq++, resolve };
      this.timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          this.timers = this.timers.filter((t) => t !== timer);
          resolve();
        },
        { once: true },
      );
      this.pump();
    });
  }

  /** Moves time forward by hand (for tests that drive the clock themselves). */
  advance(ms: number): void {
    const target = this.now + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.fire(next);
    }
    this.now = target;
  }

  private earliest(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }

  private fire(t: Timer): void {
    this.timers = this.timers.filter((x) => x !== t);
    this.now = Math.max(this.now, t.at);
    t.resolve();
  }

  private pump(): void {
    if (this.pumping) return;
    this.pumping = true;
    // Several setImmediate rounds let promise chains settle before time jumps.
    let idleRounds = 0;
    const step = () => {
      if (this.timers.length === 0) {
        this.pumping = false;
        return;
      }
      if (idleRounds < 3) {
        idleRounds++;
        setImmediate(step);
        return;
      }
      idleRounds = 0;
      const next = this.earliest();
      if (next) this.fire(next);
      setImmediate(step);
    };
    setImmediate(step);
  }
}
