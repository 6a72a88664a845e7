// Scenarios of the lifecycle suite. Timers come first in every record so shrinking reduces them
// before it removes operations (../shared/DESIGN.md section 8).
import fc from 'fast-check';
import {
  changeVisibilityStep,
  deleteStep,
  lifecycleProbe,
  probeStep,
  processes,
  receiveStep,
  sendStep,
  sleepStep,
  type Scenario,
  type StepBase,
} from '../../../src/scenario/index.js';
import { isAllowedCodePoint } from '../../../src/spec/message.js';

const one = (attributes: Record<string, number>) => ({ q: { attributes } });

/** Several producers and consumers around visibility timeouts of 1–4 s. */
const concurrentVisibility: fc.Arbitrary<Scenario> = fc.record({
  queues: fc.integer({ min: 1, max: 4 }).map((VisibilityTimeout) => one({ VisibilityTimeout })),
  processes: processes(
    fc.oneof(
      { weight: 4, arbitrary: sendStep(0) },
      { weight: 4, arbitrary: receiveStep({ maxVisibility: 4, maxWait: 1 }) },
      { weight: 3, arbitrary: deleteStep },
      { weight: 2, arbitrary: changeVisibilityStep(4) },
      { weight: 3, arbitrary: sleepStep(2500) },
    ),
    { maxProcesses: 3, maxSteps: 8 },
  ),
});

/**
 * A message received, left to lapse and received again; then its older (stale) handle used, its
 * newest one after a delete, and a handle never issued (sqs-semantics.md 4.10, 4.11): the handle
 * situations random processes reach only by luck.
 */
const reReceived: fc.Arbitrary<Scenario> = fc
  .record({
    lapseMs: fc.integer({ min: 1300, max: 2200 }),
    visibilityTimeout: fc.integer({ min: 2, max: 4 }),
    staleVisibility: fc.integer({ min: 0, max: 3 }),
    deletedVisibility: fc.integer({ min: 0, max: 3 }),
    // Recorded garbage handles: aws-recorded-facts.md A1 item 13, A2 item 23.
    garbage: fc.constantFrom('garbage', 'INVALID'),
  })
  .map(({ lapseMs, visibilityTimeout, staleVisibility, deletedVisibility, garbage }): Scenario => {
    const staleRef = { kind: 'stale' } as const;
    const latest = { kind: 'latest' } as const;
    return {
      queues: one({ VisibilityTimeout: 1 }),
      processes: [
        [
          { op: 'send' },
          { op: 'receive', attributes: 'all', waitSeconds: 1, visibilityTimeout: 1 },
          { op: 'sleep', ms: lapseMs },
          { op: 'receive', attributes: 'all', waitSeconds: 1, visibilityTimeout },
          // The stale change first: a stale delete may remove the message (sqs-semantics.md 4.10).
          { op: 'changeVisibility', handle: staleRef, visibilityTimeout: staleVisibility },
          { op: 'delete', handle: staleRef },
          { op: 'delete', handle: latest },
          { op: 'changeVisibility', handle: latest, visibilityTimeout: deletedVisibility },
          { op: 'delete', handle: { kind: 'garbage', text: garbage } },
        ] as StepBase[],
      ],
    };
  });

/** Producers and consumers around visibility timeouts, and re-received messages whose handles go stale (visibility property). */
export const visibilityScenario: fc.Arbitrary<Scenario> = fc.oneof({ weight: 2, arbitrary: concurrentVisibility }, { weight: 1, arbitrary: reReceived });

/** Queue and per-message delays of 0–3 s against short and long polls (delay property). */
export const delayScenario: fc.Arbitrary<Scenario> = fc.record({
  queues: fc.record({ DelaySeconds: fc.integer({ min: 0, max: 3 }), VisibilityTimeout: fc.integer({ min: 1, max: 3 }) }).map(one),
  processes: processes(
    fc.oneof(
      { weight: 4, arbitrary: sendStep(3) },
      { weight: 4, arbitrary: receiveStep({ maxVisibility: 3, maxWait: 2 }) },
      { weight: 1, arbitrary: deleteStep },
      { weight: 3, arbitrary: sleepStep(2000) },
    ),
    { maxProcesses: 3, maxSteps: 6 },
  ),
});

