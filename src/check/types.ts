// What the checker says about a history, and the contract of a checker rule. A divergence is data:
// an id, the ops that show it, premises ("Let …") and the bindings of its conclusion ("Then …");
// src/report renders the prose from the catalogue's templates (as Elle's explainers do).
import type { Catalog } from '../catalog/index.js';
import type { Call } from '../history/index.js';
import type { SourceRef, Strictness } from '../spec/types.js';
import type { HandleStatus } from '../spec/model/index.js';
import type { HandleUse, Prepared, TrackedMessage } from './prepare.js';

export type Grade =
  | 'definite' // wrong even at the widest tolerance
  | 'suspect'; // wrong only at the tight bound

/** A call as an explanation names it: enough to render "op 9 (p1 ReceiveMessage, 1200 ms–1210 ms)". */
export interface CallRef {
  call: number;
  process: string;
  f: string;
  /** Invoke and completion on the history's clock (ms); `null` when the outcome is unknown. */
  fromMs: number;
  toMs: number | null;
  /** The batch entry Id, when the finding is about one entry of a batch. */
  entry?: string;
}

/** A value a template placeholder takes. Strings and numbers are printed as they are. */
export type Binding =
  | string
  | number
  | CallRef
  /** A time on the history's clock; ≥ 1e14 renders as ∞. */
  | { ms: number }
  /** A length of time in ms (a tolerance, how long a call waited): printed like a time, never placed on a time axis. */
  | { ms: number; duration: true }
  /** A duration or setting in seconds. */
  | { seconds: number }
  /** Text from a request or a response: quoted, clipped, control characters escaped. */
  | { text: string }
  | { error: { code: string; httpStatus?: number; message?: string } }
  | { list: string[] };

export type Bindings = Readonly<Record<string, Binding>>;

/** A "Let …" line of an explanation. */
export type Premise =
  | { kind: 'sent'; message: string; send: CallRef; delaySeconds: number }
  | { kind: 'received'; message: string; receive: CallRef; visibilityTimeout: number; count: number; known: boolean }
  | {
      kind: 'handle';
      use: CallRef;
      action: 'DeleteMessage' | 'ChangeMessageVisibility';
      visibilityTimeout?: number;
      outcome: 'ok' | 'unknown' | { code: string };
      status: HandleStatus;
      effect: 'delete' | 'none' | 'set-visibility';
    }
  /** Any other premise, as a template with bindings (rules of other areas). */
  | { kind: 'fact'; template: string; values: Bindings };

export interface Divergence {
  /** Stable id from the catalogue, e.g. `visibility.redelivered-early`. */
  id: string;
  summary: string;
  strictness: Strictness;
  grade: Grade;
  /** The rule broken and where it is written. */
  rule: SourceRef;
  /** Indices of the ops that show it (invokes and completions), smallest set we can name. */
  ops: number[];
  premises: Premise[];
  /** Which of the catalogue entry's templates states the conclusion, and its bindings. */
  variant: string;
  bindings: Bindings;
  /** The tolerance the times of the explanation were widened by. */
  epsilonMs?: number;
  queue?: string;
  messageId?: string;
  /** The batch entry it is about, when it is about one entry of a batch call. */
  entry?: string;
  /** When another divergence explains this one (implies-graph), its id. */
  impliedBy?: string;
}

export type Verdict =
  | { kind: 'conformant'; checked: CheckStats }
  | { kind: 'divergent'; divergences: Divergence[]; checked: CheckStats }
  | { kind: 'unknown'; reason: string; checked: CheckStats };

export interface CheckStats {
  ops: number;
  messages: number;
  /** Search nodes explored (a measure of checker work). */
  searchNodes: number;
  /**
   * How often the situation each rule judges arose (a delete with a stale handle, a receive during
   * a delay, …), per catalogue id: a rule never exercised judged nothing.
   */
  exercised: Record<string, number>;
  /**
   * Messages (or FIFO groups) no order could be decided for within the search budget, typically
   * because lost calls (connection resets, timeouts) may have touched them. They are left out of
   * the verdict, which judges the rest: a few lost calls cost only what they may have touched.
   */
  undecided?: string[];
  /** The longest network delay this history showed (ms; see CheckOptions.networkDelayMs). */
  networkDelayMs?: number;
}

export interface Tolerance {
  epsilonMs: number;
  wideEpsilonMs: number;
  clockSkewMs: number;
  retentionSlackMs: number;
  wakeMs: number;
}

