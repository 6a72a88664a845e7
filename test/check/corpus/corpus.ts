// Shape of a corpus case and the checks every case gets: the bad history is Divergent with exactly
// its id as the leading (non-implied) divergence, the near-miss good history is Conformant at both
// strictness levels, and strictness decides whether the id shows up at all.
import { describe, expect, it } from 'vitest';
import { catalogEntry } from '../../../src/catalog/index.js';
import { check, type Divergence, type Grade, type Verdict } from '../../../src/check/index.js';
import type { History } from '../../../src/history/index.js';
import type { Strictness } from '../../../src/spec/types.js';
import { simProfile } from '../../support/profiles.js';

/** epsilonMs 50, wideEpsilonMs 500, clockSkewMs 1000, retentionSlackMs 2000, wakeMs 250. */
export const TOLERANCE = simProfile().tolerance;

export interface CorpusCase {
  /** Divergence id from src/catalog. */
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

export function verdict(h: History, strictness: Strictness = 'typical'): Verdict {
  return check(h, { strictness, tolerance: TOLERANCE });
}

export function divergences(v: Verdict): Divergence[] {
  return v.kind === 'divergent' ? v.divergences : [];
}

/** Divergences not explained by a more basic one (the ones a report leads with), in rank order. */
export function leading(v: Verdict): Divergence[] {
  return divergences(v).filter((d) => d.impliedBy === undefined);
}

export function explain(v: Verdict): string {
  if (v.kind !== 'divergent') return v.kind === 'unknown' ? `unknown: ${v.reason}` : v.kind;
  return v.divergences.map((d) => `${d.id} [${d.grade}${d.impliedBy ? `, implied by ${d.impliedBy}` : ''}] ops ${d.ops.join(',')}\n    ${d.explanation.join('\n    ')}`).join('\n');
}

export function runCorpus(area: string, cases: CorpusCase[]): void {
  describe(`corpus: ${area}`, () => {
    for (const c of cases) {
      const entry = catalogEntry(c.id);
      describe(`${c.id}`, () => {
        it(`bad: ${c.bad}`, () => {
          const v = verdict(c.badHistory, 'typical');
          expect(v.kind, explain(v)).toBe('divergent');
          const lead = leading(v);
          // Exactly this id leads; anything else must be implied by it.
          expect(lead.map((d) => d.id), explain(v)).toEqual([c.id]);
          if (c.grade) expect(lead[0]!.grade, explain(v)).toBe(c.grade);
          // The divergence names ops that exist in the history.
          for (const i of lead[0]!.ops) expect(c.badHistory.ops[i], `op ${i}`).toBeDefined();
          expect(lead[0]!.ops.length).toBeGreaterThan(0);
        });
        it(`near miss: ${c.good}`, () => {
          for (const s of ['typical', 'guaranteed'] as const) {
            const v = verdict(c.goodHistory, s);
            expect(v.kind, `${s}: ${explain(v)}`).toBe('conformant');
          }
        });
        it(`strictness: ${entry.strictness} id ${entry.strictness === 'typical' ? 'absent' : 'present'} under 'guaranteed'`, () => {
          const v = verdict(c.badHistory, 'guaranteed');
          const ids = divergences(v).map((d) => d.id);
          if (entry.strictness === 'typical') {
            expect(ids, explain(v)).not.toContain(c.id);
            for (const d of divergences(v)) expect(catalogEntry(d.id).strictness, d.id).toBe('guaranteed');
          } else {
            expect(leading(v).map((d) => d.id), explain(v)).toEqual([c.id]);
          }
        });
      });
    }
  });
}
