// Draws a Timeline (timeline.ts) as inline SVG: lanes of bars on the compressed axis
// (timeline-axis.ts), the message's windows, the conclusion's times as vertical lines and the
// violated window as a red band over every lane. Every element carries a hover title with exact
// times (relative to the axis origin and on the history's clock). Labels are placed so that no two
// text boxes overlap: inside a bar when they fit, else to its right up to the next item, else cut
// short, else left out (the title still has them). PURE: strings in, markup out.
import { AXIS_CHAR_PX, buildAxis, type Axis } from './timeline-axis.js';
import { timelineTimes, type Timeline, type TimelineCall, type TimelineEvent, type TimelineWindow } from './timeline.js';
import { html, rawHtml, type SafeHtml } from './markup.js';

/** Geometry (SVG user units; the figure scales to its column). */
export const TIMELINE_WIDTH = 800;
const GUTTER = 84; // lane labels
const RIGHT = 16;
const ROW_H = 18;
const BAR_H = 12;
const LANE_PAD = 4;
const TOP = 20; // the violated window's label
const POINT_ROW_H = 14;
const AXIS_H = 44;
/** Label width estimate (10 px monospace): ASCII at this many px, anything else wider. */
const CHAR_PX = AXIS_CHAR_PX;
const WIDE_CHAR_PX = 12;

export function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x80 ? CHAR_PX : WIDE_CHAR_PX;
  return w;
}

/** `s` cut to fit `px` (with an ellipsis), or undefined when not even a few characters fit. */
export function fitText(s: string, px: number): string | undefined {
  if (textWidth(s) <= px) return s;
  const chars = [...s];
  let out = '';
  for (const ch of chars) {
    if (textWidth(`${out}${ch}…`) > px) break;
    out += ch;
  }
  return [...out].length >= 3 ? `${out}…` : undefined;
}

const n = (x: number): string => (Math.round(x * 10) / 10).toString();

/** `+500.000 ms (clock 1500.000 ms)`. */
function at(axis: Axis, ms: number | null): string {
  if (ms === null) return 'unknown';
  if (ms === Infinity) return '∞';
  return `+${(ms - axis.origin).toFixed(3)} ms (clock ${ms.toFixed(3)} ms)`;
}

interface Item {
  x0: number;
  x1: number;
  label: string;
  /** Labels inside are white on the bar; outside, dark. */
  inside: boolean;
  draw: (y: number, label: SafeHtml | string) => SafeHtml;
}

/** First-fit rows: items that would overlap (with a little air) go to the next row. */
function pack(items: Item[]): Item[][] {
  const rows: Item[][] = [];
  for (const it of [...items].sort((a, b) => a.x0 - b.x0)) {
    const row = rows.find((r) => r.at(-1)!.x1 + 2 <= it.x0);
    if (row) row.push(it);
    else rows.push([it]);
  }
  return rows.length > 0 ? rows : [[]];
}

/** A row's labels: inside the item when it fits, else after it up to the next item, else cut. */
function labelled(row: Item[], y: number, plotEnd: number): SafeHtml[] {
  return row.map((it, i) => {
    const next = row[i + 1]?.x0 ?? plotEnd + RIGHT;
    const width = it.x1 - it.x0;
    let text: SafeHtml | string = '';
    if (it.label !== '') {
      if (it.inside && textWidth(it.label) + 6 <= width) {
        text = html`<text class="label in" x="${n(it.x0 + 3)}" y="${n(y + BAR_H - 2.5)}">${it.label}</text>`;
      } else {
        const room = next - it.x1 - 8;
        const fitted = fitText(it.label, room);
        if (fitted !== undefined) text = html`<text class="label out" x="${n(it.x1 + 3)}" y="${n(y + BAR_H - 2.5)}">${fitted}</text>`;
        else if (it.inside) {
          const inner = fitText(it.label, width - 6);
          if (inner !== undefined) text = html`<text class="label in" x="${n(it.x0 + 3)}" y="${n(y + BAR_H - 2.5)}">${inner}</text>`;
        }
      }
    }
    return it.draw(y, text);
  });
}

