// Applies the rule catalogue to a settings model: every rule on every queue, then suppressions
// (cdk-nag style: an id and a reason, from the command line, the resource's metadata or a CDK
// Aspect). PURE.
import { ruleMatches, RULES } from './rules/index.js';
import type { CheckOptions, CheckResult, Finding, QueueModel, Rule, Severity, SettingsModel, Suppression } from './types.js';

export interface RunChecksOptions extends CheckOptions {
  /** Suppressions that apply across the model (command line, Aspect props). */
  suppressions?: Suppression[];
  /** Only these rules (ids or external ids); default all. */
  rules?: readonly Rule[];
}

function appliesTo(s: Suppression, q: QueueModel): boolean {
  if (s.resource === undefined) return true;
  const r = s.resource;
  return [q.id, q.name, q.arn, q.location.logicalId, q.location.constructPath].some((x) => x !== undefined && x === r);
}

function involvesCheckedQueue(model: SettingsModel, f: { resource: string; related: string[] }): boolean {
  const checked = (id: string) => {
    const q = model.queues.find((x) => x.id === id);
    return q !== undefined && !q.contextOnly;
  };
  return checked(f.resource) || f.related.some(checked);
}

export function runChecks(model: SettingsModel, options: RunChecksOptions = {}): CheckResult {
  const rules = options.rules ?? RULES;
  const findings: Finding[] = [];
  const ctx = { model, options };
  for (const q of model.queues) {
    for (const rule of rules) {
      let issues;
      try {
        issues = rule.check(q, ctx);
      } catch (e) {
        model.notes.push(`rule ${rule.id} failed on ${q.id}: ${e instanceof Error ? e.message : String(e)}`);
        continue;
      }
      for (const issue of issues) {
        const f: Finding = {
          ruleId: rule.id,
          ruleName: rule.name,
          severity: issue.severity ?? rule.severity,
          message: issue.message,
          resource: q.id,
          location: q.location,
          related: issue.related ?? [],
          values: issue.values ?? {},
          external: rule.external,
          source: rule.source,
        };
        if (q.name !== undefined) f.resourceName = q.name;
        if (!involvesCheckedQueue(model, f)) continue;
        const s = [...q.suppressions, ...(options.suppressions ?? [])].find((x) => ruleMatches(rule, x.id) && appliesTo(x, q));
        if (s) f.suppressed = { reason: s.reason, origin: s.origin, by: s.id };
        findings.push(f);
      }
    }
  }
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  let suppressedCount = 0;
  for (const f of findings) {
    if (f.suppressed) suppressedCount++;
    else counts[f.severity]++;
  }
  return { model, findings, counts, suppressedCount };
}

/** The exit status the CLI uses: 1 when an unsuppressed finding has error severity. */
export function hasErrors(result: CheckResult): boolean {
  return result.counts.error > 0;
}
