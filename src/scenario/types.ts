// A scenario: the queues it needs, and k processes, each a sequence of steps. Data only, so
// fast-check can generate, shrink and print it, and a replay can rebuild it. Each step kind (its
// arbitrary, how it runs, what it records) is one unit in steps/; suites may bring their own.
import type { Action } from '../history/index.js';

/** Queue attribute values as a scenario writes them (sent as strings, as SQS takes them). */
export type AttributeValue = string | number | boolean;

/** One queue of a scenario, created fresh (run prefix and tag) before its processes start. */
export interface QueueSetup {
  /** Attributes at CreateQueue; absent ones keep AWS's defaults. */
  attributes?: Readonly<Record<string, AttributeValue>>;
  /** A FIFO queue: the name ends in `.fifo` and `FifoQueue` is `true` (sqs-semantics.md 9). */
  fifo?: boolean;
  /** This queue's dead-letter queue (another key of the scenario): set as RedrivePolicy once both exist. */
  deadLetter?: { queue: string; maxReceiveCount: number };
}

/** What every step has: its kind, and the key of the queue it works on (default: the first queue). */
export interface StepBase {
  op: string;
  queue?: string;
}

export interface Scenario {
  /** Queue keys → setups; the first key is the default queue of steps that name none. */
  queues: Readonly<Record<string, QueueSetup>>;
  processes: StepBase[][];
}

/** Which receipt handle a delete or visibility change uses, resolved when the step runs. */
export type HandleRef =
  | { kind: 'latest' } // the newest handle this process received
  | { kind: 'stale' } // an older handle of a message this process or another received again since
  | { kind: 'other'; pick: number } // any handle received by any process (pick modulo count)
  | { kind: 'garbage'; text: string }; // a handle the service never issued

/** The outcome of a call, as a step sees it. */
export type StepResult = { type: 'ok'; value: Record<string, unknown> } | { type: 'fail'; value: { code: string; message?: string } } | { type: 'info' };

export interface QueueRef {
  key: string;
  /** Its name on the target (prefixed; `.fifo` for FIFO queues). */
  name: string;
  url: string;
  setup: QueueSetup;
}

/** What a step can do while it runs; the runner provides it (the calls are recorded in the history). */
export interface StepContext {
  /** Index of the process running the step, and its name in the history (`p0`, `p1`, …). */
  readonly process: number;
  readonly processName: string;
  readonly signal?: AbortSignal;
  /** The scenario's queue with this key (default: the first). */
  queue(key?: string): QueueRef;
  /** Sends one request and records it (invoke + completion) against the queue key. */
  call(action: Action, input: Record<string, unknown>, queueKey?: string): Promise<StepResult>;
  /** Waits; `why` says what for (a long wait is announced with it). */
  sleep(ms: number, why?: string): Promise<void>;
  /** Receipt handles seen by every process of the scenario. */
  readonly handles: HandleBook;
  /** A body unique in the run for this process's next message. */
  nextBody(options?: { unicode?: boolean; size?: number }): string;
  /** Memory of this process across its steps (what it sent, for repeats), created on first use. */
  local<T>(key: string, init: () => T): T;
  /** A message may stay hidden this long from now: the drain waits until it may be visible again. */
  hides(seconds: number, queueKey?: string): void;
  /**
   * Creates one more queue with these attributes (a probe of CreateQueue's limits): named and
   * tagged like the scenario's, recorded under a key of its own, deleted with them.
   */
  createExtraQueue(attributes: Record<string, string>, nameSuffix?: string): Promise<{ key: string; result: StepResult }>;
  /**
   * CreateQueue as a queue-management step shapes it (name, attributes, tags of its own): the run's
   * tags (`runTags`) are added to `input.tags`; recorded under `key`; a queue it creates is deleted
   * with the scenario's queues. Its name should start with the scenario's first queue's name.
   */
  createQueue(input: Record<string, unknown>, key: string): Promise<StepResult>;
  /** The tags the run puts on every queue it creates (real AWS: how the kit recognises its queues). */
  readonly runTags: Readonly<Record<string, string>>;
}

export interface Received {
  handle: string;
  body: string;
  messageId: string;
  queue: string;
  process: number;
}

/** Handles seen by all processes of one scenario, to resolve latest / stale / other references. */
export class HandleBook {
  private readonly all: Received[] = [];

  add(r: Received): void {
    this.all.push(r);
  }

  /** Remembers every message of an ok ReceiveMessage answer. */
  remember(result: StepResult, process: number, queue: string): void {
    if (result.type !== 'ok') return;
    const list = Array.isArray(result.value.Messages) ? (result.value.Messages as Record<string, unknown>[]) : [];
    for (const m of list) {
      if (typeof m.ReceiptHandle !== 'string') continue;
      this.add({ handle: m.ReceiptHandle, body: typeof m.Body === 'string' ? m.Body : '', messageId: typeof m.MessageId === 'string' ? m.MessageId : '', queue, process });
    }
  }

  resolve(ref: HandleRef, process: number, queue?: string): string | undefined {
    const pool = queue === undefined ? this.all : this.all.filter((r) => r.queue === queue);
    const mine = pool.filter((r) => r.process === process);
    switch (ref.kind) {
      case 'garbage':
        return ref.text;
      case 'latest':
        return mine.at(-1)?.handle;
      case 'other':
        return pool.length > 0 ? pool[ref.pick % pool.length]!.handle : undefined;
      case 'stale': {
        // An older handle of a message that was received again afterwards.
        for (let i = 0; i < pool.length; i++) {
          const r = pool[i]!;
          if (pool.slice(i + 1).some((later) => later.body === r.body)) return r.handle;
        }
        return mine.at(-1)?.handle;
      }
    }
  }

  /** Every handle of a queue, newest last. */
  of(queue: string): readonly Received[] {
    return this.all.filter((r) => r.queue === queue);
  }
}

/**
 * A step kind: how a step runs (the requests it sends through the context, which records them) and
 * which SQS actions it may send. Its arbitrary is exported beside it, with the options it takes.
 */
export interface StepKind<S extends StepBase = StepBase> {
  op: S['op'];
  description: string;
  actions: readonly Action[];
  /** The actions one step of this kind sends, when narrower than `actions` (a generic request step). */
  actionsOf?(step: S): readonly Action[];
  run(step: S, ctx: StepContext): Promise<void>;
}

/** A step kind of any step type, for registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyStepKind = StepKind<any>;
