// send: SendMessage of a body unique in the run, with an optional per-message delay and extra text
// (sqs-semantics.md 4.7, 5.2).
import fc from 'fast-check';
import type { StepBase, StepKind } from '../types.js';

export interface SendStep extends StepBase {
  op: 'send';
  delaySeconds?: number;
  /** Pad the body to this many UTF-8 bytes. */
  bodySize?: number;
  unicode?: boolean;
  /** Text appended to the unique body tag. */
  content?: string;
}

/** Plain ASCII bodies, with a per-message DelaySeconds of 0..maxDelay sometimes. */
export const sendStep = (maxDelay: number): fc.Arbitrary<SendStep> =>
  fc.option(fc.integer({ min: 0, max: maxDelay }), { nil: undefined }).map((delaySeconds): SendStep => ({ op: 'send', ...(delaySeconds !== undefined ? { delaySeconds } : {}) }));

export const sendKind: StepKind<SendStep> = {
  op: 'send',
  description: 'SendMessage of a unique body, with an optional DelaySeconds.',
  actions: ['SendMessage'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    const tag = ctx.nextBody({ ...(step.unicode ? { unicode: true } : {}), ...(step.bodySize !== undefined ? { size: step.bodySize } : {}) });
    const input: Record<string, unknown> = { QueueUrl: q.url, MessageBody: step.content !== undefined ? `${tag} ${step.content}` : tag };
    if (step.delaySeconds !== undefined) input.DelaySeconds = step.delaySeconds;
    ctx.hides(step.delaySeconds ?? Number(q.setup.attributes?.DelaySeconds ?? 0), q.key);
    await ctx.call('SendMessage', input, q.key);
  },
};
