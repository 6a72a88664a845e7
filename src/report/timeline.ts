// A counterexample as a timeline (the picture Jepsen's and Porcupine's visualisations draw): one
// lane per process, each call a bar from its invoke to its completion; one lane per message the
// explanation names, with its events (sent, received, deleted, visibility changed) and the windows
// they open (a delay, the time it stays invisible, with the uncertain end a call window leaves);
// the times the conclusion names and the window it says was violated, all on one time axis.
// This file builds that picture as data from a divergence (its op records, premises and bindings);
// timeline-svg.ts draws it. PURE. Times are ms on the history's clock (CallRef's), Infinity for ∞.
import type { Binding, Bindings, CallRef, Premise } from '../check/types.js';
import type { Op } from '../history/index.js';
import type { ReportedDivergence } from '../runner/types.js';
import { formatBinding } from './explain.js';
import { describeOp } from './format.js';

/** A binding at or beyond this is unbounded (explain.ts renders it as ∞). */
const UNBOUNDED_MS = 1e14;

export type CallOutcome = 'ok' | 'fail' | 'info' | 'pending';

export interface TimelineCall {
  /** The process lane. */
  lane: string;
  /** Index of its invoke op (the `op N` of the explanation); -1 when only a completion was recorded. */
  call: number;
  f: string;
  outcome: CallOutcome;
  fromMs: number;
  /** Its completion; null when it has none (outcome unknown, or not recorded): drawn open to the right. */
  toMs: number | null;
  /** Action and short result: `ReceiveMessage → m1`, `DeleteMessage ✗ ReceiptHandleIsInvalid`. */
  label: string;
  /** Request and result, one line each (hover title). */
  detail: string[];
  /** `culprit`: named by the conclusion; `premise`: by a "Let" line; else only shown. */
  role: 'culprit' | 'premise' | 'other';
}

export type EventKind = 'sent' | 'received' | 'deleted' | 'visibility' | 'handle' | 'fact';

/** Something that happened to a message, within the window of the call that did it. */
export interface TimelineEvent {
  /** The message lane (its name in the explanation: m1, m2, …). */
  lane: string;
  kind: EventKind;
  fromMs: number;
  toMs: number | null;
  label: string;
  title: string;
}

export type WindowKind = 'delay' | 'invisible';

/**
 * A stretch of a message's life: it is delayed, or invisible, from `fromMs` until some time in
 * [`endFromMs`, `endToMs`] (the call window the deadline was set in, shifted by the timeout).
 */
export interface TimelineWindow {
  lane: string;
  kind: WindowKind;
  fromMs: number;
  endFromMs: number;
  /** Infinity when the setting call's outcome is unknown (no upper bound). */
  endToMs: number;
  label: string;
  title: string;
}

/** A time the conclusion names (`returnedBy`, `invisibleUntil`, …). */
export interface TimelinePoint {
  name: string;
  atMs: number;
  title: string;
}

/** What the conclusion says went wrong, as a stretch of time (from its times, or its calls). */
export interface ViolatedWindow {
  fromMs: number;
  toMs: number;
  label: string;
  title: string;
}

export interface Timeline {
  /** Process lanes (p0, p1, …, then the runner's), then message lanes, in drawing order. */
  lanes: Array<{ id: string; kind: 'process' | 'message' }>;
  calls: TimelineCall[];
  events: TimelineEvent[];
  windows: TimelineWindow[];
  points: TimelinePoint[];
  violated?: ViolatedWindow;
  /** The tolerance the explanation's times were widened by. */
  epsilonMs?: number;
}

const opMs = (op: Op): number => op.time / 1e6;
const timeOf = (ms: number): number => (Math.abs(ms) >= UNBOUNDED_MS ? Infinity : ms);
const isCallRef = (b: Binding): b is CallRef => typeof b === 'object' && 'call' in b;
/** A time on the history's clock (durations carry `duration`). */
const isTime = (b: Binding): b is { ms: number } => typeof b === 'object' && 'ms' in b && !('duration' in b);

/** `AWS.SimpleQueueService.NonExistentQueue` → `NonExistentQueue`. */
const shortCode = (code: string): string => code.replace(/^AWS\.SimpleQueueService\./, '');

/** Processes in a natural order (p2 before p10), the runner's own lanes last. */
function laneOrder(a: string, b: string): number {
  const own = (x: string): number => (/^p\d+$/.test(x) ? 0 : 1);
  return own(a) - own(b) || a.localeCompare(b, 'en', { numeric: true });
}

