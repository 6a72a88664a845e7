// Hand-built pieces of run reports for the baseline and confirmation tests.
import type { PropertyResult, ReportedDivergence } from '../../src/runner/types.js';

/** A property instance's result (lifecycle unless `suite` says otherwise). */
export function propertyResult(property: string, passed: boolean, extra: Partial<PropertyResult> = {}): PropertyResult {
  return { suite: 'lifecycle', property, seed: 1, runs: 1, passed, shrinks: 0, durationMs: 10, replay: `replay ${property}`, ...extra };
}

/** A reported divergence `id` of `suite/property` (its rule and explanation do not matter here). */
export function reportedDivergence(id: string, property: string, suite = 'lifecycle', replay = `sqs-conformance run --replay ${property}:0`): ReportedDivergence {
  return {
    id,
    summary: `summary of ${id}`,
    strictness: 'typical',
    grade: 'definite',
    rule: { file: 'sqs-semantics.md', section: '5.3', evidence: 'documented' },
    ops: [],
    premises: [],
    variant: 'default',
    bindings: {},
    suite,
    property,
    opRecords: [],
    replay,
  };
}
