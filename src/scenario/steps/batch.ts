// The batch actions on standard queues (sqs-semantics.md 4.8, 4.10, 4.11, 12; aws-recorded-facts.md
// A8 items 78-84): SendMessageBatch of 1-10 entries valid and invalid by generated kinds (an entry
// over the queue's MaximumMessageSize or exactly at it, a character outside the XML set, a
// per-message delay past 900, parameters a standard queue does not take, invalid attributes), and
// DeleteMessageBatch / ChangeMessageVisibilityBatch whose entries use recent, stale, other and
// garbage receipt handles; each also in the shapes SQS rejects as a whole (no entries, 11 entries,
// repeated or malformed entry Ids, a payload past 1 MiB) and at the limits it accepts (10 entries,
// an 80-character Id, a payload of exactly 1 MiB).
import fc from 'fast-check';
import { bodyOfBytes } from '../bodies.js';
import type { StepBase, StepContext, StepKind } from '../types.js';
import { attributeBytes, invalidAttributes, messageAttributes, traceHeader as traceHeaderArb, wireAttributes, type AttributeSpec } from './attributes.js';

/** 1 MiB: the fixed limit of a batch's total payload (aws-recorded-facts.md items 81, 84). */
const BATCH_PAYLOAD = 1_048_576;
/** AWS's default MaximumMessageSize (item 96). */
const DEFAULT_MAXIMUM_MESSAGE_SIZE = 1_048_576;

// ---------------------------------------------------------------------------------------------
// SendMessageBatch

/**
 * What an entry is: `valid`; `at-limit` (body + attributes exactly the queue's MaximumMessageSize,
 * accepted: item 84) and `over-limit` (one byte more: fails alone, item 82); `bad-char` (a character
 * outside the XML set: fails alone, item 83); `bad-delay` (DelaySeconds 901); `dedup-id` and
 * `bad-group-id` (a parameter a standard queue does not take, or an invalid MessageGroupId: fail
 * alone with SenderFault true, sqs-semantics.md 4.8, 17); `bad-attribute` (its attributes break a rule).
 */
export type SendEntryKind = 'valid' | 'at-limit' | 'over-limit' | 'bad-char' | 'bad-delay' | 'dedup-id' | 'bad-group-id' | 'bad-attribute';

export interface SendEntrySpec {
  kind: SendEntryKind;
  attributes?: AttributeSpec[];
  delaySeconds?: number;
  traceHeader?: string;
  /** The character of a `bad-char` entry. */
  codePoint?: number;
}

/** Whole-request shapes (items 78-81) and the limits SQS accepts (10 entries, 80-character Ids, 1 MiB). */
export type SendBatchShape =
  | { kind: 'ok'; longId?: boolean }
  | { kind: 'empty' }
  | { kind: 'too-many' }
  | { kind: 'ids-not-distinct' }
  | { kind: 'invalid-id'; id: string }
  | { kind: 'payload'; over: boolean };

export interface SendBatchStep extends StepBase {
  op: 'send-batch';
  shape: SendBatchShape;
  entries: SendEntrySpec[];
}

/** Entry Ids SQS rejects as a whole request (item 79: empty, 100 characters, `invalid:id`). */
export const INVALID_ENTRY_IDS = ['', 'invalid:id', 'x'.repeat(81), 'x'.repeat(100), 'a b', 'é'];

/** A valid entry, sometimes with attributes (from `names`), a delay or a trace header. */
export const validSendEntry = (opts: { names?: readonly string[]; maxDelay?: number; trace?: boolean } = {}): fc.Arbitrary<SendEntrySpec> =>
  fc
    .record({
      attributes: opts.names && opts.names.length > 0 ? fc.option(messageAttributes(opts.names, { max: 4 }), { nil: undefined }) : fc.constant(undefined),
      delaySeconds: fc.option(fc.integer({ min: 0, max: opts.maxDelay ?? 0 }), { nil: undefined, freq: 3 }),
      traceHeader: opts.trace ? fc.option(traceHeaderArb, { nil: undefined }) : fc.constant(undefined),
    })
    .map(({ attributes, delaySeconds, traceHeader }): SendEntrySpec => ({
      kind: 'valid',
      ...(attributes !== undefined ? { attributes } : {}),
      ...(delaySeconds !== undefined ? { delaySeconds } : {}),
      ...(traceHeader !== undefined ? { traceHeader } : {}),
    }));

/** An entry at the queue's size limit, attributes counted (accepted, item 84). */
export const atLimitSendEntry = (names?: readonly string[]): fc.Arbitrary<SendEntrySpec> =>
  (names && names.length > 0 ? fc.option(messageAttributes(names, { max: 3 }), { nil: undefined }) : fc.constant(undefined)).map(
    (attributes): SendEntrySpec => ({ kind: 'at-limit', ...(attributes !== undefined ? { attributes } : {}) }),
  );

