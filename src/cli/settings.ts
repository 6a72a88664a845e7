// `sqs-conformance check-settings`: parse and validate its arguments (pure), then read the settings
// (template, cdk.out, live queues or the queues of a CDK deployment's outputs), run the rules of
// src/settings and render text, JSON or SARIF. Exit 0 when no unsuppressed finding reaches the
// failing severity (error by default), 1 when one does, 2 for usage and input errors. The
// settings library is imported only when the command runs (so --help never loads the SDK).
import { Option, type Command } from 'commander';
import * as path from 'node:path';
import type { CliDeps, CliIO } from './app.js';

export const SETTINGS_OUTPUT_FORMATS = ['text', 'json', 'sarif'] as const;
export type SettingsOutputFormat = (typeof SETTINGS_OUTPUT_FORMATS)[number];

export interface CliSuppression {
  id: string;
  reason: string;
  resource?: string;
}

export interface CheckSettingsOptions {
  /** Templates or cdk.out directories. */
  paths: string[];
  queueUrls: string[];
  stackOutputs?: string;
  endpoint?: string;
  region?: string;
  target?: string;
  format: SettingsOutputFormat;
  out?: string;
  suppressions: CliSuppression[];
  lambdaTimeoutSeconds?: number;
  outageBudgetSeconds?: number;
  failOn: 'error' | 'warning';
}

