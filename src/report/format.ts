// Small pure helpers shared by the renderers: status of a property, durations, endpoint redaction,
// control-character scrubbing and the compact one-line form of an op used in timelines.
import type { CatalogEntry } from '../catalog/index.js';
import type { Op } from '../history/index.js';
import type { ActionCalls, PropertyResult, ReportedDivergence, RunReport } from '../runner/types.js';
import type { SourceRef } from '../spec/types.js';
import { explainDivergence } from './explain.js';

export type PropertyStatus = 'passed' | 'failed' | 'error' | 'unknown' | 'not-run';

/** `not-run`: the run stopped first; `error`: could not run; `unknown`: ran but the checker could not decide; else passed/failed. */
export function propertyStatus(p: PropertyResult): PropertyStatus {
  if (p.notRun !== undefined) return 'not-run';
  if (p.error !== undefined) return 'error';
  if (p.passed) return 'passed';
  if (p.verdict?.kind === 'unknown') return 'unknown';
  return 'failed';
}

export interface Counts {
  total: number;
  passed: number;
  failed: number;
  error: number;
  unknown: number;
  'not-run': number;
}

export function countProperties(properties: readonly PropertyResult[]): Counts {
  const c: Counts = { total: properties.length, passed: 0, failed: 0, error: 0, unknown: 0, 'not-run': 0 };
  for (const p of properties) c[propertyStatus(p)] += 1;
  return c;
}

/** `(20: 5 passed, 0 failed, 0 error, 0 unknown, 15 not run)`, the not-run part only when some did not run. */
export function countsText(c: Counts): string {
  return `${c.total}: ${c.passed} passed, ${c.failed} failed, ${c.error} error, ${c.unknown} unknown${c['not-run'] > 0 ? `, ${c['not-run']} not run` : ''}`;
}

/** Why a run stopped early, in one line (undefined when it ran to its end). */
export function stoppedText(report: Pick<RunReport, 'stopped'>): string | undefined {
  const s = report.stopped;
  if (!s) return undefined;
  return s.reason === 'interrupted' ? `interrupted (${s.detail}): scenarios that did not finish are not run and judged nothing` : `${s.detail}: scenarios after that are not run`;
}

/** A server restarted during the run (the matrix restarts a peer that died once), one line. */
export function restartText(report: Pick<RunReport, 'restarts'>): string | undefined {
  const r = report.restarts;
  if (!r || r.length === 0) return undefined;
  return r
    .map((x) => `the server ${x.why} during the run and was started again; this report is the run after the restart${x.log && x.log.tail.length > 0 ? ` (its log ${x.log.file}: ${(x.log.tail.find((l) => /fatal error|panic|exception|out of memory|killed/i.test(l)) ?? x.log.tail.at(-1)!).trim()})` : ''}`)
    .join('; ');
}

/** Rule coverage: how many ids were exercised, and the gaps (ids of the suites that ran never exercised). */
export function coverageOf(report: Pick<RunReport, 'exercised' | 'gaps'>): { exercised: [string, number][]; gaps: string[] } {
  const exercised = Object.entries(report.exercised ?? {}).filter(([, n]) => n > 0).sort(([a], [b]) => a.localeCompare(b));
  return { exercised, gaps: [...(report.gaps ?? [])] };
}

/** Lost calls and undecided messages, one line; undefined when there were none. */
export function transportText(report: Pick<RunReport, 'calls' | 'properties'>): string | undefined {
  const undecided = report.properties.reduce((n, p) => n + (p.undecided?.length ?? 0), 0);
  const explained = report.properties.filter((p) => p.explained !== undefined).length;
  const lost = report.calls?.lost ?? 0;
  if (lost === 0 && undecided === 0 && explained === 0) return undefined;
  const parts = [`${lost} of ${report.calls?.total ?? '?'} calls lost (connection reset, timeout, 5xx: outcome unknown)`];
  if (undecided > 0) parts.push(`${undecided} message${undecided === 1 ? '' : 's'} undecided, left out of the verdict`);
  if (explained > 0) parts.push(`${explained} scenario${explained === 1 ? '' : 's'} explained by network delays`);
  return parts.join('; ');
}

