// Real SQS clients against the reference server started as a user would: the built CLI's
// `sqs-conformance serve --port 0` (in-process when dist/ is not built). One scenario (create
// queue, send with message attributes, receive with attributes, change visibility, delete, batch
// send/delete, errors, delete queue) runs unchanged through six clients:
//   - @aws-sdk/client-sqs (current; AWS JSON 1.0)
//   - @aws-sdk/client-sqs-query (the same package at 3.445.0, the last one speaking Query)
//   - boto3 (botocore speaks JSON 1.0 for SQS)
//   - boto3 forced onto Query through a model on AWS_DATA_PATH (test/support/python.ts)
//   - the AWS CLI v1, JSON and Query the same way
// boto3 and the AWS CLI come from PyPI into .peers/python on first use (test/support/python.ts).
// The Query runs of the Python clients need AWS's Smithy model in ../shared/aws-models and are
// skipped, saying so, when it is absent.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import * as JsonSdk from '@aws-sdk/client-sqs';
import * as QuerySdk from '@aws-sdk/client-sqs-query';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { awsEnv, BRIDGE, ensurePythonPeers, queryModelPath, type PythonPeers } from '../support/python.js';
import { CLI_BIN, CLI_BUILT, spawnServe } from '../support/serve-cli.js';

const built = CLI_BUILT;
const smithyModel = fileURLToPath(new URL('../../../shared/aws-models/sqs.json', import.meta.url));
const haveSmithy = existsSync(smithyModel);
const REGION = 'us-east-1';

// ------------------------------------------------------------------------------ the server

interface Served {
  url: string;
  /** Stops the server; the exit code of `serve` (0 expected), or 0 in-process. */
  stop(): Promise<number | null>;
}

function waitExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

async function startServed(): Promise<Served> {
  if (built) {
    const { child, url } = await spawnServe(['--port', '0', '--host', '127.0.0.1']);
    return {
      url,
      stop: async () => {
        child.kill('SIGTERM');
        return waitExit(child);
      },
    };
  }
  const server: ReferenceServer = await startReferenceServer();
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      return 0;
    },
  };
}

// ------------------------------------------------------------------------------ drivers

type Answer =
  | { ok: Record<string, any> }
  /** `code`: the wire (Query) error code; `name`: the modelled shape, when the client tells it. */
  | { error: { code: string; name?: string; status?: number; message?: string } };

interface Driver {
  id: string;
  label: string;
  /** The wire protocol the client speaks; checked through the Query-only wording of an error. */
  protocol: 'json' | 'query';
  /** The AWS CLI v1 sends a blob given in --cli-input-json as the bytes of its text. */
  utf8BinaryOnly?: boolean;
  /** Whether the client tells the HTTP status of an error. */
  hasStatus: boolean;
  call(op: string, input: Record<string, unknown>): Promise<Answer>;
  close(): Promise<void>;
}

type SdkModule = typeof JsonSdk | typeof QuerySdk;

function sdkDriver(id: string, label: string, mod: SdkModule, endpoint: string, protocol: 'json' | 'query'): Driver {
  const client = new mod.SQSClient({ endpoint, region: REGION, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' }, maxAttempts: 1 });
  return {
    id,
    label,
    protocol,
    hasStatus: true,
    async call(op, input) {
      const Command = (mod as unknown as Record<string, new (i: unknown) => any>)[`${op}Command`];
      if (!Command) throw new Error(`no ${op}Command`);
      try {
        const out = (await (client as any).send(new Command(input))) as Record<string, any>;
        delete out.$metadata;
        return { ok: out };
      } catch (e) {
        const x = e as { name: string; Code?: string; Error?: { Code?: string; Message?: string }; message?: string; $metadata?: { httpStatusCode?: number } };
        // 3.445 (Query) keeps the wire code and text under `Error` for modelled errors.
        return {
          error: {
            code: x.Code ?? x.Error?.Code ?? x.name,
            name: x.name,
            status: x.$metadata?.httpStatusCode,
            message: x.Error?.Message ?? x.message,
          },
        };
      }
    },
    async close() {
      client.destroy();
    },
  };
}

/** `{"$b64": …}` in JSON ↔ Uint8Array. */
function toBridge(v: unknown): unknown {
  if (v instanceof Uint8Array) return { $b64: Buffer.from(v).toString('base64') };
  if (Array.isArray(v)) return v.map(toBridge);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toBridge(x)]));
  return v;
}
function fromBridge(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fromBridge);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.$b64 === 'string') return new Uint8Array(Buffer.from(o.$b64, 'base64'));
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, fromBridge(x)]));
  }
  return v;
}