/** The short result of a completed call, for its bar's label. */
function shortResult(f: string, done: Op | undefined, names: ReadonlyMap<string, string>): string {
  if (!done) return '…';
  switch (done.type) {
    case 'fail':
      return `✗ ${shortCode(done.value.code)}`;
    case 'info':
      return `? ${done.value.reason}`;
    case 'invoke':
      return '…';
    case 'ok': {
      const v = done.value;
      if (Array.isArray(v.Messages)) {
        const got = (v.Messages as Array<Record<string, unknown>>).map((m) => (typeof m.MessageId === 'string' ? (names.get(m.MessageId) ?? '') : ''));
        if (got.length === 0) return '→ empty';
        const named = got.filter((n) => n !== '');
        const rest = got.length - named.length;
        return `→ ${[...named, ...(rest > 0 ? [`${rest} msg${rest === 1 ? '' : 's'}`] : [])].join(', ')}`;
      }
      if (f === 'ReceiveMessage') return '→ empty';
      if (Array.isArray(v.Successful) || Array.isArray(v.Failed)) {
        const okN = Array.isArray(v.Successful) ? v.Successful.length : 0;
        const failN = Array.isArray(v.Failed) ? v.Failed.length : 0;
        return failN > 0 ? `${okN} ok, ${failN} failed` : `${okN} ok`;
      }
      if (typeof v.MessageId === 'string' && names.has(v.MessageId)) return `→ ${names.get(v.MessageId)!}`;
      return 'ok';
    }
  }
}

/** Message ids → the names the explanation gives them (from the `sent` premises' sends). */
function messageNames(d: Pick<ReportedDivergence, 'premises' | 'opRecords' | 'messageId' | 'bindings'>): Map<string, string> {
  const names = new Map<string, string>();
  const completionOf = (call: number): Op | undefined => {
    const invoke = d.opRecords.find((o) => o.index === call && o.type === 'invoke');
    if (!invoke) return undefined;
    return d.opRecords.filter((o) => o.process === invoke.process && o.index > invoke.index && o.type !== 'invoke').sort((a, b) => a.index - b.index)[0];
  };
  for (const p of d.premises) {
    if (p.kind !== 'sent') continue;
    const done = completionOf(p.send.call);
    const id = done?.type === 'ok' ? done.value.MessageId : undefined;
    if (typeof id === 'string') names.set(id, p.message);
  }
  const m = d.bindings.message;
  if (d.messageId !== undefined && typeof m === 'string' && !names.has(d.messageId)) names.set(d.messageId, m);
  return names;
}

/** Calls of the op records: each invoke joined to the next completion of its process. */
function callsOf(ops: readonly Op[], names: ReadonlyMap<string, string>): TimelineCall[] {
  const sorted = [...ops].sort((a, b) => a.index - b.index);
  const open = new Map<string, { call: TimelineCall; invoke: Op }>();
  const out: TimelineCall[] = [];
  const finish = (c: TimelineCall, invoke: Op | undefined, done: Op | undefined): void => {
    c.outcome = done ? (done.type === 'invoke' ? 'pending' : done.type) : 'pending';
    c.toMs = done ? opMs(done) : null;
    c.label = `${c.f} ${shortResult(c.f, done, names)}`;
    c.detail = [...(invoke ? [`request: ${describeOp(invoke, 200)}`] : []), done ? `${done.type}: ${describeOp(done, 200)}` : 'no completion recorded'];
  };
  for (const op of sorted) {
    const lane = String(op.process);
    if (op.type === 'invoke') {
      const prev = open.get(lane);
      if (prev) finish(prev.call, prev.invoke, undefined);
      const call: TimelineCall = { lane, call: op.index, f: String(op.f), outcome: 'pending', fromMs: opMs(op), toMs: null, label: '', detail: [], role: 'other' };
      out.push(call);
      open.set(lane, { call, invoke: op });
      continue;
    }
    const o = open.get(lane);
    if (o) {
      finish(o.call, o.invoke, op);
      open.delete(lane);
    } else {
      // A completion whose invoke is not among the records: a bar of no length at its time.
      const call: TimelineCall = { lane, call: -1, f: String(op.f), outcome: 'pending', fromMs: opMs(op), toMs: null, label: '', detail: [], role: 'other' };
      finish(call, undefined, op);
      out.push(call);
    }
  }
  for (const o of open.values()) finish(o.call, o.invoke, undefined);
  return out;
}

