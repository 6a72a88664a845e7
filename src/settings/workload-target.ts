// The same workload as simulate.ts, played against a server over HTTP: real clients, real requests,
// the server's own long polls, on a VirtualClock (src/clock) so that hours of queue time pass in
// seconds. Used to check the simulation's predictions against the reference server.
//
// A VirtualClock moves time when every task waits on it; a request in flight is not such a wait,
// and time must not jump while one travels. QuiescentGate keeps time still while any request is in
// flight, except requests parked in a server-side long poll (which sleep on the clock themselves):
// it counts requests in flight and server sleeps, and while they differ it holds the clock with
// zero-length sleeps.
import type { Clock, VirtualClock } from '../clock/index.js';
import type { CallResult, SqsPort } from '../target/types.js';
import {
  bodyOf,
  consumer,
  defaultHorizonSeconds,
  DEFAULT_EMPTY_POLL_BACKOFF_MS,
  DLQ_VISIBILITY_FOR_WATCHER,
  dlqAttributes,
  indexOfBody,
  sendOffsetMs,
  sourceAttributes,
  validateWorkload,
  WorkloadTally,
  type ReceiveAnswer,
  type WorkloadResult,
  type WorkloadSpec,
} from './workload.js';

export class QuiescentGate {
  private inFlight = 0;
  private parked = 0;
  private spinning = false;
  private stopped = false;

  constructor(readonly clock: VirtualClock) {}

  /** The clock to give the server: its sleeps count as parked requests. */
  readonly serverClock: Clock = {
    nowNs: () => this.clock.nowNs(),
    wallMs: () => this.clock.wallMs(),
    sleep: async (ms, signal) => {
      this.parked++;
      try {
        await this.clock.sleep(ms, signal);
      } finally {
        this.parked--;
        this.kick();
      }
    },
  };

  /** Runs a request; time stands still until it is answered or parked in the server. */
  async request<T>(f: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.kick();
    try {
      return await f();
    } finally {
      this.inFlight--;
    }
  }

  /** Lets time run freely again (at the end, so pending long polls can finish). */
  stop(): void {
    this.stopped = true;
  }

  private busy(): boolean {
    return !this.stopped && this.inFlight > this.parked;
  }

  private kick(): void {
    if (this.spinning || !this.busy()) return;
    this.spinning = true;
    void this.spin();
  }

  private async spin(): Promise<void> {
    while (this.busy()) await this.clock.sleep(0);
    this.spinning = false;
  }
}

export interface TargetWorkloadOptions {
  gate: QuiescentGate;
  /** A new client of the server (one per consumer, one for the producer). */
  client: () => SqsPort;
  /** Queue names (default `workload-<seed>` and `workload-<seed>-dlq`). */
  queueName?: string;
}

class TargetWorkloadError extends Error {
  override name = 'TargetWorkloadError';
}

function okValue(r: CallResult, what: string): Record<string, unknown> {
  if (r.type === 'ok') return r.value;
  const why = r.type === 'fail' ? `${r.value.code}: ${r.value.message ?? ''}` : `${r.value.reason}: ${r.value.detail ?? ''}`;
  throw new TargetWorkloadError(`${what} failed (${why})`);
}

