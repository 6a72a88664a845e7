// simulate: the model's predictions (src/spec/engine in virtual time) against the same workload run
// on the reference server over HTTP with a VirtualClock. The figures are printed for the record.
import { describe, expect, it } from 'vitest';
import { startReferenceServer } from '../../src/server/index.js';
import { compareWithServer, simulate, SimulationError, type WorkloadResult, type WorkloadSpec } from '../../src/settings/index.js';
import { cli } from './helpers.js';

const COUNTED: Array<keyof WorkloadResult> = ['sent', 'deliveries', 'redeliveries', 'duplicateDeliveries', 'processedMoreThanOnce', 'failedAttempts', 'succeeded', 'movedToDlq', 'expiredInDlq', 'expiredUnprocessed', 'unresolved'];

const WORKLOADS: Array<{ name: string; spec: WorkloadSpec }> = [
  {
    name: 'visibility close to p99, 10% failures, DLQ after 3',
    spec: { visibilityTimeout: 10, retention: 600, maxReceiveCount: 3, dlqRetention: 1_209_600, consumers: 4, batchSize: 1, waitSeconds: 20, messages: 200, ratePerSecond: 5, processing: { kind: 'lognormal', p50: 2, p99: 15 }, failureRate: 0.1, seed: 7 },
  },
  {
    name: 'backlog, short visibility, batches of 5, DLQ shorter-lived than the source (R1)',
    spec: { visibilityTimeout: 5, retention: 120, maxReceiveCount: 2, dlqRetention: 100, consumers: 3, batchSize: 5, waitSeconds: 20, messages: 300, ratePerSecond: 10, processing: { kind: 'lognormal', p50: 1, p99: 8 }, failureRate: 0.3, seed: 11 },
  },
  {
    name: 'no DLQ, short polls, observed processing times',
    spec: { visibilityTimeout: 4, retention: 300, consumers: 2, batchSize: 2, waitSeconds: 0, messages: 80, processing: { kind: 'samples', values: [0.5, 1, 1, 2, 6] }, failureRate: 0.05, seed: 3 },
  },
];

describe('simulate', () => {
  for (const w of WORKLOADS) {
    it(`predicts what the reference server does: ${w.name}`, async () => {
      const c = await compareWithServer(w.spec, (clock) => startReferenceServer({ clock }));
      const row = (r: WorkloadResult) => COUNTED.map((k) => `${k}=${String(r[k])}`).join(' ');
      console.log(`[simulate] ${w.name}\n  model  (${c.elapsedMs.model} ms): ${row(c.model)} duration=${c.model.durationSeconds}s\n  server (${c.elapsedMs.server} ms): ${row(c.server)} duration=${c.server.durationSeconds}s`);
      for (const k of COUNTED) {
        // Same engine, same draws, same consumer protocol: only the order of events at the very same
        // millisecond may differ, so allow 1% of the messages.
        expect(Math.abs((c.model[k] as number) - (c.server[k] as number)), k).toBeLessThanOrEqual(Math.ceil(w.spec.messages / 100));
      }
      expect(c.model.sent).toBe(w.spec.messages);
      expect(c.model.truncated).toBe(false);
    }, 120_000);
  }

  it('shows the effects the settings rules warn about', () => {
    const base: WorkloadSpec = { visibilityTimeout: 30, retention: 3600, maxReceiveCount: 5, consumers: 4, batchSize: 1, waitSeconds: 20, messages: 300, ratePerSecond: 2, processing: { kind: 'lognormal', p50: 5, p99: 40 }, failureRate: 0, seed: 5 };
    // Visibility below the slow tail: duplicates. Raising it removes them.
    const tight = simulate({ ...base, visibilityTimeout: 20 });
    const roomy = simulate({ ...base, visibilityTimeout: 240 });
    expect(tight.duplicateDeliveries).toBeGreaterThan(0);
    expect(roomy.duplicateDeliveries).toBe(0);
    // maxReceiveCount 1 (D3) with tight visibility sends messages that were being processed to the DLQ.
    expect(simulate({ ...base, visibilityTimeout: 20, maxReceiveCount: 1 }).movedToDlq).toBeGreaterThan(0);
    // Too few consumers for the rate and a short retention: messages expire unprocessed (R4).
    const starved = simulate({ ...base, consumers: 1, retention: 120, visibilityTimeout: 240 });
    expect(starved.expiredUnprocessed).toBeGreaterThan(0);
    // A standard DLQ that does not outlive the source drops messages moved late in their life (R1):
    // two 280 s receives, the move at ~560 s, and the DLQ's 600 s count from the first send.
    const late = { ...base, failureRate: 1, maxReceiveCount: 2, retention: 600, visibilityTimeout: 280, messages: 20 };
    const r1 = simulate({ ...late, dlqRetention: 600 });
    expect(r1.movedToDlq).toBe(20);
    expect(r1.expiredInDlq).toBe(20);
    const r1ok = simulate({ ...late, dlqRetention: 1_209_600 });
    expect(r1ok.movedToDlq).toBe(20);
    expect(r1ok.expiredInDlq).toBe(0);
  });

  it('rejects settings AWS would reject, with the AWS error', () => {
    expect(() => simulate({ ...WORKLOADS[0]!.spec, visibilityTimeout: 50_000 })).toThrow(SimulationError);
    expect(() => simulate({ ...WORKLOADS[0]!.spec, visibilityTimeout: 50_000 })).toThrow(/InvalidAttributeValue/);
  });

  it('CLI: prints the prediction, and with --verify the server run beside it', async () => {
    const r = await cli(['simulate', '--visibility', '10', '--processing', 'p50=2,p99=15', '--messages', '100', '--rate', '5', '--consumers', '4', '--failure-rate', '10%', '--max-receive-count', '3', '--retention', '10m', '--seed', '7', '--verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('duplicate deliveries');
    expect(r.stdout).toContain('reference server (HTTP, virtual clock)');
    expect(r.stdout).toContain('The reference server did exactly what the model predicted.');
    const j = await cli(['simulate', '--visibility', '30', '--processing', 'fixed=1', '--messages', '10', '--format', 'json']);
    expect(JSON.parse(j.stdout).prediction.succeeded).toBe(10);
  }, 60_000);

  it('CLI: usage errors are one line and exit 2', async () => {
    for (const argv of [
      ['simulate', '--processing', 'p50=1,p99=2'],
      ['simulate', '--visibility', '30'],
      ['simulate', '--visibility', '30', '--processing', 'p50=5,p99=1'],
      ['simulate', '--visibility', '30', '--processing', 'p50=1,p99=2', '--failure-rate', '2'],
      ['simulate', '--visibility', '50000', '--processing', 'p50=1,p99=2'],
    ]) {
      const r = await cli(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^sqs-conformance: error: /);
    }
  });
});