/** `850 ms`, `12.3 s`, `4 min 05 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalS = Math.round(ms / 1000);
  const min = Math.floor(totalS / 60);
  const s = totalS % 60;
  return `${min} min ${String(s).padStart(2, '0')} s`;
}

/** The endpoint without user info (a URL may carry `user:password@`), query or fragment. */
export function redactEndpoint(endpoint: string): string {
  try {
    const u = new URL(endpoint);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    // Not a URL: drop anything that looks like user info.
    return endpoint.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
  }
}

/** The only target fields a report may show: name, endpoint (redacted), protocol, region. */
export function publicTarget(t: RunReport['target']): RunReport['target'] {
  return { name: t.name, endpoint: redactEndpoint(t.endpoint), protocol: t.protocol, region: t.region };
}

// C0 controls except tab/newline, DEL, C1 controls, lone surrogates.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Replaces control characters (an ANSI escape sent back by a server must not drive the terminal)
 * and lone surrogates with visible escapes; keeps newlines and tabs.
 */
export function scrub(s: string): string {
  return s.replace(CONTROL, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** scrub, then newlines and tabs become spaces: for one-line cells and attributes. */
export function oneLine(s: string): string {
  return scrub(s).replace(/\s*[\r\n]+\s*/g, ' ').replace(/\t/g, ' ');
}

export function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const keep = Math.max(1, max - 1);
  return `${s.slice(0, keep)}…`;
}

/** `sqs-semantics.md § 5.3; 14 N1 (documented)`. */
export function formatSource(ref: SourceRef | undefined): string {
  if (!ref) return 'unknown source';
  return `${ref.file} § ${ref.section} (${ref.evidence})`;
}

/** The catalogue entry a report carries for an id. */
export function entryOf(report: Pick<RunReport, 'catalog'>, id: string): CatalogEntry | undefined {
  return (report.catalog ?? []).find((e) => e.id === id);
}

/** The catalogue's rule text for a divergence id, when the report carries its entry. */
export function ruleText(report: Pick<RunReport, 'catalog'>, id: string): string | undefined {
  return entryOf(report, id)?.rule;
}

/** The "Let … Then …" lines of a divergence, rendered from its data and the catalogue's template. */
export function explanationOf(report: Pick<RunReport, 'catalog'>, d: ReportedDivergence): string[] {
  return explainDivergence(d, entryOf(report, d.id));
}

/** Time of an op relative to `origin` (ns), in ms: `+12.3ms`. */
export function relativeMs(op: Op, originNs: number): string {
  const ms = (op.time - originNs) / 1e6;
  return `+${ms.toFixed(1)}ms`;
}

const LONG_FIELDS = new Set(['MessageBody', 'Body']);
const HANDLE_FIELDS = new Set(['ReceiptHandle']);
const STRING_MAX = 40;
const BODY_MAX = 32;
const HANDLE_MAX = 12;
const ARRAY_MAX = 4;
const DEPTH_MAX = 3;

/**
 * The first character SQS does not allow in a body (sqs-semantics.md 6.1: #x9, #xA, #xD,
 * #x20–#xD7FF, #xE000–#xFFFD, #x10000–#x10FFFF), as an index into `s`; -1 when there is none.
 */
export function firstDisallowed(s: string): number {
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    const ok = c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || (c >= 0x10000 && c <= 0x10ffff);
    if (!ok) return i;
    if (c > 0xffff) i++;
  }
  return -1;
}

/** JSON string form, with the characters SQS rejects (noncharacters, lone surrogates) escaped too. */
function quoted(s: string): string {
  return JSON.stringify(s).replace(/[\ufffe\uffff\ud800-\udfff]/gu, (c) => `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`);
}

function compactString(s: string, key: string | undefined): string {
  const max = key && HANDLE_FIELDS.has(key) ? HANDLE_MAX : key && LONG_FIELDS.has(key) ? BODY_MAX : STRING_MAX;
  if (s.length <= max) return quoted(s);
  // A character SQS rejects past the cut is the point of the line: show it, escaped, with a little context.
  const bad = firstDisallowed(s);
  if (bad >= max) {
    const from = Math.max(0, bad - 8);
    return `${quoted(s.slice(0, Math.max(0, max - 16)))}…${quoted(s.slice(from, bad + 1 + 4))}…(${s.length} chars, rejected character at ${bad})`;
  }
  // JSON.stringify escapes control characters, so a body cannot inject terminal sequences.
  return `${quoted(s.slice(0, max))}…(${s.length} chars)`;
}

