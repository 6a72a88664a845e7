// runner: scenario × target → history → verdict → report data. Owns the per-run queue prefix and
// tags, the final drain, and cleanup of every queue it created (success, failure, Ctrl-C).
// May import check, scenario, target, spec, history, clock and conformance/suites.
export * from './types.js';
export { runSuites, SUITES, instanceSeed, type RunOptions } from './run-suites.js';
export { runScenario, type ScenarioContext, type ScenarioRun } from './run-scenario.js';
export { QueueRegistry } from './registry.js';
