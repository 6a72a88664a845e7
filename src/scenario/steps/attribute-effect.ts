// attr-effect: SetQueueAttributes must change behaviour, not only the value read back (issue 12;
// sqs-semantics.md 3, 5, 7). The step creates a queue of its own with AWS's defaults, sets one
// attribute by a step (before any message operation), reads it back, then exercises messages so
// that the old and the new value predict different answers:
// - VisibilityTimeout v (default 30): receive, wait v s, long-poll: the message is back;
// - DelaySeconds d (default 0): send, long-poll at once: the message comes after d s, not before;
// - ReceiveMessageWaitTimeSeconds w (default 0): a receive without WaitTimeSeconds on the empty
//   queue waits w s;
// - MessageRetentionPeriod 60 (default 4 days): the message is gone a little after 60 s.
// The checker's attribute-effect rule (src/check/rules/queues/effect.ts) judges the timings.
import fc from 'fast-check';
import type { StepBase, StepKind } from '../types.js';
import { slotKey, slotPrefix } from './manage.js';

export type EffectAttribute = 'VisibilityTimeout' | 'DelaySeconds' | 'ReceiveMessageWaitTimeSeconds' | 'MessageRetentionPeriod';

export interface AttributeEffectStep extends StepBase {
  op: 'attr-effect';
  slot: string;
  attribute: EffectAttribute;
  /** The value set (seconds). */
  value: number;
}

/** How long past the retention period the step looks again (the local profiles' slack is 2 s). */
const RETENTION_MARGIN_MS = 3_500;

export const attributeEffectStep = (attribute: EffectAttribute, slot: string, values: fc.Arbitrary<number>): fc.Arbitrary<AttributeEffectStep> =>
  values.map((value): AttributeEffectStep => ({ op: 'attr-effect', slot, attribute, value }));

export const attributeEffectKind: StepKind<AttributeEffectStep> = {
  op: 'attr-effect',
  description: 'SetQueueAttributes on a fresh queue, then messages that only the new value explains.',
  actions: ['CreateQueue', 'SetQueueAttributes', 'GetQueueAttributes', 'SendMessage', 'ReceiveMessage', 'DeleteMessage'],
  async run(step, ctx) {
    const key = slotKey(ctx, step.slot);
    const created = await ctx.createQueue({ QueueName: `${slotPrefix(ctx)}${step.slot}` }, key);
    if (created.type !== 'ok' || typeof created.value.QueueUrl !== 'string') return;
    const url = created.value.QueueUrl;
    const set = await ctx.call('SetQueueAttributes', { QueueUrl: url, Attributes: { [step.attribute]: String(step.value) } }, key);
    if (set.type !== 'ok') return;
    await ctx.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: [step.attribute] }, key);
    const receive = async (input: Record<string, unknown>) => {
      const r = await ctx.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10, ...input }, key);
      ctx.handles.remember(r, ctx.process, key);
      return r;
    };
    const deleteLatest = async () => {
      const handle = ctx.handles.resolve({ kind: 'latest' }, ctx.process, key);
      if (handle !== undefined) await ctx.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: handle }, key);
    };
    switch (step.attribute) {
      case 'VisibilityTimeout': {
        await ctx.call('SendMessage', { QueueUrl: url, MessageBody: ctx.nextBody() }, key);
        const first = await receive({ WaitTimeSeconds: 2 });
        if (first.type !== 'ok' || !Array.isArray(first.value.Messages) || first.value.Messages.length === 0) return;
        await ctx.sleep(step.value * 1000 + 300);
        await receive({ WaitTimeSeconds: 2 });
        await deleteLatest();
        return;
      }
      case 'DelaySeconds':
        await ctx.call('SendMessage', { QueueUrl: url, MessageBody: ctx.nextBody() }, key);
        await receive({ WaitTimeSeconds: Math.min(20, step.value + 2) });
        await deleteLatest();
        return;
      case 'ReceiveMessageWaitTimeSeconds':
        await receive({});
        return;
      case 'MessageRetentionPeriod':
        await ctx.call('SendMessage', { QueueUrl: url, MessageBody: ctx.nextBody() }, key);
        await ctx.sleep(step.value * 1000 + RETENTION_MARGIN_MS);
        await receive({ WaitTimeSeconds: 1, VisibilityTimeout: 0 });
        return;
    }
  },
};
