// purge: PurgeQueue on a queue (sqs-semantics.md 4.6).
import type { StepBase, StepKind } from '../types.js';

export interface PurgeStep extends StepBase {
  op: 'purge';
}

export const purgeKind: StepKind<PurgeStep> = {
  op: 'purge',
  description: 'PurgeQueue.',
  actions: ['PurgeQueue'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    await ctx.call('PurgeQueue', { QueueUrl: q.url }, q.key);
  },
};

export interface CountsStep extends StepBase {
  op: 'counts';
}

/** GetQueueAttributes of the three approximate counts (sqs-semantics.md 3). */
export const countsKind: StepKind<CountsStep> = {
  op: 'counts',
  description: 'GetQueueAttributes ApproximateNumberOfMessages, …NotVisible and …Delayed.',
  actions: ['GetQueueAttributes'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    await ctx.call('GetQueueAttributes', { QueueUrl: q.url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }, q.key);
  },
};
