// Node 20: the AWS SDK for JavaScript warns once per process that its releases after the first week
// of January 2027 need Node 22 (NodeVersionSupportWarning, emitWarningIfUnsupportedVersion in
// @aws-sdk/core). The kit supports Node >= 20, so the CLI drops that one warning (src/cli/main.ts)
// and prints any other as one line. Spawns the built CLI on a command that makes an SDK client.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/sqs-conformance.js`;
const built = existsSync(`${root}dist/src/cli/main.js`);
const major = Number(process.versions.node.split('.')[0]);

/** Runs the built CLI (asynchronously: the server answering it lives in this process). */
function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** The process environment without the SDK's own switch for that warning, so the SDK would print it. */
function envWithoutSwitch(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
  delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
  return env;
}

describe.skipIf(!built)('the AWS SDK’s Node version notice', () => {
  let server: ReferenceServer;
  beforeAll(async () => {
    server = await startReferenceServer({ queues: [{ name: 'orders', attributes: { ReceiveMessageWaitTimeSeconds: 20 } }] });
  });
  afterAll(() => server.stop());

  it.runIf(major < 22)('is printed by the SDK itself on this Node version (what the CLI has to keep out)', () => {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', "import { SQSClient } from '@aws-sdk/client-sqs'; new SQSClient({});"], {
      cwd: root,
      env: envWithoutSwitch(),
      encoding: 'utf8',
    });
    expect(r.stderr).toContain('NodeVersionSupportWarning');
  });

  it('does not reach the CLI’s stderr or stdout', async () => {
    const r = await cli([bin, 'check-settings', '--queue-url', `${server.url}/000000000000/orders`, '--endpoint', server.url], envWithoutSwitch());
    expect(r.stdout).toContain('orders'); // the SDK did read the queue
    expect(r.stderr + r.stdout).not.toMatch(/NodeVersionSupportWarning|require node >=|AWS SDK for JavaScript/);
  });

  it('any other warning still shows, on one line', async () => {
    // Emitted when the command first writes to stdout: after main.ts has set its warning handler.
    const emit = "const w = process.stdout.write.bind(process.stdout); let once = false; process.stdout.write = (...a) => { if (!once) { once = true; process.emitWarning('something odd\\nsecond line', 'OddWarning'); } return w(...a); };";
    const preload = `data:text/javascript,${encodeURIComponent(emit)}`;
    const r = await cli(['--import', preload, bin, 'check-settings', '--queue-url', `${server.url}/000000000000/orders`, '--endpoint', server.url], envWithoutSwitch());
    expect(r.stderr).toContain('sqs-conformance: warning: OddWarning: something odd second line\n');
    expect(r.stderr).not.toContain('NodeVersionSupportWarning');
  });
});
