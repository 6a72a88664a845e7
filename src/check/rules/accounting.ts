// Accounting: every received message was sent in this run, unchanged, under the MessageId its send
// returned, and appears at most once per response (sqs-semantics.md sections 2, 5.1, 8;
// aws-recorded-facts.md A1 item 3). PURE.
import { callRef, text } from '../refs.js';
import type { CallRuleContext, CheckRule, Finding } from '../types.js';

export const ACCOUNTING_IDS = ['message.unexpected', 'message.body-changed', 'message.id-changed', 'message.duplicated'] as const;

function check(ctx: CallRuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const f of ctx.prep.identity) {
    const queue = f.call.invoke.queue;
    const call = callRef(f.call);
    switch (f.kind) {
      case 'unexpected':
        findings.push({ id: 'message.unexpected', calls: [f.call], queue, messageId: f.messageId, bindings: { call, messageId: f.messageId, body: text(f.body) } });
        break;
      case 'body-changed':
        findings.push({
          id: 'message.body-changed', calls: [f.message.send, f.call], queue, ...(f.message.messageId ? { messageId: f.message.messageId } : {}),
          bindings: { call, message: f.message.name, send: callRef(f.message.send, f.message.sendEntry), sentBody: text(f.message.body), body: text(f.body) },
        });
        break;
      case 'id-changed':
        findings.push({
          id: 'message.id-changed', calls: [f.message.send, f.call], queue, messageId: f.messageId,
          bindings: { call, message: f.message.name, send: callRef(f.message.send, f.message.sendEntry), sentId: f.message.messageId ?? '?', messageId: f.messageId },
        });
        break;
      case 'duplicate-in-response':
        findings.push({ id: 'message.duplicated', calls: [f.call], queue, messageId: f.messageId, bindings: { call, messageId: f.messageId } });
        break;
    }
  }
  return findings;
}

export const accountingRule: CheckRule = { name: 'accounting', ids: ACCOUNTING_IDS, calls: check };
