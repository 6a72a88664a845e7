// check-settings end to end: templates, cdk.out-like directories and live queues on the reference
// server; text, JSON and SARIF; suppressions; exit codes.
import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { readLiveQueues, runChecks } from '../../src/settings/index.js';
import { createJsonPort } from '../../src/target/index.js';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'sqsc-settings-'));
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const BAD = {
  Resources: {
    Dlq: { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 345600 } },
    Orders: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 36, RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 1 } } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 450 } },
    Esm: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: arn('Orders'), FunctionName: { Ref: 'Fn' } } },
  },
};
const GOOD = {
  Resources: {
    Dlq: { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: 1209600, RedriveAllowPolicy: { redrivePermission: 'byQueue', sourceQueueArns: [arn('Orders')] } } },
    Orders: { Type: 'AWS::SQS::Queue', Properties: { VisibilityTimeout: 180, RedrivePolicy: { deadLetterTargetArn: arn('Dlq'), maxReceiveCount: 5 } } },
    Fn: { Type: 'AWS::Lambda::Function', Properties: { Timeout: 30 } },
    Esm: { Type: 'AWS::Lambda::EventSourceMapping', Properties: { EventSourceArn: arn('Orders'), FunctionName: { Ref: 'Fn' } } },
    Alarm: { Type: 'AWS::CloudWatch::Alarm', Properties: { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': ['Dlq', 'QueueName'] } }] } },
    Tls: {
      Type: 'AWS::SQS::QueuePolicy',
      Properties: {
        Queues: [{ Ref: 'Orders' }, { Ref: 'Dlq' }],
        PolicyDocument: { Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sqs:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
      },
    },
  },
};
writeFileSync(join(dir, 'bad.json'), JSON.stringify(BAD, null, 2));
writeFileSync(join(dir, 'good.json'), JSON.stringify(GOOD, null, 2));
writeFileSync(join(dir, 'template.yaml'), 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n');
mkdirSync(join(dir, 'cdk.out'));
writeFileSync(join(dir, 'cdk.out', 'manifest.json'), JSON.stringify({ version: '40.0.0', artifacts: { App: { type: 'aws:cloudformation:stack', properties: { templateFile: 'App.template.json' } } } }));
writeFileSync(join(dir, 'cdk.out', 'App.template.json'), JSON.stringify(BAD, null, 1));

describe('check-settings on files', () => {
  it('a template with errors: text output, exit 1', async () => {
    const r = await cli(['check-settings', 'bad.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('error      V2      Orders');
    expect(r.stdout).toContain('Queue visibility timeout: 36 seconds is less than Function timeout: 450 seconds');
    expect(r.stdout).toMatch(/warning\s+D3\s+Orders/);
    expect(r.stdout).toMatch(/warning\s+R1\s+Orders/);
    expect(r.stdout).toContain('in: bad.json:');
  });

  it('a clean template: exit 0', async () => {
    const r = await cli(['check-settings', 'good.json'], dir);
    expect(r.stdout).toContain('0 errors, 0 warnings');
    expect(r.code).toBe(0);
  });

  it('a cdk.out directory, JSON output', async () => {
    const r = await cli(['check-settings', 'cdk.out', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.source.kind).toBe('cdk-out');
    expect(j.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('V2');
    expect(j.findings[0].location.stack).toBe('App');
  });

  it('SARIF 2.1.0 with rules, levels, locations and suppressions', async () => {
    const r = await cli(['check-settings', 'bad.json', '--format', 'sarif', '--suppress', 'V2@Orders:the function timeout is being lowered in the same change'], dir);
    const s = JSON.parse(r.stdout);
    expect(s.version).toBe('2.1.0');
    const run = s.runs[0];
    expect(run.tool.driver.name).toBe('sqs-conformance');
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('V1');
    const v2 = run.results.find((x: { ruleId: string }) => x.ruleId === 'V2');
    expect(v2.level).toBe('error');
    expect(v2.suppressions[0]).toEqual({ kind: 'external', justification: 'the function timeout is being lowered in the same change' });
    expect(v2.locations[0].physicalLocation.artifactLocation.uri).toBe('bad.json');
    expect(v2.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(run.results.find((x: { ruleId: string }) => x.ruleId === 'D3').level).toBe('warning');
    // The only error is suppressed: exit 0.
    expect(r.code).toBe(0);
  });

  it('--fail-on warning, --out', async () => {
    const r = await cli(['check-settings', 'good.json', 'bad.json', '--fail-on', 'warning', '--out', 'out/report.sarif', '--format', 'sarif'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out', 'report.sarif'), 'utf8')).runs[0].results.length).toBeGreaterThan(0);
  });

  it('bad input: one line, exit 2', async () => {
    for (const argv of [
      ['check-settings'],
      ['check-settings', 'missing.json'],
      ['check-settings', 'template.yaml'],
      ['check-settings', 'bad.json', '--format', 'xml'],
      ['check-settings', 'bad.json', '--suppress', 'P1'],
      ['check-settings', 'bad.json', '--suppress', 'Z9:no such rule'],
      ['check-settings', 'bad.json', '--queue-url', 'http://127.0.0.1:1/q'],
      ['check-settings', '--queue-url', 'not a url'],
    ]) {
      const r = await cli(argv, dir);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), argv.join(' ')).toHaveLength(1);
      expect(r.stderr).toMatch(/^sqs-conformance: error: /);
    }
  });
});

describe('check-settings on live queues (reference server)', () => {
  let server: ReferenceServer;
  const urls: Record<string, string> = {};
  beforeAll(async () => {
    server = await startReferenceServer();
    const port = createJsonPort({ endpoint: server.url, region: 'us-east-1' });
    const create = async (name: string, attrs: Record<string, string>) => {
      const r = await port.call('CreateQueue', { QueueName: name, Attributes: attrs });
      if (r.type !== 'ok') throw new Error(JSON.stringify(r.value));
      urls[name] = r.value['QueueUrl'] as string;
    };
    await create('live-dlq', { MessageRetentionPeriod: '60' });
    await create('live-orders', {
      VisibilityTimeout: '20',
      MessageRetentionPeriod: '345600',
      SqsManagedSseEnabled: 'false',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:live-dlq', maxReceiveCount: 1 }),
    });
    await create('live-good', { ReceiveMessageWaitTimeSeconds: '20', RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:live-dlq', maxReceiveCount: 5 }) });
    port.close();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('reads the queue, follows its DLQ, and applies the rules', async () => {
    const port = createJsonPort({ endpoint: server.url, region: 'us-east-1' });
    const model = await readLiveQueues(port, [urls['live-orders']!], { lambdaTimeoutSeconds: 10 });
    port.close();
    const r = runChecks(model);
    const ids = r.findings.map((f) => f.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['V1', 'R1', 'D3', 'E1', 'E4', 'D6']));
    expect(ids).not.toContain('D1');
    expect(ids).not.toContain('P1'); // Lambda pollers long-poll by themselves
    // The DLQ was read for context only: its own findings are reported only when they involve the queue asked for.
    expect(r.findings.every((f) => f.resource === urls['live-orders'] || f.related.includes(urls['live-orders']!))).toBe(true);
  });

  it('CLI: --queue-url with the endpoint taken from the URL; JSON; exit codes', async () => {
    const good = await cli(['check-settings', '--queue-url', urls['live-good']!, '--suppress', 'E4:reference server has no policies', '--suppress', 'D6:fine here']);
    expect(good.stderr).toBe('');
    const gj = await cli(['check-settings', '--queue-url', urls['live-good']!, '--format', 'json']);
    const findings = JSON.parse(gj.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
    expect(findings).not.toContain('P1');
    expect(good.code).toBe(0);
    const bad = await cli(['check-settings', '--queue-url', urls['live-orders']!, '--lambda-timeout', '30']);
    expect(bad.code).toBe(1); // V2: 30 s function, 20 s visibility
    expect(bad.stdout).toContain('V2');
    const none = await cli(['check-settings', '--queue-url', `${server.url}/000000000000/nope`]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/cannot read queue .*nope/);
  });

  it('CLI: --stack-outputs checks every queue of a deployment', async () => {
    const outputs = { MyStack: { SqscDlqSource0Url: urls['live-orders'], SqscDlqTarget0Url: urls['live-dlq'], Unrelated: 'x' } };
    writeFileSync(join(dir, 'outputs.json'), JSON.stringify(outputs));
    const r = await cli(['check-settings', '--stack-outputs', 'outputs.json', '--format', 'json'], dir);
    const j = JSON.parse(r.stdout);
    expect(j.queues.filter((q: { contextOnly?: boolean }) => !q.contextOnly)).toHaveLength(2);
    expect(r.code).toBe(0); // warnings only
  });
});
