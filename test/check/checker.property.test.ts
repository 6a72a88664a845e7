// The checker's two promises, as properties over histories the reference engine produces with
// random allowed choices (choose: random), random latencies and lost answers, on a virtual clock
// (src/target/engine-target.ts): (1) no false positives — such histories are never judged
// Divergent, standard and FIFO alike; (2) a single observable mutation of such a history is caught.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check/index.js';
import type { CompletionOp, History, Op } from '../../src/history/index.js';
import {
  bodyScenario,
  delayScenario,
  longPollScenario,
  retentionScenario,
  validationScenario,
  visibilityCapScenario,
  visibilityScenario,
} from '../../conformance/suites/lifecycle/scenarios.js';
import { explain, KIT } from '../support/corpus.js';
import type { Strictness } from '../../src/spec/types.js';
import { engineHistory as simulate, ENGINE_TOLERANCE as TOLERANCE } from '../support/engine-histories.js';
import { attemptScenario, dedupScenario, fairScenario, fifoValidationScenario, lockScenario, orderScenario } from '../../conformance/suites/fifo/scenarios.js';
import { fifoMovesScenario, movesScenario, moveTaskScenario, policyScenario } from '../../conformance/suites/redrive/scenarios.js';
import { countsScenario, purgeScenario } from '../../conformance/suites/purge/scenarios.js';
import { handlesScenario, limitsScenario, mixedScenario } from '../../conformance/suites/batch/scenarios.js';
import { roundTripScenario, sizeScenario, traceScenario, validationScenario as attributeValidationScenario } from '../../conformance/suites/message-attributes/scenarios.js';
import { attributeLimitsScenario, attributesScenario, effectScenario, fifoAttributesScenario, retentionEffectScenario } from '../../conformance/suites/queue-attributes/scenarios.js';
import { deleteScenario, fifoIdempotencyScenario, idempotencyScenario, listingScenario, missingQueueScenario, namesScenario, queueLimitsScenario } from '../../conformance/suites/queues/scenarios.js';
import { permissionLimitsScenario, permissionsScenario, tagLimitsScenario, tagsScenario } from '../../conformance/suites/tags-permissions/scenarios.js';
import { batchLimitsScenario, envelopesScenario, fifoLimitsScenario, messageAttributeLimitsScenario, messageLimitsScenario, moveTaskLimitsScenario } from '../../conformance/suites/errors/scenarios.js';
import { ENVELOPE_IDS, QUEUE_ATTRIBUTE_IDS, QUEUE_IDS, TAG_PERMISSION_IDS } from '../../src/check/index.js';
import type { Scenario } from '../../src/scenario/index.js';

// Fixed seeds keep CI deterministic; set FC_SEED to explore other histories.
const SEED = Number(process.env.FC_SEED ?? 20_261_125);

const batchScenarios = fc.oneof(mixedScenario, handlesScenario, limitsScenario);
const attributeScenarios = fc.oneof(roundTripScenario, sizeScenario, attributeValidationScenario, traceScenario);
const anyScenario = fc.oneof(
  visibilityScenario,
  delayScenario,
  longPollScenario,
  visibilityCapScenario,
  validationScenario,
  retentionScenario,
  bodyScenario,
  orderScenario,
  dedupScenario,
  lockScenario,
  fifoValidationScenario,
  mixedScenario,
  handlesScenario,
  limitsScenario,
  roundTripScenario,
  sizeScenario,
  attributeValidationScenario,
  traceScenario,
  attemptScenario,
  fairScenario,
  movesScenario,
  fifoMovesScenario,
  policyScenario,
  moveTaskScenario,
  purgeScenario,
  countsScenario,
);
const strictness = fc.constantFrom<Strictness>('typical', 'guaranteed');

function describeVerdict(h: History, strict: Strictness): string {
  return explain(check(h, { strictness: strict, tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules }));
}

describe('checker: no false positives on histories SQS could produce', () => {
  it('judges simulated histories Conformant (random choices, latencies, lost responses)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), anyScenario, strictness, fc.constantFrom(0, 0, 0.05), fc.constantFrom<[number, number]>([1, 5], [1, 20], [5, 45]), async (seed, scenario, strict, lossRate, latencyMs) => {
        const h = await simulate(scenario, { seed, strictness: strict, lossRate, latencyMs });
        const v = check(h, { strictness: strict, tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules });
        if (v.kind === 'divergent') {
          if (process.env.DUMP_HISTORY) (await import('node:fs')).writeFileSync(process.env.DUMP_HISTORY, JSON.stringify({ strict, lossRate, latencyMs, scenario, h }));
          throw new Error(describeVerdict(h, strict));
        }
      }),
      { numRuns: 250, seed: SEED },
    );
  }, 300_000);
});

