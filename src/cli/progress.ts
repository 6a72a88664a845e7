// Progress on stderr while a run goes on: what is happening and why it waits. On a terminal, one
// line redrawn in place (scenarios done, failing properties, then the most telling of: a shrink in
// progress with its replays and budget left, or the longest wait with its reason and a countdown);
// otherwise plain lines (start, each tenth of the way, first failure and shrinking of a property,
// messages), and for long waits and shrinks one line per property at most every 15 s, so a log
// shows why nothing moves without being flooded. The lines come from pure functions; the writer
// only decides when to draw them, on events and on a one-second tick (injectable for tests).
import { baseProperty, oneLine } from '../report/index.js';
import type { ProgressEvent } from '../runner/types.js';
import type { CliStream } from './contracts.js';

/** A wait under way: its reason and when it ends (progress clock, ms). */
export interface Wait {
  property: string;
  why: string;
  endsAtMs: number;
}

export interface ProgressState {
  total: number;
  done: number;
  failedScenarios: number;
  failingProperties: string[];
  current?: string;
  /** The shrink most recently reported: replays so far and when its budget runs out (progress clock). */
  shrinking?: { property: string; step: number; budgetEndsAtMs?: number };
  /** Waits under way, by property instance (`retention#0`). */
  waits: Record<string, Wait>;
  startedMs: number;
}

export function initialProgress(nowMs: number): ProgressState {
  return { total: 0, done: 0, failedScenarios: 0, failingProperties: [], waits: {}, startedMs: nowMs };
}

const without = (waits: Record<string, Wait>, property: string): Record<string, Wait> => Object.fromEntries(Object.entries(waits).filter(([k]) => k !== property));

/** Applies an event received at `nowMs` to the state (returns a new state). */
export function reduceProgress(s: ProgressState, e: ProgressEvent, nowMs: number = s.startedMs): ProgressState {
  switch (e.kind) {
    case 'start':
      return { ...s, total: e.total };
    case 'scenario-done': {
      const failing = !e.passed && !s.failingProperties.includes(e.property) ? [...s.failingProperties, e.property] : s.failingProperties;
      const { shrinking: _, ...rest } = s;
      return {
        ...(s.shrinking?.property === e.property ? rest : s),
        done: e.done,
        total: Math.max(s.total, e.total),
        failedScenarios: s.failedScenarios + (e.passed ? 0 : 1),
        failingProperties: failing,
        current: e.property,
        waits: without(s.waits, e.property),
      };
    }
    case 'shrinking':
      return {
        ...s,
        shrinking: { property: e.property, step: e.step, ...(e.budgetLeftMs !== undefined ? { budgetEndsAtMs: nowMs + e.budgetLeftMs } : {}) },
        current: e.property,
        // A shrink replays the scenario: its earlier waits are over.
        waits: without(s.waits, e.property),
      };
    case 'waiting':
      return { ...s, waits: { ...s.waits, [e.property]: { property: e.property, why: e.why, endsAtMs: nowMs + e.ms } } };
    case 'message':
    case 'run':
      return s;
  }
}

