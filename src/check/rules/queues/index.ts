// The queue-management rules (issue 12): the oracle that replays queue-management calls against the
// reference engine (queue attributes, queue management, tags and permissions), the rule that
// SetQueueAttributes changes behaviour, and the error contract. They judge whole management
// histories (every call on a queue, in order), so they judge only the histories of the suites
// that make them (`origin.suite`, set by the runner): another suite's history, or a hand-built one,
// holds answers they would misread. PURE.
import type { CallRuleContext, CheckRule, Finding } from '../../types.js';
import { effectFindings } from './effect.js';
import { envelopeFindings } from './envelope.js';
import { ENVELOPE_IDS, QUEUE_ATTRIBUTE_IDS, QUEUE_IDS, TAG_PERMISSION_IDS } from './ids.js';
import { replayQueueManagement } from './oracle.js';

export * from './ids.js';
export { replayQueueManagement, targetIdentity } from './oracle.js';
export { attributeDiff, canonicalJson, policyDiff } from './values.js';
export { reconfiguredQueues, EFFECTIVE_ATTRIBUTES } from './effect.js';

/** The generic ids the oracle raises for parameter errors of the actions the validation rule leaves to it. */
const GENERIC_IDS = ['validation.accepted-invalid', 'validation.rejected-valid', 'error.wrong-code', 'error.wrong-status', 'error.wrong-message'] as const;

export interface QueueManagementRules {
  oracle: CheckRule;
  effect: CheckRule;
  envelope: CheckRule;
  /** All three, in the order a suite lists them. */
  all: readonly CheckRule[];
}

/** True when the history was produced by one of `suites` (its header's origin). */
export function fromSuites(ctx: Pick<CallRuleContext, 'origin'>, suites: ReadonlySet<string>): boolean {
  const suite = ctx.origin?.suite;
  return typeof suite === 'string' && suites.has(suite);
}

/**
 * The rules, judging the histories of the named suites. Create them once and list the same
 * objects in every one of those suites (a suite set runs a rule object once).
 */
export function queueManagementRules(suiteNames: readonly string[]): QueueManagementRules {
  const suites = new Set(suiteNames);
  const oracle: CheckRule = {
    name: 'queue-management',
    timed: true, // timestamps within the clock skew: graded at the wide tolerance too
    ids: [...QUEUE_ATTRIBUTE_IDS.filter((id) => id !== 'queue-attributes.set-not-effective'), ...QUEUE_IDS, ...TAG_PERMISSION_IDS, ...GENERIC_IDS],
    calls: (ctx): Finding[] => (fromSuites(ctx, suites) ? replayQueueManagement(ctx, { gate: ctx.gate, clockSkewMs: ctx.tolerance.clockSkewMs }) : []),
  };
  const effect: CheckRule = {
    name: 'attribute-effect',
    timed: true,
    ids: ['queue-attributes.set-not-effective'],
    calls: (ctx): Finding[] => (fromSuites(ctx, suites) ? effectFindings(ctx) : []),
  };
  const envelope: CheckRule = {
    name: 'error-contract',
    ids: ENVELOPE_IDS,
    calls: (ctx): Finding[] => (fromSuites(ctx, suites) ? envelopeFindings(ctx, ctx.gate) : []),
  };
  return { oracle, effect, envelope, all: [oracle, effect, envelope] };
}
