// suite: the SuiteDefinition contract (an area of SQS as one unit), the selection of suites and
// properties by a target's capabilities, and a run's suite set (catalogue, rules, step kinds).
// Imports catalog, check, scenario and history types; no I/O.
export * from './types.js';
export * from './select.js';
export * from './registry.js';
export * from './corpus.js';
export * from './actions.js';