/** An entry the model rejects alone (the rest of the batch goes through). */
export const invalidSendEntry = (names?: readonly string[]): fc.Arbitrary<SendEntrySpec> =>
  fc.oneof(
    (names && names.length > 0 ? fc.option(messageAttributes(names, { max: 3 }), { nil: undefined }) : fc.constant(undefined)).map(
      (attributes): SendEntrySpec => ({ kind: 'over-limit', ...(attributes !== undefined ? { attributes } : {}) }),
    ),
    fc.constantFrom(0x0, 0x8, 0x13, 0xffff).map((codePoint): SendEntrySpec => ({ kind: 'bad-char', codePoint })), // item 4
    fc.constant<SendEntrySpec>({ kind: 'bad-delay' }),
    fc.constant<SendEntrySpec>({ kind: 'dedup-id' }),
    fc.constant<SendEntrySpec>({ kind: 'bad-group-id' }),
    invalidAttributes.map((attributes): SendEntrySpec => ({ kind: 'bad-attribute', attributes })),
  );

/** 1–10 entries with at least one valid and one invalid entry, in a generated order. */
export const mixedSendEntries = (names?: readonly string[]): fc.Arbitrary<SendEntrySpec[]> =>
  fc
    .tuple(validSendEntry({ ...(names ? { names } : {}) }), invalidSendEntry(names), fc.array(fc.oneof(validSendEntry({ ...(names ? { names } : {}) }), atLimitSendEntry(names), invalidSendEntry(names)), { maxLength: 8 }))
    .chain(([v, i, rest]) => {
      const all = [v, i, ...rest];
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    });

/** A whole-request error shape (items 78-81). */
export const rejectedSendShape: fc.Arbitrary<SendBatchShape> = fc.oneof(
  fc.constantFrom<SendBatchShape>({ kind: 'empty' }, { kind: 'too-many' }, { kind: 'ids-not-distinct' }, { kind: 'payload', over: true }),
  fc.constantFrom(...INVALID_ENTRY_IDS).map((id): SendBatchShape => ({ kind: 'invalid-id', id })),
);

export const sendBatchStep = (opts: { names?: readonly string[]; maxDelay?: number; trace?: boolean } = {}): fc.Arbitrary<SendBatchStep> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.array(validSendEntry(opts), { minLength: 1, maxLength: 10 }), fc.boolean()).map(([entries, longId]): SendBatchStep => ({ op: 'send-batch', shape: { kind: 'ok', ...(longId ? { longId } : {}) }, entries })) },
    { weight: 2, arbitrary: mixedSendEntries(opts.names).map((entries): SendBatchStep => ({ op: 'send-batch', shape: { kind: 'ok' }, entries })) },
    { weight: 1, arbitrary: fc.tuple(rejectedSendShape, fc.array(validSendEntry(opts), { minLength: 1, maxLength: 3 })).map(([shape, entries]): SendBatchStep => ({ op: 'send-batch', shape, entries })) },
  );

const maximumMessageSize = (ctx: StepContext, key: string): number => Number(ctx.queue(key).setup.attributes?.MaximumMessageSize ?? DEFAULT_MAXIMUM_MESSAGE_SIZE);

/** The request members of one entry (without its Id). */
function sendEntry(ctx: StepContext, queueKey: string, e: SendEntrySpec): Record<string, unknown> {
  const tag = ctx.nextBody();
  const out: Record<string, unknown> = { MessageBody: tag };
  const attrs = e.attributes ?? [];
  const max = maximumMessageSize(ctx, queueKey);
  switch (e.kind) {
    case 'at-limit':
      out.MessageBody = bodyOfBytes(tag, max - attributeBytes(attrs));
      break;
    case 'over-limit':
      out.MessageBody = bodyOfBytes(tag, max - attributeBytes(attrs) + 1);
      break;
    case 'bad-char':
      out.MessageBody = `${tag}:${String.fromCodePoint(e.codePoint ?? 0)}`;
      break;
    case 'bad-delay':
      out.DelaySeconds = 901;
      break;
    case 'dedup-id':
      out.MessageDeduplicationId = `d-${tag.replace(/[^A-Za-z0-9]/g, '-')}`.slice(0, 128);
      break;
    case 'bad-group-id':
      out.MessageGroupId = 'g h';
      break;
    default:
      break;
  }
  if (e.attributes !== undefined) out.MessageAttributes = wireAttributes(e.attributes);
  if (e.delaySeconds !== undefined) out.DelaySeconds = e.delaySeconds;
  if (e.traceHeader !== undefined) out.MessageSystemAttributes = { AWSTraceHeader: { DataType: 'String', StringValue: e.traceHeader } };
  return out;
}

