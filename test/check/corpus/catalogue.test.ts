// Meta-test of the generic corpus: every generic divergence id has at least one case (a bad
// history and its near-miss good history), and every case names an id the catalogue knows.
// Suites' own ids are checked in test/conformance/suites.test.ts.
import { describe, expect, it } from 'vitest';
import { GENERIC_ENTRIES } from '../../../src/catalog/index.js';
import { KIT } from '../../support/corpus.js';
import { genericCases } from './all.cases.js';

describe('generic corpus covers the generic catalogue', () => {
  it('has a case for every generic divergence id', () => {
    const covered = new Set(genericCases.map((c) => c.id));
    expect(Object.keys(GENERIC_ENTRIES).filter((id) => !covered.has(id))).toEqual([]);
  });

  it('names only catalogued ids', () => {
    for (const c of genericCases) expect(KIT.catalog.has(c.id), c.id).toBe(true);
  });

  it('cites a source for every case and keeps bad and good histories apart', () => {
    for (const c of genericCases) {
      expect(c.source, c.id).toMatch(/(sqs-semantics|aws-recorded-facts)\.md/);
      expect(JSON.stringify(c.badHistory.ops), `${c.id}: ${c.bad}`).not.toBe(JSON.stringify(c.goodHistory.ops));
    }
  });
});
