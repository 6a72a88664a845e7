// A CLI harness for the settings commands: the real runner and target modules, output in strings.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { kitDeps, runCli, type CliIO } from '../../src/cli/index.js';

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
    readFile: (f) => readFile(f, 'utf8'),
    onSignal: () => () => {},
    exitNow: () => {},
  };
  const code = await runCli(argv, io, kitDeps('0.0.0-test'));
  return { code, stdout, stderr };
}