/** Ten entries whose bodies add up to 1 MiB, or one byte more (items 81, 84). */
function payloadEntries(ctx: StepContext, over: boolean): Record<string, unknown>[] {
  const each = Math.ceil(BATCH_PAYLOAD / 10);
  const last = BATCH_PAYLOAD - 9 * each + (over ? 1 : 0);
  return Array.from({ length: 10 }, (_, i) => ({ Id: `p${i}`, MessageBody: bodyOfBytes(ctx.nextBody(), i < 9 ? each : last) }));
}

export const sendBatchKind: StepKind<SendBatchStep> = {
  op: 'send-batch',
  description: 'SendMessageBatch of valid and invalid entries, in accepted and rejected shapes.',
  actions: ['SendMessageBatch'],
  async run(step, ctx) {
    const q = ctx.queue(step.queue);
    const shape = step.shape;
    let entries: Record<string, unknown>[];
    switch (shape.kind) {
      case 'empty':
        entries = [];
        break;
      case 'too-many':
        entries = Array.from({ length: 11 }, (_, i) => ({ Id: `e${i}`, MessageBody: ctx.nextBody() }));
        break;
      case 'payload':
        entries = payloadEntries(ctx, shape.over);
        break;
      default: {
        const list: SendEntrySpec[] = step.entries.length > 0 ? [...step.entries] : [{ kind: 'valid' }];
        if (shape.kind === 'ids-not-distinct' && list.length < 2) list.push({ kind: 'valid' });
        entries = list.map((e, i) => ({ Id: `e${i}`, ...sendEntry(ctx, q.key, e) }));
        if (shape.kind === 'ok' && shape.longId) entries[0]!.Id = `${'L'.repeat(79)}0`; // 80 characters (item 79)
        if (shape.kind === 'ids-not-distinct') entries[1]!.Id = entries[0]!.Id;
        if (shape.kind === 'invalid-id') entries[0]!.Id = shape.id;
      }
    }
    const delays = step.entries.map((e) => e.delaySeconds ?? 0);
    ctx.hides(Math.max(Number(q.setup.attributes?.DelaySeconds ?? 0), ...delays), q.key);
    await ctx.call('SendMessageBatch', { QueueUrl: q.url, Entries: entries }, q.key);
  },
};

// ---------------------------------------------------------------------------------------------
// DeleteMessageBatch and ChangeMessageVisibilityBatch

/**
 * Which receipt handle an entry uses: the `back`-th newest of this process, an older handle of a
 * message received again since (stale), any handle seen (other), or one never issued (garbage).
 */
export type EntryHandle = { kind: 'recent'; back: number } | { kind: 'stale' } | { kind: 'other'; pick: number } | { kind: 'garbage'; text: string };

export interface HandleEntrySpec {
  handle: EntryHandle;
  /** ChangeMessageVisibilityBatch only. */
  visibilityTimeout?: number;
}

export type HandleBatchShape = 'ok' | 'empty' | 'too-many' | 'ids-not-distinct' | 'invalid-id';

export interface DeleteBatchStep extends StepBase {
  op: 'delete-batch';
  shape: HandleBatchShape;
  entries: HandleEntrySpec[];
}

export interface ChangeVisibilityBatchStep extends StepBase {
  op: 'change-visibility-batch';
  shape: HandleBatchShape;
  entries: HandleEntrySpec[];
}

export const entryHandle: fc.Arbitrary<EntryHandle> = fc.oneof(
  { weight: 5, arbitrary: fc.nat({ max: 9 }).map((back): EntryHandle => ({ kind: 'recent', back })) },
  { weight: 2, arbitrary: fc.constant<EntryHandle>({ kind: 'stale' }) },
  { weight: 1, arbitrary: fc.nat({ max: 20 }).map((pick): EntryHandle => ({ kind: 'other', pick })) },
  // Recorded garbage handles: aws-recorded-facts.md A1 item 13 ("garbage"), A2 item 23 ("INVALID").
  { weight: 1, arbitrary: fc.constantFrom('garbage', 'INVALID').map((text): EntryHandle => ({ kind: 'garbage', text })) },
);

const handleShape: fc.Arbitrary<HandleBatchShape> = fc.oneof(
  { weight: 6, arbitrary: fc.constant<HandleBatchShape>('ok') },
  { weight: 1, arbitrary: fc.constantFrom<HandleBatchShape>('empty', 'too-many', 'ids-not-distinct', 'invalid-id') },
);

