// Turns a history into what the checker reasons about: calls, queue configurations, the messages
// that were sent, every receive of each message, and the receipt handles. PURE.
import { pairCalls, type Call, type History, type ServiceError } from '../history/index.js';
import { queueConfigFromAttributes } from '../spec/attributes.js';
import { effectiveDelay, effectiveVisibilityTimeout, effectiveWaitTime } from '../spec/lifecycle.js';
import type { QueueConfig } from '../spec/types.js';
import { num } from './num.js';

/** A message the checker follows, named m1, m2, … in sending order. */
export interface TrackedMessage {
  name: string;
  queue: string;
  send: Call;
  body: string;
  messageId?: string;
  delaySeconds: number;
  /** Receives that returned it, in invoke order. */
  hits: Hit[];
  /** Delete and ChangeMessageVisibility calls that used one of its handles. */
  handleCalls: Call[];
}

export interface Hit {
  call: Call;
  handle: string;
  visibilityTimeout: number;
  waitSeconds: number;
  attributes: Record<string, string>;
  /** Position of the message in the response. */
  position: number;
}

export interface Prepared {
  calls: Call[];
  queues: Map<string, QueueConfig>;
  messages: TrackedMessage[];
  byHandle: Map<string, { message: TrackedMessage; hit: Hit }>;
  /** ok ReceiveMessage calls per queue, in invoke order. */
  receivesByQueue: Map<string, Call[]>;
  /** Receives whose outcome is unknown, per queue. */
  unknownReceivesByQueue: Map<string, Call[]>;
  /** Findings of identification (unexpected, body changed, id changed), as raw facts. */
  identity: IdentityFinding[];
  /** ms offset to convert our wall-clock ms into history ms (history ms = wall - offset). */
  wallOffsetMs: number;
}

export type IdentityFinding =
  | { kind: 'unexpected'; call: Call; messageId: string; body: string }
  | { kind: 'body-changed'; call: Call; message: TrackedMessage; body: string }
  | { kind: 'id-changed'; call: Call; message: TrackedMessage; messageId: string }
  | { kind: 'duplicate-in-response'; call: Call; messageId: string };

export const toMs = (ns: number): number => ns / 1e6;

export function inputOf(call: Call): Record<string, unknown> {
  return call.invoke.value;
}
export function outputOf(call: Call): Record<string, unknown> | undefined {
  return call.complete?.type === 'ok' ? call.complete.value : undefined;
}
export function errorOf(call: Call): ServiceError | undefined {
  return call.complete?.type === 'fail' ? call.complete.value : undefined;
}