type Mutation = { name: string; expect: string[]; runs?: number; fifo?: boolean; scenarios?: fc.Arbitrary<Scenario>; apply: (h: History) => History | undefined };

const clone = (h: History): History => JSON.parse(JSON.stringify(h)) as History;
const oks = (h: History, f: string) => h.ops.filter((o): o is Extract<CompletionOp, { type: 'ok' }> => o.type === 'ok' && o.f === f);
const messagesOf = (o: Op) => ((o.value as { Messages?: Record<string, unknown>[] }).Messages ?? []);

const mutations: Mutation[] = [
  {
    name: 'received body changed',
    expect: ['message.body-changed'],
    apply(h0) {
      const h = clone(h0);
      const r = oks(h, 'ReceiveMessage').find((o) => messagesOf(o).length > 0);
      if (!r) return undefined;
      const m = messagesOf(r)[0]!;
      m.Body = `${String(m.Body)}!`;
      return h;
    },
  },
  {
    name: 'send checksum wrong',
    expect: ['message.md5-mismatch'],
    apply(h0) {
      const h = clone(h0);
      const s = oks(h, 'SendMessage')[0];
      if (!s) return undefined;
      (s.value as Record<string, unknown>).MD5OfMessageBody = '00000000000000000000000000000000';
      return h;
    },
  },
  {
    name: 'received MessageId replaced',
    expect: ['message.id-changed'],
    apply(h0) {
      const h = clone(h0);
      const r = oks(h, 'ReceiveMessage').find((o) => messagesOf(o).length > 0);
      if (!r) return undefined;
      messagesOf(r)[0]!.MessageId = 'ffffffff-ffff-4fff-8fff-ffffffffffff';
      return h;
    },
  },
  {
    name: 'receive count off by three',
    expect: ['receive-count.wrong', 'receive-count.too-low'],
    apply(h0) {
      if (h0.ops.some((o) => o.type === 'info')) return undefined;
      const h = clone(h0);
      for (const r of oks(h, 'ReceiveMessage')) {
        for (const m of messagesOf(r)) {
          const a = m.Attributes as Record<string, string> | undefined;
          if (a?.ApproximateReceiveCount) {
            a.ApproximateReceiveCount = String(Number(a.ApproximateReceiveCount) + 3);
            return h;
          }
        }
      }
      return undefined;
    },
  },
  {
    name: 'SentTimestamp ten seconds off',
    expect: ['timestamp.sent-wrong'],
    apply(h0) {
      const h = clone(h0);
      for (const r of oks(h, 'ReceiveMessage')) {
        for (const m of messagesOf(r)) {
          const a = m.Attributes as Record<string, string> | undefined;
          if (a?.SentTimestamp) {
            a.SentTimestamp = String(Number(a.SentTimestamp) + 10_000);
            return h;
          }
        }
      }
      return undefined;
    },
  },
  {
    name: 'message dropped from the drain',
    // A drain poll emptied by the mutation may also have answered too fast for an empty long poll.
    expect: ['message.lost', 'receive.empty-while-visible', 'receive.long-poll-returned-early'],
    apply(h0) {
      const h = clone(h0);
      // Only a message nobody tried to delete: a stale-handle delete may legitimately have removed it.
      const handlesOf = new Map<string, string[]>();
      for (const r of oks(h, 'ReceiveMessage')) for (const m of messagesOf(r)) handlesOf.set(String(m.MessageId), [...(handlesOf.get(String(m.MessageId)) ?? []), String(m.ReceiptHandle)]);
      const deleted = new Set(h.ops.filter((o) => o.type === 'invoke' && o.f === 'DeleteMessage').map((o) => String((o.value as Record<string, unknown>).ReceiptHandle)));
      const untouched = (m: Record<string, unknown>) => !(handlesOf.get(String(m.MessageId)) ?? []).some((x) => deleted.has(x));
      const r = oks(h, 'ReceiveMessage').find((o) => o.process === 'drain' && messagesOf(o).some(untouched));
      if (!r) return undefined;
      const list = messagesOf(r);
      list.splice(list.findIndex(untouched), 1);
      if (list.length === 0) delete (r.value as Record<string, unknown>).Messages;
      return h;
    },
  },
  {
    name: 'error code of a rejected parameter changed',
    expect: ['error.wrong-code'],
    apply(h0) {
      const h = clone(h0);
      const f = h.ops.find((o) => o.type === 'fail' && ['SendMessage', 'ReceiveMessage', 'CreateQueue'].includes(o.f));
      if (!f || f.type !== 'fail') return undefined;
      f.value = { ...f.value, code: 'InternalError', type: 'InternalError' };
      return h;
    },
  },
  {
    name: 'error code of a receipt-handle call changed',
    runs: 300,
    // Which rule breaks depends on the handle's state, which the history may leave open.
    expect: ['error.wrong-code', 'visibility.change-rejected', 'visibility.change-stale-handle-rejected', 'delete.rejected', 'delete.stale-handle-rejected'],
    apply(h0) {
      const h = clone(h0);
      const f = h.ops.find((o) => o.type === 'fail' && (o.f === 'DeleteMessage' || o.f === 'ChangeMessageVisibility') && !String((o.value as { message?: string }).message).includes('is not a valid receipt handle'));
      if (!f || f.type !== 'fail') return undefined;
      f.value = { ...f.value, code: 'InternalError', type: 'InternalError' };
      return h;
    },
  },
  {
    name: 'invalid request accepted',
    expect: ['validation.accepted-invalid'],
    apply(h0) {
      const h = clone(h0);
      // Parameter validation only: lifecycle errors (stale handles…) may legitimately be successes.
      const i = h.ops.findIndex((o) => o.type === 'fail' && ['SendMessage', 'ReceiveMessage', 'CreateQueue'].includes(o.f));
      if (i < 0) return undefined;
      const f = h.ops[i]!;
      h.ops[i] = { index: f.index, process: f.process, f: f.f, queue: f.queue, time: f.time, wallTime: f.wallTime, type: 'ok', value: f.f === 'SendMessage' ? { MessageId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee', MD5OfMessageBody: 'x' } : {} };
      return h;
    },
  },
  {
    name: 'receipt handle reused',
    expect: ['receive.handle-reused'],
    apply(h0) {
      const h = clone(h0);
      const withMessages = oks(h, 'ReceiveMessage').filter((o) => messagesOf(o).length > 0);
      if (withMessages.length < 2) return undefined;
      messagesOf(withMessages[1]!)[0]!.ReceiptHandle = messagesOf(withMessages[0]!)[0]!.ReceiptHandle;
      return h;
    },
  },
  // FIFO: group order, the group lock and exactly-once delivery (sqs-semantics.md 9).
  {
    name: 'FIFO: two messages of one group swapped in a response',
    expect: ['fifo.order-inverted'],
    fifo: true,
    apply(h0) {
      const h = clone(h0);
      const groupOf = fifoGroups(h);
      for (const r of oks(h, 'ReceiveMessage')) {
        const ms = messagesOf(r);
        for (let i = 0; i + 1 < ms.length; i++) {
          const a = groupOf.get(String(ms[i]!.Body));
          if (a !== undefined && a === groupOf.get(String(ms[i + 1]!.Body))) {
            [ms[i], ms[i + 1]] = [ms[i + 1]!, ms[i]!];
            return h;
          }
        }
      }
      return undefined;
    },
  },
  {
    name: 'FIFO: a message delivered again while in flight',
    expect: ['fifo.redelivered-early', 'fifo.delivered-after-delete', 'fifo.group-lock-violated', 'fifo.order-inverted'],
    fifo: true,
    apply(h0) {
      const h = clone(h0);
      const receives = oks(h, 'ReceiveMessage').filter((o) => o.process !== 'drain');
      for (const r of receives) {
        const m = messagesOf(r)[0];
        const vt = Number((invokeOf(h, r).value as Record<string, unknown>).VisibilityTimeout ?? 30);
        if (!m || vt < 2) continue;
        // A receive that began after r ended and well inside the timeout returns m again.
        const later = h.ops.find(
          (o) =>
            o.type === 'ok' && o.f === 'ReceiveMessage' && o.queue === r.queue && invokeOf(h, o).time > r.time + 200e6 && invokeOf(h, o).time < r.time + (vt * 1000 - 500) * 1e6 && !messagesOf(o).some((x) => x.MessageId === m.MessageId),
        );
        if (!later) continue;
        (later.value as { Messages?: unknown[] }).Messages = [{ ...m, ReceiptHandle: `${String(m.ReceiptHandle)}-again` }, ...messagesOf(later)];
        return h;
      }
      return undefined;
    },
  },
  // Dead-letter queues (sqs-semantics.md 5.5).
  {
    name: 'DLQ: a moved message returned again by its source',
    expect: ['redrive.received-after-move'],
    scenarios: movesScenario,
    apply(h0) {
      const h = clone(h0);
      const fromDlq = oks(h, 'ReceiveMessage').find((o) => o.queue === 'dlq' && o.process !== 'drain' && messagesOf(o).length > 0);
      if (!fromDlq) return undefined;
      const m = messagesOf(fromDlq)[0]!;
      const later = oks(h, 'ReceiveMessage').find((o) => o.queue === 'q' && o.time > fromDlq.time + 200e6 && !messagesOf(o).some((x) => x.MessageId === m.MessageId));
      if (!later) return undefined;
      (later.value as { Messages?: unknown[] }).Messages = [{ ...m, ReceiptHandle: `${String(m.ReceiptHandle)}-src` }, ...messagesOf(later)];
      return h;
    },
  },
  {
    name: 'DLQ: a message returned past maxReceiveCount instead of moving',
    expect: ['redrive.not-moved', 'redrive.moved-early', 'receive-count.wrong', 'receive-count.too-low'],
    scenarios: movesScenario,
    apply(h0) {
      const h = clone(h0);
      // The first message the DLQ returned is put back into the source receive that moved it (the one just before).
      const fromDlq = oks(h, 'ReceiveMessage').find((o) => o.queue === 'dlq' && messagesOf(o).length > 0);
      if (!fromDlq) return undefined;
      const m = messagesOf(fromDlq)[0]!;
      const before = oks(h, 'ReceiveMessage').filter((o) => o.queue === 'q' && o.time < fromDlq.time && !messagesOf(o).some((x) => x.MessageId === m.MessageId)).at(-1);
      if (!before) return undefined;
      (before.value as { Messages?: unknown[] }).Messages = [{ ...m, ReceiptHandle: `${String(m.ReceiptHandle)}-src` }, ...messagesOf(before)];
      return h;
    },
  },
  // PurgeQueue (sqs-semantics.md 4.6).
  {
    name: 'purge: a message sent before a purge comes back after its minute',
    expect: ['purge.message-survived'],
    scenarios: purgeScenario,
    runs: 40,
    apply(h0) {
      const h = clone(h0);
      const purge = h.ops.find((o) => o.type === 'ok' && o.f === 'PurgeQueue');
      if (!purge) return undefined;
      const sent = oks(h, 'SendMessage').find((o) => o.time < purge.time - 100e6);
      const late = oks(h, 'ReceiveMessage').find((o) => o.time > purge.time + 61_000e6 && o.process !== 'drain');
      if (!sent || !late) return undefined;
      const body = String((invokeOf(h, sent).value as Record<string, unknown>).MessageBody);
      if (messagesOf(late).some((x) => x.Body === body)) return undefined;
      (late.value as { Messages?: unknown[] }).Messages = [{ MessageId: (sent.value as Record<string, unknown>).MessageId, ReceiptHandle: 'late-handle', MD5OfBody: (sent.value as Record<string, unknown>).MD5OfMessageBody, Body: body }, ...messagesOf(late)];
      return h;
    },
  },
  // Batches (sqs-semantics.md 4.8, 12; aws-recorded-facts.md A8).
  {
    name: 'batch: an entry left out of the answer',
    expect: ['batch.entry-missing'],
    runs: 30,
    scenarios: batchScenarios,
    apply: (h0) => mutateFirst(h0, 'SendMessageBatch', (v) => records(v.Successful).length > 0 && (v.Successful as unknown[]).shift() !== undefined),
  },
  {
    name: 'batch: a valid entry answered Failed',
    // The message may still come back later (unexpected) or never (its failure is the finding).
    expect: ['validation.rejected-valid', 'message.unexpected'],
    runs: 30,
    scenarios: batchScenarios,
    apply: (h0) =>
      mutateFirst(h0, 'SendMessageBatch', (v) => {
        const entry = records(v.Successful)[0];
        if (!entry) return false;
        (v.Successful as unknown[]).shift();
        v.Failed = [...records(v.Failed), { Id: entry.Id, SenderFault: false, Code: 'InternalError', Message: 'mutated' }];
        return true;
      }),
  },
  {
    name: 'batch: SenderFault false on an invalid entry',
    expect: ['batch.sender-fault-wrong'],
    runs: 30,
    scenarios: batchScenarios,
    apply: (h0) =>
      mutateFirst(h0, 'SendMessageBatch', (v) => {
        const failed = records(v.Failed)[0];
        if (failed) failed.SenderFault = false;
        return failed !== undefined;
      }),
  },
  {
    name: 'batch: a whole-request error answered entry by entry',
    expect: ['batch.request-not-rejected'],
    runs: 30,
    scenarios: batchScenarios,
    apply(h0) {
      const h = clone(h0);
      const i = h.ops.findIndex((o) => o.type === 'fail' && o.f === 'SendMessageBatch');
      if (i < 0) return undefined;
      const f = h.ops[i]!;
      const entries = records((invokeOf(h, f).value as { Entries?: unknown }).Entries).map((e) => ({ Id: e.Id, SenderFault: true, Code: 'InvalidParameterValue' }));
      h.ops[i] = { index: f.index, process: f.process, f: f.f, queue: f.queue, time: f.time, wallTime: f.wallTime, type: 'ok', value: { Successful: [], Failed: entries } };
      return h;
    },
  },
  // Message attributes (sqs-semantics.md 4.9, 6.4; aws-recorded-facts.md A9 items 89-94).
  {
    name: 'attributes: a wrong MD5OfMessageAttributes on receive',
    expect: ['message-attributes.receive-md5-wrong'],
    scenarios: attributeScenarios,
    apply: (h0) => mutateReceived(h0, (m) => typeof m.MD5OfMessageAttributes === 'string', (m) => (m.MD5OfMessageAttributes = '00000000000000000000000000000000')),
  },
  {
    name: 'attributes: an attribute dropped from a filtered receive',
    expect: ['message-attributes.not-returned'],
    scenarios: attributeScenarios,
    apply: (h0) =>
      mutateReceived(h0, withAttributes, (m) => {
        const attrs = m.MessageAttributes as Record<string, unknown>;
        delete attrs[Object.keys(attrs)[0]!];
      }),
  },
  {
    name: 'attributes: a value changed on receive',
    expect: ['message-attributes.value-changed'],
    scenarios: attributeScenarios,
    apply: (h0) =>
      mutateReceived(h0, withAttributes, (m) => {
        const a = Object.values(m.MessageAttributes as Record<string, Record<string, unknown>>)[0]!;
        if (typeof a.StringValue === 'string') a.StringValue = `${a.StringValue}9`;
        else a.BinaryValue = Buffer.from('mutated').toString('base64');
      }),
  },
  {
    name: 'attributes: an unrequested attribute returned',
    expect: ['message-attributes.unrequested'],
    scenarios: attributeScenarios,
    apply(h0) {
      // The attributes of a send, returned with a receive that asked for none (e.g. the drain).
      const sent = new Map<string, unknown>();
      for (const o of h0.ops) {
        const v = o.value as Record<string, unknown>;
        if (o.type === 'invoke' && o.f === 'SendMessage' && v.MessageAttributes) sent.set(String(v.MessageBody), v.MessageAttributes);
      }
      return mutateFirst(h0, 'ReceiveMessage', (v, o, h) => {
        const m = (invokeOf(h, o).value as Record<string, unknown>).MessageAttributeNames === undefined ? records(v.Messages).find((x) => sent.has(String(x.Body))) : undefined;
        if (m) m.MessageAttributes = sent.get(String(m.Body));
        return m !== undefined;
      });
    },
  },
  {
    name: 'attributes: a wrong MD5OfMessageAttributes on send',
    expect: ['message-attributes.send-md5-wrong'],
    scenarios: attributeScenarios,
    apply: (h0) =>
      mutateFirst(h0, 'SendMessage', (v) => {
        if (typeof v.MD5OfMessageAttributes !== 'string') return false;
        v.MD5OfMessageAttributes = 'ffffffffffffffffffffffffffffffff';
        return true;
      }),
  },
];

const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
const withAttributes = (m: Record<string, unknown>) => !!m.MessageAttributes && Object.keys(m.MessageAttributes).length > 0;

/** A copy of h with `change` applied to the first ok answer of `f` it accepts (returns true); undefined when none does. */
function mutateFirst(h0: History, f: string, change: (value: Record<string, unknown>, op: Op, h: History) => boolean): History | undefined {
  const h = clone(h0);
  for (const o of oks(h, f)) if (change(o.value as Record<string, unknown>, o, h)) return h;
  return undefined;
}

/** A copy of h with `change` applied to the first received message `pick` accepts. */
function mutateReceived(h0: History, pick: (m: Record<string, unknown>) => boolean, change: (m: Record<string, unknown>) => void): History | undefined {
  return mutateFirst(h0, 'ReceiveMessage', (v) => {
    const m = records(v.Messages).find(pick);
    if (m) change(m);
    return m !== undefined;
  });
}

/** Message body → MessageGroupId, from the sends of a history. */
function fifoGroups(h: History): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of h.ops) {
    if (o.type !== 'invoke') continue;
    const v = o.value as Record<string, unknown>;
    const entries = o.f === 'SendMessage' ? [v] : o.f === 'SendMessageBatch' && Array.isArray(v.Entries) ? (v.Entries as Record<string, unknown>[]) : [];
    for (const e of entries) if (typeof e.MessageGroupId === 'string') out.set(String(e.MessageBody), e.MessageGroupId);
  }
  return out;
}

