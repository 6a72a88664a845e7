// Runs the whole lifecycle suite against a peer launched by the kit and checks that the run is
// complete and its report is actionable: every property decided, every divergence catalogued with
// its minimal ops and a replay command, and a replay of a deterministic divergence reproduces it.
import { expect } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { KIT } from './corpus.js';
import { parseCommandLine } from '../../src/cli/index.js';
import { renderers } from '../../src/report/index.js';
import { runSuites, type RunReport } from '../../src/runner/index.js';
import { defaultWorkDir } from '../../src/target/index.js';
import { launcherFor } from '../../src/server/index.js';

/** Divergences that do not depend on timing: a replay must show them again. */
const DETERMINISTIC = /^(validation\.|error\.|receive\.attribute-|receive\.missing-field|message\.md5-mismatch|message\.body-changed|handle\.invalid-accepted)/;

export async function lifecycleAgainst(name: string, seed: number): Promise<RunReport> {
  const launcher = launcherFor(name);
  if (!launcher) throw new Error(`no launcher ${name}`);
  const target = await launcher.start({ workDir: defaultWorkDir() });
  try {
    const started = Date.now();
    const report = await runSuites({ target, suites: SUITES, only: ['lifecycle'], seed, concurrency: 32, strictness: 'typical', timeBudgetMs: 20_000 });
    const ids = [...new Set(report.divergences.map((d) => d.id))];
    console.log(`${name}: ${report.verdict} in ${((Date.now() - started) / 1000).toFixed(1)} s; ${report.divergences.length} divergences: ${ids.join(', ') || 'none'}`);
    for (const id of ids) console.log(`  ${id}: ${report.divergences.find((d) => d.id === id)!.replay}`);

    expect(report.properties.filter((p) => p.error !== undefined).map((p) => `${p.property}: ${p.error}`)).toEqual([]);
    expect(['conformant', 'divergent']).toContain(report.verdict);
    for (const d of report.divergences) {
      expect(KIT.catalog.has(d.id)).toBe(true);
      expect(report.catalog.some((e) => e.id === d.id)).toBe(true);
      expect(d.opRecords.length).toBeGreaterThan(0);
      expect(d.bindings).toBeDefined();
      expect(parseCommandLine(d.replay).kind).toBe('command');
    }
    for (const render of Object.values(renderers)) expect(render(report).length).toBeGreaterThan(0);

    const pick = report.divergences.find((d) => DETERMINISTIC.test(d.id));
    if (pick) {
      const property = report.properties.find((p) => p.property === pick.property)!;
      const replay = await runSuites({ target, suites: SUITES, only: ['lifecycle'], seed, concurrency: 4, strictness: 'typical', replay: { property: pick.property, path: property.path ?? '0' } });
      expect(replay.divergences.map((d) => d.id)).toContain(pick.id);
    }
    return report;
  } finally {
    await target.stop();
  }
}
