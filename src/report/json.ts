// report.json: the run as data, versioned by REPORT_SCHEMA_VERSION. Every field is copied
// explicitly (never spread), so nothing the runner adds later (credentials above all) leaks.
import type { Op } from '../history/index.js';
import type { PropertyResult, ReportedDivergence, RunReport } from '../runner/types.js';
import { divergenceBaselineStatus, toJsonBaseline, type DivergenceBaselineStatus, type JsonBaseline, type RenderExtras } from './baseline.js';
import { explanationOf, propertyStatus, publicTarget, ruleText, scrub, type PropertyStatus } from './format.js';

export interface JsonDivergence {
  id: string;
  summary: string;
  strictness: ReportedDivergence['strictness'];
  grade: ReportedDivergence['grade'];
  suite: string;
  property: string;
  /** Source of the rule (file, section, evidence) and, when catalogued, its text. */
  rule: ReportedDivergence['rule'] & { text?: string };
  /** Rendered from the data below with the catalogue's templates. */
  explanation: string[];
  premises: ReportedDivergence['premises'];
  variant: string;
  bindings: ReportedDivergence['bindings'];
  /** The minimal op records (invokes and completions). */
  ops: Op[];
  /** Their indices in the property's history. */
  opIndices: number[];
  queue?: string;
  messageId?: string;
  impliedBy?: string;
  replay: string;
  /** With a baseline: whether an entry covers this divergence. */
  baseline?: DivergenceBaselineStatus;
}

export interface JsonProperty {
  suite: string;
  property: string;
  status: PropertyStatus;
  passed: boolean;
  seed: number;
  path?: string;
  runs: number;
  shrinks: number;
  durationMs: number;
  /** When it started, ms after the run's `startedAt`. */
  startOffsetMs?: number;
  replay: string;
  error?: string;
  /** Why it did not run (the run stopped first). */
  notRun?: string;
  /** Messages left undecided (lost calls may have touched them). */
  undecided?: string[];
  explained?: string;
  coverage?: boolean;
  verdict?: { kind: 'conformant' | 'divergent' | 'unknown'; reason?: string; checked: { ops: number; messages: number; searchNodes: number } };
  counterexample?: PropertyResult['counterexample'];
}

export interface JsonReport {
  schemaVersion: number;
  /** The run id (queues `sqsc-<run id>-…`, tag `sqs-conformance:run`). */
  runId?: string;
  target: RunReport['target'];
  seed: number;
  strictness: RunReport['strictness'];
  suites: string[];
  startedAt: string;
  durationMs: number;
  /** `interrupted` when SIGINT/SIGTERM stopped the run. */
  verdict: RunReport['verdict'];
  /** True when the run was interrupted: what did not finish is listed as not run. */
  interrupted: boolean;
  /** Why the run stopped early (interrupted, target stopped answering). */
  stopped?: RunReport['stopped'];
  /** The server died under an earlier attempt and was started again (matrix): how, and its log's end. */
  restarts?: RunReport['restarts'];
  /** Reruns of the properties that differed from the baseline (`--confirm`): what each replayed and showed. */
  reruns?: RunReport['reruns'];
  /** Calls of the run and those whose outcome was lost. */
  calls?: RunReport['calls'];
  properties: JsonProperty[];
  divergences: JsonDivergence[];
  /** Suites and properties that did not run, and why. */
  skipped: { suite: string; property?: string; reason: string }[];
  /** How often the situation each rule judges arose in the run (rule coverage), by divergence id. */
  exercised: Record<string, number>;
  /** Ids of the suites that ran whose situation never arose (their rules judged nothing). */
  gaps: string[];
  /** SQS actions: calls per action and outcome, those the suites that ran declare but no call used, those no suite that ran covers. */
  actions?: RunReport['actions'];
  /** With a baseline: acknowledged, new and vanished entries. */
  baseline?: JsonBaseline;
}

