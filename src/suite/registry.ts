// The suites of one run, and what follows from them: the catalogue (generic entries plus each
// suite's), the checker rules, and the step kinds.
import { Catalog } from '../catalog/index.js';
import type { CheckRule } from '../check/index.js';
import { StepRegistry } from '../scenario/index.js';
import type { SuiteDefinition } from './types.js';

export interface SuiteSet {
  suites: readonly SuiteDefinition[];
  catalog: Catalog;
  rules: readonly CheckRule[];
  steps: StepRegistry;
}

export function suiteSet(suites: readonly SuiteDefinition[]): SuiteSet {
  const names = new Set<string>();
  for (const s of suites) {
    if (names.has(s.name)) throw new Error(`suite registered twice: ${s.name}`);
    names.add(s.name);
  }
  const rules: CheckRule[] = [];
  for (const s of suites) for (const r of s.rules) if (!rules.includes(r)) rules.push(r);
  const steps = new StepRegistry();
  for (const s of suites) for (const k of s.steps ?? []) steps.add(k);
  return { suites, catalog: Catalog.of(...suites.map((s) => s.catalog)), rules, steps };
}
