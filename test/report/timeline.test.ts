// The counterexample timeline: the picture as data (lanes, calls, the message's events and
// windows, the conclusion's times, the violated window), the compressed axis, and the SVG drawn
// from it — for the hand-built report and for the divergence of every corpus case of every suite
// (so every rule's premises and bindings are drawn). Geometry is checked on the SVG's own
// numbers: bars inside the axis, one lane per process, no two text boxes overlapping (with the
// same width estimate the layout uses; the browser test measures real glyphs).
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import type { Divergence } from '../../src/check/index.js';
import type { History } from '../../src/history/index.js';
import { renderHtml } from '../../src/report/index.js';
import { buildAxis, formatOffset, niceStep } from '../../src/report/timeline-axis.js';
import { fitText, textWidth, timelineSvg } from '../../src/report/timeline-svg.js';
import { buildTimeline, type Timeline } from '../../src/report/timeline.js';
import type { ReportedDivergence } from '../../src/runner/types.js';
import { divergences, verdict } from '../support/corpus.js';
import { divergentReport } from './fixtures.js';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (_name, _path, _leaf, isAttribute) => !isAttribute });

interface Box {
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

type Node = Record<string, unknown>;

/** Every element named `tag` anywhere under `node`. */
function all(node: unknown, tag: string, out: Node[] = []): Node[] {
  if (Array.isArray(node)) for (const n of node) all(n, tag, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node as Node)) {
      if (k === tag) for (const x of Array.isArray(v) ? v : [v]) out.push(x as Node);
      all(v, tag, out);
    }
  }
  return out;
}

const textOf = (t: Node): string => {
  const v = t['#text'];
  return Array.isArray(v) ? v.join('') : String(v ?? '');
};

/** The estimated box of each <text> (10 px font; 11 px lane labels), from x, y and text-anchor. */
function textBoxes(svg: string): Box[] {
  const doc = parser.parse(svg);
  return all(doc, 'text').map((t) => {
    const text = textOf(t);
    const x = Number(t.x);
    const y = Number(t.y);
    const w = textWidth(text);
    const anchor = String(t['text-anchor'] ?? 'start');
    const left = anchor === 'end' ? x - w : anchor === 'middle' ? x - w / 2 : x;
    return { text, left, right: left + w, top: y - 9, bottom: y + 2 };
  });
}

const overlaps = (a: Box, b: Box): boolean => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** Checks the drawing of a timeline: valid XML, lanes, bars inside the axis, no text box over another. */
function checkSvg(t: Timeline, svg: string): void {
  expect(XMLValidator.validate(svg), svg.slice(0, 300)).toBe(true);
  const doc = parser.parse(svg);
  const root = all(doc, 'svg')[0]!;
  const x0 = Number(root['data-x0']);
  const x1 = Number(root['data-x1']);
  const groups = all(doc, 'g');
  const lanes = groups.filter((g) => String(g.class).split(' ').includes('lane'));
  expect(lanes.map((l) => l['data-lane'])).toEqual(t.lanes.map((l) => l.id));
  const processLanes = lanes.filter((l) => String(l.class).includes('process')).map((l) => l['data-lane']);
  expect(new Set(processLanes).size).toBe(processLanes.length);
  expect(processLanes.sort()).toEqual([...new Set(t.calls.map((c) => c.lane))].sort());
  const calls = groups.filter((g) => String(g.class).split(' ').includes('call'));
  expect(calls).toHaveLength(t.calls.length);
  for (const c of calls) {
    const rect = all(c, 'rect')[0]!;
    const rx = Number(rect.x);
    const rw = Number(rect.width);
    expect(rx, `bar of op ${String(c['data-call'])}`).toBeGreaterThanOrEqual(x0 - 0.05);
    expect(rx + rw, `bar of op ${String(c['data-call'])}`).toBeLessThanOrEqual(x1 + 3.05);
    expect(rw).toBeGreaterThanOrEqual(3);
    // Each call's bar sits in its process's lane.
    const lane = lanes.find((l) => l['data-lane'] === c['data-lane'])!;
    const bg = all(lane, 'rect')[0]!;
    expect(Number(rect.y)).toBeGreaterThanOrEqual(Number(bg.y));
    expect(Number(rect.y) + Number(rect.height)).toBeLessThanOrEqual(Number(bg.y) + Number(bg.height));
  }
  const boxes = textBoxes(svg);
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!), `"${boxes[i]!.text}" over "${boxes[j]!.text}"`).toBe(false);
  }
  // Every element has a hover title except lanes' backgrounds and the axis.
  expect(all(doc, 'title').length).toBeGreaterThanOrEqual(calls.length);
}

