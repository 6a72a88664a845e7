// FIFO sends (sqs-semantics.md 9, 17; aws-recorded-facts.md A7): a message to a group, its
// deduplication id explicit and fresh, explicit and repeated (the id of an earlier send of this
// process), or left to content-based deduplication (a repeated body repeats the id); and batches
// of such entries, where repeats inside one batch collapse into one message.
import fc from 'fast-check';
import type { StepBase, StepContext, StepKind } from '../types.js';

/** How a FIFO send is deduplicated. */
export type Dedup =
  | { kind: 'fresh' } // a new explicit MessageDeduplicationId
  | { kind: 'repeat'; back: number; sameBody: boolean } // the id (and maybe body) of the back-th previous send of this process
  | { kind: 'content' } // no id: the queue's ContentBasedDeduplication hashes the body
  | { kind: 'content-repeat'; back: number }; // the body of an earlier send again, no id

export interface FifoSendStep extends StepBase {
  op: 'fifo-send';
  group: number;
  dedup: Dedup;
}

export interface FifoBatchEntry {
  group: number;
  dedup: Dedup;
}

export interface FifoSendBatchStep extends StepBase {
  op: 'fifo-send-batch';
  entries: FifoBatchEntry[];
}

export const dedup = (contentBased: boolean): fc.Arbitrary<Dedup> =>
  contentBased
    ? fc.oneof(
        { weight: 4, arbitrary: fc.constant<Dedup>({ kind: 'content' }) },
        { weight: 2, arbitrary: fc.nat({ max: 3 }).map((back): Dedup => ({ kind: 'content-repeat', back })) },
        { weight: 1, arbitrary: fc.constant<Dedup>({ kind: 'fresh' }) },
      )
    : fc.oneof(
        { weight: 5, arbitrary: fc.constant<Dedup>({ kind: 'fresh' }) },
        { weight: 2, arbitrary: fc.record({ back: fc.nat({ max: 3 }), sameBody: fc.boolean() }).map(({ back, sameBody }): Dedup => ({ kind: 'repeat', back, sameBody })) },
      );

export const fifoSendStep = (opts: { groups: number; contentBased: boolean }): fc.Arbitrary<FifoSendStep> =>
  fc.record({ group: fc.nat({ max: opts.groups - 1 }), dedup: dedup(opts.contentBased) }).map(({ group, dedup: d }): FifoSendStep => ({ op: 'fifo-send', group, dedup: d }));

export const fifoSendBatchStep = (opts: { groups: number; contentBased: boolean }): fc.Arbitrary<FifoSendBatchStep> =>
  fc
    .array(fc.record({ group: fc.nat({ max: opts.groups - 1 }), dedup: dedup(opts.contentBased) }), { minLength: 1, maxLength: 10 })
    .map((entries): FifoSendBatchStep => ({ op: 'fifo-send-batch', entries }));

/** What this process sent, so repeats can name an earlier send. */
const history = (ctx: StepContext) => ctx.local<{ body: string; dedupId?: string }[]>('fifo-sent', () => []);

/** The request members of one FIFO send, and what to remember of it. */
function entryFor(ctx: StepContext, group: number, d: Dedup, earlier: { body: string; dedupId?: string }[]): Record<string, unknown> {
  const prior = (back: number) => earlier[earlier.length - 1 - (back % Math.max(1, earlier.length))];
  let body = ctx.nextBody();
  let dedupId: string | undefined;
  switch (d.kind) {
    case 'fresh':
      dedupId = `d-${body.replace(/[^A-Za-z0-9]/g, '-')}`.slice(0, 128);
      break;
    case 'repeat': {
      const p = prior(d.back);
      dedupId = p?.dedupId ?? `d-${body.replace(/[^A-Za-z0-9]/g, '-')}`.slice(0, 128);
      if (d.sameBody && p) body = p.body;
      break;
    }
    case 'content':
      break;
    case 'content-repeat': {
      const p = prior(d.back);
      if (p && p.dedupId === undefined) body = p.body;
      break;
    }
  }
  earlier.push({ body, ...(dedupId !== undefined ? { dedupId } : {}) });
  return { MessageBody: body, MessageGroupId: `g${group}`, ...(dedupId !== undefined ? { MessageDeduplicationId: dedupId } : {}) };
}

export const fifoSendKind: StepKind<FifoSendStep> = {
  op: 'fifo-send',
  description: 'SendMessage to a FIFO group with a fresh, repeated or content-based deduplication id.',
  actions: ['SendMessage'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    const entry = entryFor(ctx, step.group, step.dedup, history(ctx));
    ctx.hides(Number(q.setup.attributes?.DelaySeconds ?? 0), q.key);
    await ctx.call('SendMessage', { QueueUrl: q.url, ...entry }, q.key);
  },
};

export const fifoSendBatchKind: StepKind<FifoSendBatchStep> = {
  op: 'fifo-send-batch',
  description: 'SendMessageBatch of FIFO entries; repeated deduplication ids inside one batch collapse into one message.',
  actions: ['SendMessageBatch'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    const earlier = history(ctx);
    const entries = step.entries.map((e, i) => ({ Id: `e${i}`, ...entryFor(ctx, e.group, e.dedup, earlier) }));
    ctx.hides(Number(q.setup.attributes?.DelaySeconds ?? 0), q.key);
    await ctx.call('SendMessageBatch', { QueueUrl: q.url, Entries: entries }, q.key);
  },
};
