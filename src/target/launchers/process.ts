// What the out-of-process launchers share (sqslite, moto, ElasticMQ, goaws, LocalStack): the
// folders under the work dir, idempotent installs guarded by a lock and a marker file, running an
// installer command with its output kept in a log, picking a free loopback port, and running a
// server in its own process group with its output in `<workDir>/logs/<name>.log`.
//
// Every server runs under a small `sh` watchdog that leads the process group and holds a pipe from
// this process: when this process goes away for any reason (a failed test, a crash, SIGKILL), the
// pipe closes and the watchdog kills the whole group, so no peer outlives the kit.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createPort, type ClientOptions } from '../client.js';
import type { RunningTarget, TargetProfile } from '../types.js';
import { TargetError } from './common.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Folders

/** `<workDir>/logs/<name>.log`: a server's output (one file per peer, appended to). */
export function peerLogFile(workDir: string, name: string): string {
  return join(workDir, 'logs', `${name}.log`);
}

/** `<workDir>/logs/<name>-install.log`: what the installer commands printed. */
export function installLogFile(workDir: string, name: string): string {
  return join(workDir, 'logs', `${name}-install.log`);
}

/** A fresh folder for one start's generated config and state, `<workDir>/run/<name>-<port>`. */
export async function freshRunDir(workDir: string, name: string, port: number): Promise<string> {
  const dir = join(workDir, 'run', `${name}-${port}`);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

// ---------------------------------------------------------------------------------------------
// Installs

/** Written last by an install, so a folder without it is an interrupted install. */
export const INSTALL_MARKER = '.sqsc-installed.json';

export interface InstallMarker {
  /** What was asked for (package and version); compared to decide whether to install again. */
  want: Record<string, string>;
  /** What the install found out (resolved version, interpreter, …). */
  got: Record<string, string>;
  installedAt: string;
  durationMs: number;
}

export interface InstallResult {
  dir: string;
  marker: InstallMarker;
  /** False when an earlier install was found (no network used). */
  installed: boolean;
}

export async function readInstallMarker(dir: string): Promise<InstallMarker | undefined> {
  try {
    const m = JSON.parse(await readFile(join(dir, INSTALL_MARKER), 'utf8')) as InstallMarker;
    return m && typeof m === 'object' && m.want && m.got ? m : undefined;
  } catch {
    return undefined;
  }
}

function sameWant(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

export interface EnsureInstalledOptions {
  /** Peer name, for messages and the install log. */
  name: string;
  workDir: string;
  /** The install folder (wiped and redone when its marker is missing or asks for something else). */
  dir: string;
  want: Record<string, string>;
  /** Installs into `dir` (which exists and is empty); returns what it found out. */
  install: (ctx: InstallContext) => Promise<Record<string, string>>;
  log?: (line: string) => void;
  /** How long to wait for another process's install of the same folder. */
  timeoutMs?: number;
}

export interface InstallContext {
  dir: string;
  /** Runs an installer command; its output goes to the install log; throws `install-failed`. */
  run: (cmd: string, args: string[], options?: RunOptions) => Promise<{ stdout: string; stderr: string }>;
  log: (line: string) => void;
}

const installs = new Map<string, Promise<InstallResult>>();

/**
 * Makes sure a peer is installed in `dir`: returns at once (no network) when its marker asks for
 * the same thing; otherwise takes a lock (a `<dir>.lock` folder holding our pid, so concurrent
 * processes do not install into the same place), clears the folder and runs `install`.
 */
export function ensureInstalled(options: EnsureInstalledOptions): Promise<InstallResult> {
  const pending = installs.get(options.dir);
  if (pending) return pending;
  const p = doEnsureInstalled(options).finally(() => installs.delete(options.dir));
  installs.set(options.dir, p);
  return p;
}

async function doEnsureInstalled(o: EnsureInstalledOptions): Promise<InstallResult> {
  const log = o.log ?? (() => {});
  const current = async (): Promise<InstallResult | undefined> => {
    const m = await readInstallMarker(o.dir);
    return m && sameWant(m.want, o.want) ? { dir: o.dir, marker: m, installed: false } : undefined;
  };
  const found = await current();
  if (found) return found;
  const timeoutMs = o.timeoutMs ?? 30 * 60_000;
  return withLock(`${o.dir}.lock`, timeoutMs, current, async () => {
    const again = await current();
    if (again) return again;
    const logFile = installLogFile(o.workDir, o.name);
    await mkdir(join(o.workDir, 'logs'), { recursive: true });
    await rm(o.dir, { recursive: true, force: true });
    await mkdir(o.dir, { recursive: true });
    const started = Date.now();
    log(`installing ${o.name} (${Object.entries(o.want).map(([k, v]) => `${k}=${v}`).join(', ')}) into ${o.dir}; output in ${logFile}`);
    await appendLine(logFile, `\n== ${new Date().toISOString()} install ${o.name} ${JSON.stringify(o.want)}`);
    const ctx: InstallContext = {
      dir: o.dir,
      log,
      run: (cmd, args, ro = {}) => runInstaller(o.name, cmd, args, { ...ro, logFile }),
    };
    const got = await o.install(ctx);
    const marker: InstallMarker = {
      want: o.want,
      got,
      installedAt: new Date().toISOString(),
      durationMs: Date.now() - started,
    };
    const tmp = join(o.dir, `${INSTALL_MARKER}.${process.pid}`);
    await writeFile(tmp, `${JSON.stringify(marker, null, 2)}\n`);
    await rename(tmp, join(o.dir, INSTALL_MARKER));
    log(`installed ${o.name} in ${(marker.durationMs / 1000).toFixed(1)} s`);
    return { dir: o.dir, marker, installed: true };
  });
}

/**
 * Runs `fn` holding a lock folder. While another live process holds it, polls `done` (an install
 * finished by the other process) and returns that instead. A lock whose holder is gone is stale.
 */
async function withLock<T>(lock: string, timeoutMs: number, done: () => Promise<T | undefined>, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lock, { recursive: false });
      await writeFile(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        await mkdir(join(lock, '..'), { recursive: true });
        continue;
      }
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const d = await done();
      if (d) return d;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 2000 && !lockHolderAlive(lock)) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new TargetError('install-failed', `timed out waiting for another install (${lock})`);
      else await sleep(1000);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

function lockHolderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

async function appendLine(file: string, line: string): Promise<void> {
  const fh = await open(file, 'a');
  try {
    await fh.write(`${line}\n`);
  } finally {
    await fh.close();
  }
}

/** Runs one installer command; stdout and stderr are appended to the install log. */
async function runInstaller(
  name: string,
  cmd: string,
  args: string[],
  o: RunOptions & { logFile: string },
): Promise<{ stdout: string; stderr: string }> {
  const shown = [cmd, ...args].join(' ');
  await appendLine(o.logFile, `$ ${shown}`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      {
        cwd: o.cwd,
        env: o.env ?? process.env,
        timeout: o.timeoutMs ?? 20 * 60_000,
        maxBuffer: 64 * 1024 * 1024,
        killSignal: 'SIGKILL',
      },
      (err, stdout, stderr) => {
        void appendLine(o.logFile, `${stdout}${stderr}(exit ${err ? ((err as { code?: unknown }).code ?? err.message) : 0}, ${Date.now() - started} ms)`)
          .catch(() => {})
          .then(() => {
            if (!err) return resolve({ stdout, stderr });
            const tail = `${stderr}\n${stdout}`.trim().split('\n').slice(-8).join('\n');
            const why = (err as { code?: unknown }).code === 'ENOENT' ? `${cmd} is not installed` : tail || err.message;
            reject(new TargetError('install-failed', `${name}: \`${shown}\` failed:\n${why}`, { cause: err }));
          });
      },
    );
  });
}

