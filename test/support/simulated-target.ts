// A simulated standard queue, in process, on a virtual clock: it makes random choices among the
// outcomes the reference model allows (short-poll subsets, stale-handle deletes that may not
// delete, timers that fire within tolerance, lost responses) with random latencies. Histories it
// produces must always be judged Conformant; that is the checker's no-false-positive property.
import type { VirtualClock } from '../../src/clock/index.js';
import type { Action, ServiceError } from '../../src/history/index.js';
import { defaultAttributes, queueConfigFromAttributes } from '../../src/spec/attributes.js';
import {
  changeVisibilityOutcomes,
  deleteMessageOutcomes,
  invalidHandleError,
  visibilityCapError,
  VISIBILITY_CAP_SECONDS,
  type HandleStatus,
  type Outcome,
} from '../../src/spec/lifecycle.js';
import { md5Hex } from '../../src/spec/md5.js';
import { validateChangeMessageVisibility, validateCreateQueue, validateDeleteMessage, validateReceiveMessage, validateSendMessage } from '../../src/spec/operations.js';
import type { ExpectedError, QueueConfig, Strictness } from '../../src/spec/types.js';
import type { CallResult, RunningTarget, SqsPort, TargetProfile } from '../../src/target/index.js';

/** A small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SimMessage {
  id: string;
  body: string;
  sentAt: number;
  visibleAt: number;
  expiresAt: number;
  newest?: string;
  receivedAt: Map<string, number>;
  count: number;
  firstReceiveAt?: number;
  deleted: boolean;
}

interface SimQueue {
  url: string;
  config: QueueConfig;
  attributes: Record<string, string>;
  messages: SimMessage[];
}

export interface SimulationOptions {
  seed: number;
  clock: VirtualClock;
  strictness: Strictness;
  /** One-way latency range (ms). */
  latencyMs?: [number, number];
  /** Probability that a response is lost after the server acted (an `info` op). */
  lossRate?: number;
  profile: TargetProfile;
}

