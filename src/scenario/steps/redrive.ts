// Dead-letter queue steps (sqs-semantics.md 3, 4.14, 5.5): ListDeadLetterSourceQueues on a queue,
// and a probe of RedrivePolicy targets on queues of its own (so the scenario's queues keep their
// policy whatever the target answers): a missing queue, a queue of the other type, a DLQ whose
// RedriveAllowPolicy denies every source or lists another one, one that lists this source, and
// maxReceiveCount at and past its limits.
import fc from 'fast-check';
import type { StepBase, StepKind, StepResult } from '../types.js';

export interface ListSourcesStep extends StepBase {
  op: 'list-dlq-sources';
}

export type RedriveProbe = 'missing' | 'other-type' | 'deny-all' | 'by-queue-other' | 'by-queue-listed' | { maxReceiveCount: number };

export interface RedriveProbeStep extends StepBase {
  op: 'redrive-probe';
  probe: RedriveProbe;
}

/** Every RedrivePolicy probe, and maxReceiveCount at 0, 1, 1000 and 1001 (sqs-semantics.md 3). */
export const REDRIVE_PROBES: readonly RedriveProbe[] = ['missing', 'other-type', 'deny-all', 'by-queue-other', 'by-queue-listed', { maxReceiveCount: 0 }, { maxReceiveCount: 1 }, { maxReceiveCount: 1000 }, { maxReceiveCount: 1001 }];

export const redriveProbeStep: fc.Arbitrary<RedriveProbeStep> = fc.constantFrom(...REDRIVE_PROBES).map((probe): RedriveProbeStep => ({ op: 'redrive-probe', probe }));

export const listSourcesKind: StepKind<ListSourcesStep> = {
  op: 'list-dlq-sources',
  description: 'ListDeadLetterSourceQueues on a queue.',
  actions: ['ListDeadLetterSourceQueues'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    await ctx.call('ListDeadLetterSourceQueues', { QueueUrl: q.url }, q.key);
  },
};

const urlOf = (r: StepResult) => (r.type === 'ok' && typeof r.value.QueueUrl === 'string' ? r.value.QueueUrl : undefined);
const arnOf = (r: StepResult) => (r.type === 'ok' ? (r.value.Attributes as Record<string, unknown> | undefined)?.QueueArn : undefined);

export const redriveProbeKind: StepKind<RedriveProbeStep> = {
  op: 'redrive-probe',
  description: 'SetQueueAttributes RedrivePolicy on a queue of its own, naming a missing, other-type, denying or allowing dead-letter queue, or with maxReceiveCount at its limits.',
  actions: ['CreateQueue', 'GetQueueAttributes', 'SetQueueAttributes'],
  async run(step, ctx) {
    const probe = step.probe;
    const source = await ctx.createExtraQueue({});
    const sourceUrl = urlOf(source.result);
    if (!sourceUrl) return;
    const sourceArn = arnOf(await ctx.call('GetQueueAttributes', { QueueUrl: sourceUrl, AttributeNames: ['QueueArn'] }, source.key));
    if (typeof sourceArn !== 'string') return;
    let targetArn: string;
    if (probe === 'missing') {
      targetArn = `${sourceArn}-missing`;
    } else {
      const attributes: Record<string, string> =
        probe === 'other-type'
          ? { FifoQueue: 'true' }
          : probe === 'deny-all'
            ? { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'denyAll' }) }
            : probe === 'by-queue-other'
              ? { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [`${sourceArn}-other`] }) }
              : probe === 'by-queue-listed'
                ? { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: [sourceArn] }) }
                : {};
      const target = await ctx.createExtraQueue(attributes, probe === 'other-type' ? '.fifo' : '');
      const targetUrl = urlOf(target.result);
      if (!targetUrl) return;
      const arn = arnOf(await ctx.call('GetQueueAttributes', { QueueUrl: targetUrl, AttributeNames: ['QueueArn'] }, target.key));
      if (typeof arn !== 'string') return;
      targetArn = arn;
    }
    const maxReceiveCount = typeof probe === 'object' ? probe.maxReceiveCount : 2;
    await ctx.call('SetQueueAttributes', { QueueUrl: sourceUrl, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: targetArn, maxReceiveCount }) } }, source.key);
  },
};

