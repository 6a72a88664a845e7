// history + model + tolerance → verdict. Accounting (identities), per-call checks, then a search
// per message; every divergence is graded against a wider tolerance and ordered by the catalogue's
// implies-graph. PURE.
import type { Call, History } from '../history/index.js';
import { CATALOG, catalogEntry } from '../catalog/index.js';
import { num } from './num.js';
import { checkCalls, type OpFinding } from './oplevel.js';
import { inputOf, outputOf, prepare, toMs, type Prepared, type TrackedMessage } from './prepare.js';
import { searchMessage, type LongPoll, type SearchFailure } from './search.js';
import type { CheckOptions, Divergence, Grade, Verdict } from './types.js';

const DEFAULT_MAX_NODES = 200_000;

/** Process name the runner gives to the final drain: its last empty long poll decides "lost". */
export const DRAIN_PROCESS = 'drain';

function opIndices(calls: Call[]): number[] {
  const out = new Set<number>();
  for (const c of calls) {
    out.add(c.invoke.index);
    if (c.complete) out.add(c.complete.index);
  }
  return [...out].sort((a, b) => a - b);
}

function divergence(id: string, calls: Call[], explanation: string[], grade: Grade, extra: Partial<Divergence> = {}): Divergence {
  const entry = catalogEntry(id);
  return {
    id,
    summary: entry.summary,
    strictness: entry.strictness,
    grade,
    rule: entry.source,
    ops: opIndices(calls),
    explanation,
    ...extra,
  };
}

/**
 * The effective tolerance: the profile's ε, or more when this run's own requests were slower (a
 * tolerance derived from measured request times, never a fixed guess).
 */
export function effectiveEpsilon(prep: Prepared, baseMs: number): number {
  const latencies: number[] = [];
  for (const c of prep.calls) {
    if (!c.complete || c.complete.type === 'info') continue;
    if (c.invoke.f === 'ReceiveMessage') {
      const wait = num(inputOf(c).WaitTimeSeconds) ?? prep.queues.get(c.invoke.queue)?.receiveMessageWaitTimeSeconds ?? 0;
      if (wait > 0) continue;
    }
    latencies.push(toMs(c.end - c.start));
  }
  if (latencies.length === 0) return baseMs;
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!;
  return Math.max(baseMs, p99);
}

/**
 * Long polls that can constrain visibility: those that lasted longer than the wake tolerance (a
 * poll that answered within it never had to react to anything).
 */
function longPollsByQueue(prep: Prepared, exclude: Set<Call>, wakeMs: number): Map<string, { polls: LongPoll[]; maxPollMs: number }> {
  const out = new Map<string, { polls: LongPoll[]; maxPollMs: number }>();
  for (const [queueKey, calls] of prep.receivesByQueue) {
    const queue = prep.queues.get(queueKey)!;
    const polls: LongPoll[] = [];
    let lastDrain: LongPoll | undefined;
    for (const c of calls) {
      if (exclude.has(c)) continue;
      const wait = num(inputOf(c).WaitTimeSeconds) ?? queue.receiveMessageWaitTimeSeconds;
      if (wait <= 0) continue;
      const messages = outputOf(c)?.Messages;
      const empty = !Array.isArray(messages) || messages.length === 0;
      const poll: LongPoll = { call: c, waitSeconds: wait, empty, finalDrain: false };
      if (c.invoke.process === DRAIN_PROCESS && (!lastDrain || c.start > lastDrain.call.start)) lastDrain = poll;
      if (toMs(c.end - c.start) > wakeMs || c.invoke.process === DRAIN_PROCESS) polls.push(poll);
    }
    if (lastDrain?.empty) lastDrain.finalDrain = true;
    polls.sort((a, b) => a.call.start - b.call.start);
    const maxPollMs = polls.reduce((mx, p) => Math.max(mx, toMs(p.call.end - p.call.start)), 0);
    out.set(queueKey, { polls, maxPollMs });
  }
  return out;
}

