// Where a run goes: the target a user named (--endpoint, --target NAME: a launcher or a profile;
// nothing: the embedded reference server), its work folder, and the queues of a CDK deployment
// (--stack-outputs) with the endpoint they live on.
import type { OptionValues } from 'commander';
import * as path from 'node:path';
import type { ProvidedQueues } from '../runner/stack-outputs.js';
import { parseQueueUrl } from '../target/safety.js';
import type { TargetProfile } from '../target/types.js';
import type { CliIO, EndpointTargetResult, TargetApi } from './contracts.js';
import { messageOf, PREFIX } from './io.js';
import { option, parseName, parseRegion, parseUrl, quote } from './parse.js';

/** How the user named the target. */
export interface TargetChoice {
  endpoint?: string;
  region?: string;
  target?: string;
}

/** Reads --endpoint, --target and --region into `o`; gives the error, if any. */
export function readTargetChoice(raw: OptionValues, o: TargetChoice): string | undefined {
  if (raw['endpoint'] !== undefined && raw['target'] !== undefined) return '--endpoint and --target cannot be used together';
  return (
    option(raw, 'endpoint', (v) => parseUrl('--endpoint', v), (v) => (o.endpoint = v)) ??
    option(raw, 'target', (v) => parseName('--target', v), (v) => (o.target = v)) ??
    option(raw, 'region', (v) => parseRegion('--region', v), (v) => (o.region = v))
  );
}

/** Work folder when neither --work-dir nor the target module names one. */
const DEFAULT_WORK_DIR = `.${PREFIX}`;

export function resolveWorkDir(workDir: string | undefined, io: CliIO, targets: TargetApi): string {
  return workDir !== undefined ? path.resolve(io.cwd, workDir) : (targets.defaultWorkDir?.() ?? path.resolve(io.cwd, DEFAULT_WORK_DIR));
}

/** Starts (or reaches) the target; every failure is one line. `log` receives the launcher's lines. */
export async function startTarget(choice: TargetChoice, workDir: string, io: CliIO, targets: TargetApi, log: (line: string) => void): Promise<EndpointTargetResult> {
  if (choice.endpoint !== undefined) {
    try {
      return await targets.endpointTarget({ endpoint: choice.endpoint, ...(choice.region !== undefined ? { region: choice.region } : {}) });
    } catch (e) {
      return { ok: false, error: `endpoint ${choice.endpoint}: ${messageOf(e)}` };
    }
  }
  const name = choice.target ?? 'reference';
  let launcher = targets.launcherFor(name);
  if (!launcher) {
    // Not a launcher: a profile of that name, started by its launcher or reached at its endpoint.
    let profile: TargetProfile | undefined;
    try {
      profile = targets.loadProfile?.(name);
    } catch (e) {
      return { ok: false, error: messageOf(e) };
    }
    if (!profile) return { ok: false, error: `unknown target ${quote(name)}` };
    if (profile.launcher !== undefined) launcher = targets.launcherFor(profile.launcher, { profile });
    if (!launcher) {
      try {
        const r = await targets.endpointTarget({ profile });
        return r.ok ? r : { ok: false, error: `target ${quote(name)}: ${r.error}` };
      } catch (e) {
        return { ok: false, error: `target ${quote(name)}: ${messageOf(e)}` };
      }
    }
  }
  try {
    await io.mkdir(workDir);
    return { ok: true, target: await launcher.start({ workDir, log: (line) => log(`[${name}] ${line}`) }) };
  } catch (e) {
    return { ok: false, error: `target ${quote(name)} failed to start: ${messageOf(e)}` };
  }
}

/**
 * Where the queues of an AWS queue URL live, if its host is one of AWS's SQS hosts (target/safety.ts
 * parseQueueUrl: `sqs.<region>.amazonaws.com`, the dual-stack `sqs.<region>.api.aws`, FIPS and the
 * legacy `<region>.queue.amazonaws.com`): its region, and the endpoint to send requests to (the
 * dual-stack host stays dual-stack; the others become the regional endpoint). `region` overrides.
 */
export function awsQueueHost(url: string, region?: string): { region: string; endpoint: string } | undefined {
  const parsed = parseQueueUrl(url);
  if (!parsed?.aws) return undefined;
  const r = region ?? parsed.aws.region;
  return { region: r, endpoint: parsed.aws.dualStack && r === parsed.aws.region ? parsed.origin : `https://sqs.${r}.amazonaws.com` };
}

/**
 * `--stack-outputs FILE`: the provided queues, and where they live when neither --endpoint nor
 * --target says so (the queue URLs' origin; real AWS for amazonaws.com hosts).
 */
export async function loadStackOutputs(
  file: string,
  choice: TargetChoice,
  cwd: string,
): Promise<{ ok: true; choice: TargetChoice; provided: ProvidedQueues } | { ok: false; error: string }> {
  const m = await import('../runner/stack-outputs.js');
  let provided: ProvidedQueues;
  try {
    provided = m.readStackOutputs(path.resolve(cwd, file));
  } catch (e) {
    return { ok: false, error: messageOf(e) };
  }
  if (choice.endpoint !== undefined || choice.target !== undefined) return { ok: true, choice, provided };
  const origin = m.commonOrigin(provided);
  if (!origin) return { ok: false, error: `${file}: the queues live on several hosts; pass --endpoint or --target` };
  if (new URL(origin).protocol === 'https:' && awsQueueHost(`${origin}/000000000000/q`) !== undefined) return { ok: true, choice: { ...choice, target: 'aws' }, provided };
  return { ok: true, choice: { ...choice, endpoint: origin }, provided };
}
