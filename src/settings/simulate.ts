// `simulate`: predicts what a workload does to a queue with given settings by running it on the
// reference model itself — the operational engine of src/spec/engine — in virtual time. No formula:
// consumers receive, process (for a drawn time), fail (with the drawn probability) or delete, and
// the engine decides visibility, redelivery, DLQ moves and expiry exactly as the reference server
// does. The consumer loop is workload.ts's (the same one workload-target.ts runs against a server);
// long polls run through the server's own code (spec/engine/long-poll.ts). A discrete-event loop:
// events at equal times run in order, follow-ups of an event (a woken long poll) before later ones.
// PURE: no clock, no I/O.
import { createEngine, ReceiveCall, sequentialIds, Waiters, type Engine } from '../spec/engine/index.js';
import {
  bodyOf,
  consumer,
  defaultHorizonSeconds,
  DLQ_GRACE_MS,
  DLQ_VISIBILITY_FOR_WATCHER,
  dlqAttributes,
  indexOfBody,
  sendOffsetMs,
  sourceAttributes,
  validateWorkload,
  WorkloadTally,
  type ConsumerEffect,
  type ReceiveAnswer,
  type WorkloadResult,
  type WorkloadSpec,
} from './workload.js';

/** Virtual epoch of a simulation (any fixed instant). */
const ORIGIN_MS = Date.UTC(2026, 0, 1);

export class SimulationError extends Error {
  override name = 'SimulationError';
}

interface Ev {
  at: number;
  seq: number;
  run: () => void;
}

