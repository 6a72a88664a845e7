// Terminal report: header, one line per property, then each divergence with its rule, story,
// minimal timeline and replay command. Every value that came from a target is scrubbed of control
// characters so a server cannot drive the terminal.
import pc from 'picocolors';
import type { BaselineComparison } from '../runner/baseline.js';
import type { ReportedDivergence, RunReport } from '../runner/types.js';
import { baselineSummary, divergenceBaselineStatus, groupNew, type DivergenceBaselineStatus, type RenderExtras } from './baseline.js';
import {
  actionCallsText,
  countProperties,
  countsText,
  coverageOf,
  coverageView,
  propertyRunText,
  stoppedText,
  restartText,
  transportText,
  divergencesOf,
  formatDuration,
  formatSource,
  oneLine,
  propertyRows,
  publicTarget,
  ruleText,
  explanationOf,
  scrub,
  skippedRows,
  timeline,
  type PropertyRow,
  type PropertyStatus,
} from './format.js';

export interface TextOptions extends RenderExtras {
  /** ANSI colours; off unless asked for (files never get them). */
  color?: boolean;
  /** Longest op detail in the timeline, characters. */
  maxOpDetail?: number;
}

type Colors = ReturnType<typeof pc.createColors>;

export function renderText(report: RunReport, opts: TextOptions = {}): string {
  const c = pc.createColors(opts.color ?? false);
  const maxDetail = opts.maxOpDetail ?? 120;
  const out: string[] = [];
  const t = publicTarget(report.target);
  const counts = countProperties(report.properties);

  out.push(c.bold('sqs-conformance report'));
  if (report.runId !== undefined) out.push(`  run         ${oneLine(report.runId)}`);
  out.push(`  target      ${oneLine(t.name)}  ${oneLine(t.endpoint)}  (${t.protocol}, ${oneLine(t.region)})`);
  out.push(`  seed        ${report.seed}`);
  out.push(`  strictness  ${report.strictness}`);
  out.push(`  suites      ${report.suites.map(oneLine).join(', ') || '(none)'}`);
  out.push(`  started     ${oneLine(report.startedAt)}`);
  out.push(`  duration    ${formatDuration(report.durationMs)}`);
  out.push(`  verdict     ${verdictLabel(report.verdict, c)}`);
  const stopped = stoppedText(report);
  if (stopped !== undefined) out.push(`  stopped     ${c.yellow(oneLine(stopped))}`);
  const restart = restartText(report);
  if (restart !== undefined) out.push(`  restarted   ${c.yellow(oneLine(restart))}`);
  const transport = transportText(report);
  if (transport !== undefined) out.push(`  network     ${oneLine(transport)}`);
  if (opts.baseline) out.push(`  baseline    ${baselineLabel(opts.baseline, c)}`);
  out.push('');

  out.push(c.bold(`Properties (${countsText(counts)})`));
  if (report.properties.length === 0) out.push('  (no property ran)');
  const rows = propertyRows(report.properties);
  const nameWidth = Math.min(48, Math.max(0, ...rows.map((r) => rowName(r).length)));
  for (const r of rows) out.push(propertyLine(report, r, nameWidth, c));
  out.push('');
  const skipped = skippedRows(report);
  if (skipped.length > 0) {
    out.push(c.bold('Not run'));
    for (const s of skipped) {
      const what = s.properties.length > 0 ? `${s.suite}/${s.properties.join(', ')}` : `${s.suite} (the whole suite)`;
      out.push(`  ${oneLine(what)}  ${c.dim(oneLine(s.reason))}`);
    }
    out.push('');
  }

  out.push(...coveredBlock(report, c));
  out.push(...coverageBlock(report, c));

  const statuses = divergenceBaselineStatus(report, opts.baseline);
  if (report.divergences.length > 0) {
    out.push(c.bold(`Divergences (${report.divergences.length})`));
    report.divergences.forEach((d, i) => {
      out.push('');
      out.push(...divergenceBlock(report, d, i + 1, maxDetail, c, statuses.get(d)));
    });
    out.push('');
  }
  if (opts.baseline) {
    out.push(...baselineBlock(opts.baseline, c));
    out.push('');
  }

  out.push(summaryLine(report, c));
  return `${out.join('\n')}\n`;
}

