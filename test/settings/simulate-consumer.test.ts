// simulate and the server run share one consumer loop (settings/workload.ts) and the engine's
// long-poll code; these figures are the predictions before the loop was shared, kept to the letter.
import { describe, expect, it } from 'vitest';
import { consumer, simulate, WorkloadTally, type ReceiveAnswer, type WorkloadSpec } from '../../src/settings/index.js';

const PINNED: Array<{ spec: WorkloadSpec; expected: Record<string, number> }> = [
  {
    spec: { visibilityTimeout: 10, retention: 600, maxReceiveCount: 3, dlqRetention: 1_209_600, consumers: 4, batchSize: 1, waitSeconds: 20, messages: 200, ratePerSecond: 5, processing: { kind: 'lognormal', p50: 2, p99: 15 }, failureRate: 0.1, seed: 7 },
    expected: { deliveries: 225, redeliveries: 25, duplicateDeliveries: 1, processedMoreThanOnce: 1, failedAttempts: 24, succeeded: 200, movedToDlq: 0, expiredInDlq: 0, expiredUnprocessed: 0, unresolved: 0, durationSeconds: 168.54 },
  },
  {
    spec: { visibilityTimeout: 5, retention: 120, maxReceiveCount: 2, dlqRetention: 100, consumers: 3, batchSize: 5, waitSeconds: 20, messages: 300, ratePerSecond: 10, processing: { kind: 'lognormal', p50: 1, p99: 8 }, failureRate: 0.3, seed: 11 },
    expected: { deliveries: 310, redeliveries: 11, duplicateDeliveries: 1, processedMoreThanOnce: 1, failedAttempts: 92, succeeded: 217, movedToDlq: 1, expiredInDlq: 1, expiredUnprocessed: 82, unresolved: 0, durationSeconds: 152.803 },
  },
  {
    spec: { visibilityTimeout: 4, retention: 300, consumers: 2, batchSize: 2, waitSeconds: 0, messages: 80, processing: { kind: 'samples', values: [0.5, 1, 1, 2, 6] }, failureRate: 0.05, seed: 3 },
    expected: { deliveries: 87, redeliveries: 7, duplicateDeliveries: 0, processedMoreThanOnce: 0, failedAttempts: 7, succeeded: 80, movedToDlq: 0, expiredInDlq: 0, expiredUnprocessed: 0, unresolved: 0, durationSeconds: 90.5 },
  },
];

describe('simulate: one consumer loop, same predictions', () => {
  for (const [i, p] of PINNED.entries()) {
    it(`workload ${i + 1} predicts the figures it did before the loop was shared`, () => {
      expect(simulate(p.spec)).toMatchObject(p.expected);
    });
  }

  it('the consumer asks for a receive, processes, deletes what succeeded, and backs off after an empty short poll', () => {
    const spec: WorkloadSpec = { visibilityTimeout: 30, retention: 600, consumers: 1, batchSize: 2, waitSeconds: 0, messages: 2, processing: { kind: 'fixed', seconds: 1 }, failureRate: 0, seed: 1, emptyPollBackoffMs: 250 };
    const tally = new WorkloadTally(spec);
    let now = 0;
    const gen = consumer({ spec, queueUrl: 'q', tally, now: () => now, finished: () => false });
    const kinds: string[] = [];
    let step = gen.next();
    const answer = (v: ReceiveAnswer | boolean | undefined) => (step = gen.next(v));
    kinds.push(step.value && !step.done ? step.value.kind : 'done');
    answer({ ok: true, messages: [] });
    kinds.push(step.value && !step.done ? `${step.value.kind}:${step.value.kind === 'sleep' ? step.value.ms : ''}` : 'done');
    answer(undefined);
    answer({ ok: true, messages: [{ Body: 'm0', ReceiptHandle: 'h0' }, { Body: 'm1', ReceiptHandle: 'h1' }] });
    kinds.push(step.value && !step.done ? `${step.value.kind}:${step.value.kind === 'sleep' ? step.value.ms : ''}` : 'done');
    now = 1000;
    answer(undefined);
    kinds.push(step.value && !step.done ? step.value.kind : 'done');
    answer(true);
    expect(kinds).toEqual(['receive', 'sleep:250', 'sleep:1000', 'delete']);
    expect(tally.deliveries).toBe(2);
  });
});
