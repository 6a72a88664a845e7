// fast-check arbitraries for lifecycle scenarios. Timers come first in every record so shrinking
// reduces them before it removes operations (../shared/DESIGN.md section 8). No I/O.
import fc from 'fast-check';
import { isAllowedCodePoint } from '../spec/message.js';
import type { AttributeRequest, HandleRef, Probe, QueueSetup, Scenario, Step } from './types.js';

const attributeRequest: fc.Arbitrary<AttributeRequest> = fc.constantFrom<AttributeRequest>('all', 'none', 'named', 'legacy-all');

export const handleRef: fc.Arbitrary<HandleRef> = fc.oneof(
  { weight: 5, arbitrary: fc.constant<HandleRef>({ kind: 'latest' }) },
  { weight: 2, arbitrary: fc.constant<HandleRef>({ kind: 'stale' }) },
  { weight: 2, arbitrary: fc.nat({ max: 20 }).map((pick): HandleRef => ({ kind: 'other', pick })) },
  // Recorded garbage handles: aws-recorded-facts.md A1 item 13 ("garbage"), A2 item 23 ("INVALID").
  { weight: 1, arbitrary: fc.constantFrom('garbage', 'INVALID').map((text): HandleRef => ({ kind: 'garbage', text })) },
);

const sleep = (maxMs: number): fc.Arbitrary<Step> => fc.integer({ min: 50, max: maxMs }).map((ms): Step => ({ op: 'sleep', ms }));

// Timing properties send plain ASCII bodies, so that a target's trouble with characters shows up
// in the body property alone instead of masking every timing divergence.
const send = (maxDelay: number): fc.Arbitrary<Step> =>
  fc
    .option(fc.integer({ min: 0, max: maxDelay }), { nil: undefined })
    .map((delaySeconds): Step => ({ op: 'send', ...(delaySeconds !== undefined ? { delaySeconds } : {}) }));

const receive = (opts: { maxVisibility: number; maxWait: number }): fc.Arbitrary<Step> =>
  fc
    .record({
      visibilityTimeout: fc.option(fc.integer({ min: 0, max: opts.maxVisibility }), { nil: undefined }),
      waitSeconds: fc.option(fc.integer({ min: 0, max: opts.maxWait }), { nil: undefined }),
      max: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
      attributes: attributeRequest,
    })
    .map(({ visibilityTimeout, waitSeconds, max, attributes }): Step => ({
      op: 'receive',
      attributes,
      ...(visibilityTimeout !== undefined ? { visibilityTimeout } : {}),
      ...(waitSeconds !== undefined ? { waitSeconds } : {}),
      ...(max !== undefined ? { max } : {}),
    }));

const del: fc.Arbitrary<Step> = handleRef.map((handle): Step => ({ op: 'delete', handle }));
const changeVisibility = (maxVisibility: number): fc.Arbitrary<Step> =>
  fc.record({ visibilityTimeout: fc.integer({ min: 0, max: maxVisibility }), handle: handleRef }).map(({ visibilityTimeout, handle }): Step => ({ op: 'changeVisibility', handle, visibilityTimeout }));

const processes = (step: fc.Arbitrary<Step>, opts: { maxProcesses: number; maxSteps: number }): fc.Arbitrary<Step[][]> =>
  fc.array(fc.array(step, { minLength: 1, maxLength: opts.maxSteps }), { minLength: 1, maxLength: opts.maxProcesses });

/** Several producers and consumers around visibility timeouts of 1–4 s (visibility property). */
export const visibilityScenario: fc.Arbitrary<Scenario> = fc.record({
  queue: fc.record({ VisibilityTimeout: fc.integer({ min: 1, max: 4 }) }, { requiredKeys: ['VisibilityTimeout'] }) as fc.Arbitrary<QueueSetup>,
  processes: processes(
    fc.oneof(
      { weight: 4, arbitrary: send(0) },
      { weight: 4, arbitrary: receive({ maxVisibility: 4, maxWait: 1 }) },
      { weight: 3, arbitrary: del },
      { weight: 2, arbitrary: changeVisibility(4) },
      { weight: 3, arbitrary: sleep(2500) },
    ),
    { maxProcesses: 3, maxSteps: 8 },
  ),
});

