// A new baseline entry's reason says what the target did (the explanation of its first occurrence),
// not only that it was seen.
import { describe, expect, it } from 'vitest';
import { observedReasonOf } from '../../src/cli/baseline.js';
import type { ReportedDivergence, RunReport } from '../../src/runner/types.js';

describe('observedReasonOf', () => {
  it('names the date, seed, protocol, property, the explanation and the rule', () => {
    const d = {
      id: 'x.y',
      summary: 'Something went wrong.',
      strictness: 'guaranteed',
      grade: 'definite',
      rule: { file: 'sqs-semantics.md', section: '4.9', evidence: 'documented' },
      ops: [],
      premises: [],
      variant: 'default',
      bindings: {},
      suite: 's',
      property: 'p#2',
      opRecords: [],
      replay: '',
    } as unknown as ReportedDivergence;
    const report = { seed: 7, target: { protocol: 'query' }, catalog: [] } as unknown as RunReport;
    const reason = observedReasonOf(report, d, '2026-12-07');
    expect(reason).toMatch(/^Observed 2026-12-07 \(seed 7, query, p#2\): /);
    expect(reason).toContain('Something went wrong.');
    expect(reason).toContain('sqs-semantics.md');
    expect(reason).toContain('4.9');
  });
});