function callItem(c: TimelineCall, axis: Axis): Item {
  const x0 = axis.x(c.fromMs);
  const open = c.toMs === null;
  const x1 = Math.max(x0 + 3, open ? axis.x1 : axis.x(c.toMs!));
  const dur = c.toMs === null ? '' : ` (${(c.toMs - c.fromMs).toFixed(3)} ms)`;
  const title = [
    `${c.call >= 0 ? `op ${c.call} ` : ''}${c.lane} ${c.f}: ${c.outcome === 'pending' ? 'no completion' : c.outcome}${c.role === 'culprit' ? ' (named by the conclusion)' : ''}`,
    `invoke ${at(axis, c.fromMs)}`,
    `complete ${at(axis, c.toMs)}${dur}`,
    ...c.detail,
  ].join('\n');
  return {
    x0,
    x1,
    label: c.label,
    inside: true,
    draw: (y, label) =>
      html`<g class="call ${c.outcome}${c.role === 'culprit' ? ' culprit' : ''}${open ? ' open' : ''}" data-call="${c.call}" data-lane="${c.lane}"><title>${title}</title><rect class="bar" x="${n(x0)}" y="${n(y)}" width="${n(x1 - x0)}" height="${BAR_H}" rx="2"/>${label}</g>`,
  };
}

function eventItem(e: TimelineEvent, axis: Axis): Item {
  const x0 = axis.x(e.fromMs);
  const x1 = Math.max(x0 + 3, e.toMs === null ? x0 + 3 : axis.x(e.toMs));
  const title = `${e.title}\nfrom ${at(axis, e.fromMs)}\nto ${at(axis, e.toMs)}`;
  return {
    x0,
    x1,
    label: e.label,
    inside: false,
    draw: (y, label) =>
      html`<g class="event ${e.kind}" data-lane="${e.lane}"><title>${title}</title><rect class="mark" x="${n(x0)}" y="${n(y + 2)}" width="${n(x1 - x0)}" height="${BAR_H - 4}" rx="1"/>${label}</g>`,
  };
}

function windowItem(w: TimelineWindow, axis: Axis): Item {
  const x0 = axis.x(w.fromMs);
  const xs = Math.max(x0 + 1, axis.x(w.endFromMs));
  const xe = Math.max(xs, axis.x(w.endToMs));
  const title = `${w.title}\nfrom ${at(axis, w.fromMs)}\ndeadline between ${at(axis, w.endFromMs)} and ${at(axis, w.endToMs)}`;
  return {
    x0,
    x1: xe,
    label: w.label,
    inside: true,
    draw: (y, label) =>
      html`<g class="window ${w.kind}" data-lane="${w.lane}"><title>${title}</title><rect class="sure" x="${n(x0)}" y="${n(y)}" width="${n(xs - x0)}" height="${BAR_H}"/>${xe > xs ? html`<rect class="unsure" x="${n(xs)}" y="${n(y)}" width="${n(xe - xs)}" height="${BAR_H}"/>` : ''}${label}</g>`,
  };
}

/** Greedy sub-rows for centred labels (the conclusion's times): none overlaps, at most `max` rows. */
function placeCentred(items: Array<{ x: number; text: string }>, max: number, x0: number, x1: number): Array<{ x: number; text: string; row: number; anchor: 'start' | 'middle' | 'end' }> {
  const rights: number[] = [];
  const out: Array<{ x: number; text: string; row: number; anchor: 'start' | 'middle' | 'end' }> = [];
  for (const it of [...items].sort((a, b) => a.x - b.x)) {
    const w = textWidth(it.text);
    let left = it.x - w / 2;
    let anchor: 'start' | 'middle' | 'end' = 'middle';
    let x = it.x;
    if (left < x0) [left, anchor, x] = [it.x, 'start', it.x];
    if (left + w > x1) [left, anchor, x] = [it.x - w, 'end', it.x];
    const row = Array.from({ length: max }, (_, r) => r).find((r) => (rights[r] ?? -Infinity) + 6 <= left);
    if (row === undefined) continue;
    rights[row] = left + w;
    out.push({ x, text: it.text, row, anchor });
  }
  return out;
}

