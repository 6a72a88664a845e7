// Every rule exercised in every run: the whole lifecycle suite against the reference server, for
// several seeds; after the normal instances the runner plays extra ones of the properties that can
// exercise what has not arisen yet. Every id of the suite (and the generic ids its properties name)
// must have been exercised, whatever the seed, and the report says so (no gaps).
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { lifecycle } from '../../conformance/suites/lifecycle/suite.js';
import { runSuites } from '../../src/runner/index.js';
import { renderText } from '../../src/report/index.js';
import { startReferenceServer } from '../../src/server/index.js';
import { createPort, loadProfile, type RunningTarget } from '../../src/target/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SEEDS = (process.env.COVERAGE_SEEDS ?? '1,7,42').split(',').map(Number);

describe('rule coverage of the lifecycle suite', () => {
  it(`every rule is exercised for seeds ${SEEDS.join(', ')}`, async () => {
    const server = await startReferenceServer({ port: 0, host: '127.0.0.1' });
    const profile = loadProfile('reference');
    const target: RunningTarget = { profile, endpoint: server.url, client: (o) => createPort(profile, server.url, o), stop: async () => {} };
    try {
      const reports = await Promise.all(SEEDS.map((seed) => runSuites({ target, suites: SUITES, only: ['lifecycle'], seed, concurrency: 16, strictness: 'typical', timeBudgetMs: 10_000 })));
      const ids = [...new Set([...Object.keys(lifecycle.catalog), ...lifecycle.properties.flatMap((p) => p.exercises ?? [])])].sort();
      const lines: string[] = [];
      reports.forEach((r, i) => {
        const extra = r.properties.filter((p) => p.coverage).map((p) => p.property);
        lines.push(`seed ${SEEDS[i]}: ${ids.filter((id) => (r.exercised[id] ?? 0) > 0).length}/${ids.length} ids exercised, ${extra.length} extra instance(s)${extra.length > 0 ? ` (${extra.join(', ')})` : ''}, ${r.verdict}, ${(r.durationMs / 1000).toFixed(0)} s`);
        expect(r.divergences.map((d) => `${d.property} ${d.id}`)).toEqual([]);
        expect(r.verdict).toBe('conformant');
        expect(r.gaps).toEqual([]);
        for (const id of ids) expect(r.exercised[id] ?? 0, `seed ${SEEDS[i]}: ${id}`).toBeGreaterThan(0);
        const text = renderText(r);
        expect(text).toContain(`Rule coverage (`);
        expect(text).not.toContain('not exercised');
      });
      console.log(['lifecycle rule coverage:', ...lines].join('\n  '));
    } finally {
      await server.stop();
    }
  }, 400_000);
});
