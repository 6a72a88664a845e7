// Is the target still there? Every call of the run passes through `wrap`, which counts calls and
// lost ones (`info`). A lost call starts a health check (at most one at a time, not more often than
// every few seconds): a ListQueues of the run's prefix, retried with backoff for a bounded time. Any
// SQS answer means the target still speaks SQS and the lost call was a transport fault (judged as
// `info` by the checker); no answer at all means the target stopped answering, and the run ends as
// Unknown instead of reporting the silence as divergences.
import type { Clock } from '../clock/index.js';
import type { CallResult, SqsPort } from '../target/index.js';

export interface HealthOptions {
  /** A port for the checks (short timeouts). */
  port: () => SqsPort;
  prefix: string;
  clock: Clock;
  onDown: (why: string) => void;
  /** How long a check keeps trying (ms). Default 15 s. */
  budgetMs?: number;
  /** Least time between two checks (ms). Default 3 s. */
  spacingMs?: number;
}

export class TargetHealth {
  private checking: Promise<void> | undefined;
  private lastCheckMs = Number.NEGATIVE_INFINITY;
  private reason: string | undefined;
  calls = 0;
  lost = 0;

  constructor(private readonly o: HealthOptions) {}

  /** Why the target is considered gone, once it is. */
  get down(): string | undefined {
    return this.reason;
  }

  /** A port whose every call is observed. */
  wrap(port: SqsPort): SqsPort {
    return {
      protocol: port.protocol,
      close: () => port.close(),
      call: async (action, input) => {
        const r = await port.call(action, input);
        this.observe(r);
        return r;
      },
    };
  }

  observe(r: CallResult): void {
    this.calls++;
    if (r.type !== 'info') return;
    this.lost++;
    if (this.reason !== undefined || this.checking) return;
    if (this.nowMs() - this.lastCheckMs < (this.o.spacingMs ?? 3_000)) return;
    this.checking = this.check().finally(() => {
      this.checking = undefined;
      this.lastCheckMs = this.nowMs();
    });
  }

  /** Resolves when no check is running. */
  async settled(): Promise<void> {
    while (this.checking) await this.checking;
  }

  private nowMs(): number {
    return this.o.clock.nowNs() / 1e6;
  }

  private async check(): Promise<void> {
    const port = this.o.port();
    const start = this.nowMs();
    const budget = this.o.budgetMs ?? 15_000;
    let delay = 250;
    let last = '';
    try {
      for (;;) {
        const r = await port.call('ListQueues', { QueueNamePrefix: this.o.prefix, MaxResults: 1 });
        if (r.type !== 'info') return; // any SQS answer: alive
        last = `${r.value.reason}: ${r.value.detail}`;
        if (this.nowMs() - start + delay > budget) break;
        await this.o.clock.sleep(delay);
        delay = Math.min(4_000, delay * 2);
      }
    } finally {
      port.close();
    }
    const seconds = Math.round((this.nowMs() - start) / 1000);
    this.reason = `the target stopped answering (no SQS answer to ListQueues for ${seconds} s; last: ${last.split('\n')[0]})`;
    this.o.onDown(this.reason);
  }
}
