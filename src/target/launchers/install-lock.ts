// The one install routine every peer (and the Python test clients) goes through: an install folder
// is either complete, with a marker file written last that records what was asked for, or it is
// (re)done from scratch under a lock folder, so concurrent processes (vitest workers, the CI step,
// a CLI run) never install into the same place at once. Installer commands run with their output
// appended to `<workDir>/logs/<name>-install.log`.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readLogTail, TargetError } from './common.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** `<workDir>/logs/<name>-install.log`: what the installer commands printed. */
export function installLogFile(workDir: string, name: string): string {
  return join(workDir, 'logs', `${name}-install.log`);
}

/** Written last by an install, so a folder without it is an interrupted install. */
export const INSTALL_MARKER = '.sqsc-installed.json';

export interface InstallMarker {
  /** What was asked for (the lock's sha256 among it); any change makes the next call reinstall. */
  want: Record<string, string>;
  /** What the install found out (interpreter, main package version, …). */
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

export function sameWant(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
}

export interface InstallContext {
  dir: string;
  /** Runs an installer command; its output goes to the install log; throws `install-failed`. */
  run: (cmd: string, args: string[], options?: RunOptions) => Promise<{ stdout: string; stderr: string }>;
  log: (line: string) => void;
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
  /** Install again even when the marker matches. */
  force?: boolean;
  /** How long to wait for another process's install of the same folder. */
  timeoutMs?: number;
}

const installs = new Map<string, Promise<InstallResult>>();

/**
 * Makes sure `dir` holds a complete install of `want`: returns at once (no network) when its
 * marker asks for the same thing; otherwise takes `<dir>.lock`, clears the folder and runs
 * `install`. Callers in this process asking for the same folder share one install.
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
  if (!o.force) {
    const found = await current();
    if (found) return found;
  }
  // A forced install must not accept another process's install finished while it waited.
  const startedAt = Date.now();
  const doneMeanwhile = async () => {
    const r = await current();
    return r && (!o.force || Date.parse(r.marker.installedAt) >= startedAt) ? r : undefined;
  };
  return withLock(`${o.dir}.lock`, o.timeoutMs ?? 30 * 60_000, doneMeanwhile, async () => {
    const again = await doneMeanwhile();
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
    let got: Record<string, string>;
    try {
      got = await o.install(ctx);
    } catch (e) {
      if (e instanceof TargetError && !e.log) {
        throw new TargetError(e.code, e.message, { cause: e.cause, log: { file: logFile, tail: readLogTail(logFile) } });
      }
      throw e;
    }
    const marker: InstallMarker = { want: o.want, got, installedAt: new Date().toISOString(), durationMs: Date.now() - started };
    const tmp = join(o.dir, `${INSTALL_MARKER}.${process.pid}`);
    await writeFile(tmp, `${JSON.stringify(marker, null, 2)}\n`);
    await rename(tmp, join(o.dir, INSTALL_MARKER));
    log(`installed ${o.name} in ${(marker.durationMs / 1000).toFixed(1)} s`);
    return { dir: o.dir, marker, installed: true };
  });
}

/**
 * Runs `fn` holding a lock folder (it holds our pid). While another live process holds it, polls
 * `done` (an install finished by the other process) and returns that instead. A lock whose holder
 * is gone is stale and removed.
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
      { cwd: o.cwd, env: o.env ?? process.env, timeout: o.timeoutMs ?? 20 * 60_000, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' },
      (err, stdout, stderr) => {
        void appendLine(o.logFile, `${stdout}${stderr}(exit ${err ? ((err as { code?: unknown }).code ?? err.message) : 0}, ${Date.now() - started} ms)`)
          .catch(() => {})
          .then(() => {
            if (!err) return resolve({ stdout, stderr });
            const tail = `${stderr}\n${stdout}`.trim().split('\n').slice(-8).join('\n');
            const why = (err as { code?: unknown }).code === 'ENOENT' ? `${cmd} is not installed` : tail || err.message;
            reject(
              new TargetError('install-failed', `${name}: \`${shown}\` failed:\n${why}`, {
                cause: err,
                log: { file: o.logFile, tail: readLogTail(o.logFile) },
              }),
            );
          });
      },
    );
  });
}

/** Runs a command and returns its stdout, or undefined when it fails (for probes). */
export function probeCommand(cmd: string, args: string[], timeoutMs = 10_000, env?: NodeJS.ProcessEnv): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, ...(env ? { env } : {}) }, (err, stdout) =>
      resolve(err ? undefined : stdout.trim()),
    );
  });
}