function compact(v: unknown, key: string | undefined, depth: number): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'string') return compactString(v, key);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Uint8Array) return `<${v.length} bytes>`;
  if (Array.isArray(v)) {
    if (depth >= DEPTH_MAX) return `[…${v.length}]`;
    const items = v.slice(0, ARRAY_MAX).map((x) => compact(x, undefined, depth + 1));
    if (v.length > ARRAY_MAX) items.push(`…+${v.length - ARRAY_MAX}`);
    return `[${items.join(', ')}]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
    if (depth >= DEPTH_MAX) return `{…${entries.length}}`;
    return `{${entries.map(([k, x]) => `${safeKey(k)}:${compact(x, k, depth + 1)}`).join(', ')}}`;
  }
  return '?';
}

function safeKey(k: string): string {
  return /^[A-Za-z_$][\w$.-]*$/.test(k) ? k : JSON.stringify(k);
}

/** Top-level `k=v` pairs of a request or response, strings shortened, whole line capped. */
export function compactFields(value: unknown, maxLength = 160): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return truncate(compact(value, undefined, 0), maxLength);
  const parts = Object.entries(value as Record<string, unknown>)
    .filter(([k, x]) => x !== undefined && k !== 'QueueUrl')
    .map(([k, x]) => `${safeKey(k)}=${compact(x, k, 1)}`);
  return truncate(parts.join(' '), maxLength);
}

/** What an op says, in one line: the request for invokes, the result for completions. */
export function describeOp(op: Op, maxLength = 160): string {
  switch (op.type) {
    case 'invoke':
    case 'ok':
      return compactFields(op.value, maxLength);
    case 'fail': {
      const e = op.value;
      const status = e.httpStatus !== undefined ? ` (${e.httpStatus})` : '';
      const msg = e.message !== undefined ? ` ${JSON.stringify(truncate(e.message, 80))}` : '';
      return truncate(`${e.code}${status}${msg}`, maxLength);
    }
    case 'info': {
      const i = op.value;
      return truncate(`${i.reason}: ${JSON.stringify(truncate(i.detail, 100))}`, maxLength);
    }
  }
}

export interface TimelineRow {
  at: string;
  process: string;
  f: string;
  type: Op['type'];
  queue: string;
  detail: string;
}

/** The minimal ops as rows, times relative to the first op (by time). */
export function timeline(ops: readonly Op[], maxDetail = 160): TimelineRow[] {
  if (ops.length === 0) return [];
  const sorted = [...ops].sort((a, b) => a.time - b.time || a.index - b.index);
  const origin = sorted[0]!.time;
  return sorted.map((op) => ({
    at: relativeMs(op, origin),
    process: String(op.process),
    f: String(op.f),
    type: op.type,
    queue: String(op.queue),
    detail: describeOp(op, maxDetail),
  }));
}

/** Divergence ids of one property, in report order. */
export function divergencesOf(report: RunReport, p: PropertyResult): ReportedDivergence[] {
  return report.divergences.filter((d) => d.suite === p.suite && d.property === p.property);
}

/** One line of a property listing: a single result, or every passing instance of one property. */
export interface PropertyRow {
  suite: string;
  /** `visibility#3` for a single instance, `visibility` for merged passing instances. */
  name: string;
  status: PropertyStatus;
  /** Results behind the row (one unless merged). */
  results: PropertyResult[];
  runs: number;
  shrinks: number;
  durationMs: number;
}