export interface RawCheckSettings {
  paths: string[];
  queueUrl?: string[];
  stackOutputs?: string;
  endpoint?: string;
  region?: string;
  target?: string;
  format?: string;
  out?: string;
  suppress?: string[];
  lambdaTimeout?: string;
  outageBudget?: string;
  failOn?: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const err = <T>(error: string): Result<T> => ({ ok: false, error });

const q = (v: string): string => `'${v.length > 60 ? `${v.slice(0, 59)}…` : v}'`;
const repeat = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/** Seconds: an integer, optionally with a unit (s, m, h, d): `90`, `15m`, `4d`. */
export function parseSeconds(flag: string, raw: string, max = 100 * 86_400): Result<number> {
  const m = /^(\d+)(s|m|h|d)?$/.exec(raw.trim());
  if (!m) return err(`${flag} must be a whole number of seconds (or with m, h, d), got ${q(raw)}`);
  const n = Number(m[1]) * ({ s: 1, m: 60, h: 3600, d: 86_400 } as const)[(m[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
  if (!Number.isSafeInteger(n) || n > max) return err(`${flag} is too large: ${q(raw)}`);
  return ok(n);
}

/** `ID:reason` or `ID@RESOURCE:reason` (RESOURCE: a logical id, queue name or URL). */
export function parseSuppression(raw: string): Result<CliSuppression> {
  const i = raw.indexOf(':');
  if (i <= 0) return err(`--suppress must be ID:REASON or ID@RESOURCE:REASON, got ${q(raw)}`);
  let head = raw.slice(0, i).trim();
  let reason = raw.slice(i + 1).trim();
  // A URL resource contains ':' itself: ID@http://host/acct/name:reason.
  const at = head.indexOf('@');
  if (at >= 0 && /^https?$/i.test(head.slice(at + 1))) {
    const rest = raw.slice(i + 1);
    const j = rest.lastIndexOf(':');
    if (j <= 0) return err(`--suppress ${q(raw)} has no reason after the resource`);
    head = `${head}:${rest.slice(0, j)}`;
    reason = rest.slice(j + 1).trim();
  }
  if (reason === '') return err(`--suppress ${q(head)} needs a reason (ID:REASON)`);
  const id = at >= 0 ? head.slice(0, at).trim() : head;
  const resource = at >= 0 ? head.slice(at + 1).trim() : undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) return err(`--suppress rule id ${q(id)} is not a rule id (e.g. P1 or AwsSolutions-SQS3)`);
  if (resource !== undefined && resource === '') return err(`--suppress ${q(raw)}: empty resource after @`);
  return ok({ id, reason, ...(resource !== undefined ? { resource } : {}) });
}

function parseUrl(flag: string, raw: string): Result<string> {
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return err(`${flag} must be an http(s) URL, got ${q(raw)}`);
    if (u.username !== '' || u.password !== '') return err(`${flag} must not carry credentials`);
    return ok(raw.trim());
  } catch {
    return err(`${flag} must be an http(s) URL, got ${q(raw)}`);
  }
}

export function validateCheckSettings(raw: RawCheckSettings): Result<CheckSettingsOptions> {
  const o: CheckSettingsOptions = { paths: raw.paths, queueUrls: [], format: 'text', suppressions: [], failOn: 'error' };
  for (const u of raw.queueUrl ?? []) {
    const r = parseUrl('--queue-url', u);
    if (!r.ok) return r;
    o.queueUrls.push(r.value);
  }
  if (raw.stackOutputs !== undefined) {
    if (raw.stackOutputs.trim() === '') return err('--stack-outputs needs a file');
    o.stackOutputs = raw.stackOutputs;
  }
  const sources = (o.paths.length > 0 ? 1 : 0) + (o.queueUrls.length > 0 ? 1 : 0) + (o.stackOutputs !== undefined ? 1 : 0);
  if (sources === 0) return err('check-settings needs a template, a cdk.out directory, --queue-url URL or --stack-outputs FILE');
  if (sources > 1) return err('give either files (templates, cdk.out), --queue-url or --stack-outputs, not several kinds at once');
  const live = o.paths.length === 0;
  if (raw.endpoint !== undefined) {
    if (!live) return err('--endpoint applies only to live queues (--queue-url, --stack-outputs)');
    if (raw.target !== undefined) return err('--endpoint and --target cannot be used together');
    const r = parseUrl('--endpoint', raw.endpoint);
    if (!r.ok) return r;
    o.endpoint = r.value.replace(/\/+$/, '');
  }
  if (raw.target !== undefined) {
    if (!live) return err('--target applies only to live queues (--queue-url, --stack-outputs)');
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(raw.target.trim())) return err(`--target must be a target name, got ${q(raw.target)}`);
    o.target = raw.target.trim();
  }
  if (raw.region !== undefined) {
    if (!live) return err('--region applies only to live queues');
    if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(raw.region.trim())) return err(`--region must look like us-east-1, got ${q(raw.region)}`);
    o.region = raw.region.trim();
  }
  if (raw.format !== undefined) {
    const f = raw.format.trim();
    if (!(SETTINGS_OUTPUT_FORMATS as readonly string[]).includes(f)) return err(`unknown format ${q(raw.format)} (choose from ${SETTINGS_OUTPUT_FORMATS.join(', ')})`);
    o.format = f as SettingsOutputFormat;
  }
  if (raw.out !== undefined) {
    if (raw.out.trim() === '') return err('--out needs a file');
    o.out = raw.out;
  }
  for (const s of raw.suppress ?? []) {
    const r = parseSuppression(s);
    if (!r.ok) return r;
    o.suppressions.push(r.value);
  }
  if (raw.lambdaTimeout !== undefined) {
    if (!live) return err('--lambda-timeout applies only to live queues (templates name their functions)');
    const r = parseSeconds('--lambda-timeout', raw.lambdaTimeout, 900);
    if (!r.ok) return r;
    o.lambdaTimeoutSeconds = r.value;
  }
  if (raw.outageBudget !== undefined) {
    const r = parseSeconds('--outage-budget', raw.outageBudget);
    if (!r.ok) return r;
    o.outageBudgetSeconds = r.value;
  }
  if (raw.failOn !== undefined) {
    if (raw.failOn !== 'error' && raw.failOn !== 'warning') return err(`--fail-on must be error or warning, got ${q(raw.failOn)}`);
    o.failOn = raw.failOn;
  }
  return ok(o);
}

