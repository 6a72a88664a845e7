// history + catalogue + rules + tolerance → verdict. The generic rules (accounting, validation,
// responses, attributes read back) always run; each suite brings its area's rules. Per-call rules
// run at the tight and the wide tolerance (a finding seen only at the tight one is `suspect`);
// history rules grade their own. Divergences are ordered by the catalogue's implies-graph. PURE.
import type { Catalog } from '../catalog/index.js';
import type { Call, History } from '../history/index.js';
import { effectiveWaitTime, isLongPoll } from '../spec/model/index.js';
import { createGate } from './gate.js';
import { num } from './num.js';
import { inputOf, prepare, toMs, type Prepared } from './prepare.js';
import { opIndices } from './refs.js';
import { accountingRule } from './rules/accounting.js';
import { attributesRule } from './rules/attributes.js';
import { responsesRule } from './rules/responses.js';
import { validationRule } from './rules/validation.js';
import type { CheckOptions, CheckRule, Divergence, Finding, GradedFinding, Marks, Tolerances, Verdict } from './types.js';

const DEFAULT_MAX_NODES = 200_000;

/** Rules every check runs, whatever suites are registered. */
export const GENERIC_RULES: readonly CheckRule[] = [accountingRule, validationRule, responsesRule, attributesRule];

/**
 * The effective tolerance: the profile's ε, or more when this run's own requests were slower (a
 * tolerance derived from measured request times, never a fixed guess). Long polls are left out:
 * their duration is the wait, not the network.
 */
export function effectiveEpsilon(prep: Prepared, baseMs: number): number {
  const latencies: number[] = [];
  // A queue whose ReceiveMessageWaitTimeSeconds a SetQueueAttributes changed: its receives that
  // leave WaitTimeSeconds out may be long polls, whatever its creation said.
  const waitChanged = new Set(prep.calls.filter((c) => c.invoke.f === 'SetQueueAttributes' && (num((inputOf(c).Attributes as Record<string, unknown> | undefined)?.ReceiveMessageWaitTimeSeconds) ?? 0) > 0).map((c) => c.invoke.queue));
  for (const c of prep.calls) {
    if (!c.complete || c.complete.type === 'info') continue;
    if (c.invoke.f === 'ReceiveMessage') {
      const queue = prep.queues.get(c.invoke.queue);
      const requested = num(inputOf(c).WaitTimeSeconds);
      const wait = queue ? effectiveWaitTime(queue, requested) : (requested ?? 0);
      if (isLongPoll(wait) || (requested === undefined && waitChanged.has(c.invoke.queue))) continue;
    }
    latencies.push(toMs(c.end - c.start));
  }
  if (latencies.length === 0) return baseMs;
  latencies.sort((a, b) => a - b);
  const p99 = latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))]!;
  return Math.max(baseMs, p99);
}

/**
 * The longest network delay this history shows: the slowest answer to a call that does not wait
 * (its whole duration may be network), and how far a long poll overran its wait. Calls whose
 * outcome is unknown show nothing.
 */
export function networkEvidence(prep: Prepared): number {
  let worst = 0;
  for (const c of prep.calls) {
    if (!c.complete || c.complete.type === 'info') continue;
    const took = toMs(c.end - c.start);
    let wait = 0;
    if (c.invoke.f === 'ReceiveMessage') {
      const queue = prep.queues.get(c.invoke.queue);
      wait = queue ? effectiveWaitTime(queue, num(inputOf(c).WaitTimeSeconds)) : (num(inputOf(c).WaitTimeSeconds) ?? 0);
    }
    worst = Math.max(worst, took - (isLongPoll(wait) ? wait * 1000 : 0));
  }
  return worst;
}

const emptyMarks = (): Marks => ({ acceptedInvalid: new Set(), indeterminate: new Set(), excluded: new Set(), earlyPolls: new Set() });

const findingKey = (f: Finding) => `${f.id}:${f.bindings.call && typeof f.bindings.call === 'object' && 'entry' in f.bindings.call ? String(f.bindings.call.entry) : ''}:${f.calls.map((c) => c.invoke.index).join(',')}`;

