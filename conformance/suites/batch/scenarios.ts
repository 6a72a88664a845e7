// Scenarios of the batch suite: fixed structure, generated values, so that every situation the
// batch rules judge arises in every run whatever the seed (a batch of valid entries, a batch mixing
// valid and invalid entries, whole-request errors, per-entry stale and garbage handles), followed by
// receives that see what each entry did; and concurrent processes of random batch steps.
import fc from 'fast-check';
import {
  changeVisibilityBatchStep,
  deleteBatchStep,
  deleteStep,
  entryHandle,
  INVALID_ENTRY_IDS,
  invalidSendEntry,
  mixedSendEntries,
  processes,
  receiveStep,
  rejectedSendShape,
  sendBatchStep,
  sleepStep,
  validSendEntry,
  type EntryHandle,
  type HandleBatchShape,
  type HandleEntrySpec,
  type Scenario,
  type StepBase,
} from '../../../src/scenario/index.js';

/** A standard queue with the smallest MaximumMessageSize, so entries reach it cheaply (items 82, 84). */
const queue = (VisibilityTimeout: number) => ({ q: { attributes: { MaximumMessageSize: 1024, VisibilityTimeout } } });

const garbage = fc.constantFrom('garbage', 'INVALID').map((text): EntryHandle => ({ kind: 'garbage', text }));
const rejectedHandleShape = fc.constantFrom<HandleBatchShape>('empty', 'too-many', 'ids-not-distinct', 'invalid-id');
const newTimeout = (max: number) => fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 43_201) });

/** Random batch steps, for processes that run beside the fixed one. */
const randomStep = (maxVisibility: number): fc.Arbitrary<StepBase> =>
  fc.oneof(
    { weight: 4, arbitrary: sendBatchStep({ maxDelay: 1 }) },
    { weight: 4, arbitrary: receiveStep({ maxVisibility, maxWait: 1 }) },
    { weight: 3, arbitrary: deleteBatchStep },
    { weight: 2, arbitrary: changeVisibilityBatchStep(maxVisibility) },
    { weight: 1, arbitrary: deleteStep },
    { weight: 2, arbitrary: sleepStep(2000) },
  );

/**
 * One process sends a batch of 2–10 valid entries, a batch mixing valid and invalid entries, and a
 * batch SQS rejects as a whole; receives everything twice (the first handles become stale); changes
 * visibility and deletes by batch with recent, stale and garbage handles and timeouts past the
 * limits; sends a handle batch SQS rejects as a whole; and receives again. 0–2 other processes run
 * random batch steps meanwhile.
 */
export const mixedScenario: fc.Arbitrary<Scenario> = fc
  .record({
    visibility: fc.integer({ min: 1, max: 3 }),
    pauseMs: fc.integer({ min: 200, max: 1500 }),
    valid: fc.array(validSendEntry({ maxDelay: 1 }), { minLength: 2, maxLength: 10 }),
    longId: fc.boolean(),
    mixed: mixedSendEntries(),
    rejected: rejectedSendShape,
    rejectedEntries: fc.array(validSendEntry(), { minLength: 1, maxLength: 3 }),
    changes: fc.array(fc.record({ handle: entryHandle, visibilityTimeout: newTimeout(3) }), { minLength: 1, maxLength: 8 }),
    changeGarbage: garbage,
    deletes: fc.array(entryHandle, { minLength: 1, maxLength: 8 }),
    deleteGarbage: garbage,
    rejectedHandles: rejectedHandleShape,
    rejectedHandlesOp: fc.constantFrom('delete-batch', 'change-visibility-batch'),
    others: fc.array(fc.array(randomStep(3), { minLength: 1, maxLength: 5 }), { maxLength: 2 }),
  })
  .map((g): Scenario => {
    const main: StepBase[] = [
      { op: 'send-batch', shape: { kind: 'ok', ...(g.longId ? { longId: true } : {}) }, entries: g.valid } as StepBase,
      { op: 'send-batch', shape: { kind: 'ok' }, entries: g.mixed } as StepBase,
      { op: 'send-batch', shape: g.rejected, entries: g.rejectedEntries } as StepBase,
      { op: 'receive', attributes: 'all', max: 10, visibilityTimeout: 0, waitSeconds: 1 } as StepBase,
      { op: 'receive', attributes: 'all', max: 10, visibilityTimeout: g.visibility, waitSeconds: 1 } as StepBase,
      { op: 'change-visibility-batch', shape: 'ok', entries: [...g.changes, { handle: g.changeGarbage, visibilityTimeout: 1 }] } as StepBase,
      { op: 'delete-batch', shape: 'ok', entries: [{ handle: { kind: 'stale' } }, ...g.deletes.map((handle): HandleEntrySpec => ({ handle })), { handle: g.deleteGarbage }] } as StepBase,
      { op: g.rejectedHandlesOp, shape: g.rejectedHandles, entries: [{ handle: { kind: 'recent', back: 0 }, visibilityTimeout: 1 }] } as StepBase,
      { op: 'sleep', ms: g.pauseMs } as StepBase,
      { op: 'receive', attributes: 'all', max: 10, visibilityTimeout: g.visibility, waitSeconds: 1 } as StepBase,
    ];
    return { queues: queue(g.visibility), processes: [main, ...g.others] };
  });

