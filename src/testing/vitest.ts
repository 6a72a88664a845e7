// Vitest: a globalSetup that starts the reference server once for the whole run, `provide`s it to
// the test files (`inject('sqsConformance')`, typed by the ProvidedContext augmentation below),
// sets AWS_ENDPOINT_URL_SQS (and a region and dummy credentials when unset, env.ts) before the test
// workers start, and stops the server and restores the environment at the end.
//
//   // vitest.config.ts: test: { globalSetup: ['./test/sqs.setup.ts'] }
//   // test/sqs.setup.ts:
//   import { sqsGlobalSetup } from 'sqs-conformance/testing/vitest';
//   export default sqsGlobalSetup({ queues: 'test/queues.json' });
import { setSqsEnv } from './env.js';
import { startReferenceServer, type TestingServerOptions } from './server.js';

/** What the test files get from `inject('sqsConformance')`. */
export interface ProvidedSqs {
  endpoint: string;
  region: string;
  accountId: string;
  queueUrls: Record<string, string>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    sqsConformance: ProvidedSqs;
  }
}

/** The part of Vitest's TestProject (v3, v4) or GlobalSetupContext (v2) the setup uses. */
export interface ProvideTarget {
  provide(key: 'sqsConformance', value: ProvidedSqs): void;
}

/** A globalSetup function (export it as the setup file's default); it returns the teardown. */
export function sqsGlobalSetup(options: TestingServerOptions = {}): (project: ProvideTarget) => Promise<() => Promise<void>> {
  return async (project) => {
    const server = await startReferenceServer(options);
    const restore = setSqsEnv(server);
    project.provide('sqsConformance', { endpoint: server.endpoint, region: server.region, accountId: server.accountId, queueUrls: server.queueUrls });
    return async () => {
      restore();
      await server.stop();
    };
  };
}