/** The call a reference names, added from the reference when the op records do not have it. */
function callFor(calls: TimelineCall[], ref: CallRef, role: 'culprit' | 'premise', outcome: CallOutcome): TimelineCall {
  let c = calls.find((x) => x.call === ref.call);
  if (!c) {
    c = {
      lane: ref.process,
      call: ref.call,
      f: ref.f,
      outcome: ref.toMs === null ? 'info' : outcome,
      fromMs: ref.fromMs,
      toMs: ref.toMs,
      label: `${ref.f}${ref.entry !== undefined ? ` [${ref.entry}]` : ''}`,
      detail: ['(from the explanation; its ops are not among the minimal ones)'],
      role,
    };
    calls.push(c);
  }
  if (role === 'culprit' || c.role === 'other') c.role = role;
  return c;
}

const rel = (ms: number): string => (ms === Infinity ? '∞' : `${ms.toFixed(3)} ms`);
const callName = (r: CallRef): string => `op ${r.call} (${r.process} ${r.f}${r.entry !== undefined ? ` entry ${r.entry}` : ''})`;

/** A message's event and the window it opens, from one premise. */
function fromPremise(p: Premise, calls: TimelineCall[], out: Pick<Timeline, 'events' | 'windows' | 'points'>): void {
  switch (p.kind) {
    case 'sent': {
      callFor(calls, p.send, 'premise', 'ok');
      out.events.push({ lane: p.message, kind: 'sent', fromMs: p.send.fromMs, toMs: p.send.toMs, label: 'sent', title: `${p.message} sent by ${callName(p.send)}, ${rel(p.send.fromMs)}–${p.send.toMs === null ? '?' : rel(p.send.toMs)}` });
      if (p.delaySeconds > 0) {
        const d = p.delaySeconds * 1000;
        out.windows.push({
          lane: p.message,
          kind: 'delay',
          fromMs: p.send.fromMs,
          endFromMs: p.send.fromMs + d,
          endToMs: p.send.toMs === null ? Infinity : p.send.toMs + d,
          label: `delay ${p.delaySeconds} s`,
          title: `${p.message} delayed ${p.delaySeconds} s: visible from between ${rel(p.send.fromMs + d)} and ${p.send.toMs === null ? '∞' : rel(p.send.toMs + d)}`,
        });
      }
      return;
    }
    case 'received': {
      callFor(calls, p.receive, 'premise', p.known ? 'ok' : 'info');
      out.events.push({
        lane: p.message,
        kind: 'received',
        fromMs: p.receive.fromMs,
        toMs: p.receive.toMs,
        label: `recv ${p.count}`,
        title: `${p.message} received (receive ${p.count}${p.known ? '' : ', outcome unknown'}) by ${callName(p.receive)}, VisibilityTimeout ${p.visibilityTimeout} s`,
      });
      invisible(out, p.message, p.receive, p.visibilityTimeout, `invisible ${p.visibilityTimeout} s`);
      return;
    }
    case 'handle': {
      const outcome: CallOutcome = p.outcome === 'ok' ? 'ok' : p.outcome === 'unknown' ? 'info' : 'fail';
      callFor(calls, p.use, 'premise', outcome);
      const message = messageOfHandle(p, out);
      const result = p.outcome === 'ok' ? 'ok' : p.outcome === 'unknown' ? 'outcome unknown' : shortCode(p.outcome.code);
      const title = `${callName(p.use)}: ${p.action}${p.action === 'ChangeMessageVisibility' ? `(${p.visibilityTimeout ?? 0} s)` : ''} ${result}, handle ${p.status}${p.effect !== 'none' ? `, ${p.effect}` : ''}`;
      if (message === undefined) return;
      const kind: EventKind = p.effect === 'delete' ? 'deleted' : p.effect === 'set-visibility' ? 'visibility' : 'handle';
      const label = p.action === 'DeleteMessage' ? (p.effect === 'delete' ? 'deleted' : `delete ${result}`) : `cmv ${p.visibilityTimeout ?? 0} s${p.effect === 'set-visibility' ? '' : ` ${result}`}`;
      out.events.push({ lane: message, kind, fromMs: p.use.fromMs, toMs: p.use.toMs, label, title });
      if (p.effect === 'set-visibility') invisible(out, message, p.use, p.visibilityTimeout ?? 0, `invisible ${p.visibilityTimeout ?? 0} s`);
      return;
    }
    case 'fact':
      for (const [name, b] of Object.entries(p.values)) {
        if (isCallRef(b)) callFor(calls, b, 'premise', 'ok');
        else if (isTime(b)) out.points.push({ name, atMs: timeOf(b.ms), title: `${name} = ${formatBinding(b)}` });
      }
      return;
  }
}

