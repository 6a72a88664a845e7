// The matrix with fake targets: concurrency limit, order, error rows for targets that do not start
// or whose run throws, stop always called; the scoreboard's numbers from hand-built reports.
import { describe, expect, it } from 'vitest';
import { BASELINE_SCHEMA_VERSION, compareWithBaseline, type Baseline } from '../../src/runner/baseline.js';
import { buildScoreboard, compareAll, runMatrix, type MatrixEvent, type MatrixTargetResult } from '../../src/runner/matrix.js';
import { REPORT_SCHEMA_VERSION, type PropertyResult, type ReportedDivergence, type RunReport } from '../../src/runner/types.js';
import { KIT } from '../support/corpus.js';
import { propertyResult, reportedDivergence } from './fixtures.js';

const prop = propertyResult;
const div = (id: string, property: string, replay?: string): ReportedDivergence => reportedDivergence(id, property, 'lifecycle', replay);

function report(name: string, properties: PropertyResult[], divergences: ReportedDivergence[], verdict?: RunReport['verdict']): RunReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    target: { name, endpoint: 'http://user:pw@127.0.0.1:9/?token=x', protocol: 'json', region: 'us-east-1' },
    seed: 5,
    strictness: 'typical',
    suites: ['lifecycle'],
    skipped: [],
    catalog: KIT.catalog.subset(divergences.map((d) => d.id)),
    exercised: {},
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 1,
    verdict: verdict ?? (divergences.length > 0 ? 'divergent' : 'conformant'),
    properties,
    divergences,
  };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 5));

