// What the launchers share: installing a pinned npm package into the git-ignored cache
// (`<workDir>/npm/<name>@<version>`, skipped once installed, so launches work offline after the
// first), loading its entry point, waiting for readiness, and typed launch errors.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPort, type ClientOptions } from '../client.js';
import type { RunningTarget, TargetProfile } from '../types.js';

export type TargetErrorCode = 'install-failed' | 'start-failed' | 'unreachable' | 'unknown-launcher';

/** An environment problem with a target (the CLI exits with code 2 on these). */
export class TargetError extends Error {
  override readonly name = 'TargetError';
  constructor(
    readonly code: TargetErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The install folder of a pinned npm package. */
export function npmCacheDir(workDir: string, name: string, version: string): string {
  return join(workDir, 'npm', `${name}@${version}`);
}

async function installedVersion(pkgDir: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : undefined;
  } catch {
    return undefined;
  }
}

function run(cmd: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stdout, stderr }));
      else resolve({ stdout, stderr });
    });
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const installs = new Map<string, Promise<string>>();

/**
 * Makes sure `<name>@<version>` is installed under `<workDir>/npm/<name>@<version>` and returns the
 * package folder (`…/node_modules/<name>`). A lock folder keeps concurrent processes from running
 * npm into the same place at once.
 */
export function ensureNpmPackage(
  workDir: string,
  name: string,
  version: string,
  log: (line: string) => void = () => {},
  timeoutMs = 180_000,
): Promise<string> {
  const dir = npmCacheDir(workDir, name, version);
  const pending = installs.get(dir);
  if (pending) return pending;
  const p = install(dir, name, version, log, timeoutMs).finally(() => installs.delete(dir));
  installs.set(dir, p);
  return p;
}

async function install(dir: string, name: string, version: string, log: (line: string) => void, timeoutMs: number): Promise<string> {
  const pkgDir = join(dir, 'node_modules', name);
  if ((await installedVersion(pkgDir)) === version) return pkgDir;
  await mkdir(join(dir, '..'), { recursive: true });
  const lock = `${dir}.lock`;
  const deadline = Date.now() + timeoutMs;
  // Take the lock, or wait for whoever holds it to finish. A lock whose process is gone, or older
  // than the timeout, is stale.
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'pid'), String(process.pid));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if ((await installedVersion(pkgDir)) === version) return pkgDir;
      const age = await stat(lock).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > timeoutMs || (age > 2000 && !(await lockHolderAlive(lock)))) await rm(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new TargetError('install-failed', `timed out waiting for another install of ${name}@${version} (${lock})`);
      else await sleep(500);
    }
  }
  try {
    if ((await installedVersion(pkgDir)) === version) return pkgDir;
    log(`installing ${name}@${version} into ${dir}`);
    await mkdir(dir, { recursive: true });
    try {
      await run(
        'npm',
        ['install', '--prefix', dir, `${name}@${version}`, '--no-save', '--no-audit', '--no-fund', '--loglevel=error'],
        timeoutMs,
      );
    } catch (e) {
      const stderr = String((e as { stderr?: unknown }).stderr ?? '').trim().split('\n').slice(-5).join('\n');
      throw new TargetError(
        'install-failed',
        `npm install ${name}@${version} failed${stderr ? `:\n${stderr}` : `: ${(e as Error).message}`}`,
        { cause: e },
      );
    }
    const got = await installedVersion(pkgDir);
    if (got !== version) {
      throw new TargetError('install-failed', `npm install ${name}@${version} left ${got ?? 'nothing'} in ${pkgDir}`);
    }
    return pkgDir;
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function lockHolderAlive(lock: string): Promise<boolean> {
  const pid = Number(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Imports an installed package by its folder: its `exports["."]` import entry, else `main`. */
export async function importPackage<T>(pkgDir: string): Promise<T> {
  const pkg = JSON.parse(await readFile(join(pkgDir, 'package.json'), 'utf8')) as {
    exports?: unknown;
    main?: unknown;
  };
  const pick = (e: unknown): string | undefined => {
    if (typeof e === 'string') return e;
    if (e && typeof e === 'object') {
      const o = e as Record<string, unknown>;
      for (const k of ['.', 'node', 'import', 'default']) {
        const r = k in o ? pick(o[k]) : undefined;
        if (r) return r;
      }
    }
    return undefined;
  };
  const entry = pick(pkg.exports) ?? (typeof pkg.main === 'string' ? pkg.main : 'index.js');
  const file = join(pkgDir, entry);
  if (!existsSync(file)) throw new TargetError('start-failed', `entry point ${file} not found`);
  const ns = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  // A CommonJS package may expose its exports only as `default`.
  return (ns.default && typeof ns.default === 'object' ? { ...(ns.default as object), ...ns } : ns) as T;
}

/** Polls `probe` until it resolves true, or throws after `timeoutMs`. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 10_000, everyMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await probe()) return;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new TargetError('start-failed', `${what} not ready after ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ''}`);
    }
    await sleep(everyMs);
  }
}

/** True when `url` answers an HTTP GET with the given status (any status when omitted). */
export async function httpAnswers(url: string, status?: number, timeoutMs = 2000): Promise<boolean> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  await res.arrayBuffer();
  return status === undefined || res.status === status;
}

/** A target served in this process: clients on its endpoint, and a stop that runs `close` once. */
export function inProcessTarget(profile: TargetProfile, endpoint: string, close: () => Promise<void>): RunningTarget {
  let stopped: Promise<void> | undefined;
  return {
    profile,
    endpoint,
    client: (o?: ClientOptions) => createPort(profile, endpoint, o),
    stop: () => (stopped ??= close()),
  };
}
