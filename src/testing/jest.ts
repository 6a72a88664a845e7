// Jest: globalSetup and globalTeardown functions. Setup starts the reference server once in Jest's
// main process and sets AWS_ENDPOINT_URL_SQS (and a region and dummy credentials when unset),
// SQS_CONFORMANCE_ENDPOINT and SQS_CONFORMANCE_QUEUE_URLS (env.ts) before Jest starts its workers,
// which inherit them; teardown stops it and restores the environment. Jest runs both in one
// process, so the running server is kept under a global symbol between them.
//
//   // jest.config.js: { globalSetup: './sqs.setup.mjs', globalTeardown: './sqs.teardown.mjs' }
//   // sqs.setup.mjs:    import { jestGlobalSetup } from 'sqs-conformance/testing/jest';
//   //                   export default jestGlobalSetup({ queues: 'queues.json' });
//   // sqs.teardown.mjs: export { jestGlobalTeardown as default } from 'sqs-conformance/testing/jest';
import { setSqsEnv } from './env.js';
import { startReferenceServer, type RunningReferenceServer, type TestingServerOptions } from './server.js';

const RUNNING = Symbol.for('sqs-conformance.testing.jest');

interface Running {
  server: RunningReferenceServer;
  restore: () => void;
}

type Holder = { [RUNNING]?: Running };

/** A globalSetup function (export it as the setup module's default). */
export function jestGlobalSetup(options: TestingServerOptions = {}): () => Promise<void> {
  return async () => {
    const holder = globalThis as Holder;
    if (holder[RUNNING]) return; // watch mode runs setup again: keep the one running
    const server = await startReferenceServer(options);
    holder[RUNNING] = { server, restore: setSqsEnv(server) };
  };
}

/** The globalTeardown function: stops the server jestGlobalSetup started, if any. */
export async function jestGlobalTeardown(): Promise<void> {
  const holder = globalThis as Holder;
  const running = holder[RUNNING];
  if (!running) return;
  delete holder[RUNNING];
  running.restore();
  await running.server.stop();
}

/** The server jestGlobalSetup started in this process (for a custom teardown or a test of the setup). */
export function jestRunningServer(): RunningReferenceServer | undefined {
  return (globalThis as Holder)[RUNNING]?.server;
}