/** The invoke op of a completion. */
function invokeOf(h: History, c: Op): Op {
  for (let i = c.index - 1; i >= 0; i--) {
    const o = h.ops[i]!;
    if (o.type === 'invoke' && o.process === c.process && o.f === c.f) return o;
  }
  throw new Error(`no invoke for op ${c.index}`);
}


describe('checker: single mutations of conformant histories are caught', () => {
  for (const mutation of mutations) {
    it(`catches: ${mutation.name}`, async () => {
      let applied = 0;
      await fc.assert(
        fc.asyncProperty(fc.nat(), mutation.scenarios ?? (mutation.fifo ? fc.oneof(orderScenario, lockScenario) : fc.oneof(visibilityScenario, delayScenario, validationScenario, longPollScenario)), async (seed, scenario) => {
          const h = await simulate(scenario, { seed, strictness: 'typical' });
          expect(check(h, { strictness: 'typical', tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules }).kind).not.toBe('divergent');
          const mutated = mutation.apply(h);
          if (!mutated) return;
          applied++;
          const v = check(mutated, { strictness: 'typical', tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules });
          if (v.kind !== 'divergent' || !v.divergences.some((d) => mutation.expect.includes(d.id))) {
            throw new Error(`mutation "${mutation.name}" not caught: ${v.kind === 'divergent' ? v.divergences.map((d) => d.id).join(', ') : v.kind}`);
          }
        }),
        { numRuns: mutation.runs ?? 60, seed: SEED + mutations.indexOf(mutation) },
      );
      expect(applied).toBeGreaterThan(5);
    }, 120_000);
  }
});

