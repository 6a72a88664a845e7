// `simulate`: predicts what a workload does to a queue with given settings by running it on the
// reference model itself — the operational engine of src/spec/engine — in virtual time. No formula:
// consumers receive, process (for a drawn time), fail (with the drawn probability) or delete, and
// the engine decides visibility, redelivery, DLQ moves and expiry exactly as the reference server
// does. Long polls follow the server's rule (answer at once, else wait until a message may have
// become available or the wait ends). A discrete-event loop: events at equal times run in order,
// follow-ups of an event (a woken long poll) before later ones. PURE: no clock, no I/O.
import { createEngine, sequentialIds, type Engine } from '../spec/engine/index.js';
import {
  attemptFails,
  bodyOf,
  defaultHorizonSeconds,
  DEFAULT_EMPTY_POLL_BACKOFF_MS,
  DLQ_GRACE_MS,
  DLQ_VISIBILITY_FOR_WATCHER,
  dlqAttributes,
  indexOfBody,
  processingMs,
  sendOffsetMs,
  sourceAttributes,
  validateWorkload,
  WorkloadTally,
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

interface Poller {
  queueUrl: string;
  queueName: string;
  max: number;
  wait: number;
  visibility?: number;
  deadline: number;
  token: number;
  waiting: boolean;
  onMessages: (messages: Array<Record<string, unknown>>) => void;
  onEmpty: () => void;
}

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
  const backoff = spec.emptyPollBackoffMs ?? DEFAULT_EMPTY_POLL_BACKOFF_MS;

  // Long polls parked on a queue wake when the engine says messages may be available there.
  const parked = new Map<string, Set<Poller>>();
  engine.onAvailable((name) => {
    const set = parked.get(name);
    if (!set) return;
    for (const p of [...set]) {
      set.delete(p);
      p.waiting = false;
      p.token++;
      immediate.push(() => wake(p));
    }
  });

  const receive = (p: Poller): Array<Record<string, unknown>> => {
    const input: Record<string, unknown> = { QueueUrl: p.queueUrl, MaxNumberOfMessages: p.max, MessageSystemAttributeNames: ['ApproximateReceiveCount'] };
    if (p.visibility !== undefined) input['VisibilityTimeout'] = p.visibility;
    const out = must(call(() => engine.receiveMessage(input, now)), 'ReceiveMessage');
    return (out.Messages ?? []) as unknown as Array<Record<string, unknown>>;
  };
  /** ReceiveMessage as the server answers it: at once when there are messages, else after waiting. */
  const startPoll = (p: Poller) => {
    const got = receive(p);
    if (got.length > 0) return p.onMessages(got);
    if (p.wait === 0) return p.onEmpty();
    p.deadline = now + p.wait * 1000;
    park(p);
  };
  const park = (p: Poller) => {
    if (now >= p.deadline) return p.onEmpty();
    const next = engine.nextVisibleAtMs(p.queueUrl, now);
    const until = Math.min(p.deadline, next ?? Infinity);
    const token = ++p.token;
    p.waiting = true;
    let set = parked.get(p.queueName);
    if (!set) parked.set(p.queueName, (set = new Set()));
    set.add(p);
    agenda.push(now + Math.max(1, until - now), () => {
      if (p.token !== token) return;
      parked.get(p.queueName)?.delete(p);
      p.waiting = false;
      wake(p);
    });
  };
  const wake = (p: Poller) => {
    const got = receive(p);
    if (got.length > 0) return p.onMessages(got);
    park(p);
  };

  // Consumers.
  for (let c = 0; c < spec.consumers; c++) {
    const batch: Array<Record<string, unknown>> = [];
    const poller: Poller = {
      queueUrl,
      queueName: 'simulated',
      max: spec.batchSize,
      wait: spec.waitSeconds,
      deadline: 0,
      token: 0,
      waiting: false,
      onMessages: (msgs) => {
        for (const m of msgs) {
          const k = indexOfBody(m['Body']);
          if (k !== undefined) tally.delivered(k);
        }
        batch.push(...msgs);
        next();
      },
      onEmpty: () => {
        if (spec.waitSeconds === 0) agenda.push(now + backoff, () => startPoll(poller));
        else startPoll(poller);
      },
    };
    const next = () => {
      const m = batch.shift();
      if (!m) return startPoll(poller);
      const k = indexOfBody(m['Body']);
      if (k === undefined) return next();
      const attempt = Number((m['Attributes'] as Record<string, string> | undefined)?.['ApproximateReceiveCount'] ?? '1');
      const ok = !attemptFails(spec, k, attempt);
      tally.processingStarted();
      agenda.push(now + processingMs(spec, k, attempt), () => {
        tally.processed(k, ok, now);
        if (ok) {
          const r = call(() => engine.deleteMessage({ QueueUrl: queueUrl, ReceiptHandle: m['ReceiptHandle'] as string }, now));
          if ('ok' in r) tally.deleted(k);
        }
        next();
      });
    };
    agenda.push(now, () => startPoll(poller));
  }

  // The DLQ watcher: sees every moved message (long polls wake on the move) and keeps it hidden.
  if (dlqUrl !== undefined) {
    const watcher: Poller = {
      queueUrl: dlqUrl,
      queueName: 'simulated-dlq',
      max: 10,
      wait: 20,
      visibility: DLQ_VISIBILITY_FOR_WATCHER,
      deadline: 0,
      token: 0,
      waiting: false,
      onMessages: (msgs) => {
        for (const m of msgs) {
          const k = indexOfBody(m['Body']);
          if (k !== undefined) tally.movedToDlq(k, now);
        }
        agenda.push(now + DLQ_GRACE_MS, () => undefined); // the tally is checked again after the grace period
        startPoll(watcher);
      },
      onEmpty: () => startPoll(watcher),
    };
    agenda.push(now, () => startPoll(watcher));
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
