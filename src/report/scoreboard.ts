// The matrix scoreboard (scoreboard.json is the source of truth; the terminal text, Markdown and
// HTML show the same numbers): first the grid of suites (rows) × targets (columns), each cell the
// properties passed / total, the distinct divergence ids and, with baselines, how many are new and
// how many baselined, or why the suite did not run there; then per target the scenarios passed /
// total and its status, per property and per catalogue area what each target did, then each
// target's divergences with a count and one replay command. PURE; the numbers come from
// src/runner/matrix.ts.
import type { CellStatus, Scoreboard, ScoreboardCell, ScoreboardTarget } from '../runner/matrix.js';
import { formatDuration, oneLine } from './format.js';
import { badge, html, page, rawHtml, type SafeHtml } from './html.js';
import { mdCell, mdCode } from './markdown.js';

// ---------------------------------------------------------------------------------------------
// The grid: suites × targets

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `1 id (1 new)`, `2 ids (2 baselined)`; empty when no divergence; `· 1 vanished` with baselines. */
export function cellIds(c: ScoreboardCell): string {
  const parts: string[] = [];
  if (c.divergenceIds > 0) {
    const split = c.newIds !== undefined ? ` (${[c.newIds > 0 ? `${c.newIds} new` : '', (c.baselinedIds ?? 0) > 0 ? `${c.baselinedIds} baselined` : ''].filter((x) => x !== '').join(', ')})` : '';
    parts.push(`${plural(c.divergenceIds, 'id')}${split}`);
  }
  if ((c.vanished ?? 0) > 0) parts.push(`${c.vanished} vanished`);
  return parts.join(' · ');
}

/** A cell as one line of text: `2/2`, `0/2 · 1 id (1 new)`, `not run: target lacks capability fifo`, `error`. */
export function cellText(c: ScoreboardCell): string {
  if (c.status === 'error') return 'error';
  if (c.status === 'not-run') return `not run${c.reason ? `: ${c.reason}` : ''}`;
  const ids = cellIds(c);
  return `${c.properties.passed}/${c.properties.total}${ids ? ` · ${ids}` : ''}`;
}

const TEXT_MARK: Record<CellStatus, string> = { passed: '✓', failed: '✗', unknown: '?', 'not-run': '–', error: '!' };
const MD_CELL_MARK: Record<CellStatus, string> = { passed: '✅', failed: '❌', unknown: '❔', 'not-run': '⏸️', error: '⚠️' };

const cellOf = (t: ScoreboardTarget, suite: string): ScoreboardCell | undefined => t.suites?.find((c) => c.suite === suite);

/** The grid for a terminal: a row per suite, a column per target, then what the marks mean. */
export function scoreboardGridLines(sb: Scoreboard): string[] {
  if (sb.suites.length === 0 || sb.targets.length === 0) return [];
  const rows = sb.suites.map((suite) => [oneLine(suite), ...sb.targets.map((t) => {
    const c = cellOf(t, suite);
    return c ? `${TEXT_MARK[c.status]} ${oneLine(cellText(c))}` : '–';
  })]);
  const head = ['suite', ...sb.targets.map((t) => oneLine(t.name))];
  const widths = head.map((h, i) => Math.min(48, Math.max([...h].length, ...rows.map((r) => [...r[i]!].length))));
  const cut = (s: string, w: number): string => ([...s].length > w ? `${[...s].slice(0, w - 1).join('')}…` : s);
  const line = (cells: string[]): string => cells.map((x, i) => cut(x, widths[i]!).padEnd(widths[i]!)).join('  ').trimEnd();
  return [
    `Suites × targets: properties passed/total${sb.baselines ? ', divergence ids (new, baselined)' : ', divergence ids'}`,
    line(head),
    ...rows.map(line),
    `(✓ every property passed · ✗ divergent · ? undecided · – not run there · ! the target did not run)`,
  ];
}

