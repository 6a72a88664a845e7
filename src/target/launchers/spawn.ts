// Running a peer server: in its own process group, under a small `sh` watchdog that leads the
// group and holds a pipe from this process. When this process goes away for any reason (a failed
// test, a crash, SIGKILL), the pipe closes and the watchdog kills the whole group, so no peer
// outlives the kit. Output goes to `<workDir>/logs/<name>.log`.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LOG_TAIL_LINES, readLogTail, TargetError, type TargetLog } from './common.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `<workDir>/logs/<name>.log`: a server's output (one file per peer, appended to). */
export function peerLogFile(workDir: string, name: string): string {
  return join(workDir, 'logs', `${name}.log`);
}

/** A fresh folder for one start's generated config and state, `<workDir>/run/<name>-<port>`. */
export async function freshRunDir(workDir: string, name: string, port: number): Promise<string> {
  const dir = join(workDir, 'run', `${name}-${port}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  /** Pid of the watchdog, which is also the process group id. */
  readonly pgid: number;
  readonly logFile: string;
  /** Set once the group leader has exited. */
  exitInfo(): ExitInfo | undefined;
  /** The last lines of the log written since this start. */
  logTail(lines?: number): string[];
  /** The log file and its last lines since this start, for errors. */
  logInfo(): TargetLog;
  /** SIGTERM to the group, SIGKILL after `graceMs`; resolves when no process of the group is left. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnServerOptions {
  name: string;
  workDir: string;
  command: string;
  args: string[];
  cwd?: string;
  /** Added to (not replacing) the environment. */
  env?: Record<string, string>;
  /** Inherited variables not to pass on. */
  unsetEnv?: string[];
}

// The group leader: keeps our pipe on fd 3, runs the server, and kills the group when the pipe
// closes (we stopped it, or this process died).
const WATCHDOG = [
  'exec 3<&0 </dev/null',
  '"$@" &',
  'srv=$!',
  '{ cat <&3 >/dev/null 2>&1; kill -TERM 0 2>/dev/null; } &',
  'exec 3<&-',
  'wait "$srv"',
  'exit $?',
].join('\n');

const live = new Set<number>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const pgid of live) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // gone already
      }
    }
  });
}

/** True while some process of the group is alive (zombies do not count). */
export function groupAlive(pgid: number): boolean {
  if (existsSync('/proc/self/stat')) {
    let entries: string[];
    try {
      entries = readdirSync('/proc');
    } catch {
      entries = [];
    }
    for (const e of entries) {
      if (!/^\d+$/.test(e)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      } catch {
        continue;
      }
      // pid (comm) state ppid pgrp …; comm may hold spaces and parentheses.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[2]) === pgid && rest[0] !== 'Z' && rest[0] !== 'X') return true;
    }
    return false;
  }
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of the live processes in a group (Linux; empty elsewhere). */
export function groupPids(pgid: number): number[] {
  const out: number[] = [];
  if (!existsSync('/proc/self/stat')) return out;
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const stat = readFileSync(`/proc/${e}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[2]) === pgid && rest[0] !== 'Z') out.push(Number(e));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

function childEnv(o: SpawnServerOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...o.env };
  for (const k of o.unsetEnv ?? []) delete env[k];
  return env;
}

/** Starts a server in its own process group, output appended to `<workDir>/logs/<name>.log`. */
export async function spawnServer(o: SpawnServerOptions): Promise<ServerProcess> {
  const logFile = peerLogFile(o.workDir, o.name);
  await mkdir(join(o.workDir, 'logs'), { recursive: true });
  const fd = openSync(logFile, 'a');
  const header = `\n== ${new Date().toISOString()} start ${o.name}: ${[o.command, ...o.args].join(' ')}\n`;
  writeSync(fd, header);
  const startOffset = (await stat(logFile)).size;
  let child: ChildProcess;
  try {
    child = spawn('/bin/sh', ['-c', WATCHDOG, 'sqsc-watchdog', o.command, ...o.args], {
      cwd: o.cwd,
      env: childEnv(o),
      detached: true,
      stdio: ['pipe', fd, fd],
    });
  } finally {
    closeSync(fd);
  }
  const pgid = child.pid;
  if (pgid === undefined) {
    throw new TargetError('start-failed', `${o.name}: could not start ${o.command}`);
  }
  installExitHook();
  live.add(pgid);
  // The pipe must not keep this process alive, nor fail loudly when the watchdog is gone.
  child.stdin?.on('error', () => {});
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  child.unref();
  let exit: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve(exit);
    });
    child.once('error', () => {
      exit = { code: -1, signal: null };
      resolve(exit);
    });
  });
  const tail = (lines = LOG_TAIL_LINES) => readLogTail(logFile, lines, startOffset);
  let stopping: Promise<void> | undefined;
  const stop = (graceMs = 10_000): Promise<void> => {
    stopping ??= (async () => {
      const signal = (s: NodeJS.Signals) => {
        try {
          process.kill(-pgid, s);
        } catch {
          // group gone
        }
      };
      signal('SIGTERM');
      const deadline = Date.now() + graceMs;
      while (groupAlive(pgid) && Date.now() < deadline) await sleep(50);
      if (groupAlive(pgid)) {
        signal('SIGKILL');
        const hard = Date.now() + 5000;
        while (groupAlive(pgid) && Date.now() < hard) await sleep(50);
      }
      child.stdin?.destroy();
      await Promise.race([exited, sleep(1000)]);
      live.delete(pgid);
    })();
    return stopping;
  };
  // When the server exits by itself, close our pipe so the watchdog clears what is left.
  void exited.then(() => {
    child.stdin?.destroy();
    setTimeout(() => {
      if (!groupAlive(pgid)) live.delete(pgid);
    }, 500).unref();
  });
  return { pgid, logFile, exitInfo: () => exit, logTail: tail, logInfo: () => ({ file: logFile, tail: tail() }), stop };
}

/**
 * Polls `probe` until it resolves true. Fails at once, with the end of the log, when the server
 * process exits first; fails after `timeoutMs` otherwise.
 */
export async function waitForServer(
  name: string,
  proc: ServerProcess,
  probe: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 100,
  /** Errors from `probe` that end the wait at once (others are retried). */
  fatal: (e: unknown) => boolean = () => false,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const exit = proc.exitInfo();
    if (exit) {
      throw new ServerExitedError(`${name} exited (${exit.signal ?? `code ${exit.code}`}) before it was ready (log ${proc.logFile})`, proc.logInfo());
    }
    try {
      if (await probe()) return;
    } catch (e) {
      if (fatal(e)) throw e;
      last = e;
    }
    if (Date.now() > deadline) {
      throw new TargetError('start-failed', `${name} not ready after ${timeoutMs} ms${last ? ` (${(last as Error).message})` : ''} (log ${proc.logFile})`, {
        log: proc.logInfo(),
      });
    }
    await sleep(everyMs);
  }
}

/** The server process ended before it was ready (its log says why, e.g. the port was taken). */
export class ServerExitedError extends TargetError {
  declare readonly log: TargetLog;
  constructor(message: string, log: TargetLog) {
    super('start-failed', message, { log });
  }
}

/** Loopback HTTP helpers for readiness probes. */
export async function httpText(url: string, init: RequestInit = {}, timeoutMs = 2000): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, text: await res.text() };
}

