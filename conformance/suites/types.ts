import type fc from 'fast-check';
import type { Scenario } from '../../src/scenario/index.js';

export interface PropertyDefinition {
  name: string;
  description: string;
  arbitrary: fc.Arbitrary<Scenario>;
  /** Scenarios per run (each is its own seeded fast-check instance, all run concurrently). */
  runs: number;
}

export interface SuiteDefinition {
  name: string;
  description: string;
  properties: PropertyDefinition[];
}
