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
} from '../runner/baseline.js';
import type { RunReport } from '../runner/types.js';
import type { CliIO } from './app.js';

export type BaselineLoad = { ok: true; baseline: Baseline | undefined } | { ok: false; error: string };

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).replace(/\s*[\r\n]+\s*/g, ' ');

/** Reads and validates a baseline file; a missing file is `baseline: undefined`, not an error. */
export async function readBaselineFile(file: string, io: CliIO): Promise<BaselineLoad> {
  if (!io.readFile) return { ok: false, error: 'this environment cannot read baseline files' };
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

/** YYYY-MM-DD (UTC) of a wall-clock time in ms. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function wallClock(io: CliIO): number {
  return io.wallClock ? io.wallClock() : Date.now();
}

/** One line on what an update changed: `+2 entries, -1 vanished, 3 kept`. */
export function updateNote(before: Baseline | undefined, after: Baseline): string {
  const key = (e: Baseline['entries'][number]): string => JSON.stringify([e.id, e.scope.suite, e.scope.property]);
  const old = new Set((before?.entries ?? []).map(key));
  const now = new Set(after.entries.map(key));
  const added = [...now].filter((k) => !old.has(k)).length;
  const removed = [...old].filter((k) => !now.has(k)).length;
  return `${after.entries.length} entr${after.entries.length === 1 ? 'y' : 'ies'} (+${added} new, -${removed} vanished)`;
}

export type RunBaselineResult =
  | { ok: true; comparison: BaselineComparison; written?: { file: string; note: string } }
  | { ok: false; error: string };

/**
 * `run --baseline FILE`: the run compared with FILE. With `update`, FILE is first rewritten from
 * what the run observed and the comparison is with the new contents (so it is within by
 * construction, unless the run could not decide).
 */
export async function applyRunBaseline(report: RunReport, file: string, update: boolean, io: CliIO): Promise<RunBaselineResult> {
  const abs = path.resolve(io.cwd, file);
  const loaded = await readBaselineFile(abs, io);
  if (!loaded.ok) return loaded;
  if (!update && !loaded.baseline) return { ok: false, error: `baseline ${file} does not exist (create it with --update-baseline)` };
  if (update) {
    const next = updateBaseline(report, loaded.baseline, isoDate(wallClock(io)));
    try {
      await io.mkdir(path.dirname(abs));
      await io.writeFile(abs, serializeBaseline(next));
    } catch (e) {
      return { ok: false, error: `cannot write the baseline ${file}: ${messageOf(e)}` };
    }
    return { ok: true, comparison: compareWithBaseline(report, next), written: { file, note: updateNote(loaded.baseline, next) } };
  }
  return { ok: true, comparison: compareWithBaseline(report, loaded.baseline ?? emptyBaseline(report.target.name)) };
}
