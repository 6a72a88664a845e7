// Meta-test: every divergence id in the catalogue has at least one corpus case (a bad history and
// its near-miss good history), and every case names an id the catalogue knows.
import { describe, expect, it } from 'vitest';
import { allEntries, CATALOG } from '../../../src/catalog/index.js';
import { allCases } from './all.cases.js';

describe('corpus covers the catalogue', () => {
  it('has a case for every divergence id', () => {
    const covered = new Set(allCases.map((c) => c.id));
    const missing = allEntries().map((e) => e.id).filter((id) => !covered.has(id));
    expect(missing).toEqual([]);
  });

  it('names only catalogued ids', () => {
    for (const c of allCases) expect(CATALOG.has(c.id), c.id).toBe(true);
  });

  it('cites a source for every case and keeps bad and good histories apart', () => {
    for (const c of allCases) {
      expect(c.source, c.id).toMatch(/(sqs-semantics|aws-recorded-facts)\.md/);
      expect(JSON.stringify(c.badHistory.ops), `${c.id}: ${c.bad}`).not.toBe(JSON.stringify(c.goodHistory.ops));
    }
  });
});