export const deleteBatchStep: fc.Arbitrary<DeleteBatchStep> = fc
  .record({ shape: handleShape, entries: fc.array(entryHandle.map((handle): HandleEntrySpec => ({ handle })), { minLength: 1, maxLength: 10 }) })
  .map(({ shape, entries }): DeleteBatchStep => ({ op: 'delete-batch', shape, entries }));

/** New timeouts 0..maxVisibility, sometimes past the limits (-1, 43,201: the entry fails alone). */
export const changeVisibilityBatchStep = (maxVisibility: number): fc.Arbitrary<ChangeVisibilityBatchStep> =>
  fc
    .record({
      shape: handleShape,
      entries: fc.array(
        fc.record({
          handle: entryHandle,
          visibilityTimeout: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: maxVisibility }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 43_201) }),
        }),
        { minLength: 1, maxLength: 10 },
      ),
    })
    .map(({ shape, entries }): ChangeVisibilityBatchStep => ({ op: 'change-visibility-batch', shape, entries }));

/** The entries' handles resolved when the step runs; an entry whose handle is missing or repeated is left out. */
function resolveEntries(ctx: StepContext, queueKey: string, specs: readonly HandleEntrySpec[]): { handle: string; spec: HandleEntrySpec }[] {
  const mine = ctx.handles.of(queueKey).filter((r) => r.process === ctx.process);
  const out: { handle: string; spec: HandleEntrySpec }[] = [];
  const used = new Set<string>();
  for (const spec of specs) {
    const h = spec.handle;
    const handle = h.kind === 'recent' ? mine[mine.length - 1 - h.back]?.handle : h.kind === 'garbage' ? h.text : ctx.handles.resolve(h, ctx.process, queueKey);
    if (handle === undefined || used.has(handle)) continue;
    used.add(handle);
    out.push({ handle, spec });
  }
  return out;
}

/** The Entries member in the step's shape; undefined when an `ok` batch has no entry left. */
function handleEntries(ctx: StepContext, queueKey: string, shape: HandleBatchShape, specs: readonly HandleEntrySpec[], prefix: string, withTimeout: boolean): Record<string, unknown>[] | undefined {
  const entry = (handle: string, spec: HandleEntrySpec | undefined, i: number) => ({
    Id: `${prefix}${i}`,
    ReceiptHandle: handle,
    ...(withTimeout ? { VisibilityTimeout: spec?.visibilityTimeout ?? 0 } : {}),
  });
  if (shape === 'empty') return [];
  if (shape === 'too-many') return Array.from({ length: 11 }, (_, i) => entry('garbage', undefined, i));
  const resolved = resolveEntries(ctx, queueKey, specs).map((r, i) => entry(r.handle, r.spec, i));
  if (shape === 'ok') return resolved.length > 0 ? resolved : undefined;
  while (resolved.length < 2) resolved.push(entry('INVALID', undefined, resolved.length));
  if (shape === 'ids-not-distinct') resolved[1]!.Id = resolved[0]!.Id;
  if (shape === 'invalid-id') resolved[0]!.Id = 'invalid:id'; // item 79
  return resolved;
}

/** Sends a handle batch in the step's shape (nothing when an `ok` batch has no entry left). */
async function runHandleBatch(step: DeleteBatchStep | ChangeVisibilityBatchStep, ctx: StepContext, action: 'DeleteMessageBatch' | 'ChangeMessageVisibilityBatch'): Promise<void> {
  const q = ctx.queue(step.queue);
  const withTimeout = action === 'ChangeMessageVisibilityBatch';
  const entries = handleEntries(ctx, q.key, step.shape, step.entries, withTimeout ? 'c' : 'd', withTimeout);
  if (entries === undefined) return;
  if (withTimeout) ctx.hides(Math.max(0, ...entries.map((e) => Number(e.VisibilityTimeout ?? 0)).filter((v) => v <= 43_200)), q.key);
  await ctx.call(action, { QueueUrl: q.url, Entries: entries }, q.key);
}

export const deleteBatchKind: StepKind<DeleteBatchStep> = {
  op: 'delete-batch',
  description: 'DeleteMessageBatch with recent, stale, other and garbage handles, in accepted and rejected shapes.',
  actions: ['DeleteMessageBatch'],
  run: (step, ctx) => runHandleBatch(step, ctx, 'DeleteMessageBatch'),
};

export const changeVisibilityBatchKind: StepKind<ChangeVisibilityBatchStep> = {
  op: 'change-visibility-batch',
  description: 'ChangeMessageVisibilityBatch with recent, stale, other and garbage handles and timeouts in and past the limits.',
  actions: ['ChangeMessageVisibilityBatch'],
  run: (step, ctx) => runHandleBatch(step, ctx, 'ChangeMessageVisibilityBatch'),
};
