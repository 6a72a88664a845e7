// What the checker says about a history.
import type { SourceRef, Strictness } from '../spec/types.js';

export type Grade =
  | 'definite' // wrong even at the widest tolerance
  | 'suspect'; // wrong only at the tight bound

export interface Divergence {
  /** Stable id from src/catalog, e.g. `visibility.redelivered-early`. */
  id: string;
  summary: string;
  strictness: Strictness;
  grade: Grade;
  /** The rule broken and where it is written. */
  rule: SourceRef;
  /** Indices of the ops that show it (invokes and completions), smallest set we can name. */
  ops: number[];
  /** A story a person can follow: "Let …", "Then …". */
  explanation: string[];
  queue?: string;
  messageId?: string;
  /** When another divergence explains this one (implies-graph), its id. */
  impliedBy?: string;
}

export type Verdict =
  | { kind: 'conformant'; checked: CheckStats }
  | { kind: 'divergent'; divergences: Divergence[]; checked: CheckStats }
  | { kind: 'unknown'; reason: string; checked: CheckStats };

export interface CheckStats {
  ops: number;
  messages: number;
  /** Search nodes explored (a measure of checker work). */
  searchNodes: number;
}

export interface CheckOptions {
  strictness: Strictness;
  tolerance: {
    epsilonMs: number;
    wideEpsilonMs: number;
    clockSkewMs: number;
    retentionSlackMs: number;
    wakeMs: number;
  };
  /** Upper bound on search nodes per message before the verdict becomes Unknown. */
  maxSearchNodesPerMessage?: number;
}