export function simulatedTarget(opts: SimulationOptions): RunningTarget {
  const random = rng(opts.seed);
  const clock = opts.clock;
  const [latMin, latMax] = opts.latencyMs ?? [1, 20];
  const queues = new Map<string, SimQueue>();
  let ids = 0;
  const now = () => clock.nowMs();
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  const latency = () => latMin + random() * (latMax - latMin);
  const slack = opts.profile.tolerance.retentionSlackMs;

  const fail = (e: ExpectedError): CallResult => ({ type: 'fail', value: { code: e.code, type: e.type, message: e.message, httpStatus: e.httpStatus } satisfies ServiceError, meta: { protocol: 'json', httpStatus: e.httpStatus } });
  const ok = (value: Record<string, unknown>): CallResult => ({ type: 'ok', value, meta: { protocol: 'json', httpStatus: 200 } });
  const queueOf = (input: Record<string, unknown>) => queues.get(String(input.QueueUrl));
  const visible = (m: SimMessage, t: number) => !m.deleted && t >= m.visibleAt && t < m.expiresAt;
  const gone = (m: SimMessage, t: number) => m.deleted || t >= m.expiresAt;
  const allowed = (outs: Outcome[]) => (opts.strictness === 'typical' ? outs.filter((o) => !o.deviation) : outs);
  const byHandle = new Map<string, { q: SimQueue; m: SimMessage }>();

  const status = (m: SimMessage, handle: string, t: number): HandleStatus => {
    if (gone(m, t)) return 'deleted';
    if (handle !== m.newest) return 'stale';
    return t < m.visibleAt ? 'inflight' : 'expired';
  };

  const receiveNow = (q: SimQueue, input: Record<string, unknown>, t: number, atLeastOne: boolean): Record<string, unknown>[] => {
    const candidates = q.messages.filter((m) => visible(m, t));
    const max = typeof input.MaxNumberOfMessages === 'number' ? input.MaxNumberOfMessages : 1;
    const shuffled = candidates.sort(() => random() - 0.5);
    const lowest = atLeastOne && shuffled.length > 0 ? 1 : 0;
    const n = Math.min(max, shuffled.length, lowest + Math.floor(random() * (Math.min(max, shuffled.length) - lowest + 1)));
    const vt = typeof input.VisibilityTimeout === 'number' ? input.VisibilityTimeout : q.config.visibilityTimeout;
    const names = new Set<string>([...((input.MessageSystemAttributeNames as string[]) ?? []), ...((input.AttributeNames as string[]) ?? [])]);
    const all = names.has('All');
    return shuffled.slice(0, n).map((m) => {
      const handle = `sim-${m.id}-${m.count + 1}-${Math.floor(random() * 1e9)}`;
      m.count += 1;
      m.firstReceiveAt ??= t;
      m.newest = handle;
      m.receivedAt.set(handle, t);
      m.visibleAt = t + vt * 1000;
      byHandle.set(handle, { q, m });
      const attrs: Record<string, string> = {};
      const wall = (ms: number) => String(Math.floor(clock.wallMs() - (now() - ms)));
      if (all || names.has('ApproximateReceiveCount')) attrs.ApproximateReceiveCount = String(m.count);
      if (all || names.has('SentTimestamp')) attrs.SentTimestamp = wall(m.sentAt);
      if (all || names.has('ApproximateFirstReceiveTimestamp')) attrs.ApproximateFirstReceiveTimestamp = wall(m.firstReceiveAt);
      if (all || names.has('SenderId')) attrs.SenderId = 'AIDASIMULATED';
      const out: Record<string, unknown> = { MessageId: m.id, ReceiptHandle: handle, MD5OfBody: md5Hex(m.body), Body: m.body };
      if (Object.keys(attrs).length > 0) out.Attributes = attrs;
      return out;
    });
  };

  const serve = async (action: Action, input: Record<string, unknown>): Promise<CallResult> => {
    const t = now();
    switch (action) {
      case 'CreateQueue': {
        const v = validateCreateQueue(input);
        if (!v.ok) return fail(v.error);
        const name = String(input.QueueName);
        const url = `http://sim.local/000000000000/${name}`;
        const set: Record<string, string> = {};
        for (const [k, x] of Object.entries((input.Attributes as Record<string, string>) ?? {})) set[k] = String(x);
        if (!queues.has(url)) queues.set(url, { url, config: queueConfigFromAttributes(name, set), attributes: { ...defaultAttributes('standard'), ...set }, messages: [] });
        return ok({ QueueUrl: url });
      }
      case 'GetQueueAttributes': {
        const q = queueOf(input);
        if (!q) return fail({ code: 'AWS.SimpleQueueService.NonExistentQueue', type: 'QueueDoesNotExist', httpStatus: 400, message: 'The specified queue does not exist.', messageEvidence: 'recorded', source: { file: 'aws-recorded-facts.md', section: 'A11 item 111', evidence: 'recorded' } });
        return ok({ Attributes: { ...q.attributes } });
      }
      case 'DeleteQueue':
        queues.delete(String(input.QueueUrl));
        return ok({});
      case 'SendMessage': {
        const q = queueOf(input)!;
        const v = validateSendMessage(input, q.config);
        if (!v.ok) return fail(v.error);
        const body = String(input.MessageBody);
        const delay = typeof input.DelaySeconds === 'number' ? input.DelaySeconds : q.config.delaySeconds;
        const id = `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`;
        // Retention removes the message at its deadline or somewhat after (sqs-semantics.md 14 N9).
        q.messages.push({ id, body, sentAt: t, visibleAt: t + delay * 1000, expiresAt: t + q.config.messageRetentionPeriod * 1000 + random() * slack * 0.5, receivedAt: new Map(), count: 0, deleted: false });
        return ok({ MessageId: id, MD5OfMessageBody: md5Hex(body) });
      }
      case 'ReceiveMessage': {
        const q = queueOf(input)!;
        const v = validateReceiveMessage(input, q.config);
        if (!v.ok) return fail(v.error);
        const wait = typeof input.WaitTimeSeconds === 'number' ? input.WaitTimeSeconds : q.config.receiveMessageWaitTimeSeconds;
        if (wait <= 0) {
          const messages = receiveNow(q, input, now(), false);
          return ok(messages.length > 0 ? { Messages: messages } : {});
        }
        const deadline = t + wait * 1000;
        for (;;) {
          const messages = receiveNow(q, input, now(), true);
          if (messages.length > 0) return ok({ Messages: messages });
          if (now() >= deadline) return ok({});
          await clock.sleep(Math.min(20, deadline - now()));
        }
      }
      case 'DeleteMessage':
      case 'ChangeMessageVisibility': {
        const isDelete = action === 'DeleteMessage';
        const v = isDelete ? validateDeleteMessage(input) : validateChangeMessageVisibility(input);
        if (!v.ok) return fail(v.error);
        const handle = String(input.ReceiptHandle);
        const owner = byHandle.get(handle);
        if (!owner) return fail(invalidHandleError(handle));
        const { m } = owner;
        const s = status(m, handle, t);
        const vt = Number(input.VisibilityTimeout ?? 0);
        let outcomes = allowed(isDelete ? deleteMessageOutcomes(s, handle) : changeVisibilityOutcomes(s, handle));
        if (!isDelete && outcomes.some((o) => o.effect === 'set-visibility')) {
          const recv = m.receivedAt.get(handle)!;
          if (t - recv + vt * 1000 > VISIBILITY_CAP_SECONDS * 1000) outcomes = [{ response: visibilityCapError(vt), effect: 'none', typical: true, source: visibilityCapError(vt).source }];
        }
        const o = pick(outcomes);
        if (o.effect === 'delete') m.deleted = true;
        if (o.effect === 'set-visibility') m.visibleAt = t + vt * 1000;
        return o.response === 'ok' ? ok({}) : fail(o.response);
      }
      default:
        return fail({ code: 'InvalidAction', type: 'InvalidAction', httpStatus: 400, message: `The action ${action} is not valid for this endpoint.`, messageEvidence: 'recorded', source: { file: 'aws-recorded-facts.md', section: 'A15 item 122', evidence: 'recorded' } });
    }
  };

  const port = (): SqsPort => ({
    protocol: 'json',
    async call(action, input) {
      await clock.sleep(latency());
      const result = await serve(action, input);
      await clock.sleep(latency());
      if (opts.lossRate && action !== 'CreateQueue' && action !== 'DeleteQueue' && random() < opts.lossRate) {
        return { type: 'info', value: { reason: 'timeout', detail: 'simulated lost response' }, meta: { protocol: 'json' } };
      }
      return result;
    },
    close() {},
  });

  return { profile: opts.profile, endpoint: 'http://sim.local', client: port, stop: async () => {} };
}
