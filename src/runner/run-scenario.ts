// Plays one scenario against a target and records the history: a fresh queue (run prefix + tags),
// its attributes read back, the processes run concurrently, a final drain, and the queue deleted.
import type { Clock } from '../clock/index.js';
import { DRAIN_PROCESS } from '../check/index.js';
import { HISTORY_SCHEMA_VERSION, type Action, type History } from '../history/index.js';
import { bodyFor, bodyOfBytes, type HandleRef, type Probe, type QueueSetup, type Scenario, type Step } from '../scenario/index.js';
import { Recorder, type CallResult, type RunningTarget, type SqsPort } from '../target/index.js';
import type { QueueRegistry } from './registry.js';

export interface ScenarioContext {
  target: RunningTarget;
  clock: Clock;
  registry: QueueRegistry;
  /** Unique queue name for this scenario run (already prefixed). */
  queueName: string;
  tags: Record<string, string>;
  origin: Record<string, unknown>;
  signal?: AbortSignal;
  /** A provided queue (--stack-outputs) that stands in for the scenario's main queue: never created, registered or deleted. */
  provided?: { wrap(port: SqsPort, mainQueueName: string): SqsPort };
}

const MAIN = 'q';

interface Received {
  handle: string;
  body: string;
  process: number;
}

/** Handles seen by all processes of one scenario, to resolve latest / stale / other references. */
class HandleBook {
  private all: Received[] = [];
  add(r: Received) {
    this.all.push(r);
  }
  resolve(ref: HandleRef, process: number): string | undefined {
    const mine = this.all.filter((r) => r.process === process);
    switch (ref.kind) {
      case 'garbage':
        return ref.text;
      case 'latest':
        return mine.at(-1)?.handle;
      case 'other':
        return this.all.length > 0 ? this.all[ref.pick % this.all.length]!.handle : undefined;
      case 'stale': {
        // An older handle of a message that was received again afterwards.
        for (let i = 0; i < this.all.length; i++) {
          const r = this.all[i]!;
          if (this.all.slice(i + 1).some((later) => later.body === r.body)) return r.handle;
        }
        return mine.at(-1)?.handle;
      }
    }
  }
}

export interface ScenarioRun {
  history: History;
  /** Set when the scenario could not run at all (e.g. the queue could not be created). */
  setupError?: string;
}

