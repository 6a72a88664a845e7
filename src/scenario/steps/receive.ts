// receive: ReceiveMessage with optional MaxNumberOfMessages, VisibilityTimeout and WaitTimeSeconds,
// asking for system attributes in one of the ways SQS accepts (sqs-semantics.md 4.9;
// aws-recorded-facts.md A9 items 91-92), and optionally for message attributes by
// MessageAttributeNames (item 90).
import fc from 'fast-check';
import { DEFAULT_VISIBILITY_TIMEOUT } from '../defaults.js';
import type { StepBase, StepKind } from '../types.js';

/** `trace`: only AWSTraceHeader (item 94); the other kinds as their names say. */
export type AttributeRequest = 'none' | 'all' | 'named' | 'legacy-all' | 'trace';

export interface ReceiveStep extends StepBase {
  op: 'receive';
  max?: number;
  visibilityTimeout?: number;
  waitSeconds?: number;
  attributes: AttributeRequest;
  /** Sent as `MessageAttributeNames` (absent: the member is left out, no message attributes asked for). */
  attributeNames?: string[];
  /** Send a ReceiveRequestAttemptId of this process (FIFO: a retry with it returns the same messages, sqs-semantics.md 9). */
  attemptId?: boolean;
}

export interface ReceiveRetryStep extends StepBase {
  op: 'receive-retry';
}

const attributeRequest: fc.Arbitrary<AttributeRequest> = fc.constantFrom<AttributeRequest>('all', 'none', 'named', 'legacy-all');

export const receiveStep = (opts: { maxVisibility: number; maxWait: number }): fc.Arbitrary<ReceiveStep> =>
  fc
    .record({
      visibilityTimeout: fc.option(fc.integer({ min: 0, max: opts.maxVisibility }), { nil: undefined }),
      waitSeconds: fc.option(fc.integer({ min: 0, max: opts.maxWait }), { nil: undefined }),
      max: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
      attributes: attributeRequest,
    })
    .map(({ visibilityTimeout, waitSeconds, max, attributes }): ReceiveStep => ({
      op: 'receive',
      attributes,
      ...(visibilityTimeout !== undefined ? { visibilityTimeout } : {}),
      ...(waitSeconds !== undefined ? { waitSeconds } : {}),
      ...(max !== undefined ? { max } : {}),
    }));

/** The request a receive step sends. */
export function receiveInput(step: Omit<ReceiveStep, 'op'>, queueUrl: string): Record<string, unknown> {
  const input: Record<string, unknown> = { QueueUrl: queueUrl };
  if (step.max !== undefined) input.MaxNumberOfMessages = step.max;
  if (step.visibilityTimeout !== undefined) input.VisibilityTimeout = step.visibilityTimeout;
  if (step.waitSeconds !== undefined) input.WaitTimeSeconds = step.waitSeconds;
  if (step.attributes === 'all') input.MessageSystemAttributeNames = ['All'];
  if (step.attributes === 'legacy-all') input.AttributeNames = ['All'];
  if (step.attributes === 'named') input.MessageSystemAttributeNames = ['ApproximateReceiveCount', 'SentTimestamp'];
  if (step.attributes === 'trace') input.MessageSystemAttributeNames = ['AWSTraceHeader'];
  if (step.attributeNames !== undefined) input.MessageAttributeNames = [...step.attributeNames];
  return input;
}

export const receiveKind: StepKind<ReceiveStep> = {
  op: 'receive',
  description: 'ReceiveMessage (short or long poll), remembering the receipt handles it returns.',
  actions: ['ReceiveMessage'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    const input = receiveInput(step, q.url);
    if (step.attemptId) {
      const n = ctx.local('attempts', () => ({ n: 0 }));
      input.ReceiveRequestAttemptId = `${ctx.processName}-a${n.n++}`;
    }
    ctx.local<{ last?: { input: Record<string, unknown>; key: string; hides: number } }>('last-receive', () => ({})).last = {
      input,
      key: q.key,
      hides: step.visibilityTimeout ?? Number(q.setup.attributes?.VisibilityTimeout ?? DEFAULT_VISIBILITY_TIMEOUT),
    };
    const r = await ctx.call('ReceiveMessage', input, q.key);
    ctx.hides(step.visibilityTimeout ?? Number(q.setup.attributes?.VisibilityTimeout ?? DEFAULT_VISIBILITY_TIMEOUT), q.key);
    ctx.handles.remember(r, ctx.process, q.key);
  },
};

/** The same request as this process's last receive, ReceiveRequestAttemptId included: a retry. */
export const receiveRetryKind: StepKind<ReceiveRetryStep> = {
  op: 'receive-retry',
  description: 'ReceiveMessage again with the request (and ReceiveRequestAttemptId) of the last receive of this process.',
  actions: ['ReceiveMessage'],
  async run(_step, ctx) {
    const last = ctx.local<{ last?: { input: Record<string, unknown>; key: string; hides: number } }>('last-receive', () => ({})).last;
    if (!last) return;
    const r = await ctx.call('ReceiveMessage', last.input, last.key);
    ctx.hides(last.hides, last.key);
    ctx.handles.remember(r, ctx.process, last.key);
  },
};