/** Adds `check-settings` to the program; `record` receives the raw arguments. */
export function registerCheckSettings(program: Command, record: (raw: RawCheckSettings) => void): void {
  program
    .command('check-settings')
    .description('check queue settings (retention, visibility, DLQs, polling, encryption, access) in a template, a cdk.out directory or live queues')
    .argument('[paths...]', 'CloudFormation templates (JSON) or cdk.out directories')
    .addOption(new Option('--queue-url <url>', 'a live queue to read with GetQueueAttributes (repeatable)').argParser(repeat))
    .addOption(new Option('--stack-outputs <file>', 'check the queues of a cdk deploy --outputs-file'))
    .addOption(new Option('--endpoint <url>', 'SQS endpoint for live queues (default: the queue URL’s)'))
    .addOption(new Option('--target <name>', 'a target profile for live queues, e.g. aws'))
    .addOption(new Option('--region <region>', 'region for live queues'))
    .addOption(new Option('--format <format>', `output: ${SETTINGS_OUTPUT_FORMATS.join(', ')} (default text)`))
    .addOption(new Option('--out <file>', 'write the output to a file instead of stdout'))
    .addOption(new Option('--suppress <id:reason>', 'suppress a rule, with a reason: ID:REASON or ID@RESOURCE:REASON (repeatable)').argParser(repeat))
    .addOption(new Option('--lambda-timeout <seconds>', 'live queues are consumed by a Lambda function with this timeout (V1, V2, D4)'))
    .addOption(new Option('--outage-budget <seconds>', 'longest consumer outage the queues must survive (R4)'))
    .addOption(new Option('--fail-on <severity>', 'exit 1 on findings of this severity or worse: error (default) or warning'))
    .action((paths: string[], opts: Omit<RawCheckSettings, 'paths'>) => {
      record({ ...opts, paths });
    });
}

function errorLine(io: CliIO, message: string): void {
  io.stderr.write(`sqs-conformance: error: ${message.replace(/\s*[\r\n]+\s*/g, ' ').trim()}\n`);
}

/** Where live queues are reached: --endpoint, --target, or the queue URL itself (real AWS by host name). */
function liveTargetFor(o: CheckSettingsOptions, urls: string[]): { endpoint?: string; region?: string; profile?: string } {
  if (o.endpoint !== undefined) return { endpoint: o.endpoint, ...(o.region ? { region: o.region } : {}) };
  if (o.target !== undefined) {
    const region = o.region;
    const endpoint = o.target === 'aws' && region ? `https://sqs.${region}.amazonaws.com` : undefined;
    return { profile: o.target, ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}) };
  }
  const first = new URL(urls[0]!);
  const aws = /^(?:sqs\.([a-z0-9-]+)|([a-z0-9-]+)\.queue)\.amazonaws\.com(?:\.cn)?$/.exec(first.hostname);
  if (aws) {
    const region = o.region ?? aws[1] ?? aws[2] ?? 'us-east-1';
    return { profile: 'aws', region, endpoint: `https://sqs.${region}.amazonaws.com` };
  }
  return { endpoint: first.origin, ...(o.region ? { region: o.region } : {}) };
}

