// Suites, one file per area. Each property is a fast-check arbitrary of scenarios.
import { lifecycle } from './lifecycle.js';
import type { SuiteDefinition } from './types.js';

export type { PropertyDefinition, SuiteDefinition } from './types.js';

export const SUITE_DEFINITIONS: Record<string, SuiteDefinition> = { lifecycle };