// ---------------------------------------------------------------------------------------------
// Queue management (issue 12): the management suites' scenarios on the engine target, judged with
// their suite as the history's origin (the queue-management rules judge only their suites').

const MANAGEMENT_SCENARIOS: Array<[string, fc.Arbitrary<Scenario>]> = [
  ['queue-attributes', attributesScenario],
  ['queue-attributes', fifoAttributesScenario],
  ['queue-attributes', effectScenario],
  ['queue-attributes', retentionEffectScenario],
  ['queue-attributes', attributeLimitsScenario],
  ['queues', idempotencyScenario],
  ['queues', fifoIdempotencyScenario],
  ['queues', namesScenario],
  ['queues', deleteScenario],
  ['queues', listingScenario],
  ['queues', missingQueueScenario('core')],
  ['queues', missingQueueScenario('tags')],
  ['queues', missingQueueScenario('permissions')],
  ['queues', missingQueueScenario('dead-letter-sources')],
  ['queues', queueLimitsScenario],
  ['tags-permissions', tagsScenario],
  ['tags-permissions', permissionsScenario],
  ['tags-permissions', tagLimitsScenario],
  ['tags-permissions', permissionLimitsScenario],
  ['errors', envelopesScenario],
  ['errors', messageLimitsScenario],
  ['errors', batchLimitsScenario],
  ['errors', messageAttributeLimitsScenario],
  ['errors', fifoLimitsScenario],
  ['errors', moveTaskLimitsScenario],
];
const managementScenario = fc.oneof(...MANAGEMENT_SCENARIOS.map(([suite, a]) => a.map((scenario) => ({ suite, scenario }))));

