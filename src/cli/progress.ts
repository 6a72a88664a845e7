// Progress on stderr while a run goes on: one line redrawn in place on a terminal, plain lines
// (start, each tenth of the way, first failure and shrinking of a property, messages) otherwise.
// The line itself comes from a pure function; the writer only decides when to draw it.
import { oneLine } from '../report/index.js';
import type { ProgressEvent } from '../runner/types.js';
import type { CliStream } from './contracts.js';

export interface ProgressState {
  total: number;
  done: number;
  failedScenarios: number;
  failingProperties: string[];
  current?: string;
  shrinking?: { property: string; step: number };
  startedMs: number;
}

export function initialProgress(nowMs: number): ProgressState {
  return { total: 0, done: 0, failedScenarios: 0, failingProperties: [], startedMs: nowMs };
}

/** Applies an event to the state (returns a new state). */
export function reduceProgress(s: ProgressState, e: ProgressEvent): ProgressState {
  switch (e.kind) {
    case 'start':
      return { ...s, total: e.total };
    case 'scenario-done': {
      const failing = !e.passed && !s.failingProperties.includes(e.property) ? [...s.failingProperties, e.property] : s.failingProperties;
      return {
        ...s,
        done: e.done,
        total: Math.max(s.total, e.total),
        failedScenarios: s.failedScenarios + (e.passed ? 0 : 1),
        failingProperties: failing,
        current: e.property,
        shrinking: s.shrinking?.property === e.property ? undefined : s.shrinking,
      };
    }
    case 'shrinking':
      return { ...s, shrinking: { property: e.property, step: e.step }, current: e.property };
    case 'message':
    case 'run':
      return s;
  }
}

/** `sqs-conformance: run 3fa9c1 (queues sqsc-3fa9c1-*); if it is killed: npx sqs-conformance cleanup --run 3fa9c1`. */
export function runLine(e: Extract<ProgressEvent, { kind: 'run' }>): string {
  return `sqs-conformance: run ${e.runId} (queues ${e.prefix}*); if it is killed: ${e.cleanup}`;
}

/** `[#####.....] 37/120 scenarios · 12.3 s · 1 property failing · shrinking p (step 4)`. */
export function progressLine(s: ProgressState, nowMs: number, width = 80): string {
  const barWidth = 20;
  const frac = s.total > 0 ? Math.min(1, s.done / s.total) : 0;
  const filled = Math.round(frac * barWidth);
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(barWidth - filled)}]`;
  // Most useful first: a narrow terminal cuts the end.
  const parts = [`${bar} ${s.done}/${s.total || '?'} scenarios`, `${((nowMs - s.startedMs) / 1000).toFixed(1)} s`];
  if (s.failingProperties.length > 0) {
    parts.push(`${s.failingProperties.length} propert${s.failingProperties.length === 1 ? 'y' : 'ies'} failing`);
  }
  if (s.shrinking) parts.push(`shrinking ${s.shrinking.property} (step ${s.shrinking.step})`);
  else if (s.current) parts.push(s.current);
  const line = oneLine(parts.join(' · '));
  const max = Math.max(20, width - 1);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export interface Progress {
  event(e: ProgressEvent): void;
  /** A line that must stay on screen (launcher output, warnings). */
  log(line: string): void;
  /** Clears the live line. */
  done(): void;
}

export function createProgress(stream: CliStream, now: () => number, opts: { redrawMs?: number } = {}): Progress {
  const tty = stream.isTTY === true;
  const redrawMs = opts.redrawMs ?? 100;
  let state = initialProgress(now());
  let drawn = false;
  let lastDraw = -Infinity;
  let lastTenth = 0;
  const shrinkAnnounced = new Set<string>();

  const clear = (): void => {
    if (tty && drawn) {
      stream.write('\r\x1b[2K');
      drawn = false;
    }
  };
  const draw = (force: boolean): void => {
    if (!tty) return;
    const t = now();
    if (!force && t - lastDraw < redrawMs) return;
    lastDraw = t;
    // Some pseudo-terminals report 0 columns: fall back to 80.
    const width = stream.columns !== undefined && stream.columns >= 20 ? stream.columns : 80;
    stream.write(`\r\x1b[2K${progressLine(state, t, width)}`);
    drawn = true;
  };
  const plain = (line: string): void => {
    stream.write(`${oneLine(line)}\n`);
  };

  return {
    event(raw) {
      // The run id is printed before anything is created on the target, with what to do after a crash.
      const e: ProgressEvent = raw.kind === 'run' ? { kind: 'message', text: runLine(raw) } : raw;
      const before = state;
      state = reduceProgress(state, e);
      if (tty) {
        if (e.kind === 'message') {
          clear();
          plain(e.text);
          draw(true);
        } else {
          const important = e.kind === 'start' || state.failingProperties.length !== before.failingProperties.length;
          draw(important);
        }
        return;
      }
      switch (e.kind) {
        case 'start':
          plain(`running ${e.total} scenarios`);
          break;
        case 'scenario-done': {
          if (state.failingProperties.length !== before.failingProperties.length) plain(`${e.property}: counterexample found`);
          const tenth = state.total > 0 ? Math.floor((state.done / state.total) * 10) : 0;
          if (tenth > lastTenth) {
            lastTenth = tenth;
            plain(`progress: ${state.done}/${state.total} scenarios (${tenth * 10}%)`);
          }
          break;
        }
        case 'shrinking':
          if (!shrinkAnnounced.has(e.property)) {
            shrinkAnnounced.add(e.property);
            plain(`${e.property}: shrinking the counterexample`);
          }
          break;
        case 'message':
          plain(e.text);
          break;
      }
    },
    log(line) {
      clear();
      plain(line);
      if (tty && state.total > 0) draw(true);
    },
    done() {
      clear();
    },
  };
}
