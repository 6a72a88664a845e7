// Every settings rule: a template that trips it and one that does not.
import { describe, expect, it } from 'vitest';
import { RULES, readTemplate, runChecks, type Finding } from '../../src/settings/index.js';

type Res = Record<string, unknown>;
const queue = (props: Res = {}, extra: Res = {}): Res => ({ Type: 'AWS::SQS::Queue', Properties: props, ...extra });
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const fn = (timeout?: number): Res => ({ Type: 'AWS::Lambda::Function', Properties: { Runtime: 'nodejs20.x', Handler: 'i.h', ...(timeout !== undefined ? { Timeout: timeout } : {}) } });
const esm = (q: string, f: string): Res => ({ Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: arn(q), FunctionName: { Ref: f } } });
const tlsPolicy = (q: string): Res => ({
  Type: 'AWS::SQS::QueuePolicy',
  Properties: {
    Queues: [{ Ref: q }],
    PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: arn(q), Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
  },
});
const allow = (q: string, principal: unknown, action: string | string[], condition?: Res): Res => ({
  Type: 'AWS::SQS::QueuePolicy',
  Properties: { Queues: [{ Ref: q }], PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: principal, Action: action, Resource: arn(q), ...(condition ? { Condition: condition } : {}) }] } },
});
/** A source with a DLQ that passes every pairing rule. */
const pair = (source: Res = {}, dlq: Res = {}): Res => ({
  Dlq: queue({ MessageRetentionPeriod: 1209600, RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [arn('Src')] }, ...dlq }),
  Src: queue({ ReceiveMessageWaitTimeSeconds: 20, RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 5 }, ...source }),
});

function findings(resources: Res, options: Parameters<typeof runChecks>[1] = {}): Finding[] {
  return runChecks(readTemplate({ Resources: resources }), options).findings.filter((f) => !f.suppressed);
}
const ids = (fs: Finding[]) => fs.map((f) => f.ruleId);

interface Case {
  rule: string;
  trips: Res;
  passes: Res;
  options?: Parameters<typeof runChecks>[1];
}

