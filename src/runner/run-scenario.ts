// Plays one scenario against a target and records the history: its queues created fresh (run
// prefix + tags; dead-letter queues first, then wired with RedrivePolicy), their attributes read
// back, the processes run concurrently (each step by its kind), a final drain of every queue, and
// every queue deleted. Setup calls are retried while their outcome is unknown (they are not the
// behaviour under test; every attempt is in the history). An abort stops the processes (calls in
// flight get a short grace, then their clients are closed), skips the drain and deletes the queues
// only then, so no delete races with a drain; the run says it was interrupted and is not judged.
import type { Clock } from '../clock/index.js';
import { DRAIN_PROCESS } from '../check/index.js';
import { HISTORY_SCHEMA_VERSION, type Action, type History } from '../history/index.js';
import { bodyFor, HandleBook, StepRegistry, type QueueRef, type QueueSetup, type Scenario, type StepContext, type StepResult } from '../scenario/index.js';
import { Recorder, type CallResult, type RunningTarget, type SqsPort } from '../target/index.js';
import type { QueueRegistry } from './registry.js';
import { LONG_WAIT_MS } from './types.js';
import { retrying } from './retry.js';

export interface ScenarioContext {
  target: RunningTarget;
  clock: Clock;
  registry: QueueRegistry;
  /** Unique name stem for this scenario run (already prefixed); each queue key is appended. */
  queueName: string;
  tags: Record<string, string>;
  origin: Record<string, unknown>;
  /** Step kinds by op (default: the built-in ones). */
  steps?: StepRegistry;
  signal?: AbortSignal;
  /** A provided queue (--stack-outputs) that stands in for the scenario's first queue: never created, registered or deleted. */
  provided?: { wrap(port: SqsPort, mainQueueName: string): SqsPort };
  /** A wait of at least LONG_WAIT_MS begins (a sleep step, or the drain waiting for hidden messages). */
  onWait?: (w: { ms: number; why: string; process: string }) => void;
  /** Every port the scenario opens goes through this (the runner's health monitor). */
  wrapPort?: (port: SqsPort) => SqsPort;
  /** How long setup calls keep retrying a lost answer (ms). Default 15 s. */
  setupDeadlineMs?: number;
  /** After an abort, how long calls in flight may finish before their clients are closed (ms). Default 2 s. */
  graceMs?: number;
}

export interface ScenarioRun {
  history: History;
  /** Set when the scenario could not run at all (e.g. a queue could not be created). */
  setupError?: string;
  /** The run was aborted before the scenario and its drain ended: its history is partial, never judged. */
  interrupted?: boolean;
}

/** Hidden for longer than this, a message is not waited for: the drain would take too long. */
const MAX_SETTLE_SECONDS = 60;
/** Drained messages stay hidden so the drain's polls see each message once. */
const DRAIN_VISIBILITY_SECONDS = 600;
/** Long enough for the drain's delete to follow its receive, short enough to settle within a run. */
const FIFO_DRAIN_VISIBILITY_SECONDS = 30;

function toStepResult(r: CallResult): StepResult {
  if (r.type === 'ok') return { type: 'ok', value: r.value };
  if (r.type === 'fail') return { type: 'fail', value: { code: r.value.code, ...(r.value.message !== undefined ? { message: r.value.message } : {}) } };
  return { type: 'info' };
}

function why(r: CallResult): string {
  return r.type === 'fail' ? `${r.value.code}: ${r.value.message ?? ''}` : r.type === 'info' ? `${r.value.reason}: ${r.value.detail}` : 'no QueueUrl in the response';
}

/** Dead-letter queues before the queues that name them (a queue's RedrivePolicy needs its DLQ's ARN). */
function creationOrder(queues: Readonly<Record<string, QueueSetup>>): string[] {
  const keys = Object.keys(queues);
  const targets = new Set(keys.flatMap((k) => (queues[k]!.deadLetter ? [queues[k]!.deadLetter!.queue] : [])));
  return [...keys.filter((k) => targets.has(k)), ...keys.filter((k) => !targets.has(k))];
}