export async function runScenario(scenario: Scenario, ctx: ScenarioContext): Promise<ScenarioRun> {
  const { target, clock, registry } = ctx;
  const recorder = new Recorder(clock);
  const urls = new Map<string, string>();
  const keyOf = (url: string): string => {
    for (const [k, u] of urls) if (u === url) return k;
    return url;
  };
  const clients: SqsPort[] = [];
  const client = (): SqsPort => {
    const c = target.client();
    clients.push(c);
    return c;
  };
  const setup = client();
  const call = (port: SqsPort, process: string, queue: string, action: Action, input: Record<string, unknown>): Promise<CallResult> =>
    recorder.record(process, queue, action, input, port, keyOf);
  const history = (): History => ({
    header: { schemaVersion: HISTORY_SCHEMA_VERSION, target: target.profile.name, protocol: setup.protocol, retries: 'disabled', origin: ctx.origin },
    ops: recorder.ops(),
  });

  try {
    const created = await createQueue(setup, ctx, MAIN, ctx.queueName, scenario.queue, call, urls, registry);
    if (!created.ok) return { history: history(), setupError: created.error };
    await call(setup, 'setup', MAIN, 'GetQueueAttributes', { QueueUrl: created.url, AttributeNames: ['All'] });

    const book = new HandleBook();
    let extraQueues = 0;
    // Latest time (clock ms) at which a message may still become visible again: the drain waits for it.
    let settleAtMs = 0;
    const noteHidden = (seconds: number) => {
      if (seconds <= 60) settleAtMs = Math.max(settleAtMs, clock.nowNs() / 1e6 + seconds * 1000);
    };
    const queueDelay = scenario.queue.DelaySeconds ?? 0;

    const runProcess = async (steps: Step[], p: number) => {
      const port = client();
      const proc = `p${p}`;
      let sent = 0;
      for (const step of steps) {
        if (ctx.signal?.aborted) return;
        switch (step.op) {
          case 'sleep':
            await clock.sleep(step.ms, ctx.signal);
            break;
          case 'send': {
            const body = bodyFor(ctx.queueName, p, sent++, { ...(step.unicode ? { unicode: true } : {}) }) + (step.content !== undefined ? ` ${step.content}` : '');
            const input: Record<string, unknown> = { QueueUrl: created.url, MessageBody: body };
            if (step.delaySeconds !== undefined) input.DelaySeconds = step.delaySeconds;
            noteHidden(step.delaySeconds ?? queueDelay);
            await call(port, proc, MAIN, 'SendMessage', input);
            break;
          }
          case 'receive': {
            const input: Record<string, unknown> = { QueueUrl: created.url };
            if (step.max !== undefined) input.MaxNumberOfMessages = step.max;
            if (step.visibilityTimeout !== undefined) input.VisibilityTimeout = step.visibilityTimeout;
            if (step.waitSeconds !== undefined) input.WaitTimeSeconds = step.waitSeconds;
            if (step.attributes === 'all') input.MessageSystemAttributeNames = ['All'];
            if (step.attributes === 'legacy-all') input.AttributeNames = ['All'];
            if (step.attributes === 'named') input.MessageSystemAttributeNames = ['ApproximateReceiveCount', 'SentTimestamp'];
            const r = await call(port, proc, MAIN, 'ReceiveMessage', input);
            noteHidden(step.visibilityTimeout ?? scenario.queue.VisibilityTimeout ?? 30);
            if (r.type === 'ok') remember(book, r, p);
            break;
          }
          case 'delete': {
            const handle = book.resolve(step.handle, p);
            if (handle === undefined) break;
            await call(port, proc, MAIN, 'DeleteMessage', { QueueUrl: created.url, ReceiptHandle: handle });
            break;
          }
          case 'changeVisibility': {
            const handle = book.resolve(step.handle, p);
            if (handle === undefined) break;
            noteHidden(step.visibilityTimeout);
            await call(port, proc, MAIN, 'ChangeMessageVisibility', { QueueUrl: created.url, ReceiptHandle: handle, VisibilityTimeout: step.visibilityTimeout });
            break;
          }
          case 'probe':
            await runProbe(step.probe, { port, proc, p, url: created.url, call, book, ctx, sent: () => sent++, extraQueue: () => extraQueues++, urls, registry });
            break;
        }
      }
    };
    await Promise.all(scenario.processes.map((steps, p) => runProcess(steps, p)));

    // Drain: wait until every hidden message may be visible again, then long-poll until two
    // consecutive polls come back empty. Drained messages stay hidden (VisibilityTimeout 600).
    if (!ctx.signal?.aborted) {
      const waitMs = settleAtMs - clock.nowNs() / 1e6 + 500;
      if (waitMs > 0) await clock.sleep(waitMs, ctx.signal);
      const port = client();
      let empties = 0;
      for (let i = 0; i < 50 && empties < 2 && !ctx.signal?.aborted; i++) {
        const r = await call(port, DRAIN_PROCESS, MAIN, 'ReceiveMessage', {
          QueueUrl: created.url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
          VisibilityTimeout: 600,
          MessageSystemAttributeNames: ['All'],
        });
        const n = r.type === 'ok' && Array.isArray(r.value.Messages) ? r.value.Messages.length : 0;
        empties = r.type === 'ok' && n === 0 ? empties + 1 : 0;
        if (r.type !== 'ok') await clock.sleep(200, ctx.signal);
      }
    }
    return { history: history() };
  } finally {
    await registry.deleteAll(urls.values(), setup);
    for (const c of clients) c.close();
  }
}

function remember(book: HandleBook, r: Extract<CallResult, { type: 'ok' }>, p: number) {
  const list = Array.isArray(r.value.Messages) ? (r.value.Messages as Record<string, unknown>[]) : [];
  for (const m of list) {
    if (typeof m.ReceiptHandle === 'string') book.add({ handle: m.ReceiptHandle, body: typeof m.Body === 'string' ? m.Body : '', process: p });
  }
}

type CallFn = (port: SqsPort, process: string, queue: string, action: Action, input: Record<string, unknown>) => Promise<CallResult>;

