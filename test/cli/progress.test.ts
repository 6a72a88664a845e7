import { describe, expect, it } from 'vitest';
import { createProgress, initialProgress, progressLine, reduceProgress } from '../../src/cli/index.js';

describe('progressLine', () => {
  it('shows done/total, failing properties, shrinking and elapsed time', () => {
    let s = initialProgress(0);
    s = reduceProgress(s, { kind: 'start', total: 10 });
    s = reduceProgress(s, { kind: 'scenario-done', property: 'a', passed: true, done: 5, total: 10 });
    expect(progressLine(s, 2500)).toBe('[##########..........] 5/10 scenarios · 2.5 s · a');
    s = reduceProgress(s, { kind: 'scenario-done', property: 'b', passed: false, done: 6, total: 10 });
    s = reduceProgress(s, { kind: 'shrinking', property: 'b', step: 3 });
    expect(progressLine(s, 3000, 120)).toBe('[############........] 6/10 scenarios · 3.0 s · 1 property failing · shrinking b (step 3)');
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
