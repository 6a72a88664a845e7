// What every command does with CliIO: one-line errors on stderr, colours, lazy loading of the
// library with a one-line error, Ctrl-C handling, and writing files under a folder.
import * as path from 'node:path';
import { EXIT, type CliIO } from './contracts.js';

export const PREFIX = 'sqs-conformance';

/** An error's message on one line. */
export function messageOf(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** `sqs-conformance: error: …` on stderr, one line. */
export function errorLine(io: CliIO, message: string): void {
  io.stderr.write(`${PREFIX}: error: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}\n`);
}

/** A usage or environment error: its line, and the exit code (2 unless given). */
export function fail(io: CliIO, message: string, code: number = EXIT.usage): number {
  errorLine(io, message);
  return code;
}

/** Colours on stdout: asked for, NO_COLOR unset, and a terminal (or FORCE_COLOR). */
export function useColor(flag: boolean, isTTY: boolean | undefined, env: Record<string, string | undefined>): boolean {
  if (!flag) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY === true && env.TERM !== 'dumb';
}

export function wallClock(io: CliIO): number {
  return io.wallClock ? io.wallClock() : Date.now();
}

/** YYYY-MM-DD (UTC) of a wall-clock time in ms. */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Loads a part of the library; on failure prints `cannot load <what>: …` and gives undefined. */
export async function load<T>(io: CliIO, what: string, loader: () => Promise<T>): Promise<T | undefined> {
  try {
    return await loader();
  } catch (e) {
    errorLine(io, `cannot load ${what}: ${messageOf(e)}`);
    return undefined;
  }
}

export interface Interrupt {
  signal: AbortSignal;
  interrupted(): boolean;
  dispose(): void;
}

/**
 * Ctrl-C (or SIGTERM) while work goes on: the first aborts `signal` and logs `doing` (what stops);
 * a second leaves at once with 130.
 */
export function interruptible(io: CliIO, log: (line: string) => void, doing: string): Interrupt {
  const controller = new AbortController();
  let interrupted = false;
  const dispose = io.onSignal((signal) => {
    if (interrupted) {
      log(`${PREFIX}: ${signal} again: leaving without cleanup`);
      io.exitNow(EXIT.interrupted);
      return;
    }
    interrupted = true;
    log(`${PREFIX}: ${signal}: ${doing} (again to quit at once)`);
    controller.abort(new Error(`interrupted by ${signal}`));
  });
  return { signal: controller.signal, interrupted: () => interrupted, dispose };
}

export interface OutFile {
  /** Relative to the folder it is written to. */
  file: string;
  content: string;
}

/** Writes files under `dir` (folders made as needed); the error is one line naming `dir`. */
export async function writeFiles(io: CliIO, dir: string, files: readonly OutFile[]): Promise<{ ok: true } | { ok: false; error: string }> {
  try {
    await io.mkdir(dir);
    const made = new Set<string>([dir]);
    for (const f of files) {
      const abs = path.join(dir, f.file);
      const parent = path.dirname(abs);
      if (!made.has(parent)) {
        await io.mkdir(parent);
        made.add(parent);
      }
      await io.writeFile(abs, f.content);
    }
    return { ok: true };
  } catch (e) {
    return { ok: false, error: `cannot write the reports to ${dir}: ${messageOf(e)}` };
  }
}