/** The property name without its instance suffix (`visibility#3` → `visibility`). */
export function baseProperty(property: string): string {
  return property.replace(/#\d+$/, '');
}

/**
 * Rows for a listing: passing instances of the same property (`name#0`, `name#1`, …) merge into one
 * row, and so do those not run; anything else keeps its own row. Order of first appearance.
 */
export function propertyRows(properties: readonly PropertyResult[]): PropertyRow[] {
  const rows: PropertyRow[] = [];
  const merged = new Map<string, PropertyRow>();
  for (const p of properties) {
    const status = propertyStatus(p);
    if (status === 'passed' || status === 'not-run') {
      const key = `${p.suite}\u0000${baseProperty(p.property)}\u0000${status}`;
      const row = merged.get(key);
      if (row) {
        row.results.push(p);
        row.runs += p.runs;
        row.shrinks += p.shrinks;
        row.durationMs = Math.max(row.durationMs, p.durationMs);
        row.name = baseProperty(p.property);
        continue;
      }
      const fresh: PropertyRow = { suite: p.suite, name: p.property, status, results: [p], runs: p.runs, shrinks: p.shrinks, durationMs: p.durationMs };
      merged.set(key, fresh);
      rows.push(fresh);
    } else {
      rows.push({ suite: p.suite, name: p.property, status, results: [p], runs: p.runs, shrinks: p.shrinks, durationMs: p.durationMs });
    }
  }
  return rows;
}

/** What a run left out, one row per suite and reason: the whole suite, or the properties named. */
export interface SkippedRow {
  suite: string;
  /** Empty: the whole suite. */
  properties: string[];
  reason: string;
}

export function skippedRows(report: Pick<RunReport, 'skipped'>): SkippedRow[] {
  const rows = new Map<string, SkippedRow>();
  for (const s of report.skipped ?? []) {
    const key = JSON.stringify([s.suite, s.property === undefined, s.reason]);
    const row = rows.get(key) ?? { suite: s.suite, properties: [], reason: s.reason };
    if (s.property !== undefined) row.properties.push(s.property);
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** A suite that ran: each property with its instances (extra ones played for rule coverage apart). */
export interface SuiteRun {
  suite: string;
  properties: Array<{ name: string; instances: number; forCoverage: number }>;
  instances: number;
}

/** What the run covered and what it did not, for every renderer. */
export interface CoverageView {
  /** Suites and properties that ran (at least one instance started). */
  ran: SuiteRun[];
  /** Left out, and why (see skippedRows). */
  skipped: SkippedRow[];
  /** The SQS actions called, declared but not called, not covered (absent in reports written before they were counted). */
  actions?: { called: Array<[string, ActionCalls]>; notCalled: string[]; notCovered: string[] };
  rules: { exercised: [string, number][]; gaps: string[] };
}

export function coverageView(report: Pick<RunReport, 'properties' | 'skipped' | 'actions' | 'exercised' | 'gaps'>): CoverageView {
  const ran = new Map<string, SuiteRun>();
  for (const p of report.properties) {
    if (p.notRun !== undefined) continue;
    const s = ran.get(p.suite) ?? { suite: p.suite, properties: [], instances: 0 };
    ran.set(p.suite, s);
    const name = baseProperty(p.property);
    let row = s.properties.find((x) => x.name === name);
    if (!row) s.properties.push((row = { name, instances: 0, forCoverage: 0 }));
    row.instances += 1;
    if (p.coverage) row.forCoverage += 1;
    s.instances += 1;
  }
  const a = report.actions;
  return {
    ran: [...ran.values()],
    skipped: skippedRows(report),
    ...(a ? { actions: { called: Object.entries(a.exercised), notCalled: [...a.notExercised], notCovered: [...a.notCovered] } } : {}),
    rules: coverageOf(report),
  };
}

/** `visibility ×6 (2 for rule coverage)`. */
export function propertyRunText(p: SuiteRun['properties'][number]): string {
  return `${p.name} ×${p.instances}${p.forCoverage > 0 ? ` (${p.forCoverage} for rule coverage)` : ''}`;
}

/** `42 calls: 40 ok, 2 fail` (outcomes that occurred only). */
export function actionCallsText(c: ActionCalls): string {
  const parts = [c.ok > 0 ? `${c.ok} ok` : '', c.fail > 0 ? `${c.fail} fail` : '', c.info > 0 ? `${c.info} info` : ''].filter((x) => x !== '');
  return `${c.calls} call${c.calls === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join(', ')}` : ''}`;
}
