// Per-message search: is there an order of the message's events, and times within their windows,
// under which the reference model allows every observed response? Events are the send, the
// receives that returned the message, receives with unknown outcome (which may have returned it),
// and the uses of its receipt handles (deletes and visibility changes, single or batch entries).
// Times are variables of a difference-constraint solver; each model rule adds constraints or splits
// the search. Long polls add, at the end, the requirement that the message was not visible while
// they waited. The deepest failure is reported (Knossos style), as data: the rule it broke, the
// premises of the order tried, and the bindings of the conclusion. PURE.
import type { Call } from '../../../history/index.js';
import { sameError } from '../../../spec/errors.js';
import {
  allowedOutcomes,
  effectiveVisibilityTimeout,
  effectiveWaitTime,
  handleOutcomes,
  isLongPoll,
  visibilityCapError,
  visibilityCapLatestCallMs,
  type HandleStatus,
  type Outcome,
} from '../../../spec/model/index.js';
import type { QueueConfig } from '../../../spec/types.js';
import { num } from '../../num.js';
import { inputOf, toMs, type EntryResult, type HandleUse, type Hit, type TrackedMessage } from '../../prepare.js';
import { callRef, durationMs, expected, ms, seconds, text } from '../../refs.js';
import { at, Solver, UNBOUNDED, type Term } from '../../solver.js';
import type { Bindings, Gate, Markable, Premise } from '../../types.js';

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
  gate: Gate;
  /** Catalogue rank of an id: ties between failures at the same depth go to the more basic rule. */
  rank: (id: string) => number;
  epsilonMs: number;
  clockSkewMs: number;
  retentionSlackMs: number;
  wakeMs: number;
  /** The longest network delay the run showed (CheckOptions.networkDelayMs); 0 when absent. */
  networkDelayMs?: number;
  wallOffsetMs: number;
  /** Receives on the queue whose outcome is unknown (may have returned the message). */
  unknownReceives: Call[];
  /** Long polls on the queue (ok), sorted by invoke time. */
  longPolls: LongPoll[];
  /** The longest of those polls (ms), to bound the scan for overlapping ones. */
  maxPollMs: number;
  /** Handle uses whose effect is uncertain (the target accepted an invalid request): outcome unknown. */
  indeterminate: ReadonlySet<Markable>;
  maxNodes: number;
  /** Collects the ids whose situation arose on some order tried (rule coverage). */
  exercised?: Set<string> | undefined;
  /** The message's dead-letter queue, when its queue's RedrivePolicy names one of the history (sqs-semantics.md 5.5). */
  redrive?: RedriveInput | undefined;
  /** PurgeQueue calls on the message's queue that may have purged it (sqs-semantics.md 4.6). */
  purges?: readonly Call[];
  /** Message move tasks out of the queue that holds the message (its own, or its DLQ after a move): each may take it away (4.15). */
  moveTasks?: readonly { call: Call; where: 'source' | 'dlq' }[];
}

export interface RedriveInput {
  maxReceiveCount: number;
  /** The dead-letter queue's key and settings. */
  queueKey: string;
  queue: QueueConfig;
  longPolls: LongPoll[];
  maxPollMs: number;
  unknownReceives: Call[];
}

export interface SearchFailure {
  id: string;
  depth: number;
  calls: Call[];
  premises: Premise[];
  variant: string;
  bindings: Bindings;
}

export type SearchResult =
  | { kind: 'ok'; nodes: number }
  | { kind: 'fail'; nodes: number; failure: SearchFailure; byRule: Map<string, SearchFailure> }
  | { kind: 'budget'; nodes: number };

/**
 * Why the message is visible from a time on: sent, its delay ended, its visibility timeout ended,
 * a ChangeMessageVisibility, moved into its dead-letter queue; `movable`: visible in its source with
 * its receives used up, so a receive would move it instead of returning it (no poll must return it there).
 */
type Cause = 'send' | 'delay' | 'deadline' | 'cmv' | 'moved' | 'movable';
type Where = 'source' | 'dlq';

type Ev =
  | { kind: 'hit'; call: Call; v: number; hit: Hit; lo: number; hi: number; end: number; optional: false }
  | { kind: 'phantom'; call: Call; v: number; vt: number; lo: number; hi: number; end: number; optional: true }
  | { kind: 'use'; call: Call; v: number; use: HandleUse; handle: string; result: EntryResult; lo: number; hi: number; end: number; optional: false }
  /** A purge removing the message at some time up to 60 s after the call (4.6; 14 N10), or a move task taking it away (4.15). */
  | { kind: 'purge'; call: Call; v: number; lo: number; hi: number; end: number; optional: boolean; by: 'purge' | 'task'; where: 'source' | 'dlq' };

interface Interval {
  from: Term;
  cause: Cause;
  to?: Term;
  where: Where;
}

