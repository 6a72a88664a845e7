// Per-message search: is there an order of the message's events, and times within their windows,
// under which the reference model allows every observed response? Events are the send, the
// receives that returned the message, receives with unknown outcome (which may have returned it),
// and deletes / visibility changes with its receipt handles. Times are variables of a difference-
// constraint solver; each model rule adds constraints or splits the search. Long polls add, at the
// end, the requirement that the message was not visible while they waited. The deepest failure is
// reported (Knossos style), with the rule it broke. PURE.
import type { Call } from '../history/index.js';
import { sameError } from '../spec/errors.js';
import {
  changeVisibilityOutcomes,
  deleteMessageOutcomes,
  visibilityCapError,
  VISIBILITY_CAP_SECONDS,
  type HandleStatus,
  type Outcome,
} from '../spec/lifecycle.js';
import type { QueueConfig, Strictness } from '../spec/types.js';
import { catalogEntry } from '../catalog/index.js';
import { at, Solver, UNBOUNDED, type Term } from './solver.js';
import { num } from './num.js';
import { errorOf, inputOf, toMs, type Hit, type TrackedMessage } from './prepare.js';

export interface LongPoll {
  call: Call;
  waitSeconds: number;
  empty: boolean;
  /** The final empty poll of the drain: a message visible then is lost (guaranteed rule). */
  finalDrain: boolean;
}

export interface SearchInput {
  message: TrackedMessage;
  queue: QueueConfig;
  strictness: Strictness;
  epsilonMs: number;
  clockSkewMs: number;
  retentionSlackMs: number;
  wakeMs: number;
  wallOffsetMs: number;
  /** Receives on the queue whose outcome is unknown (may have returned the message). */
  unknownReceives: Call[];
  /** Long polls on the queue (ok), sorted by invoke time. */
  longPolls: LongPoll[];
  /** The longest of those polls (ms), to bound the scan for overlapping ones. */
  maxPollMs: number;
  maxNodes: number;
  /** Rules switched off, to find which single rule a failing history breaks. */
  relaxed?: ReadonlySet<string>;
}

export interface SearchFailure {
  id: string;
  depth: number;
  calls: Call[];
  explanation: string[];
}

export type SearchResult =
  | { kind: 'ok'; nodes: number }
  | { kind: 'fail'; nodes: number; failure: SearchFailure; byRule: Map<string, SearchFailure> }
  | { kind: 'budget'; nodes: number };

type Cause = 'send' | 'delay' | 'deadline' | 'cmv';

type Ev =
  | { kind: 'hit'; call: Call; v: number; hit: Hit; lo: number; hi: number; optional: false }
  | { kind: 'phantom'; call: Call; v: number; vt: number; lo: number; hi: number; optional: true }
  | { kind: 'delete'; call: Call; v: number; handle: string; lo: number; hi: number; optional: false }
  | { kind: 'cmv'; call: Call; v: number; handle: string; vt: number; lo: number; hi: number; optional: false };

interface Interval {
  from: Term;
  cause: Cause;
  to?: Term;
}

interface State {
  solver: Solver;
  placed: boolean[];
  depth: number;
  last: number;
  present: boolean;
  visibleFrom: Term;
  cause: Cause;
  intervals: Interval[];
  newest?: string;
  handleReceive: Map<string, number>;
  count: number;
  knownCount: number;
  firstReceive?: number;
  trail: { call: Call; text: string }[];
}

class BudgetExceeded extends Error {}

/** Completion time in ms, or +∞ for a call whose outcome is unknown. */
function rawEnd(c: Call): number {
  return c.complete && c.complete.type !== 'info' ? toMs(c.end) : Number.POSITIVE_INFINITY;
}

/** 20 s longest wait + 30 s request timeout + margin (sqs-semantics.md 4.9; the ports' timeout). */
const UNKNOWN_RECEIVE_REACH_MS = 60_000;

