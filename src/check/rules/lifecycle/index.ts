// The lifecycle rules: every message's sends, receives, deletes and visibility changes must fit
// one order the model allows (visibility timeouts, delays, retention, receipt handles, the 12-hour
// cap, receive counts and timestamps), long polls must not wait while a message is visible, and an
// empty long poll waits its full time (sqs-semantics.md sections 4-7, 14; aws-recorded-facts.md
// A1-A13). A failure is attributed to the most basic rule whose relaxation explains it; the rules
// it leaves broken are attributed in turn, so every independent divergence of a message shows. PURE.
import type { Call } from '../../../history/index.js';
import { effectiveWaitTime, isLongPoll } from '../../../spec/model/index.js';
import { num } from '../../num.js';
import { inputOf, outputOf, toMs } from '../../prepare.js';
import { callRef, durationMs } from '../../refs.js';
import type { CallRuleContext, CheckRule, Finding, Gate, GradedFinding, HistoryRuleContext, HistoryRuleResult, Markable, Tolerances } from '../../types.js';
import { deliveredTwice } from '../fifo/dedup.js';
import { LIFECYCLE_IDS } from './ids.js';
import { countSituations } from './coverage.js';
import { longPollsByQueue, NO_POLLS, type QueuePolls } from './polls.js';
import { searchMessage, type RedriveInput, type SearchFailure, type SearchInput } from './search.js';

export { LIFECYCLE_IDS, type LifecycleId } from './ids.js';
export { DRAIN_PROCESS } from './polls.js';

/** How many independent divergences of one message are attributed before giving up. */
const MAX_PER_MESSAGE = 6;

/** An empty long poll answers when its wait is over, not before (aws-recorded-facts.md A13 item 116). */
function calls(ctx: CallRuleContext): Finding[] {
  const { prep, marks, tolerance } = ctx;
  const findings: Finding[] = [];
  for (const call of prep.calls) {
    if (call.invoke.f !== 'ReceiveMessage') continue;
    const queue = prep.queues.get(call.invoke.queue);
    const out = outputOf(call);
    if (!queue || !out) continue;
    const wait = effectiveWaitTime(queue, num(inputOf(call).WaitTimeSeconds));
    if (!isLongPoll(wait)) continue;
    ctx.gate.exercised('receive.long-poll-returned-early');
    const empty = !Array.isArray(out.Messages) || out.Messages.length === 0;
    const took = toMs(call.end - call.start);
    if (ctx.gate.on('receive.long-poll-returned-early') && empty && took < wait * 1000 - 2 * tolerance.epsilonMs) {
      marks.earlyPolls.add(call);
      findings.push({ id: 'receive.long-poll-returned-early', calls: [call], queue: call.invoke.queue, timed: true, bindings: { call: callRef(call), took: durationMs(took), wait } });
    }
  }
  return findings;
}

