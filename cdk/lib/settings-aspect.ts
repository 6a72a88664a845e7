// The settings rules of src/settings as a CDK Aspect: at synth time it renders each stack's
// resources the way the template will show them, reads them with the same template reader the
// `check-settings` command uses, runs the same rules, and turns each finding into an annotation on
// the offending queue — an error (synth fails), a warning, or info. Suppressions, like cdk-nag's:
// `suppressSettingsRule(queue, 'P1', 'reason')` writes resource metadata that both the Aspect and
// `check-settings cdk.out` honour; cdk-nag suppressions of the same external id count too.
import { Annotations, CfnResource, Stack, type IAspect } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { runChecks } from '../../src/settings/check.js';
import { readTemplate } from '../../src/settings/template.js';
import type { Finding, Suppression } from '../../src/settings/types.js';

export interface SettingsChecksProps {
  /** Suppressions for the whole app: `{ id: 'P1', reason: '…' }`, optionally for one `resource` (logical id or construct path). */
  suppressions?: Array<{ id: string; reason: string; resource?: string }>;
  /** R4: the longest consumer outage the queues must survive (seconds). */
  outageBudgetSeconds?: number;
  /** Report suppressed findings as info annotations (default false). */
  showSuppressed?: boolean;
}

/** Metadata key read by the template reader (src/settings/template.ts). */
export const SUPPRESSION_METADATA = 'sqs-conformance';

function cfnOf(construct: IConstruct): CfnResource | undefined {
  if (construct instanceof CfnResource) return construct;
  const child = construct.node.defaultChild;
  return child instanceof CfnResource ? child : undefined;
}

/** Suppresses a settings rule on a queue (or its CfnQueue), with the reason, as cdk-nag does. */
export function suppressSettingsRule(construct: IConstruct, id: string, reason: string): void {
  if (reason.trim() === '') throw new Error(`suppressSettingsRule: a reason is required to suppress ${id}`);
  const cfn = cfnOf(construct);
  if (!cfn) throw new Error(`suppressSettingsRule: ${construct.node.path} has no CloudFormation resource`);
  const current = cfn.getMetadata(SUPPRESSION_METADATA) as { suppressions?: Array<{ id: string; reason: string }> } | undefined;
  const suppressions = [...(current?.suppressions ?? []).filter((s) => s.id !== id), { id, reason }];
  cfn.addMetadata(SUPPRESSION_METADATA, { suppressions });
}

export class SettingsChecks implements IAspect {
  /** Findings of the last visit, for tests and tools. */
  readonly findings: Finding[] = [];

  constructor(private readonly props: SettingsChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!Stack.isStack(node)) return;
    const stack = node;
    const resources: Record<string, unknown> = {};
    const byLogicalId = new Map<string, CfnResource>();
    for (const c of stack.node.findAll()) {
      if (!(c instanceof CfnResource) || Stack.of(c) !== stack) continue;
      // The resource as the template will show it: `_toCloudFormation` is what synthesis itself calls.
      const rendered = stack.resolve((c as unknown as { _toCloudFormation(): { Resources?: Record<string, unknown> } })._toCloudFormation()) as { Resources?: Record<string, unknown> };
      for (const [logicalId, body] of Object.entries(rendered.Resources ?? {})) {
        resources[logicalId] = body;
        byLogicalId.set(logicalId, c);
      }
    }
    const model = readTemplate({ Resources: resources }, { stack: stack.stackName });
    model.source = { kind: 'cdk-aspect', path: stack.node.path };
    const suppressions: Suppression[] = (this.props.suppressions ?? []).map((s) => ({ ...s, origin: 'aspect' as const }));
    const result = runChecks(model, { suppressions, ...(this.props.outageBudgetSeconds !== undefined ? { outageBudgetSeconds: this.props.outageBudgetSeconds } : {}) });
    for (const f of result.findings) {
      this.findings.push(f);
      const target = (f.location.logicalId && byLogicalId.get(f.location.logicalId)) || stack;
      const owner = target instanceof CfnResource && target.node.scope && cfnOf(target.node.scope as IConstruct) === target ? (target.node.scope as IConstruct) : target;
      const text = `[sqs-conformance ${f.ruleId}] ${f.message}${f.external.length ? ` (also ${f.external.join(', ')})` : ''}`;
      const annotations = Annotations.of(owner);
      if (f.suppressed) {
        if (this.props.showSuppressed) annotations.addInfo(`${text} — suppressed: ${f.suppressed.reason}`);
        continue;
      }
      if (f.severity === 'error') annotations.addError(text);
      else if (f.severity === 'warning') annotations.addWarningV2(`sqs-conformance:${f.ruleId}`, text);
      else annotations.addInfo(text);
    }
  }
}
