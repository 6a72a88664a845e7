// The kit's own reference server (src/server), started in-process on 127.0.0.1 with a free port.
// Loaded with a dynamic import so the target layer does not depend on the server at build time.
import { loadProfile } from '../profiles.js';
import type { Launcher, LaunchOptions, RunningTarget, TargetProfile } from '../types.js';
import { inProcessTarget, TargetError } from './common.js';

/** The contract of src/server/index.ts that this launcher relies on. */
export interface ReferenceServerHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}
interface ReferenceServerModule {
  startReferenceServer(options: { port: number; host: string }): Promise<ReferenceServerHandle>;
}

export interface ReferenceLauncherOptions {
  profile?: TargetProfile;
}

export function referenceLauncher(options: ReferenceLauncherOptions = {}): Launcher {
  return {
    name: 'reference',
    async start({ log = () => {} }: LaunchOptions): Promise<RunningTarget> {
      const profile = options.profile ?? loadProfile('reference');
      let mod: ReferenceServerModule;
      try {
        // Typed against the contract this launcher relies on, so a change there shows up here.
        mod = await import('../../server/index.js');
      } catch (e) {
        throw new TargetError('start-failed', `cannot load the reference server: ${(e as Error).message}`, { cause: e });
      }
      if (typeof mod.startReferenceServer !== 'function') {
        throw new TargetError('start-failed', 'src/server does not export startReferenceServer()');
      }
      const server = await mod.startReferenceServer({ port: 0, host: '127.0.0.1' });
      const endpoint = server.url.replace(/\/+$/, '');
      log(`reference server listening on ${endpoint}`);
      return inProcessTarget(profile, endpoint, () => server.stop());
    },
  };
}
