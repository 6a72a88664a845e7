// HTML escaping, the run page, the baseline sections of every renderer, and the scoreboard
// renderers (Markdown, HTML, JSON) from hand-built results with hostile strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  html,
  rawHtml,
  renderHtml,
  renderJson,
  renderMarkdown,
  renderScoreboardHtml,
  renderScoreboardJson,
  renderScoreboardMarkdown,
  renderText,
} from '../../src/report/index.js';
import { BASELINE_SCHEMA_VERSION, compareWithBaseline, type Baseline } from '../../src/runner/baseline.js';
import { buildScoreboard, compareAll, type MatrixTargetResult } from '../../src/runner/matrix.js';
import { conformantReport, divergentReport, FAKE_SECRET, reportWithSmuggledSecret } from './fixtures.js';

/** The markup of a page with every tag's attributes removed, for "no element X" checks. */
const tags = (page: string): string[] => [...page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)/g)].map((m) => m[1]!.toLowerCase());

describe('escapeHtml and the html template', () => {
  it('escapes the five metacharacters and makes control characters visible', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml('a\u001b[2Jb\u0000c\ud800')).toBe('a\\u001b[2Jb\\u0000c\\ud800');
    expect(escapeHtml('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });

  it('escaped text never contains markup characters outside entities (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = escapeHtml(s);
        expect(e).not.toMatch(/[<>"']/);
        expect(e.replace(/&(amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      }),
    );
  });

  it('interpolations are escaped unless already markup; arrays join; nothing for null/undefined/false', () => {
    const evil = '<img src=x onerror=alert(1)>';
    expect(html`<p title="${evil}">${evil}</p>`.value).toBe('<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</p>');
    expect(html`<ul>${['<a>', html`<li>ok</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li></ul>');
    expect(html`${undefined}${null}${false}${0}${rawHtml('<br>')}`.value).toBe('0<br>');
    // A template-looking value is just text.
    expect(html`${'${rawHtml("<b>")}'}`.value).toBe('${rawHtml(&quot;&lt;b&gt;&quot;)}');
  });
});

describe('renderHtml', () => {
  it('is a self-contained page: doctype, title, CSP, inline style, no script, no external asset', () => {
    const page = renderHtml(divergentReport());
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toContain('<title>sqs-conformance: elastic — divergent</title>');
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(tags(page)).not.toContain('script');
    expect(tags(page)).not.toContain('link');
    expect(tags(page)).not.toContain('img');
    expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(page).not.toMatch(/url\(/);
  });

  it('shows verdict, properties, and each divergence with id, levels, summary, source, story, timeline and replay', () => {
    const r = divergentReport();
    const page = renderHtml(r);
    expect(page).toContain('<div class="n" id="passed">1/4</div>');
    expect(page).toContain('<div class="n" id="divergences">2</div>');
    expect(page.match(/<section class="divergence/g)).toHaveLength(2);
    expect(page).toContain('<code class="id">visibility.redelivered-early</code>');
    expect(page).toContain('sqs-semantics.md § 5.3; 14 N1 (documented)');
    expect(page).toContain('<li>Let op 2 (p1 ReceiveMessage, 1010 ms–1020 ms) receive m1 with VisibilityTimeout 30 s (receive 1).</li>');
    expect(page).toContain('returned m1 at most at 1560 ms, but it was invisible until at least 30960 ms (its visibility timeout).');
    expect(page).toContain('<figure class="timeline" id="timeline-1">');
    expect(page.match(/<g class="call /g)!.length).toBeGreaterThanOrEqual(3);
    expect(page).toContain('sqs-conformance run --target elastic --suite lifecycle --seed 7 --replay visibility:3:0:1');
    expect(page).toContain('<a href="#d-1"><code class="id">visibility.redelivered-early</code></a>');
  });

  it('escapes everything a target controls', () => {
    const page = renderHtml(divergentReport());
    expect(page).toContain('Error code differs: got &lt;Foo&gt; &amp; &quot;bar&quot; | with `ticks`');
    expect(page).toContain('wrong &lt;code&gt; &amp; &quot;quotes&quot;');
    expect(page).toContain('connect ECONNREFUSED 127.0.0.1:9325 &lt;&amp;&quot;&gt;');
    expect(page).not.toContain('<Foo>');
    expect(page).not.toContain('<invalid>');
    expect(page).not.toContain('\u001b');
    expect(page).not.toContain('x'.repeat(200)); // bodies are shortened in timelines
  });

  it('never shows credentials', () => {
    const page = renderHtml(reportWithSmuggledSecret());
    expect(page).not.toContain(FAKE_SECRET);
    expect(page).not.toContain('AKIAFAKE');
  });

  it('a conformant run has no divergence section', () => {
    const page = renderHtml(conformantReport());
    expect(page).toContain('badge s-conformant');
    expect(page).not.toContain('<section class="divergence');
  });
});

function divergentBaseline(entries: Baseline['entries']): Baseline {
  return { schemaVersion: BASELINE_SCHEMA_VERSION, target: 'elastic', entries };
}

describe('baseline sections', () => {
  const r = divergentReport();
  // visibility.redelivered-early acknowledged; error.wrong-code new; message.lost vanished
  // (visibility ran); a retention entry not run.
  const b = divergentBaseline([
    { id: 'visibility.redelivered-early', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'known <quirk>', since: '2025-01-01' },
    { id: 'message.lost', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'was flaky', since: '2024-12-01' },
    { id: 'message.lost', scope: { suite: 'lifecycle', property: 'retention' }, reason: 'no retention', since: '2024-12-01' },
  ]);
  const c = compareWithBaseline(r, b);

  it('json: per divergence status and the acknowledged / new / vanished lists', () => {
    const j = JSON.parse(renderJson(r, { baseline: c }));
    expect(j.divergences.map((d: { id: string; baseline: string }) => [d.id, d.baseline])).toEqual([
      ['visibility.redelivered-early', 'acknowledged'],
      ['error.wrong-code', 'new'],
    ]);
    expect(j.baseline.withinBaseline).toBe(false);
    expect(j.baseline.counts).toEqual({ new: 1, acknowledged: 1, vanished: 1, notRun: 1, dormant: 0 });
    expect(j.baseline.new[0]).toMatchObject({ id: 'error.wrong-code', suite: 'lifecycle', property: 'visibility', occurrences: 1 });
    expect(j.baseline.vanished[0]).toMatchObject({ id: 'message.lost', scope: { property: 'visibility' } });
    expect(JSON.parse(renderJson(r)).baseline).toBeUndefined();
  });

  it('text: a baseline line in the header, NEW / acknowledged marks, and the lists', () => {
    const t = renderText(r, { baseline: c });
    expect(t).toContain('baseline    OUTSIDE the baseline: 1 acknowledged, 1 new, 1 vanished, 1 not run');
    expect(t).toMatch(/1\. visibility\.redelivered-early .*acknowledged/);
    expect(t).toMatch(/2\. error\.wrong-code .*NEW/);
    expect(t).toMatch(/VANISHED +message\.lost +lifecycle\/visibility +did not occur/);
    expect(t).toMatch(/acknowledged visibility\.redelivered-early +lifecycle\/visibility +×1 +\(known <quirk>; since 2025-01-01\)/);
    expect(renderText(r)).not.toContain('baseline');
  });

  it('markdown: summary line, a baseline column and table, cells escaped', () => {
    const m = renderMarkdown(r, { baseline: c });
    expect(m).toContain('❌ Baseline: OUTSIDE the baseline: 1 acknowledged, 1 new, 1 vanished, 1 not run.');
    expect(m).toContain('| Id | Strictness | Grade | Baseline | Summary | Source | Replay |');
    expect(m).toContain('| acknowledged | `visibility.redelivered-early` | lifecycle/visibility | 1 | known &lt;quirk&gt; (since 2025-01-01) |');
    expect(m).toContain('| ❌ vanished | `message.lost` |');
    expect(m).toContain('| ❌ new | `error.wrong-code` |');
  });

  it('html: baseline table and badges', () => {
    const page = renderHtml(r, { baseline: c });
    expect(page).toContain('<h2>Baseline</h2>');
    expect(page).toContain('known &lt;quirk&gt; (since 2025-01-01)');
    expect(page).toContain('badge s-vanished');
    expect(page).toContain('<section class="divergence acknowledged" id="d-1">');
    expect(page).toContain('<section class="divergence" id="d-2">');
  });

  it('within the baseline says so', () => {
    const ok = compareWithBaseline(r, divergentBaseline([
      { id: 'visibility.redelivered-early', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'a', since: '2025-01-01' },
      { id: 'error.wrong-code', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'b', since: '2025-01-01' },
    ]));
    expect(renderText(r, { baseline: ok })).toContain('baseline    within the baseline: 2 acknowledged, 0 new, 0 vanished');
    expect(renderMarkdown(r, { baseline: ok })).toContain('✅ Baseline: within the baseline');
  });
});

function matrixResults(): MatrixTargetResult[] {
  return [
    { name: 'reference', durationMs: 75_000, report: { ...conformantReport(), target: { name: 'reference', endpoint: 'http://127.0.0.1:1', protocol: 'json', region: 'us-east-1' } } },
    { name: 'elastic', durationMs: 140_000, report: divergentReport() },
    {
      name: 'goaws',
      durationMs: 40,
      error: 'did not start: <script>alert("x")</script> not found',
      errorLog: { file: '.peers/logs/goaws.log', tail: ['starting <b>goaws</b>', 'bind: address already in use'] },
    },
  ];
}

describe('scoreboard renderers', () => {
  const sb = buildScoreboard({ results: matrixResults(), seed: 7, suites: ['lifecycle'], generatedAt: '2025-01-01T00:00:00.000Z', wallTimeMs: 150_000, parallel: 2 });

  it('json is the scoreboard itself', () => {
    expect(JSON.parse(renderScoreboardJson(sb))).toEqual(JSON.parse(JSON.stringify(sb)));
  });

  it('markdown: a row per target (error rows too), per property, per area, and divergences with count and replay', () => {
    const m = renderScoreboardMarkdown(sb);
    expect(m).toContain('| reference | ✅ conformant | 2/2 | 0 | 0 | 1 min 15 s |');
    expect(m).toContain('| elastic | ❌ divergent | 1/4 | 2 | 2 | 2 min 20 s |');
    expect(m).toContain('| goaws | ⚠️ error: did not start: &lt;script&gt;alert("x")&lt;/script&gt; not found | – | – | – | 40 ms | |');
    expect(m).toContain('| lifecycle | visibility | ✅ 1/1 | ❌ 0/1 `visibility.redelivered-early`, `error.wrong-code` |');
    expect(m).toMatch(/\| `visibility\.redelivered-early` \| lifecycle \| .* \| 1 \| `sqs-conformance run --target elastic --suite lifecycle --seed 7 --replay visibility:3:0:1` \|/);
    expect(m).not.toContain('<script>');
    expect(m).toContain('Last lines of `.peers/logs/goaws.log`:\n\n```text\nstarting <b>goaws</b>\nbind: address already in use\n```');
  });

  it('html: the numbers of scoreboard.json, escaped, self-contained', () => {
    const page = renderScoreboardHtml(sb);
    expect(page).toContain('<title>sqs-conformance scoreboard — reference, elastic, goaws</title>');
    expect(page).toMatch(/<tr data-target="elastic" data-status="divergent">.*<td class="num passed">1\/4<\/td><td class="num ids">2<\/td><td class="num occurrences">2<\/td>/);
    expect(page).toMatch(/<tr class="error-row" data-target="goaws" data-status="error">/);
    expect(page).toContain('did not start: &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; not found');
    expect(page).toContain('<p>Last lines of <code>.peers/logs/goaws.log</code>:</p><pre class="log">starting &lt;b&gt;goaws&lt;/b&gt;\nbind: address already in use</pre>');
    expect(tags(page)).not.toContain('script');
    expect(page).not.toMatch(/\b(src|href)="(https?:)?\/\//);
  });

  it('with baselines: status, counts and vanished entries', () => {
    const baselines = new Map<string, Baseline>([
      ['elastic', { schemaVersion: 1, target: 'elastic', entries: [{ id: 'visibility.redelivered-early', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'r', since: '2025-01-01' }] }],
      ['reference', { schemaVersion: 1, target: 'reference', entries: [{ id: 'message.lost', scope: { suite: 'lifecycle', property: 'visibility' }, reason: 'r', since: '2025-01-01' }] }],
    ]);
    const rs = matrixResults();
    const withB = buildScoreboard({ results: rs, seed: 7, suites: ['lifecycle'], generatedAt: 'x', wallTimeMs: 1, parallel: 2, comparisons: compareAll(rs, baselines), reportFiles: (n) => ({ html: `${n}/report.html` }) });
    const m = renderScoreboardMarkdown(withB);
    expect(m).toContain('1 new, 1 acknowledged, 0 vanished');
    expect(m).toContain('Vanished (listed in the baseline but not seen): `message.lost` (lifecycle/visibility)');
    const page = renderScoreboardHtml(withB);
    expect(page).toContain('<th>Baseline (new / acknowledged / vanished)</th>');
    expect(page).toContain('<a href="elastic/report.html">html</a>');
    expect(page).toMatch(/data-id="error\.wrong-code".*badge s-new/);
  });
});
