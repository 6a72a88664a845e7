// The scoreboard's grid of suites (rows) × targets (columns): per cell the properties passed /
// total, the distinct divergence ids, new vs baselined, and cells where the suite did not run (a
// capability the target lacks) or the target did not run at all. The data in scoreboard.json, the
// same numbers in the terminal text, the Markdown and the HTML.
import { describe, expect, it } from 'vitest';
import { cellText, renderScoreboardHtml, renderScoreboardMarkdown, renderScoreboardText } from '../../src/report/index.js';
import { BASELINE_SCHEMA_VERSION, type Baseline } from '../../src/runner/baseline.js';
import { buildScoreboard, compareAll, type MatrixTargetResult, type Scoreboard } from '../../src/runner/matrix.js';
import type { RunReport } from '../../src/runner/types.js';
import { conformantReport, divergentReport } from './fixtures.js';

/** reference: lifecycle and fifo pass; elastic: lifecycle divergent (two ids), errors undecided, fifo not run; goaws: did not start. */
function results(): MatrixTargetResult[] {
  const ref = conformantReport();
  const reference: RunReport = {
    ...ref,
    suites: ['lifecycle', 'fifo'],
    properties: [
      ...ref.properties.map((p) => ({ ...p, property: `${p.property}#0` })),
      { ...ref.properties[0]!, property: 'visibility#1' },
      { ...ref.properties[0]!, suite: 'fifo', property: 'order#0' },
    ],
  };
  const elastic = divergentReport();
  elastic.skipped = [{ suite: 'fifo', reason: 'target lacks capability fifo' }];
  return [
    { name: 'reference', durationMs: 1000, report: reference },
    { name: 'elastic', durationMs: 2000, report: elastic },
    { name: 'goaws', durationMs: 40, error: 'did not start: port in use' },
  ];
}

const SUITES = ['lifecycle', 'fifo', 'errors'];

function board(baselines?: Map<string, Baseline>): Scoreboard {
  const rs = results();
  return buildScoreboard({ results: rs, seed: 7, suites: SUITES, generatedAt: 'g', wallTimeMs: 1, parallel: 2, ...(baselines ? { comparisons: compareAll(rs, baselines) } : {}) });
}

const acknowledging: Map<string, Baseline> = new Map([
  [
    'elastic',
    {
      schemaVersion: BASELINE_SCHEMA_VERSION,
      target: 'elastic',
      entries: [
        { id: 'visibility.redelivered-early', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'known', since: '2025-01-01' },
        { id: 'message.lost', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'was flaky', since: '2025-01-01' },
      ],
    },
  ],
]);

describe('the grid in scoreboard.json', () => {
  it('a cell per suite and target: properties passed/total, ids, and why a suite did not run', () => {
    const sb = board();
    const [reference, elastic, goaws] = sb.targets;
    expect(reference!.suites.map((c) => [c.suite, c.status, c.properties, c.divergenceIds])).toEqual([
      ['lifecycle', 'passed', { passed: 2, total: 2 }, 0], // visibility#0 and #1 are one property
      ['fifo', 'passed', { passed: 1, total: 1 }, 0],
      ['errors', 'not-run', { passed: 0, total: 0 }, 0],
    ]);
    expect(reference!.suites[0]!.scenarios).toMatchObject({ passed: 3, total: 3 });
    expect(elastic!.suites.map((c) => [c.suite, c.status, c.properties, c.divergenceIds, c.occurrences, c.reason])).toEqual([
      ['lifecycle', 'failed', { passed: 1, total: 2 }, 2, 2, undefined],
      ['fifo', 'not-run', { passed: 0, total: 0 }, 0, 0, 'target lacks capability fifo'],
      ['errors', 'unknown', { passed: 0, total: 2 }, 0, 0, undefined],
    ]);
    expect(goaws!.suites.map((c) => [c.status, c.reason])).toEqual(SUITES.map(() => ['error', 'did not start: port in use']));
    expect(elastic!.suites[0]!.newIds).toBeUndefined();
  });

  it('with baselines: new and baselined ids, and entries that vanished', () => {
    const elastic = board(acknowledging).targets[1]!;
    expect(elastic.suites[0]).toMatchObject({ divergenceIds: 2, newIds: 1, baselinedIds: 1, vanished: 1 });
    expect(cellText(elastic.suites[0]!)).toBe('1/2 · 2 ids (1 new, 1 baselined) · 1 vanished');
    expect(cellText(elastic.suites[1]!)).toBe('not run: target lacks capability fifo');
    expect(cellText(board(acknowledging).targets[2]!.suites[0]!)).toBe('error');
  });
});