export async function runCheckSettings(o: CheckSettingsOptions, io: CliIO, deps: CliDeps): Promise<number> {
  const lib = await import('../settings/index.js');
  const unknown = o.suppressions.filter((s) => !lib.knownRuleId(s.id));
  if (unknown.length > 0) {
    errorLine(io, `--suppress names unknown rule ${unknown.map((s) => q(s.id)).join(', ')} (rules: ${lib.RULES.map((r) => r.id).join(', ')})`);
    return 2;
  }
  let model: import('../settings/index.js').SettingsModel;
  try {
    if (o.paths.length > 0) {
      const models = o.paths.map((p) => lib.readSettingsPath(p, io.cwd));
      model = models[0]!;
      for (const m of models.slice(1)) {
        // Several inputs: keep ids apart by file.
        for (const x of m.queues) x.id = `${m.source.path ?? ''}#${x.id}`;
        model.queues.push(...m.queues);
        model.consumers.push(...m.consumers);
        model.notes.push(...m.notes);
      }
      if (models.length > 1) model.source = { kind: model.source.kind, path: o.paths.join(', ') };
    } else {
      let urls = o.queueUrls;
      if (o.stackOutputs !== undefined) {
        const { readStackOutputs } = await import('../runner/stack-outputs.js');
        urls = readStackOutputs(path.resolve(io.cwd, o.stackOutputs)).queues.map((x) => x.url);
      }
      const where = liveTargetFor(o, urls);
      const targets = await deps.loadTargets();
      const r = await targets.endpointTarget(where);
      if (!r.ok) {
        errorLine(io, r.error);
        return 2;
      }
      const port = r.target.client();
      try {
        model = await lib.readLiveQueues(port, urls, { ...(o.lambdaTimeoutSeconds !== undefined ? { lambdaTimeoutSeconds: o.lambdaTimeoutSeconds } : {}) });
        model.source = { kind: 'live', path: o.stackOutputs ?? (urls.length === 1 ? urls[0]! : `${urls.length} queues`) };
      } finally {
        port.close();
        await r.target.stop();
      }
    }
  } catch (e) {
    errorLine(io, e instanceof Error ? e.message : String(e));
    return 2;
  }
  const result = lib.runChecks(model, {
    suppressions: o.suppressions.map((s) => ({ id: s.id, reason: s.reason, origin: 'cli' as const, ...(s.resource !== undefined ? { resource: s.resource } : {}) })),
    ...(o.outageBudgetSeconds !== undefined ? { outageBudgetSeconds: o.outageBudgetSeconds } : {}),
  });
  const text = lib.renderSettings(result, o.format, deps.version);
  if (o.out !== undefined) {
    const file = path.resolve(io.cwd, o.out);
    try {
      await io.mkdir(path.dirname(file));
      await io.writeFile(file, text);
    } catch (e) {
      errorLine(io, `cannot write ${file}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    const c = result.counts;
    io.stderr.write(`sqs-conformance: ${c.error} errors, ${c.warning} warnings, ${c.info} info (${result.suppressedCount} suppressed) in ${o.out}\n`);
  } else {
    io.stdout.write(text);
  }
  const failing = result.counts.error + (o.failOn === 'warning' ? result.counts.warning : 0);
  return failing > 0 ? 1 : 0;
}

/**
 * `run --stack-outputs FILE`: the provided queues, and where they live when neither --endpoint nor
 * --target says so (the queue URLs' origin; real AWS for amazonaws.com hosts).
 */
export async function loadStackOutputs<T extends { stackOutputs?: string; endpoint?: string; target?: string; region?: string }>(
  options: T,
  cwd: string,
): Promise<{ ok: true; options: T; provided: import('../runner/stack-outputs.js').ProvidedQueues } | { ok: false; error: string }> {
  const m = await import('../runner/stack-outputs.js');
  let provided;
  try {
    provided = m.readStackOutputs(path.resolve(cwd, options.stackOutputs ?? ''));
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  if (options.endpoint !== undefined || options.target !== undefined) return { ok: true, options, provided };
  const origin = m.commonOrigin(provided);
  if (!origin) return { ok: false, error: `${options.stackOutputs}: the queues live on several hosts; pass --endpoint or --target` };
  const aws = /^https:\/\/(?:sqs\.([a-z0-9-]+)|([a-z0-9-]+)\.queue)\.amazonaws\.com$/.exec(origin);
  if (aws) return { ok: true, options: { ...options, target: 'aws' }, provided };
  return { ok: true, options: { ...options, endpoint: origin }, provided };
}
