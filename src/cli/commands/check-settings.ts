// `check-settings`: parse and validate its arguments (pure), then read the settings
// (template, cdk.out, live queues or the queues of a CDK deployment's outputs), run the rules of
// src/settings and render text, JSON or SARIF. Exit 0 when no unsuppressed finding reaches the
// failing severity (error by default), 1 when one does, 2 for usage and input errors. The
// settings library is imported only when the command runs (so --help never loads the SDK).
import { Option, type OptionValues } from 'commander';
import * as path from 'node:path';
import type { SettingsModel } from '../../settings/index.js';
import { EXIT, type CliDeps, type CliIO, type CommandDefinition, type Result } from '../contracts.js';
import { fail, messageOf, PREFIX } from '../io.js';
import { checked, err, ok, oneOf, option, parsePath, parseSeconds, parseUrl, quote, repeat } from '../parse.js';
import { awsQueueHost, readTargetChoice } from '../target.js';

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

/** `ID:reason` or `ID@RESOURCE:reason` (RESOURCE: a logical id, queue name or URL). */
export function parseSuppression(raw: string): Result<CliSuppression> {
  const i = raw.indexOf(':');
  if (i <= 0) return err(`--suppress must be ID:REASON or ID@RESOURCE:REASON, got ${quote(raw)}`);
  let head = raw.slice(0, i).trim();
  let reason = raw.slice(i + 1).trim();
  // A URL resource contains ':' itself: ID@http://host/acct/name:reason.
  const at = head.indexOf('@');
  if (at >= 0 && /^https?$/i.test(head.slice(at + 1))) {
    const rest = raw.slice(i + 1);
    const j = rest.lastIndexOf(':');
    if (j <= 0) return err(`--suppress ${quote(raw)} has no reason after the resource`);
    head = `${head}:${rest.slice(0, j)}`;
    reason = rest.slice(j + 1).trim();
  }
  if (reason === '') return err(`--suppress ${quote(head)} needs a reason (ID:REASON)`);
  const id = at >= 0 ? head.slice(0, at).trim() : head;
  const resource = at >= 0 ? head.slice(at + 1).trim() : undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id)) return err(`--suppress rule id ${quote(id)} is not a rule id (e.g. P1 or AwsSolutions-SQS3)`);
  if (resource !== undefined && resource === '') return err(`--suppress ${quote(raw)}: empty resource after @`);
  return ok({ id, reason, ...(resource !== undefined ? { resource } : {}) });
}

const strings = (raw: OptionValues, key: string): string[] => (Array.isArray(raw[key]) ? (raw[key] as string[]) : []);

export function validateCheckSettings(raw: OptionValues, paths: readonly string[]): Result<CheckSettingsOptions> {
  const o: CheckSettingsOptions = { paths: [...paths], queueUrls: [], format: 'text', suppressions: [], failOn: 'error' };
  for (const u of strings(raw, 'queueUrl')) {
    const r = parseUrl('--queue-url', u);
    if (!r.ok) return r;
    o.queueUrls.push(r.value);
  }
  const problem = option(raw, 'stackOutputs', (v) => parsePath('--stack-outputs', v, 'file'), (v) => (o.stackOutputs = v));
  if (problem !== undefined) return err(problem);
  const sources = (o.paths.length > 0 ? 1 : 0) + (o.queueUrls.length > 0 ? 1 : 0) + (o.stackOutputs !== undefined ? 1 : 0);
  if (sources === 0) return err('check-settings needs a template, a cdk.out directory, --queue-url URL or --stack-outputs FILE');
  if (sources > 1) return err('give either files (templates, cdk.out), --queue-url or --stack-outputs, not several kinds at once');
  const live = o.paths.length === 0;
  const liveOnly = ['endpoint', 'target', 'region', 'lambdaTimeout'].find((k) => raw[k] !== undefined);
  if (liveOnly !== undefined && !live) return err(`--${liveOnly.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} applies only to live queues (--queue-url, --stack-outputs)`);
  for (const s of strings(raw, 'suppress')) {
    const r = parseSuppression(s);
    if (!r.ok) return r;
    o.suppressions.push(r.value);
  }
  return checked(
    o,
    readTargetChoice(raw, o) ??
      option(raw, 'lambdaTimeout', (v) => parseSeconds('--lambda-timeout', v, 900), (v) => (o.lambdaTimeoutSeconds = v)) ??
      option(raw, 'format', (v) => oneOf('--format', v, SETTINGS_OUTPUT_FORMATS), (v) => (o.format = v)) ??
      option(raw, 'out', (v) => parsePath('--out', v, 'file'), (v) => (o.out = v)) ??
      option(raw, 'outageBudget', (v) => parseSeconds('--outage-budget', v), (v) => (o.outageBudgetSeconds = v)) ??
      option(raw, 'failOn', (v) => oneOf('--fail-on', v, ['error', 'warning'] as const), (v) => (o.failOn = v)),
  );
}