interface State {
  solver: Solver;
  placed: boolean[];
  depth: number;
  last: number;
  present: boolean;
  /** What removed it, when it is gone: a delete or a purge (which rule a later receive breaks). */
  goneBy: 'delete' | 'purge' | undefined;
  visibleFrom: Term;
  cause: Cause;
  /** Which queue holds the message, and when retention removes it there (earliest, latest). */
  where: Where;
  expiryEarliest: Term;
  expiryLatest: Term;
  intervals: Interval[];
  newest: string | undefined;
  handleReceive: Map<string, number>;
  /** Which queue's receive issued each handle. */
  handleWhere: Map<string, Where>;
  count: number;
  knownCount: number;
  firstReceive: number | undefined;
  trail: { call: Call; premise: Premise }[];
}

class BudgetExceeded extends Error {}

/** A purge may take up to 60 s to remove messages (sqs-semantics.md 4.6). */
const PURGE_WINDOW_MS = 60_000;

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
    case 'moved':
    case 'movable':
      return 'receive.empty-while-visible';
    case 'delay':
      return 'delay.invisible-too-long';
    case 'deadline':
      return 'visibility.invisible-too-long';
    case 'cmv':
      return 'visibility.change-not-applied';
  }
}

const SINCE: Record<Cause, string> = {
  send: 'sent',
  delay: 'delay ended',
  deadline: 'visibility timeout ended',
  cmv: 'ChangeMessageVisibility',
  moved: 'moved to its dead-letter queue',
  movable: 'its receives used up',
};

const STATUS_TEXT: Record<HandleStatus, string> = {
  inflight: 'current (message in flight)',
  expired: 'current (its timeout had lapsed)',
  stale: 'older than the newest receive',
  deleted: 'of a message already gone',
  unknown: 'never issued',
};

function outcomeText(r: EntryResult): string {
  return r.type === 'ok' ? 'succeeded' : r.type === 'fail' ? `failed with ${r.error.code}` : 'has an unknown outcome';
}

