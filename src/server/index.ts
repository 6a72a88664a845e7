// src/server: the reference server — the SQS engine of src/spec/engine served over HTTP in the AWS
// JSON 1.0 and Query protocols, on a real or virtual clock (../shared/DESIGN.md section 5). It is
// the embedded default target of `sqs-conformance run` and a local SQS for other test suites.
// May import: src/spec (model, engine, errors), src/wire (shapes and codecs), src/clock, src/history
// types, src/target (launcher contracts: launcher.ts adds the reference server to the registry);
// node:http, node:crypto, node:fs (queues-file.ts reads `serve --queues FILE`). Never the AWS SDK.
export { startReferenceServer, MAX_REQUEST_BYTES, DEFAULT_BUSY_POLL_MICROS } from './server.js';
export type { ReferenceServer, ReferenceServerOptions } from './server.js';
export { referenceLauncher, launcherFor } from './launcher.js';
export type { ReferenceLauncherOptions } from './launcher.js';
export { createQueues, parseQueuesFile, queueUrlsOf, QueuesFileError, readQueuesFile, validateQueues } from './queues-file.js';
export type { QueueDefinition, QueuesFile, QueuesResult } from './queues-file.js';
export { describeRequest, formatRequestLine, HEALTH_PATH } from './observe.js';
export { SERVER_NODE_FLAGS, SERVE_PARENT_ENV, serveRespawnFlags } from './node-flags.js';
export type { RequestLogEntry } from './observe.js';
