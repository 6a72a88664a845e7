// runner: scenario × target → history → verdict → report data. Owns the per-run queue prefix and
// tags, the final drain, and cleanup of every queue it created (success, failure, Ctrl-C).
// Suites are passed in (the CLI registers conformance/suites). May import suite, check, scenario,
// target, spec, history, catalog and clock.
export * from './types.js';
export { runSuites, instanceSeed, type RunOptions } from './run-suites.js';
export { KIT_COMMAND, replayCommand, shellArg, type ReplayLine } from './replay.js';
export { runScenario, type ScenarioContext, type ScenarioRun } from './run-scenario.js';
export { QueueRegistry } from './registry.js';