/** `41 s`, `99 s`, `2 min 05 s` (rounded up: a countdown never shows 0 while it lasts). */
export function secondsLeft(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return s < 100 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** Waits still running, grouped by property (instances of one property waiting for the same reason are one line), longest first. */
export interface WaitGroup {
  /** The property (`retention`), with its instance when only one waits (`retention#0`). */
  label: string;
  key: string;
  why: string;
  instances: number;
  leftMs: number;
}

export function activeWaits(s: ProgressState, nowMs: number): WaitGroup[] {
  const groups = new Map<string, WaitGroup & { first: string }>();
  for (const w of Object.values(s.waits)) {
    const left = w.endsAtMs - nowMs;
    if (left <= 0) continue;
    const key = `${baseProperty(w.property)}\u0000${w.why}`;
    const g = groups.get(key);
    if (g) {
      g.instances += 1;
      g.leftMs = Math.max(g.leftMs, left);
    } else groups.set(key, { label: w.property, key: baseProperty(w.property), why: w.why, instances: 1, leftMs: left, first: w.property });
  }
  return [...groups.values()]
    .map(({ first, ...g }) => ({ ...g, label: g.instances === 1 ? first : `${baseProperty(first)} (${g.instances} scenarios)` }))
    .sort((a, b) => b.leftMs - a.leftMs);
}

/** `retention#0: waiting out the 60 s minimum retention, 41 s left`. */
export function waitLine(g: WaitGroup): string {
  return `${g.label}: ${g.why}, ${secondsLeft(g.leftMs)} left`;
}

/** `shrinking visibility#3: 12 replays, 40 s budget left`. */
export function shrinkLine(sh: NonNullable<ProgressState['shrinking']>, nowMs: number): string {
  const budget = sh.budgetEndsAtMs !== undefined ? `, ${secondsLeft(sh.budgetEndsAtMs - nowMs)} budget left` : '';
  return `shrinking ${sh.property}: ${sh.step} replay${sh.step === 1 ? '' : 's'}${budget}`;
}

/** `[#####.....] 37/120 scenarios · 12.3 s · 1 property failing · retention#0: waiting out …, 41 s left`. */
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
  const waits = activeWaits(s, nowMs);
  if (s.shrinking) parts.push(shrinkLine(s.shrinking, nowMs));
  else if (waits.length > 0) parts.push(`${waitLine(waits[0]!)}${waits.length > 1 ? ` (+${waits.length - 1} more waiting)` : ''}`);
  else if (s.current) parts.push(s.current);
  const line = oneLine(parts.join(' · '));
  const max = Math.max(20, width - 1);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

export interface Progress {
  event(e: ProgressEvent): void;
  /** A line that must stay on screen (launcher output, warnings). */
  log(line: string): void;
  /** Redraws the countdowns (called every second by the progress's own timer). */
  tick(): void;
  /** Clears the live line and stops the timer. */
  done(): void;
}

export interface ProgressOptions {
  /** Minimum ms between redraws of the live line (default 100). */
  redrawMs?: number;
  /** Plain lines about a waiting or shrinking property at most this often (ms, default 15 000). */
  repeatMs?: number;
  /** Plain lines even on a terminal (the matrix: several targets at once). */
  plain?: boolean;
  /** Put before every plain line (`[fauxqs] `). */
  prefix?: string;
  /** Calls `fn` every `ms` until the returned function is called (default: an unref'd setInterval). */
  every?: (ms: number, fn: () => void) => () => void;
}

const realEvery = (ms: number, fn: () => void): (() => void) => {
  const t = setInterval(fn, ms);
  t.unref?.();
  return () => clearInterval(t);
};

export function createProgress(stream: CliStream, now: () => number, opts: ProgressOptions = {}): Progress {
  const tty = stream.isTTY === true && opts.plain !== true;
  const redrawMs = opts.redrawMs ?? 100;
  const repeatMs = opts.repeatMs ?? 15_000;
  const prefix = opts.prefix ?? '';
  const every = opts.every ?? realEvery;
  let state = initialProgress(now());
  let drawn = false;
  let lastDraw = -Infinity;
  let lastTenth = 0;
  let stopTicks: (() => void) | undefined;
  const shrinkAnnounced = new Set<string>();
  /** When a plain line last spoke of a property (waits and shrinks), by property. */
  const spoke = new Map<string, number>();

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
    stream.write(`${oneLine(`${prefix}${line}`)}\n`);
  };
  /** A plain line about `key`, unless one was written less than `repeatMs` ago. */
  const sparse = (key: string, line: string, t: number): void => {
    const last = spoke.get(key);
    if (last !== undefined && t - last < repeatMs) return;
    spoke.set(key, t);
    plain(line);
  };
  const ticking = (): void => {
    stopTicks ??= every(1000, () => progress.tick());
  };

  const progress: Progress = {
    event(raw) {
      // The run id is printed before anything is created on the target, with what to do after a crash.
      const e: ProgressEvent = raw.kind === 'run' ? { kind: 'message', text: runLine(raw) } : raw;
      const t = now();
      const before = state;
      state = reduceProgress(state, e, t);
      if (e.kind === 'waiting' || e.kind === 'shrinking') ticking();
      if (tty) {
        if (e.kind === 'message') {
          clear();
          plain(e.text);
          draw(true);
        } else {
          const important = e.kind === 'start' || e.kind === 'waiting' || state.failingProperties.length !== before.failingProperties.length;
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
            spoke.set(`shrink\u0000${e.property}`, t);
            plain(`${e.property}: shrinking the counterexample${e.budgetLeftMs !== undefined ? ` (budget ${secondsLeft(e.budgetLeftMs)})` : ''}`);
          } else if (state.shrinking) sparse(`shrink\u0000${e.property}`, shrinkLine(state.shrinking, t), t);
          break;
        case 'waiting': {
          const g = activeWaits(state, t).find((x) => x.key === baseProperty(e.property) && x.why === e.why);
          if (g) sparse(`wait\u0000${g.key}\u0000${g.why}`, `${g.label}: ${g.why} (${secondsLeft(e.ms)})`, t);
          break;
        }
        case 'message':
          plain(e.text);
          break;
      }
    },
    tick() {
      const t = now();
      if (tty) {
        if (state.total > 0 || drawn) draw(true);
        return;
      }
      for (const g of activeWaits(state, t)) if (g.leftMs >= 3000) sparse(`wait\u0000${g.key}\u0000${g.why}`, waitLine(g), t);
      if (state.shrinking) sparse(`shrink\u0000${state.shrinking.property}`, shrinkLine(state.shrinking, t), t);
    },
    log(line) {
      clear();
      plain(line);
      if (tty && state.total > 0) draw(true);
    },
    done() {
      stopTicks?.();
      stopTicks = undefined;
      clear();
    },
  };
  return progress;
}

/** `sqs-conformance: run 3fa9c1 (queues sqsc-3fa9c1-*); if it is killed: npx sqs-conformance cleanup --run 3fa9c1`. */
export function runLine(e: Extract<ProgressEvent, { kind: 'run' }>): string {
  return `sqs-conformance: run ${e.runId} (queues ${e.prefix}*); if it is killed: ${e.cleanup}`;
}