/** Runs a command and returns its stdout, or undefined when it fails (for probes). */
export function probeCommand(cmd: string, args: string[], timeoutMs = 10_000): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

// ---------------------------------------------------------------------------------------------
// Python

export interface PythonFound {
  path: string;
  version: string;
}

/**
 * A CPython of at least `3.<minMinor>`: `$SQSC_PYTHON` when set, else `python3`, `python3.13`,
 * `python3.12` on the PATH, else pyenv's installed versions (newest first). The version is asked
 * of each candidate, so a pyenv shim that cannot run is skipped.
 */
export async function findPython(minMinor: number): Promise<PythonFound | undefined> {
  const candidates: string[] = [];
  if (process.env.SQSC_PYTHON) candidates.push(process.env.SQSC_PYTHON);
  candidates.push('python3', 'python3.13', 'python3.12');
  const pyenvRoot = process.env.PYENV_ROOT ?? join(homedir(), '.pyenv');
  try {
    const versions = readdirSync(join(pyenvRoot, 'versions'))
      .filter((v) => /^3\.\d+(\.\d+)?$/.test(v))
      .sort((a, b) => compareVersions(b, a));
    for (const v of versions) candidates.push(join(pyenvRoot, 'versions', v, 'bin', 'python3'));
  } catch {
    // no pyenv
  }
  for (const c of candidates) {
    const v = await probeCommand(c, ['-c', 'import sys; print("%d.%d.%d" % sys.version_info[:3])']);
    if (!v) continue;
    const [major, minor] = v.split('.').map(Number);
    if (major === 3 && (minor ?? 0) >= minMinor) {
      const path = (await probeCommand(c, ['-c', 'import sys; print(sys.executable)'])) ?? c;
      return { path, version: v };
    }
  }
  return undefined;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Creates a venv in `ctx.dir` with a Python of at least 3.<minMinor> and pip-installs `requirements`
 * into it. Returns the interpreter's version and the `pip freeze` list (kept in `freeze.txt`).
 */
export async function installPythonVenv(
  ctx: InstallContext,
  name: string,
  minMinor: number,
  requirements: string[],
): Promise<Record<string, string>> {
  const py = await findPython(minMinor);
  if (!py) {
    throw new TargetError('install-failed', `${name} needs Python >= 3.${minMinor}: none found (set SQSC_PYTHON to one)`);
  }
  ctx.log(`${name}: venv with Python ${py.version} (${py.path})`);
  await ctx.run(py.path, ['-m', 'venv', ctx.dir]);
  const pip = join(ctx.dir, 'bin', 'pip');
  const env = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONNOUSERSITE: '1' };
  await ctx.run(pip, ['install', '--no-input', '--progress-bar', 'off', ...requirements], { env });
  const freeze = (await ctx.run(pip, ['freeze', '--all'], { env })).stdout;
  await writeFile(join(ctx.dir, 'freeze.txt'), freeze);
  return { python: py.version, requirements: requirements.join(' ') };
}

