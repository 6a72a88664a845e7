// What the launchers share: typed launch errors (with the end of the peer's log when there is
// one), loading an installed npm package's entry point, waiting for readiness, and in-process
// targets.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPort, type ClientOptions } from '../client.js';
import type { RunningTarget, TargetProfile } from '../types.js';

export type TargetErrorCode = 'install-failed' | 'start-failed' | 'unreachable' | 'unknown-launcher';

/** The end of the log of a peer that failed to install or start. */
export interface TargetLog {
  file: string;
  /** Its last lines (at most LOG_TAIL_LINES). */
  tail: string[];
}

/** How many log lines an error carries. */
export const LOG_TAIL_LINES = 20;

/** An environment problem with a target (the CLI exits with code 2 on these). */
export class TargetError extends Error {
  override readonly name = 'TargetError';
  readonly log?: TargetLog;
  constructor(
    readonly code: TargetErrorCode,
    message: string,
    options?: { cause?: unknown; log?: TargetLog },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    if (options?.log) this.log = options.log;
  }
}

/** The last `lines` lines of a log file written after byte `from` ([] when it cannot be read). */
export function readLogTail(file: string, lines = LOG_TAIL_LINES, from = 0): string[] {
  try {
    const text = readFileSync(file, 'utf8');
    const tail = text.slice(Math.min(from, text.length)).trimEnd();
    return tail ? tail.split('\n').slice(-lines) : [];
  } catch {
    return [];
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

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
