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