/** `name==version` from a venv's freeze.txt. */
export function frozenVersion(venv: string, pkg: string): string | undefined {
  try {
    const line = readFileSync(join(venv, 'freeze.txt'), 'utf8')
      .split('\n')
      .find((l) => l.toLowerCase().startsWith(`${pkg.toLowerCase()}==`));
    return line?.split('==')[1]?.trim();
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Ports

/** A TCP port that is free on 127.0.0.1 right now (the server is then started on it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.once('error', reject);
    s.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const a = s.address();
      const port = a && typeof a === 'object' ? a.port : 0;
      s.close(() => (port ? resolve(port) : reject(new Error('no port'))));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Server processes

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
  logTail(lines?: number): string;
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
  const tail = (lines = 15) => {
    try {
      const text = readFileSync(logFile, 'utf8');
      return text.slice(Math.min(startOffset, text.length)).trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
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
  return { pgid, logFile, exitInfo: () => exit, logTail: tail, stop };
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
      throw new ServerExitedError(
        `${name} exited (${exit.signal ?? `code ${exit.code}`}) before it was ready; log ${proc.logFile}:\n${proc.logTail()}`,
        proc.logTail(40),
      );
    }
    try {
      if (await probe()) return;
    } catch (e) {
      if (fatal(e)) throw e;
      last = e;
    }
    if (Date.now() > deadline) {
      throw new TargetError(
        'start-failed',
        `${name} not ready after ${timeoutMs} ms${last ? ` (${(last as Error).message})` : ''}; log ${proc.logFile}:\n${proc.logTail()}`,
      );
    }
    await sleep(everyMs);
  }
}

export class ServerExitedError extends TargetError {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super('start-failed', message);
  }
}

const PORT_TAKEN = /address already in use|EADDRINUSE|BindException|bind: address|Errno 98/i;

/**
 * Picks a free port and starts on it; when the server dies because the port was taken meanwhile,
 * tries again with another port.
 */
export async function startOnFreePort<T>(attempts: number, start: (port: number) => Promise<T>): Promise<T> {
  for (let i = 1; ; i++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (e) {
      if (i < attempts && e instanceof ServerExitedError && PORT_TAKEN.test(e.log)) continue;
      throw e;
    }
  }
}

/** Loopback HTTP helpers for readiness probes. */
export async function httpText(url: string, init: RequestInit = {}, timeoutMs = 2000): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  return { status: res.status, text: await res.text() };
}

// ---------------------------------------------------------------------------------------------
// Running targets

/** A RunningTarget backed by a server process (its group id and log are exposed for checks). */
export interface ProcessTarget extends RunningTarget {
  /** Process group of the server (its watchdog's pid). */
  pgid: number;
  logFile: string;
}

export function isProcessTarget(t: RunningTarget): t is ProcessTarget {
  return typeof (t as Partial<ProcessTarget>).pgid === 'number';
}

/** Wraps a ready server process; `stop` stops the process group, then runs `cleanup`. */
export function processTarget(
  profile: TargetProfile,
  endpoint: string,
  proc: ServerProcess,
  cleanup: () => Promise<void> = async () => {},
): ProcessTarget {
  return {
    profile,
    endpoint,
    pgid: proc.pgid,
    logFile: proc.logFile,
    client: (o?: ClientOptions) => createPort(profile, endpoint, o),
    stop: async () => {
      await proc.stop();
      await cleanup().catch(() => {});
    },
  };
}
