// The time axis of a timeline: linear where things happen, with long empty stretches cut short
// (a break marked with the time it stands for), so that calls a few ms long stay visible beside a
// 30 s visibility timeout or the 60 s of retention; an extra stretch at the right end stands for ∞.
// Ticks fall on round times within each unbroken stretch. PURE.

export interface AxisSegment {
  /** Times (ms on the history's clock) and pixels at both ends. */
  t0: number;
  t1: number;
  x0: number;
  x1: number;
  /** Drawn shorter than its time: a break. */
  broken: boolean;
}

export interface AxisTick {
  x: number;
  /** Relative to the axis origin. */
  label: string;
  /** Where the label sits on x (the ends of the axis keep it inside). */
  anchor: 'start' | 'middle' | 'end';
}

export interface Axis {
  /** The first time shown (labelled 0). */
  origin: number;
  x0: number;
  x1: number;
  segments: AxisSegment[];
  /** x of ∞ (the right end) when something is unbounded. */
  infinityX?: number;
  ticks: AxisTick[];
  /** Where a break is, and the time it stands for. */
  breaks: Array<{ x0: number; x1: number; label: string }>;
  /** Pixel of a time (clamped to the axis; Infinity → the ∞ end). */
  x(ms: number): number;
}

/** A break is drawn this wide (px). */
const BREAK_PX = 30;
/** Gaps shorter than this are never cut. */
const MIN_BREAK_MS = 250;
/** A gap is cut when it is more than this many times the rest of what is still linear. */
const BREAK_RATIO = 3;
const MAX_BREAKS = 4;
/** About one tick per this many pixels. */
const TICK_PX = 90;
/** Label width estimate: px per character at the axis font (10 px monospace; conservative). */
export const AXIS_CHAR_PX = 6.2;

/** `+250 ms`, `+1.5 s`, `+2 min 05 s` (a relative time, to the precision `step` asks for). */
export function formatOffset(ms: number, step = ms): string {
  const sign = ms < 0 ? '−' : ms === 0 ? '' : '+';
  const a = Math.abs(ms);
  if (a < 1000 && step < 1000) {
    const decimals = step >= 1 || a === 0 ? 0 : step >= 0.1 ? 1 : 2;
    return `${sign}${a.toFixed(decimals)} ms`;
  }
  if (a < 60_000) {
    const decimals = step >= 1000 ? 0 : step >= 100 ? 1 : 2;
    return `${sign}${(a / 1000).toFixed(decimals)} s`;
  }
  const s = Math.round(a / 1000);
  return `${sign}${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** A round step (1, 2 or 5 × 10^k) near `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  if (!(p > 0)) return raw;
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

/** Which gaps are cut: the largest, while it dwarfs the rest of what is still linear. */
function brokenGaps(gaps: readonly number[]): Set<number> {
  const broken = new Set<number>();
  for (let k = 0; k < MAX_BREAKS; k++) {
    let best = -1;
    let linear = 0;
    gaps.forEach((g, i) => {
      if (broken.has(i)) return;
      linear += g;
      if (best < 0 || g > gaps[best]!) best = i;
    });
    if (best < 0) break;
    const g = gaps[best]!;
    if (g < MIN_BREAK_MS || linear - g <= 0 || g <= BREAK_RATIO * (linear - g)) break;
    broken.add(best);
  }
  return broken;
}

/**
 * The axis for these times (any order, duplicates allowed) drawn between x0 and x1, with an ∞
 * stretch at the right end when `unbounded`.
 */
export function buildAxis(timesIn: readonly number[], x0: number, x1: number, unbounded: boolean): Axis {
  const times = [...new Set(timesIn.filter((t) => Number.isFinite(t)))].sort((a, b) => a - b);
  if (times.length === 0) times.push(0);
  if (times.length === 1) times.push(times[0]! + 1);
  const origin = times[0]!;
  const end = unbounded ? x1 - BREAK_PX : x1;
  const gaps = times.slice(1).map((t, i) => t - times[i]!);
  const broken = brokenGaps(gaps);
  const linearMs = gaps.reduce((n, g, i) => n + (broken.has(i) ? 0 : g), 0);
  const linearPx = Math.max(1, end - x0 - broken.size * BREAK_PX);
  const pxPerMs = linearMs > 0 ? linearPx / linearMs : 0;
  const segments: AxisSegment[] = [];
  let x = x0;
  gaps.forEach((g, i) => {
    const w = broken.has(i) ? BREAK_PX : linearMs > 0 ? g * pxPerMs : linearPx / gaps.length;
    segments.push({ t0: times[i]!, t1: times[i + 1]!, x0: x, x1: x + w, broken: broken.has(i) });
    x += w;
  });
  const last = times.at(-1)!;
  const clamp = (x: number): number => Math.min(end, Math.max(x0, x));
  const xOf = (ms: number): number => {
    if (ms === Infinity) return unbounded ? x1 : end;
    if (!(ms > origin)) return x0;
    if (ms >= last) return end;
    // Segments are few (one per distinct time): a scan is enough.
    const s = segments.find((seg) => ms <= seg.t1)!;
    return clamp(s.t1 === s.t0 ? s.x0 : s.x0 + ((ms - s.t0) / (s.t1 - s.t0)) * (s.x1 - s.x0));
  };

  // Ticks: round times within each run of unbroken segments; a label that would touch the one
  // before it is left out.
  const ticks: AxisTick[] = [];
  let right = -Infinity;
  const push = (tx: number, label: string): void => {
    const w = label.length * AXIS_CHAR_PX;
    const anchor = tx - w / 2 < x0 - 4 ? 'start' : tx + w / 2 > x1 + 4 ? 'end' : 'middle';
    const left = anchor === 'start' ? tx : anchor === 'end' ? tx - w : tx - w / 2;
    if (left < right + 8) return;
    ticks.push({ x: tx, label, anchor });
    right = left + w;
  };
  const runs: Array<{ t0: number; t1: number; x0: number; x1: number }> = [];
  for (const s of segments) {
    const r = runs.at(-1);
    if (!s.broken && r && r.t1 === s.t0) {
      r.t1 = s.t1;
      r.x1 = s.x1;
    } else if (!s.broken) runs.push({ t0: s.t0, t1: s.t1, x0: s.x0, x1: s.x1 });
  }
  for (const r of runs) {
    const span = r.t1 - r.t0;
    const count = Math.max(1, Math.floor((r.x1 - r.x0) / TICK_PX));
    const step = niceStep(span / count);
    const first = Math.ceil((r.t0 - origin) / step) * step;
    // At most a tick per few pixels, whatever the floating point does with tiny steps.
    for (let k = 0, t = first; k <= count * 3 && origin + t <= r.t1 + 1e-9; k++, t = first + k * step) push(xOf(origin + t), formatOffset(t, step));
  }
  const breaks = segments.filter((s) => s.broken).map((s) => ({ x0: s.x0, x1: s.x1, label: `≈${formatOffset(s.t1 - s.t0).replace(/^\+/, '')}` }));
  return { origin, x0, x1, segments, ...(unbounded ? { infinityX: x1 } : {}), ticks, breaks, x: xOf };
}
