// Starts real peers (installed from npm into <repo>/.peers on first use) and talks to them.
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/clock/index.js';
import { checkReachable, endpointTarget, launcherFor as targetLauncherFor, requireLauncher, TargetError } from '../../src/target/launchers/index.js';
import { launcherFor } from '../../src/server/index.js';
import { join } from 'node:path';
import { defaultWorkDir, loadProfile, packageRoot } from '../../src/target/profiles.js';
import { Recorder } from '../../src/target/recorder.js';
import type { Protocol, RunningTarget, SqsPort } from '../../src/target/types.js';
import { closedPort, fakeServer } from './helpers.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const INSTALL_MS = 120_000;

/** Local addresses listening on `port` (Linux /proc/net/tcp{,6}); undefined elsewhere. */
function listeningAddresses(port: number): string[] | undefined {
  if (!existsSync('/proc/net/tcp')) return undefined;
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const found: string[] = [];
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(file)) continue;
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const [addr, p] = (cols[1] ?? '').split(':');
      if (p !== hexPort || cols[3] !== '0A') continue; // 0A = LISTEN
      if (addr && addr.length === 8) {
        found.push((addr.match(/../g) ?? []).reverse().map((h) => parseInt(h, 16)).join('.'));
      } else {
        found.push(`v6:${addr}`);
      }
    }
  }
  return found;
}

const BODY = 'hello <world> & \u00e9';