describe('checker: no false positives on queue-management histories', () => {
  it('judges every management scenario Conformant on the engine (random choices, latencies, lost answers)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), managementScenario, strictness, fc.constantFrom(0, 0, 0.05), async (seed, { suite, scenario }, strict, lossRate) => {
        const h = await simulate(scenario, { seed, strictness: strict, lossRate, suite });
        const v = check(h, { strictness: strict, tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules });
        if (v.kind === 'divergent') throw new Error(`${suite}: ${describeVerdict(h, strict)}`);
      }),
      { numRuns: 120, seed: SEED },
    );
  }, 300_000);

  it('exercises every management rule whatever the seed (enumerated scenarios)', async () => {
    const exercised = new Set<string>();
    for (const [suite, a] of MANAGEMENT_SCENARIOS) {
      const [scenario] = fc.sample(a, { numRuns: 1, seed: SEED });
      const h = await simulate(scenario!, { seed: 1, strictness: 'typical', suite });
      const v = check(h, { strictness: 'typical', tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules });
      for (const id of Object.keys(v.checked.exercised)) exercised.add(id);
    }
    const ids = [...QUEUE_ATTRIBUTE_IDS, ...QUEUE_IDS, ...TAG_PERMISSION_IDS, ...ENVELOPE_IDS].filter((id) => !ENVELOPE_ONLY_ON_WIRE.has(id));
    expect(ids.filter((id) => !exercised.has(id))).toEqual([]);
  }, 120_000);
});

