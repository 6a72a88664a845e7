// `run --stack-outputs`: the runner uses provided queues (tagged test queues) one scenario at a time
// instead of creating queues, never deletes them, empties them between scenarios and gives them
// back their attributes; an untagged queue is refused.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStackOutputs, readStackOutputs, StackOutputsError } from '../../src/runner/stack-outputs.js';
import { runSuites } from '../../src/runner/index.js';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { createPort, loadProfile, type RunningTarget, type SqsPort } from '../../src/target/index.js';
import { cli } from '../settings/helpers.js';
import { SUITES } from '../../conformance/suites/index.js';

let server: ReferenceServer;
let admin: SqsPort;
const dir = mkdtempSync(join(tmpdir(), 'sqsc-outputs-'));

function target(): RunningTarget {
  const profile = loadProfile('reference');
  return { profile, endpoint: server.url, client: () => createPort(profile, server.url), stop: async () => {} };
}

async function createQueue(name: string, tags: Record<string, string>, attrs: Record<string, string> = {}): Promise<string> {
  const r = await admin.call('CreateQueue', { QueueName: name, tags, Attributes: attrs });
  if (r.type !== 'ok') throw new Error(JSON.stringify(r.value));
  return r.value['QueueUrl'] as string;
}

async function listQueues(): Promise<string[]> {
  const r = await admin.call('ListQueues', {});
  return r.type === 'ok' ? ((r.value['QueueUrls'] as string[] | undefined) ?? []) : [];
}

beforeAll(async () => {
  server = await startReferenceServer();
  admin = createPort(loadProfile('reference'), server.url);
});
afterAll(async () => {
  admin?.close();
  await server?.stop();
});

describe('stack outputs', () => {
  it('parses what cdk deploy --outputs-file writes', () => {
    const p = parseStackOutputs({
      StackA: { SqscStandard0Url: 'http://h:1/0/a', SqscStandard0Arn: 'arn:aws:sqs:r:0:a', SqscFifoDlqSource0Url: 'http://h:1/0/b.fifo', Other: 'x' },
      StackB: { TeamSqscStandard1Url: 'http://h:1/0/c' },
    });
    expect(p.queues.map((q) => [q.stack, q.role, q.index, q.arn ?? null])).toEqual([
      ['StackA', 'fifo-dlq-source', 0, null],
      ['StackA', 'standard', 0, 'arn:aws:sqs:r:0:a'],
      ['StackB', 'standard', 1, null],
    ]);
    expect(() => parseStackOutputs({ S: { Nothing: 'x' } })).toThrow(StackOutputsError);
    expect(() => parseStackOutputs([])).toThrow(/outputs-file/);
    expect(() => parseStackOutputs({ S: { SqscStandard0Url: 'not a url' } })).toThrow(/not a queue URL/);
    expect(() => readStackOutputs(join(dir, 'missing.json'))).toThrow(/cannot read/);
  });

  it('runs the suite on provided queues, one scenario at a time, and leaves them as they were', async () => {
    const a = await createQueue('provided-a', { 'sqs-conformance:test-queue': 'true' });
    const b = await createQueue('provided-b', { 'sqs-conformance:test-queue': 'true' }, { VisibilityTimeout: '45' });
    // A message left over from an earlier use: the pool empties the queue before the run.
    await admin.call('SendMessage', { QueueUrl: a, MessageBody: 'stale' });
    const before = await listQueues();
    const messages: string[] = [];
    const report = await runSuites({
      target: target(),
      providedQueues: { file: 'outputs.json', queues: [{ role: 'standard', index: 0, url: a, stack: 'S', key: 'SqscStandard0Url' }, { role: 'standard', index: 1, url: b, stack: 'S', key: 'SqscStandard1Url' }] },
      suites: SUITES, only: ['lifecycle'],
      properties: ['visibility', 'delay', 'validation'],
      runs: 2,
      seed: 42,
      concurrency: 8,
      strictness: 'typical',
      coverage: false,
      onProgress: (e) => {
        if (e.kind === 'message') messages.push(e.text);
      },
    });
    expect(report.divergences.map((d) => `${d.property} ${d.id}: ${d.summary}`)).toEqual([]);
    expect(report.verdict).toBe('conformant');
    expect(report.properties).toHaveLength(6);
    // The provided queues are still there; queues the validation probes created were deleted.
    expect((await listQueues()).sort()).toEqual(before.sort());
    // Attributes given back, queues empty.
    const attrs = async (url: string) => {
      const r = await admin.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] });
      return r.type === 'ok' ? (r.value['Attributes'] as Record<string, string>) : {};
    };
    const aa = await attrs(a);
    const bb = await attrs(b);
    expect(bb['VisibilityTimeout']).toBe('45');
    expect(aa['VisibilityTimeout']).toBe('30');
    for (const x of [aa, bb]) expect(Number(x['ApproximateNumberOfMessages']) + Number(x['ApproximateNumberOfMessagesNotVisible'])).toBe(0);
    expect(messages.some((m) => m.includes('purged') && m.includes('provided-a'))).toBe(true);
  }, 120_000);

  it('refuses a queue without the test-queue tag (and touches nothing)', async () => {
    const precious = await createQueue('precious', { team: 'payments' });
    await admin.call('SendMessage', { QueueUrl: precious, MessageBody: 'keep me' });
    await expect(
      runSuites({
        target: target(),
        providedQueues: { file: 'outputs.json', queues: [{ role: 'standard', index: 0, url: precious, stack: 'S', key: 'SqscStandard0Url' }] },
        suites: SUITES, only: ['lifecycle'],
        properties: ['visibility'],
        runs: 1,
        seed: 1,
        concurrency: 1,
        strictness: 'typical',
      }),
    ).rejects.toThrow(/not tagged sqs-conformance:test-queue=true/);
    const r = await admin.call('GetQueueAttributes', { QueueUrl: precious, AttributeNames: ['ApproximateNumberOfMessages'] });
    expect(r.type === 'ok' && (r.value['Attributes'] as Record<string, string>)['ApproximateNumberOfMessages']).toBe('1');
  });

  it('CLI: run --stack-outputs takes the endpoint from the queue URLs', async () => {
    const c = await createQueue('provided-cli', { 'sqs-conformance:test-queue': 'true' });
    writeFileSync(join(dir, 'cdk-outputs.json'), JSON.stringify({ SqsConformanceQueues: { SqscStandard0Url: c } }));
    const r = await cli(['run', '--stack-outputs', 'cdk-outputs.json', '--suite', 'lifecycle', '--runs', '1', '--seed', '3', '--report', 'json', '--out', 'report'], dir);
    // The full lifecycle suite includes the 60 s retention property: allow for it.
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const bad = await cli(['run', '--stack-outputs', 'nope.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot read .*nope\.json/);
  }, 180_000);
});
