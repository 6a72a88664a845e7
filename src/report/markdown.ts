// Markdown summary for a CI step summary (GitHub-flavoured tables): verdict line, properties table,
// divergences table. Cells are escaped: `|`, backticks, `<`, `>`, `&`, `*`, `_`, `[`, `]`, newlines;
// replay commands sit in code spans whose fence is longer than any backtick run inside.
import type { RunReport } from '../runner/types.js';
import { baselineSummary, divergenceBaselineStatus, groupNew, unconfirmedCount, type RenderExtras } from './baseline.js';
import { actionCallsText, countProperties, coverageOf, coverageView, divergencesOf, propertyRunText, formatDuration, formatSource, oneLine, propertyRows, publicTarget, skippedRows, stoppedText, restartText, transportText, type PropertyStatus } from './format.js';

/** Escapes a plain-text table cell. */
export function mdCell(s: string): string {
  return oneLine(s)
    .replace(/\\/g, '\\\\')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([`*_[\]|])/g, '\\$1');
}

/**
 * A code span that survives inside a table cell: the fence is one backtick longer than the longest
 * run inside, and `|` is escaped (GFM splits cells before it parses code spans).
 */
export function mdCode(s: string): string {
  const text = oneLine(s);
  if (text === '') return '';
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ')) ? ' ' : '';
  return `${fence}${pad}${text.replace(/\|/g, '\\|')}${pad}${fence}`;
}

const STATUS_MARK: Record<PropertyStatus, string> = {
  passed: '✅ passed',
  failed: '❌ failed',
  error: '⚠️ error',
  unknown: '❔ unknown',
  'not-run': '⏸️ not run',
};

const VERDICT_MARK: Record<RunReport['verdict'], string> = {
  conformant: '✅ **Conformant**',
  divergent: '❌ **Divergent**',
  unknown: '❔ **Unknown**',
  interrupted: '⏸️ **INTERRUPTED**',
};

export function renderMarkdown(report: RunReport, extras: RenderExtras = {}): string {
  const t = publicTarget(report.target);
  const counts = countProperties(report.properties);
  const out: string[] = [];
  const verdict = VERDICT_MARK[report.verdict];
  out.push(`## sqs-conformance: ${mdCell(t.name)}`);
  out.push('');
  out.push(
    `${verdict}: ${counts.passed}/${counts.total} properties passed, ${report.divergences.length} divergence${report.divergences.length === 1 ? '' : 's'}` +
      ` (strictness ${report.strictness}, seed ${report.seed}, ${formatDuration(report.durationMs)}).`,
  );
  out.push('');
  out.push(`Target ${mdCode(t.endpoint)} (${t.protocol}, ${mdCell(t.region)}); suites: ${report.suites.map(mdCell).join(', ') || '(none)'}${report.runId !== undefined ? `; run ${mdCode(report.runId)}` : ''}.`);
  out.push('');
  for (const line of [stoppedText(report), restartText(report), transportText(report)]) {
    if (line === undefined) continue;
    out.push(`> ${mdCell(line)}`);
    out.push('');
  }
  const b = extras.baseline;
  if (b) {
    const within = b.newDivergences.length === 0 && b.vanished.length === 0;
    out.push(`${within ? '✅' : '❌'} Baseline: ${mdCell(baselineSummary(b))}.`);
    out.push('');
  }

  out.push('### Properties');
  out.push('');
  if (report.properties.length === 0) {
    out.push('No property ran.');
  } else {
    out.push('| Suite | Property | Result | Runs | Shrinks | Duration | Divergences / error |');
    out.push('| --- | --- | --- | ---: | ---: | ---: | --- |');
    for (const r of propertyRows(report.properties)) {
      const p = r.results[0]!;
      const note =
        r.status === 'not-run'
          ? mdCell(p.notRun ?? '')
          : r.status === 'error'
          ? mdCell(p.error ?? '')
          : r.status === 'unknown' && p.verdict?.kind === 'unknown'
            ? mdCell(p.verdict.reason)
            : r.results.length > 1
              ? `${r.results.length} instances`
              : [...new Set(divergencesOf(report, p).map((d) => d.id))].map(mdCode).join(', ');
      out.push(
        `| ${mdCell(r.suite)} | ${mdCell(r.name)} | ${STATUS_MARK[r.status]} | ${r.runs} | ${r.shrinks} | ${formatDuration(r.durationMs)} | ${note} |`,
      );
    }
  }
  out.push('');

  const skipped = skippedRows(report);
  if (skipped.length > 0) {
    out.push('### Not run');
    out.push('');
    for (const s of skipped) out.push(`- **${mdCell(s.suite)}**${s.properties.length > 0 ? `: ${s.properties.map(mdCell).join(', ')}` : ' (the whole suite)'} — ${mdCell(s.reason)}`);
    out.push('');
  }

  const view = coverageView(report);
  if (view.ran.length > 0 || view.actions) {
    out.push('### Covered');
    out.push('');
    for (const suite of view.ran) out.push(`- **${mdCell(suite.suite)}**: ${suite.properties.map((p) => mdCell(propertyRunText(p))).join(', ')}`);
    if (view.actions) {
      const a = view.actions;
      out.push(`- SQS actions called (${a.called.length}): ${a.called.map(([name, n]) => `${mdCode(name)} ${mdCell(actionCallsText(n))}`).join('; ') || 'none'}`);
      if (a.notCalled.length > 0) out.push(`- ⚠️ Declared by the suites that ran, never called: ${a.notCalled.map(mdCode).join(', ')}`);
      if (a.notCovered.length > 0) out.push(`- Not covered by the suites that ran (${a.notCovered.length}): ${a.notCovered.map(mdCode).join(', ')}`);
    }
    out.push('');
  }

  const coverage = coverageOf(report);
  if (coverage.exercised.length > 0 || coverage.gaps.length > 0) {
    out.push('### Rule coverage');
    out.push('');
    out.push(
      coverage.gaps.length > 0
        ? `Not exercised (these rules judged nothing): ${coverage.gaps.map(mdCode).join(', ')}.`
        : 'Every rule of the suites that ran was exercised.',
    );
    out.push('');
    out.push(`<details><summary>How often each rule's situation arose</summary>\n`);
    for (const [id, n] of coverage.exercised) out.push(`- ${mdCode(id)}: ${n}`);
    out.push('\n</details>');
    out.push('');
  }

  if (report.divergences.length > 0) {
    const statuses = divergenceBaselineStatus(report, b);
    out.push('### Divergences');
    out.push('');
    out.push(`| Id | Strictness | Grade |${b ? ' Baseline |' : ''} Summary | Source | Replay |`);
    out.push(`| --- | --- | --- |${b ? ' --- |' : ''} --- | --- | --- |`);
    for (const d of report.divergences) {
      const status = statuses.get(d);
      const cell = b ? ` ${status === 'new' ? '❌ new' : status === 'unconfirmed' ? '⚠️ not repeated' : 'acknowledged'} |` : '';
      out.push(
        `| ${mdCode(d.id)} | ${mdCell(d.strictness)} | ${mdCell(d.grade)} |${cell} ${mdCell(d.summary)} | ${mdCell(formatSource(d.rule))} | ${mdCode(d.replay)} |`,
      );
    }
    out.push('');
  }

  if (b && (b.newDivergences.length > 0 || b.acknowledged.length > 0 || b.vanished.length > 0 || b.notRun.length > 0 || b.dormant.length > 0 || unconfirmedCount(b) > 0)) {
    out.push('### Baseline');
    out.push('');
    out.push('| Status | Id | Scope | Occurrences | Reason / since |');
    out.push('| --- | --- | --- | ---: | --- |');
    for (const g of groupNew(b)) {
      out.push(`| ❌ new | ${mdCode(g.first.id)} | ${mdCell(`${g.first.suite}/${g.property}`)} | ${g.occurrences} | not in the baseline |`);
    }
    for (const a of b.acknowledged) {
      const where = a.elsewhere ? ` (seen in ${a.elsewhere.map((p) => `${a.entry.scope.suite}/${p}`).join(', ')})` : '';
      out.push(`| acknowledged | ${mdCode(a.entry.id)} | ${mdCell(`${a.entry.scope.suite}/${a.entry.scope.property}${where}`)} | ${a.divergences.length} | ${mdCell(`${a.entry.reason} (since ${a.entry.since})`)} |`);
    }
    for (const e of b.vanished) {
      out.push(`| ❌ vanished | ${mdCode(e.id)} | ${mdCell(`${e.scope.suite}/${e.scope.property}`)} | 0 | ${mdCell(`did not occur: remove it from the baseline (${e.reason}; since ${e.since})`)} |`);
    }
    for (const g of groupNew(b.unconfirmed ?? { newDivergences: [] })) {
      out.push(`| ⚠️ not repeated | ${mdCode(g.first.id)} | ${mdCell(`${g.first.suite}/${g.property}`)} | ${g.occurrences} | new in this run, not seen again in a rerun (intermittent?) |`);
    }
    for (const e of b.unconfirmed?.vanished ?? []) {
      out.push(`| ⚠️ came back | ${mdCode(e.id)} | ${mdCell(`${e.scope.suite}/${e.scope.property}`)} | 0 | ${mdCell(`did not occur in this run, occurred again in a rerun (intermittent?; ${e.reason})`)} |`);
    }
    for (const e of b.dormant) {
      out.push(`| not seen (intermittent) | ${mdCode(e.id)} | ${mdCell(`${e.scope.suite}/${e.scope.property}`)} | 0 | ${mdCell(`${e.reason} (since ${e.since})`)} |`);
    }
    for (const e of b.notRun) {
      out.push(`| not run | ${mdCode(e.id)} | ${mdCell(`${e.scope.suite}/${e.scope.property}`)} | – | ${mdCell(e.reason)} |`);
    }
    out.push('');
  }

  return `${out.join('\n')}\n`;
}
