// Baseline files for `run --baseline FILE [--update-baseline]` and `matrix --baselines DIR
// [--update-baselines]`: read, compare, rewrite. The logic is src/runner/baseline.ts (pure); this
// file only reads and writes through CliIO.
import * as path from 'node:path';
import {
  compareWithBaseline,
  emptyBaseline,
  parseBaseline,
  serializeBaseline,
  updateBaseline,
  type Baseline,
  type BaselineComparison,
  type UpdateOptions,
} from '../runner/baseline.js';
import { explanationOf, formatSource, oneLine, scrub, truncate } from '../report/index.js';
import type { ReportedDivergence, RunReport } from '../runner/types.js';
import type { CliIO } from './contracts.js';
import { isoDate, messageOf, wallClock } from './io.js';

export type BaselineLoad = { ok: true; baseline: Baseline | undefined } | { ok: false; error: string };

/** Reads and validates a baseline file; a missing file is `baseline: undefined`, not an error. */
export async function readBaselineFile(file: string, io: CliIO): Promise<BaselineLoad> {
  let text: string;
  try {
    text = await io.readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, baseline: undefined };
    return { ok: false, error: `cannot read the baseline ${file}: ${messageOf(e)}` };
  }
  const parsed = parseBaseline(text, file);
  return parsed.ok ? { ok: true, baseline: parsed.value } : { ok: false, error: parsed.error };
}

/** One line on what an update changed: `+2 entries, -1 vanished, 3 kept`. */
export function updateNote(before: Baseline | undefined, after: Baseline): string {
  const key = (e: Baseline['entries'][number]): string => JSON.stringify([e.id, e.scope.suite, e.scope.property, e.scope.protocol ?? '']);
  const old = new Set((before?.entries ?? []).map(key));
  const now = new Set(after.entries.map(key));
  const added = [...now].filter((k) => !old.has(k)).length;
  const removed = [...old].filter((k) => !now.has(k)).length;
  return `${after.entries.length} entr${after.entries.length === 1 ? 'y' : 'ies'} (+${added} new, -${removed} vanished)`;
}

/**
 * A new entry's reason: what the target did, from the first occurrence's explanation (the calls,
 * values and rule), so a person reading the baseline sees the behaviour accepted and can judge it.
 */
export function observedReasonOf(report: RunReport, d: ReportedDivergence, date: string): string {
  const what = oneLine(scrub(explanationOf(report, d).join(' ').replace(/^Then /, '')));
  return truncate(`Observed ${date} (seed ${report.seed}, ${report.target.protocol}, ${d.property}): ${what} Rule: ${formatSource(d.rule)}. Not investigated further.`, 600);
}

/** Rewrites a baseline file from what a run observed (entries kept, added, vanished ones dropped). */
export async function rewriteBaseline(
  report: RunReport,
  before: Baseline | undefined,
  file: string,
  io: CliIO,
  options: UpdateOptions = {},
): Promise<{ ok: true; baseline: Baseline; note: string } | { ok: false; error: string }> {
  const date = isoDate(wallClock(io));
  const next = updateBaseline(report, before, date, { reasonFor: (d) => observedReasonOf(report, d, date), ...options });
  const abs = path.resolve(io.cwd, file);
  try {
    await io.mkdir(path.dirname(abs));
    await io.writeFile(abs, serializeBaseline(next));
  } catch (e) {
    return { ok: false, error: `cannot write the baseline ${file}: ${messageOf(e)}` };
  }
  return { ok: true, baseline: next, note: updateNote(before, next) };
}

export type RunBaselineResult =
  | { ok: true; comparison: BaselineComparison; written?: { file: string; note: string } }
  | { ok: false; error: string };

/**
 * `run --baseline FILE`: the run compared with FILE. With `update`, FILE is first rewritten from
 * what the run observed and the comparison is with the new contents (so it is within by
 * construction, unless the run could not decide).
 */
export async function applyRunBaseline(report: RunReport, file: string, update: boolean, io: CliIO, options: UpdateOptions = {}): Promise<RunBaselineResult> {
  const loaded = await readBaselineFile(path.resolve(io.cwd, file), io);
  if (!loaded.ok) return loaded;
  if (!update && !loaded.baseline) return { ok: false, error: `baseline ${file} does not exist (create it with --update-baseline)` };
  if (update) {
    const w = await rewriteBaseline(report, loaded.baseline, file, io, options);
    if (!w.ok) return w;
    return { ok: true, comparison: compareWithBaseline(report, w.baseline), written: { file, note: w.note } };
  }
  return { ok: true, comparison: compareWithBaseline(report, loaded.baseline ?? emptyBaseline(report.target.name)) };
}