/** The plain-text scoreboard printed at the end of `matrix`: one line per target, then the grid. */
export function renderScoreboardText(sb: Scoreboard): string {
  const w = Math.max(6, ...sb.targets.map((t) => t.name.length));
  const lines = [`${'target'.padEnd(w)}  ${'status'.padEnd(16)}  ${'scenarios'.padStart(9)}  divergences${sb.baselines ? '  baseline (new/ack/vanished)' : ''}`];
  for (const t of sb.targets) {
    if (t.status === 'error') {
      lines.push(`${oneLine(t.name).padEnd(w)}  ${'error'.padEnd(16)}  ${'–'.padStart(9)}  ${oneLine(t.error ?? '')}`);
      continue;
    }
    const ids = t.divergences.length;
    const div = `${t.divergenceCount} (${plural(ids, 'id')})`;
    const b = t.baseline ? `  ${t.baseline.counts.new}/${t.baseline.counts.acknowledged}/${t.baseline.counts.vanished}${notRepeatedText(t)}` : '';
    lines.push(`${oneLine(t.name).padEnd(w)}  ${t.status.padEnd(16)}  ${`${t.scenarios.passed}/${t.scenarios.total}`.padStart(9)}  ${div.padEnd(11)}${b}`.trimEnd());
  }
  const grid = scoreboardGridLines(sb);
  return `${[...lines, ...(grid.length > 0 ? ['', ...grid] : [])].join('\n')}\n`;
}

function gridMarkdown(sb: Scoreboard): string[] {
  if (sb.suites.length === 0 || sb.targets.length === 0) return [];
  const out = ['## Suites × targets', '', `Properties passed / total${sb.baselines ? '; divergence ids (new, baselined)' : '; divergence ids'}.`, ''];
  out.push(`| Suite | ${sb.targets.map((t) => mdCell(t.name)).join(' | ')} |`);
  out.push(`| --- | ${sb.targets.map(() => '---').join(' | ')} |`);
  for (const suite of sb.suites) {
    const cells = sb.targets.map((t) => {
      const c = cellOf(t, suite);
      return c ? `${MD_CELL_MARK[c.status]} ${mdCell(cellText(c))}` : '–';
    });
    out.push(`| ${mdCell(suite)} | ${cells.join(' | ')} |`);
  }
  out.push('');
  return out;
}

const CELL_LABEL: Record<CellStatus, string> = { passed: 'passed', failed: 'divergent', unknown: 'undecided', 'not-run': 'not run', error: 'error' };

function gridHtml(sb: Scoreboard): SafeHtml | string {
  if (sb.suites.length === 0 || sb.targets.length === 0) return '';
  const cell = (t: ScoreboardTarget, suite: string): SafeHtml => {
    const c = cellOf(t, suite);
    if (!c) return html`<td class="gcell not-run" data-suite="${suite}" data-target="${t.name}" data-status="not-run">–</td>`;
    const title = `${t.name} · ${suite}: ${cellText(c)}; scenarios ${c.scenarios.passed}/${c.scenarios.total}${c.occurrences > 0 ? `, ${plural(c.occurrences, 'divergence occurrence')}` : ''}`;
    const ids = cellIds(c);
    const body =
      c.status === 'error' || c.status === 'not-run'
        ? html`<span class="glabel">${CELL_LABEL[c.status]}</span>${c.reason ? html`<span class="gnote">${c.reason}</span>` : ''}`
        : html`<span class="gfrac">${`${c.properties.passed}/${c.properties.total}`}</span>${ids ? html`<span class="gids">${ids}</span>` : ''}`;
    return html`<td class="gcell ${c.status}" data-suite="${suite}" data-target="${t.name}" data-status="${c.status}" data-passed="${c.properties.passed}" data-total="${c.properties.total}" data-ids="${c.divergenceIds}"${c.newIds !== undefined ? html` data-new="${c.newIds}" data-baselined="${c.baselinedIds ?? 0}"` : ''} title="${title}">${body}</td>`;
  };
  return html`<h2>Suites × targets <span class="muted">${`(properties passed / total${sb.baselines ? '; divergence ids, new and baselined' : '; divergence ids'})`}</span></h2>
<table class="grid" id="grid"><thead><tr><th>Suite</th>${sb.targets.map((t) => html`<th data-target="${t.name}"><a href="#t-${t.name}">${t.name}</a></th>`)}</tr></thead><tbody>
${sb.suites.map((suite) => html`<tr data-suite="${suite}"><th scope="row">${suite}</th>${sb.targets.map((t) => cell(t, suite))}</tr>`)}
</tbody></table>
<p class="legend muted">${badge('ok', 'passed')} every property passed ${badge('failed', 'divergent')} divergences ${badge('unknown', 'undecided')} no divergence, something undecided ${badge('not-run', 'not run')} the target lacks what the suite needs ${badge('error', 'error')} the target did not start or its run failed</p>`;
}

