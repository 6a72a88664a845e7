// The matrix scoreboard (scoreboard.json is the source of truth; Markdown and HTML show the same
// numbers): per target the scenarios passed / total and its status, per property and per catalogue
// area what each target did, then each target's divergences with a count and one replay command.
// PURE; the numbers come from src/runner/matrix.ts.
import type { Scoreboard, ScoreboardTarget } from '../runner/matrix.js';
import { formatDuration, oneLine } from './format.js';
import { badge, html, page, rawHtml, type SafeHtml } from './html.js';
import { mdCell, mdCode } from './markdown.js';

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

function baselineText(t: ScoreboardTarget): string {
  if (!t.baseline) return '';
  const c = t.baseline.counts;
  return `${c.new} new, ${c.acknowledged} acknowledged, ${c.vanished} vanished`;
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
          `| ${mdCode(d.id)} | ${mdCell(d.area)} | ${mdCell(d.summary)} | ${d.occurrences} |${sb.baselines ? ` ${d.baseline === 'new' ? '❌ new' : 'acknowledged'} |` : ''} ${mdCode(d.replay)} |`,
        );
      }
    }
    if (t.baseline && t.baseline.vanished.length > 0) {
      out.push('');
      out.push(`Vanished (listed in ${mdCell(t.baseline.file ?? 'the baseline')} but not seen): ${t.baseline.vanished.map((e) => `${mdCode(e.id)} (${mdCell(`${e.scope.suite}/${e.scope.property}`)})`).join(', ')}`);
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
      : html`<tr data-target="${t.name}" data-status="${t.status}"><td><a href="#t-${t.name}">${t.name}</a></td><td>${badge(t.status, STATUS_TEXT[t.status])}</td><td class="num passed">${fraction(t.scenarios.passed, t.scenarios.total)}</td><td class="num ids">${distinctIds(t)}</td><td class="num occurrences">${t.divergenceCount}</td>${sb.baselines ? html`<td class="baseline">${t.baseline ? html`${badge('new', String(t.baseline.counts.new))} ${badge('acknowledged', String(t.baseline.counts.acknowledged))} ${badge('vanished', String(t.baseline.counts.vanished))}` : ''}</td>` : ''}<td><code>${t.endpoint ?? ''}</code> <span class="muted">${`${t.protocol ?? ''} · ${t.strictness ?? ''}`}</span></td><td class="num">${formatDuration(t.durationMs)}</td><td>${reportLink(t, 'html', 'html')}${reportLink(t, 'md', 'md')}${reportLink(t, 'json', 'json')}${reportLink(t, 'text', 'txt')}${reportLink(t, 'junit', 'junit')}</td></tr>`,
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
      (d) => html`<tr data-id="${d.id}"><td><code class="id">${d.id}</code></td><td>${d.area}</td><td>${d.summary}</td><td>${badge(d.strictness, d.strictness)} ${d.grades.map((g) => badge(g, g))}</td><td class="num count">${d.occurrences}</td>${sb.baselines ? html`<td>${badge(d.baseline ?? 'new', d.baseline ?? 'new')}</td>` : ''}<td><code>${d.replay}</code></td></tr>`,
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
<h2>Targets</h2>
${summary}
${perProperty}
${perArea}
<h2>Divergences per target</h2>
${details}
<footer>${rawHtml('Numbers from <code>scoreboard.json</code>; each target&#39;s full report is linked in the table above.')}</footer>`;
  return page(`sqs-conformance scoreboard — ${oneLine(sb.targets.map((t) => t.name).join(', '))}`, body, EXTRA_CSS);
}