/** A copy of the message in which calls of uncertain effect count as `info`. */
function withIndeterminate(m: TrackedMessage, indeterminate: Set<Call>, excluded: Set<Call>): TrackedMessage {
  if (indeterminate.size === 0 && excluded.size === 0) return m;
  return {
    ...m,
    handleCalls: m.handleCalls.filter((c) => !excluded.has(c)).map((c) =>
      indeterminate.has(c) && c.complete
        ? { ...c, complete: { ...c.complete, type: 'info' as const, value: { reason: 'client-error' as const, detail: 'accepted an invalid request' } } }
        : c,
    ),
  };
}

export function check(history: History, options: CheckOptions): Verdict {
  let prep: Prepared;
  try {
    prep = prepare(history);
  } catch (e) {
    return { kind: 'unknown', reason: `malformed history: ${(e as Error).message}`, checked: { ops: history.ops.length, messages: 0, searchNodes: 0 } };
  }
  const tol = options.tolerance;
  const eps = effectiveEpsilon(prep, tol.epsilonMs);
  const wideEps = Math.max(tol.wideEpsilonMs, eps * 4);
  const divergences: Divergence[] = [];
  let searchNodes = 0;
  const undecided: string[] = [];

  // 1. One call at a time.
  const tight = checkCalls(prep, options.strictness, eps);
  const wide = checkCalls(prep, options.strictness, wideEps);
  const wideKeys = new Set(wide.findings.map((f) => `${f.id}:${f.calls.map((c) => c.invoke.index).join(',')}`));
  for (const f of tight.findings) {
    if (options.strictness === 'guaranteed' && catalogEntry(f.id).strictness === 'typical') continue;
    const grade: Grade = !f.timed || wideKeys.has(`${f.id}:${f.calls.map((c) => c.invoke.index).join(',')}`) ? 'definite' : 'suspect';
    divergences.push(fromFinding(f, grade));
  }

  // 2. Accounting: every received message must have been sent, unchanged.
  for (const finding of prep.identity) {
    const queue = finding.call.invoke.queue;
    switch (finding.kind) {
      case 'unexpected':
        divergences.push(divergence('message.unexpected', [finding.call], [`Then op ${finding.call.invoke.index} returned message ${finding.messageId} with body "${clip(finding.body)}", which no send in this run produced.`], 'definite', { queue, messageId: finding.messageId }));
        break;
      case 'body-changed':
        divergences.push(divergence('message.body-changed', [finding.message.send, finding.call], [`Let ${finding.message.name} be sent by op ${finding.message.send.invoke.index} with body "${clip(finding.message.body)}".`, `Then op ${finding.call.invoke.index} returned it with body "${clip(finding.body)}".`], 'definite', { queue, messageId: finding.message.messageId }));
        break;
      case 'id-changed':
        divergences.push(divergence('message.id-changed', [finding.message.send, finding.call], [`Let ${finding.message.name} be sent by op ${finding.message.send.invoke.index} as ${finding.message.messageId}.`, `Then op ${finding.call.invoke.index} returned its body under MessageId ${finding.messageId}.`], 'definite', { queue, messageId: finding.messageId }));
        break;
      case 'duplicate-in-response':
        if (options.strictness === 'typical') divergences.push(divergence('message.duplicated', [finding.call], [`Then op ${finding.call.invoke.index} contained message ${finding.messageId} twice.`], 'definite', { queue, messageId: finding.messageId }));
        break;
    }
  }

  // 3. The lifecycle of every message, searched separately (partitioning keeps it tractable).
  const pollsTight = longPollsByQueue(prep, new Set([...tight.earlyPolls, ...tight.acceptedInvalid]), tol.wakeMs);
  const pollsWide = longPollsByQueue(prep, new Set([...wide.earlyPolls, ...tight.acceptedInvalid]), tol.wakeMs * 2);
  const none = { polls: [] as LongPoll[], maxPollMs: 0 };
  for (const m0 of prep.messages) {
    const m = withIndeterminate(m0, tight.indeterminate, tight.excluded);
    if (m.send.complete?.type !== 'ok' && m.hits.length === 0) continue; // may never have existed
    // Touched by a request the target should have rejected: already reported, effect undefined.
    if ([m.send, ...m.hits.map((h) => h.call), ...m0.handleCalls].some((c) => tight.acceptedInvalid.has(c))) continue;
    const queue = prep.queues.get(m.queue)!;
    const base = {
      message: m,
      queue,
      strictness: options.strictness,
      clockSkewMs: tol.clockSkewMs,
      retentionSlackMs: tol.retentionSlackMs,
      wakeMs: tol.wakeMs,
      wallOffsetMs: prep.wallOffsetMs,
      unknownReceives: prep.unknownReceivesByQueue.get(m.queue) ?? [],
      maxNodes: options.maxSearchNodesPerMessage ?? DEFAULT_MAX_NODES,
    };
    const r = searchMessage({ ...base, epsilonMs: eps, ...polls(pollsTight.get(m.queue) ?? none) });
    searchNodes += r.nodes;
    if (r.kind === 'budget') {
      undecided.push(m.name);
      continue;
    }
    if (r.kind === 'ok') continue;
    // Which single rule does it break? The first (most basic) rule whose relaxation makes the
    // message's history fit; else the deepest failure the search met.
    let failure = r.failure;
    const candidates = [...r.byRule.keys()].sort((a, b) => catalogEntry(a).rank - catalogEntry(b).rank);
    for (const id of candidates) {
      const relaxed = searchMessage({ ...base, epsilonMs: eps, ...polls(pollsTight.get(m.queue) ?? none), relaxed: new Set([id]) });
      searchNodes += relaxed.nodes;
      if (relaxed.kind === 'ok') {
        failure = r.byRule.get(id)!;
        break;
      }
    }
    const w = searchMessage({ ...base, epsilonMs: wideEps, clockSkewMs: tol.clockSkewMs * 2, wakeMs: tol.wakeMs * 2, ...polls(pollsWide.get(m.queue) ?? none) });
    searchNodes += w.nodes;
    const grade: Grade = w.kind === 'fail' ? 'definite' : 'suspect';
    divergences.push(fromFailure(failure, m, grade, eps));
  }

  const checked = { ops: history.ops.length, messages: prep.messages.length, searchNodes };
  const ordered = orderByImplication(divergences);
  if (ordered.length > 0) return { kind: 'divergent', divergences: ordered, checked };
  if (undecided.length > 0) return { kind: 'unknown', reason: `search budget exhausted for ${undecided.length} message(s) (${undecided.slice(0, 5).join(', ')})`, checked };
  return { kind: 'conformant', checked };
}