export interface CheckOptions {
  strictness: Strictness;
  tolerance: Tolerance;
  /** The generic entries plus the registered suites' entries: a rule whose id is absent is off. */
  catalog: Catalog;
  /** Rules beyond the generic ones (each suite brings its area's rules). */
  rules?: readonly CheckRule[];
  /** Upper bound on search nodes per message before the message is undecided. */
  maxSearchNodesPerMessage?: number;
  /**
   * The longest delay the network of this run has shown (ms): the slowest answer to a call that
   * does not wait, or the overrun of a long poll beyond its wait. A long poll's request or answer
   * may have been held that long, so its wait is not placed within ε of its invoke and completion.
   * The history's own evidence is always taken into account; a runner passes what the whole run showed.
   */
  networkDelayMs?: number;
}

/** What a rule reports before grading and rendering. */
export interface Finding {
  id: string;
  calls: Call[];
  variant?: string;
  bindings: Bindings;
  premises?: Premise[];
  queue?: string;
  messageId?: string;
  /** The batch entry it is about (read from the `call` binding when absent). */
  entry?: string;
  /** Depends on timing: graded by running the rule again at the wide tolerance. */
  timed?: boolean;
}

/** A finding the rule graded itself (rules that search, and re-search at the wide tolerance). */
export interface GradedFinding extends Finding {
  grade: Grade;
  epsilonMs?: number;
}

/** What a mark can name: a call, one handle use (a batch entry), or a message (a batch send entry). */
export type Markable = Call | HandleUse | TrackedMessage;

/** Calls the per-call rules set apart for the history rules. */
export interface Marks {
  /** Accepted although the model says they are invalid: the effect is undefined, the messages they touched are not judged further. */
  acceptedInvalid: Set<Markable>;
  /** Effect uncertain (accepted an invalid handle request): treated as `info` by the search. */
  indeterminate: Set<Markable>;
  /** Rejected as invalid: no effect on any message. */
  excluded: Set<Markable>;
  /** Long polls that returned empty too early (left out of quiet-period reasoning). */
  earlyPolls: Set<Call>;
}

/** Switches rules on and off: the one place strictness is decided. */
export interface Gate {
  readonly strictness: Strictness;
  /** True when the id is catalogued, allowed at this strictness, and not relaxed. */
  on(id: string): boolean;
  /** Outcome rows the model marks as deviations count only at `guaranteed` strictness. */
  readonly deviationsAllowed: boolean;
  /** Counts a situation a rule judged (see CheckStats.exercised). */
  exercised(id: string, n?: number): void;
}

export interface Tolerances {
  epsilonMs: number;
  clockSkewMs: number;
  retentionSlackMs: number;
  wakeMs: number;
  /** See CheckOptions.networkDelayMs (at least this history's own evidence). */
  networkDelayMs: number;
}

export interface CallRuleContext {
  prep: Prepared;
  gate: Gate;
  tolerance: Tolerances;
  /** Marks of this pass (each tolerance has its own). */
  marks: Marks;
  /**
   * What produced the history (its header's `origin`: suite, property, seed): a rule that needs a
   * whole kind of history (a replay of every queue-management call) judges only its suites'.
   */
  origin?: Readonly<Record<string, unknown>>;
}

export interface HistoryRuleContext {
  prep: Prepared;
  gate: Gate;
  /** The history header's `origin` (see CallRuleContext). */
  origin?: Readonly<Record<string, unknown>>;
  catalog: Catalog;
  tight: Tolerances;
  wide: Tolerances;
  /** Marks of the tight and the wide pass of the per-call rules. */
  marks: { tight: Marks; wide: Marks };
  maxSearchNodesPerMessage: number;
  /** A gate with some rules relaxed (to find which rule a failure breaks). */
  relax(ids: ReadonlySet<string>): Gate;
}

export interface HistoryRuleResult {
  findings: GradedFinding[];
  /** Messages or groups the rule could not decide (search budget). */
  undecided: string[];
  searchNodes: number;
}

/**
 * A checker rule: pure functions over the prepared history. `calls` runs at the tight tolerance,
 * and again at the wide one when the rule is `timed` (a finding seen only at the tight one is
 * `suspect`); `history` grades its own.
 */
export interface CheckRule {
  name: string;
  /** Every id the rule can raise (a meta-test checks each is catalogued). */
  ids: readonly string[];
  /** Its per-call findings depend on the tolerance: it runs again at the wide one to grade them. */
  timed?: boolean;
  calls?(ctx: CallRuleContext): Finding[];
  history?(ctx: HistoryRuleContext): HistoryRuleResult;
}