async function boto3Driver(id: string, label: string, peers: PythonPeers, endpoint: string, dataPath?: string): Promise<Driver> {
  const child = spawn(peers.python, ['-c', BRIDGE, endpoint], { env: awsEnv(REGION, dataPath), stdio: ['pipe', 'pipe', 'pipe'] });
  let buf = '';
  let stderr = '';
  const waiting: ((line: string) => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString('utf8');
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 1);
      waiting.shift()?.(line);
    }
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`boto3 bridge silent for 30 s; stderr: ${stderr}`)), 30_000);
      waiting.push((l) => {
        clearTimeout(timer);
        resolve(l);
      });
    });
  const hello = JSON.parse(await next()) as { protocol: string };
  expect(hello.protocol).toBe(dataPath === undefined ? 'json' : 'query');
  return {
    id,
    label,
    protocol: dataPath === undefined ? 'json' : 'query',
    hasStatus: true,
    async call(op, input) {
      const answer = next();
      child.stdin.write(`${JSON.stringify({ op, input: toBridge(input) })}\n`);
      const r = JSON.parse(await answer) as { ok?: Record<string, unknown>; error?: { code: string; queryCode?: string | null; status?: number; message?: string } };
      if (r.ok) return { ok: fromBridge(r.ok) as Record<string, any> };
      const e = r.error!;
      // botocore on JSON: Code is the query code from x-amzn-query-error, QueryErrorCode the shape.
      return { error: { code: e.code, ...(e.queryCode ? { name: e.queryCode } : {}), ...(e.status ? { status: e.status } : {}), ...(e.message ? { message: e.message } : {}) } };
    },
    async close() {
      child.stdin.end();
      await waitExit(child);
    },
  };
}

function kebab(op: string): string {
  return op.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
}

function awsCliDriver(id: string, label: string, peers: PythonPeers, endpoint: string, dataPath?: string): Driver {
  const env = awsEnv(REGION, dataPath);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const toCli = (v: unknown): unknown => {
    if (v instanceof Uint8Array) return utf8.decode(v);
    if (Array.isArray(v)) return v.map(toCli);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toCli(x)]));
    return v;
  };
  /** The CLI prints blobs as base64. */
  const fromCli = (v: unknown, key = ''): unknown => {
    if (typeof v === 'string' && key === 'BinaryValue') return new Uint8Array(Buffer.from(v, 'base64'));
    if (Array.isArray(v)) return v.map((x) => fromCli(x));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fromCli(x, k)]));
    return v;
  };
  return {
    id,
    label,
    protocol: dataPath === undefined ? 'json' : 'query',
    utf8BinaryOnly: true,
    hasStatus: false,
    call(op, input) {
      const args = ['sqs', kebab(op), '--endpoint-url', endpoint, '--output', 'json', '--cli-input-json', JSON.stringify(toCli(input))];
      return new Promise<Answer>((resolve, reject) => {
        const child = spawn(peers.aws, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString('utf8');
        });
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString('utf8');
        });
        child.once('error', reject);
        child.once('close', (code) => {
          if (code === 0) {
            resolve({ ok: out.trim() === '' ? {} : (fromCli(JSON.parse(out)) as Record<string, any>) });
            return;
          }
          const m = /An error occurred \(([^)]+)\) when calling the \w+ operation(?: \([^)]*\))?: (.*)/.exec(err);
          if (m) resolve({ error: { code: m[1]!, message: m[2]!.trim() } });
          else reject(new Error(`aws ${args.slice(0, 2).join(' ')} exited ${code}: ${err.trim()}`));
        });
      });
    },
    async close() {},
  };
}

// ------------------------------------------------------------------------------ the scenario

const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

function ok(a: Answer, what: string): Record<string, any> {
  if ('error' in a) throw new Error(`${what}: expected success, got ${JSON.stringify(a.error)}`);
  return a.ok;
}

function expectError(d: Driver, a: Answer, what: string, want: { code: string; name?: string; status: number }): void {
  if ('ok' in a) throw new Error(`${what}: expected ${want.code}, got success ${JSON.stringify(a.ok)}`);
  expect(a.error.code, what).toBe(want.code);
  // The shape name, for modelled errors only: an unmodelled one's name differs between clients
  // (JS: the query code; botocore: the `__type`, e.g. InvalidParameterValueException). A client
  // whose model does not list the error for that operation names it by its code (3.445's
  // SendMessage knows no QueueDoesNotExist).
  if (want.name !== undefined && a.error.name !== undefined) expect([want.name, want.code], what).toContain(a.error.name);
  if (d.hasStatus) expect(a.error.status, what).toBe(want.status);
}

