// Coverage of a run. Rules: which catalogue ids the suites that ran can judge, which of them never
// saw their situation arise (gaps), and which properties can bring each about (so the runner can
// steer generation with extra instances until every id is exercised or its budget ends). Actions:
// which SQS actions the run called, which the suites that ran declare but it never called, and
// which no suite that ran covers. PURE.
import type { Catalog } from '../catalog/index.js';
import type { History } from '../history/index.js';
import { ENGINE_ACTIONS } from '../spec/index.js';
import type { Strictness } from '../spec/types.js';
import type { PropertyDefinition, SuiteDefinition } from '../suite/index.js';
import type { ActionCalls, ActionCoverage } from './types.js';

export interface Candidate {
  suite: string;
  property: PropertyDefinition;
}

/** An id the run judges: on at its strictness (a `typical` rule is off at `guaranteed`) and read over its protocol. */
function judged(catalog: Catalog, strictness: Strictness, id: string, protocol: 'json' | 'query' | undefined): boolean {
  const e = catalog.get(id);
  return e !== undefined && (strictness === 'typical' || e.strictness === 'guaranteed') && (e.protocol === undefined || protocol === undefined || e.protocol === protocol);
}

/**
 * Every id the suites that ran should exercise (their catalogues, and the generic ids their
 * properties name), each with the selected properties that can exercise it (possibly none).
 */
export function coverageTargets(
  selected: readonly { suite: SuiteDefinition; properties: readonly PropertyDefinition[] }[],
  catalog: Catalog,
  strictness: Strictness,
  /** The run's wire protocol: rules read only over the other one are not targets (undefined: all). */
  protocol?: 'json' | 'query',
): Map<string, Candidate[]> {
  const out = new Map<string, Candidate[]>();
  const add = (id: string) => {
    if (!judged(catalog, strictness, id, protocol)) return undefined;
    let list = out.get(id);
    if (!list) out.set(id, (list = []));
    return list;
  };
  for (const { suite, properties } of selected) {
    const own = Object.keys(suite.catalog);
    for (const id of own) add(id);
    for (const property of suite.properties) {
      const ids = property.exercises ?? own;
      if (!properties.includes(property)) {
        for (const id of ids) add(id); // the suite's ids stay targets; an unselected property cannot help
        continue;
      }
      for (const id of ids) add(id)?.push({ suite: suite.name, property });
    }
  }
  return out;
}

/** Ids never exercised, sorted. */
export function gapsOf(targets: ReadonlyMap<string, unknown>, exercised: ReadonlyMap<string, number>): string[] {
  return [...targets.keys()].filter((id) => (exercised.get(id) ?? 0) === 0).sort();
}

/** Adds a history's calls (its completions) to the counts per action. */
export function countCalls(counts: Map<string, ActionCalls>, history: Pick<History, 'ops'>): void {
  for (const op of history.ops) {
    if (op.type === 'invoke') continue;
    const c = counts.get(op.f) ?? { calls: 0, ok: 0, fail: 0, info: 0 };
    c.calls += 1;
    c[op.type] += 1;
    counts.set(op.f, c);
  }
}

const apiRank = (a: string): number => {
  const i = (ENGINE_ACTIONS as readonly string[]).indexOf(a);
  return i < 0 ? ENGINE_ACTIONS.length : i;
};
const byApi = (a: string, b: string): number => apiRank(a) - apiRank(b) || a.localeCompare(b);

/** The run's action coverage, in the API's order. */
export function actionCoverage(counts: ReadonlyMap<string, ActionCalls>, suites: readonly Pick<SuiteDefinition, 'actions'>[]): ActionCoverage {
  const declared = new Set(suites.flatMap((s) => [...s.actions]));
  const called = [...counts.entries()].filter(([, c]) => c.calls > 0).sort(([a], [b]) => byApi(a, b));
  return {
    exercised: Object.fromEntries(called.map(([a, c]) => [a, { ...c }])),
    notExercised: [...declared].filter((a) => !counts.get(a)?.calls).sort(byApi),
    notCovered: ENGINE_ACTIONS.filter((a) => !declared.has(a)),
  };
}