describe('buildTimeline (the picture as data)', () => {
  const d = divergentReport().divergences[0]!;
  const t = buildTimeline(d);

  it('one lane per process, then one per message', () => {
    expect(t.lanes).toEqual([
      { id: 'p0', kind: 'process' },
      { id: 'p1', kind: 'process' },
      { id: 'p2', kind: 'process' },
      { id: 'm1', kind: 'message' },
    ]);
  });

  it('each call is a bar from invoke to completion, labelled with its action and short result', () => {
    expect(t.calls.map((c) => [c.call, c.lane, c.outcome, c.fromMs, c.toMs, c.label, c.role])).toEqual([
      [0, 'p0', 'ok', 1000, 1003.25, 'SendMessage → m1', 'premise'],
      [2, 'p1', 'ok', 1010, 1012, 'ReceiveMessage → m1', 'premise'],
      [4, 'p2', 'ok', 1500, 1502, 'ReceiveMessage → m1', 'culprit'],
      [6, 'p0', 'fail', 1600, 1601, 'DeleteMessage ✗ ReceiptHandleIsInvalid', 'other'],
    ]);
    expect(t.calls[3]!.detail.join('\n')).toContain('ReceiptHandleIsInvalid (400)');
  });

  it("the message's events and the window its receive opened (the deadline uncertain by the call's window)", () => {
    expect(t.events.map((e) => [e.lane, e.kind, e.fromMs, e.toMs, e.label])).toEqual([
      ['m1', 'sent', 1000, 1003.25, 'sent'],
      ['m1', 'received', 1010, 1020, 'recv 1'],
    ]);
    expect(t.windows).toEqual([expect.objectContaining({ lane: 'm1', kind: 'invisible', fromMs: 1010, endFromMs: 31_010, endToMs: 31_020, label: 'invisible 30 s' })]);
  });

  it("the conclusion's times and the violated window between them", () => {
    expect(t.points.map((p) => [p.name, p.atMs])).toEqual([
      ['returnedBy', 1560],
      ['invisibleUntil', 30_960],
    ]);
    expect(t.violated).toMatchObject({ fromMs: 1560, toMs: 30_960, label: 'violated: visibility.redelivered-early' });
    expect(t.epsilonMs).toBe(50);
  });

  it('a divergence about one call (no times): the violated window is that call', () => {
    const w = buildTimeline(divergentReport().divergences[1]!);
    expect(w.violated).toMatchObject({ fromMs: 1600, toMs: 1601 }); // the op records' times
    expect(w.calls.find((c) => c.call === 6)).toBeDefined();
    expect(w.calls.filter((c) => c.role === 'culprit').map((c) => c.call)).toEqual([6]);
  });

  it('durations are never placed on the axis; ∞ is unbounded', () => {
    const base = divergentReport().divergences[0]!;
    const x = buildTimeline({ ...base, bindings: { ...base.bindings, slack: { ms: 2000, duration: true }, invisibleUntil: { ms: 1e15 } } });
    expect(x.points.map((p) => p.name)).toEqual(['returnedBy', 'invisibleUntil']);
    expect(x.points[1]!.atMs).toBe(Infinity);
    expect(x.violated).toMatchObject({ fromMs: 1560, toMs: Infinity });
    const svg = timelineSvg(x, 'x').value;
    checkSvg(x, svg);
    expect(svg).toContain('>∞</text>');
  });
});