/** A binary heap of events by (time, sequence). */
class Agenda {
  private h: Ev[] = [];
  private seq = 0;
  push(at: number, run: () => void): void {
    const e: Ev = { at, seq: this.seq++, run };
    const h = this.h;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }
  pop(): Ev | undefined {
    const h = this.h;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}
const less = (a: Ev, b: Ev) => a.at < b.at || (a.at === b.at && a.seq < b.seq);

export interface SimulateOptions {
  /** Safety limit on engine calls (default 5,000,000). */
  maxCalls?: number;
}

/** Runs the workload on the reference engine in virtual time. Throws SimulationError for an invalid workload. */
export function simulate(spec: WorkloadSpec, options: SimulateOptions = {}): WorkloadResult {
  const problem = validateWorkload(spec);
  if (problem) throw new SimulationError(problem);
  const engine: Engine = createEngine({ ids: sequentialIds(), endpoint: 'http://simulation.invalid' });
  const agenda = new Agenda();
  const immediate: Array<() => void> = [];
  let now = ORIGIN_MS;
  let calls = 0;
  const maxCalls = options.maxCalls ?? 5_000_000;
  const call = <T>(f: () => T): T => {
    if (++calls > maxCalls) throw new SimulationError(`more than ${maxCalls} SQS calls: shorten the horizon or the workload`);
    return f();
  };
  const must = <T>(r: { ok: T } | { error: { code: string; message: string } }, what: string): T => {
    if ('error' in r) throw new SimulationError(`${what}: ${r.error.code}: ${r.error.message}`);
    return r.ok;
  };

  // Queues: the DLQ first (the source's RedrivePolicy needs its ARN).
  let dlqUrl: string | undefined;
  const sourceAttrs = sourceAttributes(spec);
  if (spec.maxReceiveCount !== undefined) {
    dlqUrl = must(engine.createQueue({ QueueName: 'simulated-dlq', Attributes: dlqAttributes(spec) }, now), 'CreateQueue (DLQ)').QueueUrl;
    const arn = must(engine.getQueueAttributes({ QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] }, now), 'GetQueueAttributes').Attributes?.['QueueArn'];
    sourceAttrs['RedrivePolicy'] = JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: spec.maxReceiveCount });
  }
  const queueUrl = must(engine.createQueue({ QueueName: 'simulated', Attributes: sourceAttrs }, now), 'CreateQueue').QueueUrl;
  const start = now;
  const horizon = start + (spec.horizonSeconds ?? defaultHorizonSeconds(spec)) * 1000;
  const tally = new WorkloadTally(spec);

  // ReceiveMessage as the server answers it (spec/engine/long-poll.ts): at once when there are
  // messages or for a short poll, else parked until a message may be available or the wait ends.
  const waiters = new Waiters(engine);
  const poll = (input: Record<string, unknown>, onAnswer: (messages: Array<Record<string, unknown>>) => void): void => {
    const rc = new ReceiveCall(engine, input);
    let token = 0;
    const look = (): void => {
      const step = call(() => rc.step(now));
      if ('done' in step) return onAnswer((must(step.done, 'ReceiveMessage').Messages ?? []) as unknown as Array<Record<string, unknown>>);
      const mine = ++token;
      const cancel = waiters.park(step.queueName, () => {
        token++;
        immediate.push(look);
      });
      agenda.push(step.waitUntilMs, () => {
        if (token !== mine) return;
        cancel();
        look();
      });
    };
    look();
  };

  // Consumers: the shared consumer loop (workload.ts), its effects answered by the engine.
  const drive = (gen: Generator<ConsumerEffect, void, ReceiveAnswer | boolean | undefined>, answer?: ReceiveAnswer | boolean): void => {
    for (;;) {
      const next = gen.next(answer);
      if (next.done) return;
      const e = next.value;
      switch (e.kind) {
        case 'receive':
          return poll(e.input, (messages) => drive(gen, { ok: true, messages }));
        case 'sleep':
          agenda.push(now + e.ms, () => drive(gen));
          return;
        case 'delete':
          answer = 'ok' in call(() => engine.deleteMessage(e.input, now));
          continue;
        case 'check':
          answer = undefined;
          continue;
      }
    }
  };
  for (let c = 0; c < spec.consumers; c++) {
    const gen = consumer({ spec, queueUrl, tally, now: () => now, finished: () => false });
    agenda.push(now, () => drive(gen));
  }

  // The DLQ watcher: sees every moved message (long polls wake on the move) and keeps it hidden.
  if (dlqUrl !== undefined) {
    const url = dlqUrl;
    const watch = (): void =>
      poll({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 20, VisibilityTimeout: DLQ_VISIBILITY_FOR_WATCHER }, (messages) => {
        for (const m of messages) {
          const k = indexOfBody(m['Body']);
          if (k !== undefined) tally.movedToDlq(k, now);
        }
        if (messages.length > 0) agenda.push(now + DLQ_GRACE_MS, () => undefined); // the tally is checked again after the grace period
        watch();
      });
    agenda.push(now, watch);
  }

  // The producer.
  for (let k = 0; k < spec.messages; k++) {
    agenda.push(start + sendOffsetMs(spec, k), () => {
      must(call(() => engine.sendMessage({ QueueUrl: queueUrl, MessageBody: bodyOf(k) }, now)), 'SendMessage');
      tally.sent(k, now);
      const exp = now + spec.retention * 1000;
      agenda.push(exp, () => undefined); // the tally is checked again when its retention ends
    });
  }

  let truncated = false;
  for (;;) {
    const run = immediate.shift();
    if (run) {
      run();
      continue;
    }
    if (tally.done(now)) break;
    const ev = agenda.pop();
    if (!ev) break;
    if (ev.at > horizon) {
      truncated = true;
      now = horizon;
      break;
    }
    now = Math.max(now, ev.at);
    ev.run();
  }

  const inDlq = dlqUrl === undefined ? 0 : countMessages(engine, dlqUrl, now);
  return tally.result('model', start, now, inDlq, truncated);
}

function countMessages(engine: Engine, url: string, now: number): number {
  const r = engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] }, now);
  if ('error' in r) return 0;
  const a = r.ok.Attributes ?? {};
  return ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'].reduce((n, k) => n + Number(a[k] ?? 0), 0);
}