async function createQueue(
  port: SqsPort,
  ctx: ScenarioContext,
  key: string,
  name: string,
  setup: QueueSetup,
  call: CallFn,
  urls: Map<string, string>,
  registry: QueueRegistry,
): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  const attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(setup)) if (v !== undefined) attributes[k] = String(v);
  const input: Record<string, unknown> = { QueueName: name, tags: ctx.tags };
  if (Object.keys(attributes).length > 0) input.Attributes = attributes;
  const provided = key === MAIN ? ctx.provided : undefined;
  const r = await call(provided ? provided.wrap(port, name) : port, 'setup', key, 'CreateQueue', input);
  if (r.type === 'ok' && typeof r.value.QueueUrl === 'string') {
    urls.set(key, r.value.QueueUrl);
    if (!provided) registry.add(r.value.QueueUrl);
    return { ok: true, url: r.value.QueueUrl };
  }
  const why = r.type === 'fail' ? `${r.value.code}: ${r.value.message ?? ''}` : r.type === 'info' ? `${r.value.reason}: ${r.value.detail}` : 'no QueueUrl in the response';
  return { ok: false, error: `CreateQueue ${name} failed (${why})` };
}

interface ProbeContext {
  port: SqsPort;
  proc: string;
  p: number;
  url: string;
  call: CallFn;
  book: HandleBook;
  ctx: ScenarioContext;
  sent: () => number;
  extraQueue: () => number;
  urls: Map<string, string>;
  registry: QueueRegistry;
}

async function runProbe(probe: Probe, pc: ProbeContext): Promise<void> {
  const { port, proc, url, call } = pc;
  const tag = `${pc.ctx.queueName}.p${pc.p}.probe${pc.sent()}`;
  switch (probe.kind) {
    case 'send-delay':
      await call(port, proc, MAIN, 'SendMessage', { QueueUrl: url, MessageBody: tag, DelaySeconds: probe.delaySeconds });
      return;
    case 'send-size':
      await call(port, proc, MAIN, 'SendMessage', { QueueUrl: url, MessageBody: bodyOfBytes(tag, probe.bytes) });
      return;
    case 'send-empty':
      await call(port, proc, MAIN, 'SendMessage', { QueueUrl: url, MessageBody: '' });
      return;
    case 'send-char':
      await call(port, proc, MAIN, 'SendMessage', { QueueUrl: url, MessageBody: `${tag}:${String.fromCodePoint(probe.codePoint)}` });
      return;
    case 'receive-max': {
      const r = await call(port, proc, MAIN, 'ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: probe.max, VisibilityTimeout: 0 });
      if (r.type === 'ok') remember(pc.book, r, pc.p);
      return;
    }
    case 'receive-wait':
      await call(port, proc, MAIN, 'ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: probe.waitSeconds, VisibilityTimeout: 0 });
      return;
    case 'receive-visibility':
      await call(port, proc, MAIN, 'ReceiveMessage', { QueueUrl: url, VisibilityTimeout: probe.visibilityTimeout });
      return;
    case 'change-visibility': {
      // A real handle first, so only the value is wrong.
      await call(port, proc, MAIN, 'SendMessage', { QueueUrl: url, MessageBody: tag });
      const r = await call(port, proc, MAIN, 'ReceiveMessage', { QueueUrl: url, VisibilityTimeout: 30, WaitTimeSeconds: 1 });
      if (r.type !== 'ok') return;
      remember(pc.book, r, pc.p);
      const handle = pc.book.resolve({ kind: 'latest' }, pc.p);
      if (handle === undefined) return;
      await call(port, proc, MAIN, 'ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: probe.visibilityTimeout });
      return;
    }
    case 'create-queue': {
      const key = `probe${pc.extraQueue()}`;
      const name = `${pc.ctx.queueName}-${key}`;
      const r = await call(port, proc, key, 'CreateQueue', { QueueName: name, Attributes: { [probe.attribute]: String(probe.value) }, tags: pc.ctx.tags });
      if (r.type === 'ok' && typeof r.value.QueueUrl === 'string') {
        pc.urls.set(key, r.value.QueueUrl);
        pc.registry.add(r.value.QueueUrl);
      }
      return;
    }
  }
}
