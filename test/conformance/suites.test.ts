// Every suite of the kit as a unit: its catalogue entries are well formed and covered by its corpus
// (a bad and a near-miss good history per id, each judged as runCorpus does), every id its rules can
// raise is catalogued, its properties have distinct names, and its folder has a README.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { GENERIC_ENTRIES } from '../../src/catalog/index.js';
import { GENERIC_RULES } from '../../src/check/index.js';
import { suiteActions } from '../../src/suite/index.js';
import { KIT, runCorpus } from '../support/corpus.js';

const root = join(import.meta.dirname, '..', '..');

describe('suites', () => {
  it('every id a rule can raise is catalogued (generic or by a suite)', () => {
    for (const rule of [...GENERIC_RULES, ...KIT.rules]) for (const id of rule.ids) expect(KIT.catalog.has(id), `${rule.name}: ${id}`).toBe(true);
  });

  it('every catalogued id is raised by some rule', () => {
    const raised = new Set([...GENERIC_RULES, ...KIT.rules].flatMap((r) => [...r.ids]));
    for (const e of KIT.catalog.entries()) expect(raised.has(e.id), e.id).toBe(true);
  });

  for (const suite of SUITES) {
    describe(suite.name, () => {
      it('has a README saying what it covers, its sources and what it does not cover', () => {
        const readme = join(root, 'conformance', 'suites', suite.name, 'README.md');
        expect(existsSync(readme), readme).toBe(true);
        const text = readFileSync(readme, 'utf8');
        expect(text).toMatch(/cover/i);
        expect(text).toMatch(/sqs-semantics\.md|aws-recorded-facts\.md/);
        expect(text).toMatch(/not cover|does not|left out/i);
      });

      it('declares every SQS action its properties send (derived from their scenarios), and sends each it declares', () => {
        const covered = suiteActions(suite);
        for (const p of covered) {
          expect(p.steps.length, `${p.property} sends something`).toBeGreaterThan(0);
          for (const a of [...p.steps, ...p.queues]) expect(suite.actions, `${p.property} sends ${a}`).toContain(a);
        }
        const sent = new Set(covered.flatMap((p) => [...p.steps, ...p.queues]));
        for (const a of suite.actions) expect(sent.has(a), `${suite.name} declares ${a} but no property sends it`).toBe(true);
      });

      it('has distinct property names and at least one run each', () => {
        const names = suite.properties.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        for (const p of suite.properties) expect(p.runs, p.name).toBeGreaterThan(0);
      });

      it('owns ids that are not generic, each with a template for every variant its rule uses', () => {
        for (const [id, e] of Object.entries(suite.catalog)) {
          expect(Object.hasOwn(GENERIC_ENTRIES, id), id).toBe(false);
          expect(Object.keys(e.explain).length, id).toBeGreaterThan(0);
        }
      });

      it('has a corpus case for every id it owns, and only for catalogued ids', async () => {
        const cases = (await suite.corpus?.()) ?? [];
        const covered = new Set(cases.map((c) => c.id));
        expect(Object.keys(suite.catalog).filter((id) => !covered.has(id))).toEqual([]);
        for (const c of cases) expect(KIT.catalog.has(c.id), c.id).toBe(true);
        for (const c of cases) {
          expect(c.source, c.id).toMatch(/(sqs-semantics|aws-recorded-facts)\.md/);
          expect(JSON.stringify(c.badHistory.ops), `${c.id}: ${c.bad}`).not.toBe(JSON.stringify(c.goodHistory.ops));
        }
      });
    });
  }
});

// Each suite's corpus, judged case by case.
for (const suite of SUITES) {
  const cases = await suite.corpus?.();
  if (cases) runCorpus(suite.name, cases);
}