async function roundTrip(port: SqsPort, name: string, body = BODY): Promise<string> {
  const created = await port.call('CreateQueue', { QueueName: name, Attributes: { VisibilityTimeout: '30' } });
  expect(created.type, JSON.stringify(created)).toBe('ok');
  const url = (created.value as { QueueUrl: string }).QueueUrl;
  expect(url).toMatch(new RegExp(`/${name}$`));

  const sent = await port.call('SendMessage', {
    QueueUrl: url,
    MessageBody: body,
    MessageAttributes: { k: { DataType: 'String', StringValue: 'v' }, b: { DataType: 'Binary', BinaryValue: 'AAEC' } },
  });
  expect(sent.type, JSON.stringify(sent)).toBe('ok');
  expect(sent.value).toMatchObject({ MessageId: expect.any(String), MD5OfMessageBody: expect.stringMatching(/^[0-9a-f]{32}$/) });

  const got = await port.call('ReceiveMessage', {
    QueueUrl: url,
    MaxNumberOfMessages: 10,
    WaitTimeSeconds: 1,
    MessageAttributeNames: ['All'],
    AttributeNames: ['All'],
    MessageSystemAttributeNames: ['All'],
  });
  expect(got.type, JSON.stringify(got)).toBe('ok');
  const messages = (got.value as { Messages?: Array<Record<string, unknown>> }).Messages ?? [];
  expect(messages).toHaveLength(1);
  expect(messages[0]).toMatchObject({
    MessageId: (sent.value as { MessageId: string }).MessageId,
    Body: body,
    ReceiptHandle: expect.any(String),
    MessageAttributes: { k: { DataType: 'String', StringValue: 'v' }, b: { DataType: 'Binary', BinaryValue: 'AAEC' } },
  });
  const attributes = messages[0]!.Attributes as Record<string, string> | undefined;
  expect(typeof attributes?.SentTimestamp).toBe('string');

  const empty = await port.call('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 0 });
  expect(empty).toMatchObject({ type: 'ok' });
  expect((empty.value as { Messages?: unknown[] }).Messages ?? []).toEqual([]);

  const missing = await port.call('GetQueueUrl', { QueueName: `${name}-missing` });
  expect(missing.type, JSON.stringify(missing)).toBe('fail');
  if (missing.type === 'fail') {
    const names = `${missing.value.code} ${missing.value.type ?? ''}`;
    expect(names).toMatch(/NonExistentQueue|QueueDoesNotExist/);
    expect(missing.value.httpStatus).toBeGreaterThanOrEqual(400);
    expect(missing.value.httpStatus).toBeLessThan(500);
  }
  const deleted = await port.call('DeleteQueue', { QueueUrl: url });
  expect(deleted.type, JSON.stringify(deleted)).toBe('ok');
  return (missing.value as { code: string }).code;
}

const cases: Array<[string, Protocol[]]> = [
  ['fauxqs', ['json']],
  ['local-aws-sqs', ['json', 'query']],
];

describe.each(cases)('%s launcher', (name, protocols) => {
  let target: RunningTarget;
  beforeAll(async () => {
    target = await requireLauncher(name).start({ workDir: defaultWorkDir() });
  }, INSTALL_MS);
  afterAll(async () => {
    await target?.stop();
  });

  it('listens on loopback only', () => {
    expect(target.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(target.profile.name).toBe(name);
    const port = Number(new URL(target.endpoint).port);
    const bound = listeningAddresses(port);
    if (bound) expect(bound).toEqual(['127.0.0.1']);
  });

  it.each(protocols)('round trip over %s', async (protocol) => {
    const port = (target.client as (o: { protocol: Protocol }) => SqsPort)({ protocol });
    try {
      expect(port.protocol).toBe(protocol);
      // local-aws-sqs 2.0.2 does not XML-escape Body in Query answers: keep XML specials out there
      // (the next test shows how such an answer is classified).
      const body = protocol === 'query' ? 'hello world \u00e9' : BODY;
      const code = await roundTrip(port, `sqsc-test-${name}-${protocol}-${Date.now().toString(36)}`, body);
      if (protocol === 'query') expect(code).toBe('AWS.SimpleQueueService.NonExistentQueue');
    } finally {
      port.close();
    }
  }, 30_000);

  if (name === 'local-aws-sqs') {
    it('an answer that is not valid XML is an info outcome (the server answered, we cannot read it)', async () => {
      const port = (target.client as (o: { protocol: Protocol }) => SqsPort)({ protocol: 'query' });
      try {
        const q = await port.call('CreateQueue', { QueueName: `sqsc-xml-${Date.now().toString(36)}` });
        const url = (q.value as { QueueUrl: string }).QueueUrl;
        expect((await port.call('SendMessage', { QueueUrl: url, MessageBody: 'a & b' })).type).toBe('ok');
        const got = await port.call('ReceiveMessage', { QueueUrl: url });
        expect(got).toMatchObject({ type: 'info', value: { reason: 'client-error', httpStatus: 200 }, meta: { httpStatus: 200 } });
      } finally {
        port.close();
      }
    }, 30_000);
  }

  it('records a history through the Recorder', async () => {
    const port = target.client();
    const rec = new Recorder(new VirtualClock());
    try {
      const qn = `sqsc-rec-${Date.now().toString(36)}`;
      const created = await rec.record('p0', 'q', 'CreateQueue', { QueueName: qn }, port, () => 'q');
      const url = (created.value as { QueueUrl: string }).QueueUrl;
      await rec.record('p0', 'q', 'SendMessage', { QueueUrl: url, MessageBody: 'x' }, port, () => 'q');
      await rec.record('p0', 'q', 'DeleteQueue', { QueueUrl: url }, port, () => 'q');
      const ops = rec.ops();
      expect(ops.map((o) => o.type)).toEqual(['invoke', 'ok', 'invoke', 'ok', 'invoke', 'ok']);
      expect(ops[2]!.value).toMatchObject({ QueueUrl: 'q' });
      expect((ops[1] as { meta?: unknown }).meta).toMatchObject({ protocol: 'json', httpStatus: 200, attempts: 1 });
    } finally {
      port.close();
    }
  }, 30_000);
});

// The reference server is written alongside; once it exists it must pass the same round trip.
const REFERENCE = join(packageRoot(), 'src', 'server', 'index.ts');
describe.skipIf(!existsSync(REFERENCE))('reference launcher', () => {
  it.each(['json', 'query'] as const)('round trip over %s', async (protocol) => {
    const target = await launcherFor('reference')!.start({ workDir: defaultWorkDir() });
    try {
      expect(target.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const port = (target.client as (o: { protocol: Protocol }) => SqsPort)({ protocol });
      try {
        await roundTrip(port, `sqsc-ref-${protocol}-${Date.now().toString(36)}`);
      } finally {
        port.close();
      }
    } finally {
      await target.stop();
    }
  }, 30_000);
});

describe('endpoint targets', () => {
  it('report an unreachable endpoint as a typed error', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const err = await checkReachable(url);
    expect(err).toBeInstanceOf(TargetError);
    expect(err?.code).toBe('unreachable');
    expect(err?.message).toBe(`cannot reach ${url}: connection refused`);
    const r = await endpointTarget({ endpoint: url, region: 'us-east-1' });
    expect(r).toMatchObject({ ok: false, error: `cannot reach ${url}: connection refused` });
    await expect(launcherFor('endpoint', { endpoint: url })!.start({ workDir: defaultWorkDir() })).rejects.toThrow(/connection refused/);
  });

  it('wrap a reachable endpoint with the generic or a named profile', async () => {
    const s = await fakeServer((_req, res) => res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{"QueueUrls":[]}'));
    try {
      const r = await endpointTarget({ endpoint: `${s.endpoint}/`, region: 'eu-central-1' });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.target.endpoint).toBe(s.endpoint);
      expect(r.target.profile).toMatchObject({ name: 'endpoint', region: 'eu-central-1', endpoint: s.endpoint });
      const port = r.target.client();
      expect(await port.call('ListQueues', {})).toMatchObject({ type: 'ok', value: { QueueUrls: [] } });
      port.close();
      await r.target.stop();
      const named = await endpointTarget({ endpoint: s.endpoint, region: 'us-east-1', profile: 'local-aws-sqs' });
      expect(named.ok && named.target.profile.name).toBe('local-aws-sqs');
    } finally {
      await s.close();
    }
  });

  it('launcherFor knows the launchers and nothing else', () => {
    expect(launcherFor('fauxqs')?.name).toBe('fauxqs');
    expect(launcherFor('reference')?.name).toBe('reference');
    expect(launcherFor('local-aws-sqs')?.name).toBe('local-aws-sqs');
    expect(launcherFor('nope')).toBeUndefined();
    expect(targetLauncherFor('reference')).toBeUndefined(); // the target layer does not know the server (src/server/launcher.ts adds it)
    expect(targetLauncherFor('fauxqs')?.name).toBe('fauxqs');
    expect(() => requireLauncher('nope')).toThrow(/unknown launcher "nope"/);
    expect(loadProfile('reference').launcher).toBe('reference');
  });
});
