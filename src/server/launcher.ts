// Launchers with the reference server among them: the kit's own server (started in-process on
// 127.0.0.1 with a free port) plus every launcher of src/target (peers, endpoint). The server layer
// may import target/ (not the other way round), so the full registry is composed here.
import { launcherFor as targetLauncherFor, loadProfile, inProcessTarget, type LauncherForOptions } from '../target/index.js';
import type { Launcher, LaunchOptions, RunningTarget, TargetProfile } from '../target/types.js';
import { startReferenceServer } from './server.js';

export interface ReferenceLauncherOptions {
  profile?: TargetProfile;
}

export function referenceLauncher(options: ReferenceLauncherOptions = {}): Launcher {
  return {
    name: 'reference',
    async start({ log = () => {} }: LaunchOptions): Promise<RunningTarget> {
      const profile = options.profile ?? loadProfile('reference');
      const server = await startReferenceServer({ port: 0, host: '127.0.0.1' });
      const endpoint = server.url.replace(/\/+$/, '');
      log(`reference server listening on ${endpoint}`);
      return inProcessTarget(profile, endpoint, () => server.stop());
    },
  };
}

/** The launcher of that name (the reference server or one of src/target's), or undefined. */
export function launcherFor(name: string, options: LauncherForOptions = {}): Launcher | undefined {
  if (name === 'reference') return referenceLauncher(options.profile ? { profile: options.profile } : {});
  return targetLauncherFor(name, options);
}
