// report.html: one run as a self-contained page (inline CSS, no scripts, no external assets; a
// Content-Security-Policy that forbids both). Everything goes through the `html` tagged template,
// which escapes every interpolated value unless it is already-built markup, so a server's answer
// (a body, an error message, a queue URL) can never become markup.
import type { ReportedDivergence, RunReport } from '../runner/types.js';
import { baselineSummary, divergenceBaselineStatus, groupNew, type DivergenceBaselineStatus, type RenderExtras } from './baseline.js';
import {
  countProperties,
  coverageOf,
  coverageView,
  propertyRunText,
  divergencesOf,
  formatDuration,
  formatSource,
  propertyRows,
  publicTarget,
  ruleText,
  explanationOf,
  scrub,
  stoppedText,
  restartText,
  timeline,
  transportText,
  type PropertyStatus,
} from './format.js';
import { html, rawHtml, SafeHtml } from './markup.js';
import { buildTimeline } from './timeline.js';
import { TIMELINE_CSS, TIMELINE_LEGEND, timelineSvg } from './timeline-svg.js';

export { escapeHtml, html, rawHtml, SafeHtml } from './markup.js';

/** A page: doctype, CSP that allows inline styles only, title, the kit's stylesheet and a body. */
export function page(title: string, body: SafeHtml, extraCss = ''): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sqs-conformance">
<title>${title}</title>
<style>${rawHtml(CSS + extraCss)}</style>
</head>
<body>
${body}
</body>
</html>
`.value;
}

export const CSS = `
:root { --ok:#1a7f37; --ok-bg:#dafbe1; --bad:#cf222e; --bad-bg:#ffebe9; --warn:#9a6700; --warn-bg:#fff8c5;
  --muted:#57606a; --line:#d0d7de; --bg:#ffffff; --panel:#f6f8fa; --fg:#1f2328; --accent:#0969da; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 48px; font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 15px; margin: 0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; margin: 6px 0; }
.meta { color: var(--muted); margin: 0 0 12px; }
.meta span + span::before { content: " · "; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; min-width: 140px; background: var(--panel); }
.card .n { font-size: 22px; font-weight: 600; }
.card .l { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; border: 1px solid transparent; white-space: nowrap; }
.s-conformant, .s-passed, .s-within-baseline, .s-acknowledged, .s-ok { color: var(--ok); background: var(--ok-bg); border-color: #aceebb; }
.s-divergent, .s-failed, .s-outside-baseline, .s-new, .s-vanished, .s-definite { color: var(--bad); background: var(--bad-bg); border-color: #ffcecb; }
.s-unknown, .s-error, .s-suspect, .s-not-run, .s-interrupted { color: var(--warn); background: var(--warn-bg); border-color: #f5e0a0; }
.s-typical, .s-guaranteed { color: var(--muted); background: var(--panel); border-color: var(--line); }
table { border-collapse: collapse; width: 100%; margin: 8px 0; }
th, td { border: 1px solid var(--line); padding: 5px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.divergence { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 6px; padding: 10px 14px; margin: 12px 0; }
.divergence.acknowledged { border-left-color: var(--ok); }
.divergence .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.divergence dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 8px 0; }
.divergence dt { color: var(--muted); }
.divergence dd { margin: 0; }
.why { margin: 6px 0; padding-left: 20px; }
.ops td { font-size: 12px; }
.muted { color: var(--muted); }
.nowrap, code.id { white-space: nowrap; }
.notice { color: var(--warn); }
footer { margin-top: 32px; color: var(--muted); font-size: 12px; }
details.ops > summary { cursor: pointer; color: var(--muted); margin: 6px 0; }
${TIMELINE_CSS}`;

// ---------------------------------------------------------------------------------------------
// Pieces

const STATUS_LABEL: Record<PropertyStatus, string> = { passed: 'passed', failed: 'failed', error: 'error', unknown: 'unknown', 'not-run': 'not run' };

export const badge = (cls: string, text: string): SafeHtml => html`<span class="badge s-${cls}">${text}</span>`;

/** The counterexample's timeline with its explanation beside it (the explanation alone when there is nothing to draw). */
function timelineBlock(d: ReportedDivergence, n: number, explanation: readonly string[]): SafeHtml {
  const why = explanation.length > 0 ? html`<ol class="why">${explanation.map((e) => html`<li>${e}</li>`)}</ol>` : '';
  const t = buildTimeline(d);
  if (t.calls.length === 0 && t.events.length === 0 && t.windows.length === 0) return html`${why}`;
  return html`<div class="tl-wrap"><figure class="timeline" id="timeline-${n}">${timelineSvg(t, `Timeline of ${d.id}: ${t.lanes.length} lanes, ${t.calls.length} calls`)}${TIMELINE_LEGEND}</figure><div class="tl-why">${why}</div></div>`;
}

function divergenceSection(report: RunReport, d: ReportedDivergence, n: number, status: DivergenceBaselineStatus | undefined): SafeHtml {
  const rule = ruleText(report, d.id);
  const explanation = explanationOf(report, d);
  const rows = timeline(d.opRecords, 200);
  const ops = rows.map(
    (r) => html`<tr><td class="num nowrap">${r.at}</td><td>${r.process}</td><td>${r.f}</td><td>${badge(r.type === 'ok' ? 'ok' : r.type === 'fail' ? 'failed' : r.type === 'info' ? 'unknown' : 'typical', r.type)}</td><td class="mono">${r.detail}</td></tr>`,
  );
  return html`<section class="divergence${status === 'acknowledged' ? ' acknowledged' : ''}" id="d-${n}">
<div class="head"><h3><code class="id">${d.id}</code></h3>${badge(d.strictness, d.strictness)}${badge(d.grade, d.grade)}${status ? badge(status === 'unconfirmed' ? 'unknown' : status, status === 'unconfirmed' ? 'not repeated' : status) : ''}<span class="muted">${`${d.suite}/${d.property}`}</span></div>
<p>${d.summary}</p>
<dl>
${d.impliedBy ? html`<dt>explained by</dt><dd><code class="id">${d.impliedBy}</code></dd>` : ''}
${rule ? html`<dt>rule</dt><dd>${rule}</dd>` : ''}
<dt>source</dt><dd>${formatSource(d.rule)}</dd>
${d.queue !== undefined ? html`<dt>queue</dt><dd><code>${d.queue}</code></dd>` : ''}
${d.messageId !== undefined ? html`<dt>message</dt><dd><code>${d.messageId}</code></dd>` : ''}
</dl>
${timelineBlock(d, n, explanation)}
${rows.length > 0 ? html`<details class="ops"><summary>${`The ${rows.length} ops, in time order`}</summary><table class="ops"><thead><tr><th class="num">at</th><th>process</th><th>operation</th><th>result</th><th>detail</th></tr></thead><tbody>${ops}</tbody></table></details>` : ''}
<div>replay:</div><pre><code>${d.replay}</code></pre>
</section>`;
}

/** What the run covered: suites and properties run, what was not run and why, the SQS actions called and not. */
function coveredSection(report: RunReport): SafeHtml {
  const v = coverageView(report);
  if (v.ran.length === 0 && v.skipped.length === 0 && !v.actions) return html``;
  const ran =
    v.ran.length > 0
      ? html`<table class="ran" id="suites-run"><thead><tr><th>Suite</th><th class="num">Scenarios</th><th>Properties (instances)</th></tr></thead><tbody>${v.ran.map((s) => html`<tr data-suite="${s.suite}"><td>${s.suite}</td><td class="num">${s.instances}</td><td>${s.properties.map((p, i) => html`${i > 0 ? ', ' : ''}<span class="nowrap" data-property="${p.name}">${propertyRunText(p)}</span>`)}</td></tr>`)}</tbody></table>`
      : '';
  const notRun =
    v.skipped.length > 0
      ? html`<h3>Not run</h3><table class="not-run" id="not-run"><thead><tr><th>Suite</th><th>Properties</th><th>Why</th></tr></thead><tbody>${v.skipped.map((s) => html`<tr><td>${s.suite}</td><td>${s.properties.length > 0 ? s.properties.join(', ') : html`<span class="muted">the whole suite</span>`}</td><td>${s.reason}</td></tr>`)}</tbody></table>`
      : '';
  let actions: SafeHtml | string = '';
  if (v.actions) {
    const a = v.actions;
    actions = html`<h3>SQS actions</h3>
<table class="actions" id="actions"><thead><tr><th>Action</th><th>Status</th><th class="num">Calls</th><th class="num">ok</th><th class="num">fail</th><th class="num">info</th></tr></thead><tbody>
${a.called.map(([name, n]) => html`<tr data-action="${name}" data-status="called"><td><code>${name}</code></td><td>${badge('ok', 'called')}</td><td class="num calls">${n.calls}</td><td class="num">${n.ok}</td><td class="num">${n.fail}</td><td class="num">${n.info}</td></tr>`)}
${a.notCalled.map((name) => html`<tr data-action="${name}" data-status="not-called"><td><code>${name}</code></td><td>${badge('not-run', 'declared, never called')}</td><td class="num calls">0</td><td class="num">–</td><td class="num">–</td><td class="num">–</td></tr>`)}
</tbody></table>
${a.notCovered.length > 0 ? html`<p id="not-covered">${`Not covered by the suites that ran (${a.notCovered.length}): `}${a.notCovered.map((name, i) => html`${i > 0 ? ', ' : ''}<code>${name}</code>`)}</p>` : ''}`;
  }
  return html`<h2 id="coverage">Coverage</h2>${ran}${notRun}${actions}`;
}

/** Rule coverage: the rules that judged nothing, and how often each rule's situation arose. */
function coverageSection(report: RunReport): SafeHtml {
  const { exercised, gaps } = coverageOf(report);
  if (exercised.length === 0 && gaps.length === 0) return html``;
  return html`<h2>Rule coverage</h2>
<p>${gaps.length > 0 ? html`Not exercised (these rules judged nothing): ${gaps.map((id) => html`<code class="id">${id}</code> `)}` : 'Every rule of the suites that ran was exercised.'}</p>
<details><summary>How often each rule's situation arose</summary><table class="coverage"><thead><tr><th>Id</th><th class="num">Situations</th></tr></thead><tbody>${exercised.map(([id, n]) => html`<tr><td><code class="id">${id}</code></td><td class="num">${n}</td></tr>`)}</tbody></table></details>`;
}

// ---------------------------------------------------------------------------------------------
// The run page

export function renderHtml(report: RunReport, extras: RenderExtras = {}): string {
  const t = publicTarget(report.target);
  const counts = countProperties(report.properties);
  const b = extras.baseline;
  const statuses = divergenceBaselineStatus(report, b);
  const ids = new Set(report.divergences.map((d) => d.id));

  const propertyTable =
    report.properties.length === 0
      ? html`<p>No property ran.</p>`
      : html`<table class="properties"><thead><tr><th>Suite</th><th>Property</th><th>Result</th><th class="num">Runs</th><th class="num">Shrinks</th><th class="num">Duration</th><th>Divergences / error</th><th>Replay</th></tr></thead><tbody>${propertyRows(report.properties).map((r) => {
          const p = r.results[0]!;
          const ds = r.status === 'failed' ? divergencesOf(report, p) : [];
          const links = [...new Map(ds.map((d) => [d.id, report.divergences.indexOf(d) + 1])).entries()].map(
            ([id, n]) => html`<a href="#d-${n}"><code class="id">${id}</code></a> `,
          );
          const note =
            r.status === 'not-run'
              ? html`<span class="muted">${p.notRun ?? ''}</span>`
              : r.status === 'error'
              ? html`${p.error ?? ''}`
              : r.status === 'unknown' && p.verdict?.kind === 'unknown'
                ? html`${p.verdict.reason}`
                : r.results.length > 1
                  ? html`<span class="muted">${`${r.results.length} instances`}</span>`
                  : html`${links}`;
          return html`<tr data-status="${r.status}"><td>${r.suite}</td><td>${r.name}</td><td>${badge(r.status, STATUS_LABEL[r.status])}</td><td class="num">${r.runs}</td><td class="num">${r.shrinks}</td><td class="num nowrap">${formatDuration(r.durationMs)}</td><td>${note}</td><td>${r.status === 'passed' ? '' : html`<code>${p.replay}</code>`}</td></tr>`;
        })}</tbody></table>`;

  const baselineBlock = b
    ? html`<h2>Baseline</h2>
<p>${badge(b.newDivergences.length === 0 && b.vanished.length === 0 ? 'within-baseline' : 'outside-baseline', baselineSummary(b))}</p>
<table class="baseline"><thead><tr><th>Status</th><th>Id</th><th>Scope</th><th class="num">Occurrences</th><th>Reason / since</th></tr></thead><tbody>
${groupNew(b).map((g) => html`<tr><td>${badge('new', 'new')}</td><td><code class="id">${g.first.id}</code></td><td>${`${g.first.suite}/${g.property}`}</td><td class="num">${g.occurrences}</td><td class="muted">not in the baseline</td></tr>`)}
${b.acknowledged.map((a) => html`<tr><td>${badge('acknowledged', 'acknowledged')}</td><td><code class="id">${a.entry.id}</code></td><td>${`${a.entry.scope.suite}/${a.entry.scope.property}`}</td><td class="num">${a.divergences.length}</td><td>${`${a.entry.reason} (since ${a.entry.since})`}</td></tr>`)}
${b.vanished.map((e) => html`<tr><td>${badge('vanished', 'vanished')}</td><td><code class="id">${e.id}</code></td><td>${`${e.scope.suite}/${e.scope.property}`}</td><td class="num">0</td><td>${`did not occur: remove it from the baseline (${e.reason}; since ${e.since})`}</td></tr>`)}
${groupNew(b.unconfirmed ?? { newDivergences: [] }).map((g) => html`<tr><td>${badge('unknown', 'not repeated')}</td><td><code class="id">${g.first.id}</code></td><td>${`${g.first.suite}/${g.property}`}</td><td class="num">${g.occurrences}</td><td class="muted">new in this run, not seen again in a rerun (intermittent?)</td></tr>`)}
${(b.unconfirmed?.vanished ?? []).map((e) => html`<tr><td>${badge('unknown', 'came back')}</td><td><code class="id">${e.id}</code></td><td>${`${e.scope.suite}/${e.scope.property}`}</td><td class="num">0</td><td>${`did not occur in this run, occurred again in a rerun (intermittent?; ${e.reason})`}</td></tr>`)}
${b.dormant.map((e) => html`<tr><td>${badge('not-run', 'not seen (intermittent)')}</td><td><code class="id">${e.id}</code></td><td>${`${e.scope.suite}/${e.scope.property}`}</td><td class="num">0</td><td>${`${e.reason} (since ${e.since})`}</td></tr>`)}
${b.notRun.map((e) => html`<tr><td>${badge('not-run', 'not run')}</td><td><code class="id">${e.id}</code></td><td>${`${e.scope.suite}/${e.scope.property}`}</td><td class="num">–</td><td>${e.reason}</td></tr>`)}
</tbody></table>`
    : '';

  const body = html`<header>
<h1>sqs-conformance: ${t.name} ${badge(report.verdict, report.verdict === 'interrupted' ? 'INTERRUPTED' : report.verdict)}</h1>
<p class="meta">${report.runId !== undefined ? html`<span>${`run ${report.runId}`}</span>` : ''}<span><code>${t.endpoint}</code></span><span>${t.protocol}</span><span>${t.region}</span><span>${`seed ${report.seed}`}</span><span>${`strictness ${report.strictness}`}</span><span>${`suites ${report.suites.join(', ') || '(none)'}`}</span><span>${`started ${report.startedAt}`}</span></p>
${[stoppedText(report), restartText(report), transportText(report)].filter((x): x is string => x !== undefined).map((x) => html`<p class="notice">${x}</p>`)}
</header>
<div class="cards">
<div class="card"><div class="l">Verdict</div><div class="n">${report.verdict}</div></div>
<div class="card"><div class="l">Scenarios passed</div><div class="n" id="passed">${`${counts.passed}/${counts.total}`}</div></div>
<div class="card"><div class="l">Divergences</div><div class="n" id="divergences">${report.divergences.length}</div><div class="muted">${`${ids.size} distinct id${ids.size === 1 ? '' : 's'}`}</div></div>
<div class="card"><div class="l">Errors / unknown</div><div class="n">${`${counts.error} / ${counts.unknown}`}</div></div>
<div class="card"><div class="l">Duration</div><div class="n">${formatDuration(report.durationMs)}</div></div>
</div>
${baselineBlock}
<h2>Properties</h2>
${propertyTable}
${coveredSection(report)}
${coverageSection(report)}
${report.divergences.length > 0 ? html`<h2>Divergences (${report.divergences.length})</h2>${report.divergences.map((d, i) => divergenceSection(report, d, i + 1, statuses.get(d)))}` : ''}
<footer>Generated by sqs-conformance. Replay any divergence with the command under it.</footer>`;
  return page(`sqs-conformance: ${t.name} — ${report.verdict}`, body);
}
