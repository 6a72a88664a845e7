// local-aws-sqs (npm; Inqnuam/local-aws-sqs), a library-only SQS server in TypeScript that speaks
// JSON 1.0 and Query. `createSqsServer({ port, hostname })` passes `hostname` to `listen`, so it
// binds 127.0.0.1; queue URLs are `http://127.0.0.1:<port>/123456789012/<name>`. Its AWS-like
// defaults are kept (a deleted name is blocked for 60 s; DLQ targets must exist): the kit uses
// unique queue names anyway.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { loadProfile } from '../profiles.js';
import type { Launcher, LaunchOptions, RunningTarget, TargetProfile } from '../types.js';
import { importPackage, inProcessTarget, TargetError } from './common.js';
import { ensurePeerInstalled } from './locked.js';

/** The part of local-aws-sqs's API this launcher uses (dist/index.d.ts of 2.0.2). */
interface LocalAwsSqsModule {
  createSqsServer(options: {
    port: number;
    hostname?: string;
    region?: string;
    accountId?: string;
    emulateQueueCreationLifecycle?: boolean;
    emulateLazyQueues?: boolean;
    validateDlqDestination?: boolean;
  }): Promise<Server>;
}

export interface LocalAwsSqsLauncherOptions {
  profile?: TargetProfile;
}

const START_TIMEOUT_MS = 10_000;

export function localAwsSqsLauncher(options: LocalAwsSqsLauncherOptions = {}): Launcher {
  return {
    name: 'local-aws-sqs',
    async start({ workDir, log = () => {} }: LaunchOptions): Promise<RunningTarget> {
      const profile = options.profile ?? loadProfile('local-aws-sqs');
      const { dir, marker } = await ensurePeerInstalled('local-aws-sqs', workDir, { log });
      const version = marker.want['local-aws-sqs'] ?? '?';
      const pkgDir = join(dir, 'node_modules', 'local-aws-sqs');
      const mod = await importPackage<LocalAwsSqsModule>(pkgDir);
      if (typeof mod.createSqsServer !== 'function') {
        throw new TargetError('start-failed', `local-aws-sqs@${version} has no createSqsServer()`);
      }
      const settings: Parameters<LocalAwsSqsModule['createSqsServer']>[0] = {
        port: 0,
        hostname: '127.0.0.1',
        region: profile.region,
      };
      // Behaviour flags recorded in the profile are passed through, so the profile states them.
      for (const k of ['emulateQueueCreationLifecycle', 'emulateLazyQueues', 'validateDlqDestination'] as const) {
        const v = profile.flags[k];
        if (typeof v === 'boolean') settings[k] = v;
      }
      // createSqsServer resolves in the `listen` callback and never rejects: race it with a timeout.
      let timer: NodeJS.Timeout | undefined;
      const server = await Promise.race([
        mod.createSqsServer(settings),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new TargetError('start-failed', `local-aws-sqs did not listen within ${START_TIMEOUT_MS} ms`)),
            START_TIMEOUT_MS,
          );
        }),
      ]).finally(() => clearTimeout(timer));
      const address = server.address() as AddressInfo | null;
      if (!address || typeof address === 'string') {
        server.close();
        throw new TargetError('start-failed', 'local-aws-sqs is not listening on a TCP port');
      }
      const endpoint = `http://127.0.0.1:${address.port}`;
      log(`local-aws-sqs@${version} listening on ${endpoint}`);
      return inProcessTarget(
        profile,
        endpoint,
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            // Long polls and keep-alive sockets would hold close() open.
            server.closeAllConnections();
          }),
      );
    },
  };
}