/** Long polls (queue default or per call) that must wake when a message arrives. */
export const longPollScenario: fc.Arbitrary<Scenario> = fc.record({
  queues: fc.record({ ReceiveMessageWaitTimeSeconds: fc.integer({ min: 0, max: 2 }), VisibilityTimeout: fc.integer({ min: 1, max: 3 }) }).map(one),
  processes: processes(
    fc.oneof(
      { weight: 3, arbitrary: sendStep(1) },
      { weight: 4, arbitrary: receiveStep({ maxVisibility: 3, maxWait: 3 }) },
      { weight: 1, arbitrary: deleteStep },
      { weight: 3, arbitrary: sleepStep(2500) },
    ),
    { maxProcesses: 3, maxSteps: 6 },
  ),
});

/**
 * The 12-hour cap: receive, wait, then extend to just under, at and over what remains of 43,200 s
 * counted from the receive (sqs-semantics.md 4.11).
 */
export const visibilityCapScenario: fc.Arbitrary<Scenario> = fc
  .record({ waitMs: fc.integer({ min: 2200, max: 3000 }), below: fc.integer({ min: 0, max: 4 }), above: fc.integer({ min: 0, max: 1 }) })
  .map(({ waitMs, below, above }): Scenario => {
    // Over the cap by at least 1.2 s (43,200 - `above` s requested after ≥ 2.2 s), and a valid
    // value (at most 43,200 s, so the request is not simply invalid); within it by at least
    // 2 s + `below` even if the wait were rounded up: both clear of any tolerance.
    const elapsed = Math.ceil(waitMs / 1000);
    const latest = { kind: 'latest' } as const;
    return {
      queues: one({ VisibilityTimeout: 2 }),
      processes: [
        [
          { op: 'send' },
          { op: 'receive', attributes: 'none', waitSeconds: 1, visibilityTimeout: 5 },
          { op: 'sleep', ms: waitMs },
          // Over the cap: elapsed (≥ waitMs) + value > 43,200 s.
          { op: 'changeVisibility', handle: latest, visibilityTimeout: 43_200 - above },
          // Within the cap with a margin of `below` + 2 s for request latency.
          { op: 'changeVisibility', handle: latest, visibilityTimeout: 43_200 - elapsed - 2 - below },
          { op: 'changeVisibility', handle: latest, visibilityTimeout: 0 },
        ] as StepBase[],
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
    queues: one({ MessageRetentionPeriod: 60, VisibilityTimeout: 2 }),
    processes: [
      [{ op: 'send' }, { op: 'send' }, ...(inFlight ? [{ op: 'receive', attributes: 'all', visibilityTimeout: 120 }] : [])],
      [{ op: 'sleep', ms: early, why: 'waiting until just before the 60 s minimum retention ends' }, { op: 'receive', attributes: 'all', max: 10, waitSeconds: 1, visibilityTimeout: 2 }],
      [{ op: 'sleep', ms: late, why: 'waiting out the 60 s minimum retention' }, { op: 'receive', attributes: 'all', max: 10, waitSeconds: 2, visibilityTimeout: 2 }],
    ] as StepBase[][],
  }));

/** Requests at and just past documented limits; the model decides which must fail and how. */
export const validationScenario: fc.Arbitrary<Scenario> = fc.record({
  queues: fc.constant(one({ MaximumMessageSize: 1024, VisibilityTimeout: 5 })),
  processes: fc.array(fc.array(probeStep(lifecycleProbe), { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 2 }),
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
  queues: fc.constant(one({ VisibilityTimeout: 5 })),
  processes: fc
    .array(bodyContent, { minLength: 1, maxLength: 8 })
    .map((contents): StepBase[][] => [[...contents.map((content) => ({ op: 'send', content })), { op: 'receive', attributes: 'none', max: 10, waitSeconds: 1 } as StepBase]]),
});
