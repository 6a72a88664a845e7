// The checks every corpus case gets: the bad history is Divergent with exactly its id as the
// leading (non-implied) divergence, the near-miss good history is Conformant at both strictness
// levels, and strictness decides whether the id shows up at all. Verdicts use every suite of the
// kit (its catalogue and rules), as `sqs-conformance check` does.
import { describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { check, type Divergence, type Verdict } from '../../src/check/index.js';
import type { History } from '../../src/history/index.js';
import { explainDivergence } from '../../src/report/explain.js';
import type { Strictness } from '../../src/spec/types.js';
import { suiteSet, type CorpusCase, type SuiteSet } from '../../src/suite/index.js';
import { simProfile } from './profiles.js';

/** epsilonMs 50, wideEpsilonMs 500, clockSkewMs 1000, retentionSlackMs 2000, wakeMs 250. */
export const TOLERANCE = simProfile().tolerance;

/** Every suite of the kit: the catalogue and rules the corpus is judged with. */
export const KIT: SuiteSet = suiteSet(SUITES);

export function verdict(h: History, strictness: Strictness = 'typical', set: SuiteSet = KIT): Verdict {
  return check(h, { strictness, tolerance: TOLERANCE, catalog: set.catalog, rules: set.rules });
}

export function divergences(v: Verdict): Divergence[] {
  return v.kind === 'divergent' ? v.divergences : [];
}

/** Divergences not explained by a more basic one (the ones a report leads with), in rank order. */
export function leading(v: Verdict): Divergence[] {
  return divergences(v).filter((d) => d.impliedBy === undefined);
}

export function explain(v: Verdict, set: SuiteSet = KIT): string {
  if (v.kind !== 'divergent') return v.kind === 'unknown' ? `unknown: ${v.reason}` : v.kind;
  return v.divergences
    .map((d) => `${d.id} [${d.grade}${d.impliedBy ? `, implied by ${d.impliedBy}` : ''}] ops ${d.ops.join(',')}\n    ${explainDivergence(d, set.catalog.get(d.id)).join('\n    ')}`)
    .join('\n');
}

export function runCorpus(area: string, cases: readonly CorpusCase[], set: SuiteSet = KIT): void {
  describe(`corpus: ${area}`, () => {
    for (const c of cases) {
      const entry = set.catalog.entry(c.id);
      describe(`${c.id}`, () => {
        it(`bad: ${c.bad}`, () => {
          const v = verdict(c.badHistory, 'typical', set);
          expect(v.kind, explain(v, set)).toBe('divergent');
          const lead = leading(v);
          // Exactly this id leads; anything else must be implied by it.
          expect(lead.map((d) => d.id), explain(v, set)).toEqual([c.id]);
          if (c.grade) expect(lead[0]!.grade, explain(v, set)).toBe(c.grade);
          // The divergence names ops that exist in the history, and its explanation renders fully.
          for (const i of lead[0]!.ops) expect(c.badHistory.ops[i], `op ${i}`).toBeDefined();
          expect(lead[0]!.ops.length).toBeGreaterThan(0);
          for (const line of explainDivergence(lead[0]!, entry)) expect(line, line).not.toMatch(/\{[\w-]+\?\}/);
        });
        it(`near miss: ${c.good}`, () => {
          for (const s of ['typical', 'guaranteed'] as const) {
            const v = verdict(c.goodHistory, s, set);
            expect(v.kind, `${s}: ${explain(v, set)}`).toBe('conformant');
          }
        });
        it(`strictness: ${entry.strictness} id ${entry.strictness === 'typical' ? 'absent' : 'present'} under 'guaranteed'`, () => {
          const v = verdict(c.badHistory, 'guaranteed', set);
          const ids = divergences(v).map((d) => d.id);
          if (entry.strictness === 'typical') {
            expect(ids, explain(v, set)).not.toContain(c.id);
            for (const d of divergences(v)) expect(set.catalog.entry(d.id).strictness, d.id).toBe('guaranteed');
          } else {
            expect(leading(v).map((d) => d.id), explain(v, set)).toEqual([c.id]);
          }
        });
      });
    }
  });
}
