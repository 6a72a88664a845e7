// Entry point of the `sqs-conformance` command (bin/sqs-conformance.js imports the built file).
// Wires the real process (streams, files, signals, clock), the commands (commands/index.ts) and the
// kit's library (kit.ts: its suites, runner, targets and server, each imported only when a command
// needs it, so `--help`, `--version` and usage errors answer without loading the SDK) into runCli.
// `serve` starts itself again with the server's V8 flags (src/server/node-flags.ts) and waits for it.
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, constants } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXIT, type CliIO } from './contracts.js';
import { PREFIX } from './io.js';
import { kitDeps } from './kit.js';
import { COMMANDS } from './commands/index.js';
import { runCli } from './program.js';
import { SERVE_PARENT_ENV, serveRespawnFlags } from '../server/node-flags.js';

/** The version in the package.json above this file (src/cli in tests, dist/src/cli when built). */
function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i += 1) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sqs-conformance' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not here: go up
    }
    dir = dirname(dir);
  }
  return '0.0.0';
}

const io: CliIO = {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  now: () => performance.now(),
  randomSeed: () => randomInt(-2147483648, 2147483647),
  mkdir: async (dir) => {
    await mkdir(dir, { recursive: true });
  },
  writeFile: (file, content) => writeFile(file, content, 'utf8'),
  readFile: (file) => readFile(file, 'utf8'),
  wallClock: () => Date.now(),
  cpus: () => availableParallelism(),
  onSignal(handler) {
    const onInt = (): void => handler('SIGINT');
    const onTerm = (): void => handler('SIGTERM');
    // A `serve` started again by this file: the process that started it is gone (killed, its
    // terminal closed) when the IPC channel closes; stop as on SIGTERM rather than outlive it.
    const orphaned = (): void => handler('the process that started it exited');
    const child = process.env[SERVE_PARENT_ENV] !== undefined && process.channel !== undefined;
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    if (child) process.on('disconnect', orphaned);
    return () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (child) process.off('disconnect', orphaned);
    };
  },
  exitNow: (code) => process.exit(code),
};

// Node prints process warnings as multi-line blocks; the CLI keeps stderr to its own lines. The AWS
// SDK's notice about future Node versions is dropped (the package supports Node >= 20): on Node < 22
// emitWarningIfUnsupportedVersion (@aws-sdk/core, client/) emits "NodeVersionSupportWarning: … versions
// published after the first week of January 2027 will require node >=22" once per process (the SDK's
// own switch is AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true). Any other warning becomes one
// line (test/cli/node-warning.test.ts).
process.removeAllListeners('warning');
process.on('warning', (w) => {
  if (w.name === 'NodeVersionSupportWarning' || w.message.startsWith('NodeVersionSupportWarning')) return;
  process.stderr.write(`${PREFIX}: warning: ${w.name}: ${w.message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
});

const flush = (stream: NodeJS.WriteStream): Promise<void> => new Promise((resolve) => stream.write('', () => resolve()));

/**
 * `serve` as a child with the server's V8 flags: same arguments, same streams. The child leads its
 * own process group, so a Ctrl-C at the terminal reaches this process only and is passed on once
 * (twice still means "leave at once"); SIGHUP is passed on as SIGTERM (a clean stop). If this
 * process dies without passing anything on, the child sees its IPC channel close and stops.
 */
function respawn(flags: readonly string[], args: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, ...flags, process.argv[1]!, ...args], {
    stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
    detached: true,
    env: { ...process.env, [SERVE_PARENT_ENV]: String(process.pid) },
  });
  const pass = (signal: NodeJS.Signals) => (): void => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on('SIGINT', pass('SIGINT'));
  process.on('SIGTERM', pass('SIGTERM'));
  process.on('SIGHUP', pass('SIGTERM'));
  return new Promise((resolve) => {
    child.once('error', (e) => {
      process.stderr.write(`${PREFIX}: error: cannot start the server process: ${e.message}\n`);
      resolve(EXIT.usage);
    });
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0)));
  });
}

let code: number;
try {
  const args = process.argv.slice(2);
  const flags = serveRespawnFlags(args, process.execArgv, process.env, process.platform);
  code = flags ? await respawn(flags, args) : await runCli(args, io, kitDeps(packageVersion()), COMMANDS);
} catch (e) {
  // A bug, not a usage error: still one line; the stack only on request.
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${PREFIX}: error: internal error: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  if (process.env.SQS_CONFORMANCE_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
  code = EXIT.usage;
}
await flush(process.stdout);
await flush(process.stderr);
process.exit(code);