export function toJsonReport(report: RunReport, extras: RenderExtras = {}): JsonReport {
  const statuses = divergenceBaselineStatus(report, extras.baseline);
  const out: JsonReport = {
    schemaVersion: report.schemaVersion,
    target: publicTarget(report.target),
    seed: report.seed,
    strictness: report.strictness,
    suites: [...report.suites],
    skipped: (report.skipped ?? []).map((x) => ({ suite: x.suite, ...(x.property !== undefined ? { property: x.property } : {}), reason: x.reason })),
    exercised: { ...(report.exercised ?? {}) },
    gaps: [...(report.gaps ?? [])],
    startedAt: report.startedAt,
    durationMs: report.durationMs,
    verdict: report.verdict,
    interrupted: report.verdict === 'interrupted',
    properties: report.properties.map(jsonProperty),
    divergences: report.divergences.map((d) => {
      const j = jsonDivergence(report, d);
      const status = statuses.get(d);
      if (status !== undefined) j.baseline = status;
      return j;
    }),
  };
  if (report.runId !== undefined) out.runId = report.runId;
  if (report.stopped) out.stopped = { reason: report.stopped.reason, detail: report.stopped.detail };
  if (report.restarts && report.restarts.length > 0) out.restarts = report.restarts.map((r) => ({ why: r.why, ...(r.log ? { log: { file: r.log.file, tail: r.log.tail.map(scrub) } } : {}) }));
  if (report.reruns && report.reruns.length > 0) {
    out.reruns = report.reruns.map((r) => ({ durationMs: r.durationMs, replayed: r.replayed.map((p) => ({ ...p })), seen: r.seen.map((x) => ({ ...x })) }));
  }
  if (report.calls) out.calls = { total: report.calls.total, lost: report.calls.lost };
  if (report.actions) {
    const a = report.actions;
    out.actions = {
      exercised: Object.fromEntries(Object.entries(a.exercised).map(([k, v]) => [k, { calls: v.calls, ok: v.ok, fail: v.fail, info: v.info }])),
      notExercised: [...a.notExercised],
      notCovered: [...a.notCovered],
    };
  }
  if (extras.baseline) out.baseline = toJsonBaseline(extras.baseline);
  return out;
}

function jsonProperty(p: PropertyResult): JsonProperty {
  const out: JsonProperty = {
    suite: p.suite,
    property: p.property,
    status: propertyStatus(p),
    passed: p.passed,
    seed: p.seed,
    runs: p.runs,
    shrinks: p.shrinks,
    durationMs: p.durationMs,
    replay: p.replay,
  };
  if (p.path !== undefined) out.path = p.path;
  if (p.startOffsetMs !== undefined) out.startOffsetMs = p.startOffsetMs;
  if (p.error !== undefined) out.error = p.error;
  if (p.notRun !== undefined) out.notRun = p.notRun;
  if (p.undecided !== undefined) out.undecided = [...p.undecided];
  if (p.explained !== undefined) out.explained = p.explained;
  if (p.coverage) out.coverage = true;
  if (p.verdict) {
    const { ops, messages, searchNodes } = p.verdict.checked;
    out.verdict = { kind: p.verdict.kind, checked: { ops, messages, searchNodes } };
    if (p.verdict.kind === 'unknown') out.verdict.reason = p.verdict.reason;
  }
  if (p.counterexample) out.counterexample = { scenario: p.counterexample.scenario, history: p.counterexample.history };
  return out;
}

function jsonDivergence(report: RunReport, d: ReportedDivergence): JsonDivergence {
  const text = ruleText(report, d.id);
  const out: JsonDivergence = {
    id: d.id,
    summary: d.summary,
    strictness: d.strictness,
    grade: d.grade,
    suite: d.suite,
    property: d.property,
    rule: { file: d.rule.file, section: d.rule.section, evidence: d.rule.evidence, ...(text !== undefined ? { text } : {}) },
    explanation: explanationOf(report, d),
    premises: d.premises,
    variant: d.variant,
    bindings: d.bindings,
    ops: d.opRecords,
    opIndices: [...d.ops],
    replay: d.replay,
  };
  if (d.queue !== undefined) out.queue = d.queue;
  if (d.messageId !== undefined) out.messageId = d.messageId;
  if (d.impliedBy !== undefined) out.impliedBy = d.impliedBy;
  return out;
}

/** Bytes become `{ "$base64": … }`, bigints strings; the rest is plain JSON. */
function replacer(this: unknown, key: string, value: unknown): unknown {
  // `this[key]` is the value before toJSON (a Buffer's toJSON would give `{type, data}`).
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Uint8Array) return { $base64: Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('base64') };
  if (value instanceof Uint8Array) return { $base64: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

export function renderJson(report: RunReport, extras: RenderExtras = {}): string {
  return `${JSON.stringify(toJsonReport(report, extras), replacer, 2)}\n`;
}
