// fauxqs (npm; kibertoad/fauxqs), an SNS/SQS/S3 emulator in TypeScript. 1.9.2 is the last version
// on the registry that runs on Node 20 (2.x needs node:sqlite, Node >= 22.5).
//
// Loopback only: fauxqs's own `startFauxqs()` always listens on 0.0.0.0 (its `host` option only
// names the host in queue URLs), so this launcher builds the Fastify app with the exported
// `buildApp()` and listens on 127.0.0.1 itself. Queue URLs are
// `http://sqs.<region>.localhost:<port>/000000000000/<name>` (its store's default host is
// `localhost`); harmless, since ports always send to the explicit endpoint. SQS over JSON 1.0 only:
// fauxqs routes form-encoded (Query) bodies to its SNS/STS handlers.
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadProfile } from '../profiles.js';
import type { Launcher, LaunchOptions, RunningTarget, TargetProfile } from '../types.js';
import { httpAnswers, importPackage, inProcessTarget, TargetError, waitUntil } from './common.js';
import { ensurePeerInstalled } from './locked.js';

/** The part of fauxqs's API this launcher uses (dist/app.d.ts of 1.9.2). */
interface FauxqsModule {
  buildApp(options?: { logger?: boolean; host?: string; defaultRegion?: string }): FastifyLike;
}
interface FastifyLike {
  listen(options: { port: number; host: string }): Promise<string>;
  close(): Promise<void>;
  server: { address(): AddressInfo | string | null };
}

export interface FauxqsLauncherOptions {
  profile?: TargetProfile;
}

export function fauxqsLauncher(options: FauxqsLauncherOptions = {}): Launcher {
  return {
    name: 'fauxqs',
    async start({ workDir, log = () => {} }: LaunchOptions): Promise<RunningTarget> {
      const profile = options.profile ?? loadProfile('fauxqs');
      if (profile.protocol !== 'json') throw new TargetError('start-failed', 'fauxqs speaks SQS over JSON 1.0 only');
      const { dir, marker } = await ensurePeerInstalled('fauxqs', workDir, { log });
      const version = marker.want['fauxqs'] ?? '?';
      const pkgDir = join(dir, 'node_modules', 'fauxqs');
      const mod = await importPackage<FauxqsModule>(pkgDir);
      if (typeof mod.buildApp !== 'function') throw new TargetError('start-failed', `fauxqs@${version} has no buildApp()`);
      const app = mod.buildApp({ logger: false, defaultRegion: profile.region });
      try {
        await app.listen({ port: 0, host: '127.0.0.1' });
      } catch (e) {
        throw new TargetError('start-failed', `fauxqs did not start: ${(e as Error).message}`, { cause: e });
      }
      const address = app.server.address();
      if (!address || typeof address === 'string') {
        await app.close();
        throw new TargetError('start-failed', 'fauxqs is not listening on a TCP port');
      }
      const endpoint = `http://127.0.0.1:${address.port}`;
      try {
        await waitUntil('fauxqs', () => httpAnswers(`${endpoint}/health`, 200));
      } catch (e) {
        await app.close();
        throw e;
      }
      log(`fauxqs@${version} listening on ${endpoint}`);
      return inProcessTarget(profile, endpoint, () => app.close());
    },
  };
}
