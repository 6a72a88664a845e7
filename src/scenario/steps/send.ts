// send: SendMessage of a body unique in the run, with an optional per-message delay and extra text
// (sqs-semantics.md 4.7, 5.2), and optionally message attributes and an AWSTraceHeader message
// system attribute (sqs-semantics.md 4.7, 6.3).
import fc from 'fast-check';
import type { StepBase, StepKind } from '../types.js';
import { wireAttributes, type AttributeSpec } from './attributes.js';

export interface SendStep extends StepBase {
  op: 'send';
  delaySeconds?: number;
  /** Pad the body to this many UTF-8 bytes. */
  bodySize?: number;
  unicode?: boolean;
  /** Text appended to the unique body tag. */
  content?: string;
  /** Message attributes, sent as `MessageAttributes` (absent: none). */
  attributes?: AttributeSpec[];
  /** An AWSTraceHeader value, sent as `MessageSystemAttributes` (absent: none). */
  traceHeader?: string;
}

/** Plain ASCII bodies, with a per-message DelaySeconds of 0..maxDelay sometimes. */
export const sendStep = (maxDelay: number): fc.Arbitrary<SendStep> =>
  fc.option(fc.integer({ min: 0, max: maxDelay }), { nil: undefined }).map((delaySeconds): SendStep => ({ op: 'send', ...(delaySeconds !== undefined ? { delaySeconds } : {}) }));

export const sendKind: StepKind<SendStep> = {
  op: 'send',
  description: 'SendMessage of a unique body, with an optional DelaySeconds, message attributes and trace header.',
  actions: ['SendMessage'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    const tag = ctx.nextBody({ ...(step.unicode ? { unicode: true } : {}), ...(step.bodySize !== undefined ? { size: step.bodySize } : {}) });
    const input: Record<string, unknown> = { QueueUrl: q.url, MessageBody: step.content !== undefined ? `${tag} ${step.content}` : tag };
    if (step.delaySeconds !== undefined) input.DelaySeconds = step.delaySeconds;
    if (step.attributes !== undefined) input.MessageAttributes = wireAttributes(step.attributes);
    if (step.traceHeader !== undefined) input.MessageSystemAttributes = { AWSTraceHeader: { DataType: 'String', StringValue: step.traceHeader } };
    ctx.hides(step.delaySeconds ?? Number(q.setup.attributes?.DelaySeconds ?? 0), q.key);
    await ctx.call('SendMessage', input, q.key);
  },
};
