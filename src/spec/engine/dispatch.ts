// The engine: the reference model run forward. PURE: no clock reads and no I/O; every action
// takes the time `nowMs` (epoch ms); identifiers come from the injected IdSource; where SQS allows
// several outcomes the Chooser picks one (choose: typical | random(seed), choose.ts). The SQS
// actions are listed ONCE, in HANDLERS; the method names, ENGINE_ACTIONS and dispatch derive from it.
// Long polling is the caller's job, through long-poll.ts (`nextVisibleAtMs`, `onAvailable`).
import { changeMessageVisibilityBatch, deleteMessageBatch, sendMessageBatch } from './batches.js';
import { createChooser, type Choose } from './choose.js';
import { advanceTasks, cancelMessageMoveTask, listMessageMoveTasks, startMessageMoveTask } from './dead-letter.js';
import { changeMessageVisibility, deleteMessage } from './handle-actions.js';
import { randomIds } from './ids.js';
import { addPermission, listQueueTags, removePermission, tagQueue, untagQueue } from './permissions.js';
import { createQueue, deleteQueue, getQueueAttributes, getQueueUrl, listDeadLetterSourceQueues, listQueues, purgeQueue, setQueueAttributes } from './queues.js';
import { receiveMessage } from './receive.js';
import { sendMessage } from './send.js';
import { effectiveWaitTime } from '../model/polling.js';
import { delayed, epochMs, expiryOf, inflight, nameFromUrl, timesOf, urlOf, type EngineState } from './state.js';
import type * as T from './types.js';

export interface EngineOptions {
  region?: string;
  accountId?: string;
  /** Default `MaximumMessageSize` of new queues (sqs-semantics.md section 14 N23: 1,048,576 or 262,144). */
  defaultMaximumMessageSize?: number;
  ids?: T.IdSource;
  /** Scheme, host and port of queue URLs: `<endpoint>/<accountId>/<name>`. */
  endpoint?: string;
  /** The `SenderId` system attribute (real SQS: the caller's IAM principal id; item 95). */
  senderId?: string;
  /** Which allowed outcome to take where SQS allows several (default: the AWS-typical one). */
  choose?: Choose;
}

/** Every SQS action the engine serves, by its SQS name. */
const HANDLERS = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  DeleteQueue: deleteQueue,
  PurgeQueue: purgeQueue,
  SendMessage: sendMessage,
  SendMessageBatch: sendMessageBatch,
  ReceiveMessage: receiveMessage,
  DeleteMessage: deleteMessage,
  DeleteMessageBatch: deleteMessageBatch,
  ChangeMessageVisibility: changeMessageVisibility,
  ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
  ListQueueTags: listQueueTags,
  AddPermission: addPermission,
  RemovePermission: removePermission,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  StartMessageMoveTask: startMessageMoveTask,
  ListMessageMoveTasks: listMessageMoveTasks,
  CancelMessageMoveTask: cancelMessageMoveTask,
} as const;

type Handlers = typeof HANDLERS;
export type EngineAction = keyof Handlers;
export const ENGINE_ACTIONS = Object.keys(HANDLERS) as EngineAction[];

/** `createQueue(input, nowMs)` for `CreateQueue`, and so on: one method per action. */
export type EngineMethods = {
  [A in EngineAction as Uncapitalize<A>]: (input: Parameters<Handlers[A]>[1], nowMs: number) => ReturnType<Handlers[A]>;
};

const methodName = <A extends EngineAction>(a: A) => (a.charAt(0).toLowerCase() + a.slice(1)) as Uncapitalize<A>;