function history(ctx: HistoryRuleContext): HistoryRuleResult {
  const { prep, gate, tight, wide, marks, catalog } = ctx;
  const findings: GradedFinding[] = [];
  const undecided: string[] = [];
  let searchNodes = 0;
  const pollsTight = longPollsByQueue(prep, new Set<Markable>([...marks.tight.earlyPolls, ...marks.tight.acceptedInvalid]), tight.wakeMs);
  const pollsWide = longPollsByQueue(prep, new Set<Markable>([...marks.wide.earlyPolls, ...marks.tight.acceptedInvalid]), wide.wakeMs);
  const rank = (id: string) => catalog.rank(id);

  for (const m0 of prep.messages) {
    if (!m0.sendKnown && m0.hits.length === 0) continue; // may never have existed
    if (deliveredTwice(m0)) continue; // one deduplication key, two messages: the FIFO rules report it
    // Touched by a request the target should have rejected: already reported, effect undefined.
    const touched: Markable[] = [m0, m0.send, ...m0.hits.map((h) => h.call), ...m0.uses];
    if (touched.some((c) => marks.tight.acceptedInvalid.has(c))) continue;
    const m = { ...m0, uses: m0.uses.filter((u) => !marks.tight.excluded.has(u)) };
    const queue = prep.queues.get(m.queue)!;
    countSituations(prep, m, pollsTight.get(m.queue)?.polls ?? [], (id) => gate.exercised(id));
    const polls = (p: QueuePolls | undefined) => ({ longPolls: (p ?? NO_POLLS).polls, maxPollMs: (p ?? NO_POLLS).maxPollMs });
    // Its dead-letter queue, when the history wired one (sqs-semantics.md 5.5).
    const dlqKey = prep.deadLetterOf.get(m.queue);
    const redrive = (byQueue: Map<string, QueuePolls>): RedriveInput | undefined =>
      dlqKey !== undefined && queue.redrivePolicy
        ? {
            maxReceiveCount: queue.redrivePolicy.maxReceiveCount,
            queueKey: dlqKey,
            queue: prep.queues.get(dlqKey)!,
            longPolls: (byQueue.get(dlqKey) ?? NO_POLLS).polls,
            maxPollMs: (byQueue.get(dlqKey) ?? NO_POLLS).maxPollMs,
            unknownReceives: prep.unknownReceivesByQueue.get(dlqKey) ?? [],
          }
        : undefined;
    // One object shape for every search (property reads stay monomorphic on the hot path).
    const input = (g: Gate, t: Tolerances, byQueue: Map<string, QueuePolls>, exercised?: Set<string>): SearchInput => {
      const p = byQueue.get(m.queue) ?? NO_POLLS;
      return {
        message: m,
        queue,
        gate: g,
        rank,
        epsilonMs: t.epsilonMs,
        clockSkewMs: t.clockSkewMs,
        retentionSlackMs: t.retentionSlackMs,
        wakeMs: t.wakeMs,
        networkDelayMs: t.networkDelayMs ?? 0,
        wallOffsetMs: prep.wallOffsetMs,
        unknownReceives: prep.unknownReceivesByQueue.get(m.queue) ?? [],
        longPolls: p.polls,
        maxPollMs: p.maxPollMs,
        indeterminate: marks.tight.indeterminate,
        maxNodes: ctx.maxSearchNodesPerMessage,
        exercised,
        redrive: redrive(byQueue),
        purges: prep.purgesByQueue.get(m.queue) ?? [],
        moveTasks: prep.moveTasks.flatMap((t): { call: Call; where: 'source' | 'dlq' }[] => (t.source === m.queue ? [{ call: t.call, where: 'source' }] : t.source === dlqKey ? [{ call: t.call, where: 'dlq' }] : [])),
      };
    };
    const tightInput = (g: Gate): SearchInput => input(g, tight, pollsTight);
    const wideInput = (g: Gate): SearchInput => input(g, wide, pollsWide);

    const seen = new Set<string>();
    let r = searchMessage(input(gate, tight, pollsTight, seen));
    searchNodes += r.nodes;
    for (const id of seen) gate.exercised(id);
    if (r.kind === 'budget') {
      undecided.push(m.name);
      continue;
    }
    // Attribution: the most basic rule whose relaxation makes the message's history fit; when no
    // single one does, the deepest failure, which is then relaxed to find the next, and so on.
    const relaxed = new Set<string>();
    for (let round = 0; r.kind === 'fail' && round < MAX_PER_MESSAGE; round++) {
      const failed: SearchFailure = r.failure;
      let chosen: SearchFailure | undefined;
      const candidates = [...r.byRule.keys()].filter((id) => !relaxed.has(id)).sort((a, b) => rank(a) - rank(b));
      for (const id of candidates) {
        const attempt = searchMessage(tightInput(ctx.relax(new Set([...relaxed, id]))));
        searchNodes += attempt.nodes;
        if (attempt.kind === 'ok') {
          chosen = r.byRule.get(id)!;
          break;
        }
      }
      const report = chosen ?? failed;
      if (relaxed.has(report.id)) break; // nothing new to attribute
      // Graded at the wide tolerance with the same rules relaxed: still wrong there = definite.
      const w = searchMessage(wideInput(ctx.relax(relaxed)));
      searchNodes += w.nodes;
      findings.push({
        id: report.id,
        calls: report.calls,
        premises: report.premises,
        variant: report.variant,
        bindings: report.bindings,
        queue: m.queue,
        ...(m.messageId ? { messageId: m.messageId } : {}),
        ...(m.sendEntry !== undefined ? { entry: m.sendEntry } : {}),
        grade: w.kind === 'fail' ? 'definite' : 'suspect',
        epsilonMs: tight.epsilonMs,
      });
      if (chosen) break;
      relaxed.add(report.id);
      r = searchMessage(tightInput(ctx.relax(relaxed)));
      searchNodes += r.nodes;
      if (r.kind === 'budget') break;
    }
  }
  return { findings, undecided, searchNodes };
}

export const lifecycleRule: CheckRule = { name: 'lifecycle', ids: LIFECYCLE_IDS, timed: true, calls, history };
