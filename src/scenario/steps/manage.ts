// manage: one queue-management (or queue-addressed) request, written as data (issue 12). The step
// names queues by slot, and request values may hold placeholders resolved when the step runs,
// since URLs, ARNs, the account and exact byte sizes are known only then:
//   { $url: slot } { $name: slot } { $arn: slot } { $account: true } { $prefix: true }
//   { $handle: slot }                      the newest receipt handle this process got from the slot
//   { $text: { length, char? } }           `char` (default x) repeated: names, ids, labels, tags
//   { $body: { bytes, char? } }            a unique body of exactly `bytes` UTF-8 bytes, filled with `char`
//   { $json: value }                       the value (placeholders resolved) as JSON text
//   { $policy: { slot, statements?, bytes? } }  a queue policy with that many statements, padded to `bytes`
//   { $tags: { total } }                   tags that bring a new queue to `total` tags, the run's own included
// Slots: '' is the scenario's own (first) queue; any other name is `<queue>-<process>-<slot>`; a
// slot starting with `~` names a queue that never exists. A process keeps to its own slots, so
// calls on a queue stay in one order (the queue-management oracle replays them in that order).
import type { Action } from '../../history/index.js';
import type { StepBase, StepContext, StepKind, StepResult } from '../types.js';

/** A request value: JSON, with placeholders (see above). */
export type ManageValue = string | number | boolean | null | ManageValue[] | { [key: string]: ManageValue };

export interface ManageStep extends StepBase {
  op: 'manage';
  action: Action;
  /** The queue the call is about: its QueueUrl, or its QueueName for CreateQueue and GetQueueUrl. */
  slot?: string;
  /** CreateQueue / GetQueueUrl: a FIFO name (ends in `.fifo`). */
  fifo?: boolean;
  /** CreateQueue / GetQueueUrl: the name padded with `x` to exactly this many characters. */
  nameLength?: number;
  /** CreateQueue / GetQueueUrl: text appended to the name (before `.fifo`), e.g. characters SQS refuses. */
  nameSuffix?: string;
  /** Request members besides QueueUrl / QueueName. */
  input?: Record<string, ManageValue>;
  /** ListQueues: follow NextToken to the last page (at most 50 pages). */
  pages?: boolean;
}

const MAX_PAGES = 50;

/** What a process remembers between its manage steps. */
interface Memory {
  urls: Map<string, string>;
  arns: Map<string, string>;
}

const memory = (ctx: StepContext): Memory => ctx.local('manage', () => ({ urls: new Map<string, string>(), arns: new Map<string, string>() }));

/** The scenario's stem: its first queue's name without `.fifo`. */
function stem(ctx: StepContext): string {
  return ctx.queue().name.replace(/\.fifo$/, '');
}

/** The names of a process's queues all start with this (ListQueues prefix). */
export function slotPrefix(ctx: StepContext): string {
  return `${stem(ctx)}-${ctx.processName}-`;
}

function slotName(ctx: StepContext, slot: string): string {
  if (slot === '') return ctx.queue().name;
  return `${slotPrefix(ctx)}${slot.startsWith('~') ? `none-${slot.slice(1)}` : slot}`;
}

/** The history key of a slot's calls. */
export function slotKey(ctx: StepContext, slot: string): string {
  return slot === '' ? ctx.queue().key : `${ctx.processName}-${slot}`;
}

function nameFor(ctx: StepContext, step: ManageStep): string {
  const slot = step.slot ?? '';
  let base = slotName(ctx, slot) + (step.nameSuffix ?? '');
  if (slot === '' && ctx.queue().name.endsWith('.fifo')) base = base.replace(/\.fifo$/, '');
  const suffix = step.fifo ? '.fifo' : '';
  if (step.nameLength === 0) return '';
  if (step.nameLength !== undefined) {
    const room = step.nameLength - suffix.length;
    base = base.length >= room ? base.slice(0, Math.max(1, room)) : base + 'x'.repeat(room - base.length);
  }
  return base + suffix;
}

