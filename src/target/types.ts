// What the rest of the kit knows about an implementation under test.
import type { Action, Indeterminate, OpMeta, ServiceError } from '../history/index.js';
import type { Strictness } from '../spec/types.js';

export type Protocol = 'json' | 'query';

/** Timing tolerances, in milliseconds (../shared/DESIGN.md section 2: ε widens every op window). */
export interface Tolerance {
  /** Added on both sides of every op's [invoke, complete] window. */
  epsilonMs: number;
  /** Wider bound used to grade a divergence `definite` (still wrong) or `suspect`. */
  wideEpsilonMs: number;
  /** Allowed difference between the server's clock (SentTimestamp…) and ours. */
  clockSkewMs: number;
  /** How long after its retention deadline a message may still be received (typical rule). */
  retentionSlackMs: number;
  /** How soon a long poll must return once a message is visible (typical rule). */
  wakeMs: number;
}

export interface TargetProfile {
  name: string;
  description?: string;
  protocol: Protocol;
  region: string;
  /** Explicit endpoint (when the target is not launched by the kit). */
  endpoint?: string;
  /** Launcher name in src/target/launchers (reference, fauxqs, local-aws-sqs, …). */
  launcher?: string;
  capabilities: string[];
  /** Behaviour settings of the target that change SQS semantics (recorded, not hidden). */
  flags: Record<string, string | number | boolean>;
  tolerance: Tolerance;
  defaultStrictness: Strictness;
  /** True for real AWS: the kit then never touches a queue it did not create. */
  realAws?: boolean;
}

export type CallResult =
  | { type: 'ok'; value: Record<string, unknown>; meta: OpMeta }
  | { type: 'fail'; value: ServiceError; meta: OpMeta }
  | { type: 'info'; value: Indeterminate; meta: OpMeta };

/** One SQS client bound to one target: the only way the kit sends requests. */
export interface SqsPort {
  readonly protocol: Protocol;
  /** Sends one request (SDK input shape, with a real QueueUrl). Never throws for service answers. */
  call(action: Action, input: Record<string, unknown>): Promise<CallResult>;
  close(): void;
}

/** A target ready to take requests. */
export interface RunningTarget {
  profile: TargetProfile;
  endpoint: string;
  /**
   * A new client (scenario processes each get their own, like independent consumers); `options`
   * (timeouts, protocol) are those of `createPort` in client.ts: the profile's protocol unless
   * `protocol` asks for the other one (targets that speak both).
   */
  client(options?: { firstByteTimeoutMs?: number; connectionTimeoutMs?: number; protocol?: Protocol }): SqsPort;
  stop(): Promise<void>;
  /** For a server process: set once it has exited on its own (how, and the end of its log). */
  exited?(): { how: string; log: { file: string; tail: string[] } } | undefined;
}

export interface LaunchOptions {
  /** Folder for installs and logs (git-ignored). */
  workDir: string;
  log?: (line: string) => void;
}

export interface Launcher {
  name: string;
  start(options: LaunchOptions): Promise<RunningTarget>;
}