describe('the grid rendered', () => {
  it('terminal text: a row per suite, a column per target', () => {
    const text = renderScoreboardText(board(acknowledging));
    const lines = text.split('\n');
    const head = lines.findIndex((l) => l.startsWith('suite '));
    expect(lines[head - 1]).toBe('Suites × targets: properties passed/total, divergence ids (new, baselined)');
    expect(lines[head]).toMatch(/^suite +reference +elastic +goaws$/);
    expect(lines[head + 1]).toMatch(/^lifecycle +✓ 2\/2 +✗ 1\/2 · 2 ids \(1 new, 1 baselined\) · 1 vanished +! error$/);
    expect(lines[head + 2]).toMatch(/^fifo +✓ 1\/1 +– not run: target lacks capability fifo +! error$/);
    expect(lines[head + 3]).toMatch(/^errors +– not run +\? 0\/2 +! error$/);
    // The per-target lines come first, as before.
    expect(lines[0]).toMatch(/^target +status/);
    expect(text).toMatch(/elastic +outside-baseline +1\/4/);
  });

  it('markdown: the grid first, a column per target', () => {
    const m = renderScoreboardMarkdown(board(acknowledging));
    expect(m.indexOf('## Suites × targets')).toBeLessThan(m.indexOf('## Targets'));
    expect(m).toContain('| Suite | reference | elastic | goaws |');
    expect(m).toContain('| lifecycle | ✅ 2/2 | ❌ 1/2 · 2 ids (1 new, 1 baselined) · 1 vanished | ⚠️ error |');
    expect(m).toContain('| fifo | ✅ 1/1 | ⏸️ not run: target lacks capability fifo | ⚠️ error |');
  });

  it('html: cells carry their numbers as data and show them', () => {
    const sb = board(acknowledging);
    const page = renderScoreboardHtml(sb);
    expect(page.indexOf('id="grid"')).toBeLessThan(page.indexOf('id="targets"'));
    const cells = [...page.matchAll(/<td class="gcell ([a-z-]+)" data-suite="([^"]+)" data-target="([^"]+)" data-status="[^"]+"(?: data-passed="(\d+)" data-total="(\d+)" data-ids="(\d+)")?/g)].map((m) => [m[2], m[3], m[1], m[4], m[5], m[6]]);
    expect(cells).toHaveLength(SUITES.length * sb.targets.length);
    expect(cells).toContainEqual(['lifecycle', 'elastic', 'failed', '1', '2', '2']);
    expect(cells).toContainEqual(['fifo', 'elastic', 'not-run', '0', '0', '0']);
    expect(cells).toContainEqual(['errors', 'goaws', 'error', '0', '0', '0']);
    expect(page).toMatch(/data-suite="lifecycle" data-target="elastic"[^>]* data-new="1" data-baselined="1"[^>]*><span class="gfrac">1\/2<\/span><span class="gids">2 ids \(1 new, 1 baselined\) · 1 vanished<\/span><\/td>/);
    expect(page).toMatch(/data-suite="fifo" data-target="elastic"[^>]*><span class="glabel">not run<\/span><span class="gnote">target lacks capability fifo<\/span>/);
  });
});