export function createEngine(options: EngineOptions = {}) {
  const ids = options.ids ?? randomIds;
  const accountId = options.accountId ?? '000000000000';
  const s: EngineState = {
    region: options.region ?? 'us-east-1',
    accountId,
    senderId: options.senderId ?? accountId,
    ids,
    secret: ids.nonce(),
    attributeOptions: options.defaultMaximumMessageSize !== undefined ? { defaultMaximumMessageSize: options.defaultMaximumMessageSize } : undefined,
    endpoint: (options.endpoint ?? 'http://localhost:9324').replace(/\/+$/, ''),
    queues: new Map(),
    deletedAt: new Map(),
    tasks: [],
    listeners: new Set(),
    chooser: createChooser(options.choose),
    counters: { messageKeys: 0, receives: 0, incarnations: 0 },
    originMs: undefined,
  };

  /** The caller's epoch instant as engine time (state.ts originMs); the first call fixes the origin. */
  function engineTime(nowMs: number): number {
    // An integer origin keeps the conversion exact both ways (t = now - origin and back).
    if (s.originMs === undefined) s.originMs = Math.floor(nowMs);
    const t = nowMs - s.originMs;
    // A difference of two boxed numbers is boxed too, even when whole: `| 0` gives V8 the small
    // integer (within ±24 days of the origin; beyond, or fractional, t stays as it is).
    return (t | 0) === t ? t | 0 : t;
  }

  /** Runs an action by its SQS name; move tasks run forward first, so their progress follows the caller's time. */
  function dispatch(action: EngineAction, input: Record<string, unknown>, nowMs: number): T.EngineResult<Record<string, unknown>> {
    const h = HANDLERS[action] as (st: EngineState, i: unknown, n: number) => T.EngineResult<unknown>;
    const now = engineTime(nowMs);
    if (s.tasks.length > 0) advanceTasks(s, now);
    return h(s, input, now) as T.EngineResult<Record<string, unknown>>;
  }

  const methods = Object.fromEntries(
    ENGINE_ACTIONS.map((a) => [methodName(a), (input: Record<string, unknown>, nowMs: number) => dispatch(a, input, nowMs)]),
  ) as unknown as EngineMethods;

  /** Earliest instant after `now` when a hidden message of the queue becomes visible, if any. */
  function nextVisibleAtMs(queueUrl: string, nowMs: number): number | undefined {
    const q = s.queues.get(nameFromUrl(queueUrl));
    if (!q) return undefined;
    const now = engineTime(nowMs);
    let best: number | undefined;
    q.index.promote(now);
    const first = q.index.firstHidden();
    if (first === undefined || now < expiryOf(q, first)) best = first?.wakeMs;
    else {
      // The first one is past its retention and not yet removed: look at the others.
      for (const m of q.messages.values()) {
        const t = timesOf(q, m);
        const at = delayed(q, m, now) ? t.delayUntilMs : inflight(q, m, now) ? (t.inflightUntilMs as number) : undefined;
        if (at !== undefined && now < expiryOf(q, m) && (best === undefined || at < best)) best = at;
      }
    }
    for (const t of s.tasks) if (t.status === 'RUNNING' && t.rate !== undefined) best = best === undefined ? now + 1000 : Math.min(best, now + 1000);
    return best === undefined ? undefined : epochMs(s, best);
  }

  return {
    ...methods,
    region: s.region,
    accountId,
    get endpoint() {
      return s.endpoint;
    },
    /** Changes the scheme/host/port of queue URLs (existing queues keep theirs until re-created). */
    setEndpoint(url: string): void {
      s.endpoint = url.replace(/\/+$/, '');
      for (const q of s.queues.values()) q.url = urlOf(s, q.name);
    },
    dispatch,
    nextVisibleAtMs,
    /** The queue name a QueueUrl designates (whether or not it exists). */
    queueNameOf: nameFromUrl,
    /** The URL of an existing queue by name. */
    queueUrl(name: string): string | undefined {
      return s.queues.get(name)?.url;
    },
    /** The wait a receive uses: its WaitTimeSeconds, else its queue's default (model/polling.ts); 0 without a queue. */
    waitSecondsOf(input: T.ReceiveMessageInput): number {
      const q = input.QueueUrl === undefined ? undefined : s.queues.get(nameFromUrl(input.QueueUrl));
      return q ? effectiveWaitTime(q.config, input.WaitTimeSeconds) : (input.WaitTimeSeconds ?? 0);
    },
    /** Called with a queue name whenever messages there may have become receivable. Returns an unsubscribe. */
    onAvailable(listener: (queueName: string) => void): () => void {
      s.listeners.add(listener);
      return () => s.listeners.delete(listener);
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
