// The kit's own library wired for the CLI: its suites (conformance/suites) registered, the runner,
// the target module and the reference server, each imported only when a command asks for it (so
// --help and usage errors never load the AWS SDK). main.ts and the tests that run the real CLI use it.
import type { CliDeps, RunnerApi, TargetApi } from './contracts.js';

export async function loadKitRunner(): Promise<RunnerApi> {
  const m = await import('../runner/index.js');
  const { realClock } = await import('../clock/index.js');
  return {
    runSuites: m.runSuites,
    cleanup: async (target, scope, o) => {
      const port = target.client();
      try {
        return await m.cleanupQueues(port, scope, { clock: realClock, ...o });
      } finally {
        port.close();
      }
    },
  };
}

export async function loadKitTargets(): Promise<TargetApi> {
  const m = await import('../target/index.js');
  const s = await import('../server/index.js'); // the registry with the reference server in it
  return {
    launcherFor: (name, options) => s.launcherFor(name, options),
    endpointTarget: m.endpointTarget,
    loadProfile: (name) => m.loadProfile(name),
    defaultWorkDir: m.defaultWorkDir,
    launcherNames: m.LAUNCHER_NAMES,
    installPeer: async (name, workDir, log) => (m.INSTALLABLE_PEERS.includes(name) ? (await m.installPeers([name], workDir, { log }))[0] : undefined),
  };
}

export function kitDeps(version: string): CliDeps {
  return {
    version,
    loadSuites: async () => (await import('../../conformance/suites/index.js')).SUITES,
    loadRunner: loadKitRunner,
    loadTargets: loadKitTargets,
    loadServer: () => import('../server/index.js'),
  };
}
