// The rule catalogue: one small pure rule per file (ids from ../shared/reference/settings-rules.md;
// A1 is ours), in the order reports list them.
import type { Rule, RuleMeta } from '../types.js';
import { A1 } from './a1-rejected-attributes.js';
import { D1 } from './d1-has-dlq.js';
import { D10 } from './d10-dlq-alarm.js';
import { D2 } from './d2-dlq-type.js';
import { D3 } from './d3-max-receive-one.js';
import { D4 } from './d4-lambda-max-receive.js';
import { D5 } from './d5-max-receive-range.js';
import { D6 } from './d6-redrive-allow.js';
import { D7 } from './d7-fifo-dlq-order.js';
import { D8 } from './d8-dlq-exists.js';
import { E1 } from './e1-encryption.js';
import { E2 } from './e2-kms-reuse-range.js';
import { E4 } from './e4-tls-only.js';
import { E5 } from './e5-public.js';
import { E6 } from './e6-full-access.js';
import { P1 } from './p1-long-polling.js';
import { P4 } from './p4-wait-range.js';
import { R1_FIFO } from './r1-fifo-dlq-retention.js';
import { R1 } from './r1-dlq-retention.js';
import { R2 } from './r2-retention-range.js';
import { R4 } from './r4-outage-budget.js';
import { V1 } from './v1-visibility-lambda-6x.js';
import { V2 } from './v2-function-timeout.js';
import { V5 } from './v5-fifo-visibility-zero.js';
import { V6 } from './v6-visibility-range.js';

export const RULES: readonly Rule[] = [V1, V2, V5, V6, R1, R1_FIFO, R2, R4, D1, D2, D3, D4, D5, D6, D7, D8, D10, P1, P4, E1, E2, E4, E5, E6, A1];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}

/** Rule metadata without the check function (for reports and SARIF). */
export function ruleMeta(r: Rule): RuleMeta {
  const { check: _check, ...meta } = r;
  return meta;
}

/** True when `id` names the rule or one of its external ids (case-insensitive). */
export function ruleMatches(r: RuleMeta, id: string): boolean {
  const k = id.toLowerCase();
  return r.id.toLowerCase() === k || r.name === k || r.external.some((e) => e.toLowerCase() === k);
}

export function knownRuleId(id: string): boolean {
  return RULES.some((r) => ruleMatches(r, id));
}
