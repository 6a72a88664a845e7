// Transport faults are `info`, never divergences, and cost only what they touch: the reference
// server behind the fault proxy (test/support/fault-proxy.ts), each fault kind at 5 % of requests
// (and slow answers on a third of the long polls), three seeds each. A correct server must come
// out conformant (judged, not Unknown), with nothing left behind. The proxy's choices are seeded.
import { afterAll, describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { runSuites, type RunReport } from '../../src/runner/index.js';
import { startReferenceServer } from '../../src/server/index.js';
import { createPort, loadProfile, type RunningTarget } from '../../src/target/index.js';
import { startFaultProxy, type FaultKind, type FaultProxyOptions } from '../support/fault-proxy.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SEEDS = [1, 2, 3];
const figures: string[] = [];
afterAll(() => {
  console.log(['transport faults (kind seed: faults injected / calls, lost, verdict, time):', ...figures].join('\n  '));
});

interface FaultRun {
  report: RunReport;
  injected: number;
  left: unknown[];
}

/** One run of visibility, long-poll and delay against the reference server behind the proxy. */
async function faultRun(label: string, seed: number, proxyOptions: Omit<FaultProxyOptions, 'upstream' | 'seed'>, runs = 3): Promise<FaultRun> {
  const server = await startReferenceServer({ port: 0, host: '127.0.0.1' });
  const proxy = await startFaultProxy({ upstream: server.url, seed, ...proxyOptions });
  const profile = { ...loadProfile('reference'), name: `reference+${label}` };
  const target: RunningTarget = { profile, endpoint: proxy.url, client: (o) => createPort(profile, proxy.url, o), stop: async () => {} };
  const t0 = Date.now();
  try {
    const report = await runSuites({ target, suites: SUITES, only: ['lifecycle'], properties: ['visibility', 'long-poll', 'delay'], runs, seed, concurrency: 12, strictness: 'typical', coverage: false, timeBudgetMs: 10_000 });
    const direct = createPort(profile, server.url);
    const listed = await direct.call('ListQueues', {});
    direct.close();
    const left = listed.type === 'ok' && Array.isArray(listed.value.QueueUrls) ? (listed.value.QueueUrls as unknown[]) : [];
    const injected = Object.values(proxy.injected).reduce((a, b) => a + b, 0);
    figures.push(`${label} ${seed}: ${injected} / ${report.calls?.total}, lost ${report.calls?.lost}, ${report.verdict}, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return { report, injected, left };
  } finally {
    await proxy.close();
    await server.stop();
  }
}

function expectJudgedConformant({ report, left }: FaultRun): void {
  const why = JSON.stringify({ divergences: report.divergences.map((d) => `${d.property} ${d.id}`), errors: report.properties.filter((p) => p.error ?? p.notRun).map((p) => `${p.property}: ${p.error ?? p.notRun}`) });
  expect(report.divergences, why).toEqual([]);
  expect(report.verdict, why).toBe('conformant');
  expect(report.properties.every((p) => p.passed && p.error === undefined && p.notRun === undefined), why).toBe(true);
  expect(left, 'queues left behind').toEqual([]);
}

const KINDS: FaultKind[] = ['reset-before', 'reset-after', 'server-error', 'stall', 'slow'];

describe('each transport fault kind at 5 % of requests: 0 divergences, a judged verdict, nothing left', () => {
  for (const kind of KINDS) {
    it(`${kind} (seeds ${SEEDS.join(', ')})`, async () => {
      const runs = await Promise.all(SEEDS.map((seed) => faultRun(kind, seed, { rates: { [kind]: 0.05 } })));
      for (const r of runs) expectJudgedConformant(r);
      expect(runs.reduce((n, r) => n + r.injected, 0)).toBeGreaterThanOrEqual(10);
    }, 120_000);
  }

  it(`slow answers on a third of the long polls, the final drain's included (seeds ${SEEDS.join(', ')})`, async () => {
    const runs = await Promise.all(
      SEEDS.map((seed) => {
        let n = seed;
        // Its own sequence of choices: every third long poll, whatever else goes through.
        const decide: FaultProxyOptions['decide'] = (r) => (r.action === 'ReceiveMessage' && (r.waitSeconds ?? 0) >= 1 ? (n++ % 3 === 0 ? 'slow' : null) : null);
        return faultRun('slow-long-polls', seed, { decide });
      }),
    );
    for (const r of runs) expectJudgedConformant(r);
    expect(runs.reduce((n, r) => n + r.injected, 0)).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('every kind at once, 2 % each (seeds 1, 2, 3)', async () => {
    const rates = Object.fromEntries(KINDS.map((k) => [k, 0.02]));
    const runs = await Promise.all(SEEDS.map((seed) => faultRun('mixed', seed, { rates })));
    for (const r of runs) expectJudgedConformant(r);
  }, 120_000);
});

describe('a lost CreateQueue answer leaves nothing behind', () => {
  it('the queue the server created is deleted by the run (retry, then the sweep of its prefix)', async () => {
    // The first CreateQueue of each scenario reaches the server, its answer is lost.
    const seen = new Set<string>();
    let resets = 0;
    const decide: FaultProxyOptions['decide'] = (r) => {
      if (r.action !== 'CreateQueue') return null;
      const first = !seen.has(String(r.n)) && resets < 4;
      seen.add(String(r.n));
      if (first && r.n > 1) {
        resets++;
        return 'reset-after';
      }
      return null;
    };
    const run = await faultRun('lost-create', 5, { decide }, 1);
    expect(resets).toBeGreaterThan(0);
    expectJudgedConformant(run);
  }, 120_000);
});

describe('a CreateQueue whose every answer is lost', () => {
  it('ends that instance at once as an error (never a divergence, never shrunk) and the sweep deletes the queue', async () => {
    const decide: FaultProxyOptions['decide'] = (r) => (r.action === 'CreateQueue' && r.text.includes('visibility-0-0') ? 'reset-after' : null);
    const { report, left } = await faultRun('create-always-lost', 6, { decide }, 1);
    const p = report.properties.find((x) => x.property === 'visibility#0')!;
    expect(p.error).toMatch(/CreateQueue .*visibility-0-0 failed/);
    expect(p.shrinks).toBe(0);
    expect(report.divergences).toEqual([]);
    expect(report.verdict).toBe('unknown');
    expect(left).toEqual([]);
  }, 120_000);
});
