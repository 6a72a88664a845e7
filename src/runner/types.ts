// The runner's contract with the CLI and reports.
import type { CatalogEntry } from '../catalog/index.js';
import type { Divergence, Verdict } from '../check/types.js';
import type { Skipped } from '../suite/index.js';
import type { History, Op } from '../history/index.js';
import type { Strictness } from '../spec/types.js';

export const REPORT_SCHEMA_VERSION = 1;

/** Waits at least this long are announced (a `waiting` event): a progress display counts them down. */
export const LONG_WAIT_MS = 5_000;

export type ProgressEvent =
  | { kind: 'start'; total: number }
  | { kind: 'scenario-done'; property: string; passed: boolean; done: number; total: number }
  /** A shrink candidate is about to be replayed: `step` replays so far, `budgetLeftMs` of the shrinking budget left. */
  | { kind: 'shrinking'; property: string; step: number; budgetLeftMs?: number }
  /** A scenario of `property` waits `ms` (at least LONG_WAIT_MS), and why (a sleep step's reason, the drain). */
  | { kind: 'waiting'; property: string; ms: number; why: string }
  | { kind: 'message'; text: string }
  /** The run's id, before anything is created on the target. */
  | { kind: 'run'; runId: string; prefix: string; cleanup: string };

/** A divergence as reported: with the ops themselves and the command that replays it. */
export interface ReportedDivergence extends Divergence {
  suite: string;
  property: string;
  /** The minimal ops (invokes and completions) that show the divergence. */
  opRecords: Op[];
  /** Shell command that replays the minimal counterexample against the same target. */
  replay: string;
}

export interface PropertyResult {
  suite: string;
  property: string;
  /** The fast-check seed of this property instance and the path of its counterexample. */
  seed: number;
  path?: string;
  runs: number;
  passed: boolean;
  verdict?: Verdict;
  /** The shrunk scenario (JSON) and its history, when the property failed. */
  counterexample?: { scenario: unknown; history: History };
  shrinks: number;
  /** Wall time of this instance, from its first scenario to its last shrink (ms). */
  durationMs: number;
  /**
   * When the instance started, in ms after the run's `startedAt` (instances run concurrently, so
   * a suite's wall time is the span of its instances, never the sum of their durations). Absent
   * for instances that never started and in reports written before it existed.
   */
  startOffsetMs?: number;
  replay: string;
  /** Set when the property could not be decided (environment error, budget exhausted). */
  error?: string;
  /**
   * Set when the instance did not run to a verdict because the run stopped (interrupted, or the
   * target stopped answering): it is neither passed nor failed, and judged nothing.
   */
  notRun?: string;
  /** Messages the checker could not decide (lost calls may have touched them); the rest was judged. */
  undecided?: string[];
  /** A divergence found here was explained, once the whole run was seen, by the network's delays. */
  explained?: string;
  /** An extra instance the runner played to exercise rules the normal ones had not (rule coverage). */
  coverage?: boolean;
}

/** Why a run ended before its end. */
export interface RunStop {
  reason: 'interrupted' | 'target-down';
  detail: string;
}

/** Calls of the run, and those whose outcome was lost (connection reset, timeout, 5xx: `info`). */
export interface CallCounts {
  total: number;
  lost: number;
}

/** How often the run called one SQS action, by outcome (completions: ok, fail, info). */
export interface ActionCalls {
  calls: number;
  ok: number;
  fail: number;
  info: number;
}

/** The SQS actions a run exercised and those it did not. */
export interface ActionCoverage {
  /** Per action, the calls of the run's scenarios (their setup, steps, drain and cleanup, shrinking included). */
  exercised: Record<string, ActionCalls>;
  /** Actions the suites that ran declare (their properties send them) that no call of this run used. */
  notExercised: string[];
  /** SQS actions no suite that ran covers (another suite may; see `suites`). */
  notCovered: string[];
}

/**
 * One rerun of the properties whose divergences differed from the baseline (`--confirm`): a
 * difference counts only when it repeats (src/runner/confirm.ts).
 */
export interface ConfirmationRerun {
  durationMs: number;
  /** The properties replayed (base names), the instances each played, and whether one was decided. */
  replayed: Array<{ suite: string; property: string; instances: number; decided: boolean }>;
  /** What they showed: one row per (id, suite, property base). */
  seen: Array<{ id: string; suite: string; property: string; occurrences: number }>;
}

export interface TargetRestart {
  /** `exited (SIGABRT)`, `exited (code 2)`. */
  why: string;
  log?: { file: string; tail: string[] };
}

export interface RunReport {
  schemaVersion: number;
  /** The run id: its queues are named `sqsc-<run id>-…` and tagged `sqs-conformance:run=<run id>`. */
  runId?: string;
  /** Name, endpoint and protocol only: never credentials. */
  target: { name: string; endpoint: string; protocol: 'json' | 'query'; region: string };
  seed: number;
  strictness: Strictness;
  /** The suites that ran (at least one property each). */
  suites: string[];
  /** Suites and properties left out, and why (capability missing, not selected). */
  skipped: Skipped[];
  /** The catalogue entries of every id the report mentions, so renderers need nothing else. */
  catalog: CatalogEntry[];
  /** How often each rule's situation arose, summed over the scenarios (rule coverage). */
  exercised: Record<string, number>;
  /** Ids of the suites that ran whose situation never arose: their rules judged nothing (coverage gaps). */
  gaps?: string[];
  /** The SQS actions the run called, and those it did not. */
  actions?: ActionCoverage;
  /** Set when the run stopped early: its verdict then covers only what finished. */
  stopped?: RunStop;
  /**
   * The server process exited on its own during an earlier attempt of this run and was started
   * again (the matrix does this once): what it died of and the end of its log. This report is the
   * attempt after the restart.
   */
  restarts?: TargetRestart[];
  /**
   * Reruns of the properties that differed from the baseline, to confirm each difference (matrix
   * and run with a baseline, `--confirm`); the verdict and divergences above are the first run's.
   */
  reruns?: ConfirmationRerun[];
  calls?: CallCounts;
  startedAt: string;
  durationMs: number;
  /** `interrupted`: stopped by SIGINT/SIGTERM; what finished is reported, nothing else is judged. */
  verdict: 'conformant' | 'divergent' | 'unknown' | 'interrupted';
  properties: PropertyResult[];
  divergences: ReportedDivergence[];
}
