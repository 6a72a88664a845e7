// A corpus case: a hand-built history that shows one divergence id (bad) and its near miss that
// does not (good). Every id a suite owns has at least one; test/conformance checks them all.
import type { Grade } from '../check/index.js';
import type { History } from '../history/index.js';

export interface CorpusCase {
  /** Divergence id from the catalogue. */
  id: string;
  /** What the bad history shows. */
  bad: string;
  /** How the near-miss good history differs. */
  good: string;
  /** The fact the case relies on (file and item). */
  source: string;
  badHistory: History;
  goodHistory: History;
  /** Expected grade of the divergence in the bad history, when the case pins it. */
  grade?: Grade;
}