/** Envelope ids the engine target never exercises: it has no Query protocol. */
const ENVELOPE_ONLY_ON_WIRE = new Set(['envelope.xml-wrong']);

type ManagementMutation = { name: string; expect: string[]; suites: string[]; only?: fc.Arbitrary<Scenario>[]; apply: (h: History) => History | undefined };

const attributesOf = (o: Op) => (o.value as { Attributes?: Record<string, string> }).Attributes;
const managementMutations: ManagementMutation[] = [
  {
    name: 'GetQueueAttributes All misses a key',
    suites: ['queue-attributes'],
    expect: ['queue-attributes.key-missing', 'queue-attributes.set-not-applied', 'queue-attributes.create-not-applied', 'permissions.policy-not-updated'],
    apply(h0) {
      const h = clone(h0);
      const g = oks(h, 'GetQueueAttributes').find((o) => invokeOf(h, o).process !== 'setup' && (invokeOf(h, o).value as { AttributeNames?: string[] }).AttributeNames?.includes('All') && attributesOf(o)?.VisibilityTimeout !== undefined);
      if (!g) return undefined;
      delete attributesOf(g)!.VisibilityTimeout;
      return h;
    },
  },
  {
    name: 'an attribute value read back differs',
    suites: ['queue-attributes'],
    expect: ['queue-attributes.default-wrong', 'queue-attributes.set-not-applied', 'queue-attributes.create-not-applied'],
    apply(h0) {
      const h = clone(h0);
      const g = oks(h, 'GetQueueAttributes').find((o) => attributesOf(o)?.DelaySeconds !== undefined);
      if (!g) return undefined;
      attributesOf(g)!.DelaySeconds = String((Number(attributesOf(g)!.DelaySeconds) + 1) % 900);
      return h;
    },
  },
  {
    name: 'a ListQueues page drops a queue',
    suites: ['queues'],
    expect: ['queues.list-missing'],
    apply(h0) {
      const h = clone(h0);
      const l = oks(h, 'ListQueues').find((o) => ((o.value as { QueueUrls?: string[] }).QueueUrls ?? []).length > 0 && (o.value as { NextToken?: string }).NextToken === undefined && typeof (invokeOf(h, o).value as { NextToken?: unknown }).NextToken !== 'string');
      if (!l) return undefined;
      (l.value as { QueueUrls: string[] }).QueueUrls.pop();
      if ((l.value as { QueueUrls: string[] }).QueueUrls.length === 0) delete (l.value as { QueueUrls?: string[] }).QueueUrls;
      return h;
    },
  },
  {
    name: 'an error comes back with another HTTP status',
    suites: ['queue-attributes', 'queues', 'tags-permissions', 'errors'],
    expect: ['error.wrong-status'],
    apply(h0) {
      const h = clone(h0);
      const f = h.ops.find((o) => o.type === 'fail' && o.value.httpStatus === 400 && ['SetQueueAttributes', 'GetQueueAttributes', 'GetQueueUrl', 'TagQueue', 'AddPermission', 'SendMessage'].includes(o.f));
      if (!f || f.type !== 'fail') return undefined;
      f.value = { ...f.value, httpStatus: 403 };
      if (f.meta) f.meta.httpStatus = 403;
      return h;
    },
  },
  {
    name: 'a JSON error without x-amzn-query-error',
    suites: ['errors', 'queues'],
    expect: ['envelope.query-error-missing'],
    apply(h0) {
      const h = clone(h0);
      const f = h.ops.find((o) => o.type === 'fail' && o.meta?.queryError !== undefined);
      if (!f || f.type !== 'fail') return undefined;
      delete f.meta!.queryError;
      return h;
    },
  },
  {
    name: 'a tag value read back differs',
    suites: ['tags-permissions'],
    expect: ['tags.not-applied'],
    apply(h0) {
      const h = clone(h0);
      const l = oks(h, 'ListQueueTags').find((o) => Object.keys((o.value as { Tags?: Record<string, string> }).Tags ?? {}).length > 0);
      if (!l) return undefined;
      const tags = (l.value as { Tags: Record<string, string> }).Tags;
      const k = Object.keys(tags)[0]!;
      tags[k] = `${tags[k]}!`;
      return h;
    },
  },
  {
    name: 'a refused SetQueueAttributes accepted',
    suites: ['queue-attributes'],
    expect: ['validation.accepted-invalid'],
    apply(h0) {
      const h = clone(h0);
      const i = h.ops.findIndex((o) => o.type === 'fail' && o.f === 'SetQueueAttributes' && !/NonExistentQueue/.test(o.value.code));
      if (i < 0) return undefined;
      const f = h.ops[i]!;
      h.ops[i] = { index: f.index, process: f.process, f: f.f, queue: f.queue, time: f.time, wallTime: f.wallTime, type: 'ok', value: {} };
      return h;
    },
  },
  {
    name: 'a statement AddPermission wrote is missing from Policy',
    suites: ['tags-permissions'],
    expect: ['permissions.policy-not-updated'],
    apply(h0) {
      const h = clone(h0);
      const g = oks(h, 'GetQueueAttributes').find((o) => typeof attributesOf(o)?.Policy === 'string' && (JSON.parse(attributesOf(o)!.Policy!) as { Statement: unknown[] }).Statement.length > 1);
      if (!g) return undefined;
      const p = JSON.parse(attributesOf(g)!.Policy!) as { Statement: unknown[] };
      p.Statement.pop();
      attributesOf(g)!.Policy = JSON.stringify(p);
      return h;
    },
  },
  {
    name: 'a reconfigured queue answers a long poll empty while its message is visible',
    suites: ['queue-attributes'],
    only: [effectScenario],
    expect: ['queue-attributes.set-not-effective'],
    apply(h0) {
      const h = clone(h0);
      // The visibility probe's second receive (the first that came back with a message again).
      const seen = new Set<string>();
      for (const r of oks(h, 'ReceiveMessage')) {
        if (r.queue.endsWith('-ve') === false) continue;
        const ms = messagesOf(r);
        if (ms.some((m) => seen.has(String(m.MessageId)))) {
          delete (r.value as { Messages?: unknown }).Messages;
          return h;
        }
        for (const m of ms) seen.add(String(m.MessageId));
      }
      return undefined;
    },
  },
];

