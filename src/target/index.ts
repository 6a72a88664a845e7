// target: the only code that talks to an implementation under test. Profiles (conformance/targets),
// the JSON 1.0 port (@aws-sdk/client-sqs) and our Query port (SigV4 + fetch + XML), the recorder
// that turns calls into history ops, launchers that install/start/stop peer servers, and safety
// helpers for real AWS. May import: history and spec types (and spec/errors tables), src/wire (the
// Query codec), clock. The AWS SDK and the network live only here and in src/server.
export * from './types.js';
export * from './safety.js';
export * from './port-common.js';
export * from './json-port.js';
export * from './query-port.js';
export * from './client.js';
export * from './protocols.js';
export * from './recorder.js';
export * from './profiles.js';
export * from './launchers/index.js';
