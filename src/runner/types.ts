// The runner's contract with the CLI and reports.
import type { CatalogEntry } from '../catalog/index.js';
import type { Divergence, Verdict } from '../check/types.js';
import type { Skipped } from '../suite/index.js';
import type { History, Op } from '../history/index.js';
import type { Strictness } from '../spec/types.js';

export const REPORT_SCHEMA_VERSION = 1;

export type ProgressEvent =
  | { kind: 'start'; total: number }
  | { kind: 'scenario-done'; property: string; passed: boolean; done: number; total: number }
  | { kind: 'shrinking'; property: string; step: number }
  | { kind: 'message'; text: string };

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
  durationMs: number;
  replay: string;
  /** Set when the property could not be decided (environment error, budget exhausted). */
  error?: string;
}

export interface RunReport {
  schemaVersion: number;
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
  startedAt: string;
  durationMs: number;
  verdict: 'conformant' | 'divergent' | 'unknown';
  properties: PropertyResult[];
  divergences: ReportedDivergence[];
}