export function renderScoreboardJson(sb: Scoreboard): string {
  return `${JSON.stringify(sb, null, 2)}\n`;
}

const STATUS_TEXT: Record<ScoreboardTarget['status'], string> = {
  conformant: 'conformant',
  divergent: 'divergent',
  'within-baseline': 'within baseline',
  'outside-baseline': 'outside baseline',
  unknown: 'unknown',
  error: 'error',
};

const MD_MARK: Record<ScoreboardTarget['status'], string> = {
  conformant: '✅',
  divergent: '❌',
  'within-baseline': '✅',
  'outside-baseline': '❌',
  unknown: '❔',
  error: '⚠️',
};

const fraction = (passed: number, total: number): string => `${passed}/${total}`;

/** ` (2 not repeated by 2 reruns)`: differences a rerun settled; empty when none. */
function notRepeatedText(t: ScoreboardTarget): string {
  const n = t.baseline?.counts.unconfirmed ?? 0;
  const r = t.baseline?.reruns ?? 0;
  return n > 0 ? ` (${n} not repeated by ${r} rerun${r === 1 ? '' : 's'})` : '';
}

function baselineText(t: ScoreboardTarget): string {
  if (!t.baseline) return '';
  const c = t.baseline.counts;
  return `${c.new} new, ${c.acknowledged} acknowledged, ${c.vanished} vanished${notRepeatedText(t)}`;
}

function distinctIds(t: ScoreboardTarget): number {
  return t.divergences.length;
}