function verdictLabel(v: RunReport['verdict'], c: Colors): string {
  switch (v) {
    case 'conformant':
      return c.green(c.bold('CONFORMANT'));
    case 'divergent':
      return c.red(c.bold('DIVERGENT'));
    case 'unknown':
      return c.yellow(c.bold('UNKNOWN'));
    case 'interrupted':
      return c.yellow(c.bold('INTERRUPTED'));
  }
}

/** Items joined with `sep`, wrapped at about 100 columns, each line starting with `indent`. */
function wrapped(items: readonly string[], indent: string, sep = ', '): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const [i, item] of items.entries()) {
    const piece = `${item}${i < items.length - 1 ? sep.trimEnd() : ''}`;
    if (line.trim() !== '' && line.length + 1 + piece.length > 100) {
      lines.push(line);
      line = indent;
    }
    line += line.trim() === '' ? piece : ` ${piece}`;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}

/** What the run covered: each suite's properties with their instances, and the SQS actions it called and did not. */
function coveredBlock(report: RunReport, c: Colors): string[] {
  const v = coverageView(report);
  if (v.ran.length === 0 && !v.actions) return [];
  const lines = [c.bold('Covered')];
  const w = Math.min(24, Math.max(0, ...v.ran.map((s) => oneLine(s.suite).length)));
  for (const s of v.ran) {
    const [first, ...rest] = wrapped(s.properties.map((p) => oneLine(propertyRunText(p))), ' '.repeat(w + 4));
    lines.push(`  ${oneLine(s.suite).padEnd(w)}  ${first!.trimStart()}`, ...rest);
  }
  if (v.actions) {
    const a = v.actions;
    lines.push(`  SQS actions called (${a.called.length}):`);
    lines.push(...wrapped(a.called.map(([name, n]) => `${oneLine(name)} (${actionCallsText(n)})`), '    ', ' · '));
    if (a.notCalled.length > 0) lines.push(`  ${c.yellow('declared by the suites that ran, never called:')} ${a.notCalled.map(oneLine).join(', ')}`);
    if (a.notCovered.length > 0) {
      lines.push(`  not covered by the suites that ran (${a.notCovered.length}):`);
      lines.push(...wrapped(a.notCovered.map(oneLine), '    '));
    }
  }
  lines.push('');
  return lines;
}

/** Rule coverage: how often each rule's situation arose, and the rules that judged nothing. */
function coverageBlock(report: RunReport, c: Colors): string[] {
  const { exercised, gaps } = coverageOf(report);
  if (exercised.length === 0 && gaps.length === 0) return [];
  const lines = [c.bold(`Rule coverage (${exercised.length} rules exercised${gaps.length > 0 ? `, ${gaps.length} not` : ''})`)];
  let line = ' ';
  for (const [id, n] of exercised) {
    const item = ` ${oneLine(id)} ×${n}`;
    if (line.length + item.length > 100) {
      lines.push(line);
      line = ' ';
    }
    line += item;
  }
  if (line.trim() !== '') lines.push(line);
  if (gaps.length > 0) lines.push(`  ${c.yellow('not exercised (judged nothing):')} ${gaps.map(oneLine).join(', ')}`);
  lines.push('');
  return lines;
}

function statusLabel(s: PropertyStatus, c: Colors): string {
  const label = s.toUpperCase().padEnd(7);
  switch (s) {
    case 'passed':
      return c.green(label);
    case 'failed':
      return c.red(label);
    case 'error':
      return c.magenta(label);
    case 'unknown':
      return c.yellow(label);
    case 'not-run':
      return c.dim(label);
  }
}

function rowName(r: PropertyRow): string {
  return oneLine(`${r.suite}/${r.name}`);
}

