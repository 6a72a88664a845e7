// testing: the reference server for other people's test suites (`sqs-conformance/testing`):
// startReferenceServer on a free port with the queues of a queues file, the environment SQS clients
// read (env.ts), and the global-setup helpers of Vitest (vitest.ts), Jest (jest.ts) and node:test
// (node-test.ts), each its own entry so that loading one loads no other test runner.
// May import: src/server (the server and its queues file). Never the AWS SDK.
export { queueDefinitions, startReferenceServer, TESTING_DEFAULTS } from './server.js';
export type { RunningReferenceServer, TestingServerOptions } from './server.js';
export { ENV, queueUrlsFromEnv, setSqsEnv } from './env.js';
export type { QueueDefinition, QueuesFile } from '../server/index.js';
