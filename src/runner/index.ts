// runner: scenario × target → history → verdict → report data. Owns the per-run queue prefix and
// tags, the probe of the target, the final drain, rule coverage (extra instances until every rule
// is exercised), and cleanup of every queue it created (success, failure, Ctrl-C, a sweep of the
// run's prefix; `cleanupQueues` for what a crashed run left), and the confirmation of differences
// from a baseline by reruns (`confirmDifferences`).
// Suites are passed in (the CLI registers conformance/suites). May import suite, check, scenario,
// target, spec, history, catalog and clock.
export * from './types.js';
export { confirmDifferences, rerunPlan, rerunSummary, type ConfirmOptions, type RerunItem } from './confirm.js';
export { runSuites, instanceSeed, TargetUnusableError, type RunOptions } from './run-suites.js';
export { coverageTargets, gapsOf, type Candidate } from './coverage.js';
export { cleanupQueues, deleteQueue, listQueues, runTagOf, type CleanupItem, type CleanupScope, type DeleteOutcome, type KitQueue } from './sweep.js';
export { retrying, retryable, type RetryOptions } from './retry.js';
export { TargetHealth } from './health.js';
export { probeTarget, probeProblem, PROBE_TIMEOUT_MS } from './probe.js';
export { KIT_COMMAND, replayCommand, shellArg, type ReplayLine } from './replay.js';
export { runScenario, type ScenarioContext, type ScenarioRun } from './run-scenario.js';
export { QueueRegistry } from './registry.js';
