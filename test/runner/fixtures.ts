// Hand-built pieces of run reports for the baseline and confirmation tests.
import { REPORT_SCHEMA_VERSION, type PropertyResult, type ReportedDivergence, type RunReport } from '../../src/runner/types.js';

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

/** A run's report over these results (fauxqs over JSON; divergent when any divergence). */
export function runReport(properties: PropertyResult[], divergences: ReportedDivergence[], extra: Partial<RunReport> = {}): RunReport {
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    target: { name: 'fauxqs', endpoint: 'http://127.0.0.1:1', protocol: 'json', region: 'us-east-1' },
    seed: 1,
    strictness: 'typical',
    suites: [...new Set(properties.map((p) => p.suite))].sort(),
    skipped: [],
    catalog: [],
    exercised: {},
    startedAt: '2025-01-01T00:00:00.000Z',
    durationMs: 1,
    verdict: divergences.length > 0 ? 'divergent' : 'conformant',
    properties,
    divergences,
    ...extra,
  };
}
