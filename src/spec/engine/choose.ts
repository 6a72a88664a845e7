// Where SQS allows several outcomes, the engine asks its Chooser. `typical` takes the outcome AWS
// shows in practice (what the reference server must do, ../shared/DESIGN.md 5); `random(seed)`
// draws any outcome the model allows at the given strictness, from a seeded PRNG, so that engine
// histories explore the whole allowed space (DESIGN.md 3, "One model, two readings"). Which
// N-items of sqs-semantics.md section 14 are drawn: model/nondeterminism.ts. PURE: the PRNG is
// seeded, no Math.random.
import { allowedOutcomes, typicalOutcome, type Outcome } from '../model/outcomes/index.js';
import type { Strictness } from '../types.js';

export type Choose =
  | { kind: 'typical' }
  | {
      kind: 'random';
      seed: number;
      /** `guaranteed` also draws deviation rows and early redeliveries (DESIGN.md 2). */
      strictness: Strictness;
      /** Retention removes a message somewhere in [deadline, deadline + this] (14 N9). Default 0. */
      retentionSlackMs?: number;
    };

export interface Chooser {
  readonly kind: Choose['kind'];
  /** One row of an outcome table (14 N15, N16). */
  outcome(rows: readonly Outcome[]): Outcome;
  /**
   * The candidates a receive hands out, in order: typical takes them as given (lazily, the caller
   * stops at MaxNumberOfMessages); random keeps a prefix whose length is drawn in the range the
   * model allows for that many candidates (model/polling.ts receiveSizeRange; 14 N3, N4).
   */
  limit<T>(candidates: Iterable<T>, range: (available: number) => { min: number; max: number }): Iterable<T>;
  /** The order in which a receive considers candidates (14 N2, N5, N21); typical: as given, lazily. */
  order<T>(xs: Iterable<T>): Iterable<T>;
  /** How long after its retention deadline a message stays (14 N9); typical: 0. */
  retentionSlackMs(): number;
  /** Whether a receive also hands out an in-flight standard message early (14 N1, guaranteed only). */
  redeliverEarly(): boolean;
}

const TYPICAL: Chooser = {
  kind: 'typical',
  outcome: typicalOutcome,
  limit: (xs) => xs,
  order: (xs) => xs,
  retentionSlackMs: () => 0,
  redeliverEarly: () => false,
};

/** A small seeded PRNG (SplitMix32): uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return ((z ^ (z >>> 16)) >>> 0) / 4294967296;
  };
}

/** Probability that one in-flight standard message is redelivered early by a receive (guaranteed only). */
const EARLY_REDELIVERY = 0.05;

export function createChooser(choose: Choose = { kind: 'typical' }): Chooser {
  if (choose.kind === 'typical') return TYPICAL;
  const random = seededRandom(choose.seed);
  const below = (n: number) => Math.floor(random() * n);
  const slack = Math.max(0, choose.retentionSlackMs ?? 0);
  const guaranteed = choose.strictness === 'guaranteed';
  return {
    kind: 'random',
    outcome(rows) {
      const allowed = allowedOutcomes(rows, choose.strictness);
      return allowed[below(allowed.length)] ?? typicalOutcome(rows);
    },
    limit<T>(candidates: Iterable<T>, range: (available: number) => { min: number; max: number }): T[] {
      const all = [...candidates];
      const r = range(all.length);
      return all.slice(0, r.min + below(r.max - r.min + 1));
    },
    order<T>(xs: Iterable<T>): T[] {
      const out = [...xs];
      for (let i = out.length - 1; i > 0; i--) {
        const j = below(i + 1);
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
    retentionSlackMs: () => random() * slack,
    redeliverEarly: () => guaranteed && random() < EARLY_REDELIVERY,
  };
}