/** A handle premise names no message: it belongs to the lane of the message its call last received. */
function messageOfHandle(p: Extract<Premise, { kind: 'handle' }>, out: Pick<Timeline, 'events'>): string | undefined {
  const lanes = [...new Set(out.events.map((e) => e.lane))];
  if (lanes.length === 1) return lanes[0];
  const before = out.events.filter((e) => e.kind === 'received' && e.fromMs <= p.use.fromMs).sort((a, b) => b.fromMs - a.fromMs);
  return before[0]?.lane ?? lanes[0];
}

/** Invisible from the call until its deadline: the call window shifted by the timeout. */
function invisible(out: Pick<Timeline, 'windows'>, message: string, ref: CallRef, seconds: number, label: string): void {
  const d = seconds * 1000;
  out.windows.push({
    lane: message,
    kind: 'invisible',
    fromMs: ref.fromMs,
    endFromMs: ref.fromMs + d,
    endToMs: ref.toMs === null ? Infinity : ref.toMs + d,
    label,
    title: `${message} invisible for ${seconds} s from ${callName(ref)}: until some time in ${rel(ref.fromMs + d)}–${ref.toMs === null ? '∞' : rel(ref.toMs + d)}`,
  });
}

/**
 * The violated window: the span of the times the conclusion names (`returnedBy` … `invisibleUntil`);
 * with one time, from the culprit calls to it; with none, the culprit calls' own span.
 */
function violatedWindow(points: readonly TimelinePoint[], culprits: readonly TimelineCall[], id: string): ViolatedWindow | undefined {
  const times = points.map((p) => p.atMs);
  const callTimes = culprits.flatMap((c) => [c.fromMs, c.toMs ?? c.fromMs]);
  const all = points.length >= 2 ? times : [...times, ...callTimes];
  if (all.length === 0) return undefined;
  const fromMs = Math.min(...all);
  const toMs = Math.max(...all);
  const named = points.length > 0 ? points.map((p) => `${p.name} ${rel(p.atMs)}`).join(', ') : culprits.map((c) => `op ${c.call} ${c.f}`).join(', ');
  return { fromMs, toMs, label: `violated: ${id}`, title: `${id}: ${named}` };
}

/** The timeline of one divergence. */
export function buildTimeline(d: Pick<ReportedDivergence, 'id' | 'opRecords' | 'premises' | 'bindings' | 'messageId' | 'epsilonMs'>): Timeline {
  const names = messageNames(d);
  const calls = callsOf(d.opRecords, names);
  const out: Pick<Timeline, 'events' | 'windows' | 'points'> = { events: [], windows: [], points: [] };
  for (const p of d.premises) fromPremise(p, calls, out);
  const conclusion: Bindings = d.bindings;
  const culprits: TimelineCall[] = [];
  const points: TimelinePoint[] = [];
  for (const [name, b] of Object.entries(conclusion)) {
    if (isCallRef(b)) culprits.push(callFor(calls, b, 'culprit', 'ok'));
    else if (isTime(b)) points.push({ name, atMs: timeOf(b.ms), title: `${name} = ${formatBinding(b)}` });
  }
  const violated = violatedWindow(points, culprits, d.id);
  const processLanes = [...new Set(calls.map((c) => c.lane))].sort(laneOrder);
  const messageLanes = [...new Set([...out.events.map((e) => e.lane), ...out.windows.map((w) => w.lane)])];
  return {
    lanes: [...processLanes.map((id) => ({ id, kind: 'process' as const })), ...messageLanes.map((id) => ({ id, kind: 'message' as const }))],
    calls: calls.sort((a, b) => a.fromMs - b.fromMs || a.call - b.call),
    events: out.events,
    windows: out.windows,
    points: [...out.points, ...points],
    ...(violated ? { violated } : {}),
    ...(d.epsilonMs !== undefined ? { epsilonMs: d.epsilonMs } : {}),
  };
}

/** Every finite time the picture shows (the axis is built from them); whether anything reaches ∞. */
export function timelineTimes(t: Timeline): { times: number[]; unbounded: boolean } {
  const all: number[] = [];
  for (const c of t.calls) all.push(c.fromMs, ...(c.toMs === null ? [] : [c.toMs]));
  for (const e of t.events) all.push(e.fromMs, ...(e.toMs === null ? [] : [e.toMs]));
  for (const w of t.windows) all.push(w.fromMs, w.endFromMs, w.endToMs);
  for (const p of t.points) all.push(p.atMs);
  if (t.violated) all.push(t.violated.fromMs, t.violated.toMs);
  const times = all.filter((x) => Number.isFinite(x));
  return { times, unbounded: all.some((x) => x === Infinity) || t.calls.some((c) => c.toMs === null) };
}