export function renderScoreboardMarkdown(sb: Scoreboard): string {
  const out: string[] = [];
  out.push('# sqs-conformance scoreboard');
  out.push('');
  out.push(
    `${sb.ok ? '✅ Every target is ' + (sb.baselines ? 'within its baseline' : 'conformant') : '❌ Not every target is ' + (sb.baselines ? 'within its baseline' : 'conformant')}` +
      ` · seed ${sb.seed} · suites ${sb.suites.map(mdCell).join(', ')} · ${sb.targets.length} targets, ${sb.parallel} at a time · wall time ${formatDuration(sb.wallTimeMs)} · ${mdCell(sb.generatedAt)}`,
  );
  out.push('');
  out.push(...gridMarkdown(sb));
  out.push('## Targets');
  out.push('');
  out.push(`| Target | Status | Scenarios passed | Divergence ids | Occurrences |${sb.baselines ? ' Baseline |' : ''} Duration | Report |`);
  out.push(`| --- | --- | ---: | ---: | ---: |${sb.baselines ? ' --- |' : ''} ---: | --- |`);
  for (const t of sb.targets) {
    const status = `${MD_MARK[t.status]} ${STATUS_TEXT[t.status]}`;
    const report = t.reports.md ? `[report](${encodeURI(t.reports.md)})` : '';
    if (t.status === 'error') {
      out.push(`| ${mdCell(t.name)} | ${status}: ${mdCell(t.error ?? '')} | – | – | – |${sb.baselines ? ' – |' : ''} ${formatDuration(t.durationMs)} | |`);
      continue;
    }
    out.push(
      `| ${mdCell(t.name)} | ${status} | ${fraction(t.scenarios.passed, t.scenarios.total)} | ${distinctIds(t)} | ${t.divergenceCount} |${sb.baselines ? ` ${mdCell(baselineText(t))} |` : ''} ${formatDuration(t.durationMs)} | ${report} |`,
    );
  }
  out.push('');

  const ran = sb.targets.filter((t) => t.status !== 'error');
  if (sb.properties.length > 0 && ran.length > 0) {
    out.push('## Per property (scenarios passed / total)');
    out.push('');
    out.push(`| Suite | Property | ${ran.map((t) => mdCell(t.name)).join(' | ')} |`);
    out.push(`| --- | --- | ${ran.map(() => '---').join(' | ')} |`);
    for (const p of sb.properties) {
      const cells = ran.map((t) => {
        const c = t.properties.find((x) => x.suite === p.suite && x.property === p.property);
        if (!c) return '–';
        const mark = c.passed === c.total ? '✅' : c.failed > 0 ? '❌' : '❔';
        const ids = c.divergenceIds.length > 0 ? ` ${c.divergenceIds.map(mdCode).join(', ')}` : '';
        return `${mark} ${fraction(c.passed, c.total)}${ids}`;
      });
      out.push(`| ${mdCell(p.suite)} | ${mdCell(p.property)} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }

  if (sb.areas.length > 0) {
    out.push('## Per catalogue area (distinct divergence ids / occurrences)');
    out.push('');
    out.push(`| Area | ${ran.map((t) => mdCell(t.name)).join(' | ')} |`);
    out.push(`| --- | ${ran.map(() => '---').join(' | ')} |`);
    for (const area of sb.areas) {
      const cells = ran.map((t) => {
        const a = t.areas.find((x) => x.area === area);
        return a ? `${a.divergenceIds.length} / ${a.occurrences}` : '0';
      });
      out.push(`| ${mdCell(area)} | ${cells.join(' | ')} |`);
    }
    out.push('');
  }

  out.push('## Divergences per target');
  for (const t of sb.targets) {
    out.push('');
    out.push(`### ${mdCell(t.name)}`);
    out.push('');
    if (t.status === 'error') {
      out.push(`⚠️ ${mdCell(t.error ?? 'error')}`);
      if (t.errorLog) {
        out.push('', `Last lines of ${mdCode(t.errorLog.file)}:`, '', '```text', ...t.errorLog.tail.map((l) => l.replace(/```/g, "'''")), '```');
      }
      continue;
    }
    if (t.divergences.length === 0) out.push('No divergence.');
    else {
      out.push(`| Id | Area | Summary | Count |${sb.baselines ? ' Baseline |' : ''} Replay |`);
      out.push(`| --- | --- | --- | ---: |${sb.baselines ? ' --- |' : ''} --- |`);
      for (const d of t.divergences) {
        out.push(
          `| ${mdCode(d.id)} | ${mdCell(d.area)} | ${mdCell(d.summary)} | ${d.occurrences} |${sb.baselines ? ` ${d.baseline === 'new' ? '❌ new' : d.baseline === 'unconfirmed' ? '⚠️ not repeated' : 'acknowledged'} |` : ''} ${mdCode(d.replay)} |`,
        );
      }
    }
    if (t.baseline && t.baseline.vanished.length > 0) {
      out.push('');
      out.push(`Vanished (listed in ${mdCell(t.baseline.file ?? 'the baseline')} but not seen): ${t.baseline.vanished.map((e) => `${mdCode(e.id)} (${mdCell(`${e.scope.suite}/${e.scope.property}`)})`).join(', ')}`);
    }
    if (t.baseline?.unconfirmed && t.baseline.unconfirmed.length > 0) {
      out.push('');
      const what = (u: { kind: 'new' | 'came-back' }): string => (u.kind === 'new' ? 'new, not seen again' : 'missing, seen again');
      out.push(`Not repeated by ${t.baseline.reruns ?? 0} rerun(s), so not counted (intermittent?): ${t.baseline.unconfirmed.map((u) => `${mdCode(u.id)} (${mdCell(`${u.suite}/${u.property}`)}: ${what(u)})`).join(', ')}`);
    }
  }
  out.push('');
  return `${out.join('\n')}\n`;
}

const EXTRA_CSS = `
.matrix td.cell { text-align: center; white-space: nowrap; }
.matrix td.cell .ids { display: block; font-size: 11px; white-space: normal; }
.cell.all { background: var(--ok-bg); } .cell.some { background: var(--bad-bg); } .cell.undecided { background: var(--warn-bg); }
.target { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; margin: 14px 0; }
.target .head { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
tr.error-row td { background: var(--warn-bg); }
table.grid { width: auto; min-width: 50%; }
table.grid th[scope="row"] { text-align: left; }
.gcell { text-align: center; min-width: 120px; }
.gcell .gfrac, .gcell .glabel { display: block; font-size: 16px; font-weight: 600; font-variant-numeric: tabular-nums; }
.gcell .gids, .gcell .gnote { display: block; font-size: 11px; color: var(--muted); }
.gcell.passed { background: var(--ok-bg); } .gcell.failed { background: var(--bad-bg); } .gcell.unknown, .gcell.error { background: var(--warn-bg); }
.gcell.not-run { background: var(--panel); color: var(--muted); }
.legend .badge { margin-left: 8px; }
`;

function cellClass(passed: number, total: number, failed: number): string {
  if (passed === total) return 'all';
  return failed > 0 ? 'some' : 'undecided';
}

function reportLink(t: ScoreboardTarget, kind: string, label: string): SafeHtml | string {
  const file = t.reports[kind];
  if (file === undefined) return '';
  return html`<a href="${file.split('/').map(encodeURIComponent).join('/')}">${label}</a> `;
}

export function renderScoreboardHtml(sb: Scoreboard): string {
  const ran = sb.targets.filter((t) => t.status !== 'error');
  const headline = sb.ok
    ? badge('ok', sb.baselines ? 'every target within its baseline' : 'every target conformant')
    : badge('failed', sb.baselines ? 'not every target within its baseline' : 'not every target conformant');

  const summary = html`<table class="summary" id="targets"><thead><tr><th>Target</th><th>Status</th><th class="num">Scenarios passed</th><th class="num">Divergence ids</th><th class="num">Occurrences</th>${sb.baselines ? html`<th>Baseline (new / acknowledged / vanished)</th>` : ''}<th>Endpoint</th><th class="num">Duration</th><th>Reports</th></tr></thead><tbody>
${sb.targets.map((t) =>
    t.status === 'error'
      ? html`<tr class="error-row" data-target="${t.name}" data-status="error"><td><a href="#t-${t.name}">${t.name}</a></td><td>${badge('error', 'error')} ${t.error ?? ''}</td><td class="num passed">–</td><td class="num ids">–</td><td class="num occurrences">–</td>${sb.baselines ? html`<td>–</td>` : ''}<td>–</td><td class="num">${formatDuration(t.durationMs)}</td><td></td></tr>`
      : html`<tr data-target="${t.name}" data-status="${t.status}"><td><a href="#t-${t.name}">${t.name}</a></td><td>${badge(t.status, STATUS_TEXT[t.status])}</td><td class="num passed">${fraction(t.scenarios.passed, t.scenarios.total)}</td><td class="num ids">${distinctIds(t)}</td><td class="num occurrences">${t.divergenceCount}</td>${sb.baselines ? html`<td class="baseline">${t.baseline ? html`${badge('new', String(t.baseline.counts.new))} ${badge('acknowledged', String(t.baseline.counts.acknowledged))} ${badge('vanished', String(t.baseline.counts.vanished))}${t.baseline.counts.unconfirmed > 0 ? html` <span class="muted">${notRepeatedText(t)}</span>` : ''}` : ''}</td>` : ''}<td><code>${t.endpoint ?? ''}</code> <span class="muted">${`${t.protocol ?? ''} · ${t.strictness ?? ''}`}</span></td><td class="num">${formatDuration(t.durationMs)}</td><td>${reportLink(t, 'html', 'html')}${reportLink(t, 'md', 'md')}${reportLink(t, 'json', 'json')}${reportLink(t, 'text', 'txt')}${reportLink(t, 'junit', 'junit')}</td></tr>`,
  )}
</tbody></table>`;

  const perProperty =
    sb.properties.length > 0 && ran.length > 0
      ? html`<h2>Per property <span class="muted">(scenarios passed / total)</span></h2>
<table class="matrix" id="properties"><thead><tr><th>Suite</th><th>Property</th>${ran.map((t) => html`<th>${t.name}</th>`)}</tr></thead><tbody>
${sb.properties.map(
  (p) => html`<tr data-property="${`${p.suite}/${p.property}`}"><td>${p.suite}</td><td>${p.property}</td>${ran.map((t) => {
    const c = t.properties.find((x) => x.suite === p.suite && x.property === p.property);
    if (!c) return html`<td class="cell">–</td>`;
    return html`<td class="cell ${cellClass(c.passed, c.total, c.failed)}" data-target="${t.name}">${fraction(c.passed, c.total)}${c.divergenceIds.length > 0 ? html`<span class="ids">${c.divergenceIds.map((id) => html`<code class="id">${id}</code> `)}</span>` : ''}</td>`;
  })}</tr>`,
)}
</tbody></table>`
      : '';

  const perArea =
    sb.areas.length > 0
      ? html`<h2>Per catalogue area <span class="muted">(distinct divergence ids / occurrences)</span></h2>
<table class="matrix" id="areas"><thead><tr><th>Area</th>${ran.map((t) => html`<th>${t.name}</th>`)}</tr></thead><tbody>
${sb.areas.map(
  (area) => html`<tr data-area="${area}"><td>${area}</td>${ran.map((t) => {
    const a = t.areas.find((x) => x.area === area);
    return a ? html`<td class="cell some" data-target="${t.name}">${`${a.divergenceIds.length} / ${a.occurrences}`}</td>` : html`<td class="cell all" data-target="${t.name}">0</td>`;
  })}</tr>`,
)}
</tbody></table>`
      : '';

  const details = sb.targets.map((t) => {
    const head = html`<div class="head"><h3 id="t-${t.name}">${t.name}</h3>${badge(t.status, STATUS_TEXT[t.status])}${t.status === 'error' ? '' : html`<span class="muted">${`${fraction(t.scenarios.passed, t.scenarios.total)} scenarios passed · ${t.divergenceCount} divergence occurrence${t.divergenceCount === 1 ? '' : 's'} · ${formatDuration(t.durationMs)}`}</span>`}</div>`;
    if (t.status === 'error') {
      const log = t.errorLog ? html`<p>Last lines of <code>${t.errorLog.file}</code>:</p><pre class="log">${t.errorLog.tail.join('\n')}</pre>` : '';
      return html`<section class="target">${head}<pre>${t.error ?? 'error'}</pre>${log}</section>`;
    }
    const rows = t.divergences.map(
      (d) => html`<tr data-id="${d.id}"><td><code class="id">${d.id}</code></td><td>${d.area}</td><td>${d.summary}</td><td>${badge(d.strictness, d.strictness)} ${d.grades.map((g) => badge(g, g))}</td><td class="num count">${d.occurrences}</td>${sb.baselines ? html`<td>${d.baseline === 'unconfirmed' ? badge('unknown', 'not repeated') : badge(d.baseline ?? 'new', d.baseline ?? 'new')}</td>` : ''}<td><code>${d.replay}</code></td></tr>`,
    );
    const table =
      t.divergences.length === 0
        ? html`<p>No divergence.</p>`
        : html`<table class="divergences"><thead><tr><th>Id</th><th>Area</th><th>Summary</th><th>Level</th><th class="num">Count</th>${sb.baselines ? html`<th>Baseline</th>` : ''}<th>Replay</th></tr></thead><tbody>${rows}</tbody></table>`;
    const vanished =
      t.baseline && t.baseline.vanished.length > 0
        ? html`<p>${badge('vanished', 'vanished')} listed in ${t.baseline.file ?? 'the baseline'} but not seen: ${t.baseline.vanished.map((e) => html`<code class="id">${e.id}</code> <span class="muted">${`(${e.scope.suite}/${e.scope.property})`}</span> `)}</p>`
        : '';
    return html`<section class="target" data-target="${t.name}">${head}${table}${vanished}</section>`;
  });

  const body = html`<header>
<h1>sqs-conformance scoreboard ${headline}</h1>
<p class="meta"><span>${`seed ${sb.seed}`}</span><span>${`suites ${sb.suites.join(', ')}`}</span><span>${`${sb.targets.length} targets, ${sb.parallel} at a time`}</span><span>${`wall time ${formatDuration(sb.wallTimeMs)}`}</span><span>${`generated ${sb.generatedAt}`}</span></p>
</header>
${gridHtml(sb)}
<h2>Targets</h2>
${summary}
${perProperty}
${perArea}
<h2>Divergences per target</h2>
${details}
<footer>${rawHtml('Numbers from <code>scoreboard.json</code>; each target&#39;s full report is linked in the table above.')}</footer>`;
  return page(`sqs-conformance scoreboard — ${oneLine(sb.targets.map((t) => t.name).join(', '))}`, body, EXTRA_CSS);
}
