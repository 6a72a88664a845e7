// The V8 flags the reference server runs with as its own process (`serve`, and the server
// benchmark's reference child). No imports: the CLI reads this before loading anything else.
//
// Why a smaller young generation: the server keeps every message it is sent, so each
// young-generation collection (a scavenge) copies everything sent since the one before; with V8's
// default semi-space (16 MiB on 64-bit) one scavenge copies several MiB and pauses every request
// in flight for milliseconds, which is what sets the server's p99 under a batch send load. 4 MiB
// semi-spaces make scavenges more frequent and each short (issue 14: SendMessageBatch at one
// connection p99 7–8 → 4–5 ms at the same req/s). V8 reads the flag only when the process
// starts (v8.setFlagsFromString has no effect on the heap's size), so `serve` starts itself
// again with it (src/cli/main.ts).
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/** The flag names of SERVER_NODE_FLAGS: one of them already given means the user chose (their value wins). */
const names = SERVER_NODE_FLAGS.map((f) => f.replace(/=.*$/, ''));

/**
 * The Node flags to start `serve` again with, or undefined to run it here: only for `serve`
 * (not its --help), not when any of the flags is already set (command line or NODE_OPTIONS, in
 * either spelling, `_` or `-`), not on Windows (its signals and process groups differ), not under
 * --inspect (a second process would want the same debugger port), and not when
 * SQS_CONFORMANCE_NO_RESPAWN is set.
 */
export function serveRespawnFlags(
  args: readonly string[],
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  platform: string,
): readonly string[] | undefined {
  if (args[0] !== 'serve' || args.some((a) => a === '-h' || a === '--help')) return undefined;
  if (platform === 'win32' || (env.SQS_CONFORMANCE_NO_RESPAWN ?? '') !== '') return undefined;
  if (execArgv.some((a) => a.startsWith('--inspect'))) return undefined;
  const given = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)].map((a) => a.replace(/=.*$/, '').replace(/_/g, '-'));
  if (names.some((n) => given.includes(n))) return undefined;
  return SERVER_NODE_FLAGS;
}

/** Set in the started-again `serve`: it stops when the process that started it is gone (its IPC channel closes). */
export const SERVE_PARENT_ENV = 'SQS_CONFORMANCE_SERVE_PARENT';
