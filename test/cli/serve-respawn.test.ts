// `serve` runs the server in a child started with the server's V8 flags (src/cli/main.ts,
// src/server/node-flags.ts): the child has them, answers, stops with its parent however the parent
// ends (a signal passed on, SIGHUP, SIGKILL), and is not started when switched off.
import { execFileSync, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../src/server/index.js';
import { CLI_BUILT, spawnServe, type ServedChild } from '../support/serve-cli.js';

const started: ChildProcess[] = [];
afterEach(() => {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

/** `serve --port 0`; `parent` is the process started (the command a user runs). */
async function serve(env: Record<string, string> = {}): Promise<Omit<ServedChild, 'child'> & { parent: ChildProcess }> {
  const { child, ...rest } = await spawnServe(['--port', '0'], env);
  started.push(child);
  return { ...rest, parent: child };
}

/** The processes whose parent is `pid`, with their command lines (Linux ps). */
function children(pid: number): { pid: number; args: string }[] {
  let text = '';
  try {
    text = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // ps exits 1 when nothing matches
  }
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const m = /^\s*(\d+)\s+(.*)$/.exec(l)!;
      return { pid: Number(m[1]), args: m[2]! };
    });
}

const answers = async (url: string): Promise<boolean> => {
  try {
    return (await fetch(`${url}/health`)).status === 200;
  } catch {
    return false;
  }
};

/** Whether `url` stops answering within `ms` (polled every 50 ms). */
async function goesQuiet(url: string, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!(await answers(url))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe.skipIf(!CLI_BUILT || process.platform !== 'linux')('serve in a child with the server flags', () => {
  it('the server answers from a child started with SERVER_NODE_FLAGS; SIGINT to the parent stops both, exit 0', async () => {
    const { parent, url, stderr, exited } = await serve();
    const kids = children(parent.pid!);
    expect(kids).toHaveLength(1);
    for (const f of SERVER_NODE_FLAGS) expect(kids[0]!.args.split(' ')).toContain(f);
    expect(kids[0]!.args).toContain('serve --port 0');
    expect(await answers(url)).toBe(true);
    parent.kill('SIGINT');
    expect(await exited).toBe(0);
    // Passed on once: one "stopping" line, not "again: leaving at once".
    expect(stderr().match(/stopping the reference server/g)).toHaveLength(1);
    expect(stderr()).toContain('SIGINT: stopping the reference server');
    expect(await goesQuiet(url, 5000)).toBe(true);
    expect(children(parent.pid!)).toEqual([]);
  });

  it('SIGHUP to the parent (its terminal closed) is a clean stop', async () => {
    const { parent, url, stderr, exited } = await serve();
    parent.kill('SIGHUP');
    expect(await exited).toBe(0);
    expect(stderr()).toContain('SIGTERM: stopping the reference server');
    expect(await goesQuiet(url, 5000)).toBe(true);
  });

  it('a parent killed outright does not leave the server running', async () => {
    const { parent, url } = await serve();
    const child = children(parent.pid!)[0]!;
    parent.kill('SIGKILL');
    expect(await goesQuiet(url, 10_000)).toBe(true);
    // The child exited (its pid is gone or a zombie being reaped by init).
    const alive = (): boolean => {
      try {
        return !/^\s*Z/.test(execFileSync('ps', ['-o', 'stat=', '-p', String(child.pid)], { encoding: 'utf8' }));
      } catch {
        return false;
      }
    };
    const end = Date.now() + 5000;
    while (alive() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(alive()).toBe(false);
  });

  it('SQS_CONFORMANCE_NO_RESPAWN=1 serves from the one process', async () => {
    const { parent, url, exited } = await serve({ SQS_CONFORMANCE_NO_RESPAWN: '1' });
    expect(children(parent.pid!)).toEqual([]);
    expect(await answers(url)).toBe(true);
    parent.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