/** Queue and per-message delays of 0–3 s against short and long polls (delay property). */
export const delayScenario: fc.Arbitrary<Scenario> = fc.record({
  queue: fc.record({ DelaySeconds: fc.integer({ min: 0, max: 3 }), VisibilityTimeout: fc.integer({ min: 1, max: 3 }) }),
  processes: processes(
    fc.oneof(
      { weight: 4, arbitrary: send(3) },
      { weight: 4, arbitrary: receive({ maxVisibility: 3, maxWait: 2 }) },
      { weight: 1, arbitrary: del },
      { weight: 3, arbitrary: sleep(2000) },
    ),
    { maxProcesses: 3, maxSteps: 6 },
  ),
});

/** Long polls (queue default or per call) that must wake when a message arrives. */
export const longPollScenario: fc.Arbitrary<Scenario> = fc.record({
  queue: fc.record({ ReceiveMessageWaitTimeSeconds: fc.integer({ min: 0, max: 2 }), VisibilityTimeout: fc.integer({ min: 1, max: 3 }) }),
  processes: processes(
    fc.oneof(
      { weight: 3, arbitrary: send(1) },
      { weight: 4, arbitrary: receive({ maxVisibility: 3, maxWait: 3 }) },
      { weight: 1, arbitrary: del },
      { weight: 3, arbitrary: sleep(2500) },
    ),
    { maxProcesses: 3, maxSteps: 6 },
  ),
});

/**
 * The 12-hour cap: receive, wait, then extend to just under, at and over what remains of 43,200 s
 * counted from the receive (sqs-semantics.md 4.11).
 */
export const visibilityCapScenario: fc.Arbitrary<Scenario> = fc
  .record({ waitMs: fc.integer({ min: 1200, max: 2500 }), below: fc.integer({ min: 0, max: 4 }), above: fc.integer({ min: 2, max: 4 }) })
  .map(({ waitMs, below, above }): Scenario => {
    // Over the cap by at least `above` seconds even if the wait were rounded down; within it by
    // at least 2 s + `below` even if the wait were rounded up: both clear of any tolerance.
    const elapsed = Math.ceil(waitMs / 1000);
    const elapsedFloor = Math.floor(waitMs / 1000);
    return {
      queue: { VisibilityTimeout: 2 },
      processes: [
        [
          { op: 'send' },
          { op: 'receive', attributes: 'none', waitSeconds: 1, visibilityTimeout: 5 },
          { op: 'sleep', ms: waitMs },
          // Over the cap: elapsed (≥ waitMs) + value > 43,200 s.
          { op: 'changeVisibility', handle: { kind: 'latest' }, visibilityTimeout: 43_200 - elapsedFloor + above },
          // Within the cap with a margin of `below` + 2 s for request latency.
          { op: 'changeVisibility', handle: { kind: 'latest' }, visibilityTimeout: 43_200 - elapsed - 2 - below },
          { op: 'changeVisibility', handle: { kind: 'latest' }, visibilityTimeout: 0 },
        ],
      ],
    };
  });

/** Retention at its 60 s minimum: messages must survive until 60 s and be gone soon after. */
export const retentionScenario: fc.Arbitrary<Scenario> = fc
  .record({
    early: fc.integer({ min: 40_000, max: 52_000 }),
    late: fc.integer({ min: 66_000, max: 72_000 }),
    inFlight: fc.boolean(),
  })
  .map(({ early, late, inFlight }): Scenario => ({
    queue: { MessageRetentionPeriod: 60, VisibilityTimeout: 2 },
    processes: [
      [{ op: 'send' }, { op: 'send' }, ...(inFlight ? [{ op: 'receive', attributes: 'all', visibilityTimeout: 120 } as Step] : [])],
      [{ op: 'sleep', ms: early }, { op: 'receive', attributes: 'all', max: 10, waitSeconds: 1, visibilityTimeout: 2 }],
      [{ op: 'sleep', ms: late }, { op: 'receive', attributes: 'all', max: 10, waitSeconds: 2, visibilityTimeout: 2 }],
    ],
  }));

