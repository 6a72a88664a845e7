// The CLI's contracts: what a command is, what it receives from outside (CliIO: streams, files,
// signals, clock; CliDeps: the library, loaded only when a command needs it) and the exit codes.
// Types and constants only, importing nothing of the CLI: every CLI file may import it, and it
// closes no import cycle. main.ts wires the real process; tests pass fakes.
import type { Command, OptionValues } from 'commander';
import type { RunOptions } from '../runner/run-suites.js';
import type { CleanupItem, CleanupScope } from '../runner/sweep.js';
import type { RunReport } from '../runner/types.js';
import type { QueueDefinition, QueuesResult, ReferenceServer, ReferenceServerOptions, RequestLogEntry } from '../server/index.js';
import type { SuiteDefinition } from '../suite/index.js';
import type { Launcher, RunningTarget, TargetProfile } from '../target/types.js';

/** 0 conformant (or within the baseline), 1 divergent, 2 usage or environment error or undecided, 130 interrupted. */
export const EXIT = { conformant: 0, divergent: 1, usage: 2, interrupted: 130 } as const;

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

/** One command of the CLI: one file in commands/, listed in commands/index.ts. */
export interface CommandDefinition<O> {
  name: string;
  /** Adds the description, arguments and options to commander's command. */
  define(command: Command): void;
  /** What commander parsed (options and positional arguments) → the command's options, or a one-line usage error. PURE. */
  validate(raw: OptionValues, args: readonly string[]): Result<O>;
  /** Runs the command (method syntax: the list of commands holds them as CommandDefinition<unknown>). */
  run(options: O, io: CliIO, deps: CliDeps): Promise<number>;
}

/** What the CLI hands the runner: the runner's own options (the real clock always). */
export type CliRunOptions = Omit<RunOptions, 'clock'>;

export interface RunnerApi {
  // Property syntax (not a method) so the runner's signature is checked strictly against it.
  runSuites: (options: CliRunOptions) => Promise<RunReport>;
  /** Deletes (or with dryRun lists) the kit's queues on a target: prefix and run tag both required. */
  cleanup?: (target: RunningTarget, scope: CleanupScope, o: { dryRun?: boolean; log?: (line: string) => void }) => Promise<CleanupItem[]>;
}

export type EndpointTargetResult = { ok: true; target: RunningTarget } | { ok: false; error: string; log?: { file: string; tail: string[] } };

/** What the CLI needs from src/target. */
export interface TargetApi {
  /** A launcher by name (reference, fauxqs, …), optionally with a profile overriding the shipped one. */
  launcherFor: (name: string, options?: { profile?: TargetProfile }) => Launcher | undefined;
  /** A target at an endpoint, checked reachable; the endpoint defaults to the profile's. Never throws. */
  endpointTarget: (o: { endpoint?: string; region?: string; profile?: string | TargetProfile }) => Promise<EndpointTargetResult>;
  /** A shipped profile by name; throws a one-line error for an unknown name. */
  loadProfile?: (name: string) => TargetProfile;
  /** Where launchers install peers and keep logs when --work-dir is not given. */
  defaultWorkDir?: () => string;
  /** Every launcher that starts a server itself (the matrix runs them all). */
  launcherNames?: readonly string[];
  /**
   * Installs a peer from its lock before the matrix starts it (undefined: nothing to install for
   * that name). Never throws for the install's failure: `failed` says why, with the log's end.
   */
  installPeer?: (name: string, workDir: string, log: (line: string) => void) => Promise<PeerInstallOutcome | undefined>;
}

/** What installing one peer did (src/target's PeerInstallReport, as the CLI needs it). */
export interface PeerInstallOutcome {
  status: 'installed' | 'cached' | 'nothing' | 'failed';
  /** Registry, package and version. */
  what: string;
  dir?: string;
  ms: number;
  error?: string;
  log?: { file: string; tail: string[] };
}

/** What `serve` and `simulate --verify` need from src/server. */
export interface ServerApi {
  startReferenceServer: (options: ReferenceServerOptions) => Promise<ReferenceServer>;
  /** `serve --queues FILE`: the file read and checked for its shape, every error one line. */
  readQueuesFile: (path: string) => Promise<QueuesResult<QueueDefinition[]>>;
  /** The URL of each queue the definitions name (DLQs they create included), by name. */
  queueUrlsOf: (engine: ReferenceServer['engine'], definitions: readonly QueueDefinition[]) => Record<string, string>;
  /** `serve --log requests`: one line per answered request. */
  formatRequestLine: (entry: RequestLogEntry) => string;
}

/** The library, each part imported when a command needs it (so --help never loads the AWS SDK). */
export interface CliDeps {
  version: string;
  /** The registered suites (the kit's are conformance/suites); loading them does not load the SDK. */
  loadSuites(): Promise<readonly SuiteDefinition[]>;
  loadRunner(): Promise<RunnerApi>;
  loadTargets(): Promise<TargetApi>;
  loadServer(): Promise<ServerApi>;
}

/** A stream the CLI writes to (stdout, stderr). */
export interface CliStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface CliIO {
  stdout: CliStream;
  stderr: CliStream;
  env: Record<string, string | undefined>;
  cwd: string;
  now(): number;
  randomSeed(): number;
  mkdir(dir: string): Promise<void>;
  writeFile(file: string, content: string): Promise<void>;
  /** Subscribes to SIGINT/SIGTERM; returns the unsubscribe function. */
  onSignal(handler: (signal: string) => void): () => void;
  /** Leaves at once (a second Ctrl-C). */
  exitNow(code: number): void;
  /** Reads a UTF-8 file (baselines, histories); rejects with `code: 'ENOENT'` when it does not exist. */
  readFile(file: string): Promise<string>;
  /** Wall-clock ms since the epoch (dates in baselines and the scoreboard); default Date.now. */
  wallClock?(): number;
  /** Cores available (how many matrix targets run at once by default). */
  cpus?(): number;
}