/** The URL of a slot's queue: as CreateQueue answered it, else built from the first queue's URL. */
function urlOf(ctx: StepContext, slot: string, fifo = false): string {
  if (slot === '') return ctx.queue().url;
  const known = memory(ctx).urls.get(slot);
  if (known !== undefined) return known;
  const main = ctx.queue().url;
  return `${main.slice(0, main.lastIndexOf('/') + 1)}${slotName(ctx, slot)}${fifo ? '.fifo' : ''}`;
}

const accountOf = (url: string): string => /\/([^/]+)\/[^/]+\/?$/.exec(url)?.[1] ?? '000000000000';

async function arnOf(ctx: StepContext, slot: string): Promise<string> {
  const m = memory(ctx);
  const cached = m.arns.get(slot);
  if (cached !== undefined) return cached;
  if (slot.startsWith('~')) {
    const main = await arnOf(ctx, '');
    return `${main.slice(0, main.lastIndexOf(':') + 1)}${slotName(ctx, slot)}`;
  }
  const r = await ctx.call('GetQueueAttributes', { QueueUrl: urlOf(ctx, slot), AttributeNames: ['QueueArn'] }, slotKey(ctx, slot));
  const arn = r.type === 'ok' ? (r.value.Attributes as Record<string, unknown> | undefined)?.QueueArn : undefined;
  // Unknown (the target did not say): a well-formed ARN in the queue URL's account.
  const value = typeof arn === 'string' ? arn : `arn:aws:sqs:us-east-1:${accountOf(urlOf(ctx, slot))}:${slotName(ctx, slot)}`;
  if (typeof arn === 'string') m.arns.set(slot, arn);
  return value;
}

/** A body of exactly `bytes` UTF-8 bytes: a unique tag, then `char` repeated, then ASCII to fill. */
export function bodyOfUtf8(tag: string, bytes: number, char = 'x'): string {
  const head = `${tag}:`;
  if (bytes <= Buffer.byteLength(head)) return 'x'.repeat(Math.max(0, bytes));
  const size = Buffer.byteLength(char);
  const room = bytes - Buffer.byteLength(head);
  const n = Math.floor(room / size);
  return head + char.repeat(n) + 'x'.repeat(room - n * size);
}

/** A queue policy with `statements` statements on `resource`, padded (in a Sid) to exactly `bytes` bytes when given. */
export function policyText(resource: string, account: string, statements: number, bytes?: number): string {
  const make = (pad: string) =>
    JSON.stringify({
      Version: '2012-10-17',
      Id: `${resource}/policy`,
      Statement: Array.from({ length: statements }, (_, i) => ({
        Sid: `s${i}${i === 0 ? pad : ''}`,
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'SQS:SendMessage',
        Resource: resource,
      })),
    });
  const plain = make('');
  if (bytes === undefined || bytes <= Buffer.byteLength(plain)) return plain;
  return make('x'.repeat(bytes - Buffer.byteLength(plain)));
}

function isObject(v: ManageValue): v is { [key: string]: ManageValue } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

async function resolve(ctx: StepContext, v: ManageValue): Promise<unknown> {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) out.push(await resolve(ctx, x));
    return out;
  }
  if (!isObject(v)) return v;
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const arg = v[keys[0]!]!;
    const slotArg = typeof arg === 'string' ? arg : '';
    switch (keys[0]) {
      case '$url':
        return urlOf(ctx, slotArg);
      case '$name':
        return slotName(ctx, slotArg);
      case '$arn':
        return arnOf(ctx, slotArg);
      case '$account':
        return accountOf(ctx.queue().url);
      case '$prefix':
        return slotPrefix(ctx);
      case '$handle':
        return ctx.handles.resolve({ kind: 'latest' }, ctx.process, slotKey(ctx, slotArg)) ?? 'AQEB-no-handle-yet';
      case '$text': {
        const a = isObject(arg) ? arg : {};
        return String(a.char ?? 'x').repeat(Number(a.length ?? 0));
      }
      case '$body': {
        const a = isObject(arg) ? arg : {};
        return bodyOfUtf8(ctx.nextBody(), Number(a.bytes ?? 1), typeof a.char === 'string' ? a.char : 'x');
      }
      case '$tags': {
        // Tags that bring the queue to `total` tags, the run's own tags included.
        const a = isObject(arg) ? arg : {};
        const own = Object.keys(ctx.runTags).length;
        return Object.fromEntries(Array.from({ length: Math.max(0, Number(a.total ?? 0) - own) }, (_, i) => [`t${i}`, 'v']));
      }
      case '$json':
        return JSON.stringify(await resolve(ctx, arg));
      case '$policy': {
        const a = isObject(arg) ? arg : {};
        const slot = typeof a.slot === 'string' ? a.slot : '';
        return policyText(await arnOf(ctx, slot), accountOf(ctx.queue().url), Number(a.statements ?? 1), a.bytes === undefined ? undefined : Number(a.bytes));
      }
      default:
        break;
    }
  }
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const k of keys) out[k] = await resolve(ctx, v[k]!);
  return out;
}

