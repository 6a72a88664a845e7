// The CDK construct and the settings Aspect, on synthesized templates (aws-cdk-lib/assertions).
import { App, AspectPriority, Aspects, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { Function as LambdaFunction, Code, Runtime } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { CfnQueue, Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { ConformanceQueues, TEST_QUEUE_TAG } from '../../cdk/lib/conformance-queues.js';
import { SettingsChecks, suppressSettingsRule } from '../../cdk/lib/settings-aspect.js';
import { parseStackOutputs } from '../../src/runner/stack-outputs.js';
import { readTemplate, runChecks } from '../../src/settings/index.js';

function stackWith(build: (s: Stack) => void, aspect = new SettingsChecks()): { stack: Stack; template: Template; aspect: SettingsChecks } {
  const app = new App();
  const stack = new Stack(app, 'TestStack');
  build(stack);
  Aspects.of(app).add(aspect, { priority: AspectPriority.READONLY });
  return { stack, template: Template.fromStack(stack), aspect };
}

describe('ConformanceQueues', () => {
  const { stack, template } = stackWith((s) => new ConformanceQueues(s, 'Queues', { prefix: 'ci', standardQueues: 2, fifoQueues: 1, dlqPairs: 1, fifoDlqPairs: 1, pairSettings: { visibilityTimeout: 45, maxReceiveCount: 4 } }));

  it('provisions the pool, FIFO queues and DLQ pairs with generated names and the test-queue tag', () => {
    template.resourceCountIs('AWS::SQS::Queue', 2 + 1 + 2 + 2);
    const queues = template.findResources('AWS::SQS::Queue');
    for (const q of Object.values(queues)) {
      expect(q.DeletionPolicy).toBe('Delete');
      expect(q.UpdateReplacePolicy).toBe('Delete');
      expect(q.Properties.QueueName).toMatch(/^ci-[0-9a-f]{8}-(std|fifo|src|dlq|fsrc|fdlq)-\d(\.fifo)?$/);
      expect(q.Properties.Tags).toEqual(expect.arrayContaining([{ Key: TEST_QUEUE_TAG, Value: 'true' }]));
    }
    template.hasResourceProperties('AWS::SQS::Queue', { FifoQueue: true, QueueName: Match.stringLikeRegexp('-fifo-0\\.fifo$') });
  });

  it('pairs: source settings from props, RedrivePolicy to the DLQ, DLQ with byQueue allow policy and 14-day retention', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: Match.stringLikeRegexp('-src-0$'),
      VisibilityTimeout: 45,
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('DlqTarget0'), 'Arn'] }, maxReceiveCount: 4 },
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: Match.stringLikeRegexp('-dlq-0$'),
      MessageRetentionPeriod: 1209600,
      RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [Match.anyValue()] },
    });
  });

  it('enforces TLS with a queue policy on every queue', () => {
    template.resourceCountIs('AWS::SQS::QueuePolicy', 7);
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });

  it('outputs URL and ARN per role, in the keys --stack-outputs reads', () => {
    const outputs = template.findOutputs('*');
    expect(Object.keys(outputs).sort()).toEqual(
      ['SqscStandard0Url', 'SqscStandard0Arn', 'SqscStandard1Url', 'SqscStandard1Arn', 'SqscFifo0Url', 'SqscFifo0Arn', 'SqscDlqSource0Url', 'SqscDlqSource0Arn', 'SqscDlqTarget0Url', 'SqscDlqTarget0Arn', 'SqscFifoDlqSource0Url', 'SqscFifoDlqSource0Arn', 'SqscFifoDlqTarget0Url', 'SqscFifoDlqTarget0Arn'].sort(),
    );
    // What `cdk deploy --outputs-file` would write, with values in place of the tokens.
    const file = { TestStack: Object.fromEntries(Object.keys(outputs).map((k) => [k, k.endsWith('Url') ? `http://127.0.0.1:4566/000000000000/${k}` : `arn:aws:sqs:us-east-1:000000000000:${k}`])) };
    const provided = parseStackOutputs(file);
    expect(provided.queues.filter((q) => q.role === 'standard').map((q) => q.index)).toEqual([0, 1]);
    expect(provided.queues.find((q) => q.role === 'fifo-dlq-target')?.arn).toContain('SqscFifoDlqTarget0Arn');
  });

  it('passes its own settings checks (suppressions carry reasons)', () => {
    const model = readTemplate(template.toJSON());
    const r = runChecks(model);
    expect(r.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId} ${f.resource}: ${f.message}`)).toEqual([]);
    expect(r.findings.every((f) => (f.suppressed?.reason.length ?? 0) > 10)).toBe(true);
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  });

  it('rejects bad props', () => {
    expect(() => stackWith((s) => new ConformanceQueues(s, 'Q', { prefix: 'no spaces' }))).toThrow(/prefix/);
    expect(() => stackWith((s) => new ConformanceQueues(s, 'Q', { standardQueues: -1 }))).toThrow(/standardQueues/);
  });
});

describe('SettingsChecks Aspect', () => {
  const risky = (s: Stack) => {
    const dlq = new Queue(s, 'Dlq', { retentionPeriod: Duration.days(4) });
    const orders = new Queue(s, 'Orders', { visibilityTimeout: Duration.seconds(60), deadLetterQueue: { queue: dlq, maxReceiveCount: 1 } });
    const fn = new LambdaFunction(s, 'Worker', { runtime: Runtime.NODEJS_20_X, handler: 'index.handler', code: Code.fromInline('exports.handler=async()=>{}'), timeout: Duration.seconds(30) });
    fn.addEventSource(new SqsEventSource(orders));
    return { dlq, orders, fn };
  };

  it('adds warnings and errors at synth time on the offending queue', () => {
    const { stack } = stackWith((s) => {
      risky(s);
      new CfnQueue(s, 'Broken', { visibilityTimeout: 50_000 }); // the L2 would refuse it; an L1 or an escape hatch does not
    });
    const a = Annotations.fromStack(stack);
    const warnings = a.findWarning('*', Match.stringLikeRegexp('sqs-conformance'));
    const text = warnings.map((w) => `${w.id} ${String(w.entry.data)}`).join('\n');
    expect(text).toMatch(/\/TestStack\/Orders .*\[sqs-conformance V1\] VisibilityTimeout 60 s is less than 6 × the timeout/);
    expect(text).toMatch(/\/TestStack\/Orders .*\[sqs-conformance D3\]/);
    expect(text).toMatch(/\/TestStack\/Orders .*\[sqs-conformance R1\]/);
    const errors = a.findError('*', Match.stringLikeRegexp('sqs-conformance'));
    expect(errors.map((e) => `${e.id} ${String(e.entry.data)}`).join('\n')).toMatch(/\/TestStack\/Broken .*\[sqs-conformance V6\] VisibilityTimeout=50000/);
  });

  it('V2 (function timeout above visibility) is an error, like the deploy failure it predicts', () => {
    const { stack } = stackWith((s) => {
      const q = new Queue(s, 'Slow', { visibilityTimeout: Duration.seconds(36) });
      const fn = new LambdaFunction(s, 'Worker', { runtime: Runtime.NODEJS_20_X, handler: 'index.handler', code: Code.fromInline('x'), timeout: Duration.seconds(450) });
      fn.addEventSource(new SqsEventSource(q));
    });
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('V2'));
    expect(errors).toHaveLength(1);
    expect(String(errors[0]!.entry.data)).toContain('Queue visibility timeout: 36 seconds is less than Function timeout: 450 seconds');
  });

  it('honours suppressions: on the construct (metadata) and in the Aspect props', () => {
    const aspect = new SettingsChecks({ suppressions: [{ id: 'E4', reason: 'only reachable through a VPC endpoint policy' }] });
    const { stack, template } = stackWith((s) => {
      const { orders } = risky(s);
      suppressSettingsRule(orders, 'D3', 'poison messages must leave at once; the DLQ is watched');
    }, aspect);
    const texts = Annotations.fromStack(stack).findWarning('*', Match.anyValue()).map((w) => String(w.entry.data));
    expect(texts.some((t) => t.includes('[sqs-conformance D3]'))).toBe(false);
    expect(texts.some((t) => t.includes('[sqs-conformance V1]'))).toBe(true);
    expect(aspect.findings.find((f) => f.ruleId === 'D3')?.suppressed?.origin).toBe('metadata');
    expect(aspect.findings.filter((f) => f.ruleId === 'E4').every((f) => f.suppressed?.origin === 'aspect')).toBe(true);
    // The suppression is in the template, so check-settings on cdk.out honours it too.
    template.hasResource('AWS::SQS::Queue', { Metadata: { 'sqs-conformance': { suppressions: [{ id: 'D3', reason: Match.anyValue() }] } } });
    expect(() => suppressSettingsRule(new Queue(new Stack(new App(), 'X'), 'Q'), 'P1', ' ')).toThrow(/reason/);
  });
});