function propertyLine(report: RunReport, r: PropertyRow, width: number, c: Colors): string {
  const p = r.results[0]!;
  const name = rowName(r).padEnd(width);
  const instances = r.results.length > 1 ? `${r.results.length} instances, ` : '';
  // Instances run concurrently: a merged row shows the longest one's time.
  const stats = `${instances}${r.runs} run${r.runs === 1 ? '' : 's'}, ${r.shrinks} shrink${r.shrinks === 1 ? '' : 's'}, ${formatDuration(r.durationMs)}`;
  let tail = '';
  const undecided = r.results.reduce((n, x) => n + (x.undecided?.length ?? 0), 0);
  const explained = r.results.find((x) => x.explained !== undefined)?.explained;
  if (r.status === 'not-run') tail = `  ${c.dim(oneLine(p.notRun ?? ''))}`;
  else if (r.status === 'error') tail = `  ${c.magenta(oneLine(p.error ?? ''))}`;
  else if (r.status === 'unknown' && p.verdict?.kind === 'unknown') tail = `  ${c.yellow(oneLine(p.verdict.reason))}`;
  else if (r.status === 'failed') {
    const ids = [...new Set(divergencesOf(report, p).map((d) => d.id))];
    if (ids.length > 0) tail = `  → ${ids.map((id) => c.red(oneLine(id))).join(', ')}`;
  } else if (r.status === 'passed' && (undecided > 0 || explained !== undefined)) {
    tail = `  ${c.dim(oneLine([undecided > 0 ? `${undecided} message${undecided === 1 ? '' : 's'} undecided (lost calls)` : '', explained ?? ''].filter((x) => x !== '').join('; ')))}`;
  }
  return `  ${statusLabel(r.status, c)} ${name}  ${c.dim(stats)}${tail}`;
}

function divergenceBlock(report: RunReport, d: ReportedDivergence, n: number, maxDetail: number, c: Colors, status?: DivergenceBaselineStatus): string[] {
  const lines: string[] = [];
  const grade = d.grade === 'definite' ? c.red(d.grade) : c.yellow(d.grade);
  const mark = status === 'new' ? `  ${c.red(c.bold('NEW'))}` : status === 'acknowledged' ? `  ${c.dim('acknowledged')}` : status === 'unconfirmed' ? `  ${c.yellow('new, not repeated by a rerun')}` : '';
  lines.push(`${c.bold(`${n}. ${oneLine(d.id)}`)}  [${d.strictness}, ${grade}]  ${c.dim(oneLine(`${d.suite}/${d.property}`))}${mark}`);
  lines.push(`   ${oneLine(d.summary)}`);
  if (d.impliedBy) lines.push(`   ${c.dim(`(explained by ${oneLine(d.impliedBy)})`)}`);
  const rule = ruleText(report, d.id);
  if (rule) lines.push(`   ${label('rule')}${oneLine(rule)}`);
  lines.push(`   ${label('source')}${oneLine(formatSource(d.rule))}`);
  if (d.queue !== undefined) lines.push(`   ${label('queue')}${oneLine(d.queue)}`);
  if (d.messageId !== undefined) lines.push(`   ${label('message')}${oneLine(d.messageId)}`);
  const explanation = explanationOf(report, d);
  if (explanation.length > 0) {
    lines.push('   why:');
    for (const e of explanation) {
      for (const l of scrub(e).split(/\r?\n/)) lines.push(`     ${l}`);
    }
  }
  const rows = timeline(d.opRecords, maxDetail);
  if (rows.length > 0) {
    lines.push('   ops:');
    const w = {
      at: Math.max(...rows.map((r) => r.at.length)),
      process: Math.max(...rows.map((r) => oneLine(r.process).length)),
      f: Math.max(...rows.map((r) => oneLine(r.f).length)),
    };
    for (const r of rows) {
      const type = r.type.padEnd(6);
      const typeC = r.type === 'ok' ? c.green(type) : r.type === 'fail' ? c.red(type) : r.type === 'info' ? c.yellow(type) : c.dim(type);
      lines.push(
        `     ${r.at.padStart(w.at)}  ${oneLine(r.process).padEnd(w.process)}  ${oneLine(r.f).padEnd(w.f)}  ${typeC} ${oneLine(r.detail)}`.trimEnd(),
      );
    }
  }
  lines.push(`   ${label('replay')}${c.cyan(oneLine(d.replay))}`);
  return lines;
}