const CASES: Case[] = [
  { rule: 'V1', trips: { ...pair({ VisibilityTimeout: 60 }), F: fn(30), M: esm('Src', 'F') }, passes: { ...pair({ VisibilityTimeout: 180 }), F: fn(30), M: esm('Src', 'F') } },
  { rule: 'V2', trips: { ...pair({ VisibilityTimeout: 36 }), F: fn(450), M: esm('Src', 'F') }, passes: { ...pair({ VisibilityTimeout: 450 }), F: fn(450), M: esm('Src', 'F') } },
  { rule: 'V5', trips: { Q: queue({ FifoQueue: true, VisibilityTimeout: 0 }) }, passes: { Q: queue({ FifoQueue: true, VisibilityTimeout: 30 }) } },
  { rule: 'V6', trips: { Q: queue({ VisibilityTimeout: 43201 }) }, passes: { Q: queue({ VisibilityTimeout: 43200 }) } },
  { rule: 'R1', trips: pair({ MessageRetentionPeriod: 345600 }, { MessageRetentionPeriod: 345600 }), passes: pair({ MessageRetentionPeriod: 345600 }, { MessageRetentionPeriod: 1209600 }) },
  {
    rule: 'R1-FIFO',
    trips: pair({ FifoQueue: true, MessageRetentionPeriod: 345600 }, { FifoQueue: true, MessageRetentionPeriod: 86400 }),
    passes: pair({ FifoQueue: true, MessageRetentionPeriod: 345600 }, { FifoQueue: true, MessageRetentionPeriod: 345600 }),
  },
  { rule: 'R2', trips: { Q: queue({ MessageRetentionPeriod: 59 }) }, passes: { Q: queue({ MessageRetentionPeriod: 60 }) } },
  { rule: 'R4', trips: pair({ MessageRetentionPeriod: 3600 }), passes: pair({ MessageRetentionPeriod: 345600 }), options: { outageBudgetSeconds: 86400 } },
  { rule: 'D1', trips: { Q: queue() }, passes: pair() },
  { rule: 'D2', trips: pair({ FifoQueue: true }, {}), passes: pair({ FifoQueue: true }, { FifoQueue: true }) },
  { rule: 'D3', trips: pair({ RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 1 } }), passes: pair({ RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 2 } }) },
  {
    rule: 'D4',
    trips: { ...pair({ VisibilityTimeout: 180, RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 3 } }), F: fn(30), M: esm('Src', 'F') },
    passes: { ...pair({ VisibilityTimeout: 180, RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 5 } }), F: fn(30), M: esm('Src', 'F') },
  },
  { rule: 'D5', trips: pair({ RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 1001 } }), passes: pair({ RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 1000 } }) },
  { rule: 'D6', trips: pair({}, { RedriveAllowPolicy: undefined }), passes: pair() },
  { rule: 'D7', trips: pair({ FifoQueue: true }, { FifoQueue: true }), passes: pair() },
  { rule: 'D8', trips: { Src: queue({ RedrivePolicy: { deadLetterTargetArn: arn('Nowhere'), maxReceiveCount: 5 } }) }, passes: pair() },
  {
    rule: 'D10',
    trips: pair(),
    passes: {
      ...pair(),
      A: { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['Dlq', 'QueueName'] } }] } },
    },
  },
  { rule: 'P1', trips: pair({ ReceiveMessageWaitTimeSeconds: 0 }), passes: pair({ ReceiveMessageWaitTimeSeconds: 20 }) },
  { rule: 'P4', trips: { Q: queue({ ReceiveMessageWaitTimeSeconds: 21 }) }, passes: { Q: queue({ ReceiveMessageWaitTimeSeconds: 20 }) } },
  { rule: 'E1', trips: { Q: queue({ SqsManagedSseEnabled: false }) }, passes: { Q: queue({ KmsMasterKeyId: 'alias/aws/sqs' }) } },
  { rule: 'E2', trips: { Q: queue({ KmsMasterKeyId: 'alias/k', KmsDataKeyReusePeriodSeconds: 59 }) }, passes: { Q: queue({ KmsMasterKeyId: 'alias/k', KmsDataKeyReusePeriodSeconds: 300 }) } },
  { rule: 'E4', trips: { Q: queue() }, passes: { Q: queue(), P: tlsPolicy('Q') } },
  { rule: 'E5', trips: { Q: queue(), P: allow('Q', '*', 'sqs:SendMessage') }, passes: { Q: queue(), P: allow('Q', '*', 'sqs:SendMessage', { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:t' } }) } },
  { rule: 'E6', trips: { Q: queue(), P: allow('Q', { AWS: 'arn:aws:iam::111122223333:root' }, 'SQS:*') }, passes: { Q: queue(), P: allow('Q', { AWS: 'arn:aws:iam::111122223333:root' }, ['sqs:SendMessage']) } },
  { rule: 'A1', trips: { Q: queue({ DelaySeconds: 901 }) }, passes: { Q: queue({ DelaySeconds: 900 }) } },
];

describe('settings rules', () => {
  it('every rule of the catalogue has a case, and ids are unique', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(CASES.map((c) => c.rule).sort()).toEqual(RULES.map((r) => r.id).sort());
    for (const r of RULES) {
      expect(r.explanation.length).toBeGreaterThan(40);
      expect(r.source).toMatch(/settings-rules\.md|sqs-semantics\.md/);
    }
  });

  for (const c of CASES) {
    it(`${c.rule}: trips on the bad template, silent on the good one`, () => {
      const bad = findings(c.trips, c.options);
      expect(ids(bad), JSON.stringify(bad.map((f) => f.message))).toContain(c.rule);
      const good = findings(c.passes, c.options);
      expect(ids(good), JSON.stringify(good.map((f) => `${f.ruleId}: ${f.message}`))).not.toContain(c.rule);
    });
  }

  it('V1 and V2 quote the values, V2 in the words CloudFormation uses', () => {
    const v2 = findings({ ...pair({ VisibilityTimeout: 36 }), F: fn(450), M: esm('Src', 'F') }).find((f) => f.ruleId === 'V2');
    expect(v2?.message).toContain('Queue visibility timeout: 36 seconds is less than Function timeout: 450 seconds');
    expect(v2?.severity).toBe('error');
    // Unset VisibilityTimeout is 30 and an unset function Timeout is 3: 30 ≥ 18, no V1.
    expect(ids(findings({ ...pair(), F: fn(), M: esm('Src', 'F') }))).not.toContain('V1');
    expect(ids(findings({ ...pair(), F: fn(6), M: esm('Src', 'F') }))).toContain('V1');
  });

  it('one problem, one finding: an out-of-range maxReceiveCount is D5 only, not A1 as well', () => {
    for (const n of [0, 1001]) {
      const fs = findings(pair({ RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: n } }));
      expect(ids(fs)).toContain('D5');
      expect(ids(fs)).not.toContain('A1');
    }
    // A1 still reports other rejected attributes of the same queue.
    expect(ids(findings(pair({ DelaySeconds: 901, RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 1001 } })))).toEqual(expect.arrayContaining(['A1', 'D5']));
  });

  it('D6 is an error when the allow policy leaves out an actual source', () => {
    const f = findings(pair({}, { RedriveAllowPolicy: { redrivePermission: 'denyAll' } })).find((x) => x.ruleId === 'D6');
    expect(f?.severity).toBe('error');
  });

  it('range rules quote the AWS error from src/spec validation', () => {
    const f = findings({ Q: queue({ VisibilityTimeout: 43201 }) }).find((x) => x.ruleId === 'V6');
    expect(f?.message).toContain('InvalidAttributeValue');
    expect(f?.message).toContain('Invalid value for the parameter VisibilityTimeout.');
  });

  it('intrinsics it cannot evaluate keep the rules quiet', () => {
    const fs = findings({ ...pair({ VisibilityTimeout: { Ref: 'Param' } }), F: fn(30), M: esm('Src', 'F') });
    expect(ids(fs)).not.toContain('V1');
    expect(ids(fs)).not.toContain('V6');
  });

  it('suppressions: metadata (ours and cdk-nag external ids) and command line, each with a reason', () => {
    const meta = { Metadata: { 'sqs-conformance': { suppressions: [{ id: 'P1', reason: 'consumers pass WaitTimeSeconds' }] }, cdk_nag: { rules_to_suppress: [{ id: 'AwsSolutions-SQS3', reason: 'a DLQ is not wanted here' }] } } };
    const r = runChecks(readTemplate({ Resources: { Q: queue({}, meta) } }), { suppressions: [{ id: 'E4', reason: 'private VPC endpoint only', origin: 'cli', resource: 'Q' }] });
    const byId = new Map(r.findings.map((f) => [f.ruleId, f]));
    expect(byId.get('P1')?.suppressed?.reason).toBe('consumers pass WaitTimeSeconds');
    expect(byId.get('D1')?.suppressed?.by).toBe('AwsSolutions-SQS3');
    expect(byId.get('E4')?.suppressed?.origin).toBe('cli');
    expect(r.counts).toEqual({ error: 0, warning: 0, info: 0 });
    expect(r.suppressedCount).toBe(3);
  });
});