/** Producers and consumers of random batch steps around 1–3 s visibility timeouts. */
export const handlesScenario: fc.Arbitrary<Scenario> = fc.integer({ min: 1, max: 3 }).chain((visibility) =>
  fc.record({
    queues: fc.constant(queue(visibility)),
    processes: processes(randomStep(visibility + 1), { maxProcesses: 3, maxSteps: 8 }),
  }),
);

/**
 * The limits, each on both sides: 10 entries and 11, an 80-character entry Id and malformed ones,
 * repeated Ids, no entries, entries at and one byte over MaximumMessageSize, and ten entries whose
 * bodies add up to exactly 1 MiB (accepted as a request; each entry then fails alone, being over the
 * queue's 1024 bytes: items 81, 84) and to one byte more (rejected as a whole).
 */
export const limitsScenario: fc.Arbitrary<Scenario> = fc
  .record({
    invalidId: fc.constantFrom(...INVALID_ENTRY_IDS),
    entries: fc.array(fc.oneof(validSendEntry(), invalidSendEntry()), { minLength: 1, maxLength: 4 }),
    handleShape: rejectedHandleShape,
  })
  .map((g): Scenario => ({
    queues: queue(2),
    processes: [
      [
        { op: 'send-batch', shape: { kind: 'ok', longId: true }, entries: Array.from({ length: 10 }, () => ({ kind: 'valid' })) } as StepBase,
        { op: 'send-batch', shape: { kind: 'ok' }, entries: [{ kind: 'at-limit' }, { kind: 'over-limit' }, ...g.entries] },
        { op: 'send-batch', shape: { kind: 'too-many' }, entries: [] },
        { op: 'send-batch', shape: { kind: 'invalid-id', id: g.invalidId }, entries: g.entries },
        { op: 'send-batch', shape: { kind: 'ids-not-distinct' }, entries: g.entries },
        { op: 'send-batch', shape: { kind: 'empty' }, entries: [] },
        { op: 'send-batch', shape: { kind: 'payload', over: false }, entries: [] },
        { op: 'send-batch', shape: { kind: 'payload', over: true }, entries: [] },
        { op: 'receive', attributes: 'none', max: 10, visibilityTimeout: 2, waitSeconds: 1 },
        { op: 'delete-batch', shape: g.handleShape, entries: [{ handle: { kind: 'recent', back: 0 } }, { handle: { kind: 'recent', back: 1 } }] },
        { op: 'change-visibility-batch', shape: 'ok', entries: [{ handle: { kind: 'recent', back: 0 }, visibilityTimeout: 43_201 }, { handle: { kind: 'recent', back: 1 }, visibilityTimeout: -1 }, { handle: { kind: 'recent', back: 2 }, visibilityTimeout: 0 }] },
      ] as StepBase[],
    ],
  }));
