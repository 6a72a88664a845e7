// A CLI harness for the settings commands: the real runner and target modules, output in strings.
import { mkdir, writeFile } from 'node:fs/promises';
import { runCli, type CliDeps, type CliIO } from '../../src/cli/index.js';
import { loadKitRunner } from '../../src/cli/kit.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function cli(argv: string[], cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: {},
    cwd,
    now: () => performance.now(),
    randomSeed: () => 1,
    mkdir: async (d) => {
      await mkdir(d, { recursive: true });
    },
    writeFile: (f, c) => writeFile(f, c, 'utf8'),
    onSignal: () => () => {},
    exitNow: () => {},
  };
  const deps: CliDeps = {
    version: '0.0.0-test',
    loadRunner: loadKitRunner,
    async loadTargets() {
      const m = await import('../../src/target/index.js');
      return {
        launcherFor: (name: string, options?: Parameters<typeof m.launcherFor>[1]) => m.launcherFor(name, options),
        endpointTarget: m.endpointTarget,
        loadProfile: (name: string) => m.loadProfile(name),
        defaultWorkDir: m.defaultWorkDir,
        launcherNames: m.LAUNCHER_NAMES,
      } as Awaited<ReturnType<CliDeps['loadTargets']>>;
    },
  } as CliDeps;
  const code = await runCli(argv, io, deps);
  return { code, stdout, stderr };
}
