import { describeRef, label, sourcesOf } from '../model.js';
import type { Issue, Rule } from '../types.js';

export const D6: Rule = {
  id: 'D6',
  name: 'redrive-allow-policy',
  title: 'DLQ restricts who may use it (RedriveAllowPolicy byQueue)',
  severity: 'warning',
  explanation:
    'By default any queue of the account may name a queue as its DLQ (allowAll). A DLQ should carry a RedriveAllowPolicy with redrivePermission byQueue listing its actual sources (at most 10), so that unrelated queues cannot fill it; a queue that must never be a DLQ can use denyAll. A policy that leaves out an actual source makes SQS reject that source’s RedrivePolicy.',
  source: 'settings-rules.md §3 D6; Smithy model (RedriveAllowPolicy); awsdocs sqs-dead-letter-queues.md',
  external: [],
  check(q, { model }) {
    const sources = sourcesOf(model, q);
    if (sources.length === 0 && (q.knownDeadLetterFor ?? 0) === 0) return [];
    const allow = q.redriveAllow;
    const issues: Issue[] = [];
    if (!allow || allow.permission === undefined || allow.permission === 'allowAll') {
      if (allow && allow.permission === undefined) return []; // unresolved: say nothing
      issues.push({
        message: `DLQ with ${allow ? 'RedriveAllowPolicy allowAll' : 'no RedriveAllowPolicy (allowAll)'}: any queue of the account may send its failures here; use byQueue with ${sources.length > 0 ? sources.map(label).join(', ') : 'its sources'}.`,
        related: sources.map((s) => s.id),
      });
      return issues;
    }
    const listed = new Set(allow.sources.map((r) => ('id' in r ? r.id : r.external)));
    for (const s of sources) {
      const allowed = allow.permission === 'byQueue' && (listed.has(s.id) || (s.arn !== undefined && listed.has(s.arn)));
      if (!allowed) {
        issues.push({
          severity: 'error',
          message: `RedriveAllowPolicy ${allow.permission}${allow.permission === 'byQueue' ? ` [${allow.sources.map((r) => describeRef(model, r)).join(', ')}]` : ''} does not let source ${label(s)} use this DLQ: SQS rejects its RedrivePolicy.`,
          related: [s.id],
        });
      }
    }
    return issues;
  },
};
