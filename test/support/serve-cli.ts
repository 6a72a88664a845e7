// `sqs-conformance serve` as a child process of a test, for the tests that use the built CLI as a
// user would (test/server/clients.test.ts, test/cli/serve-respawn.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const CLI_BIN = `${root}bin/sqs-conformance.js`;
/** Whether dist/ is built, so CLI_BIN runs. */
export const CLI_BUILT = existsSync(`${root}dist/src/cli/main.js`);

export interface ServedChild {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  /** The exit code of `serve` (null when ended by a signal). */
  exited: Promise<number | null>;
}

/** Spawns `serve ARGS` and waits (20 s at most) for its URL line on stdout. */
export async function spawnServe(args: readonly string[], env: Record<string, string> = {}): Promise<ServedChild> {
  const child = spawn(process.execPath, [CLI_BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env } });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in 20 s; stderr: ${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${err}`));
    });
  });
  return { child, url, stderr: () => err, exited };
}
