// sqslite (npm 2.1.1), a small SQS server on Fastify 3. It speaks the Query protocol only (JSON 1.0
// requests get HTTP 415), so its profile uses our Query port. Runs as a child process,
// `node <pkg>/bin/cli.js --host 127.0.0.1 --port N`: its CLI turns `--port 0` into its default port,
// so a free port is picked first. No health route: ready when a Query ListQueues answers 200.
// Queue URLs are built from the request's Host header (`http://<Host>/queues/<name>`), but a
// QueueUrl parameter is resolved only when it matches /http:\/\/localhost:\d+\/queues\// (its
// QUEUE_URL_REGEX): with a 127.0.0.1 Host, every call after CreateQueue fails with NonExistentQueue.
// So, as its users do, clients are given `http://localhost:<port>` (the server still binds
// 127.0.0.1 only; `localhost` must resolve to 127.0.0.1, which is checked before starting).
import { lookup } from 'node:dns/promises';
import { join } from 'node:path';
import { loadProfile } from '../profiles.js';
import type { Launcher, LaunchOptions, RunningTarget, TargetProfile } from '../types.js';
import { ensureNpmPackage, TargetError } from './common.js';
import { httpText, processTarget, spawnServer, startOnFreePort, waitForServer } from './process.js';

export const SQSLITE_VERSION = '2.1.1';

export interface SqsliteLauncherOptions {
  version?: string;
  profile?: TargetProfile;
  startTimeoutMs?: number;
}

/** Installs sqslite into `<workDir>/npm/sqslite@<version>` (once); returns the package folder. */
export function installSqslite(workDir: string, log?: (line: string) => void, version = SQSLITE_VERSION): Promise<string> {
  return ensureNpmPackage(workDir, 'sqslite', version, log);
}

export function sqsliteLauncher(options: SqsliteLauncherOptions = {}): Launcher {
  const version = options.version ?? SQSLITE_VERSION;
  return {
    name: 'sqslite',
    async start({ workDir, log = () => {} }: LaunchOptions): Promise<RunningTarget> {
      const profile = options.profile ?? loadProfile('sqslite');
      if (profile.protocol !== 'query') throw new TargetError('start-failed', 'sqslite speaks the Query protocol only');
      const pkgDir = await installSqslite(workDir, log, version);
      const addresses = await lookup('localhost', { all: true }).catch(() => []);
      if (!addresses.some((a) => a.address === '127.0.0.1')) {
        throw new TargetError('start-failed', 'sqslite needs the host name localhost to resolve to 127.0.0.1 (it only accepts http://localhost:<port>/queues/<name> queue URLs)');
      }
      return startOnFreePort(3, async (port) => {
        const proc = await spawnServer({
          name: 'sqslite',
          workDir,
          command: process.execPath,
          args: [join(pkgDir, 'bin', 'cli.js'), '--host', '127.0.0.1', '--port', String(port)],
        });
        const endpoint = `http://localhost:${port}`;
        try {
          await waitForServer(
            'sqslite',
            proc,
            async () =>
              (
                await httpText(`${endpoint}/`, {
                  method: 'POST',
                  headers: { 'content-type': 'application/x-www-form-urlencoded' },
                  body: 'Action=ListQueues&Version=2012-11-05',
                })
              ).status === 200,
            options.startTimeoutMs ?? 20_000,
          );
        } catch (e) {
          await proc.stop();
          throw e;
        }
        log(`sqslite@${version} listening on ${endpoint} (log ${proc.logFile})`);
        return processTarget(profile, endpoint, proc);
      });
    },
  };
}
