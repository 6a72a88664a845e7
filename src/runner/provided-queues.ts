// Queues provisioned outside the run (a CDK deployment's outputs) used instead of creating queues.
// Safety rules, because these queues outlive the run and are not ours to delete:
// - every queue must carry the tag `sqs-conformance:test-queue=true` (the ConformanceQueues
//   construct sets it); the run refuses to start otherwise;
// - a queue serves one scenario at a time (a lease), so a scenario always starts on an empty queue;
// - the scenario's "CreateQueue" is answered by the lease: it sets the scenario's attributes on the
//   provided queue (the AWS defaults for those the scenario leaves out) and returns its URL; the
//   recorded history is then the same as with a created queue;
// - after the scenario the lease deletes what the scenario left (with the receipt handles of the
//   history), and purges the queue if anything remains (tagged queues only; PurgeQueue's 60 s
//   cool-down is respected), then checks it is empty before the next scenario gets it;
// - DeleteQueue is never sent to a provided queue; at the end each queue gets back the attributes
//   it had, empty.
import type { Clock } from '../clock/index.js';
import { DEFAULTS } from '../spec/model/index.js';
import type { History } from '../history/index.js';
import type { CallResult, RunningTarget, SqsPort } from '../target/index.js';
import type { ProvidedQueue, ProvidedQueues } from './stack-outputs.js';

export const TEST_QUEUE_TAG = 'sqs-conformance:test-queue';
/** The scenario's key of its main queue (run-scenario.ts). */
const MAIN_QUEUE_KEY = 'q';

/** The lifecycle attributes a scenario may set; reset to these defaults when it does not. */
const SCENARIO_ATTRIBUTES: Record<string, string | undefined> = {
  VisibilityTimeout: String(DEFAULTS.visibilityTimeout),
  MessageRetentionPeriod: String(DEFAULTS.messageRetentionPeriod),
  DelaySeconds: String(DEFAULTS.delaySeconds),
  ReceiveMessageWaitTimeSeconds: String(DEFAULTS.receiveMessageWaitTimeSeconds),
  // The target's own default (captured before the run) rather than a fixed number: servers differ (sqs-semantics.md 14 N23).
  MaximumMessageSize: undefined,
};
const COUNTS = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'];
const PURGE_COOLDOWN_MS = 60_000;

export class ProvidedQueueError extends Error {
  override name = 'ProvidedQueueError';
}

function why(r: CallResult): string {
  if (r.type === 'fail') return `${r.value.code}${r.value.message ? `: ${r.value.message}` : ''}`;
  if (r.type === 'info') return `${r.value.reason}${r.value.detail ? `: ${r.value.detail}` : ''}`;
  return 'ok';
}

interface Slot {
  queue: ProvidedQueue;
  original: Record<string, string>;
  lastPurgeMs?: number;
  broken?: string;
}

export interface QueuePoolOptions {
  target: RunningTarget;
  clock: Clock;
  log?: (line: string) => void;
  /** Real AWS: purges take up to 60 s and attributes up to 60 s to apply; wait them out. */
  settleMs?: number;
}

export class QueuePool {
  private readonly free: Slot[] = [];
  private readonly slots: Slot[] = [];
  private readonly waiting: Array<(s: Slot) => void> = [];
  private readonly port: SqsPort;
  private readonly log: (line: string) => void;

  private constructor(
    private readonly options: QueuePoolOptions,
    queues: ProvidedQueue[],
  ) {
    this.port = options.target.client();
    this.log = options.log ?? (() => {});
    for (const q of queues) this.slots.push({ queue: q, original: {} });
  }

  /** Standard queues of the outputs (the lifecycle suite's kind), checked and emptied. Throws ProvidedQueueError. */
  static async open(provided: ProvidedQueues, options: QueuePoolOptions): Promise<QueuePool> {
    const standard = provided.queues.filter((q) => q.role === 'standard');
    if (standard.length === 0) throw new ProvidedQueueError(`${provided.file} has no standard queue outputs (SqscStandard<N>Url)`);
    const pool = new QueuePool(options, standard);
    try {
      for (const slot of pool.slots) await pool.prepare(slot);
    } catch (e) {
      pool.port.close();
      throw e;
    }
    pool.free.push(...pool.slots);
    return pool;
  }