export interface MoveTaskStep extends StepBase {
  op: 'move-task';
  /** The dead-letter queue (scenario key) to move out of. */
  from: string;
  /** A destination queue (scenario key), or each message's own source when absent. */
  to?: string;
  rate?: number;
}

export interface ListMoveTasksStep extends StepBase {
  op: 'list-move-tasks';
  from: string;
}

/** Move-task requests the model refuses: out of a queue that is no DLQ (item 46), to a missing destination (47), cancels of a malformed handle (49). */
export type MoveTaskProbe = 'not-a-dlq' | 'missing-destination' | 'cancel-malformed';

export interface MoveTaskProbeStep extends StepBase {
  op: 'move-task-probe';
  probe: MoveTaskProbe;
  /** A queue of the scenario that is not a DLQ, and the scenario's DLQ. */
  plain: string;
  dlq: string;
}

async function arnOfQueue(ctx: Parameters<StepKind['run']>[1], key: string): Promise<string | undefined> {
  const q = ctx.queue(key);
  const a = arnOf(await ctx.call('GetQueueAttributes', { QueueUrl: q.url, AttributeNames: ['QueueArn'] }, key));
  return typeof a === 'string' ? a : undefined;
}

export const moveTaskKind: StepKind<MoveTaskStep> = {
  op: 'move-task',
  description: 'StartMessageMoveTask out of a dead-letter queue, to a destination or back to each source, with or without a rate.',
  actions: ['GetQueueAttributes', 'StartMessageMoveTask'],
  async run(step, ctx) {
    const source = await arnOfQueue(ctx, step.from);
    const dest = step.to !== undefined ? await arnOfQueue(ctx, step.to) : undefined;
    if (!source || (step.to !== undefined && !dest)) return;
    const input: Record<string, unknown> = { SourceArn: source };
    if (dest) input.DestinationArn = dest;
    if (step.rate !== undefined) input.MaxNumberOfMessagesPerSecond = step.rate;
    await ctx.call('StartMessageMoveTask', input, step.from);
    // Copies may arrive for a while: the drain waits (at most the rate allows for a few messages).
    ctx.hides(step.rate !== undefined ? Math.ceil(10 / step.rate) : 2, step.to ?? step.from);
  },
};

export const listMoveTasksKind: StepKind<ListMoveTasksStep> = {
  op: 'list-move-tasks',
  description: 'ListMessageMoveTasks of a dead-letter queue.',
  actions: ['GetQueueAttributes', 'ListMessageMoveTasks'],
  async run(step, ctx) {
    const source = await arnOfQueue(ctx, step.from);
    if (source) await ctx.call('ListMessageMoveTasks', { SourceArn: source, MaxResults: 10 }, step.from);
  },
};

export const moveTaskProbeKind: StepKind<MoveTaskProbeStep> = {
  op: 'move-task-probe',
  description: 'A move-task request the model refuses: out of a queue that is no DLQ, to a missing destination, a cancel with a malformed handle.',
  actions: ['GetQueueAttributes', 'StartMessageMoveTask', 'CancelMessageMoveTask'],
  async run(step, ctx) {
    if (step.probe === 'cancel-malformed') {
      await ctx.call('CancelMessageMoveTask', { TaskHandle: 'foobared' }, step.dlq);
      return;
    }
    if (step.probe === 'not-a-dlq') {
      const arn = await arnOfQueue(ctx, step.plain);
      if (arn) await ctx.call('StartMessageMoveTask', { SourceArn: arn }, step.plain);
      return;
    }
    const arn = await arnOfQueue(ctx, step.dlq);
    if (arn) await ctx.call('StartMessageMoveTask', { SourceArn: arn, DestinationArn: `${arn}-missing` }, step.dlq);
  },
};