/** The SVG of a timeline; `label` names it for screen readers. */
export function timelineSvg(t: Timeline, label: string): SafeHtml {
  const { times, unbounded } = timelineTimes(t);
  const x0 = GUTTER;
  const x1 = TIMELINE_WIDTH - RIGHT;
  const axis = buildAxis(times, x0, x1, unbounded);

  // Lanes and their rows.
  let y = TOP;
  const lanes: SafeHtml[] = [];
  t.lanes.forEach((lane, li) => {
    const items: Item[] =
      lane.kind === 'process'
        ? t.calls.filter((c) => c.lane === lane.id).map((c) => callItem(c, axis))
        : [...t.windows.filter((w) => w.lane === lane.id).map((w) => windowItem(w, axis)), ...t.events.filter((e) => e.lane === lane.id).map((e) => eventItem(e, axis))];
    const rows = pack(items);
    const h = rows.length * ROW_H + LANE_PAD;
    const body = rows.flatMap((row, r) => labelled(row, y + LANE_PAD / 2 + r * ROW_H + (ROW_H - BAR_H) / 2, x1));
    const name = lane.id.length > 10 ? `${lane.id.slice(0, 9)}…` : lane.id;
    lanes.push(
      html`<g class="lane ${lane.kind}${li % 2 === 1 ? ' odd' : ''}" data-lane="${lane.id}"><rect class="lane-bg" x="0" y="${n(y)}" width="${TIMELINE_WIDTH}" height="${n(h)}"/><text class="lane-label" x="${GUTTER - 8}" y="${n(y + h / 2 + 3.5)}" text-anchor="end"><title>${lane.kind === 'process' ? `process ${lane.id}` : `message ${lane.id}`}</title>${name}</text>${body}</g>`,
    );
    y += h;
  });
  const lanesBottom = y;

  // The conclusion's times: a line across every lane, the name below.
  const pointLabels = placeCentred(
    t.points.map((p) => ({ x: axis.x(p.atMs), text: p.name })),
    3,
    x0,
    x1,
  );
  const pointRows = pointLabels.length === 0 ? 0 : Math.max(...pointLabels.map((p) => p.row)) + 1;
  const points = t.points.map((p) => {
    const px = axis.x(p.atMs);
    return html`<g class="point" data-name="${p.name}"><title>${`${p.title}\n${at(axis, p.atMs)}`}</title><line x1="${n(px)}" x2="${n(px)}" y1="${TOP}" y2="${n(lanesBottom + pointRows * POINT_ROW_H)}"/></g>`;
  });
  const pointTexts = pointLabels.map(
    (p) => html`<text class="point-label" x="${n(p.x)}" y="${n(lanesBottom + (p.row + 1) * POINT_ROW_H - 3)}" text-anchor="${p.anchor}">${p.text}</text>`,
  );
  y = lanesBottom + pointRows * POINT_ROW_H;

  // The violated window over every lane, its label above them.
  let violated: SafeHtml | string = '';
  if (t.violated) {
    const v = t.violated;
    const vx0 = axis.x(v.fromMs);
    const vx1 = Math.max(vx0 + 3, axis.x(v.toMs));
    const text = fitText(v.label, x1 - x0) ?? '';
    const w = textWidth(text);
    const lx = vx0 + w <= x1 ? vx0 : Math.max(x0, vx1 - w);
    violated = html`<g class="violated"><title>${`${v.title}\nfrom ${at(axis, v.fromMs)}\nto ${at(axis, v.toMs)}`}</title><rect x="${n(vx0)}" y="${TOP - 2}" width="${n(vx1 - vx0)}" height="${n(lanesBottom - TOP + 4)}"/><text class="violated-label" x="${n(lx)}" y="${TOP - 6}">${text}</text></g>`;
  }

  // The axis: ticks, breaks (drawn across the lanes too) and ∞.
  const ay = y + 6;
  const ticks = axis.ticks.map((tk) => html`<g class="tick"><line x1="${n(tk.x)}" x2="${n(tk.x)}" y1="${n(ay)}" y2="${n(ay + 4)}"/><text x="${n(tk.x)}" y="${n(ay + 15)}" text-anchor="${tk.anchor}">${tk.label}</text></g>`);
  const breakLabels = placeCentred(
    [...axis.breaks.map((b) => ({ x: (b.x0 + b.x1) / 2, text: b.label })), ...(axis.infinityX !== undefined ? [{ x: axis.infinityX - 8, text: '∞' }] : [])],
    1,
    x0,
    x1,
  );
  const breaks = axis.breaks.map(
    (b) =>
      html`<g class="break"><title>${`${b.label.replace('≈', '')} drawn shorter`}</title><line class="cut" x1="${n(b.x0 + 6)}" x2="${n(b.x0 + 6)}" y1="${TOP}" y2="${n(ay)}"/><line class="cut" x1="${n(b.x1 - 6)}" x2="${n(b.x1 - 6)}" y1="${TOP}" y2="${n(ay)}"/><path d="${`M${n(b.x0 + 3)} ${n(ay + 5)} l6 -10 M${n(b.x1 - 9)} ${n(ay + 5)} l6 -10`}"/></g>`,
  );
  const breakTexts = breakLabels.map((b) => html`<text class="break-label" x="${n(b.x)}" y="${n(ay + 29)}" text-anchor="${b.anchor}">${b.text}</text>`);
  const height = ay + AXIS_H - 6;
  const epsilon = t.epsilonMs !== undefined ? ` Times in the explanation are widened by ε = ${t.epsilonMs} ms.` : '';
  return html`<svg class="tl" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${TIMELINE_WIDTH} ${n(height)}" width="${TIMELINE_WIDTH}" height="${n(height)}" role="img" aria-label="${`${label}.${epsilon}`}" data-x0="${x0}" data-x1="${x1}">${lanes}${violated}${breaks}${points}${pointTexts}<g class="axis"><line x1="${x0}" x2="${x1}" y1="${n(ay)}" y2="${n(ay)}"/>${ticks}${breakTexts}</g></svg>`;
}