  get size(): number {
    return this.slots.length;
  }

  private async prepare(slot: Slot): Promise<void> {
    const url = slot.queue.url;
    const tags = await this.port.call('ListQueueTags', { QueueUrl: url });
    if (tags.type !== 'ok') throw new ProvidedQueueError(`cannot read the tags of ${url}: ${why(tags)}`);
    const t = (tags.value['Tags'] ?? {}) as Record<string, string>;
    if (t[TEST_QUEUE_TAG] !== 'true') {
      throw new ProvidedQueueError(`refusing to use ${url}: it is not tagged ${TEST_QUEUE_TAG}=true (deploy it with the ConformanceQueues construct, or tag it if it is a disposable test queue)`);
    }
    const attrs = await this.port.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] });
    if (attrs.type !== 'ok') throw new ProvidedQueueError(`cannot read ${url}: ${why(attrs)}`);
    const all = (attrs.value['Attributes'] ?? {}) as Record<string, string>;
    if (all['RedrivePolicy'] || all['FifoQueue'] === 'true') throw new ProvidedQueueError(`${url} is not a plain standard queue (it has a RedrivePolicy or is FIFO)`);
    for (const name of Object.keys(SCENARIO_ATTRIBUTES)) if (all[name] !== undefined) slot.original[name] = all[name]!;
    await this.empty(slot, 'before the run');
  }

  private async counts(url: string): Promise<number | undefined> {
    const r = await this.port.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: COUNTS });
    if (r.type !== 'ok') return undefined;
    const a = (r.value['Attributes'] ?? {}) as Record<string, string>;
    return COUNTS.reduce((n, k) => n + Number(a[k] ?? 0), 0);
  }

  /** Purges (tagged queues only, checked in prepare) when messages remain, then waits until the queue reads empty. */
  private async empty(slot: Slot, when: string): Promise<void> {
    const url = slot.queue.url;
    const settle = this.options.settleMs ?? 0;
    let n = await this.counts(url);
    if (n === 0 && settle === 0) return;
    if (n !== 0) {
      for (let attempt = 0; attempt < 3; attempt++) {
        if (slot.lastPurgeMs !== undefined) {
          const wait = slot.lastPurgeMs + PURGE_COOLDOWN_MS - this.options.clock.wallMs();
          if (wait > 0) await this.options.clock.sleep(wait);
        }
        const r = await this.port.call('PurgeQueue', { QueueUrl: url });
        slot.lastPurgeMs = this.options.clock.wallMs();
        if (r.type === 'ok') break;
        if (r.type === 'fail' && /PurgeQueueInProgress/.test(r.value.code)) continue;
        throw new ProvidedQueueError(`cannot purge ${url} ${when}: ${why(r)}`);
      }
      this.log(`purged ${url} ${when}`);
    }
    if (settle > 0) await this.options.clock.sleep(settle);
    for (let i = 0; i < 60; i++) {
      n = await this.counts(url);
      if (n === 0) return;
      await this.options.clock.sleep(1000);
    }
    throw new ProvidedQueueError(`${url} still holds ${n ?? '?'} messages ${when}`);
  }

  /** Waits for a free queue. */
  async acquire(): Promise<Lease> {
    const slot = this.free.shift() ?? (await new Promise<Slot>((resolve) => this.waiting.push(resolve)));
    return new Lease(this, slot);
  }

  /** Cleans the queue after a scenario and hands it to the next one. */
  async release(lease: Lease, history: History | undefined): Promise<void> {
    const slot = lease.slot;
    try {
      if (history) await this.deleteLeftovers(slot.queue.url, history);
      await this.empty(slot, 'after a scenario');
    } catch (e) {
      slot.broken = (e as Error).message;
      this.log(`warning: ${slot.queue.url} taken out of the pool: ${slot.broken}`);
      if (this.slots.every((s) => s.broken)) {
        for (const w of this.waiting.splice(0)) w(slot); // let waiters fail on it rather than hang
      }
      return;
    }
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.free.push(slot);
  }

  /** Deletes every message the history shows as received, with its newest handle (drained ones included). */
  private async deleteLeftovers(url: string, history: History): Promise<void> {
    const handles = new Map<string, string>();
    for (const op of history.ops) {
      if (op.type !== 'ok' || op.f !== 'ReceiveMessage' || op.queue !== MAIN_QUEUE_KEY) continue;
      const messages = Array.isArray(op.value['Messages']) ? (op.value['Messages'] as Array<Record<string, unknown>>) : [];
      for (const m of messages) {
        if (typeof m['MessageId'] === 'string' && typeof m['ReceiptHandle'] === 'string') handles.set(m['MessageId'], m['ReceiptHandle']);
      }
    }
    const list = [...handles.values()];
    for (let i = 0; i < list.length; i += 10) {
      const entries = list.slice(i, i + 10).map((h, j) => ({ Id: `d${i + j}`, ReceiptHandle: h }));
      await this.port.call('DeleteMessageBatch', { QueueUrl: url, Entries: entries });
    }
  }

  /** Puts back each queue's original attributes and closes the pool's client. */
  async close(): Promise<void> {
    for (const slot of this.slots) {
      if (Object.keys(slot.original).length === 0) continue;
      const r = await this.port.call('SetQueueAttributes', { QueueUrl: slot.queue.url, Attributes: slot.original });
      if (r.type !== 'ok') this.log(`warning: could not restore the attributes of ${slot.queue.url}: ${why(r)}`);
    }
    this.port.close();
  }

  /** Sets the scenario's attributes (defaults for the rest) and waits until the queue reports them. */
  async configure(slot: Slot, requested: Record<string, string>): Promise<CallResult> {
    if (slot.broken) throw new ProvidedQueueError(`no usable provided queue left (${slot.broken})`);
    const wanted: Record<string, string> = {};
    for (const [name, dflt] of Object.entries(SCENARIO_ATTRIBUTES)) {
      const v = requested[name] ?? dflt ?? slot.original[name];
      if (v !== undefined) wanted[name] = v;
    }
    const unsupported = Object.keys(requested).filter((k) => !(k in SCENARIO_ATTRIBUTES));
    if (unsupported.length > 0) throw new ProvidedQueueError(`a provided queue cannot take ${unsupported.join(', ')} (only ${Object.keys(SCENARIO_ATTRIBUTES).join(', ')})`);
    const r = await this.port.call('SetQueueAttributes', { QueueUrl: slot.queue.url, Attributes: wanted });
    if (r.type !== 'ok') return r;
    if (this.options.settleMs) await this.options.clock.sleep(this.options.settleMs);
    return r;
  }
}