async function runManage(step: ManageStep, ctx: StepContext): Promise<StepResult> {
  const slot = step.slot;
  const input = (await resolve(ctx, step.input ?? {})) as Record<string, unknown>;
  const key = slot === undefined ? ctx.queue().key : slotKey(ctx, slot);
  switch (step.action) {
    case 'CreateQueue': {
      const name = nameFor(ctx, step);
      const r = await ctx.createQueue({ QueueName: name, ...input }, key);
      if (r.type === 'ok' && typeof r.value.QueueUrl === 'string' && slot !== undefined) memory(ctx).urls.set(slot, r.value.QueueUrl);
      return r;
    }
    case 'GetQueueUrl':
      return ctx.call('GetQueueUrl', { QueueName: nameFor(ctx, step), ...input }, key);
    case 'ListQueues': {
      let r = await ctx.call('ListQueues', input, key);
      for (let page = 1; step.pages && page < MAX_PAGES && r.type === 'ok' && typeof r.value.NextToken === 'string' && r.value.NextToken !== ''; page++) {
        r = await ctx.call('ListQueues', { ...input, NextToken: r.value.NextToken }, key);
      }
      return r;
    }
    case 'ListMessageMoveTasks':
    case 'StartMessageMoveTask':
    case 'CancelMessageMoveTask':
      return ctx.call(step.action, input, key);
    default: {
      const r = await ctx.call(step.action, { QueueUrl: urlOf(ctx, slot ?? '', step.fifo === true), ...input }, key);
      if (step.action === 'ReceiveMessage') ctx.handles.remember(r, ctx.process, key);
      if (step.action === 'DeleteQueue' && r.type === 'ok' && slot !== undefined) memory(ctx).arns.delete(slot);
      return r;
    }
  }
}

export const manageKind: StepKind<ManageStep> = {
  op: 'manage',
  description: 'One queue-management (or queue-addressed) request on a slot queue, values resolved when it runs.',
  actionsOf: (step) => [step.action],
  actions: [
    'CreateQueue',
    'DeleteQueue',
    'GetQueueUrl',
    'GetQueueAttributes',
    'SetQueueAttributes',
    'ListQueues',
    'PurgeQueue',
    'TagQueue',
    'UntagQueue',
    'ListQueueTags',
    'AddPermission',
    'RemovePermission',
    'ListDeadLetterSourceQueues',
    'StartMessageMoveTask',
    'ListMessageMoveTasks',
    'CancelMessageMoveTask',
    'SendMessage',
    'SendMessageBatch',
    'ReceiveMessage',
    'DeleteMessage',
    'DeleteMessageBatch',
    'ChangeMessageVisibility',
    'ChangeMessageVisibilityBatch',
  ],
  async run(step, ctx) {
    await runManage(step, ctx);
  },
};

/** A manage step (for scenario tables). */
export const manage = (action: Action, slot?: string, input?: Record<string, ManageValue>, extra: Partial<Omit<ManageStep, 'op' | 'action' | 'slot' | 'input'>> = {}): ManageStep => ({
  op: 'manage',
  action,
  ...(slot !== undefined ? { slot } : {}),
  ...(input !== undefined ? { input } : {}),
  ...extra,
});
