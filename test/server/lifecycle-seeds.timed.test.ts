// The reference server is the model served over HTTP: the whole lifecycle suite must find zero
// divergences against it, over 20 seeds, on the real clock and the JSON wire protocol.
import { describe, expect, it } from 'vitest';
import { runSuites } from '../../src/runner/index.js';
import { defaultWorkDir } from '../../src/target/index.js';
import { launcherFor } from '../../src/server/index.js';
import { SUITES } from '../../conformance/suites/index.js';

describe('lifecycle suite against the reference server', () => {
  it('finds no divergence over 20 seeds', async () => {
    const target = await launcherFor('reference')!.start({ workDir: defaultWorkDir() });
    const started = Date.now();
    try {
      const seeds = Array.from({ length: 20 }, (_, i) => 1000 + i);
      const reports = await Promise.all(seeds.map((seed) => runSuites({ target, suites: SUITES, only: ['lifecycle'], seed, concurrency: 32, strictness: 'typical', timeBudgetMs: 10_000 })));
      const problems = reports.flatMap((r) => [
        ...r.divergences.map((d) => `seed ${r.seed} ${d.property} ${d.id}: ${JSON.stringify(d.bindings)} | ${d.replay}`),
        ...r.properties.filter((p) => p.error).map((p) => `seed ${r.seed} ${p.property}: ${p.error}`),
      ]);
      console.log(`reference server: ${reports.length} seeds x ${reports[0]!.properties.length} scenarios in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      expect(problems).toEqual([]);
      for (const r of reports) expect(r.verdict).toBe('conformant');
    } finally {
      await target.stop();
    }
  }, 600_000);
});
