// `--protocol json|query|both` (issue 12): one run per protocol the target speaks, reports per
// protocol, matrix rows `<target> (<protocol>)` sharing one start of the target and one baseline
// file whose entries say which protocol they were seen over.
import { describe, expect, it } from 'vitest';
import { EXIT, runCli, type CliRunOptions } from '../../src/cli/index.js';
import { parseBaseline } from '../../src/runner/baseline.js';
import type { Scoreboard } from '../../src/runner/matrix.js';
import type { RunReport } from '../../src/runner/types.js';
import { conformantReport, divergentReport } from '../report/fixtures.js';
import { harness } from './harness.js';

const BOTH = ['json', 'query'];

/** A runner whose report says the protocol it was run over; divergent over `divergentOver`. */
const runner = (divergentOver?: string) => async (o: CliRunOptions): Promise<RunReport> => {
  const protocol = o.target.profile.protocol;
  const r = protocol === divergentOver ? divergentReport() : conformantReport();
  return { ...r, seed: o.seed, target: { ...r.target, name: o.target.profile.name, protocol } };
};

describe('run --protocol', () => {
  it('both: one run per protocol, each report in a folder of its own, the replay line naming the protocol', async () => {
    const calls: CliRunOptions[] = [];
    const h = harness({ cwd: '/w', capabilities: { reference: BOTH }, runSuites: async (o) => (calls.push(o), runner()(o)) });
    expect(await runCli(['run', '--protocol', 'both', '--out', 'r', '--report', 'json'], h.io, h.deps)).toBe(EXIT.conformant);
    expect(calls.map((c) => [c.target.profile.protocol, c.targetArgs])).toEqual([
      ['json', ' --protocol json'],
      ['query', ' --protocol query'],
    ]);
    expect(JSON.parse(h.files.get('/w/r/json/report.json')!).target.protocol).toBe('json');
    expect(JSON.parse(h.files.get('/w/r/query/report.json')!).target.protocol).toBe('query');
    expect(h.started).toEqual(['reference']);
  });

  it('exits 1 when one protocol diverges', async () => {
    const h = harness({ cwd: '/w', capabilities: { reference: BOTH }, runSuites: runner('query') });
    expect(await runCli(['run', '--protocol', 'both', '--out', 'r'], h.io, h.deps)).toBe(EXIT.divergent);
  });

  it('a protocol the target does not speak: usage error for it alone, left out of both', async () => {
    const h = harness({ cwd: '/w', runSuites: runner() });
    expect(await runCli(['run', '--protocol', 'query'], h.io, h.deps)).toBe(EXIT.usage);
    expect(h.stderr()).toContain('does not speak query');
    const b = harness({ cwd: '/w', runSuites: runner() });
    expect(await runCli(['run', '--protocol', 'both', '--out', 'r', '--report', 'json'], b.io, b.deps)).toBe(EXIT.conformant);
    expect(b.stderr()).toContain('does not speak query: no query run');
    expect(b.files.has('/w/r/report.json')).toBe(true);
  });

  it('rejects other values', async () => {
    const h = harness();
    expect(await runCli(['run', '--protocol', 'xml'], h.io, h.deps)).toBe(EXIT.usage);
    expect(h.stderr()).toContain("--protocol must be json, query or both, got 'xml'");
  });
});

describe('matrix --protocol both', () => {
  it('a row per protocol each peer speaks, the peer started once; one baseline file per peer, entries scoped by protocol', async () => {
    const h = harness({ cwd: '/w', launchers: ['reference', 'moto', 'fauxqs'], capabilities: { reference: BOTH, moto: BOTH, fauxqs: ['json'] }, runSuites: async (o) => runner(o.target.profile.name === 'moto' ? 'query' : undefined)(o) });
    expect(await runCli(['matrix', '--protocol', 'both', '--out', 'm', '--update-baselines', '--baselines', 'b'], h.io, h.deps)).toBe(EXIT.conformant);
    expect(h.started.sort()).toEqual(['fauxqs', 'moto', 'reference']);
    const sb = JSON.parse(h.files.get('/w/m/scoreboard.json')!) as Scoreboard;
    expect(sb.targets.map((t) => [t.name, t.protocol, t.status])).toEqual([
      ['reference (json)', 'json', 'within-baseline'],
      ['reference (query)', 'query', 'within-baseline'],
      ['moto (json)', 'json', 'within-baseline'],
      ['moto (query)', 'query', 'within-baseline'],
      ['fauxqs (json)', 'json', 'within-baseline'],
    ]);
    expect(h.files.has('/w/m/moto/query/report.json')).toBe(true);
    expect(sb.targets[3]!.reports.json).toBe('moto/query/report.json');
    const moto = parseBaseline(h.files.get('/w/b/moto.json')!);
    expect(moto.ok && moto.value.entries.map((e) => [e.id, e.scope.protocol])).toEqual([
      ['error.wrong-code', 'query'],
      ['visibility.redelivered-early', 'query'],
    ]);
    // Judged again: the query entries do not vanish in the JSON row.
    const again = harness({ cwd: '/w', launchers: ['moto'], capabilities: { moto: BOTH }, files: { '/w/b/moto.json': h.files.get('/w/b/moto.json')! }, runSuites: runner('query') });
    expect(await runCli(['matrix', '--protocol', 'both', '--out', 'm', '--baselines', 'b'], again.io, again.deps)).toBe(EXIT.conformant);
  });
});