describe('the time axis', () => {
  it('cuts a gap that dwarfs the rest, keeps the rest linear, and says how long the cut is', () => {
    const a = buildAxis([1000, 1003, 1010, 1012, 1500, 1502, 30_960], 100, 900, false);
    // 29.5 s and then 488 ms dwarf the 14 ms where calls are.
    expect(a.breaks.map((b) => b.label)).toEqual(['≈488 ms', '≈29 s']);
    expect(a.x(1000)).toBe(100);
    expect(a.x(30_960)).toBeCloseTo(900);
    // Linear within each stretch: 1003 is a quarter of the way from 1000 to 1012.
    expect((a.x(1003) - a.x(1000)) / (a.x(1012) - a.x(1000))).toBeCloseTo(3 / 12, 5);
    expect(a.x(1502) - a.x(1500)).toBeCloseTo((2 / 12) * (a.x(1012) - a.x(1000)), 5);
    // Without the big gaps nothing is cut.
    expect(buildAxis([0, 400, 1000, 1300], 0, 100, false).breaks).toEqual([]);
    expect(a.ticks[0]).toMatchObject({ x: 100, label: '0 ms', anchor: 'start' });
  });

  it('maps every time inside the axis, in order, with ticks whose labels never touch (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 30 }), fc.boolean(), (times, unbounded) => {
        const a = buildAxis(times, 80, 780, unbounded);
        const sorted = [...times].sort((x, y) => x - y);
        let prev = -Infinity;
        for (const t of sorted) {
          const x = a.x(t);
          expect(x).toBeGreaterThanOrEqual(80);
          expect(x).toBeLessThanOrEqual(780);
          expect(x).toBeGreaterThanOrEqual(prev);
          prev = x;
        }
        if (unbounded) expect(a.x(Infinity)).toBe(780);
        let right = -Infinity;
        for (const tk of a.ticks) {
          const w = textWidth(tk.label);
          const left = tk.anchor === 'start' ? tk.x : tk.anchor === 'end' ? tk.x - w : tk.x - w / 2;
          expect(left).toBeGreaterThan(right);
          right = left + w;
        }
      }),
    );
  });

  it('round steps and offsets', () => {
    expect([0.7, 3, 7, 120, 4000].map(niceStep)).toEqual([0.5, 2, 5, 100, 5000]);
    expect(formatOffset(0)).toBe('0 ms');
    expect(formatOffset(250, 50)).toBe('+250 ms');
    expect(formatOffset(1500, 500)).toBe('+1.5 s');
    expect(formatOffset(125_000)).toBe('+2 min 05 s');
    expect(fitText('ReceiveMessage → m1', 60)).toBe('Receive…');
    expect(fitText('ReceiveMessage', 10)).toBeUndefined();
  });
});

describe('the SVG', () => {
  it('the hand-built report: lanes, bars inside the axis, no overlapping text, titles with exact times', () => {
    for (const d of divergentReport().divergences) {
      const t = buildTimeline(d);
      const svg = timelineSvg(t, d.id).value;
      checkSvg(t, svg);
    }
    const svg = timelineSvg(buildTimeline(divergentReport().divergences[0]!), 'x').value;
    expect(svg).toContain('invoke +500.000 ms (clock 1500.000 ms)');
    expect(svg).toContain('class="violated"');
    expect(svg).toMatch(/class="call ok culprit" data-call="4"/);
  });

  it('what a target sent is escaped inside the SVG', () => {
    const d = divergentReport().divergences[1]!;
    const evil: ReportedDivergence = {
      ...d,
      opRecords: d.opRecords.map((o) => (o.type === 'fail' ? { ...o, value: { ...o.value, code: '<script>x</script>&' } } : o)),
    };
    const svg = timelineSvg(buildTimeline(evil), 'evil <b>').value;
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;');
    expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('the run page draws one timeline per divergence, with its explanation beside it', () => {
    const page = renderHtml(divergentReport());
    expect(page.match(/<figure class="timeline"/g)).toHaveLength(2);
    expect(page.match(/<svg class="tl"/g)).toHaveLength(2);
    expect(page).toMatch(/<div class="tl-why"><ol class="why"><li>Let m1 be the message sent by op 0/);
  });
});

/** Every corpus case's divergences, as a report carries them (with the op records). */
async function corpusDivergences(): Promise<Array<{ name: string; d: ReportedDivergence }>> {
  const out: Array<{ name: string; d: ReportedDivergence }> = [];
  for (const suite of SUITES) {
    for (const c of (await suite.corpus?.()) ?? []) {
      const h: History = c.badHistory;
      divergences(verdict(h)).forEach((d: Divergence, i) => {
        const ops = new Set(d.ops);
        out.push({ name: `${suite.name}/${c.id}#${i} ${d.id}`, d: { ...d, suite: suite.name, property: c.id, opRecords: h.ops.filter((o) => ops.has(o.index)), replay: 'r' } });
      });
    }
  }
  return out;
}

describe('every corpus divergence of every suite draws', () => {
  it('builds, lays out without overlaps, names every call of the explanation', async () => {
    const cases = await corpusDivergences();
    expect(cases.length).toBeGreaterThan(50);
    let windows = 0;
    let violated = 0;
    for (const { name, d } of cases) {
      const t = buildTimeline(d);
      try {
        checkSvg(t, timelineSvg(t, d.id).value);
      } catch (e) {
        throw new Error(`${name}: ${(e as Error).message}`);
      }
      // Every call an explanation names ("op N") is a bar.
      const named = [...JSON.stringify([d.premises, d.bindings]).matchAll(/"call":(\d+)/g)].map((m) => Number(m[1]));
      for (const call of named) expect(t.calls.some((c) => c.call === call), `${name}: op ${call}`).toBe(true);
      windows += t.windows.length;
      if (t.violated) violated += 1;
    }
    // The lifecycle search's premises open visibility windows; almost every divergence has a violated window.
    expect(windows).toBeGreaterThan(10);
    expect(violated).toBeGreaterThan(cases.length * 0.8);
  });
});