describe('checker: single mutations of queue-management histories are caught', () => {
  for (const mutation of managementMutations) {
    it(`catches: ${mutation.name}`, async () => {
      let applied = 0;
      const scenarios = MANAGEMENT_SCENARIOS.filter(([suite, a]) => mutation.suites.includes(suite) && (!mutation.only || mutation.only.includes(a)));
      const arb = fc.oneof(...scenarios.map(([suite, a]) => a.map((scenario) => ({ suite, scenario }))));
      await fc.assert(
        fc.asyncProperty(fc.nat(), arb, async (seed, { suite, scenario }) => {
          const h = await simulate(scenario, { seed, strictness: 'typical', suite });
          expect(check(h, { strictness: 'typical', tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules }).kind).not.toBe('divergent');
          const mutated = mutation.apply(h);
          if (!mutated) return;
          applied++;
          const v = check(mutated, { strictness: 'typical', tolerance: TOLERANCE, catalog: KIT.catalog, rules: KIT.rules });
          if (v.kind !== 'divergent' || !v.divergences.some((d) => mutation.expect.includes(d.id))) {
            throw new Error(`mutation "${mutation.name}" not caught (${suite}): ${v.kind === 'divergent' ? v.divergences.map((d) => d.id).join(', ') : v.kind}`);
          }
        }),
        { numRuns: 30, seed: SEED + 100 + managementMutations.indexOf(mutation) },
      );
      expect(applied).toBeGreaterThan(5);
    }, 180_000);
  }
});