function bytesOf(v: unknown): number[] {
  expect(v, 'a binary value').toBeInstanceOf(Uint8Array);
  return [...(v as Uint8Array)];
}

const BODY = 'héllo <&> "SQS" 🌍\r\n\ttab';
const NO_QUEUE_TEXT = {
  json: 'The specified queue does not exist.',
  query: 'The specified queue does not exist for this wsdl version.',
} as const;
const NO_QUEUE = { code: 'AWS.SimpleQueueService.NonExistentQueue', name: 'QueueDoesNotExist', status: 400 };

async function scenario(d: Driver): Promise<void> {
  const name = `clients-${d.id}-${Date.now()}`;
  const binary = d.utf8BinaryOnly ? new Uint8Array(Buffer.from('bin✓', 'utf8')) : new Uint8Array([0, 1, 2, 127, 128, 255]);

  // Queue: create (idempotent with the same attributes), look up.
  const url = ok(await d.call('CreateQueue', { QueueName: name, Attributes: { VisibilityTimeout: '30' } }), 'CreateQueue').QueueUrl as string;
  expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/000000000000/${name}$`));
  expect(ok(await d.call('CreateQueue', { QueueName: name, Attributes: { VisibilityTimeout: '30' } }), 'CreateQueue again').QueueUrl).toBe(url);
  expect(ok(await d.call('GetQueueUrl', { QueueName: name }), 'GetQueueUrl').QueueUrl).toBe(url);

  // Send with message attributes of the three data types.
  const attributes = {
    s: { DataType: 'String', StringValue: 'vàlue' },
    n: { DataType: 'Number', StringValue: '42.5' },
    b: { DataType: 'Binary', BinaryValue: binary },
  };
  const sent = ok(await d.call('SendMessage', { QueueUrl: url, MessageBody: BODY, MessageAttributes: attributes }), 'SendMessage');
  expect(sent.MD5OfMessageBody).toBe(md5(BODY));
  expect(sent.MessageId).toMatch(/^[0-9a-f-]{36}$/);
  expect(sent.MD5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);

  // Receive with every attribute.
  const r1 = ok(
    await d.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 1, AttributeNames: ['All'], MessageAttributeNames: ['All'] }),
    'ReceiveMessage',
  );
  expect(r1.Messages).toHaveLength(1);
  const m1 = r1.Messages[0];
  expect(m1.MessageId).toBe(sent.MessageId);
  expect(m1.Body).toBe(BODY);
  expect(m1.MD5OfBody).toBe(md5(BODY));
  expect(m1.MD5OfMessageAttributes).toBe(sent.MD5OfMessageAttributes);
  expect(m1.MessageAttributes.s).toEqual({ DataType: 'String', StringValue: 'vàlue' });
  expect(m1.MessageAttributes.n).toEqual({ DataType: 'Number', StringValue: '42.5' });
  expect(m1.MessageAttributes.b.DataType).toBe('Binary');
  expect(bytesOf(m1.MessageAttributes.b.BinaryValue)).toEqual([...binary]);
  expect(m1.Attributes.ApproximateReceiveCount).toBe('1');
  expect(m1.Attributes.SentTimestamp).toMatch(/^\d{13}$/);
  expect(m1.Attributes.SenderId).toBeTruthy();
  expect(typeof m1.ReceiptHandle).toBe('string');

  // In flight for the queue's 30 s: nothing to receive.
  expect(ok(await d.call('ReceiveMessage', { QueueUrl: url }), 'ReceiveMessage (in flight)').Messages ?? []).toEqual([]);

  // Change visibility to 0: received again, a second time.
  ok(await d.call('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: m1.ReceiptHandle, VisibilityTimeout: 0 }), 'ChangeMessageVisibility');
  const r2 = ok(await d.call('ReceiveMessage', { QueueUrl: url, AttributeNames: ['ApproximateReceiveCount'] }), 'ReceiveMessage again');
  expect(r2.Messages).toHaveLength(1);
  expect(r2.Messages[0].MessageId).toBe(sent.MessageId);
  expect(r2.Messages[0].Attributes).toEqual({ ApproximateReceiveCount: '2' });
  expect(r2.Messages[0].MessageAttributes).toBeUndefined(); // none asked for
  ok(await d.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: r2.Messages[0].ReceiptHandle }), 'DeleteMessage');

  // Batch send: three good entries and one with an out-of-range delay (a per-entry failure).
  const batch = ok(
    await d.call('SendMessageBatch', {
      QueueUrl: url,
      Entries: [
        { Id: 'a', MessageBody: 'batch a' },
        { Id: 'b', MessageBody: 'batch b', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } },
        { Id: 'c', MessageBody: 'batch c', DelaySeconds: 0 },
        { Id: 'bad', MessageBody: 'batch bad', DelaySeconds: 901 },
      ],
    }),
    'SendMessageBatch',
  );
  expect((batch.Successful as { Id: string }[]).map((e) => e.Id).sort()).toEqual(['a', 'b', 'c']);
  for (const e of batch.Successful as { Id: string; MD5OfMessageBody: string }[]) expect(e.MD5OfMessageBody).toBe(md5(`batch ${e.Id}`));
  expect(batch.Failed).toHaveLength(1);
  expect(batch.Failed[0]).toMatchObject({ Id: 'bad', Code: 'InvalidParameterValue', SenderFault: true });

  // Receive all three, then a batch delete.
  const got = new Map<string, string>();
  for (let i = 0; i < 10 && got.size < 3; i++) {
    const r = ok(await d.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] }), 'ReceiveMessage batch');
    for (const m of (r.Messages ?? []) as { Body: string; ReceiptHandle: string; MessageAttributes?: Record<string, unknown> }[]) {
      got.set(m.Body, m.ReceiptHandle);
      if (m.Body === 'batch b') expect(m.MessageAttributes).toEqual({ k: { DataType: 'String', StringValue: 'v' } });
    }
  }
  expect([...got.keys()].sort()).toEqual(['batch a', 'batch b', 'batch c']);
  const del = ok(
    await d.call('DeleteMessageBatch', { QueueUrl: url, Entries: [...got.values()].map((h, i) => ({ Id: `d${i}`, ReceiptHandle: h })) }),
    'DeleteMessageBatch',
  );
  expect((del.Successful as { Id: string }[]).map((e) => e.Id).sort()).toEqual(['d0', 'd1', 'd2']);
  expect(del.Failed ?? []).toEqual([]);

  const attrs = ok(
    await d.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'VisibilityTimeout'] }),
    'GetQueueAttributes',
  );
  expect(attrs.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', VisibilityTimeout: '30' });

  // Errors, each with its AWS code (and HTTP status where the client shows it).
  const missing = await d.call('GetQueueUrl', { QueueName: `${name}-missing` });
  expectError(d, missing, 'GetQueueUrl of a missing queue', NO_QUEUE);
  // The server answered in the client's protocol: only Query says "for this wsdl version" (item 111).
  if ('error' in missing) expect(missing.error.message, 'the wording of the protocol spoken').toBe(NO_QUEUE_TEXT[d.protocol]);
  expectError(d, await d.call('SendMessage', { QueueUrl: url, MessageBody: 'x', DelaySeconds: 901 }), 'SendMessage DelaySeconds 901', {
    code: 'InvalidParameterValue',
    status: 400,
  });
  expectError(d, await d.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 11 }), 'ReceiveMessage MaxNumberOfMessages 11', {
    code: 'InvalidParameterValue',
    status: 400,
  });
  expectError(d, await d.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: 'garbage' }), 'DeleteMessage garbage handle', {
    code: 'ReceiptHandleIsInvalid',
    name: 'ReceiptHandleIsInvalid',
    status: 404,
  });
  expectError(d, await d.call('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: 'garbage', VisibilityTimeout: 5 }), 'ChangeMessageVisibility garbage handle', {
    code: 'ReceiptHandleIsInvalid',
    name: 'ReceiptHandleIsInvalid',
    status: 404,
  });
  expectError(
    d,
    await d.call('SendMessageBatch', { QueueUrl: url, Entries: [{ Id: 'x', MessageBody: '1' }, { Id: 'x', MessageBody: '2' }] }),
    'SendMessageBatch with repeated ids',
    { code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', name: 'BatchEntryIdsNotDistinct', status: 400 },
  );
  expectError(d, await d.call('SendMessage', { QueueUrl: `${url}-missing`, MessageBody: 'x' }), 'SendMessage to a missing queue', NO_QUEUE);

  // Delete the queue: gone.
  ok(await d.call('DeleteQueue', { QueueUrl: url }), 'DeleteQueue');
  expectError(d, await d.call('GetQueueUrl', { QueueName: name }), 'GetQueueUrl after DeleteQueue', NO_QUEUE);
}

// ------------------------------------------------------------------------------ the tests

let served: Served;
let peers: PythonPeers | undefined;
let peersError: unknown;
let queryDataPath: string | undefined;

beforeAll(async () => {
  served = await startServed();
  try {
    // First use downloads boto3 and awscli from PyPI (CI's .ci/run does it beforehand).
    peers = await ensurePythonPeers({ log: (l) => console.log(`[python] ${l}`) });
    if (haveSmithy) queryDataPath = await queryModelPath(peers, smithyModel);
  } catch (e) {
    peersError = e;
  }
}, 600_000);

afterAll(async () => {
  await served?.stop();
});

function needPeers(): PythonPeers {
  if (!peers) throw new Error(`boto3/awscli unavailable: ${peersError instanceof Error ? peersError.message : String(peersError)}`);
  return peers;
}

describe('real clients against `sqs-conformance serve`', () => {
  it('@aws-sdk/client-sqs (AWS JSON 1.0)', async () => {
    const d = sdkDriver('sdk-json', 'aws-sdk-js v3 JSON', JsonSdk, served.url, 'json');
    try {
      await scenario(d);
    } finally {
      await d.close();
    }
  });

  it('@aws-sdk/client-sqs@3.445.0 (Query)', async () => {
    const d = sdkDriver('sdk-query', 'aws-sdk-js v3.445 Query', QuerySdk, served.url, 'query');
    try {
      await scenario(d);
    } finally {
      await d.close();
    }
  });

  it('boto3 (AWS JSON 1.0)', async () => {
    const d = await boto3Driver('boto3-json', 'boto3 JSON', needPeers(), served.url);
    try {
      await scenario(d);
    } finally {
      await d.close();
    }
  }, 60_000);

  it.skipIf(!haveSmithy)('boto3 forced onto Query (model on AWS_DATA_PATH)', async () => {
    const d = await boto3Driver('boto3-query', 'boto3 Query', needPeers(), served.url, queryDataPath);
    try {
      await scenario(d);
    } finally {
      await d.close();
    }
  }, 60_000);

  it('AWS CLI v1 (AWS JSON 1.0)', async () => {
    await scenario(awsCliDriver('cli-json', 'aws cli JSON', needPeers(), served.url));
  }, 180_000);

  it.skipIf(!haveSmithy)('AWS CLI v1 forced onto Query', async () => {
    await scenario(awsCliDriver('cli-query', 'aws cli Query', needPeers(), served.url, queryDataPath));
  }, 180_000);
});

describe.skipIf(!built)('`sqs-conformance serve`', () => {
  function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      child.once('exit', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });
  }

  it.each([
    [['serve', '--port', 'abc'], "--port must be an integer, got 'abc'"],
    [['serve', '--port', '70000'], '--port must be between 0 and 65535'],
    [['serve', '--host', 'not a host'], '--host must be a host name or an IP address'],
    [['serve', '--frobnicate'], "unknown option '--frobnicate'"],
    [['serve', 'extra'], 'too many arguments'],
  ])('%j → one line, exit 2', async (args, text) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sqs-conformance: error: /);
    expect(lines[0]).toContain(text);
  });

  it('a port in use → one line, exit 2', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = await runCli(['serve', '--port', String(port)]);
      expect(r.code).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toEqual([`sqs-conformance: error: cannot listen on 127.0.0.1:${port}: the port is in use`]);
    } finally {
      blocker.close();
    }
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s stops it cleanly with exit 0, and a waiting long poll is answered', async (signal) => {
    const { child, url, stderr } = await spawnServe(['--port', '0']);
    const sqs = new JsonSdk.SQSClient({ endpoint: url, region: REGION, credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
    try {
      const { QueueUrl } = await sqs.send(new JsonSdk.CreateQueueCommand({ QueueName: 'serve-stop' }));
      const poll = sqs.send(new JsonSdk.ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 })).then(
        (r) => ({ ok: r.Messages ?? [] }),
        (e: unknown) => ({ error: e }),
      );
      await new Promise((r) => setTimeout(r, 200));
      const t0 = Date.now();
      child.kill(signal);
      expect(await waitExit(child)).toBe(0);
      expect(Date.now() - t0).toBeLessThan(5000);
      expect(stderr()).toContain(`${signal}: stopping the reference server`);
      // The long poll was answered (empty) or its connection closed, not left hanging.
      const r = await poll;
      if ('ok' in r) expect(r.ok).toEqual([]);
    } finally {
      sqs.destroy();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
