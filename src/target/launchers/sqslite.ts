// sqslite (npm 2.1.1), a small SQS server on Fastify 3, installed from peers/sqslite's lock. It
// speaks the Query protocol only (JSON 1.0 requests get HTTP 415), so its profile uses our Query
// port. Runs as a child process, `node <pkg>/bin/cli.js --host 127.0.0.1 --port N`: its CLI turns
// `--port 0` into its default port, so a free port is picked first. No health route: ready when a
// Query ListQueues answers 200.
// Queue URLs are built from the request's Host header (`http://<Host>/queues/<name>`), but a
// QueueUrl parameter is resolved only when it matches /http:\/\/localhost:\d+\/queues\// (its
// QUEUE_URL_REGEX): with a 127.0.0.1 Host, every call after CreateQueue fails with NonExistentQueue.
// So, as its users do, clients are given `http://localhost:<port>` (the server still binds
// 127.0.0.1 only; `localhost` must resolve to 127.0.0.1, which is checked before starting).
import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import { TargetError } from './common.js';
import { definePeerLauncher } from './peer.js';
import { httpText } from './spawn.js';

export const sqsliteLauncher = definePeerLauncher({
  name: 'sqslite',
  prepare: async (profile) => {
    if (profile.protocol !== 'query') throw new TargetError('start-failed', 'sqslite speaks the Query protocol only');
    const addresses = await lookup('localhost', { all: true }).catch(() => []);
    if (!addresses.some((a) => a.address === '127.0.0.1')) {
      throw new TargetError('start-failed', 'sqslite needs the host name localhost to resolve to 127.0.0.1 (it only accepts http://localhost:<port>/queues/<name> queue URLs)');
    }
    return profile;
  },
  command: ({ dir, port }) => ({
    command: process.execPath,
    args: [join(dir, 'node_modules', 'sqslite', 'bin', 'cli.js'), '--host', '127.0.0.1', '--port', String(port)],
  }),
  clientHost: 'localhost',
  ready: async (endpoint) =>
    (
      await httpText(`${endpoint}/`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'Action=ListQueues&Version=2012-11-05',
      })
    ).status === 200,
  startTimeoutMs: 20_000,
});