const label = (name: string): string => `${name}:`.padEnd(9);

function baselineLabel(b: BaselineComparison, c: Colors): string {
  const text = oneLine(baselineSummary(b));
  return b.newDivergences.length === 0 && b.vanished.length === 0 ? c.green(text) : c.red(text);
}

/** New, acknowledged and vanished baseline entries, one line each. */
function baselineBlock(b: BaselineComparison, c: Colors): string[] {
  const lines = [c.bold(`Baseline of ${oneLine(b.target)} (${oneLine(baselineSummary(b))})`)];
  const scope = (suite: string, property: string): string => c.dim(oneLine(`${suite}/${property}`));
  for (const g of groupNew(b)) {
    lines.push(`  ${c.red('NEW         ')} ${oneLine(g.first.id)}  ${scope(g.first.suite, g.property)}  ×${g.occurrences}`);
  }
  for (const a of b.acknowledged) {
    const where = a.elsewhere ? `  ${c.dim(oneLine(`seen in ${a.elsewhere.map((p) => `${a.entry.scope.suite}/${p}`).join(', ')}`))}` : '';
    lines.push(`  ${c.green('acknowledged')} ${oneLine(a.entry.id)}  ${scope(a.entry.scope.suite, a.entry.scope.property)}  ×${a.divergences.length}${where}  ${c.dim(oneLine(`(${a.entry.reason}; since ${a.entry.since})`))}`);
  }
  for (const e of b.vanished) {
    lines.push(`  ${c.red('VANISHED    ')} ${oneLine(e.id)}  ${scope(e.scope.suite, e.scope.property)}  ${c.dim('did not occur: remove it from the baseline')}`);
  }
  for (const g of groupNew(b.unconfirmed ?? { newDivergences: [] })) {
    lines.push(`  ${c.yellow('not repeated')} ${oneLine(g.first.id)}  ${scope(g.first.suite, g.property)}  ×${g.occurrences}  ${c.dim(`new in this run, not seen again in a rerun: intermittent?`)}`);
  }
  for (const e of b.unconfirmed?.vanished ?? []) {
    lines.push(`  ${c.yellow('came back   ')} ${oneLine(e.id)}  ${scope(e.scope.suite, e.scope.property)}  ${c.dim('did not occur in this run, occurred again in a rerun: intermittent?')}`);
  }
  for (const e of b.dormant) {
    lines.push(`  ${c.dim('not seen    ')} ${oneLine(e.id)}  ${scope(e.scope.suite, e.scope.property)}  ${c.dim(oneLine(`(intermittent: ${e.reason})`))}`);
  }
  for (const e of b.notRun) {
    lines.push(`  ${c.dim('not run     ')} ${oneLine(e.id)}  ${scope(e.scope.suite, e.scope.property)}`);
  }
  if (lines.length === 1) lines.push('  (empty baseline, nothing observed)');
  return lines;
}

function summaryLine(report: RunReport, c: Colors): string {
  const ids = new Set(report.divergences.map((d) => d.id));
  switch (report.verdict) {
    case 'conformant':
      return c.green(`Conformant: ${report.properties.length} properties passed at strictness ${report.strictness}.`);
    case 'divergent':
      return c.red(`Divergent: ${report.divergences.length} divergence${report.divergences.length === 1 ? '' : 's'} (${ids.size} distinct id${ids.size === 1 ? '' : 's'}).`);
    case 'unknown':
      return c.yellow(report.stopped ? `Unknown: ${oneLine(report.stopped.detail)}.` : 'Unknown: some properties could not be decided; see the errors above.');
    case 'interrupted': {
      const notRun = report.properties.filter((p) => p.notRun !== undefined).length;
      return c.yellow(`Interrupted: ${notRun} scenario${notRun === 1 ? '' : 's'} not run; ${report.divergences.length} divergence${report.divergences.length === 1 ? '' : 's'} found before the interrupt.`);
    }
  }
}