function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) if (typeof x === 'string') out[k] = x;
  return out;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function prepare(history: History): Prepared {
  const calls = pairCalls(history.ops);
  const queues = new Map<string, QueueConfig>();
  for (const c of calls) {
    if (c.invoke.f !== 'CreateQueue' || c.complete?.type !== 'ok') continue;
    const input = inputOf(c);
    const name = typeof input.QueueName === 'string' ? input.QueueName : c.invoke.queue;
    queues.set(c.invoke.queue, queueConfigFromAttributes(name, stringMap(input.Attributes)));
  }

  const messages: TrackedMessage[] = [];
  const byId = new Map<string, TrackedMessage>();
  const byBody = new Map<string, TrackedMessage[]>();
  const bodyKey = (queue: string, body: string) => `${queue}\u0000${body}`;
  const receivesByQueue = new Map<string, Call[]>();
  const unknownReceivesByQueue = new Map<string, Call[]>();
  const byHandle = new Map<string, { message: TrackedMessage; hit: Hit }>();
  const identity: IdentityFinding[] = [];

  for (const c of calls) {
    if (c.invoke.f !== 'SendMessage') continue;
    if (c.complete?.type === 'fail') continue; // certainly not sent
    const queue = queues.get(c.invoke.queue);
    if (!queue) continue;
    const input = inputOf(c);
    const body = typeof input.MessageBody === 'string' ? input.MessageBody : '';
    const out = outputOf(c);
    const m: TrackedMessage = {
      name: `m${messages.length + 1}`,
      queue: c.invoke.queue,
      send: c,
      body,
      delaySeconds: effectiveDelay(queue, num(input.DelaySeconds)),
      hits: [],
      handleCalls: [],
    };
    if (out && typeof out.MessageId === 'string') {
      m.messageId = out.MessageId;
      byId.set(out.MessageId, m);
    }
    messages.push(m);
    const k = bodyKey(m.queue, body);
    const same = byBody.get(k);
    if (same) same.push(m);
    else byBody.set(k, [m]);
  }

  for (const c of calls) {
    if (c.invoke.f !== 'ReceiveMessage') continue;
    const queue = queues.get(c.invoke.queue);
    if (!queue) continue;
    if (c.complete?.type === 'fail') continue;
    if (c.complete?.type !== 'ok') {
      pushTo(unknownReceivesByQueue, c.invoke.queue, c);
      continue;
    }
    pushTo(receivesByQueue, c.invoke.queue, c);
    const input = inputOf(c);
    const out = c.complete.value;
    const list = Array.isArray(out.Messages) ? (out.Messages as Record<string, unknown>[]) : [];
    const seenInResponse = new Set<string>();
    list.forEach((raw, position) => {
      const messageId = typeof raw.MessageId === 'string' ? raw.MessageId : '';
      const body = typeof raw.Body === 'string' ? raw.Body : '';
      const handle = typeof raw.ReceiptHandle === 'string' ? raw.ReceiptHandle : '';
      if (seenInResponse.has(messageId)) {
        identity.push({ kind: 'duplicate-in-response', call: c, messageId });
        return;
      }
      seenInResponse.add(messageId);
      let m = byId.get(messageId);
      if (m && m.queue !== c.invoke.queue) m = undefined;
      if (!m) {
        const candidates = byBody.get(bodyKey(c.invoke.queue, body)) ?? [];
        const unbound = candidates.find((x) => x.messageId === undefined);
        if (unbound) {
          unbound.messageId = messageId;
          byId.set(messageId, unbound);
          m = unbound;
        } else if (candidates.length > 0) {
          identity.push({ kind: 'id-changed', call: c, message: candidates[0]!, messageId });
          return;
        } else {
          identity.push({ kind: 'unexpected', call: c, messageId, body });
          return;
        }
      }
      if (body !== m.body) identity.push({ kind: 'body-changed', call: c, message: m, body });
      const hit: Hit = {
        call: c,
        handle,
        visibilityTimeout: effectiveVisibilityTimeout(queue, num(input.VisibilityTimeout)),
        waitSeconds: effectiveWaitTime(queue, num(input.WaitTimeSeconds)),
        attributes: stringMap(raw.Attributes),
        position,
      };
      m.hits.push(hit);
      if (handle !== '' && !byHandle.has(handle)) byHandle.set(handle, { message: m, hit });
    });
  }

  for (const c of calls) {
    if (c.invoke.f !== 'DeleteMessage' && c.invoke.f !== 'ChangeMessageVisibility') continue;
    const handle = inputOf(c).ReceiptHandle;
    if (typeof handle !== 'string') continue;
    const owner = byHandle.get(handle);
    if (owner && owner.message.queue === c.invoke.queue) owner.message.handleCalls.push(c);
  }

  // Our wall clock against the history's monotonic clock: the smallest difference seen is the
  // offset (both are read back to back by the recorder).
  const offsets = history.ops.map((o) => o.wallTime - toMs(o.time)).sort((a, b) => a - b);
  const wallOffsetMs = offsets.length > 0 ? offsets[Math.floor(offsets.length / 2)]! : 0;

  return { calls, queues, messages, byHandle, receivesByQueue, unknownReceivesByQueue, identity, wallOffsetMs };
}