export const checkSettingsCommand: CommandDefinition<CheckSettingsOptions> = {
  name: 'check-settings',
  define: (c) =>
    void c
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
      .addOption(new Option('--fail-on <severity>', 'exit 1 on findings of this severity or worse: error (default) or warning')),
  validate: validateCheckSettings,
  run: checkSettings,
};

/** Where live queues are reached: --endpoint, --target, or the queue URL itself (real AWS by host name). */
function liveTargetFor(o: CheckSettingsOptions, urls: string[]): { endpoint?: string; region?: string; profile?: string } {
  if (o.endpoint !== undefined) return { endpoint: o.endpoint, ...(o.region ? { region: o.region } : {}) };
  if (o.target !== undefined) {
    const region = o.region;
    const endpoint = o.target === 'aws' && region ? `https://sqs.${region}.amazonaws.com` : undefined;
    return { profile: o.target, ...(region ? { region } : {}), ...(endpoint ? { endpoint } : {}) };
  }
  const first = new URL(urls[0]!);
  const aws = awsQueueHost(urls[0]!, o.region);
  if (aws !== undefined) return { profile: 'aws', ...aws };
  return { endpoint: first.origin, ...(o.region ? { region: o.region } : {}) };
}

async function checkSettings(o: CheckSettingsOptions, io: CliIO, deps: CliDeps): Promise<number> {
  const lib = await import('../../settings/index.js');
  const unknown = o.suppressions.filter((s) => !lib.knownRuleId(s.id));
  if (unknown.length > 0) return fail(io, `--suppress names unknown rule ${unknown.map((s) => quote(s.id)).join(', ')} (rules: ${lib.RULES.map((r) => r.id).join(', ')})`);
  let model: SettingsModel;
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
      const live = await readLive(o, io, deps, lib.readLiveQueues);
      if (!live.ok) return fail(io, live.error);
      model = live.value;
    }
  } catch (e) {
    return fail(io, messageOf(e));
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
      return fail(io, `cannot write ${file}: ${messageOf(e)}`);
    }
    const c = result.counts;
    io.stderr.write(`${PREFIX}: ${c.error} errors, ${c.warning} warnings, ${c.info} info (${result.suppressedCount} suppressed) in ${o.out}\n`);
  } else {
    io.stdout.write(text);
  }
  const failing = result.counts.error + (o.failOn === 'warning' ? result.counts.warning : 0);
  return failing > 0 ? EXIT.divergent : EXIT.conformant;
}

/** The settings of live queues (--queue-url, or the queues of --stack-outputs), read with GetQueueAttributes. */
async function readLive(
  o: CheckSettingsOptions,
  io: CliIO,
  deps: CliDeps,
  readLiveQueues: typeof import('../../settings/index.js').readLiveQueues,
): Promise<Result<SettingsModel>> {
  let urls = o.queueUrls;
  if (o.stackOutputs !== undefined) {
    const { readStackOutputs } = await import('../../runner/stack-outputs.js');
    urls = readStackOutputs(path.resolve(io.cwd, o.stackOutputs)).queues.map((x) => x.url);
  }
  const targets = await deps.loadTargets().catch((e: unknown) => {
    throw new Error(`cannot load the target support: ${messageOf(e)}`);
  });
  const r = await targets.endpointTarget(liveTargetFor(o, urls));
  if (!r.ok) return r;
  const port = r.target.client();
  try {
    const model = await readLiveQueues(port, urls, { ...(o.lambdaTimeoutSeconds !== undefined ? { lambdaTimeoutSeconds: o.lambdaTimeoutSeconds } : {}) });
    model.source = { kind: 'live', path: o.stackOutputs ?? (urls.length === 1 ? urls[0]! : `${urls.length} queues`) };
    return ok(model);
  } finally {
    port.close();
    await r.target.stop();
  }
}
