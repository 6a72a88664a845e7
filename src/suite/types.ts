// What a suite is: an area of SQS as one unit — its properties (fast-check arbitraries of
// scenarios), the capabilities a target needs for it, its catalogue entries, the checker rules of
// its area, and any step kinds of its own. Suites live in conformance/suites/<area>/ and are handed
// to the runner by the CLI or by a library user.
import type fc from 'fast-check';
import type { CatalogEntries } from '../catalog/index.js';
import type { CheckRule } from '../check/index.js';
import type { Action } from '../history/index.js';
import type { AnyStepKind, Scenario } from '../scenario/index.js';
import type { CorpusCase } from './corpus.js';

export interface PropertyDefinition {
  name: string;
  description: string;
  arbitrary: fc.Arbitrary<Scenario>;
  /** Scenarios per run (each is its own seeded fast-check instance, all run concurrently). */
  runs: number;
  /** Capabilities needed beyond the suite's own. */
  requires?: readonly string[];
  /**
   * The catalogue ids whose situation its scenarios can bring about (rule coverage): when one of
   * them has not arisen after the normal instances, the runner plays extra instances of the
   * properties that name it. Absent: any id of the suite's catalogue.
   */
  exercises?: readonly string[];
}

export interface SuiteDefinition {
  name: string;
  description: string;
  /** Profile capabilities a target needs for any of this suite to run (e.g. `fifo`, `dlq`). */
  requires: readonly string[];
  properties: readonly PropertyDefinition[];
  /** The divergence ids this suite owns (a bad and a near-miss history for each in its corpus). */
  catalog: CatalogEntries;
  /** The checker rules of its area (run on every history of the run: rules are gated by the catalogue). */
  rules: readonly CheckRule[];
  /** Step kinds beyond the built-in ones. */
  steps?: readonly AnyStepKind[];
  /** The SQS actions its scenarios send (for `suites` and the report's coverage list). */
  actions: readonly Action[];
  /** Where its rules are written (files of ../shared/reference and sections). */
  sources: readonly string[];
  /** A bad and a near-miss good history for each id of its catalogue (loaded only by tests). */
  corpus?: () => Promise<readonly CorpusCase[]>;
}
