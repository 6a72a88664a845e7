// A consumer workload for `simulate`: queue settings, consumers, a processing-time distribution and
// a failure rate; the deterministic draws that decide each delivery's processing time and outcome;
// and the tally of what happened. Shared by the model-driven simulation (simulate.ts) and the run
// of the same workload against a server (workload-target.ts), so the two differ only in what
// answers the SQS calls. PURE.
import { validateQueueAttributes } from '../spec/attributes.js';
import { LIMITS } from '../spec/limits.js';

export type ProcessingSpec =
  | { kind: 'lognormal'; p50: number; p99: number }
  | { kind: 'samples'; values: number[] }
  | { kind: 'fixed'; seconds: number };

export interface WorkloadSpec {
  /** Queue VisibilityTimeout, seconds. */
  visibilityTimeout: number;
  /** Queue MessageRetentionPeriod, seconds. */
  retention: number;
  /** With a DLQ: its maxReceiveCount. */
  maxReceiveCount?: number;
  /** DLQ MessageRetentionPeriod, seconds (default 1,209,600). */
  dlqRetention?: number;
  /** Queue DelaySeconds. */
  delaySeconds?: number;
  consumers: number;
  /** MaxNumberOfMessages per receive (a consumer processes its batch one message after another). */
  batchSize: number;
  /** WaitTimeSeconds of each receive (0: short polls, with `emptyPollBackoffMs` between empty ones). */
  waitSeconds: number;
  messages: number;
  /** Messages sent per second; undefined: all at once at the start. */
  ratePerSecond?: number;
  processing: ProcessingSpec;
  /** Probability that one processing attempt fails (the consumer then does not delete). */
  failureRate: number;
  seed: number;
  /** Stop after this much virtual time even if messages are unresolved (seconds). */
  horizonSeconds?: number;
  /** Pause of a short-polling consumer after an empty receive (ms, default 1000). */
  emptyPollBackoffMs?: number;
}

/** The watcher keeps what it saw in the DLQ hidden as long as SQS allows (12 h, sqs-semantics.md 4.11). */
export const DLQ_VISIBILITY_FOR_WATCHER = LIMITS.visibilityTimeout.max;
/** A DLQ keeps its messages as long as SQS allows unless told otherwise (14 days, section 3). */
export const DEFAULT_DLQ_RETENTION = LIMITS.messageRetentionPeriod.max;
export const DEFAULT_EMPTY_POLL_BACKOFF_MS = 1000;
/** A run goes on this long after the last move to the DLQ, so that moved messages the DLQ drops at once are seen gone. */
export const DLQ_GRACE_MS = 60_000;

/** The horizon used when none is given: long enough for every message to be resolved by retention. */
export function defaultHorizonSeconds(spec: WorkloadSpec): number {
  const sending = spec.ratePerSecond ? spec.messages / spec.ratePerSecond : 0;
  return Math.ceil(sending + (spec.delaySeconds ?? 0) + spec.retention + spec.visibilityTimeout + 60);
}

/** Queue attributes of the source queue (without the RedrivePolicy, which needs the DLQ's ARN). */
export function sourceAttributes(spec: WorkloadSpec): Record<string, string> {
  const a: Record<string, string> = {
    VisibilityTimeout: String(spec.visibilityTimeout),
    MessageRetentionPeriod: String(spec.retention),
  };
  if (spec.delaySeconds !== undefined) a['DelaySeconds'] = String(spec.delaySeconds);
  return a;
}

export function dlqAttributes(spec: WorkloadSpec): Record<string, string> {
  return { MessageRetentionPeriod: String(spec.dlqRetention ?? DEFAULT_DLQ_RETENTION) };
}

