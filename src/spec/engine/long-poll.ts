// Long polling, written once for every driver of the engine: the reference server and the engine
// target (async, on a Clock) and `simulate` (a discrete-event loop). A ReceiveCall is one
// ReceiveMessage with its wait, as a step machine: each step receives; it answers when messages
// came, when the receive failed, for a short poll, or at the deadline; otherwise it says until when
// to wait. Waiters wakes parked polls when the engine says a queue may have messages. The rules are
// model/polling.ts (sqs-semantics.md 7; aws-recorded-facts.md items 115-116). PURE: time and sleeping
// are the caller's (no clock reads, no timers here).
import { nextLookAt, waitDeadline } from '../model/polling.js';
import type { Engine } from './dispatch.js';
import type { EngineResult, ReceiveMessageInput, ReceiveMessageOutput } from './types.js';

export type ReceiveStep = { done: EngineResult<ReceiveMessageOutput> } | { waitUntilMs: number; queueName: string };

export class ReceiveCall {
  private deadlineMs: number | undefined;
  readonly queueName: string;

  constructor(
    private readonly engine: Engine,
    readonly input: ReceiveMessageInput,
  ) {
    this.queueName = engine.queueNameOf(input.QueueUrl ?? '');
  }

  /** Receives at `nowMs`; answers, or says when to look again (earlier if Waiters wakes it). */
  step(nowMs: number): ReceiveStep {
    const r = this.engine.receiveMessage(this.input, nowMs);
    if ('error' in r || (r.ok.Messages?.length ?? 0) > 0) return { done: r }; // as soon as one message is there (item 115)
    if (this.deadlineMs === undefined) {
      const wait = this.engine.waitSecondsOf(this.input); // item 116: the queue's default when left out
      if (!(wait > 0)) return { done: r }; // a short poll answers at once
      this.deadlineMs = waitDeadline(nowMs, wait);
    }
    if (nowMs >= this.deadlineMs) return { done: r }; // empty at the deadline
    return { waitUntilMs: nextLookAt(nowMs, this.deadlineMs, this.engine.nextVisibleAtMs(this.input.QueueUrl ?? '', nowMs)), queueName: this.queueName };
  }
}

/** Parked long polls per queue, woken when the engine says messages may have become available there. */
export class Waiters {
  private readonly parked = new Map<string, Set<() => void>>();

  constructor(engine: Engine) {
    engine.onAvailable((name) => {
      const set = this.parked.get(name);
      if (!set) return;
      this.parked.delete(name);
      for (const wake of set) wake();
    });
  }

  /** Parks a poll on a queue until `wake` is called (once) or the returned cancel runs. */
  park(queueName: string, wake: () => void): () => void {
    let set = this.parked.get(queueName);
    if (!set) this.parked.set(queueName, (set = new Set()));
    set.add(wake);
    return () => {
      const current = this.parked.get(queueName);
      current?.delete(wake);
      if (current?.size === 0) this.parked.delete(queueName);
    };
  }

  /** Wakes every parked poll (shutdown). */
  wakeAll(): void {
    const all = [...this.parked.values()];
    this.parked.clear();
    for (const set of all) for (const wake of set) wake();
  }
}

/** What an async driver needs: the time (epoch ms, as the engine takes it) and a sleep that can be cut short. */
export interface LongPollClock {
  nowMs(): number;
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/**
 * ReceiveMessage with its wait, on a clock: the server's and the engine target's. `gone` ends the
 * wait when the client has left: the poll then takes nothing out of the queue.
 */
export async function receiveWithWait(
  engine: Engine,
  waiters: Waiters,
  clock: LongPollClock,
  input: ReceiveMessageInput,
  client: { gone?: () => boolean; onGone?: (f: () => void) => void } = {},
): Promise<EngineResult<ReceiveMessageOutput>> {
  const call = new ReceiveCall(engine, input);
  const first = call.step(clock.nowMs());
  return 'done' in first ? first.done : awaitReceive(call, first, waiters, clock, client);
}

/**
 * The waiting part of receiveWithWait, for a caller that took the first step itself (the reference
 * server answers a receive that needs no wait without a promise).
 */
export async function awaitReceive(
  call: ReceiveCall,
  first: Extract<ReceiveStep, { waitUntilMs: number }>,
  waiters: Waiters,
  clock: LongPollClock,
  client: { gone?: () => boolean; onGone?: (f: () => void) => void } = {},
): Promise<EngineResult<ReceiveMessageOutput>> {
  let step: ReceiveStep = first;
  for (;;) {
    if ('done' in step) return step.done;
    const ac = new AbortController();
    const cancel = waiters.park(step.queueName, () => ac.abort());
    client.onGone?.(() => ac.abort());
    try {
      await clock.sleep(Math.max(1, step.waitUntilMs - clock.nowMs()), ac.signal);
    } finally {
      cancel();
    }
    if (client.gone?.()) return { ok: {} }; // the client left: take nothing out of the queue for it
    step = call.step(clock.nowMs());
  }
}
