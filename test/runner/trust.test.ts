// A verdict is never wrong about the target: an interrupted run judges nothing it did not finish; a
// target that stops answering ends the run as Unknown, unshrunk; --replay plays exactly one scenario.
// In-process: the reference server, behind the fault proxy where the network misbehaves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { runSuites, type RunOptions } from '../../src/runner/index.js';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { createPort, loadProfile, type CallResult, type RunningTarget, type SqsPort } from '../../src/target/index.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server.stop();
});

function targetAt(endpoint: string, name = 'reference', wrap?: (p: SqsPort) => SqsPort): RunningTarget {
  const profile = { ...loadProfile('reference'), name };
  return {
    profile,
    endpoint,
    client: (o) => {
      const port = createPort(profile, endpoint, o);
      return wrap ? wrap(port) : port;
    },
    stop: async () => {},
  };
}

async function queuesOnServer(): Promise<string[]> {
  const port = createPort(loadProfile('reference'), server.url);
  const r = await port.call('ListQueues', {});
  port.close();
  return r.type === 'ok' && Array.isArray(r.value.QueueUrls) ? (r.value.QueueUrls as string[]) : [];
}

const base = { suites: SUITES, only: ['lifecycle'], concurrency: 8, strictness: 'typical' as const, coverage: false as const };

describe('an interrupted run judges nothing it did not finish', () => {
  // Before the probe, while queues are created, while scenarios and the retention sleep run, during drains.
  for (const atMs of [0, 150, 2_500, 6_000]) {
    it(`abort at ${atMs} ms: verdict interrupted, unfinished scenarios not run (never passed or divergent), every queue deleted`, async () => {
      const before = await queuesOnServer();
      const abort = new AbortController();
      const timer = setTimeout(() => abort.abort(new Error('interrupted by SIGINT')), atMs);
      const t0 = Date.now();
      let returnedAfterAbortMs = 0;
      abort.signal.addEventListener('abort', () => (returnedAfterAbortMs = Date.now()));
      const report = await runSuites({ ...base, properties: ['visibility', 'retention', 'delay'], runs: 2, target: targetAt(server.url), seed: 21, signal: abort.signal });
      clearTimeout(timer);
      const stopMs = Date.now() - (returnedAfterAbortMs || t0);
      expect(report.verdict).toBe('interrupted');
      expect(report.stopped).toEqual({ reason: 'interrupted', detail: 'interrupted by SIGINT' });
      // The retention scenario needs more than 60 s: it can only be not run.
      const retention = report.properties.find((p) => p.property === 'retention#0')!;
      expect(retention.notRun).toBeDefined();
      expect(retention.passed).toBe(false);
      // Nothing judged from a cut-short history: no divergence (a cleanup racing a drain showed as validation.rejected-valid).
      expect(report.divergences.map((d) => d.id)).toEqual([]);
      for (const p of report.properties) expect(p.passed || p.notRun !== undefined, p.property).toBe(true);
      expect(await queuesOnServer()).toEqual(before);
      // In-flight calls get a short grace; deleting the queues is quick on loopback.
      expect(stopMs).toBeLessThan(8_000);
    }, 60_000);
  }
});

describe('a target that stops answering mid-run', () => {
  let proxy: FaultProxy | undefined;
  afterAll(async () => {
    await proxy?.close();
  });

  for (const how of ['reset-before', 'stall'] as const) {
    it(`(${how === 'stall' ? 'accepts connections, never answers' : 'resets every connection'}) ends the run as Unknown: no divergence, nothing shrunk`, async () => {
      let dead = false;
      proxy = await startFaultProxy({ upstream: server.url, stallMs: 300_000, decide: () => (dead ? how : null) });
      setTimeout(() => (dead = true), 2_000);
      const t0 = Date.now();
      const report = await runSuites({ ...base, properties: ['visibility', 'delay', 'long-poll'], runs: 3, target: targetAt(proxy.url), seed: 4, timeBudgetMs: 60_000 });
      const took = Date.now() - t0;
      await proxy.close();
      proxy = undefined;
      expect(report.verdict).toBe('unknown');
      expect(report.stopped?.reason).toBe('target-down');
      expect(report.stopped?.detail).toMatch(/the target stopped answering/);
      expect(report.divergences).toEqual([]);
      expect(report.properties.every((p) => p.shrinks === 0)).toBe(true);
      expect(report.properties.some((p) => p.notRun !== undefined)).toBe(true);
      // Found within the call budget (first byte 10 s + a long poll's wait) and one health check (15 s).
      expect(took).toBeLessThan(how === 'stall' ? 60_000 : 45_000);
    }, 90_000);
  }
});

describe('--replay', () => {
  it('plays exactly one scenario, even when it now passes', async () => {
    // A target that changes bodies fails every scenario; its counterexample is then replayed on a correct one.
    const corrupt = targetAt(server.url, 'reference-corrupted', (port) => ({
      protocol: port.protocol,
      close: () => port.close(),
      async call(action, input): Promise<CallResult> {
        const r = await port.call(action, input);
        if (action === 'ReceiveMessage' && r.type === 'ok' && Array.isArray(r.value.Messages)) for (const m of r.value.Messages as Record<string, unknown>[]) m.Body = `${String(m.Body)}~`;
        return r;
      },
    }));
    const failing = await runSuites({ ...base, properties: ['body'], runs: 1, target: corrupt, seed: 8, timeBudgetMs: 5_000 });
    const p = failing.properties.find((x) => !x.passed)!;
    expect(p.shrinks).toBeGreaterThan(0);
    let scenarios = 0;
    const counting = targetAt(server.url, 'reference', (port) => ({
      protocol: port.protocol,
      close: () => port.close(),
      call: (action, input) => {
        if (action === 'CreateQueue' && !String(input.QueueName).endsWith('probe')) scenarios++;
        return port.call(action, input);
      },
    }));
    const options: RunOptions = { ...base, target: counting, seed: 8, replay: { property: p.property, path: p.path! } };
    const replay = await runSuites(options);
    expect(replay.verdict).toBe('conformant');
    expect(replay.properties.map((x) => x.property)).toEqual([p.property]);
    expect(scenarios).toBe(1);
  }, 90_000);
});
