// report: pure renderers of a RunReport into text (terminal), JSON (report.json), JUnit XML,
// Markdown (CI step summary) and HTML (report.html; the matrix scoreboard). Strings in, strings out: no I/O, no clock, no environment reads.
// May import only runner/check/catalog/history/spec types and the catalogue, plus picocolors and
// fast-xml-parser. Reports show the target's name, endpoint (without user info), protocol and
// region, never credentials. Writing files is the CLI's job.
import type { RunReport } from '../runner/types.js';
import type { RenderExtras } from './baseline.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { renderText } from './text.js';

export { renderText, type TextOptions } from './text.js';
export { renderJson, toJsonReport, type JsonReport, type JsonDivergence, type JsonProperty } from './json.js';
export { renderJunit, xmlSafe } from './junit.js';
export { renderMarkdown, mdCell, mdCode } from './markdown.js';
export { renderHtml, escapeHtml, html, rawHtml, SafeHtml } from './html.js';
export { cellText, renderScoreboardHtml, renderScoreboardJson, renderScoreboardMarkdown, renderScoreboardText, scoreboardGridLines } from './scoreboard.js';
export { baselineSummary, toJsonBaseline, type JsonBaseline, type RenderExtras } from './baseline.js';
export {
  compactFields,
  countProperties,
  countsText,
  coverageOf,
  coverageView,
  stoppedText,
  restartText,
  transportText,
  describeOp,
  explanationOf,
  truncate,
  formatDuration,
  formatSource,
  oneLine,
  baseProperty,
  propertyRows,
  propertyStatus,
  publicTarget,
  redactEndpoint,
  scrub,
  timeline,
  type Counts,
  type CoverageView,
  type PropertyRow,
  type PropertyStatus,
  type TimelineRow,
} from './format.js';

export type ReportKind = 'text' | 'json' | 'junit' | 'md' | 'html';

export const REPORT_KINDS: readonly ReportKind[] = ['text', 'json', 'junit', 'md', 'html'];

/** Every renderer (text without colour, as written to a file); `extras` adds the baseline comparison. */
export const renderers: Record<ReportKind, (report: RunReport, extras?: RenderExtras) => string> = {
  text: (r, extras) => renderText(r, { ...extras, color: false }),
  json: (r, extras) => renderJson(r, extras),
  junit: (r) => renderJunit(r),
  md: (r, extras) => renderMarkdown(r, extras),
  html: (r, extras) => renderHtml(r, extras),
};

/** File name of each report kind under the output folder. */
export const REPORT_FILES: Record<ReportKind, string> = {
  text: 'report.txt',
  json: 'report.json',
  junit: 'report.junit.xml',
  md: 'report.md',
  html: 'report.html',
};

export function isReportKind(s: string): s is ReportKind {
  return (REPORT_KINDS as readonly string[]).includes(s);
}
