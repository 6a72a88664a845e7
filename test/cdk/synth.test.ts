// `cdk synth` of the app in cdk/ works offline, passes the settings Aspect, and its cdk.out passes
// `check-settings`; a risky setting given as context fails the synth with the rule's error.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../settings/helpers.js';

const run = promisify(execFile);
const CDK_DIR = resolve(import.meta.dirname, '../../cdk');
const CDK_BIN = resolve(import.meta.dirname, '../../node_modules/aws-cdk/bin/cdk');

/** Environment for an offline CDK CLI: no notices, no telemetry, no version check. */
const OFFLINE_CDK_ENV = { CDK_DISABLE_CLI_TELEMETRY: 'true', CDK_DISABLE_VERSION_CHECK: 'true', CI: 'true' };

async function synth(out: string, context: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(process.execPath, [CDK_BIN, 'synth', '--quiet', '--no-notices', '--output', out, ...context.flatMap((c) => ['--context', c])], {
      cwd: CDK_DIR,
      env: { ...process.env, ...OFFLINE_CDK_ENV },
      maxBuffer: 16 * 1024 * 1024,
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : 1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

describe('cdk synth (offline)', () => {
  it('synthesizes the app; the cdk.out passes check-settings', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sqsc-cdk-out-'));
    const r = await synth(out, ['standardQueues=3']);
    expect(r.code, r.stderr).toBe(0);
    const check = await cli(['check-settings', out, '--format', 'json']);
    expect(check.code, check.stdout).toBe(0);
    const j = JSON.parse(check.stdout);
    expect(j.queues).toHaveLength(3 + 1 + 2 + 2);
    expect(j.counts).toEqual({ error: 0, warning: 0, info: 0 });
  }, 180_000);

  it('a setting that breaks a hard rule fails the synth through the Aspect', async () => {
    const out = mkdtempSync(join(tmpdir(), 'sqsc-cdk-bad-'));
    // maxReceiveCount 1 is a warning (D3); retention of the DLQ below the source's is a warning (R1);
    // the synth still succeeds, with the warnings printed.
    const warn = await synth(out, ['maxReceiveCount=1', 'retentionPeriod=1209600', 'dlqRetentionPeriod=86400']);
    expect(warn.code, warn.stderr).toBe(0);
    expect(`${warn.stdout}${warn.stderr}`).toContain('[sqs-conformance D3]');
    expect(`${warn.stdout}${warn.stderr}`).toContain('[sqs-conformance R1]');
    // maxReceiveCount 1001: SQS would reject the RedrivePolicy (D5, error): synth fails.
    const bad = await synth(mkdtempSync(join(tmpdir(), 'sqsc-cdk-bad2-')), ['maxReceiveCount=1001']);
    expect(bad.code).not.toBe(0);
    expect(`${bad.stdout}${bad.stderr}`).toContain('[sqs-conformance D5]');
  }, 240_000);
});