export async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<ScenarioRun> {
  const { target, clock, registry } = ctx;
  const steps = ctx.steps ?? new StepRegistry();
  const recorder = new Recorder(clock);
  const urls = new Map<string, string>();
  /** Queues created by queue-management steps (StepContext.createQueue), deleted with the others. */
  const owned = new Set<string>();
  const refs = new Map<string, QueueRef>();
  const keyOf = (url: string): string => {
    for (const [k, u] of urls) if (u === url) return k;
    return url;
  };
  const clients: SqsPort[] = [];
  const client = (): SqsPort => {
    const raw = target.client();
    const c = ctx.wrapPort ? ctx.wrapPort(raw) : raw;
    clients.push(c);
    return c;
  };
  const setup = client();
  // The setup client deletes the queues at the end: never closed by the grace timer.
  const scenarioClients = (): SqsPort[] => clients.filter((c) => c !== setup);
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => {
    graceTimer = setTimeout(() => {
      for (const c of scenarioClients()) c.close();
    }, ctx.graceMs ?? 2_000);
  };
  if (ctx.signal?.aborted) onAbort();
  else ctx.signal?.addEventListener('abort', onAbort, { once: true });
  const setupDeadlineMs = ctx.setupDeadlineMs ?? 15_000;
  /** A setup call: retried while its outcome is unknown, each attempt recorded. */
  const setupCall = (queue: string, action: Action, input: Record<string, unknown>, port: SqsPort = setup): Promise<CallResult> =>
    retrying(() => record(port, 'setup', queue, action, input), { clock, deadlineMs: setupDeadlineMs, ...(ctx.signal ? { signal: ctx.signal } : {}) });
  const record = (port: SqsPort, process: string, queue: string, action: Action, input: Record<string, unknown>): Promise<CallResult> =>
    recorder.record(process, queue, action, input, port, keyOf);
  const history = (): History => ({
    header: { schemaVersion: HISTORY_SCHEMA_VERSION, target: target.profile.name, protocol: setup.protocol, retries: 'disabled', origin: ctx.origin },
    ops: recorder.ops(),
  });
  const keys = Object.keys(scenario.queues);
  const mainKey = keys[0];
  if (mainKey === undefined) return { history: history(), setupError: 'the scenario names no queue' };

  const createQueue = async (port: SqsPort, process: string, key: string, name: string, attributes: Record<string, string>): Promise<CallResult> => {
    const input: Record<string, unknown> = { QueueName: name, tags: ctx.tags };
    if (Object.keys(attributes).length > 0) input.Attributes = attributes;
    const provided = key === mainKey ? ctx.provided : undefined;
    const via = provided ? provided.wrap(port, name) : port;
    // The scenario's own queues are setup (retried: CreateQueue is idempotent for the same
    // attributes); a queue a step creates is behaviour under test (one op).
    const r = process === 'setup' ? await setupCall(key, 'CreateQueue', input, via) : await record(via, process, key, 'CreateQueue', input);
    if (r.type === 'ok' && typeof r.value.QueueUrl === 'string') {
      urls.set(key, r.value.QueueUrl);
      if (!provided) registry.add(r.value.QueueUrl);
    }
    return r;
  };

  try {
    for (const key of creationOrder(scenario.queues)) {
      const q = scenario.queues[key]!;
      const name = `${ctx.queueName}${key === mainKey ? '' : `-${key}`}${q.fifo ? '.fifo' : ''}`;
      const attributes: Record<string, string> = {};
      for (const [k, v] of Object.entries(q.attributes ?? {})) attributes[k] = String(v);
      if (q.fifo) attributes.FifoQueue = 'true';
      const r = await createQueue(setup, 'setup', key, name, attributes);
      if (r.type !== 'ok' || typeof r.value.QueueUrl !== 'string') return { history: history(), setupError: `CreateQueue ${name} failed (${why(r)})` };
      refs.set(key, { key, name, url: r.value.QueueUrl, setup: q });
    }
    // Dead-letter wiring: the DLQ's ARN, then the source's RedrivePolicy (sqs-semantics.md 11).
    for (const key of keys) {
      const dl = scenario.queues[key]!.deadLetter;
      if (!dl) continue;
      const dlq = refs.get(dl.queue);
      if (!dlq) return { history: history(), setupError: `queue ${key} names an unknown dead-letter queue ${dl.queue}` };
      const a = await setupCall(dl.queue, 'GetQueueAttributes', { QueueUrl: dlq.url, AttributeNames: ['QueueArn'] });
      const arn = a.type === 'ok' ? (a.value.Attributes as Record<string, unknown> | undefined)?.QueueArn : undefined;
      if (typeof arn !== 'string') return { history: history(), setupError: `GetQueueAttributes QueueArn of ${dlq.name} failed (${why(a)})` };
      const policy = JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: dl.maxReceiveCount });
      const s = await setupCall(key, 'SetQueueAttributes', { QueueUrl: refs.get(key)!.url, Attributes: { RedrivePolicy: policy } });
      if (s.type !== 'ok') return { history: history(), setupError: `SetQueueAttributes RedrivePolicy of ${refs.get(key)!.name} failed (${why(s)})` };
    }
    for (const key of keys) await setupCall(key, 'GetQueueAttributes', { QueueUrl: refs.get(key)!.url, AttributeNames: ['All'] });
    if (ctx.signal?.aborted) return { history: history(), interrupted: true };

    const book = new HandleBook();
    let extraQueues = 0;
    // Latest time (clock ms) at which a message may still become visible again, per queue: the drain waits for it.
    const settleAtMs = new Map<string, number>();
    const nowMs = () => clock.nowNs() / 1e6;

    const runProcess = async (processSteps: Scenario['processes'][number], p: number) => {
      const port = client();
      const processName = `p${p}`;
      let sent = 0;
      const locals = new Map<string, unknown>();
      const stepCtx: StepContext = {
        process: p,
        processName,
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        queue(key) {
          const r = refs.get(key ?? mainKey);
          if (!r) throw new Error(`the scenario has no queue "${key}"`);
          return r;
        },
        call: async (action, input, queueKey) => toStepResult(await record(port, processName, queueKey ?? mainKey, action, input)),
        sleep: (ms, why) => {
          if (ms >= LONG_WAIT_MS) ctx.onWait?.({ ms, why: why ?? `${processName} waits`, process: processName });
          return clock.sleep(ms, ctx.signal);
        },
        handles: book,
        nextBody: (o) => bodyFor(ctx.queueName, p, sent++, o ?? {}),
        local<T>(key: string, init: () => T): T {
          if (!locals.has(key)) locals.set(key, init());
          return locals.get(key) as T;
        },
        hides(seconds, queueKey) {
          if (seconds > MAX_SETTLE_SECONDS) return;
          const key = queueKey ?? mainKey;
          settleAtMs.set(key, Math.max(settleAtMs.get(key) ?? 0, nowMs() + seconds * 1000));
        },
        async createExtraQueue(attributes, nameSuffix = '') {
          const key = `extra${extraQueues++}`;
          return { key, result: toStepResult(await createQueue(port, processName, key, `${ctx.queueName}-${key}${nameSuffix}`, attributes)) };
        },
        runTags: ctx.tags,
        async createQueue(input, key) {
          const tags = input.tags !== null && typeof input.tags === 'object' ? (input.tags as Record<string, string>) : {};
          const r = await record(port, processName, key, 'CreateQueue', { ...input, tags: { ...tags, ...ctx.tags } });
          if (r.type === 'ok' && typeof r.value.QueueUrl === 'string') {
            urls.set(key, r.value.QueueUrl);
            owned.add(r.value.QueueUrl);
            registry.add(r.value.QueueUrl);
          }
          return toStepResult(r);
        },
      };
      for (const step of processSteps) {
        if (ctx.signal?.aborted) return;
        const kind = steps.get(step.op);
        if (!kind) throw new Error(`no step kind for op "${step.op}" (register it with the suite)`);
        await kind.run(step, stepCtx);
      }
    };
    await Promise.all(scenario.processes.map((s, p) => runProcess(s, p)));

    // Drain each queue: wait until every hidden message may be visible again, then long-poll
    // until two consecutive polls come back empty. Drained messages stay hidden.
    if (!ctx.signal?.aborted) {
      const latest = Math.max(0, ...settleAtMs.values());
      const waitMs = latest - nowMs() + 500;
      if (waitMs >= LONG_WAIT_MS) ctx.onWait?.({ ms: waitMs, why: 'waiting for hidden messages to be visible again before the drain', process: DRAIN_PROCESS });
      if (waitMs > 0) await clock.sleep(waitMs, ctx.signal);
      const port = client();
      for (const key of keys) {
        const fifo = refs.get(key)!.setup.fifo === true;
        let empties = 0;
        for (let i = 0; i < 50 && empties < 2 && !ctx.signal?.aborted; i++) {
          const r = await record(port, DRAIN_PROCESS, key, 'ReceiveMessage', {
            QueueUrl: refs.get(key)!.url,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
            // A FIFO group stays locked while a message of it is in flight: the drain deletes what
            // it receives so the next message of each group comes up (sqs-semantics.md 9).
            VisibilityTimeout: fifo ? FIFO_DRAIN_VISIBILITY_SECONDS : DRAIN_VISIBILITY_SECONDS,
            MessageSystemAttributeNames: ['All'],
          });
          const messages = r.type === 'ok' && Array.isArray(r.value.Messages) ? (r.value.Messages as Record<string, unknown>[]) : [];
          empties = r.type === 'ok' && messages.length === 0 ? empties + 1 : 0;
          if (r.type !== 'ok') await clock.sleep(200, ctx.signal);
          if (fifo && messages.length > 0) {
            const entries = messages.map((m, n) => ({ Id: `d${n}`, ReceiptHandle: m.ReceiptHandle }));
            await record(port, DRAIN_PROCESS, key, 'DeleteMessageBatch', { QueueUrl: refs.get(key)!.url, Entries: entries });
          }
        }
      }
    }
    // Aborted at any point before here: the history is partial (steps skipped, sleeps cut short,
    // the drain not run or cut short) and must not be judged.
    return ctx.signal?.aborted ? { history: history(), interrupted: true } : { history: history() };
  } finally {
    ctx.signal?.removeEventListener('abort', onAbort);
    // The drain is over (or never began): only now are the queues deleted.
    await registry.deleteAll(new Set([...urls.values(), ...owned]), setup);
    if (graceTimer !== undefined) clearTimeout(graceTimer);
    for (const c of clients) c.close();
  }
}