export function searchMessage(input: SearchInput): SearchResult {
  const { message: m, queue, gate, epsilonMs: eps } = input;
  const on = (id: string): boolean => gate.on(id);
  // FIFO queues deliver exactly once (sqs-semantics.md 9): an early redelivery or one after a
  // delete is a guaranteed fault there, with ids of their own, and lapsed handles fail.
  const kind = queue.fifo ? 'fifo' : 'standard';
  const deliveredAfterDeleteId = queue.fifo ? 'fifo.delivered-after-delete' : 'delete.not-effective';
  // Room for the send, each event and a few more made while searching (the matrix grows if needed).
  const solver = Solver.create(4 + m.hits.length + m.uses.length + 2 * (input.purges?.length ?? 0) + 4);
  const callEnd = (c: Call): number => (c.complete && c.complete.type !== 'info' ? toMs(c.end) : Number.POSITIVE_INFINITY);
  const window = (c: Call, end = callEnd(c)): [number, number] => [toMs(c.start) - eps, end < Number.POSITIVE_INFINITY ? end + eps : UNBOUNDED];
  // A move task's copy was sent by the task at some time after it started (4.15).
  const [sLo, sHi] = window(m.send, m.copyOf ? Number.POSITIVE_INFINITY : callEnd(m.send));
  const S = solver.addVar(sLo, sHi);
  const retentionMs = queue.messageRetentionPeriod * 1000;
  const redrive = input.redrive;

  // How much longer than ε the network may have held a long poll's request or its answer: without
  // limit when the poll overran its wait by more than ε (the server waits no longer than that, so
  // the network held it), else as long as the run's network was seen to hold a call.
  const heldMs = (c: Call, waitSeconds: number): number =>
    toMs(c.end - c.start) > waitSeconds * 1000 + eps ? UNBOUNDED : Math.max(0, (input.networkDelayMs ?? 0) - eps);
  // Receive return times are shared by a hit and that receive's long-poll quiet period.
  const returnVar = new Map<Call, number>();
  const receiveReturn = (c: Call, s: Solver): number => {
    let v = returnVar.get(c);
    if (v !== undefined) return v;
    const [lo, hi] = window(c);
    const wait = effectiveWaitTime(queue, num(inputOf(c).WaitTimeSeconds));
    // A long poll hands its messages back right before the response: within ε of completion,
    // unless the network held the answer.
    const loR = isLongPoll(wait) && hi < UNBOUNDED ? Math.max(lo, toMs(c.end) - eps - heldMs(c, wait)) : lo;
    v = s.addVar(loR, hi);
    returnVar.set(c, v);
    return v;
  };

  const events: Ev[] = [];
  for (const hit of m.hits) {
    const v = receiveReturn(hit.call, solver);
    const [lo, hi] = window(hit.call);
    events.push({ kind: 'hit', call: hit.call, v, hit, lo, hi, end: callEnd(hit.call), optional: false });
  }
  // A receive whose response was lost may have returned the message if it could still be running
  // after the send: started at most one long poll plus a request timeout before it.
  const candidatesUnknown = [...input.unknownReceives, ...(redrive?.unknownReceives ?? [])].filter((c) => toMs(c.start) + UNKNOWN_RECEIVE_REACH_MS >= sLo);
  if (candidatesUnknown.length > 8) return { kind: 'budget', nodes: 0 };
  for (const c of candidatesUnknown) {
    const v = receiveReturn(c, solver);
    const [lo, hi] = window(c);
    const vt = effectiveVisibilityTimeout(c.invoke.queue === m.queue || !redrive ? queue : redrive.queue, num(inputOf(c).VisibilityTimeout));
    events.push({ kind: 'phantom', call: c, v, vt, lo, hi, end: callEnd(c), optional: true });
  }
  for (const use of m.uses) {
    if (use.handle === undefined) continue;
    // An accepted invalid request: its effect is not defined by the model, so any outcome.
    const uncertain = input.indeterminate.has(use);
    const result: EntryResult = uncertain ? { type: 'unknown' } : use.result;
    const end = uncertain ? Number.POSITIVE_INFINITY : callEnd(use.call);
    const [lo, hi] = window(use.call, end);
    const v = solver.addVar(lo, hi);
    events.push({ kind: 'use', call: use.call, v, use, handle: use.handle, result, lo, hi, end, optional: false });
  }
  // A purge takes up to 60 s: it removes what was sent before it, and may remove what was sent
  // while it ran (sqs-semantics.md 4.6; 14 N10; aws-recorded-facts.md A12 item 113).
  for (const p of input.purges ?? []) {
    const known = p.complete?.type === 'ok';
    const pEnd = known ? toMs(p.end) : Number.POSITIVE_INFINITY;
    const lo = toMs(p.start) - eps;
    const hi = pEnd + PURGE_WINDOW_MS + eps;
    if (hi < sLo) continue; // over before the message existed
    const sentBefore = callEnd(m.send) < toMs(p.start) && m.sendKnown;
    const v = solver.addVar(Math.max(lo, sLo), hi < Number.POSITIVE_INFINITY ? hi : UNBOUNDED);
    if (v < 0) continue;
    events.push({ kind: 'purge', call: p, v, lo, hi, end: hi, optional: !(sentBefore && known), by: 'purge', where: 'source' });
  }
  for (const t of input.moveTasks ?? []) {
    const lo = toMs(t.call.start) - eps;
    const v = solver.addVar(Math.max(lo, sLo), UNBOUNDED);
    if (v < 0) continue;
    events.push({ kind: 'purge', call: t.call, v, lo, hi: UNBOUNDED, end: Number.POSITIVE_INFINITY, optional: true, by: 'task', where: t.where });
  }
  // Everything about the message happens after it was sent.
  for (const e of events) solver.le(at(S), at(e.v));

  let nodes = 0;
  let best: SearchFailure | undefined;
  let bestRank = Number.POSITIVE_INFINITY;
  const byRule = new Map<string, SearchFailure>();
  const sent: Premise = { kind: 'sent', message: m.name, send: callRef(m.send, m.sendEntry), delaySeconds: m.delaySeconds };

  const fail = (st: State, id: string, variant: string, bindings: Bindings, extra: Call[] = []): State[] => {
    const rank = input.rank(id);
    const prior = byRule.get(id);
    const isBest = !best || st.depth > best.depth || (st.depth === best.depth && rank < bestRank);
    if (isBest || !prior || st.depth > prior.depth) {
      const record: SearchFailure = {
        id,
        depth: st.depth,
        calls: [m.send, ...st.trail.map((t) => t.call), ...extra],
        premises: [sent, ...st.trail.map((t) => t.premise)],
        variant,
        bindings,
      };
      if (!prior || st.depth > prior.depth) byRule.set(id, record);
      if (isBest) {
        best = record;
        bestRank = rank;
      }
    }
    return [];
  };

  // Field by field (not a spread): one object shape for every state on the hot path.
  const branch = (st: State): State => ({
    solver: st.solver.clone(),
    placed: st.placed.slice(),
    depth: st.depth,
    last: st.last,
    present: st.present,
    goneBy: st.goneBy,
    visibleFrom: st.visibleFrom,
    cause: st.cause,
    where: st.where,
    expiryEarliest: st.expiryEarliest,
    expiryLatest: st.expiryLatest,
    intervals: st.intervals.slice(),
    newest: st.newest,
    handleReceive: new Map(st.handleReceive),
    handleWhere: new Map(st.handleWhere),
    count: st.count,
    knownCount: st.knownCount,
    firstReceive: st.firstReceive,
    trail: st.trail.slice(),
  });

  /** Ends the current visible period at `t` if the message can be visible then; both cases when unsure. */
  const hideAt = (st: State, t: Term): State[] => {
    const out: State[] = [];
    if (!st.present) return [st];
    if (st.solver.canLe(st.visibleFrom, t)) {
      const a = branch(st);
      if (a.solver.le(a.visibleFrom, t)) {
        a.intervals.push({ from: a.visibleFrom, cause: a.cause, to: t, where: a.where });
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
    // A handle of the source queue once the message moved: it is gone from that queue.
    if (st.handleWhere.get(handle) !== st.where) return [{ st, status: 'deleted' }];
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

  // Rows the model marks as deviations (allowed by the guarantees, contradicted by practice).
  const allowed = (outs: Outcome[]): Outcome[] => allowedOutcomes(outs, gate.deviationsAllowed ? 'guaranteed' : 'typical');

  /** Outcomes consistent with what the use returned; a recorded error text must match too. */
  const matching = (result: EntryResult, outs: Outcome[]): { outcomes: Outcome[]; textMismatch?: { got: string; want: string } } => {
    if (result.type === 'unknown') return { outcomes: outs };
    if (result.type === 'ok') return { outcomes: outs.filter((o) => o.response === 'ok') };
    const err = result.error;
    const same = outs.filter((o) => o.response !== 'ok' && sameError(o.response, err.code, err.type));
    if (on('error.wrong-message') && same.length > 0) {
      const exact = same.filter((o) => o.response === 'ok' || o.response.messageEvidence !== 'recorded' || o.response.message === err.message);
      if (exact.length === 0) {
        const e = same[0]!.response as Exclude<Outcome['response'], 'ok'>;
        return { outcomes: [], textMismatch: { got: err.message ?? '', want: e.message } };
      }
      return { outcomes: exact };
    }
    return { outcomes: same };
  };

  const applyEffect = (st: State, effect: Outcome['effect'], v: number, vt: number): State[] => {
    if (effect === 'none') return [st];
    if (effect === 'delete') {
      return hideAt(st, at(v)).map((s) => ({ ...s, present: false, goneBy: 'delete' as const }));
    }
    // set-visibility
    if (!st.present) return [st];
    return hideAt(st, at(v)).map((s) => ({ ...s, visibleFrom: at(v, vt * 1000), cause: 'cmv' as Cause }));
  };

  /**
   * The move into the dead-letter queue, at some time between the message becoming visible in its
   * source with its receives used up and `by` (the move is lazy: 5.5; 14 N18). Undefined (after
   * recording the failure) when the move cannot have happened by then.
   */
  const moveToDeadLetter = (st: State, by: Term, base: Bindings, call?: Call): State | undefined => {
    const r = redrive!;
    if (!st.present) {
      if (on(deliveredAfterDeleteId)) fail(st, deliveredAfterDeleteId, 'default', base, call ? [call] : []);
      return undefined;
    }
    if (st.count < r.maxReceiveCount && on('redrive.moved-early')) {
      fail(st, 'redrive.moved-early', 'default', { ...base, count: st.count, max: r.maxReceiveCount }, call ? [call] : []);
      return undefined;
    }
    const tm = st.solver.addVar(-UNBOUNDED, UNBOUNDED);
    if (!st.solver.le(at(tm), by)) return undefined;
    // Moved only once visible again; where standard queues may hand an in-flight message out early
    // (14 N1, only at `guaranteed`), the move may come early the same way.
    const inFlightId = queue.fifo ? 'fifo.redelivered-early' : 'redrive.moved-in-flight';
    input.exercised?.add(inFlightId);
    if (on(inFlightId) && !st.solver.le(st.visibleFrom, at(tm))) {
      const [fromLo] = st.solver.bounds(st.visibleFrom);
      fail(st, inFlightId, queue.fifo ? 'moved' : 'default', { ...base, invisibleUntil: ms(fromLo) }, call ? [call] : []);
      return undefined;
    }
    st.intervals.push({ from: st.visibleFrom, cause: 'movable', to: at(tm), where: 'source' });
    st.where = 'dlq';
    st.visibleFrom = at(tm);
    st.cause = 'moved';
    // Retention in the DLQ: from the original send (standard), from the move (FIFO) (5.5; 17).
    const dlqRetentionMs = r.queue.messageRetentionPeriod * 1000;
    const origin = r.queue.fifo ? tm : S;
    st.expiryEarliest = at(origin, dlqRetentionMs);
    st.expiryLatest = at(origin, dlqRetentionMs + input.retentionSlackMs);
    return st;
  };

  /**
   * A FIFO receive retried with its ReceiveRequestAttemptId returns the same message and handle and
   * restarts its visibility timeout, provided nothing changed it since (sqs-semantics.md 9): the
   * handle must still be the message's newest, the message still there.
   */
  const applyRetry = (st: State, e: Extract<Ev, { kind: 'hit' }>, here: Where): State[] => {
    input.exercised?.add('fifo.attempt-retry-differs');
    if (!st.present || st.newest !== e.hit.handle || st.where !== here) {
      if (on('fifo.attempt-retry-differs')) fail(st, 'fifo.attempt-retry-differs', 'stale', { call: callRef(e.call), message: m.name, first: callRef(e.hit.retryOf?.call ?? e.hit.retryOfUnknown!) }, [e.call]);
      return [];
    }
    return hideAt(st, at(e.v)).map((s) => {
      s.visibleFrom = at(e.v, e.hit.visibilityTimeout * 1000);
      s.cause = 'deadline';
      s.trail.push({ call: e.call, premise: { kind: 'received', message: m.name, receive: callRef(e.call), visibilityTimeout: e.hit.visibilityTimeout, count: s.count, known: true } });
      return s;
    });
  };

  // `st0` is the caller's own branch (explore made it for this event): no copy needed here.
  const applyHit = (st0: State, e: Extract<Ev, { kind: 'hit' | 'phantom' }>): State[] => {
    let st = st0;
    const v = e.v;
    const observed = e.kind === 'hit';
    const receive = callRef(e.call);
    const base = { receive, message: m.name };
    const here: Where = e.call.invoke.queue === m.queue ? 'source' : 'dlq';
    if (redrive) {
      // Dead-letter queues (sqs-semantics.md 5.5; aws-recorded-facts.md A6 items 40-41).
      if (here === 'source' && st.where === 'dlq') {
        input.exercised?.add('redrive.received-after-move');
        if (on('redrive.received-after-move')) return fail(st, 'redrive.received-after-move', 'default', { ...base, dlq: redrive.queueKey }, [e.call]);
      } else if (here === 'source' && st.present && st.count >= redrive.maxReceiveCount) {
        input.exercised?.add('redrive.not-moved');
        if (on('redrive.not-moved')) return fail(st, 'redrive.not-moved', 'default', { ...base, count: st.count + 1, max: redrive.maxReceiveCount }, [e.call]);
      } else if (here === 'dlq' && st.where === 'source') {
        input.exercised?.add('redrive.moved-early');
        const moved = moveToDeadLetter(st, at(v), base, e.call);
        if (!moved) return [];
        st = moved;
        // The source is polled again after the move: a correct target no longer returns it there.
        if (input.longPolls.some((p) => toMs(p.call.start) > callEnd(e.call))) input.exercised?.add('redrive.received-after-move');
      }
    }
    if (observed && e.hit.retryOf) return applyRetry(st, e, here);
    if (observed && e.hit.retryOfUnknown && st.present && st.where === here && st.newest === `#unknown-${e.hit.retryOfUnknown.invoke.index}`) {
      // The lost receive handed it out and this one repeats it: same message, its handle now known.
      const unknownHandle = st.newest;
      st.newest = e.hit.handle;
      st.handleReceive.set(e.hit.handle, st.handleReceive.get(unknownHandle)!);
      st.handleWhere.set(e.hit.handle, st.where);
      return applyRetry(st, e, here);
    }
    if (on('delay.visible-early')) {
      if (m.delaySeconds > 0) input.exercised?.add('delay.visible-early');
      if (!st.solver.le(at(S, m.delaySeconds * 1000), at(v))) {
        return fail(st, 'delay.visible-early', 'default', { ...base, returnedBy: ms(e.hi), delay: seconds(m.delaySeconds), sentFrom: ms(sLo) }, [e.call]);
      }
    }
    if (on('retention.expired-late') && !st.solver.le(at(v), st.expiryLatest)) {
      const retention = st.where === 'dlq' && redrive ? redrive.queue.messageRetentionPeriod : queue.messageRetentionPeriod;
      return fail(st, 'retention.expired-late', 'default', { ...base, retention: seconds(retention), slack: durationMs(input.retentionSlackMs) }, [e.call]);
    }
    let visibleStates: State[];
    if (!st.present) {
      const goneId = st.goneBy === 'purge' ? 'purge.message-survived' : deliveredAfterDeleteId;
      if (on(goneId)) return fail(st, goneId, 'default', base, [e.call]);
      visibleStates = [st]; // a duplicate delivery after delete (sqs-semantics.md 14 N1)
    } else {
      visibleStates = [];
      if (st.solver.canLe(st.visibleFrom, at(v))) {
        const a = branch(st);
        if (a.solver.le(a.visibleFrom, at(v))) {
          a.intervals.push({ from: a.visibleFrom, cause: a.cause, to: at(v), where: a.where });
          visibleStates.push(a);
        }
      }
      // The rule that forbids a receive before the message is visible again, by what hid it.
      const earlyId = st.cause === 'delay' ? 'delay.visible-early' : queue.fifo ? 'fifo.redelivered-early' : st.cause === 'cmv' ? 'visibility.change-not-applied' : 'visibility.redelivered-early';
      if (!on(earlyId) && st.cause !== 'send' && st.solver.canLe({ v, off: 1e-6 }, st.visibleFrom)) {
        const b = branch(st);
        if (b.solver.lt(at(v), b.visibleFrom)) visibleStates.push(b); // early redelivery allowed (N1), or the rule is relaxed
      }
      if (visibleStates.length === 0) {
        const [fromLo] = st.solver.bounds(st.visibleFrom);
        return fail(st, earlyId, 'default', { ...base, returnedBy: ms(e.hi), invisibleUntil: ms(fromLo), because: st.cause === 'cmv' ? 'set by ChangeMessageVisibility' : 'its visibility timeout' }, [e.call]);
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
            fail(s, 'receive-count.too-low', 'default', { ...base, count, known: s.knownCount }, [e.call]);
            continue;
          }
          if (on('receive-count.wrong') && count !== s.count) {
            fail(s, 'receive-count.wrong', 'default', { ...base, count, expected: s.count }, [e.call]);
            continue;
          }
        }
        const sentStamp = num(attrs.SentTimestamp);
        if (on('timestamp.sent-wrong') && sentStamp !== undefined) {
          const mono = sentStamp - input.wallOffsetMs;
          if (!s.solver.le(at(0, mono - input.clockSkewMs), at(S)) || !s.solver.le(at(S), at(0, mono + input.clockSkewMs))) {
            fail(s, 'timestamp.sent-wrong', 'default', { ...base, stamp: sentStamp, onOurClock: ms(mono), skew: durationMs(input.clockSkewMs), sentFrom: ms(sLo + eps), sentTo: ms(sHi - eps) }, [e.call]);
            continue;
          }
        }
        const first = num(attrs.ApproximateFirstReceiveTimestamp);
        if (on('timestamp.first-receive-wrong') && first !== undefined) {
          const mono = first - input.wallOffsetMs;
          const fv = s.firstReceive;
          if (!s.solver.le(at(0, mono - input.clockSkewMs), at(fv)) || !s.solver.le(at(fv), at(0, mono + input.clockSkewMs))) {
            fail(s, 'timestamp.first-receive-wrong', 'default', { ...base, stamp: first, onOurClock: ms(mono), skew: durationMs(input.clockSkewMs) }, [e.call]);
            continue;
          }
        }
      }
      s.newest = handle;
      s.handleReceive.set(handle, v);
      s.handleWhere.set(handle, s.where);
      // Its receives used up: the next receive in the source must move it (5.5).
      if (redrive && s.where === 'source' && s.count >= redrive.maxReceiveCount) input.exercised?.add('redrive.not-moved');
      s.visibleFrom = at(v, vt * 1000);
      s.cause = 'deadline';
      s.trail.push({ call: e.call, premise: { kind: 'received', message: m.name, receive, visibilityTimeout: vt, count: s.count, known: observed } });
      out.push(s);
    }
    return out;
  };

  const applyUse = (st0: State, e: Extract<Ev, { kind: 'use' }>): State[] => {
    const out: State[] = [];
    const isDelete = e.use.action === 'DeleteMessage';
    const vt = isDelete ? 0 : e.use.visibilityTimeout;
    const ref = callRef(e.call, e.use.entry);
    const verb = isDelete ? 'DeleteMessage' : `ChangeMessageVisibility(${vt} s)`;
    // A handle exists only once the receive that issued it has returned, and the client used it
    // after that, so the use cannot come first (ε-widened windows of a receive and a later call
    // overlap; without this a delete could be placed before its own receive).
    if (!st0.handleReceive.has(e.handle)) return out;
    for (const { st, status } of statuses(st0, e.handle, e.v)) {
      input.exercised?.add(isDelete ? (status === 'stale' ? 'delete.stale-handle-rejected' : 'delete.rejected') : status === 'stale' ? 'visibility.change-stale-handle-rejected' : status === 'deleted' ? 'visibility.change-deleted-accepted' : 'visibility.change-rejected');
      // Retention may already have removed the message (aws-recorded-facts.md A5 item 39).
      const variants: { st: State; status: HandleStatus }[] = [{ st, status }];
      if (!isDelete && st.present && st.solver.canLe(st.expiryEarliest, at(e.v))) {
        const gone = branch(st);
        if (gone.solver.le(gone.expiryEarliest, at(e.v))) variants.push({ st: { ...gone, present: false }, status: 'deleted' });
      }
      for (const variant of variants) {
        const caseStates: { st: State; outs: Outcome[]; capExceeded: boolean }[] = [];
        if (isDelete) {
          caseStates.push({ st: variant.st, outs: allowed(handleOutcomes(kind, 'DeleteMessage', variant.status, e.handle)), capExceeded: false });
        } else {
          const outs = allowed(handleOutcomes(kind, 'ChangeMessageVisibility', variant.status, e.handle));
          const recv = variant.st.handleReceive.get(e.handle);
          const sets = outs.some((o) => o.effect === 'set-visibility');
          if (!sets || recv === undefined) caseStates.push({ st: variant.st, outs, capExceeded: false });
          else {
            // 12-hour cap from the receive that issued the handle (sqs-semantics.md 4.11).
            const limit = at(recv, visibilityCapLatestCallMs(0, vt));
            if (variant.st.solver.canLe(at(e.v), limit)) {
              const a = branch(variant.st);
              if (a.solver.le(at(e.v), limit)) caseStates.push({ st: a, outs, capExceeded: false });
            }
            if (variant.st.solver.canLe({ ...limit, off: limit.off + 1e-6 }, at(e.v))) {
              const b = branch(variant.st);
              if (b.solver.lt(limit, at(e.v))) {
                input.exercised?.add('visibility.cap-not-enforced');
                const capError = visibilityCapError(vt);
                caseStates.push({ st: b, outs: [{ response: capError, effect: 'none', typical: true, source: capError.source }], capExceeded: true });
              }
            }
          }
        }
        for (const cs of caseStates) {
          const { outcomes, textMismatch } = matching(e.result, cs.outs);
          if (textMismatch) {
            fail(cs.st, 'error.wrong-message', 'default', { call: ref, got: text(textMismatch.got), expected: text(textMismatch.want) }, [e.call]);
            continue;
          }
          if (outcomes.length === 0) {
            const observedOk = e.result.type === 'ok';
            const errorText = e.result.type === 'fail' ? e.result.error.message ?? '' : '';
            let id: string;
            if (queue.fifo && (variant.status === 'expired' || variant.status === 'stale')) id = observedOk ? 'fifo.lapsed-handle-accepted' : 'error.wrong-code';
            else if (isDelete) id = variant.status === 'stale' ? 'delete.stale-handle-rejected' : 'delete.rejected';
            else if (observedOk) id = cs.capExceeded ? 'visibility.cap-not-enforced' : 'visibility.change-deleted-accepted';
            else if (variant.status === 'deleted') id = 'error.wrong-code';
            else if (/Total VisibilityTimeout/i.test(errorText)) id = 'visibility.cap-rejected-early';
            // At `guaranteed` the lapsed-handle errors are allowed (N16): another code is simply wrong.
            else if (variant.status === 'stale') id = gate.deviationsAllowed ? 'error.wrong-code' : 'visibility.change-stale-handle-rejected';
            else id = 'visibility.change-rejected';
            if (!on(id)) {
              // Rule switched off: the call may have had any effect the table knows, or none.
              const effects = new Set<Outcome['effect']>(['none', ...cs.outs.map((o) => o.effect)]);
              for (const effect of effects) for (const s2 of applyEffect(branch(cs.st), effect, e.v, vt)) out.push(s2);
              continue;
            }
            fail(cs.st, id, 'handle', {
              call: ref,
              verb,
              status: STATUS_TEXT[variant.status],
              outcome: outcomeText(e.result),
              expected: cs.outs.map((o) => (o.response === 'ok' ? 'success' : o.response.code)).join(' or '),
              capNote: cs.capExceeded ? ' (the 12-hour cap from the receive was exceeded)' : '',
              ...(cs.outs.length === 1 && cs.outs[0]!.response !== 'ok' ? { expectedError: expected(cs.outs[0]!.response) } : {}),
            }, [e.call]);
            continue;
          }
          const effects = new Set(outcomes.map((o) => o.effect));
          for (const effect of effects) {
            const base = effects.size > 1 ? branch(cs.st) : cs.st;
            for (const s of applyEffect(base, effect, e.v, vt)) {
              s.trail.push({
                call: e.call,
                premise: {
                  kind: 'handle',
                  use: ref,
                  action: e.use.action,
                  ...(isDelete ? {} : { visibilityTimeout: vt }),
                  outcome: e.result.type === 'fail' ? { code: e.result.error.code } : e.result.type === 'ok' ? 'ok' : 'unknown',
                  status: variant.status,
                  effect,
                },
              });
              out.push(s);
            }
          }
        }
      }
    }
    return out;
  };

  /** A purge of the message's queue: gone at v, wherever it was visible or in flight (item 113). */
  const applyPurge = (st: State, e: Extract<Ev, { kind: 'purge' }>): State[] => {
    if (e.by === 'purge') input.exercised?.add('purge.message-survived');
    if (!st.present || st.where !== e.where) return [st];
    return hideAt(st, at(e.v)).map((s) => {
      const fact = e.by === 'purge' ? '{purge} purge {message} (effective within 60 s of the call).' : '{purge} take {message} away to redrive it.';
      s.trail.push({ call: e.call, premise: { kind: 'fact', template: fact, values: { purge: callRef(e.call), message: m.name } } });
      s.present = false;
      s.goneBy = e.by === 'purge' ? 'purge' : 'delete';
      return s;
    });
  };

  /** Long polls must not have waited while the message was visible (in the queue that held it). */
  const quietHolds = (st: State): boolean => {
    // Read-only unless a move var or poll vars are added: clone only then.
    let s = st.solver;
    const own = () => (s === st.solver ? (s = st.solver.clone()) : s);
    const intervals = st.intervals.slice();
    const sourceExpiry = at(S, retentionMs);
    const expiryOf = (interval: Interval): Term => (interval.where === 'dlq' ? st.expiryEarliest : sourceExpiry);
    if (st.present) {
      if (redrive && st.where === 'source' && st.count >= redrive.maxReceiveCount) {
        // Its receives used up: the source's receives move it rather than return it, and the
        // source's final drain moved it at the latest; then the DLQ must return it (5.5; 14 N18).
        const tm = own().addVar(-UNBOUNDED, UNBOUNDED);
        s.le(st.visibleFrom, at(tm));
        const drain = input.longPolls.find((p) => p.finalDrain);
        if (drain && s.canLe(st.visibleFrom, at(0, toMs(drain.call.end) + eps))) s.le(at(tm), at(0, toMs(drain.call.end) + eps));
        intervals.push({ from: st.visibleFrom, cause: 'movable', to: at(tm), where: 'source' });
        intervals.push({ from: at(tm), cause: 'moved', where: 'dlq' });
      } else {
        intervals.push({ from: st.visibleFrom, cause: st.cause, where: st.where });
      }
    }
    type Pair = { poll: LongPoll; interval: Interval };
    const pairs: Pair[] = [];
    for (const interval of intervals) {
      // Visible in its source with its receives used up: a receive there moves it; nothing to return.
      if (interval.cause === 'movable') continue;
      const [fromLo] = s.bounds(interval.from);
      const toHi = interval.to ? s.bounds(interval.to)[1] : UNBOUNDED;
      const [, expHi] = s.bounds(expiryOf(interval));
      const end = Math.min(toHi, expHi);
      const inDlq = interval.where === 'dlq' && redrive !== undefined;
      // Polls are sorted by start and last at most maxPollMs: look only where they can overlap.
      const polls = inDlq ? redrive.longPolls : input.longPolls;
      const maxPollMs = inDlq ? redrive.maxPollMs : input.maxPollMs;
      for (let i = firstPollFrom(polls, fromLo - maxPollMs - 2 * eps); i < polls.length; i++) {
        const poll = polls[i]!;
        if (toMs(poll.call.start) - eps > end) break;
        // On FIFO a visible message may wait behind an earlier one of its group still in flight:
        // only the final drain (nothing left in flight) must return it.
        if (queue.fifo && !poll.finalDrain) continue;
        if (!on(quietRule(poll, interval))) continue;
        if (toMs(poll.call.end) + eps < fromLo) continue;
        pairs.push({ poll, interval });
      }
    }
    if (pairs.length === 0) return true;
    own();
    // The final drain first: a message visible at the end is lost, the most basic divergence.
    pairs.sort((a, b) => Number(b.poll.finalDrain) - Number(a.poll.finalDrain) || a.poll.call.start - b.poll.call.start);
    const quietVars = new Map<Call, { b: number; r: number }>();
    for (const { poll } of pairs) {
      if (quietVars.has(poll.call)) continue;
      // Vars made here live only in this clone: never store them in the shared map. The poll began
      // within ε of its invoke and answered within ε of its completion, unless the network held
      // the request or the answer (heldMs).
      const held = heldMs(poll.call, poll.waitSeconds);
      const [lo, hi] = window(poll.call);
      const r = returnVar.get(poll.call) ?? s.addVar(Math.max(lo, toMs(poll.call.end) - eps - held), hi);
      const b = s.addVar(lo, Math.min(hi, toMs(poll.call.start) + eps + held));
      s.le(at(b), at(r));
      if (poll.empty) s.le(at(b, poll.waitSeconds * 1000 - eps), at(r));
      // The server answers by the end of its wait: an overrun was the network's.
      if (held >= UNBOUNDED && s.canLe(at(r), at(b, poll.waitSeconds * 1000 + eps))) s.le(at(r), at(b, poll.waitSeconds * 1000 + eps));
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
      // The quiet period ends when the server answered (by the end of its wait, see above).
      const qEnd = at(q.r);
      const options: [Term, Term][] = [
        [qEnd, at(q.b, wake)], // the poll was too short to have to react
        [qEnd, { ...interval.from, off: interval.from.off + wake }], // it ended right after the message became visible
        [expiryOf(interval), at(q.b, wake)], // retention removed it before (or right after) the poll began
        [expiryOf(interval), { ...interval.from, off: interval.from.off + wake }],
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
      fail({ ...st, depth: st.depth + 1 }, quietRule(poll, interval), 'quiet', {
        poll: callRef(poll.call),
        what: poll.finalDrain ? 'the final poll of the drain' : poll.empty ? 'a long poll' : 'a long poll that returned late',
        wait: poll.waitSeconds,
        result: poll.empty ? 'returned no message' : `waited until ${Math.round(toMs(poll.call.end))} ms`,
        message: m.name,
        visibleFrom: ms(fromLo),
        visibleTo: ms(fromHi),
        since: SINCE[interval.cause],
        never: interval.to ? '' : ' and never received or deleted after that',
      }, [poll.call]);
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
    for (const i of unplaced) minEnd = Math.min(minEnd, events[i]!.end);
    const candidates = unplaced.filter((i) => toMs(events[i]!.call.start) <= minEnd);
    const earliestOptional = candidates.filter((i) => events[i]!.optional).sort((a, b) => events[a]!.lo - events[b]!.lo)[0];
    for (const i of candidates) {
      const e = events[i]!;
      const base = branch(st);
      base.placed[i] = true;
      if (!base.solver.le(at(base.last), at(e.v))) continue;
      base.last = e.v;
      base.depth += 1;
      const next = e.kind === 'use' ? applyUse(base, e) : e.kind === 'purge' ? applyPurge(base, e) : applyHit(base, e);
      for (const s of next) if (explore(s)) return true;
      if (e.optional && i === earliestOptional) {
        const skip = branch(st);
        skip.placed[i] = true;
        if (explore(skip)) return true;
      }
    }
    // With its receives used up, any receive of the source (even one whose answer shows nothing
    // of it) may have moved it to its dead-letter queue before the next event (5.5; 14 N18).
    if (redrive && st.where === 'source' && st.present && st.count >= redrive.maxReceiveCount) {
      const b = branch(st);
      const moved = moveToDeadLetter(b, at(0, UNBOUNDED), { message: m.name });
      if (moved && moved.solver.le(at(moved.last), moved.visibleFrom)) {
        moved.last = moved.visibleFrom.v;
        if (explore(moved)) return true;
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
    goneBy: undefined,
    newest: undefined,
    firstReceive: undefined,
    visibleFrom: at(S, m.delaySeconds * 1000),
    cause: m.delaySeconds > 0 ? 'delay' : 'send',
    where: 'source',
    expiryEarliest: at(S, retentionMs),
    expiryLatest: at(S, retentionMs + input.retentionSlackMs),
    intervals: [],
    handleReceive: new Map(),
    handleWhere: new Map(),
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
  return {
    kind: 'fail',
    nodes,
    failure: best ?? { id: 'message.lost', depth: 0, calls: [m.send], premises: [sent], variant: 'no-order', bindings: { message: m.name } },
    byRule,
  };
}