/** Requests at and just past documented limits; the model decides which must fail and how. */
export const probe: fc.Arbitrary<Probe> = fc.oneof(
  fc.constantFrom(0, 900, 901, -1).map((delaySeconds): Probe => ({ kind: 'send-delay', delaySeconds })),
  fc.constantFrom(1024, 1025).map((bytes): Probe => ({ kind: 'send-size', bytes })),
  fc.constant<Probe>({ kind: 'send-empty' }),
  fc.constantFrom(0x0, 0x8, 0xb, 0xfffe, 0xffff, 0x9, 0xe000, 0x10000).map((codePoint): Probe => ({ kind: 'send-char', codePoint })),
  fc.constantFrom(0, 1, 10, 11).map((max): Probe => ({ kind: 'receive-max', max })),
  fc.constantFrom(-1, 21).map((waitSeconds): Probe => ({ kind: 'receive-wait', waitSeconds })),
  fc.constantFrom(-1, 43_201).map((visibilityTimeout): Probe => ({ kind: 'receive-visibility', visibilityTimeout })),
  fc.constantFrom(-1, 43_201).map((visibilityTimeout): Probe => ({ kind: 'change-visibility', visibilityTimeout })),
  fc
    .constantFrom<[keyof QueueSetup, number]>(
      ['VisibilityTimeout', 43_200],
      ['VisibilityTimeout', 43_201],
      ['MessageRetentionPeriod', 59],
      ['MessageRetentionPeriod', 1_209_600],
      ['MessageRetentionPeriod', 1_209_601],
      ['DelaySeconds', 901],
      ['ReceiveMessageWaitTimeSeconds', 21],
      ['MaximumMessageSize', 1023],
      ['MaximumMessageSize', 1_048_577],
    )
    .map(([attribute, value]): Probe => ({ kind: 'create-queue', attribute, value })),
);

export const validationScenario: fc.Arbitrary<Scenario> = fc.record({
  queue: fc.constant<QueueSetup>({ MaximumMessageSize: 1024, VisibilityTimeout: 5 }),
  processes: fc.array(fc.array(probe.map((p): Step => ({ op: 'probe', probe: p })), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 2 }),
});

/** Characters SQS must carry byte-exact (sqs-semantics.md 6.1; aws-recorded-facts.md A1 item 3). */
const bodyCharacter: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('\t', '\n', '\r', '\r\n', '&quot;', '&amp;', '<', '>', '"', "'", ']]>', ' ') },
  { weight: 3, arbitrary: fc.integer({ min: 0x20, max: 0xd7ff }).map((cp) => String.fromCodePoint(cp)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xfffd }).map((cp) => String.fromCodePoint(cp)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }).map((cp) => String.fromCodePoint(cp)) },
);
const bodyContent: fc.Arbitrary<string> = fc
  .array(bodyCharacter, { minLength: 1, maxLength: 40 })
  .map((parts) => parts.join(''))
  .filter((text) => [...text].every((ch) => isAllowedCodePoint(ch.codePointAt(0)!)));

/** Bodies with every kind of allowed character come back byte-exact with the right MD5. */
export const bodyScenario: fc.Arbitrary<Scenario> = fc.record({
  queue: fc.constant<QueueSetup>({ VisibilityTimeout: 5 }),
  processes: fc
    .array(bodyContent, { minLength: 1, maxLength: 8 })
    .map((contents): Step[][] => [[...contents.map((content): Step => ({ op: 'send', content })), { op: 'receive', attributes: 'none', max: 10, waitSeconds: 1 }]]),
});
