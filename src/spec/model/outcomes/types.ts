// The shape of an outcome table: for each situation a receipt handle can be in, the outcomes SQS
// may produce, which one is typical, and which are deviations. The engine picks one (its `choose`),
// the checker accepts exactly the allowed set. PURE.
import type { ExpectedError, SourceRef, Strictness } from '../../types.js';

export type Effect =
  | 'delete' // the message is removed
  | 'none' // nothing changes
  | 'set-visibility'; // the visibility deadline becomes call time + VisibilityTimeout

export interface Outcome {
  /** `ok`, or the error the call fails with. */
  response: 'ok' | ExpectedError;
  effect: Effect;
  /** The outcome AWS shows in practice (exactly one per table row): what the reference server does. */
  typical: boolean;
  /**
   * Allowed by the documented guarantees but contradicted by AWS recordings or practice: accepted
   * when checking at `guaranteed` strictness, a divergence at `typical` strictness.
   */
  deviation?: true;
  source: SourceRef;
}

/** The outcomes allowed at a strictness: deviations only at `guaranteed` (../shared/DESIGN.md 2). */
export function allowedOutcomes(outcomes: readonly Outcome[], strictness: Strictness): Outcome[] {
  return strictness === 'typical' ? outcomes.filter((o) => !o.deviation) : [...outcomes];
}

/** The AWS-typical outcome of a table row. */
export function typicalOutcome(outcomes: readonly Outcome[]): Outcome {
  const o = outcomes.find((x) => x.typical) ?? outcomes[0];
  if (!o) throw new Error('outcome table without outcome');
  return o;
}
