// `sqs-conformance serve --queues FILE` run as a user runs it (the built bin): the queues exist as
// soon as the URL line is printed; a file that is missing, not JSON, has an unknown field or an
// attribute SQS refuses is one error line and exit 2, and nothing listens. Needs dist/ (skipped otherwise).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetQueueAttributesCommand, ListQueuesCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import { describe, expect, it, vi } from 'vitest';
import { sdkClient } from '../server/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/sqs-conformance.js`;
const built = existsSync(`${root}dist/src/cli/main.js`);
const dir = mkdtempSync(join(tmpdir(), 'sqsc-serve-queues-'));
const env = { ...process.env, NO_COLOR: '1' };

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

/** Starts `serve` and resolves with the URL it prints and a stop function (SIGTERM, then the exit code). */
function serve(...args: string[]): Promise<{ url: string; stderr: () => string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', ...args], { cwd: dir, env });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /server on (http:\/\/\S+) /.exec(out);
      if (m) resolve({ url: m[1]!, stderr: () => err, stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then((code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
}

describe.skipIf(!built)('serve --queues FILE', () => {
  it('creates the queues, tags and dead-letter pairs of the file before it prints its URL', async () => {
    const queues = file(
      'queues.json',
      JSON.stringify({
        queues: [
          { name: 'orders.fifo', attributes: { VisibilityTimeout: 45 }, tags: { team: 'shop' }, deadLetter: { name: 'orders-dlq.fifo', maxReceiveCount: 3 } },
          { name: 'emails' },
        ],
      }),
    );
    const server = await serve('--queues', queues, '--account-id', '111122223333');
    try {
      const client = sdkClient(server.url);
      const listed = await client.send(new ListQueuesCommand({}));
      expect(listed.QueueUrls?.sort()).toEqual(['emails', 'orders-dlq.fifo', 'orders.fifo'].map((n) => `${server.url}/111122223333/${n}`));
      const url = `${server.url}/111122223333/orders.fifo`;
      const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
      expect(attrs.Attributes).toMatchObject({ FifoQueue: 'true', VisibilityTimeout: '45' });
      expect(JSON.parse(attrs.Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:111122223333:orders-dlq.fifo', maxReceiveCount: 3 });
      expect((await client.send(new ListQueueTagsCommand({ QueueUrl: url }))).Tags).toEqual({ team: 'shop' });
      client.destroy();
      expect(server.stderr()).toContain('sqs-conformance: 3 queues from queues.json: orders-dlq.fifo, orders.fifo, emails');
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it.each([
    ['missing.json', undefined, 'cannot read the queues file missing.json: no such file'],
    ['broken.json', '{"queues": [', 'queues file broken.json: not valid JSON: '],
    ['field.json', '{"queues": [{"name": "a", "attributes": {}, "tag": {}}]}', 'queues file field.json: queue "a": unknown field "tag" (fields: name, attributes, tags, deadLetter)'],
    ['attr.json', '{"queues": [{"name": "a", "attributes": {"MessageRetentionPeriod": 59}}]}', 'queues file attr.json: queue "a": InvalidAttributeValue: Invalid value for the parameter MessageRetentionPeriod.'],
    ['pair.json', '{"queues": [{"name": "a.fifo", "deadLetter": {"name": "b", "maxReceiveCount": 3}}]}', 'queues file pair.json: queue "a.fifo": InvalidParameterValue: '],
  ])('%s → one error line, exit 2', (name, text, error) => {
    if (text !== undefined) file(name, text);
    const r = spawnSync(process.execPath, [bin, 'serve', '--port', '0', '--queues', name], { cwd: dir, env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`sqs-conformance: error: ${error}`);
  });
});

describe.skipIf(!built)('serve --log requests and GET /health', () => {
  it('answers /health once listening and prints one line per request on stderr', async () => {
    const server = await serve('--log', 'requests');
    try {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const client = sdkClient(server.url);
      await client.send(new ListQueuesCommand({}));
      client.destroy();
      const line = /^\d{4}-\d\d-\d\dT[\d:.]+Z (\S+) (\S+) (\S+) \d+\.\d ms$/;
      await vi.waitFor(() => expect(server.stderr().split('\n').filter((l) => line.test(l))).toHaveLength(2));
      const lines = server.stderr().split('\n').filter((l) => line.test(l));
      expect(lines.map((l) => line.exec(l)!.slice(1))).toEqual([
        ['GET:/health', '-', '200'],
        ['ListQueues', '-', '200'],
      ]);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it('refuses an unknown --log value in one line', () => {
    const r = spawnSync(process.execPath, [bin, 'serve', '--log', 'everything'], { cwd: dir, env, encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("sqs-conformance: error: --log must be one of requests, got 'everything'\n");
  });
});
