// probe: one request with a parameter exactly at or just past a documented limit; the model decides
// whether it must fail and how (sqs-semantics.md 3, 4, 13; aws-recorded-facts.md A1).
import fc from 'fast-check';
import { bodyOfBytes } from '../bodies.js';
import type { StepBase, StepKind } from '../types.js';

export type Probe =
  | { kind: 'send-delay'; delaySeconds: number }
  | { kind: 'send-size'; bytes: number } // body of this many bytes (against the queue's MaximumMessageSize)
  | { kind: 'send-empty' }
  | { kind: 'send-char'; codePoint: number }
  | { kind: 'receive-max'; max: number }
  | { kind: 'receive-wait'; waitSeconds: number }
  | { kind: 'receive-visibility'; visibilityTimeout: number }
  | { kind: 'change-visibility'; visibilityTimeout: number }
  | { kind: 'create-queue'; attribute: string; value: number }
  /** SendMessage with these members besides QueueUrl and a unique body (FIFO ids, delays, …). */
  | { kind: 'send-with'; members: Record<string, string | number> }
  /** CreateQueue of a standard or `.fifo` name with these attributes. */
  | { kind: 'create-with'; fifoName: boolean; attributes: Record<string, string> };

export interface ProbeStep extends StepBase {
  op: 'probe';
  probe: Probe;
}

/** Requests at and just past documented limits of the lifecycle's actions. */
export const lifecycleProbe: fc.Arbitrary<Probe> = fc.oneof(
  fc.constantFrom(0, 900, 901, -1).map((delaySeconds): Probe => ({ kind: 'send-delay', delaySeconds })),
  fc.constantFrom(1024, 1025).map((bytes): Probe => ({ kind: 'send-size', bytes })),
  fc.constant<Probe>({ kind: 'send-empty' }),
  fc.constantFrom(0x0, 0x8, 0xb, 0xfffe, 0xffff, 0x9, 0xe000, 0x10000).map((codePoint): Probe => ({ kind: 'send-char', codePoint })),
  fc.constantFrom(0, 1, 10, 11).map((max): Probe => ({ kind: 'receive-max', max })),
  fc.constantFrom(-1, 21).map((waitSeconds): Probe => ({ kind: 'receive-wait', waitSeconds })),
  fc.constantFrom(-1, 43_201).map((visibilityTimeout): Probe => ({ kind: 'receive-visibility', visibilityTimeout })),
  fc.constantFrom(-1, 43_201).map((visibilityTimeout): Probe => ({ kind: 'change-visibility', visibilityTimeout })),
  fc
    .constantFrom<[string, number]>(
      ['VisibilityTimeout', 43_200],
      ['VisibilityTimeout', 43_201],
      ['MessageRetentionPeriod', 59],
      ['MessageRetentionPeriod', 1_209_600],
      ['MessageRetentionPeriod', 1_209_601],
      ['DelaySeconds', 901],
      ['ReceiveMessageWaitTimeSeconds', 21],
      ['MaximumMessageSize', 1023],
      ['MaximumMessageSize', 1_048_577],
    )
    .map(([attribute, value]): Probe => ({ kind: 'create-queue', attribute, value })),
);

export const probeStep = (probe: fc.Arbitrary<Probe>): fc.Arbitrary<ProbeStep> => probe.map((p): ProbeStep => ({ op: 'probe', probe: p }));

export const probeKind: StepKind<ProbeStep> = {
  op: 'probe',
  description: 'A request with one parameter at or just past a documented limit.',
  actions: ['SendMessage', 'ReceiveMessage', 'ChangeMessageVisibility', 'CreateQueue'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    const url = q.url;
    const probe = step.probe;
    const tag = ctx.nextBody();
    switch (probe.kind) {
      case 'send-delay':
        await ctx.call('SendMessage', { QueueUrl: url, MessageBody: tag, DelaySeconds: probe.delaySeconds }, q.key);
        return;
      case 'send-size':
        await ctx.call('SendMessage', { QueueUrl: url, MessageBody: bodyOfBytes(tag, probe.bytes) }, q.key);
        return;
      case 'send-empty':
        await ctx.call('SendMessage', { QueueUrl: url, MessageBody: '' }, q.key);
        return;
      case 'send-char':
        await ctx.call('SendMessage', { QueueUrl: url, MessageBody: `${tag}:${String.fromCodePoint(probe.codePoint)}` }, q.key);
        return;
      case 'receive-max': {
        const r = await ctx.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: probe.max, VisibilityTimeout: 0 }, q.key);
        ctx.handles.remember(r, ctx.process, q.key);
        return;
      }
      case 'receive-wait':
        await ctx.call('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: probe.waitSeconds, VisibilityTimeout: 0 }, q.key);
        return;
      case 'receive-visibility':
        await ctx.call('ReceiveMessage', { QueueUrl: url, VisibilityTimeout: probe.visibilityTimeout }, q.key);
        return;
      case 'change-visibility': {
        // A real handle first, so only the value is wrong.
        await ctx.call('SendMessage', { QueueUrl: url, MessageBody: `${tag}.cmv` }, q.key);
        const r = await ctx.call('ReceiveMessage', { QueueUrl: url, VisibilityTimeout: 30, WaitTimeSeconds: 1 }, q.key);
        if (r.type !== 'ok') return;
        ctx.handles.remember(r, ctx.process, q.key);
        const handle = ctx.handles.resolve({ kind: 'latest' }, ctx.process, q.key);
        if (handle === undefined) return;
        await ctx.call('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: probe.visibilityTimeout }, q.key);
        return;
      }
      case 'create-queue': {
        await ctx.createExtraQueue({ [probe.attribute]: String(probe.value) });
        return;
      }
      case 'send-with':
        await ctx.call('SendMessage', { QueueUrl: url, MessageBody: tag, ...probe.members }, q.key);
        return;
      case 'create-with':
        await ctx.createExtraQueue(probe.attributes, probe.fifoName ? '.fifo' : '');
        return;
    }
  },
};
