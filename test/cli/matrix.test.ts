// The CLI flows around matrix and baselines, with fake runner, launchers and I/O: `matrix`
// (targets from the launcher list, error rows, files written, baselines read / updated, exit
// codes) and `run --baseline FILE [--update-baseline]`.
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../src/cli/index.js';
import { parseBaseline, serializeBaseline } from '../../src/runner/baseline.js';
import type { Scoreboard } from '../../src/runner/matrix.js';
import type { RunReport } from '../../src/runner/types.js';
import type { CliRunOptions } from '../../src/cli/contracts.js';
import { conformantReport, divergentReport } from '../report/fixtures.js';
import { harness as baseHarness, type HarnessOptions } from './harness.js';

const harness = (o: HarnessOptions = {}) => baseHarness({ cwd: '/w', launchers: ['reference', 'fauxqs', 'elastic'], ...o });

const scoreboardOf = (files: Map<string, string>, dir = '/w/m'): Scoreboard => JSON.parse(files.get(`${dir}/scoreboard.json`)!) as Scoreboard;

describe('matrix', () => {
  it('runs every launcher (picked up from the launcher list), writes five reports each and the scoreboard', async () => {
    const h = harness({ reports: { fauxqs: divergentReport() } });
    const code = await runCli(['matrix', '--out', 'm', '--seed', '3', '--runs', '1', '--shrink-budget', '5'], h.io, h.deps);
    expect(code).toBe(EXIT.divergent);
    expect(h.started.sort()).toEqual(['elastic', 'fauxqs', 'reference']);
    expect(h.stopped.sort()).toEqual(['elastic', 'fauxqs', 'reference']);
    expect(h.runCalls.map((c) => [c.target.profile.name, c.seed, c.runs, c.timeBudgetMs, c.targetArgs])).toEqual(
      expect.arrayContaining([
        ['reference', 3, 1, 5000, ''],
        ['fauxqs', 3, 1, 5000, ' --target fauxqs'],
      ]),
    );
    for (const t of ['reference', 'fauxqs', 'elastic']) {
      for (const f of ['report.json', 'report.txt', 'report.junit.xml', 'report.md', 'report.html']) expect(h.files.has(`/w/m/${t}/${f}`), `${t}/${f}`).toBe(true);
    }
    for (const f of ['scoreboard.json', 'scoreboard.md', 'scoreboard.html']) expect(h.files.has(`/w/m/${f}`)).toBe(true);
    const sb = scoreboardOf(h.files);
    expect(sb.targets.map((t) => [t.name, t.status, `${t.scenarios.passed}/${t.scenarios.total}`])).toEqual([
      ['reference', 'conformant', '2/2'],
      ['fauxqs', 'divergent', '1/4'],
      ['elastic', 'conformant', '2/2'],
    ]);
    expect(sb.targets[1]!.reports.html).toBe('fauxqs/report.html');
    expect(h.stdout()).toMatch(/fauxqs +divergent +1\/4 +2 \(2 ids\)/);
    expect(h.stderr()).toContain('seed 3 (rerun with --seed 3); 2 at a time');
  });

  it("shows each peer's install, start, run and stop, and what a run waits for", async () => {
    const h = harness({
      installs: {
        reference: { status: 'nothing', what: 'in-process (src/server)', ms: 0 },
        fauxqs: { status: 'cached', what: 'fauxqs 1.9.2 (npm)', dir: '.peers/npm/fauxqs', ms: 3 },
      },
      runSuites: async (o) => {
        o.onProgress?.({ kind: 'start', total: 1 });
        o.onProgress?.({ kind: 'waiting', property: 'retention#0', ms: 52_000, why: 'waiting out the 60 s minimum retention' });
        o.onProgress?.({ kind: 'scenario-done', property: 'retention#0', passed: true, done: 1, total: 1 });
        return { ...conformantReport(), target: { ...conformantReport().target, name: o.target.profile.name } };
      },
    });
    expect(await runCli(['matrix', '--targets', 'reference,fauxqs', '--out', 'm'], h.io, h.deps)).toBe(EXIT.conformant);
    const lines = h.stderr().split('\n');
    const of = (t: string) => lines.filter((l) => l.startsWith(`[${t}] `)).map((l) => l.replace(/\(\d+\.\d s\)/, '(…)'));
    expect(of('fauxqs').slice(0, -1)).toEqual([
      '[fauxqs] install…',
      '[fauxqs] install: fauxqs 1.9.2 (npm) already installed in .peers/npm/fauxqs (…)',
      '[fauxqs] start…',
      '[fauxqs] listening',
      '[fauxqs] start: done (…)',
      '[fauxqs] running 1 scenarios',
      '[fauxqs] retention#0: waiting out the 60 s minimum retention (52 s)',
      '[fauxqs] progress: 1/1 scenarios (100%)',
      '[fauxqs] run: conformant, 0 divergence occurrences (…)',
      '[fauxqs] stop…',
      '[fauxqs] stop: done (…)',
    ]);
    expect(of('fauxqs').at(-1)).toMatch(/^\[fauxqs\] conformant: 0 divergence occurrence\(s\) \(\d+\.\d s in all\)$/);
    expect(of('reference')[1]).toBe('[reference] install: nothing to install: in-process (src/server) (…)');
  });

  it('a server that dies under its run is started again once and the run repeated; the report says so', async () => {
    let dead = false;
    let runs = 0;
    const h = harness({
      exited: { fauxqs: () => (dead ? { how: 'code 2', log: { file: '.peers/logs/fauxqs.log', tail: ['fatal error: concurrent map read and map write', '', 'goroutine 521 [running]:', '\tnet/http/server.go:3464 +0x485'] } } : undefined) },
      runSuites: async (o) => {
        const report = { ...conformantReport(), target: { ...conformantReport().target, name: o.target.profile.name } };
        if (o.target.profile.name !== 'fauxqs') return report;
        runs++;
        if (runs === 1) {
          dead = true;
          throw new Error('cannot reach http://127.0.0.1:9324: connect ECONNREFUSED');
        }
        dead = false;
        return report;
      },
    });
    expect(await runCli(['matrix', '--targets', 'reference,fauxqs', '--out', 'm'], h.io, h.deps)).toBe(EXIT.conformant);
    expect(runs).toBe(2);
    expect(h.started.filter((n) => n === 'fauxqs')).toHaveLength(2);
    expect(h.stopped.filter((n) => n === 'fauxqs')).toHaveLength(3); // the dead one, the restarted one, the matrix's own stop
    expect(h.stderr()).toContain('[fauxqs] the server exited (code 2) during the run; its log says: fatal error: concurrent map read and map write; starting it again and repeating that run (1 of at most 2)');
    const report = JSON.parse(h.files.get('/w/m/fauxqs/report.json')!) as { restarts?: unknown };
    expect(report.restarts).toEqual([{ why: 'exited (code 2)', log: { file: '.peers/logs/fauxqs.log', tail: ['fatal error: concurrent map read and map write', '', 'goroutine 521 [running]:', '\tnet/http/server.go:3464 +0x485'] } }]);
    expect(h.files.get('/w/m/fauxqs/report.txt')).toContain('restarted   the server exited (code 2) during the run and was started again; this report is the run after the restart (its log .peers/logs/fauxqs.log: fatal error: concurrent map read and map write)');
  });

  it('a server that dies three times is restarted twice, then the run fails with an error row', async () => {
    const h = harness({
      exited: { fauxqs: () => ({ how: 'SIGSEGV', log: { file: 'l', tail: [] } }) },
      runSuites: async (o) => {
        if (o.target.profile.name === 'fauxqs') throw new Error('cannot reach');
        return { ...conformantReport(), target: { ...conformantReport().target, name: o.target.profile.name } };
      },
    });
    expect(await runCli(['matrix', '--targets', 'reference,fauxqs', '--out', 'm'], h.io, h.deps)).toBe(EXIT.divergent);
    expect(h.started.filter((n) => n === 'fauxqs')).toHaveLength(3);
    expect(scoreboardOf(h.files).targets.find((t) => t.name === 'fauxqs')).toMatchObject({ status: 'error', error: 'the run failed: cannot reach' });
  });

  it('a peer that does not install is an error row with the end of its install log', async () => {
    const h = harness({ installs: { fauxqs: { status: 'failed', what: '', ms: 5, error: 'npm ci failed (exit 1)', log: { file: '.peers/logs/fauxqs-install.log', tail: ['npm ERR! 404'] } } } });
    expect(await runCli(['matrix', '--targets', 'reference,fauxqs', '--out', 'm'], h.io, h.deps)).toBe(EXIT.divergent);
    const sb = scoreboardOf(h.files);
    expect(sb.targets.find((t) => t.name === 'fauxqs')).toMatchObject({ status: 'error', error: 'did not install: npm ci failed (exit 1)', errorLog: { file: '.peers/logs/fauxqs-install.log', tail: ['npm ERR! 404'] } });
    expect(h.started).toEqual(['reference']);
    expect(h.stderr()).toContain('[fauxqs] install failed after');
  });

  it('conformant everywhere: exit 0; --targets picks a subset', async () => {
    const h = harness();
    expect(await runCli(['matrix', '--targets', 'reference,elastic', '--out', 'm'], h.io, h.deps)).toBe(EXIT.conformant);
    expect(h.started.sort()).toEqual(['elastic', 'reference']);
  });

  it('a target that does not start is an error row, not a crash (exit 1)', async () => {
    const h = harness({ startFails: { elastic: 'elastic: java not found' } });
    expect(await runCli(['matrix', '--out', 'm'], h.io, h.deps)).toBe(EXIT.divergent);
    const sb = scoreboardOf(h.files);
    expect(sb.targets.find((t) => t.name === 'elastic')).toMatchObject({ status: 'error', error: 'did not start: elastic: java not found' });
    expect(h.files.get('/w/m/scoreboard.html')).toContain('data-target="elastic" data-status="error"');
    expect(h.files.has('/w/m/elastic/report.json')).toBe(false);
    expect(h.stdout()).toMatch(/elastic +error/);
  });

  it.each([
    [['matrix', '--targets', 'nope'], "--targets: no launcher for 'nope' (known: reference, fauxqs, elastic)"],
    [['matrix', '--targets', 'endpoint'], "no launcher for 'endpoint'"],
    [['matrix', '--suite', 'zzz'], "unknown suite 'zzz'"],
    [['matrix', '--parallel', '0'], '--parallel must be between 1 and 64'],
    [['matrix', '--targets', ','], '--targets needs at least one name'],
  ])('%j is a usage error (exit 2)', async (argv, text) => {
    const h = harness();
    expect(await runCli(argv, h.io, h.deps)).toBe(EXIT.usage);
    expect(h.stderr()).toContain(text);
    expect(h.started).toEqual([]);
  });

  it('--update-baselines writes observed entries per target; --baselines then judges within (exit 0)', async () => {
    const h = harness({ reports: { fauxqs: divergentReport() } });
    expect(await runCli(['matrix', '--out', 'm', '--update-baselines'], h.io, h.deps)).toBe(EXIT.conformant);
    const faux = parseBaseline(h.files.get('/w/conformance/baselines/fauxqs.json')!);
    expect(faux.ok && faux.value.entries).toEqual([
      { id: 'visibility.redelivered-early', scope: { suite: 'lifecycle', property: 'visibility' }, reason: expect.stringMatching(/^Observed 2025-06-07 \(seed 123456, query, visibility\): Let m1 be the message sent by op 0 .* Rule: sqs-semantics\.md .*Not investigated further\.$/), since: '2025-06-07' },
      { id: 'error.wrong-code', scope: { suite: 'lifecycle', property: 'visibility' }, reason: expect.stringMatching(/^Observed 2025-06-07 \(seed 123456, query, visibility\): op 6 \(p3 DeleteMessage.*failed with .*\\u001b\[31mred.*ReceiptHandleIsInvalid/), since: '2025-06-07' },
    ].sort((a, b) => a.id.localeCompare(b.id)));
    expect(parseBaseline(h.files.get('/w/conformance/baselines/reference.json')!)).toMatchObject({ ok: true, value: { entries: [] } });
    expect(h.stderr()).toContain('fauxqs: baseline conformance/baselines/fauxqs.json updated: 2 entries (+2 new, -0 vanished)');

    const again = harness({ reports: { fauxqs: divergentReport() }, files: Object.fromEntries(h.files) });
    expect(await runCli(['matrix', '--out', 'm2', '--baselines', 'conformance/baselines'], again.io, again.deps)).toBe(EXIT.conformant);
    const sb = scoreboardOf(again.files, '/w/m2');
    expect(sb.baselines).toBe(true);
    expect(sb.targets.find((t) => t.name === 'fauxqs')).toMatchObject({ status: 'within-baseline', baseline: { counts: { new: 0, acknowledged: 2, vanished: 0 } } });
    expect(JSON.parse(again.files.get('/w/m2/fauxqs/report.json')!).baseline.withinBaseline).toBe(true);
  });

  it('--baselines: a vanished entry or a missing baseline file (everything new) fails the matrix', async () => {
    const stale = serializeBaseline({
      schemaVersion: 1,
      target: 'reference',
      entries: [{ id: 'message.lost', scope: { suite: 'lifecycle', property: 'send-receive-delete' }, reason: 'old', since: '2025-01-01' }],
    });
    const h = harness({ reports: { fauxqs: divergentReport() }, files: { '/w/b/reference.json': stale, '/w/b/elastic.json': serializeBaseline({ schemaVersion: 1, target: 'elastic', entries: [] }) } });
    expect(await runCli(['matrix', '--out', 'm', '--baselines', 'b'], h.io, h.deps)).toBe(EXIT.divergent);
    expect(h.stderr()).toContain('fauxqs: no baseline at b/fauxqs.json: every divergence counts as new');
    const sb = scoreboardOf(h.files);
    expect(sb.targets.map((t) => [t.name, t.status])).toEqual([
      ['reference', 'outside-baseline'],
      ['fauxqs', 'outside-baseline'],
      ['elastic', 'within-baseline'],
    ]);
    expect(sb.targets[0]!.baseline!.vanished[0]!.id).toBe('message.lost');
  });

  describe('--confirm: a difference from the baseline counts only when reruns repeat it', () => {
    // fauxqs's baseline lists one of the two ids divergentReport shows (both in lifecycle/visibility).
    const files = {
      '/w/b/fauxqs.json': serializeBaseline({ schemaVersion: 1, target: 'fauxqs', entries: [{ id: 'visibility.redelivered-early', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'known', since: '2026-12-01' }] }),
    };
    /** fauxqs: the first run shows both ids; a rerun (a `plan`) shows the new one only when `repeats`. */
    const flaky = (repeats: boolean, calls: CliRunOptions[]) => async (o: CliRunOptions): Promise<RunReport> => {
      const name = o.target.profile.name;
      if (name !== 'fauxqs') return { ...conformantReport(), target: { ...conformantReport().target, name } };
      calls.push(o);
      const r = divergentReport();
      if (!o.plan) return { ...r, target: { ...r.target, name } };
      return { ...r, target: { ...r.target, name }, divergences: r.divergences.filter((d) => repeats || d.id !== 'error.wrong-code') };
    };

    it('not repeated by the rerun: within the baseline (exit 0), said in the log, the reports and the scoreboard', async () => {
      const calls: CliRunOptions[] = [];
      const h = harness({ files, runSuites: flaky(false, calls) });
      expect(await runCli(['matrix', '--out', 'm', '--baselines', 'b', '--seed', '4'], h.io, h.deps)).toBe(EXIT.conformant);
      expect(calls.map((c) => c.plan)).toEqual([undefined, [{ suite: 'lifecycle', property: 'visibility', instances: 1 }]]);
      expect(calls[1]!.seed).toBe(4);
      // The rerun ran on a freshly started peer (the first process stopped before it).
      expect(h.started.filter((n) => n === 'fauxqs')).toHaveLength(2);
      expect(h.stopped.filter((n) => n === 'fauxqs').length).toBeGreaterThanOrEqual(2);
      expect(h.stderr()).toContain('[fauxqs] outside the baseline (new error.wrong-code in lifecycle/visibility): rerun 1 of at most 2 of 1 property (lifecycle/visibility) to confirm');
      expect(h.stderr()).toContain('[fauxqs] after 1 rerun: 0 new divergences and 0 vanished entries confirmed (within the baseline); not repeated: 1 new divergence, 0 vanished entries');
      const faux = scoreboardOf(h.files).targets.find((t) => t.name === 'fauxqs')!;
      expect(faux).toMatchObject({ status: 'within-baseline', ok: true, baseline: { counts: { new: 0, unconfirmed: 1 }, reruns: 1, unconfirmed: [{ kind: 'new', id: 'error.wrong-code', suite: 'lifecycle', property: 'visibility' }] } });
      expect(faux.divergences.find((d) => d.id === 'error.wrong-code')!.baseline).toBe('unconfirmed');
      expect(h.stdout()).toMatch(/fauxqs +within-baseline .* 0\/1\/0 \(1 not repeated by 1 rerun\)/);
      expect(h.files.get('/w/m/scoreboard.md')).toContain('Not repeated by 1 rerun(s), so not counted (intermittent?): `error.wrong-code` (lifecycle/visibility: new, not seen again)');
      const json = JSON.parse(h.files.get('/w/m/fauxqs/report.json')!) as { reruns: unknown[]; baseline: { withinBaseline: boolean; unconfirmed: { reruns: number; new: Array<{ id: string }> } } };
      expect(json.reruns).toHaveLength(1);
      expect(json.baseline.withinBaseline).toBe(true);
      expect(json.baseline.unconfirmed.new.map((n) => n.id)).toEqual(['error.wrong-code']);
      expect(h.files.get('/w/m/fauxqs/report.txt')).toMatch(/not repeated error\.wrong-code +lifecycle\/visibility/);
      expect(h.files.get('/w/m/fauxqs/report.md')).toContain('| ⚠️ not repeated | `error.wrong-code` | lifecycle/visibility |');
      expect(h.files.get('/w/m/fauxqs/report.html')).toContain('not repeated');
    });

    it('reruns wait until every target has run (the machine no longer shared with their runs)', async () => {
      const events: string[] = [];
      const base = flaky(false, []);
      const h = harness({
        files,
        runSuites: async (o) => {
          const what = `${o.target.profile.name} ${o.plan ? 'rerun' : 'run'}`;
          events.push(`begin ${what}`);
          // elastic's run outlasts fauxqs's: fauxqs's differences are known long before it ends.
          if (o.target.profile.name === 'elastic') await new Promise((r) => setTimeout(r, 50));
          const r = await base(o);
          events.push(`end ${what}`);
          return r;
        },
      });
      expect(await runCli(['matrix', '--targets', 'fauxqs,elastic', '--parallel', '2', '--out', 'm', '--baselines', 'b'], h.io, h.deps)).toBe(EXIT.conformant);
      expect(events).toEqual(['begin fauxqs run', 'begin elastic run', 'end fauxqs run', 'end elastic run', 'begin fauxqs rerun', 'end fauxqs rerun']);
      // The rerun's peer was started for it and stopped after it.
      expect(h.started.filter((n) => n === 'fauxqs')).toHaveLength(2);
      expect(h.stopped.filter((n) => n === 'fauxqs')).toHaveLength(2);
    });

    it('repeated by every rerun: outside the baseline (exit 1) after two reruns', async () => {
      const calls: CliRunOptions[] = [];
      const h = harness({ files, runSuites: flaky(true, calls) });
      expect(await runCli(['matrix', '--out', 'm', '--baselines', 'b'], h.io, h.deps)).toBe(EXIT.divergent);
      expect(calls.filter((c) => c.plan !== undefined)).toHaveLength(2);
      expect(scoreboardOf(h.files).targets.find((t) => t.name === 'fauxqs')).toMatchObject({ status: 'outside-baseline', baseline: { counts: { new: 1, unconfirmed: 0 }, reruns: 2 } });
    });

    it('--confirm 0 reruns nothing; --update-baselines reruns nothing', async () => {
      const calls: CliRunOptions[] = [];
      const h = harness({ files, runSuites: flaky(false, calls) });
      expect(await runCli(['matrix', '--out', 'm', '--baselines', 'b', '--confirm', '0'], h.io, h.deps)).toBe(EXIT.divergent);
      expect(calls).toHaveLength(1);
      const u = harness({ files, runSuites: flaky(false, calls) });
      expect(await runCli(['matrix', '--out', 'm', '--baselines', 'b', '--update-baselines'], u.io, u.deps)).toBe(EXIT.conformant);
      expect(calls).toHaveLength(2);
    });

    it('the reference server is never rerun: any divergence of ours counts', async () => {
      const calls: CliRunOptions[] = [];
      const h = harness({
        runSuites: async (o) => {
          calls.push(o);
          const r = divergentReport();
          return { ...r, target: { ...r.target, name: o.target.profile.name } };
        },
      });
      expect(await runCli(['matrix', '--targets', 'reference', '--out', 'm', '--baselines', 'b'], h.io, h.deps)).toBe(EXIT.divergent);
      expect(calls).toHaveLength(1);
    });
  });

  it('a broken baseline file is a usage error before anything starts', async () => {
    const h = harness({ files: { '/w/b/fauxqs.json': '{"schemaVersion":1}' } });
    expect(await runCli(['matrix', '--baselines', 'b'], h.io, h.deps)).toBe(EXIT.usage);
    expect(h.stderr()).toContain('/w/b/fauxqs.json: "target" must be a target name');
    expect(h.started).toEqual([]);
  });
});

describe('run --baseline', () => {
  const known = serializeBaseline({
    schemaVersion: 1,
    target: 'elastic',
    entries: [
      { id: 'visibility.redelivered-early', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'elastic quirk', since: '2025-01-01' },
      { id: 'error.wrong-code', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'elastic code', since: '2025-01-01' },
    ],
  });

  it('within the baseline: exit 0 even though divergent; reports show acknowledged', async () => {
    const h = harness({ reports: { reference: divergentReport() }, files: { '/w/base.json': known } });
    expect(await runCli(['run', '--baseline', 'base.json', '--report', 'text,json,md,html', '--out', 'r'], h.io, h.deps)).toBe(EXIT.conformant);
    expect(h.stdout()).toContain('within the baseline: 2 acknowledged, 0 new, 0 vanished');
    expect(JSON.parse(h.files.get('/w/r/report.json')!).baseline.counts).toEqual({ new: 0, acknowledged: 2, vanished: 0, notRun: 0, dormant: 0 });
    expect(h.files.get('/w/r/report.md')).toContain('✅ Baseline: within the baseline');
    expect(h.files.get('/w/r/report.html')).toContain('badge s-within-baseline');
  });

  it('a new divergence: exit 1', async () => {
    const one = serializeBaseline({ ...parseOk(known), entries: parseOk(known).entries.filter((e) => e.id === 'visibility.redelivered-early') });
    const h = harness({ reports: { reference: divergentReport() }, files: { '/w/base.json': one } });
    expect(await runCli(['run', '--baseline', 'base.json'], h.io, h.deps)).toBe(EXIT.divergent);
    expect(h.stdout()).toMatch(/NEW +error\.wrong-code/);
  });

  it('a new divergence a rerun does not repeat: exit 0, the report says it was not repeated', async () => {
    const one = serializeBaseline({ ...parseOk(known), entries: parseOk(known).entries.filter((e) => e.id === 'visibility.redelivered-early') });
    const plans: unknown[] = [];
    const h = harness({
      files: { '/w/base.json': one },
      runSuites: async (o) => {
        plans.push(o.plan);
        const r = divergentReport();
        return { ...r, target: { ...r.target, name: o.target.profile.name }, divergences: o.plan ? r.divergences.filter((d) => d.id !== 'error.wrong-code') : r.divergences };
      },
    });
    expect(await runCli(['run', '--baseline', 'base.json', '--confirm', '1'], h.io, h.deps)).toBe(EXIT.conformant);
    expect(plans).toEqual([undefined, [{ suite: 'lifecycle', property: 'visibility', instances: 1 }]]);
    expect(h.stdout()).toContain('within the baseline: 1 acknowledged, 0 new, 0 vanished, 1 not repeated by 1 rerun');
    expect(h.stderr()).toContain('rerun 1 of at most 1 of 1 property (lifecycle/visibility) to confirm');
  });

  it('a listed divergence that vanished: exit 1; a subset run does not judge other properties', async () => {
    const h = harness({ reports: { reference: conformantReport() }, files: { '/w/base.json': serializeBaseline({ schemaVersion: 1, target: 'reference', entries: [{ id: 'message.lost', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'r', since: '2025-01-01' }] }) } });
    expect(await runCli(['run', '--baseline', 'base.json'], h.io, h.deps)).toBe(EXIT.divergent);
    expect(h.stdout()).toMatch(/VANISHED +message\.lost/);
    const other = harness({ reports: { reference: conformantReport() }, files: { '/w/base.json': serializeBaseline({ schemaVersion: 1, target: 'reference', entries: [{ id: 'message.lost', scope: { suite: 'lifecycle', property: 'retention' }, reason: 'r', since: '2025-01-01' }] }) } });
    expect(await runCli(['run', '--baseline', 'base.json'], other.io, other.deps)).toBe(EXIT.conformant);
  });

  it('--update-baseline rewrites the file keeping reasons; a missing file without it is a usage error', async () => {
    const h = harness({ reports: { reference: divergentReport() }, files: { '/w/base.json': serializeBaseline({ ...parseOk(known), entries: parseOk(known).entries.filter((e) => e.id === 'visibility.redelivered-early') }) } });
    expect(await runCli(['run', '--baseline', 'base.json', '--update-baseline'], h.io, h.deps)).toBe(EXIT.conformant);
    expect(parseOk(h.files.get('/w/base.json')!).entries.map((e) => [e.id, e.reason])).toEqual([
      ['error.wrong-code', expect.stringMatching(/^Observed 2025-06-07 \(seed 123456, query, visibility\): op 6 \(p3 DeleteMessage/)],
      ['visibility.redelivered-early', 'elastic quirk'],
    ]);
    expect(h.stderr()).toContain('baseline base.json rewritten: 2 entries (+1 new, -0 vanished)');

    const missing = harness();
    expect(await runCli(['run', '--baseline', 'nope.json'], missing.io, missing.deps)).toBe(EXIT.usage);
    expect(missing.stderr()).toContain('baseline nope.json does not exist (create it with --update-baseline)');
    expect(await runCli(['run', '--update-baseline'], missing.io, missing.deps)).toBe(EXIT.usage);
    expect(missing.stderr()).toContain('--update-baseline needs --baseline FILE');
  });
});

function parseOk(text: string) {
  const r = parseBaseline(text);
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
