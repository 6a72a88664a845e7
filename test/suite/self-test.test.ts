// The self-test in seconds (issue 14): every suite of the kit against the reference engine with its
// long-poll loop (src/target/engine-target.ts, the same engine and loop the reference server
// serves over HTTP) on one virtual clock, the runner's sleeps included: 20 seeds, the server's own
// choices (`typical`) and any choices the model allows (`random`), all conformant. A retention or
// purge minute takes no real time, so every suite runs on every change. The HTTP layer itself is
// covered by the real-clock runs (test/server/lifecycle-seeds.timed.test.ts) and the wire tests.
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { VirtualClock } from '../../src/clock/index.js';
import { runSuites, type RunReport } from '../../src/runner/index.js';
import { engineProfile, startEngineTarget } from '../../src/target/engine-target.js';
import type { Choose } from '../../src/spec/engine/index.js';
import { simProfile } from '../support/profiles.js';

async function selfTest(seed: number, choose: Choose): Promise<RunReport> {
  const clock = new VirtualClock();
  const target = startEngineTarget({ clock, choose, profile: engineProfile({ tolerance: simProfile().tolerance }), latencyMs: [1, 5], seed });
  try {
    return await runSuites({ target, suites: SUITES, seed, concurrency: 64, strictness: 'typical', clock });
  } finally {
    await target.stop();
  }
}

const show = (r: RunReport) => [...r.divergences.map((d) => `${d.property} ${d.id} ${d.replay}`), ...r.properties.filter((p) => p.error).map((p) => `${p.property}: ${p.error}`)].join('\n');

describe('self-test: every suite against the reference engine on a virtual clock', () => {
  for (const kind of ['typical', 'random'] as const) {
    it(`20 seeds, ${kind} choices: conformant`, async () => {
      const started = Date.now();
      const gaps: string[] = [];
      for (let seed = 1; seed <= 20; seed++) {
        const report = await selfTest(seed, kind === 'typical' ? { kind: 'typical' } : { kind: 'random', seed, strictness: 'typical' });
        expect(report.verdict, `seed ${seed}\n${show(report)}`).toBe('conformant');
        expect(report.suites).toEqual(SUITES.map((s) => s.name));
        // Every rule of every suite exercised, whatever the seed (the coverage pass included).
        if (kind === 'typical') gaps.push(...(report.gaps ?? []).map((id) => `seed ${seed}: ${id}`));
      }
      expect(gaps).toEqual([]);
      console.log(`self-test (${kind}): 20 seeds × ${SUITES.length} suites in ${Date.now() - started} ms`);
    }, 120_000);
  }
});