/** Checks a workload: queue settings through src/spec's CreateQueue validation, the rest by range. */
export function validateWorkload(spec: WorkloadSpec): string | undefined {
  const attrs = { ...sourceAttributes(spec) };
  if (spec.maxReceiveCount !== undefined) {
    attrs['RedrivePolicy'] = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:dlq', maxReceiveCount: spec.maxReceiveCount });
  }
  const v = validateQueueAttributes(attrs, { op: 'CreateQueue', fifo: false });
  if (!v.ok) return `${v.error.code}: ${v.error.message}`;
  const d = validateQueueAttributes(dlqAttributes(spec), { op: 'CreateQueue', fifo: false });
  if (!d.ok) return `DLQ ${d.error.code}: ${d.error.message}`;
  if (!Number.isInteger(spec.consumers) || spec.consumers < 1 || spec.consumers > 1000) return 'consumers must be 1–1000';
  if (!Number.isInteger(spec.batchSize) || spec.batchSize < 1 || spec.batchSize > 10) return 'batch size must be 1–10 (MaxNumberOfMessages)';
  if (!Number.isInteger(spec.waitSeconds) || spec.waitSeconds < 0 || spec.waitSeconds > 20) return 'wait must be 0–20 seconds (WaitTimeSeconds)';
  if (!Number.isInteger(spec.messages) || spec.messages < 1 || spec.messages > 100_000) return 'messages must be 1–100000';
  if (spec.ratePerSecond !== undefined && !(spec.ratePerSecond > 0)) return 'rate must be positive';
  if (!(spec.failureRate >= 0 && spec.failureRate <= 1)) return 'failure rate must be between 0 and 1';
  const p = spec.processing;
  if (p.kind === 'lognormal' && !(p.p50 > 0 && p.p99 >= p.p50)) return 'processing needs 0 < p50 ≤ p99';
  if (p.kind === 'samples' && (p.values.length === 0 || p.values.some((x) => !(x >= 0)))) return 'processing samples must be non-negative numbers';
  if (p.kind === 'fixed' && !(p.seconds >= 0)) return 'processing time must be non-negative';
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// Deterministic draws: a function of (seed, message index, attempt, stream), so that both runs give
// the same delivery of the same message the same processing time and outcome, whichever consumer
// receives it.

function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Uniform in (0, 1). */
export function uniform(seed: number, k: number, attempt: number, stream: number): number {
  const h = mix32(mix32(mix32(mix32(seed) ^ k) ^ Math.imul(attempt, 0x9e3779b1)) ^ Math.imul(stream, 0x7feb352d));
  return (h + 0.5) / 4294967296;
}

/** Inverse of the standard normal CDF (P. J. Acklam's rational approximation, relative error < 1.2e-9). */
export function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.928510446969, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - lo) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -(((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/** z of the 99th percentile. */
const Z99 = 2.3263478740408408;

/** Processing time of delivery `attempt` of message `k`, in whole milliseconds. */
export function processingMs(spec: WorkloadSpec, k: number, attempt: number): number {
  const u = uniform(spec.seed, k, attempt, 1);
  const p = spec.processing;
  let seconds: number;
  switch (p.kind) {
    case 'fixed':
      seconds = p.seconds;
      break;
    case 'samples':
      seconds = p.values[Math.min(p.values.length - 1, Math.floor(u * p.values.length))]!;
      break;
    case 'lognormal': {
      const sigma = Math.log(p.p99 / p.p50) / Z99;
      seconds = Math.exp(Math.log(p.p50) + sigma * inverseNormal(u));
      break;
    }
  }
  return Math.max(0, Math.round(seconds * 1000));
}

export function attemptFails(spec: WorkloadSpec, k: number, attempt: number): boolean {
  return spec.failureRate > 0 && uniform(spec.seed, k, attempt, 2) < spec.failureRate;
}

export function bodyOf(k: number): string {
  return `m${k}`;
}

export function indexOfBody(body: unknown): number | undefined {
  if (typeof body !== 'string' || !/^m\d+$/.test(body)) return undefined;
  return Number(body.slice(1));
}

/** Send time of message k, ms after the start. */
export function sendOffsetMs(spec: WorkloadSpec, k: number): number {
  return spec.ratePerSecond === undefined ? 0 : Math.round((k * 1000) / spec.ratePerSecond);
}

// ------------------------------------------------------------------------------------------------
// The tally

export interface WorkloadResult {
  /** What answered the calls: the model in virtual time, or a server. */
  engine: 'model' | 'server';
  sent: number;
  /** ReceiveMessage deliveries of source messages (every copy). */
  deliveries: number;
  /** Deliveries beyond each message's first. */
  redeliveries: number;
  /** Deliveries of a message that another delivery was still working on, or that was already processed successfully. */
  duplicateDeliveries: number;
  /** Messages processed successfully more than once. */
  processedMoreThanOnce: number;
  failedAttempts: number;
  /** Messages processed successfully at least once. */
  succeeded: number;
  /** Messages that reached the DLQ. */
  movedToDlq: number;
  /** Of those, gone from the DLQ by the end (expired there; the run lasts at least 60 s past the last move). */
  expiredInDlq: number;
  /** Messages that were never processed successfully nor moved, and whose retention ran out. */
  expiredUnprocessed: number;
  /** Messages neither processed, moved nor expired when the run ended (horizon reached). */
  unresolved: number;
  /** Virtual seconds from the first send to the end. */
  durationSeconds: number;
  /** Seconds from send to the end of the first successful processing. */
  latency: { p50?: number; p99?: number };
  truncated: boolean;
}

interface MessageTally {
  sentAt?: number;
  deliveries: number;
  outstanding: number;
  successes: number;
  dlq: boolean;
  deleted: boolean;
  firstSuccessAt?: number;
}

/** Accumulates what consumers see; both drivers feed it the same events. */
export class WorkloadTally {
  private readonly m: MessageTally[];
  private busy = 0;
  private lastMoveMs: number | undefined;
  private resolvedCount = 0;
  private readonly resolvedFlags: boolean[];
  deliveries = 0;
  duplicateDeliveries = 0;
  failedAttempts = 0;
  sentCount = 0;

  constructor(readonly spec: WorkloadSpec) {
    this.m = Array.from({ length: spec.messages }, () => ({ deliveries: 0, outstanding: 0, successes: 0, dlq: false, deleted: false }));
    this.resolvedFlags = new Array<boolean>(spec.messages).fill(false);
  }

  private at(k: number): MessageTally | undefined {
    return this.m[k];
  }

  sent(k: number, nowMs: number): void {
    const t = this.at(k);
    if (!t) return;
    t.sentAt = nowMs;
    this.sentCount++;
  }

  delivered(k: number): void {
    const t = this.at(k);
    if (!t) return;
    this.deliveries++;
    if (t.outstanding > 0 || t.successes > 0) this.duplicateDeliveries++;
    t.deliveries++;
    t.outstanding++;
  }

  processingStarted(): void {
    this.busy++;
  }

  processed(k: number, ok: boolean, nowMs: number): void {
    this.busy--;
    const t = this.at(k);
    if (!t) return;
    t.outstanding = Math.max(0, t.outstanding - 1);
    if (ok) {
      t.successes++;
      t.firstSuccessAt ??= nowMs;
    } else this.failedAttempts++;
  }

  deleted(k: number): void {
    const t = this.at(k);
    if (!t) return;
    t.deleted = true;
    this.markResolved(k);
  }

  movedToDlq(k: number, nowMs: number): void {
    const t = this.at(k);
    if (!t) return;
    if (!t.dlq) this.lastMoveMs = nowMs;
    t.dlq = true;
    this.markResolved(k);
  }

  private markResolved(k: number): void {
    if (!this.resolvedFlags[k]) {
      this.resolvedFlags[k] = true;
      this.resolvedCount++;
    }
  }

  private expired(t: MessageTally, nowMs: number): boolean {
    return t.sentAt !== undefined && nowMs >= t.sentAt + this.spec.retention * 1000;
  }

  /** Every message sent and settled (deleted, moved or past retention), and no consumer still working. */
  done(nowMs: number): boolean {
    if (this.sentCount < this.spec.messages || this.busy > 0) return false;
    if (this.lastMoveMs !== undefined && nowMs < this.lastMoveMs + DLQ_GRACE_MS) return false;
    if (this.resolvedCount === this.spec.messages) return true;
    return this.m.every((t, k) => this.resolvedFlags[k] || this.expired(t, nowMs));
  }

  /** The earliest retention deadline of an unresolved message (when `done` may next change without any call). */
  nextExpiryMs(): number | undefined {
    let best: number | undefined = this.lastMoveMs === undefined ? undefined : this.lastMoveMs + DLQ_GRACE_MS;
    this.m.forEach((t, k) => {
      if (this.resolvedFlags[k] || t.sentAt === undefined) return;
      const at = t.sentAt + this.spec.retention * 1000;
      if (best === undefined || at < best) best = at;
    });
    return best;
  }

  result(engine: WorkloadResult['engine'], startMs: number, endMs: number, inDlqAtEnd: number, truncated: boolean): WorkloadResult {
    let redeliveries = 0;
    let processedMoreThanOnce = 0;
    let succeeded = 0;
    let moved = 0;
    let expiredUnprocessed = 0;
    let unresolved = 0;
    const latencies: number[] = [];
    for (const t of this.m) {
      redeliveries += Math.max(0, t.deliveries - 1);
      if (t.successes > 1) processedMoreThanOnce++;
      if (t.successes > 0) succeeded++;
      if (t.dlq) moved++;
      if (t.firstSuccessAt !== undefined && t.sentAt !== undefined) latencies.push((t.firstSuccessAt - t.sentAt) / 1000);
      if (t.successes === 0 && !t.dlq) {
        if (this.expired(t, endMs)) expiredUnprocessed++;
        else unresolved++;
      }
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) => (latencies.length === 0 ? undefined : latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]);
    const latency: WorkloadResult['latency'] = {};
    const p50 = pct(50);
    const p99 = pct(99);
    if (p50 !== undefined) latency.p50 = Math.round(p50 * 1000) / 1000;
    if (p99 !== undefined) latency.p99 = Math.round(p99 * 1000) / 1000;
    return {
      engine,
      sent: this.sentCount,
      deliveries: this.deliveries,
      redeliveries,
      duplicateDeliveries: this.duplicateDeliveries,
      processedMoreThanOnce,
      failedAttempts: this.failedAttempts,
      succeeded,
      movedToDlq: moved,
      expiredInDlq: Math.max(0, moved - inDlqAtEnd),
      expiredUnprocessed,
      unresolved,
      durationSeconds: Math.round(endMs - startMs) / 1000,
      latency,
      truncated,
    };
  }
}

// ------------------------------------------------------------------------------------------------
// The consumer, written once. It asks its driver for effects (receive, sleep, delete) and feeds
// the tally; simulate.ts answers them from the engine in discrete events, workload-target.ts from
// a server over HTTP, so the two runs differ only in what answers the SQS calls.

/** What a receive came back with: ok or not (an error or an unknown outcome), and its messages. */
export interface ReceiveAnswer {
  ok: boolean;
  messages: Array<Record<string, unknown>>;
}

export type ConsumerEffect =
  | { kind: 'receive'; input: Record<string, unknown> } // answered with a ReceiveAnswer
  | { kind: 'sleep'; ms: number }
  | { kind: 'delete'; input: Record<string, unknown> } // answered with true when it succeeded
  | { kind: 'check' }; // a point where the run may be complete

export interface ConsumerContext {
  spec: WorkloadSpec;
  queueUrl: string;
  tally: WorkloadTally;
  /** Virtual time (epoch ms). */
  now(): number;
  /** True once the run is over: the consumer stops at its next step. */
  finished(): boolean;
}

/** One consumer: receive a batch, process its messages one after another, delete the ones that succeed. */
export function* consumer(ctx: ConsumerContext): Generator<ConsumerEffect, void, ReceiveAnswer | boolean | undefined> {
  const { spec, tally } = ctx;
  const backoff = spec.emptyPollBackoffMs ?? DEFAULT_EMPTY_POLL_BACKOFF_MS;
  const input = { QueueUrl: ctx.queueUrl, MaxNumberOfMessages: spec.batchSize, WaitTimeSeconds: spec.waitSeconds, MessageSystemAttributeNames: ['ApproximateReceiveCount'] };
  while (!ctx.finished()) {
    const r = (yield { kind: 'receive', input }) as ReceiveAnswer;
    if (ctx.finished()) return;
    if (r.messages.length === 0) {
      if (!r.ok || spec.waitSeconds === 0) yield { kind: 'sleep', ms: backoff };
      continue;
    }
    for (const m of r.messages) {
      const k = indexOfBody(m['Body']);
      if (k !== undefined) tally.delivered(k);
    }
    for (const m of r.messages) {
      const k = indexOfBody(m['Body']);
      if (k === undefined) continue;
      const attempt = Number((m['Attributes'] as Record<string, string> | undefined)?.['ApproximateReceiveCount'] ?? '1');
      const ok = !attemptFails(spec, k, attempt);
      tally.processingStarted();
      yield { kind: 'sleep', ms: processingMs(spec, k, attempt) };
      tally.processed(k, ok, ctx.now());
      if (ok && !ctx.finished()) {
        const deleted = (yield { kind: 'delete', input: { QueueUrl: ctx.queueUrl, ReceiptHandle: m['ReceiptHandle'] } }) as boolean;
        if (deleted) tally.deleted(k);
      }
      if (ctx.finished()) return;
    }
    // A consumer going on with its batch is never idle in between: the run is looked at after it.
    yield { kind: 'check' };
  }
}