function polls(p: { polls: LongPoll[]; maxPollMs: number }) {
  return { longPolls: p.polls, maxPollMs: p.maxPollMs };
}

function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

function fromFinding(f: OpFinding, grade: Grade): Divergence {
  return divergence(f.id, f.calls, [`Then ${f.text}`], grade, f.queue ? { queue: f.queue } : {});
}

function fromFailure(f: SearchFailure, m: TrackedMessage, grade: Grade, eps: number): Divergence {
  return divergence(f.id, f.calls, [...f.explanation, `(Times are windows widened by ε = ${Math.round(eps)} ms.)`], grade, {
    queue: m.queue,
    ...(m.messageId ? { messageId: m.messageId } : {}),
  });
}

/** Sorts by rank and marks a divergence implied by a more basic one on the same message or op. */
export function orderByImplication(list: Divergence[]): Divergence[] {
  const sorted = [...list].sort((a, b) => (CATALOG.get(a.id)?.rank ?? 999) - (CATALOG.get(b.id)?.rank ?? 999));
  for (const d of sorted) {
    for (const other of sorted) {
      if (other === d || other.impliedBy) continue;
      const implies = CATALOG.get(other.id)?.implies ?? [];
      if (!implies.includes(d.id)) continue;
      const sameMessage = d.messageId !== undefined && d.messageId === other.messageId;
      const sharesOp = d.ops.some((i) => other.ops.includes(i));
      if (sameMessage || sharesOp) {
        d.impliedBy = other.id;
        break;
      }
    }
  }
  return sorted;
}
