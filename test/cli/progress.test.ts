import { describe, expect, it } from 'vitest';
import { createProgress, initialProgress, progressLine, reduceProgress } from '../../src/cli/index.js';
import { activeWaits, secondsLeft } from '../../src/cli/progress.js';
import type { ProgressEvent } from '../../src/runner/types.js';

/** A fake stream and clock, and the progress's one-second tick driven by hand. */
function fake(isTTY: boolean) {
  let out = '';
  let t = 0;
  let tick: (() => void) | undefined;
  let stopped = false;
  const p = createProgress({ write: (s: string) => (out += s), isTTY, columns: 160 }, () => t, {
    every: (ms, fn) => {
      expect(ms).toBe(1000);
      tick = fn;
      return () => void (stopped = true);
    },
  });
  return {
    p,
    /** Moves the clock forward second by second, ticking each second as the timer would. */
    pass(ms: number) {
      for (let k = 0; k < ms; k += 1000) {
        t += Math.min(1000, ms - k);
        tick?.();
      }
    },
    at: () => t,
    out: () => out,
    lines: () => out.split('\n').filter((l) => l !== ''),
    /** What a terminal shows now: the text after the last line clear. */
    screen: () => out.slice(out.lastIndexOf('\u001b[2K') + 4),
    ticking: () => tick !== undefined && !stopped,
  };
}

const waiting = (property: string, ms: number, why: string): ProgressEvent => ({ kind: 'waiting', property, ms, why });

describe('progressLine', () => {
  it('shows done/total, failing properties, shrinking and elapsed time', () => {
    let s = initialProgress(0);
    s = reduceProgress(s, { kind: 'start', total: 10 });
    s = reduceProgress(s, { kind: 'scenario-done', property: 'a', passed: true, done: 5, total: 10 });
    expect(progressLine(s, 2500)).toBe('[##########..........] 5/10 scenarios · 2.5 s · a');
    s = reduceProgress(s, { kind: 'scenario-done', property: 'b', passed: false, done: 6, total: 10 });
    s = reduceProgress(s, { kind: 'shrinking', property: 'b', step: 3 });
    expect(progressLine(s, 3000, 120)).toBe('[############........] 6/10 scenarios · 3.0 s · 1 property failing · shrinking b: 3 replays');
  });

  it('fits the terminal width and scrubs control characters', () => {
    let s = initialProgress(0);
    s = reduceProgress(s, { kind: 'scenario-done', property: `x\u001b[2J${'y'.repeat(200)}`, passed: true, done: 1, total: 1 });
    const line = progressLine(s, 0, 40);
    expect(line.length).toBeLessThanOrEqual(39);
    expect(line).not.toContain('\u001b');
  });
});