/** Index of the first poll starting at or after `ms` (polls sorted by start). */
function firstPollFrom(polls: LongPoll[], ms: number): number {
  let lo = 0;
  let hi = polls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (toMs(polls[mid]!.call.start) < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Which rule a long poll breaks when it waited while the message was visible. */
function quietRule(poll: LongPoll, interval: Interval): string {
  if (poll.finalDrain) return 'message.lost';
  switch (interval.cause) {
    case 'send':
      return 'receive.empty-while-visible';
    case 'delay':
      return 'delay.invisible-too-long';
    case 'deadline':
      return 'visibility.invisible-too-long';
    case 'cmv':
      return 'visibility.change-not-applied';
  }
}

const fmt = (ms: number): string => (Math.abs(ms) >= UNBOUNDED / 10 ? '∞' : `${Math.round(ms)} ms`);


export function searchMessage(input: SearchInput): SearchResult {
  const { message: m, queue, strictness, epsilonMs: eps } = input;
  const typical = strictness === 'typical';
  const solver = Solver.create(32);
  const window = (c: Call): [number, number] => [
    toMs(c.start) - eps,
    c.complete && c.complete.type !== 'info' ? toMs(c.end) + eps : UNBOUNDED,
  ];
  const [sLo, sHi] = window(m.send);
  const S = solver.addVar(sLo, sHi);
  const retentionMs = queue.messageRetentionPeriod * 1000;
  const expiryEarliest = at(S, retentionMs);
  const expiryLatest = at(S, retentionMs + input.retentionSlackMs);

  // Receive return times are shared by a hit and that receive's long-poll quiet period.
  const returnVar = new Map<Call, number>();
  const startVar = new Map<Call, number>();
  const receiveReturn = (c: Call, s: Solver): number => {
    let v = returnVar.get(c);
    if (v !== undefined) return v;
    const [lo, hi] = window(c);
    const wait = num(inputOf(c).WaitTimeSeconds) ?? queue.receiveMessageWaitTimeSeconds;
    // A long poll hands its messages back right before the response: within ε of completion.
    const loR = wait > 0 && hi < UNBOUNDED ? Math.max(lo, toMs(c.end) - eps) : lo;
    v = s.addVar(loR, hi);
    returnVar.set(c, v);
    return v;
  };

  const events: Ev[] = [];
  for (const hit of m.hits) {
    const v = receiveReturn(hit.call, solver);
    const [lo, hi] = window(hit.call);
    events.push({ kind: 'hit', call: hit.call, v, hit, lo, hi, optional: false });
  }
  // A receive whose response was lost may have returned the message if it could still be running
  // after the send: started at most one long poll plus a request timeout before it.
  const candidatesUnknown = input.unknownReceives.filter((c) => toMs(c.start) + UNKNOWN_RECEIVE_REACH_MS >= sLo);
  if (candidatesUnknown.length > 8) return { kind: 'budget', nodes: 0 };
  for (const c of candidatesUnknown) {
    const v = receiveReturn(c, solver);
    const [lo, hi] = window(c);
    const vt = num(inputOf(c).VisibilityTimeout) ?? queue.visibilityTimeout;
    events.push({ kind: 'phantom', call: c, v, vt, lo, hi, optional: true });
  }
  for (const c of m.handleCalls) {
    const [lo, hi] = window(c);
    const v = solver.addVar(lo, hi);
    const handle = String(inputOf(c).ReceiptHandle);
    if (c.invoke.f === 'DeleteMessage') events.push({ kind: 'delete', call: c, v, handle, lo, hi, optional: false });
    else events.push({ kind: 'cmv', call: c, v, handle, vt: num(inputOf(c).VisibilityTimeout) ?? 0, lo, hi, optional: false });
  }
  // Everything about the message happens after it was sent.
  for (const e of events) solver.le(at(S), at(e.v));

  let nodes = 0;
  let best: SearchFailure | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  const byRule = new Map<string, SearchFailure>();
  // Fix (checker corpus): at `guaranteed` strictness the catalogue's `typical` rules are off, as in
  // the per-call checks. Most are already guarded by `typical &&`; the handle-call path was not, so
  // a CMV accepted after a delete was reported as the typical visibility.change-deleted-accepted.
  const on = (id: string): boolean => !input.relaxed?.has(id) && (typical || catalogEntry(id).strictness === 'guaranteed');
  const fail = (st: State, id: string, text: string, extra: Call[] = []): State[] => {
    const rank = catalogEntry(id).rank;
    const prior = byRule.get(id);
    const isBest = !best || st.depth > best.depth || (st.depth === best.depth && rank < bestRank);
    if (isBest || !prior || st.depth > prior.depth) {
      const record: SearchFailure = {
        id,
        depth: st.depth,
        calls: [m.send, ...st.trail.map((t) => t.call), ...extra],
        explanation: [
          `Let ${m.name} be the message sent by op ${m.send.invoke.index} (${m.send.invoke.process}, ${fmt(toMs(m.send.start))}–${fmt(toMs(m.send.end))}${m.delaySeconds > 0 ? `, delay ${m.delaySeconds} s` : ''}).`,
          ...st.trail.map((t) => `Let ${t.text}`),
          `Then ${text}`,
        ],
      };
      if (!prior || st.depth > prior.depth) byRule.set(id, record);
      if (isBest) {
        best = record;
        bestRank = rank;
      }
    }
    return [];
  };

  const describe = (c: Call) => `op ${c.invoke.index} (${c.invoke.process} ${c.invoke.f}, ${fmt(toMs(c.start))}–${c.complete ? fmt(toMs(c.end)) : '?'})`;

  const branch = (st: State): State => ({
    ...st,
    solver: st.solver.clone(),
    placed: st.placed.slice(),
    intervals: st.intervals.slice(),
    handleReceive: new Map(st.handleReceive),
    trail: st.trail.slice(),
  });

  /** Ends the current visible period at `t` if the message can be visible then; both cases when unsure. */
  const hideAt = (st: State, t: Term): State[] => {
    const out: State[] = [];
    if (!st.present) return [st];
    if (st.solver.canLe(st.visibleFrom, t)) {
      const a = branch(st);
      if (a.solver.le(a.visibleFrom, t)) {
        a.intervals.push({ from: a.visibleFrom, cause: a.cause, to: t });
        out.push(a);
      }
    }
    if (st.solver.canLe({ v: t.v, off: t.off + 1e-6 }, st.visibleFrom)) {
      const b = branch(st);
      if (b.solver.lt(t, b.visibleFrom)) out.push(b);
    }
    return out;
  };

  const statuses = (st: State, handle: string, v: number): { st: State; status: HandleStatus }[] => {
    if (!st.present) return [{ st, status: 'deleted' }];
    if (handle !== st.newest) return [{ st, status: 'stale' }];
    const out: { st: State; status: HandleStatus }[] = [];
    if (st.solver.canLe({ v, off: 1e-6 }, st.visibleFrom)) {
      const a = branch(st);
      if (a.solver.lt(at(v), a.visibleFrom)) out.push({ st: a, status: 'inflight' });
    }
    if (st.solver.canLe(st.visibleFrom, at(v))) {
      const b = branch(st);
      // The message is visible at v; the effect (if any) closes the visible period at v.
      if (b.solver.le(b.visibleFrom, at(v))) out.push({ st: b, status: 'expired' });
    }
    return out;
  };

  const allowed = (outs: Outcome[]): Outcome[] => (typical ? outs.filter((o) => !o.deviation) : outs);

  /** Outcomes consistent with what the call returned; `text` guard for recorded error texts. */
  const matching = (st: State, call: Call, outs: Outcome[]): { outcomes: Outcome[]; textMismatch?: string } => {
    const c = call.complete;
    if (!c || c.type === 'info') return { outcomes: outs };
    if (c.type === 'ok') return { outcomes: outs.filter((o) => o.response === 'ok') };
    const err = errorOf(call)!;
    const same = outs.filter((o) => o.response !== 'ok' && sameError(o.response, err.code, err.type));
    if (typical && on('error.wrong-message') && same.length > 0) {
      const exact = same.filter((o) => o.response === 'ok' || o.response.messageEvidence !== 'recorded' || o.response.message === err.message);
      if (exact.length === 0) {
        const e = same[0]!.response as Exclude<Outcome['response'], 'ok'>;
        return { outcomes: [], textMismatch: `the error text was "${err.message ?? ''}" where AWS says "${e.message}".` };
      }
      return { outcomes: exact };
    }
    void st;
    return { outcomes: same };
  };

  const applyEffect = (st: State, effect: Outcome['effect'], v: number, vt: number): State[] => {
    if (effect === 'none') return [st];
    if (effect === 'delete') {
      return hideAt(st, at(v)).map((s) => ({ ...s, present: false }));
    }
    // set-visibility
    if (!st.present) return [st];
    return hideAt(st, at(v)).map((s) => ({ ...s, visibleFrom: at(v, vt * 1000), cause: 'cmv' as Cause }));
  };

  const applyHit = (st0: State, e: Extract<Ev, { kind: 'hit' | 'phantom' }>): State[] => {
    const st = branch(st0);
    const v = e.v;
    const observed = e.kind === 'hit';
    const label = observed ? `${describe(e.call)} receive ${m.name}` : `${describe(e.call)} (outcome unknown) have received ${m.name}`;
    if (on('delay.visible-early') && !st.solver.le(at(S, m.delaySeconds * 1000), at(v))) {
      return fail(st, 'delay.visible-early', `${describe(e.call)} returned ${m.name} at most at ${fmt(e.hi)}, before its delay of ${m.delaySeconds} s could have passed (sent at ${fmt(sLo)} at the earliest).`, [e.call]);
    }
    if (typical && on('retention.expired-late') && !st.solver.le(at(v), expiryLatest)) {
      return fail(st, 'retention.expired-late', `${describe(e.call)} returned ${m.name} after its retention of ${queue.messageRetentionPeriod} s (plus ${input.retentionSlackMs} ms slack) had ended.`, [e.call]);
    }
    let visibleStates: State[];
    if (!st.present) {
      if (typical && on('delete.not-effective')) return fail(st, 'delete.not-effective', `${describe(e.call)} returned ${m.name} although a DeleteMessage of it had already succeeded.`, [e.call]);
      visibleStates = [st]; // a duplicate delivery after delete (sqs-semantics.md 14 N1)
    } else {
      visibleStates = [];
      if (st.solver.canLe(st.visibleFrom, at(v))) {
        const a = branch(st);
        if (a.solver.le(a.visibleFrom, at(v))) {
          a.intervals.push({ from: a.visibleFrom, cause: a.cause, to: at(v) });
          visibleStates.push(a);
        }
      }
      const earlyId = st.cause === 'cmv' ? 'visibility.change-not-applied' : 'visibility.redelivered-early';
      if ((!typical || !on(earlyId)) && (st.cause === 'deadline' || st.cause === 'cmv') && st.solver.canLe({ v, off: 1e-6 }, st.visibleFrom)) {
        const b = branch(st);
        if (b.solver.lt(at(v), b.visibleFrom)) visibleStates.push(b); // early redelivery allowed (N1)
      }
      if (visibleStates.length === 0) {
        const [fromLo] = st.solver.bounds(st.visibleFrom);
        const id = st.cause === 'cmv' ? 'visibility.change-not-applied' : 'visibility.redelivered-early';
        return fail(st, id, `${describe(e.call)} returned ${m.name} at most at ${fmt(e.hi)}, but it was invisible until at least ${fmt(fromLo)} (${st.cause === 'cmv' ? 'set by ChangeMessageVisibility' : 'its visibility timeout'}).`, [e.call]);
      }
    }
    const out: State[] = [];
    for (const s of visibleStates) {
      const handle = observed ? e.hit.handle : `#unknown-${e.call.invoke.index}`;
      const vt = observed ? e.hit.visibilityTimeout : e.vt;
      s.count += 1;
      if (observed) s.knownCount += 1;
      s.firstReceive ??= v;
      if (observed) {
        const attrs = e.hit.attributes;
        const count = num(attrs.ApproximateReceiveCount);
        if (count !== undefined) {
          if (on('receive-count.too-low') && count < s.knownCount) {
            fail(s, 'receive-count.too-low', `${describe(e.call)} reported ApproximateReceiveCount ${count}, but ${s.knownCount} receives returned ${m.name} by then.`, [e.call]);
            continue;
          }
          if (typical && on('receive-count.wrong') && count !== s.count) {
            fail(s, 'receive-count.wrong', `${describe(e.call)} reported ApproximateReceiveCount ${count}, but in this order of events it is receive number ${s.count}.`, [e.call]);
            continue;
          }
        }
        const sent = num(attrs.SentTimestamp);
        if (typical && on('timestamp.sent-wrong') && sent !== undefined) {
          const mono = sent - input.wallOffsetMs;
          if (!s.solver.le(at(0, mono - input.clockSkewMs), at(S)) || !s.solver.le(at(S), at(0, mono + input.clockSkewMs))) {
            fail(s, 'timestamp.sent-wrong', `${describe(e.call)} reported SentTimestamp ${sent}, ${fmt(mono)} on our clock, which is not within ${input.clockSkewMs} ms of the send (${fmt(sLo + eps)}–${fmt(sHi - eps)}).`, [e.call]);
            continue;
          }
        }
        const first = num(attrs.ApproximateFirstReceiveTimestamp);
        if (typical && on('timestamp.first-receive-wrong') && first !== undefined) {
          const mono = first - input.wallOffsetMs;
          const fv = s.firstReceive;
          if (!s.solver.le(at(0, mono - input.clockSkewMs), at(fv)) || !s.solver.le(at(fv), at(0, mono + input.clockSkewMs))) {
            fail(s, 'timestamp.first-receive-wrong', `${describe(e.call)} reported ApproximateFirstReceiveTimestamp ${first}, ${fmt(mono)} on our clock, which is not within ${input.clockSkewMs} ms of the first receive of ${m.name}.`, [e.call]);
            continue;
          }
        }
      }
      s.newest = handle;
      s.handleReceive.set(handle, v);
      s.visibleFrom = at(v, vt * 1000);
      s.cause = 'deadline';
      s.trail.push({ call: e.call, text: `${label} with VisibilityTimeout ${vt} s (receive ${s.count}).` });
      out.push(s);
    }
    return out;
  };

  const applyHandleCall = (st0: State, e: Extract<Ev, { kind: 'delete' | 'cmv' }>): State[] => {
    const out: State[] = [];
    const isDelete = e.kind === 'delete';
    const vt = e.kind === 'cmv' ? e.vt : 0;
    const verb = isDelete ? 'DeleteMessage' : `ChangeMessageVisibility(${vt} s)`;
    const outcomeText = e.call.complete?.type === 'ok' ? 'succeeded' : e.call.complete?.type === 'fail' ? `failed with ${errorOf(e.call)!.code}` : 'has an unknown outcome';
    // Fix (checker corpus): a handle exists only once the receive that issued it has returned, and
    // the client used it after that, so the call cannot come first. The ε-widened windows of a
    // receive and a later call 100 ms after it overlap; without this the search put a delete before
    // its own receive, read the handle as "stale" (ok, no effect) and missed delete.not-effective,
    // or blamed the wrong rule.
    if (!st0.handleReceive.has(e.handle)) return out;
    for (const { st, status } of statuses(st0, e.handle, e.v)) {
      // Retention may already have removed the message (aws-recorded-facts.md A5 item 39).
      const variants: { st: State; status: HandleStatus }[] = [{ st, status }];
      if (!isDelete && st.present && st.solver.canLe(expiryEarliest, at(e.v))) {
        const gone = branch(st);
        if (gone.solver.le(expiryEarliest, at(e.v))) variants.push({ st: { ...gone, present: false }, status: 'deleted' });
      }
      for (const variant of variants) {
        const caseStates: { st: State; outs: Outcome[]; capExceeded: boolean }[] = [];
        if (isDelete) {
          caseStates.push({ st: variant.st, outs: allowed(deleteMessageOutcomes(variant.status, e.handle)), capExceeded: false });
        } else {
          const outs = allowed(changeVisibilityOutcomes(variant.status, e.handle));
          const recv = variant.st.handleReceive.get(e.handle);
          const sets = outs.some((o) => o.effect === 'set-visibility');
          if (!sets || recv === undefined) caseStates.push({ st: variant.st, outs, capExceeded: false });
          else {
            // 12-hour cap from the receive that issued the handle (sqs-semantics.md 4.11).
            const limit = at(recv, (VISIBILITY_CAP_SECONDS - vt) * 1000);
            if (variant.st.solver.canLe(at(e.v), limit)) {
              const a = branch(variant.st);
              if (a.solver.le(at(e.v), limit)) caseStates.push({ st: a, outs, capExceeded: false });
            }
            if (variant.st.solver.canLe({ ...limit, off: limit.off + 1e-6 }, at(e.v))) {
              const b = branch(variant.st);
              if (b.solver.lt(limit, at(e.v))) {
                const capError = visibilityCapError(vt);
                caseStates.push({ st: b, outs: [{ response: capError, effect: 'none', typical: true, source: capError.source }], capExceeded: true });
              }
            }
          }
        }
        for (const cs of caseStates) {
          const { outcomes, textMismatch } = matching(cs.st, e.call, cs.outs);
          if (textMismatch) {
            fail(cs.st, 'error.wrong-message', `${describe(e.call)} ${verb} ${outcomeText}: ${textMismatch}`, [e.call]);
            continue;
          }
          if (outcomes.length === 0) {
            const observedOk = e.call.complete?.type === 'ok';
            let id: string;
            if (isDelete) id = variant.status === 'stale' ? 'delete.stale-handle-rejected' : 'delete.rejected';
            else if (observedOk) id = cs.capExceeded ? 'visibility.cap-not-enforced' : 'visibility.change-deleted-accepted';
            else if (variant.status === 'deleted') id = 'error.wrong-code';
            else if (/Total VisibilityTimeout/i.test(errorOf(e.call)?.message ?? '')) id = 'visibility.cap-rejected-early';
            else if (variant.status === 'stale') id = typical ? 'visibility.change-stale-handle-rejected' : 'error.wrong-code';
            else id = 'visibility.change-rejected';
            if (!on(id)) {
              // Rule switched off: the call may have had any effect the table knows, or none.
              const effects = new Set<Outcome['effect']>(['none', ...cs.outs.map((o) => o.effect)]);
              for (const effect of effects) for (const s2 of applyEffect(branch(cs.st), effect, e.v, vt)) out.push(s2);
              continue;
            }
            const expectedText = cs.outs.map((o) => (o.response === 'ok' ? 'success' : o.response.code)).join(' or ');
            fail(cs.st, id, `${describe(e.call)} ${verb} with a handle that was ${variant.status === 'inflight' ? 'current (message in flight)' : variant.status === 'expired' ? 'current (its timeout had lapsed)' : variant.status === 'stale' ? 'older than the newest receive' : 'of a message already gone'} ${outcomeText}; SQS answers ${expectedText}${cs.capExceeded ? ' (the 12-hour cap from the receive was exceeded)' : ''}.`, [e.call]);
            continue;
          }
          const effects = new Set(outcomes.map((o) => o.effect));
          for (const effect of effects) {
            const base = effects.size > 1 ? branch(cs.st) : cs.st;
            for (const s of applyEffect(base, effect, e.v, vt)) {
              s.trail.push({ call: e.call, text: `${describe(e.call)} ${verb} ${outcomeText} (handle ${variant.status}${effect !== 'none' ? `, ${effect}` : ''}).` });
              out.push(s);
            }
          }
        }
      }
    }
    return out;
  };

  /** Long polls must not have waited while the message was visible. */
  const quietHolds = (st: State): boolean => {
    const intervals = st.intervals.slice();
    if (st.present) intervals.push({ from: st.visibleFrom, cause: st.cause });
    type Pair = { poll: LongPoll; interval: Interval };
    const pairs: Pair[] = [];
    for (const interval of intervals) {
      const [fromLo] = st.solver.bounds(interval.from);
      const toHi = interval.to ? st.solver.bounds(interval.to)[1] : UNBOUNDED;
      const [, expHi] = st.solver.bounds(expiryEarliest);
      const end = Math.min(toHi, expHi);
      // Polls are sorted by start and last at most maxPollMs: look only where they can overlap.
      const polls = input.longPolls;
      for (let i = firstPollFrom(polls, fromLo - input.maxPollMs - 2 * eps); i < polls.length; i++) {
        const poll = polls[i]!;
        if (toMs(poll.call.start) - eps > end) break;
        if (poll.finalDrain ? false : !typical) continue;
        if (!on(quietRule(poll, interval))) continue;
        if (toMs(poll.call.end) + eps < fromLo) continue;
        pairs.push({ poll, interval });
      }
    }
    if (pairs.length === 0) return true;
    // The final drain first: a message visible at the end is lost, the most basic divergence.
    pairs.sort((a, b) => Number(b.poll.finalDrain) - Number(a.poll.finalDrain) || a.poll.call.start - b.poll.call.start);
    const s = st.solver.clone();
    const quietVars = new Map<Call, { b: number; r: number }>();
    for (const { poll } of pairs) {
      if (quietVars.has(poll.call)) continue;
      // Vars made here live only in this clone: never store them in the shared map.
      const r = returnVar.get(poll.call) ?? s.addVar(Math.max(window(poll.call)[0], toMs(poll.call.end) - eps), window(poll.call)[1]);
      const [lo] = window(poll.call);
      const b = s.addVar(lo, toMs(poll.call.start) + eps);
      s.le(at(b), at(r));
      if (poll.empty) s.le(at(b, poll.waitSeconds * 1000 - eps), at(r));
      quietVars.set(poll.call, { b, r });
    }
    const solve = (i: number, solver: Solver): boolean => {
      if (i === pairs.length) return true;
      if (++nodes > input.maxNodes) throw new BudgetExceeded();
      const { poll, interval } = pairs[i]!;
      const q = quietVars.get(poll.call)!;
      // A violation needs the message visible for at least `wake` while the poll waited: with
      // several consumers, a message visible for a moment may go to another poll.
      // The wake tolerance is never below ε, which grows with this run's measured latencies.
      const wake = Math.max(input.wakeMs, eps);
      // A poll that overran its wait by more than ε was late answering, not waiting: the server
      // stops waiting after WaitTimeSeconds, so the quiet period ends there at the latest.
      const overran = toMs(poll.call.end - poll.call.start) > poll.waitSeconds * 1000 + eps;
      const qEnd = overran ? at(q.b, poll.waitSeconds * 1000) : at(q.r);
      const options: [Term, Term][] = [
        [qEnd, at(q.b, wake)], // the poll was too short to have to react
        [qEnd, { ...interval.from, off: interval.from.off + wake }], // it ended right after the message became visible
        [expiryEarliest, at(q.b, wake)], // retention removed it before (or right after) the poll began
        [expiryEarliest, { ...interval.from, off: interval.from.off + wake }],
      ];
      if (interval.to) {
        options.push([interval.to, at(q.b, wake)]); // hidden again before (or right after) the poll began
        options.push([interval.to, { ...interval.from, off: interval.from.off + wake }]); // visible only for a moment
      }
      for (const [a, b] of options) {
        if (solver.mustLe(a, b)) return solve(i + 1, solver);
      }
      for (const [a, b] of options) {
        if (!solver.canLe(a, b)) continue;
        const next = solver.clone();
        if (next.le(a, b) && solve(i + 1, next)) return true;
      }
      const [fromLo, fromHi] = solver.bounds(interval.from);
      const id = quietRule(poll, interval);
      const what = poll.finalDrain ? 'the final poll of the drain' : poll.empty ? 'a long poll' : 'a long poll that returned late';
      fail(
        { ...st, depth: st.depth + 1 },
        id,
        `${describe(poll.call)}, ${what} (WaitTimeSeconds ${poll.waitSeconds}), ${poll.empty ? 'returned no message' : `waited until ${fmt(toMs(poll.call.end))}`} although ${m.name} was visible from ${fmt(fromLo)}–${fmt(fromHi)} (${interval.cause === 'send' ? 'sent' : interval.cause === 'delay' ? 'delay ended' : interval.cause === 'deadline' ? 'visibility timeout ended' : 'ChangeMessageVisibility'})${interval.to ? '' : ' and never received or deleted after that'}.`,
        [poll.call],
      );
      return false;
    };
    return solve(0, s);
  };

  const explore = (st: State): boolean => {
    if (++nodes > input.maxNodes) throw new BudgetExceeded();
    const unplaced = events.map((_, i) => i).filter((i) => !st.placed[i]);
    if (unplaced.length === 0) return quietHolds(st);
    // Real-time order: a call that completed before another was invoked took effect first (the
    // client saw its answer before sending the next). The tolerance ε widens *when* an effect
    // happened, never this order, so candidates use the raw invoke and completion times.
    let minEnd = Number.POSITIVE_INFINITY;
    for (const i of unplaced) minEnd = Math.min(minEnd, rawEnd(events[i]!.call));
    const candidates = unplaced.filter((i) => toMs(events[i]!.call.start) <= minEnd);
    const earliestOptional = candidates.filter((i) => events[i]!.optional).sort((a, b) => events[a]!.lo - events[b]!.lo)[0];
    for (const i of candidates) {
      const e = events[i]!;
      const base = branch(st);
      base.placed[i] = true;
      if (!base.solver.le(at(base.last), at(e.v))) continue;
      base.last = e.v;
      base.depth += 1;
      const next = e.kind === 'hit' || e.kind === 'phantom' ? applyHit(base, e) : applyHandleCall(base, e);
      for (const s of next) if (explore(s)) return true;
      if (e.optional && i === earliestOptional) {
        const skip = branch(st);
        skip.placed[i] = true;
        if (explore(skip)) return true;
      }
    }
    return false;
  };

  const init: State = {
    solver,
    placed: events.map(() => false),
    depth: 0,
    last: S,
    present: true,
    visibleFrom: at(S, m.delaySeconds * 1000),
    cause: m.delaySeconds > 0 ? 'delay' : 'send',
    intervals: [],
    handleReceive: new Map(),
    count: 0,
    knownCount: 0,
    trail: [],
  };
  try {
    if (explore(init)) return { kind: 'ok', nodes };
  } catch (e) {
    if (e instanceof BudgetExceeded) return { kind: 'budget', nodes };
    throw e;
  }
  return { kind: 'fail', nodes, failure: best ?? { id: 'message.lost', depth: 0, calls: [m.send], explanation: [`${m.name}: no order of its events fits the model.`] }, byRule };
}
