// The one place strictness decides anything: a rule is on when its id is catalogued, its level is
// allowed by the run's strictness, and it is not relaxed (relaxing finds which rule a failure breaks).
import type { Catalog } from '../catalog/index.js';
import type { Strictness } from '../spec/types.js';
import type { Gate } from './types.js';

export function createGate(catalog: Catalog, strictness: Strictness, exercised: Map<string, number>, relaxed: ReadonlySet<string> = new Set()): Gate {
  return {
    strictness,
    deviationsAllowed: strictness === 'guaranteed',
    on(id) {
      if (relaxed.has(id)) return false;
      const e = catalog.get(id);
      return e !== undefined && (strictness === 'typical' || e.strictness === 'guaranteed');
    },
    exercised(id, n = 1) {
      if (n <= 0) return;
      exercised.set(id, (exercised.get(id) ?? 0) + n);
    },
  };
}