describe('runMatrix', () => {
  it('runs at most `parallel` targets at once, keeps the order of the names, and stops each target', async () => {
    let running = 0;
    let peak = 0;
    const stopped: string[] = [];
    const events: MatrixEvent[] = [];
    const results = await runMatrix(['a', 'b', 'c', 'd', 'e'], 2, {
      start: async (name) => ({ name, stop: async () => void stopped.push(name) }),
      run: async (name) => {
        running++;
        peak = Math.max(peak, running);
        await tick();
        await tick();
        running--;
        return report(name, [prop('p#0', true)], []);
      },
      onEvent: (e) => events.push(e),
    });
    expect(peak).toBe(2);
    expect(results.map((r) => r.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(results.every((r) => r.report?.target.name === r.name)).toBe(true);
    expect(stopped.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(events.filter((e) => e.kind === 'finished')).toHaveLength(5);
  });

  it('a target that fails to start, or whose run throws, is an error result, never a crash', async () => {
    const stopped: string[] = [];
    const results = await runMatrix(['ok', 'nostart', 'boom'], 3, {
      start: async (name) => {
        if (name === 'nostart') throw new Error('npm install failed:\nE404 not found');
        return { stop: async () => void stopped.push(name) };
      },
      run: async (name) => {
        if (name === 'boom') throw new Error('socket hang up');
        return report(name, [prop('p#0', true)], []);
      },
    });
    expect(results[0]!.report).toBeDefined();
    expect(results[1]).toMatchObject({ name: 'nostart', error: 'did not start: npm install failed: E404 not found' });
    expect(results[2]).toMatchObject({ name: 'boom', error: 'the run failed: socket hang up' });
    expect(stopped.sort()).toEqual(['boom', 'ok']);
  });

  it("a start error's log (a launcher's TargetError.log) goes with the error row into the scoreboard", async () => {
    const log = { file: '.peers/logs/localstack.log', tail: ['  File "crypto.py", line 119', "AttributeError: 'X509' object has no attribute 'add_extensions'"] };
    const results = await runMatrix(['localstack', 'plain'], 1, {
      start: async (name) => {
        throw Object.assign(new Error(`${name} exited (code 1) before it was ready`), name === 'localstack' ? { log } : {});
      },
      run: async () => {
        throw new Error('not reached');
      },
    });
    expect(results[0]).toMatchObject({ name: 'localstack', error: 'did not start: localstack exited (code 1) before it was ready', errorLog: log });
    expect(results[1]!.errorLog).toBeUndefined();
    const sb = buildScoreboard({ results, seed: 1, suites: ['lifecycle'], generatedAt: 'x', wallTimeMs: 1, parallel: 1 });
    expect(sb.targets[0]).toMatchObject({ status: 'error', errorLog: log });
    expect(sb.targets[1]).not.toHaveProperty('errorLog');
  });

  it('a failing stop is a warning, and an aborted matrix starts nothing more', async () => {
    const controller = new AbortController();
    const events: MatrixEvent[] = [];
    const results = await runMatrix(['a', 'b'], 1, {
      signal: controller.signal,
      start: async () => ({
        stop: async () => {
          throw new Error('EPIPE');
        },
      }),
      run: async (name) => {
        controller.abort();
        return report(name, [], []);
      },
      onEvent: (e) => events.push(e),
    });
    expect(events).toContainEqual({ kind: 'warning', target: 'a', text: 'stopping failed: EPIPE' });
    expect(results[1]).toMatchObject({ name: 'b', error: 'interrupted before it started' });
  });
});

function results(): MatrixTargetResult[] {
  return [
    { name: 'reference', durationMs: 1000, report: report('reference', [prop('visibility#0', true), prop('visibility#1', true), prop('validation#0', true)], []) },
    {
      name: 'fauxqs',
      durationMs: 2000,
      report: report(
        'fauxqs',
        [prop('visibility#0', false), prop('visibility#1', true), prop('validation#0', false), prop('retention#0', false, { error: 'CreateQueue failed' })],
        [
          div('handle.invalid-accepted', 'visibility#0', 'sqs-conformance run --target fauxqs --replay visibility#0:0:0:0'),
          div('handle.invalid-accepted', 'visibility#0', 'sqs-conformance run --target fauxqs --replay visibility#0:0:0:0'),
          div('error.wrong-message', 'validation#0', 'sqs-conformance run --target fauxqs --replay validation#0:1'),
          div('message.lost', 'visibility#0', 'sqs-conformance run --target fauxqs --replay visibility#0:0:0:0'),
        ],
      ),
    },
    { name: 'broken', durationMs: 30, error: 'did not start: java not found' },
  ];
}

describe('buildScoreboard', () => {
  it('counts scenarios per target and per property, divergences per id and per catalogue area', () => {
    const sb = buildScoreboard({ results: results(), seed: 5, suites: ['lifecycle'], generatedAt: '2025-01-01T00:00:00.000Z', wallTimeMs: 2100, parallel: 2 });
    expect(sb.ok).toBe(false);
    expect(sb.baselines).toBe(false);
    expect(sb.properties).toEqual([
      { suite: 'lifecycle', property: 'retention' },
      { suite: 'lifecycle', property: 'validation' },
      { suite: 'lifecycle', property: 'visibility' },
    ]);
    const [ref, faux, broken] = sb.targets;
    expect(ref).toMatchObject({ status: 'conformant', ok: true, scenarios: { passed: 3, total: 3 }, divergenceCount: 0, endpoint: 'http://127.0.0.1:9' });
    expect(faux).toMatchObject({ status: 'divergent', ok: false, scenarios: { passed: 1, total: 4, failed: 2, error: 1, unknown: 0 }, divergenceCount: 4 });
    expect(faux!.properties.find((p) => p.property === 'visibility')).toMatchObject({ passed: 1, total: 2, divergenceIds: ['message.lost', 'handle.invalid-accepted'] });
    expect(faux!.divergences.map((d) => [d.id, d.occurrences, d.scenarios, d.area])).toEqual([
      ['message.lost', 1, 1, 'lifecycle'],
      ['handle.invalid-accepted', 2, 1, 'lifecycle'],
      ['error.wrong-message', 1, 1, 'errors'],
    ]);
    expect(faux!.divergences[1]!.replay).toBe('sqs-conformance run --target fauxqs --replay visibility#0:0:0:0');
    expect(faux!.areas).toEqual([
      { area: 'lifecycle', divergenceIds: ['message.lost', 'handle.invalid-accepted'], occurrences: 3 },
      { area: 'errors', divergenceIds: ['error.wrong-message'], occurrences: 1 },
    ]);
    expect(sb.areas).toEqual(['lifecycle', 'errors']);
    expect(broken).toMatchObject({ status: 'error', ok: false, error: 'did not start: java not found', scenarios: { passed: 0, total: 0 } });
    // Never the endpoint's user info or query.
    expect(JSON.stringify(sb)).not.toMatch(/user:pw|token=x/);
  });

  it('with baselines: within, outside (new or vanished), and the per-id baseline status', () => {
    const rs = results();
    const fauxBaseline: Baseline = {
      schemaVersion: BASELINE_SCHEMA_VERSION,
      target: 'fauxqs',
      entries: [
        { id: 'handle.invalid-accepted', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'known', since: '2025-01-01' },
        { id: 'error.wrong-message', scope: { suite: 'lifecycle', property: 'validation' }, reason: 'known', since: '2025-01-01' },
        { id: 'message.lost', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'known', since: '2025-01-01' },
      ],
    };
    const refBaseline: Baseline = {
      schemaVersion: BASELINE_SCHEMA_VERSION,
      target: 'reference',
      entries: [{ id: 'message.lost', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'flaky once', since: '2025-01-01' }],
    };
    const comparisons = compareAll(rs, new Map([['fauxqs', fauxBaseline], ['reference', refBaseline]]));
    expect(comparisons.has('broken')).toBe(false);
    const sb = buildScoreboard({ results: rs, seed: 5, suites: ['lifecycle'], generatedAt: 'x', wallTimeMs: 1, parallel: 1, comparisons, baselineFiles: new Map([['fauxqs', 'conformance/baselines/fauxqs.json']]) });
    const [ref, faux] = sb.targets;
    expect(faux).toMatchObject({ status: 'within-baseline', ok: true, baseline: { within: true, file: 'conformance/baselines/fauxqs.json', counts: { new: 0, acknowledged: 3, vanished: 0 } } });
    expect(faux!.divergences.every((d) => d.baseline === 'acknowledged')).toBe(true);
    expect(ref).toMatchObject({ status: 'outside-baseline', ok: false, baseline: { within: false, counts: { new: 0, acknowledged: 0, vanished: 1 } } });
    expect(ref!.baseline!.vanished.map((e) => e.id)).toEqual(['message.lost']);

    // A new id on fauxqs: outside, and that id is marked new.
    const fauxReport = rs[1]!.report!;
    fauxReport.divergences.push(div('delay.visible-early', 'visibility#1'));
    const c2 = new Map([['fauxqs', compareWithBaseline(fauxReport, fauxBaseline)]]);
    const sb2 = buildScoreboard({ results: [rs[1]!], seed: 5, suites: ['lifecycle'], generatedAt: 'x', wallTimeMs: 1, parallel: 1, comparisons: c2 });
    expect(sb2.targets[0]).toMatchObject({ status: 'outside-baseline', ok: false, baseline: { counts: { new: 1 } } });
    expect(sb2.targets[0]!.divergences.find((d) => d.id === 'delay.visible-early')!.baseline).toBe('new');
  });

  it('an undecided target within its baseline is not ok', () => {
    const r: MatrixTargetResult = { name: 'x', durationMs: 1, report: report('x', [prop('p#0', false, { error: 'budget' })], [], 'unknown') };
    const sb = buildScoreboard({ results: [r], seed: 1, suites: ['lifecycle'], generatedAt: 'x', wallTimeMs: 1, parallel: 1, comparisons: compareAll([r], new Map()) });
    expect(sb.targets[0]).toMatchObject({ status: 'unknown', ok: false });
    expect(sb.ok).toBe(false);
  });
});

describe('runMatrix phases', () => {
  it('each target: install, start, run and stop, each begun and ended with how long it took and what it did', async () => {
    const events: MatrixEvent[] = [];
    let t = 0;
    await runMatrix(['a'], 1, {
      now: () => (t += 5),
      install: async () => 'a 1.0 already installed in .peers/a',
      start: async () => ({ stop: async () => {} }),
      run: async (name) => report(name, [prop('p#0', true)], []),
      onEvent: (e) => events.push(e),
    });
    const phases = events.filter((e) => e.kind === 'phase').map((e) => (e.kind === 'phase' ? `${e.phase}:${e.state}${e.state === 'end' ? `:${e.detail ?? ''}` : ''}` : ''));
    expect(phases).toEqual(['install:begin', 'install:end:a 1.0 already installed in .peers/a', 'start:begin', 'start:end:', 'run:begin', 'run:end:conformant, 0 divergence occurrences', 'stop:begin', 'stop:end:']);
    for (const e of events) if (e.kind === 'phase' && e.state === 'end') expect(e.ms).toBe(5);
  });

  it('an install that fails ends the target before it starts, with the log it carries', async () => {
    const started: string[] = [];
    const results = await runMatrix(['a'], 1, {
      install: async () => {
        throw Object.assign(new Error('pip failed'), { log: { file: '.peers/logs/a-install.log', tail: ['ERROR: hash mismatch'] } });
      },
      start: async (name) => {
        started.push(name);
        return { stop: async () => {} };
      },
      run: async (name) => report(name, [], []),
    });
    expect(started).toEqual([]);
    expect(results[0]).toMatchObject({ error: 'did not install: pip failed', errorLog: { file: '.peers/logs/a-install.log', tail: ['ERROR: hash mismatch'] } });
  });
});
