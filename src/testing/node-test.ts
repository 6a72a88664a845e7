// node:test: `useReferenceServer(options)` at the top of a test file registers a `before` hook that
// starts the reference server and sets AWS_ENDPOINT_URL_SQS (and a region and dummy credentials
// when unset, env.ts), and an `after` hook that stops it and restores the environment. `node --test`
// runs each file in its own process, so each file that calls it gets its own server.
//
//   import { useReferenceServer } from 'sqs-conformance/testing/node-test';
//   const sqs = useReferenceServer({ queues: 'queues.json' });
//   test('sends', async () => { const url = sqs.queueUrls['orders']; … });
import { after, before } from 'node:test';
import { setSqsEnv } from './env.js';
import { startReferenceServer, type RunningReferenceServer, type TestingServerOptions } from './server.js';

/** The running server's fields, readable once the `before` hook has run (in tests and later hooks). */
export type ReferenceServerHandle = Omit<RunningReferenceServer, 'stop'>;

export function useReferenceServer(options: TestingServerOptions = {}): ReferenceServerHandle {
  let running: RunningReferenceServer | undefined;
  let restore: (() => void) | undefined;
  before(async () => {
    running = await startReferenceServer(options);
    restore = setSqsEnv(running);
  });
  after(async () => {
    restore?.();
    await running?.stop();
  });
  const get = (): RunningReferenceServer => {
    if (!running) throw new Error('the reference server is not started yet: read it inside a test or a hook');
    return running;
  };
  return {
    get endpoint() {
      return get().endpoint;
    },
    get region() {
      return get().region;
    },
    get accountId() {
      return get().accountId;
    },
    get queueUrls() {
      return get().queueUrls;
    },
  };
}
