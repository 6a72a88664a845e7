// The testing entry (`sqs-conformance/testing`), used as a user would: startReferenceServer with the
// queues of a queues file; Jest's globalSetup/globalTeardown functions called as Jest calls them;
// Vitest's globalSetup in a nested Vitest run of a small project (test/testing/fixtures/vitest);
// node:test's before/after helper in `node --test` on a file that imports the kit by its package
// name (needs dist/, like the bin tests).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GetQueueAttributesCommand, ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { jestGlobalSetup, jestGlobalTeardown, jestRunningServer } from '../../src/testing/jest.js';
import { queueUrlsFromEnv, startReferenceServer } from '../../src/testing/index.js';
import { sdkClient } from '../server/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url));
const QUEUES_FILE = `${fixtures}queues.json`;

/** The environment of a shell with no AWS settings (and the SDK's Node-version notice off). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
  for (const k of Object.keys(env)) if (/^(AWS_(REGION|DEFAULT_REGION|ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE|ENDPOINT_URL.*)|SQS_CONFORMANCE_.*)$/.test(k)) delete env[k];
  return env;
}

describe('startReferenceServer (testing entry)', () => {
  it('starts on 127.0.0.1 and a free port with the queues of a file; stop() closes it', async () => {
    const server = await startReferenceServer({ port: 0, region: 'eu-west-1', accountId: '111122223333', queues: QUEUES_FILE });
    try {
      expect(server.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(server.region).toBe('eu-west-1');
      expect(server.accountId).toBe('111122223333');
      expect(server.queueUrls).toEqual({
        'orders-dlq.fifo': `${server.endpoint}/111122223333/orders-dlq.fifo`,
        'orders.fifo': `${server.endpoint}/111122223333/orders.fifo`,
        emails: `${server.endpoint}/111122223333/emails`,
      });
      const client = sdkClient(server.endpoint);
      const listed = await client.send(new ListQueuesCommand({}));
      expect(listed.QueueUrls?.sort()).toEqual(Object.values(server.queueUrls).sort());
      const attrs = await client.send(new GetQueueAttributesCommand({ QueueUrl: server.queueUrls['orders.fifo'], AttributeNames: ['RedrivePolicy', 'QueueArn'] }));
      expect(attrs.Attributes?.QueueArn).toBe('arn:aws:sqs:eu-west-1:111122223333:orders.fifo');
      expect(JSON.parse(attrs.Attributes?.RedrivePolicy ?? '')).toEqual({ deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:111122223333:orders-dlq.fifo', maxReceiveCount: 2 });
      client.destroy();
    } finally {
      await server.stop();
    }
    await expect(fetch(`${server.endpoint}/`)).rejects.toThrow();
  });

  it('takes the queues inline; a bad definition rejects with one line', async () => {
    const server = await startReferenceServer({ queues: { queues: [{ name: 'jobs', attributes: { DelaySeconds: 1 } }] } });
    expect(Object.keys(server.queueUrls)).toEqual(['jobs']);
    await server.stop();
    await expect(startReferenceServer({ queues: [{ name: 'jobs', attributes: { DelaySeconds: 901 } }] })).rejects.toThrow(/^queue "jobs": InvalidAttributeValue: Invalid value for the parameter DelaySeconds\.$/);
    await expect(startReferenceServer({ queues: { queues: [{ name: 'jobs', delay: 1 } as never] } })).rejects.toThrow('queues: queue "jobs": unknown field "delay"');
    await expect(startReferenceServer({ queues: `${fixtures}missing.json` })).rejects.toThrow(`cannot read the queues file ${fixtures}missing.json: no such file`);
  });
});

describe('Jest globalSetup / globalTeardown', () => {
  const saved = { ...process.env };
  afterEach(async () => {
    await jestGlobalTeardown();
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
    Object.assign(process.env, saved);
  });

  it('setup starts one server and sets the environment the SDK reads; teardown stops it and restores it', async () => {
    delete process.env.AWS_ENDPOINT_URL_SQS;
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    const setup = jestGlobalSetup({ queues: QUEUES_FILE });
    await setup();
    await setup(); // watch mode: the second setup keeps the running server
    const server = jestRunningServer()!;
    expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(server.endpoint);
    expect(process.env.SQS_CONFORMANCE_ENDPOINT).toBe(server.endpoint);
    expect(process.env.AWS_REGION).toBe('us-east-1');
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('test');
    expect(queueUrlsFromEnv()).toEqual(server.queueUrls);

    // What a test file in a Jest worker does: a client with no endpoint, region or credentials given.
    const client = new SQSClient({});
    await client.send(new SendMessageCommand({ QueueUrl: queueUrlsFromEnv().emails, MessageBody: 'from jest' }));
    const got = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrlsFromEnv().emails, WaitTimeSeconds: 1 }));
    expect(got.Messages?.map((m) => m.Body)).toEqual(['from jest']);
    client.destroy();

    await jestGlobalTeardown();
    expect(jestRunningServer()).toBeUndefined();
    for (const k of ['AWS_ENDPOINT_URL_SQS', 'AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'SQS_CONFORMANCE_ENDPOINT', 'SQS_CONFORMANCE_QUEUE_URLS']) {
      expect(process.env[k], k).toBeUndefined();
    }
    await expect(fetch(`${server.endpoint}/`)).rejects.toThrow();
  });

  it('keeps a region and credentials that are already set', async () => {
    process.env.AWS_REGION = 'ap-south-1';
    process.env.AWS_ACCESS_KEY_ID = 'mine';
    await jestGlobalSetup({ region: 'ap-south-1' })();
    expect(process.env.AWS_REGION).toBe('ap-south-1');
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('mine');
    await jestGlobalTeardown();
    expect(process.env.AWS_ACCESS_KEY_ID).toBe('mine');
    expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(saved.AWS_ENDPOINT_URL_SQS);
  });
});

describe('Vitest globalSetup', () => {
  it('a project whose globalSetup is sqsGlobalSetup: its tests get inject("sqsConformance") and the environment', () => {
    const r = spawnSync(process.execPath, [`${root}node_modules/vitest/vitest.mjs`, 'run', '--config', `${fixtures}vitest/vitest.config.ts`], {
      encoding: 'utf8',
      env: cleanEnv(),
      timeout: 120_000,
    });
    expect(r.stderr + r.stdout).toMatch(/Tests\s+1 passed \(1\)/);
    expect(r.status).toBe(0);
  });
});

describe.skipIf(!existsSync(`${root}dist/src/testing/node-test.js`))('node:test before/after helper', () => {
  it('node --test on a file that calls useReferenceServer: the server is up in its tests and stopped after', () => {
    const r = spawnSync(process.execPath, ['--test', `${fixtures}node-test/queues.check.mjs`], { encoding: 'utf8', env: cleanEnv(), cwd: root, timeout: 120_000 });
    expect(r.stdout).toMatch(/^# pass 2$/m);
    expect(r.stdout).toMatch(/^# fail 0$/m);
    expect(r.status).toBe(0);
  });
});