/** Plays the workload on a server whose clock is `options.gate.serverClock`. */
export async function runWorkloadOnTarget(spec: WorkloadSpec, options: TargetWorkloadOptions): Promise<WorkloadResult> {
  const problem = validateWorkload(spec);
  if (problem) throw new TargetWorkloadError(problem);
  const { gate } = options;
  const clock = gate.clock;
  const ports: SqsPort[] = [];
  const port = () => {
    const p = options.client();
    ports.push(p);
    return p;
  };
  const admin = port();
  const call = (p: SqsPort, action: Parameters<SqsPort['call']>[0], input: Record<string, unknown>) => gate.request(() => p.call(action, input));
  const name = options.queueName ?? `workload-${spec.seed >>> 0}`;

  try {
    const attrs = sourceAttributes(spec);
    let dlqUrl: string | undefined;
    if (spec.maxReceiveCount !== undefined) {
      dlqUrl = okValue(await call(admin, 'CreateQueue', { QueueName: `${name}-dlq`, Attributes: dlqAttributes(spec) }), 'CreateQueue (DLQ)')['QueueUrl'] as string;
      const a = okValue(await call(admin, 'GetQueueAttributes', { QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }), 'GetQueueAttributes')['Attributes'] as Record<string, string>;
      attrs['RedrivePolicy'] = JSON.stringify({ deadLetterTargetArn: a['QueueArn'], maxReceiveCount: spec.maxReceiveCount });
    }
    const queueUrl = okValue(await call(admin, 'CreateQueue', { QueueName: name, Attributes: attrs }), 'CreateQueue')['QueueUrl'] as string;

    const tally = new WorkloadTally(spec);
    const start = clock.wallMs();
    const horizon = start + (spec.horizonSeconds ?? defaultHorizonSeconds(spec)) * 1000;
    const backoff = spec.emptyPollBackoffMs ?? DEFAULT_EMPTY_POLL_BACKOFF_MS;
    let finished = false;
    let truncated = false;
    let endMs = start;
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    const finish = (isTruncated: boolean) => {
      if (finished) return;
      finished = true;
      truncated = isTruncated;
      endMs = isTruncated ? horizon : clock.wallMs();
      resolveDone();
    };
    const check = () => {
      if (!finished && tally.done(clock.wallMs())) finish(false);
    };

    // Consumers: the shared consumer loop (workload.ts), its effects answered by the server.
    const runConsumer = async () => {
      const p = port();
      const gen = consumer({ spec, queueUrl, tally, now: () => clock.wallMs(), finished: () => finished });
      let answer: ReceiveAnswer | boolean | undefined;
      for (;;) {
        const next = gen.next(answer);
        if (next.done) return;
        const e = next.value;
        switch (e.kind) {
          case 'receive': {
            const r = await call(p, 'ReceiveMessage', e.input);
            answer = { ok: r.type === 'ok', messages: r.type === 'ok' && Array.isArray(r.value['Messages']) ? (r.value['Messages'] as Array<Record<string, unknown>>) : [] };
            break;
          }
          case 'sleep':
            await clock.sleep(e.ms);
            answer = undefined;
            break;
          case 'delete':
            answer = (await call(p, 'DeleteMessage', e.input)).type === 'ok';
            break;
          case 'check':
            check();
            answer = undefined;
            break;
        }
      }
    };

    const watcher = async (url: string) => {
      const p = port();
      while (!finished) {
        const r = await call(p, 'ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, VisibilityTimeout: DLQ_VISIBILITY_FOR_WATCHER });
        if (r.type === 'ok' && Array.isArray(r.value['Messages'])) {
          for (const m of r.value['Messages'] as Array<Record<string, unknown>>) {
            const k = indexOfBody(m['Body']);
            if (k !== undefined) tally.movedToDlq(k, clock.wallMs());
          }
        } else if (r.type !== 'ok') await clock.sleep(backoff);
        check();
      }
    };

    const producer = async () => {
      const p = port();
      for (let k = 0; k < spec.messages && !finished; k++) {
        const wait = start + sendOffsetMs(spec, k) - clock.wallMs();
        if (wait > 0) await clock.sleep(wait);
        okValue(await call(p, 'SendMessage', { QueueUrl: queueUrl, MessageBody: bodyOf(k) }), 'SendMessage');
        tally.sent(k, clock.wallMs());
        check();
      }
    };

    // Wakes when a retention deadline passes (the tally may then be done without any call) or at the horizon.
    const monitor = async () => {
      while (!finished) {
        const next = tally.nextExpiryMs();
        const until = Math.min(horizon, next !== undefined && next > clock.wallMs() ? next : horizon);
        const ac = new AbortController();
        void done.then(() => ac.abort());
        await clock.sleep(Math.max(1, until - clock.wallMs()), ac.signal);
        if (finished) return;
        check();
        if (!finished && clock.wallMs() >= horizon) finish(true);
      }
    };

    const tasks = [producer(), ...Array.from({ length: spec.consumers }, () => runConsumer()), monitor()];
    if (dlqUrl !== undefined) tasks.push(watcher(dlqUrl));
    const failures: unknown[] = [];
    const all = Promise.all(tasks.map((t) => t.catch((e: unknown) => failures.push(e))));
    await Promise.race([done, all]);
    if (failures.length > 0) throw failures[0];

    let inDlq = 0;
    if (dlqUrl !== undefined) {
      const a = okValue(await call(admin, 'GetQueueAttributes', { QueueUrl: dlqUrl, AttributeNames: ['All'] }), 'GetQueueAttributes')['Attributes'] as Record<string, string>;
      inDlq = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'].reduce((n, k) => n + Number(a[k] ?? 0), 0);
    }
    const result = tally.result('server', start, endMs, inDlq, truncated);
    gate.stop();
    return result;
  } finally {
    gate.stop();
    for (const p of ports) p.close();
  }
}