/** One queue for one scenario; `port()` wraps a scenario client so CreateQueue lands on the provided queue. */
export class Lease {
  constructor(
    private readonly pool: QueuePool,
    readonly slot: Slot,
  ) {}

  get url(): string {
    return this.slot.queue.url;
  }

  /**
   * A port whose CreateQueue (the scenario's main queue) configures the provided queue instead of
   * creating one, and which never sends DeleteQueue or PurgeQueue to it.
   */
  wrap(inner: SqsPort, mainQueueName: string): SqsPort {
    const lease = this;
    return {
      protocol: inner.protocol,
      close: () => inner.close(),
      async call(action, input) {
        if (action === 'CreateQueue' && input['QueueName'] === mainQueueName) {
          const attrs = (input['Attributes'] ?? {}) as Record<string, unknown>;
          const requested: Record<string, string> = {};
          for (const [k, v] of Object.entries(attrs)) requested[k] = String(v);
          const r = await lease.pool.configure(lease.slot, requested);
          return r.type === 'ok' ? { type: 'ok', value: { QueueUrl: lease.url }, meta: r.meta } : r;
        }
        if ((action === 'DeleteQueue' || action === 'PurgeQueue') && input['QueueUrl'] === lease.url) {
          return { type: 'fail', value: { code: 'RefusedBySqsConformance', message: `${action} is never sent to a provided queue` }, meta: {} };
        }
        return inner.call(action, input);
      },
    };
  }
}
