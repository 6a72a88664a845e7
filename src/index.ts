// sqs-conformance public API: the reference model, the checker, the runner, the reference server,
// targets, reports and settings checks. The CLI (`sqs-conformance`) is a thin layer over these.
export * as spec from './spec/index.js';
export * as history from './history/index.js';
export * as check from './check/index.js';
export * as catalog from './catalog/index.js';
export * as scenario from './scenario/index.js';
export * as wire from './wire/index.js';
export * as target from './target/index.js';
export * as runner from './runner/index.js';
export * as server from './server/index.js';
export * as report from './report/index.js';
export * as settings from './settings/index.js';
export * as clock from './clock/index.js';

export { check as checkHistory } from './check/index.js';
export { runSuites } from './runner/index.js';
export * as suite from './suite/index.js';
export { startReferenceServer, launcherFor } from './server/index.js';
export { loadProfile } from './target/index.js';