export function check(history: History, options: CheckOptions): Verdict {
  const exercised = new Map<string, number>();
  const stats = (prep?: Prepared, searchNodes = 0) => ({
    ops: history.ops.length,
    messages: prep?.messages.length ?? 0,
    searchNodes,
    exercised: Object.fromEntries([...exercised].sort(([a], [b]) => a.localeCompare(b))),
  });
  let prep: Prepared;
  try {
    prep = prepare(history);
  } catch (e) {
    return { kind: 'unknown', reason: `malformed history: ${(e as Error).message}`, checked: stats() };
  }
  const { catalog, tolerance: tol } = options;
  const eps = effectiveEpsilon(prep, tol.epsilonMs);
  const networkDelayMs = Math.max(options.networkDelayMs ?? 0, networkEvidence(prep));
  const tight: Tolerances = { epsilonMs: eps, clockSkewMs: tol.clockSkewMs, retentionSlackMs: tol.retentionSlackMs, wakeMs: tol.wakeMs, networkDelayMs };
  const wide: Tolerances = { epsilonMs: Math.max(tol.wideEpsilonMs, eps * 4), clockSkewMs: tol.clockSkewMs * 2, retentionSlackMs: tol.retentionSlackMs, wakeMs: tol.wakeMs * 2, networkDelayMs };
  const gate = createGate(catalog, options.strictness, exercised);
  const quiet = createGate(catalog, options.strictness, new Map());
  const rules = [...GENERIC_RULES, ...(options.rules ?? [])];
  const divergences: Divergence[] = [];

  const origin = history.header.origin ? { origin: history.header.origin } : {};

  // 1. One call at a time, at both tolerances.
  const marks = { tight: emptyMarks(), wide: emptyMarks() };
  const tightFindings: Finding[] = [];
  const wideKeys = new Set<string>();
  for (const rule of rules) {
    if (!rule.calls) continue;
    const found = rule.calls({ prep, gate, tolerance: tight, marks: marks.tight, ...origin });
    tightFindings.push(...found);
    if (rule.timed) for (const f of rule.calls({ prep, gate: quiet, tolerance: wide, marks: marks.wide, ...origin })) wideKeys.add(findingKey(f));
    else {
      // Not timed: the wide pass would find and mark the same.
      for (const f of found) wideKeys.add(findingKey(f));
      for (const k of ['acceptedInvalid', 'indeterminate', 'excluded', 'earlyPolls'] as const) for (const c of marks.tight[k]) (marks.wide[k] as Set<unknown>).add(c);
    }
  }
  for (const f of tightFindings) {
    if (!gate.on(f.id)) continue;
    divergences.push(toDivergence(catalog, { ...f, grade: !f.timed || wideKeys.has(findingKey(f)) ? 'definite' : 'suspect', epsilonMs: eps }));
  }

  // 2. Rules over the whole history (per message, per group, …).
  let searchNodes = 0;
  const undecided: string[] = [];
  for (const rule of rules) {
    if (!rule.history) continue;
    const r = rule.history({
      prep,
      gate,
      ...origin,
      catalog,
      tight,
      wide,
      marks,
      maxSearchNodesPerMessage: options.maxSearchNodesPerMessage ?? DEFAULT_MAX_NODES,
      relax: (ids) => createGate(catalog, options.strictness, new Map(), ids),
    });
    searchNodes += r.searchNodes;
    undecided.push(...r.undecided);
    for (const f of r.findings) if (gate.on(f.id)) divergences.push(toDivergence(catalog, f));
  }

  // Undecided messages (lost calls may have touched them; the search budget ran out) are listed and
  // left out: the rest is still judged. Only when nothing could be decided is the verdict Unknown.
  const checked = { ...stats(prep, searchNodes), ...(undecided.length > 0 ? { undecided } : {}), networkDelayMs: Math.round(networkEvidence(prep)) };
  const ordered = orderByImplication(catalog, divergences);
  if (ordered.length > 0) return { kind: 'divergent', divergences: ordered, checked };
  const judged = prep.messages.filter((m) => m.sendKnown || m.hits.length > 0).length;
  if (undecided.length > 0 && undecided.length >= judged) return { kind: 'unknown', reason: `no message could be decided (${undecided.length} undecided: ${undecided.slice(0, 5).join(', ')})`, checked };
  return { kind: 'conformant', checked };
}

function toDivergence(catalog: Catalog, f: GradedFinding): Divergence {
  const entry = catalog.entry(f.id);
  const calls: Call[] = f.calls;
  return {
    id: f.id,
    summary: entry.summary,
    strictness: entry.strictness,
    grade: f.grade,
    rule: entry.source,
    ops: opIndices(calls),
    premises: f.premises ?? [],
    variant: f.variant ?? 'default',
    bindings: f.bindings,
    ...(f.epsilonMs !== undefined ? { epsilonMs: Math.round(f.epsilonMs) } : {}),
    ...(f.queue ? { queue: f.queue } : {}),
    ...(f.messageId ? { messageId: f.messageId } : {}),
    ...(entryOf(f) !== undefined ? { entry: entryOf(f)! } : {}),
  };
}

function entryOf(f: Finding): string | undefined {
  if (f.entry !== undefined) return f.entry;
  const c = f.bindings.call;
  return c && typeof c === 'object' && 'entry' in c ? c.entry : undefined;
}

/** Sorts by rank and marks a divergence implied by a more basic one on the same message or op. */
export function orderByImplication(catalog: Catalog, list: Divergence[]): Divergence[] {
  const sorted = [...list].sort((a, b) => catalog.rank(a.id) - catalog.rank(b.id));
  for (const d of sorted) {
    for (const other of sorted) {
      if (other === d || other.impliedBy) continue;
      const implies = catalog.get(other.id)?.implies ?? [];
      if (!implies.includes(d.id)) continue;
      const sameMessage = d.messageId !== undefined && d.messageId === other.messageId;
      // Two entries of one batch share its ops, not their faults.
      const otherEntries = d.entry !== undefined && other.entry !== undefined && d.entry !== other.entry;
      const sharesOp = !otherEntries && d.ops.some((i) => other.ops.includes(i));
      if (sameMessage || sharesOp) {
        d.impliedBy = other.id;
        break;
      }
    }
  }
  return sorted;
}