/** Styles of the timeline (the page's stylesheet includes them). */
export const TIMELINE_CSS = `
.tl-wrap { display: grid; grid-template-columns: minmax(0, ${TIMELINE_WIDTH + 14}px) minmax(260px, 1fr); gap: 16px; align-items: start; margin: 8px 0; }
@media (max-width: 1100px) { .tl-wrap { grid-template-columns: minmax(0, 1fr); } }
figure.timeline { margin: 0; border: 1px solid var(--line); border-radius: 6px; background: #fff; padding: 6px; overflow-x: auto; }
svg.tl { display: block; width: 100%; height: auto; max-width: ${TIMELINE_WIDTH}px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 10px; }
svg.tl .lane-bg { fill: #ffffff; } svg.tl .lane.odd .lane-bg { fill: #f6f8fa; } svg.tl .lane.message .lane-bg { fill: #f1f6ff; }
svg.tl .lane-label { fill: #57606a; font-size: 11px; } svg.tl .lane.message .lane-label { fill: #0969da; font-style: italic; }
svg.tl .call .bar { fill: #8c959f; } svg.tl .call.ok .bar { fill: #2da44e; } svg.tl .call.fail .bar { fill: #cf222e; } svg.tl .call.info .bar { fill: #bf8700; }
svg.tl .call.open .bar { fill-opacity: .55; stroke-dasharray: 3 2; stroke: #57606a; }
svg.tl .call.culprit .bar { stroke: #82071e; stroke-width: 2; }
svg.tl .label.in { fill: #ffffff; } svg.tl .label.out { fill: #1f2328; }
svg.tl .window .sure { fill: #0969da; fill-opacity: .18; } svg.tl .window .unsure { fill: #0969da; fill-opacity: .07; stroke: #0969da; stroke-opacity: .5; stroke-dasharray: 2 2; }
svg.tl .window.delay .sure { fill: #8250df; } svg.tl .window.delay .unsure { fill: #8250df; stroke: #8250df; }
svg.tl .window .label.in { fill: #0a3069; }
svg.tl .event .mark { fill: #0969da; } svg.tl .event.deleted .mark { fill: #1f2328; } svg.tl .event.handle .mark { fill: #8c959f; } svg.tl .event.sent .mark { fill: #1a7f37; }
svg.tl .violated rect { fill: #cf222e; fill-opacity: .10; stroke: #cf222e; stroke-dasharray: 4 3; }
svg.tl .violated-label { fill: #cf222e; font-weight: 600; }
svg.tl .point line { stroke: #cf222e; stroke-dasharray: 2 2; } svg.tl .point-label { fill: #cf222e; }
svg.tl .axis line, svg.tl .tick line { stroke: #8c959f; } svg.tl .axis text { fill: #57606a; }
svg.tl .break .cut { stroke: #8c959f; stroke-opacity: .6; stroke-dasharray: 1 3; } svg.tl .break path { stroke: #57606a; fill: none; } svg.tl .break-label { fill: #57606a; font-style: italic; }
.tl-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 11px; color: var(--muted); margin: 4px 2px 0; }
.tl-legend .sw { display: inline-block; width: 12px; height: 9px; border-radius: 2px; margin-right: 4px; vertical-align: -1px; }
.tl-why .why { margin-top: 0; }
`;

/** The legend under a timeline (HTML, so it wraps with the page). */
export const TIMELINE_LEGEND = rawHtml(
  '<div class="tl-legend"><span><span class="sw" style="background:#2da44e"></span>ok</span><span><span class="sw" style="background:#cf222e"></span>fail</span><span><span class="sw" style="background:#bf8700"></span>info (outcome unknown)</span><span><span class="sw" style="background:#8c959f"></span>no completion</span><span><span class="sw" style="background:rgba(9,105,218,.25)"></span>invisible (dashed: its deadline falls in there)</span><span><span class="sw" style="background:rgba(130,80,223,.3)"></span>delayed</span><span><span class="sw" style="background:rgba(207,34,46,.2);border:1px dashed #cf222e"></span>violated window</span><span>outlined bar: the call the conclusion names · hover for exact times</span></div>',
);