describe('createProgress', () => {
  it('on a terminal redraws one line in place and keeps logged lines', () => {
    let out = '';
    let t = 0;
    const p = createProgress({ write: (s: string) => (out += s), isTTY: true, columns: 80 }, () => t, { redrawMs: 100 });
    p.event({ kind: 'start', total: 3 });
    t = 10;
    p.event({ kind: 'scenario-done', property: 'a', passed: true, done: 1, total: 3 }); // throttled
    t = 200;
    p.event({ kind: 'scenario-done', property: 'a', passed: true, done: 2, total: 3 });
    p.log('launcher says hi');
    p.done();
    expect(out.split('\n')).toHaveLength(2); // only the logged line ends with a newline
    expect(out).toContain('\r\u001b[2K[....................] 0/3 scenarios');
    expect(out).not.toContain('1/3 scenarios');
    expect(out).toContain('2/3 scenarios');
    expect(out).toContain('launcher says hi\n');
    const afterLog = out.slice(out.indexOf('launcher says hi\n') + 'launcher says hi\n'.length);
    expect(afterLog).toMatch(/^\r\u001b\[2K\[.*2\/3 scenarios.*\r\u001b\[2K$/); // redrawn after the log, cleared by done()
  });

  it('without a terminal writes plain lines: start, tenths, failures, shrinking, messages', () => {
    let out = '';
    const p = createProgress({ write: (s: string) => (out += s), isTTY: false }, () => 0);
    p.event({ kind: 'start', total: 20 });
    for (let i = 1; i <= 20; i += 1) p.event({ kind: 'scenario-done', property: 'a', passed: i !== 3, done: i, total: 20 });
    p.event({ kind: 'shrinking', property: 'a', step: 1 });
    p.event({ kind: 'shrinking', property: 'a', step: 2 });
    p.event({ kind: 'message', text: 'cleaning up 3 queues' });
    p.done();
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('running 20 scenarios');
    expect(lines).toContain('a: counterexample found');
    expect(lines.filter((l) => l.startsWith('progress: '))).toHaveLength(10);
    expect(lines.filter((l) => l === 'a: shrinking the counterexample')).toHaveLength(1);
    expect(lines.at(-1)).toBe('cleaning up 3 queues');
    expect(out).not.toContain('\r');
  });
});

describe('what the run waits for', () => {
  it('a terminal shows the wait, its reason and a countdown, redrawn every second', () => {
    const f = fake(true);
    f.p.event({ kind: 'start', total: 3 });
    f.p.event(waiting('retention#0', 52_000, 'waiting out the 60 s minimum retention'));
    expect(f.ticking()).toBe(true);
    expect(f.screen()).toContain('retention#0: waiting out the 60 s minimum retention, 52 s left');
    f.pass(11_000);
    expect(f.screen()).toContain('retention#0: waiting out the 60 s minimum retention, 41 s left');
    f.pass(41_000);
    expect(f.screen()).not.toContain('waiting out');
    f.p.done();
    expect(f.ticking()).toBe(false);
    expect(f.out()).not.toContain('\n');
  });

  it('without a terminal: one line when a long wait starts, then at most one per 15 s per property', () => {
    const f = fake(false);
    f.p.event({ kind: 'start', total: 4 });
    f.p.event(waiting('retention#0', 52_000, 'waiting out the 60 s minimum retention'));
    // Three instances of another property wait for the same reason: one line for them.
    for (const i of [0, 1, 2]) f.p.event(waiting(`purge#${i}`, 61_000 - i * 1000, 'waiting out the 60 s a purge may take'));
    f.pass(60_000);
    const lines = f.lines().slice(1);
    expect(lines[0]).toBe('retention#0: waiting out the 60 s minimum retention (52 s)');
    expect(lines[1]).toBe('purge#0: waiting out the 60 s a purge may take (61 s)');
    const retention = lines.filter((l) => l.startsWith('retention'));
    const purge = lines.filter((l) => l.startsWith('purge'));
    expect(retention).toEqual([
      'retention#0: waiting out the 60 s minimum retention (52 s)',
      'retention#0: waiting out the 60 s minimum retention, 37 s left',
      'retention#0: waiting out the 60 s minimum retention, 22 s left',
      'retention#0: waiting out the 60 s minimum retention, 7 s left',
    ]);
    expect(purge.slice(1)).toEqual([
      'purge (3 scenarios): waiting out the 60 s a purge may take, 46 s left',
      'purge (3 scenarios): waiting out the 60 s a purge may take, 31 s left',
      'purge (3 scenarios): waiting out the 60 s a purge may take, 16 s left',
      'purge (3 scenarios): waiting out the 60 s a purge may take, 1 s left',
    ].slice(0, purge.length - 1));
    // Never more than one line per property in any 15 s.
    expect(lines.length).toBeLessThanOrEqual(2 + Math.ceil(60 / 15) * 2);
  });

  it('a wait ends with its scenario', () => {
    let s = reduceProgress(initialProgress(0), waiting('a#0', 30_000, 'x'), 0);
    expect(activeWaits(s, 1000)).toHaveLength(1);
    s = reduceProgress(s, { kind: 'scenario-done', property: 'a#0', passed: true, done: 1, total: 1 }, 1000);
    expect(activeWaits(s, 1000)).toEqual([]);
    expect(secondsLeft(125_000)).toBe('2 min 05 s');
    expect(secondsLeft(400)).toBe('1 s');
  });

  it('shrinking: replays and the budget left, on a terminal and in plain lines (sparse)', () => {
    const t = fake(true);
    t.p.event({ kind: 'start', total: 8 });
    t.p.event({ kind: 'scenario-done', property: 'visibility#3', passed: false, done: 1, total: 8 });
    t.p.event({ kind: 'shrinking', property: 'visibility#3', step: 12, budgetLeftMs: 50_000 });
    t.pass(10_000);
    expect(t.screen()).toContain('shrinking visibility#3: 12 replays, 40 s budget left');

    const f = fake(false);
    f.p.event({ kind: 'scenario-done', property: 'visibility#3', passed: false, done: 1, total: 8 });
    for (let step = 1; step <= 40; step++) {
      f.p.event({ kind: 'shrinking', property: 'visibility#3', step, budgetLeftMs: Math.max(0, 60_000 - (step - 1) * 1000) });
      f.pass(1000);
    }
    const shrink = f.lines().filter((l) => l.includes('shrinking'));
    expect(shrink[0]).toBe('visibility#3: shrinking the counterexample (budget 60 s)');
    expect(shrink[1]).toBe('shrinking visibility#3: 15 replays, 45 s budget left');
    expect(shrink).toHaveLength(3);
  });
});
