// Scenarios of the message-attributes suite: a generated pool of attribute names in families (so
// prefix filters select some and miss others), messages with 1–10 generated attributes of every
// type and custom label, sent alone and by batch, and receives with generated MessageAttributeNames
// filters besides a fixed `All` and an empty list, so every situation the rules judge arises in
// every run; sizes at and one byte past MaximumMessageSize with attributes counted; attributes past
// the rules; AWSTraceHeader.
import fc from 'fast-check';
import {
  attributeBytes,
  attributeFilter,
  edgeAttributes,
  invalidAttributes,
  messageAttributes,
  namePool,
  traceHeader,
  type AttributeSpec,
  type Scenario,
  type SendEntrySpec,
  type StepBase,
} from '../../../src/scenario/index.js';

/** The smallest MaximumMessageSize: sizes reach it with a few hundred bytes (item 85). */
const MAX = 1024;
const queue = (attributes: Record<string, number> = {}) => ({ q: { attributes: { VisibilityTimeout: 2, ...attributes } } });

const receive = (attributeNames: string[] | undefined, system: 'none' | 'all' | 'trace' = 'none'): StepBase =>
  ({ op: 'receive', attributes: system, max: 10, visibilityTimeout: 0, waitSeconds: 1, ...(attributeNames !== undefined ? { attributeNames } : {}) }) as StepBase;

/**
 * Sends of 2–5 messages with 1–10 attributes each, one without attributes and a batch of 1–5
 * entries with attributes; then receives (VisibilityTimeout 0, so each sees the messages) asking
 * for `All`, for nothing (`[]`), and by 1–4 generated filters.
 */
export const roundTripScenario: fc.Arbitrary<Scenario> = namePool.chain((pool) =>
  fc
    .record({
      sends: fc.array(messageAttributes(pool.names, { min: 1, max: 10 }), { minLength: 2, maxLength: 5 }),
      batch: fc.array(fc.option(messageAttributes(pool.names, { max: 4 }), { nil: undefined }), { minLength: 1, maxLength: 5 }),
      filters: fc.array(attributeFilter(pool), { minLength: 1, maxLength: 4 }),
      unicode: fc.boolean(),
      system: fc.constantFrom<'none' | 'all'>('none', 'all'),
    })
    .map((g): Scenario => ({
      queues: queue(),
      processes: [
        [
          ...g.sends.map((attributes) => ({ op: 'send', attributes, ...(g.unicode ? { unicode: true } : {}) }) as StepBase),
          { op: 'send' } as StepBase,
          { op: 'send-batch', shape: { kind: 'ok' }, entries: g.batch.map((attributes): SendEntrySpec => ({ kind: 'valid', ...(attributes ? { attributes } : {}) })) } as StepBase,
          receive(['All'], g.system),
          receive([]),
          ...g.filters.map((f) => receive(f, g.system)),
        ],
      ],
    })),
);

/** A send whose body brings body + attributes to MAX + `over` bytes. */
const sizedSend = (attributes: AttributeSpec[], over: 0 | 1): StepBase => ({ op: 'send', attributes, bodySize: MAX - attributeBytes(attributes) + over }) as StepBase;

/**
 * Sizes with attributes counted (names, data types and values in UTF-8 bytes, item 85): for 1–3
 * generated attribute sets a send exactly at MaximumMessageSize (accepted) and one byte over
 * (rejected), alone and as batch entries (item 82, 84).
 */
export const sizeScenario: fc.Arbitrary<Scenario> = namePool.chain((pool) =>
  fc.record({ sets: fc.array(messageAttributes(pool.names, { min: 1, max: 4 }), { minLength: 1, maxLength: 3 }) }).map(
    (g): Scenario => ({
      queues: queue({ MaximumMessageSize: MAX }),
      processes: [
        [
          ...g.sets.flatMap((a) => [sizedSend(a, 0), sizedSend(a, 1)]),
          { op: 'send-batch', shape: { kind: 'ok' }, entries: g.sets.flatMap((attributes): SendEntrySpec[] => [{ kind: 'at-limit', attributes }, { kind: 'over-limit', attributes }]) } as StepBase,
          receive(['All']),
        ],
      ],
    }),
  ),
);

/** Attribute sets past the rules (names, types, values, 11 attributes) and at their limits (10, 256 characters, 38 digits). */
export const validationScenario: fc.Arbitrary<Scenario> = fc
  .record({ invalid: fc.array(invalidAttributes, { minLength: 2, maxLength: 5 }), edge: fc.array(edgeAttributes, { minLength: 1, maxLength: 3 }) })
  .chain((g) => fc.shuffledSubarray([...g.invalid, ...g.edge], { minLength: g.invalid.length + g.edge.length }))
  .map((sets): Scenario => ({
    queues: queue(),
    processes: [[...sets.map((attributes) => ({ op: 'send', attributes }) as StepBase), receive(['All'])]],
  }));

/**
 * AWSTraceHeader (sqs-semantics.md 4.7, 4.9; items 93-94): messages sent with a trace header, with
 * and without message attributes, alone and by batch; received asking for AWSTraceHeader, for All
 * and for neither.
 */
export const traceScenario: fc.Arbitrary<Scenario> = namePool.chain((pool) =>
  fc
    .record({
      headers: fc.array(fc.tuple(traceHeader, fc.option(messageAttributes(pool.names, { max: 3 }), { nil: undefined })), { minLength: 1, maxLength: 3 }),
      batch: fc.array(traceHeader, { minLength: 1, maxLength: 3 }),
    })
    .map((g): Scenario => ({
      queues: queue(),
      processes: [
        [
          ...g.headers.map(([header, attributes]) => ({ op: 'send', traceHeader: header, ...(attributes ? { attributes } : {}) }) as StepBase),
          { op: 'send' } as StepBase,
          { op: 'send-batch', shape: { kind: 'ok' }, entries: g.batch.map((header): SendEntrySpec => ({ kind: 'valid', traceHeader: header })) } as StepBase,
          receive(undefined, 'trace'),
          receive(['All'], 'all'),
          receive(undefined, 'none'),
        ],
      ],
    })),
);
