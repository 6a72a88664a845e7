// delete and changeVisibility: DeleteMessage and ChangeMessageVisibility with a handle resolved
// when the step runs: the newest of this process, an older one of a re-received message, any
// handle seen, or one the service never issued (sqs-semantics.md 4.10, 4.11).
import fc from 'fast-check';
import type { HandleRef, StepBase, StepKind } from '../types.js';

export interface DeleteStep extends StepBase {
  op: 'delete';
  handle: HandleRef;
}

export interface ChangeVisibilityStep extends StepBase {
  op: 'changeVisibility';
  handle: HandleRef;
  visibilityTimeout: number;
}

export const handleRef: fc.Arbitrary<HandleRef> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<HandleRef>({ kind: 'latest' }) },
  { weight: 2, arbitrary: fc.constant<HandleRef>({ kind: 'stale' }) },
  { weight: 2, arbitrary: fc.nat({ max: 20 }).map((pick): HandleRef => ({ kind: 'other', pick })) },
  // Recorded garbage handles: aws-recorded-facts.md A1 item 13 ("garbage"), A2 item 23 ("INVALID").
  { weight: 1, arbitrary: fc.constantFrom('garbage', 'INVALID').map((text): HandleRef => ({ kind: 'garbage', text })) },
);

export const deleteStep: fc.Arbitrary<DeleteStep> = handleRef.map((handle): DeleteStep => ({ op: 'delete', handle }));

export const changeVisibilityStep = (maxVisibility: number): fc.Arbitrary<ChangeVisibilityStep> =>
  fc.record({ visibilityTimeout: fc.integer({ min: 0, max: maxVisibility }), handle: handleRef }).map(({ visibilityTimeout, handle }): ChangeVisibilityStep => ({ op: 'changeVisibility', handle, visibilityTimeout }));

export const deleteKind: StepKind<DeleteStep> = {
  op: 'delete',
  description: 'DeleteMessage with a current, stale, other or garbage receipt handle.',
  actions: ['DeleteMessage'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    const handle = ctx.handles.resolve(step.handle, ctx.process, q.key);
    if (handle === undefined) return;
    await ctx.call('DeleteMessage', { QueueUrl: q.url, ReceiptHandle: handle }, q.key);
  },
};

export const changeVisibilityKind: StepKind<ChangeVisibilityStep> = {
  op: 'changeVisibility',
  description: 'ChangeMessageVisibility with a current, stale, other or garbage receipt handle.',
  actions: ['ChangeMessageVisibility'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    const handle = ctx.handles.resolve(step.handle, ctx.process, q.key);
    if (handle === undefined) return;
    ctx.hides(step.visibilityTimeout, q.key);
    await ctx.call('ChangeMessageVisibility', { QueueUrl: q.url, ReceiptHandle: handle, VisibilityTimeout: step.visibilityTimeout }, q.key);
  },
};
