// `simulate`: predicts duplicates, DLQ moves and expiries for queue settings and a
// consumer workload by running the workload on the reference model in virtual time
// (src/settings/simulate.ts); with --verify it also plays the same workload against the reference
// server over HTTP on a virtual clock and prints both. Exit 0, or 2 for usage errors.
import { Option, type OptionValues } from 'commander';
import type { ProcessingSpec, WorkloadResult, WorkloadSpec } from '../../settings/workload.js';
import { EXIT, type CliDeps, type CliIO, type CommandDefinition, type Result } from '../contracts.js';
import { fail, load, messageOf, PREFIX } from '../io.js';
import { checked, err, ok, oneOf, option, parseInteger, parseSeconds, quote } from '../parse.js';

export interface SimulateCommandOptions {
  spec: WorkloadSpec;
  verify: boolean;
  format: 'text' | 'json';
}

/** A duration in seconds, with an optional unit: `2`, `1.5`, `250ms`, `2s`, `5m`, `1h`. */
function duration(raw: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(raw.trim());
  if (!m) return undefined;
  const factor = { ms: 0.001, s: 1, m: 60, h: 3600 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * factor;
}

/** `p50=2,p99=20` (lognormal), `fixed=3`, or a list of observed times `1,2,2,5,30` (drawn uniformly). */
export function parseProcessing(raw: string): Result<ProcessingSpec> {
  const s = raw.trim();
  const parts = s.split(',').map((x) => x.trim()).filter((x) => x !== '');
  if (parts.length === 0) return err('--processing needs p50=…,p99=…, fixed=…, or a list of times');
  if (parts.every((p) => p.includes('='))) {
    const kv = new Map<string, number>();
    for (const p of parts) {
      const [k = '', v = ''] = p.split('=', 2);
      const d = duration(v);
      if (d === undefined) return err(`--processing ${quote(p)}: not a duration (e.g. 2, 250ms, 1.5s)`);
      kv.set(k.trim().toLowerCase(), d);
    }
    if (kv.has('fixed') && kv.size === 1) return ok({ kind: 'fixed', seconds: kv.get('fixed')! });
    const p50 = kv.get('p50');
    const p99 = kv.get('p99');
    if (p50 === undefined || p99 === undefined || kv.size !== 2) return err(`--processing takes p50=…,p99=… or fixed=…, got ${quote(raw)}`);
    if (!(p50 > 0) || p99 < p50) return err(`--processing needs 0 < p50 ≤ p99, got ${quote(raw)}`);
    return ok({ kind: 'lognormal', p50, p99 });
  }
  const values: number[] = [];
  for (const p of parts) {
    const d = duration(p);
    if (d === undefined) return err(`--processing list item ${quote(p)} is not a duration`);
    values.push(d);
  }
  return ok({ kind: 'samples', values });
}

export function validateSimulate(options: OptionValues): Result<SimulateCommandOptions> {
  const raw = options as Partial<Record<string, string>>;
  if (raw.visibility === undefined) return err('simulate needs --visibility SECONDS (the queue VisibilityTimeout)');
  if (raw.processing === undefined) return err('simulate needs --processing (e.g. p50=2,p99=20)');
  const vis = parseSeconds('--visibility', raw.visibility);
  if (!vis.ok) return vis;
  const processing = parseProcessing(raw.processing);
  if (!processing.ok) return processing;
  const spec: WorkloadSpec = {
    visibilityTimeout: vis.value,
    retention: 345_600,
    consumers: 4,
    batchSize: 1,
    waitSeconds: 20,
    messages: 1000,
    processing: processing.value,
    failureRate: 0,
    seed: 1,
  };
  const seconds = (key: string, flag: string, set: (n: number) => void) => option(options, key, (v) => parseSeconds(flag, v), set);
  const ints = (key: string, flag: string, min: number, max: number, set: (n: number) => void) => option(options, key, (v) => parseInteger(flag, v, min, max), set);
  const problem =
    seconds('retention', '--retention', (n) => (spec.retention = n)) ??
    ints('maxReceiveCount', '--max-receive-count', 1, 1000, (n) => (spec.maxReceiveCount = n)) ??
    seconds('dlqRetention', '--dlq-retention', (n) => (spec.dlqRetention = n)) ??
    seconds('delay', '--delay', (n) => (spec.delaySeconds = n)) ??
    ints('consumers', '--consumers', 1, 1000, (n) => (spec.consumers = n)) ??
    ints('batch', '--batch', 1, 10, (n) => (spec.batchSize = n)) ??
    ints('wait', '--wait', 0, 20, (n) => (spec.waitSeconds = n)) ??
    ints('messages', '--messages', 1, 100_000, (n) => (spec.messages = n)) ??
    ints('seed', '--seed', 0, 4_294_967_295, (n) => (spec.seed = n)) ??
    seconds('horizon', '--horizon', (n) => (spec.horizonSeconds = n));
  if (problem) return err(problem);
  if (raw.dlqRetention !== undefined && spec.maxReceiveCount === undefined) return err('--dlq-retention needs --max-receive-count (the DLQ exists only with a redrive policy)');
  if (raw.rate !== undefined) {
    const r = Number(raw.rate.trim());
    if (!/^\d+(\.\d+)?$/.test(raw.rate.trim()) || !(r > 0)) return err(`--rate must be a positive number of messages per second, got ${quote(raw.rate)}`);
    spec.ratePerSecond = r;
  }
  if (raw.failureRate !== undefined) {
    const t = raw.failureRate.trim();
    const f = t.endsWith('%') ? Number(t.slice(0, -1)) / 100 : Number(t);
    if (t === '' || !Number.isFinite(f) || f < 0 || f > 1) return err(`--failure-rate must be between 0 and 1 (or 0%–100%), got ${quote(raw.failureRate)}`);
    spec.failureRate = f;
  }
  const o: SimulateCommandOptions = { spec, verify: options['verify'] === true, format: 'text' };
  return checked(o, option(options, 'format', (v) => oneOf('--format', v, ['text', 'json'] as const), (f) => (o.format = f)));
}

export const simulateCommand: CommandDefinition<SimulateCommandOptions> = {
  name: 'simulate',
  define: (c) =>
    void c
      .description('predict duplicates, DLQ moves and expiries for queue settings and a consumer workload, with the reference model in virtual time')
      .addOption(new Option('--visibility <seconds>', 'queue VisibilityTimeout (required)'))
      .addOption(new Option('--processing <dist>', 'processing time per message: p50=2,p99=20 | fixed=3 | 1,2,5,30 (required)'))
      .addOption(new Option('--retention <seconds>', 'queue MessageRetentionPeriod (default 345600 = 4d; units s, m, h, d)'))
      .addOption(new Option('--max-receive-count <n>', 'with a DLQ: its maxReceiveCount (default: no DLQ)'))
      .addOption(new Option('--dlq-retention <seconds>', 'DLQ MessageRetentionPeriod (default 1209600 = 14d)'))
      .addOption(new Option('--delay <seconds>', 'queue DelaySeconds (default 0)'))
      .addOption(new Option('--consumers <n>', 'consumers polling the queue (default 4)'))
      .addOption(new Option('--batch <n>', 'MaxNumberOfMessages per receive, processed one after another (default 1)'))
      .addOption(new Option('--wait <seconds>', 'WaitTimeSeconds of each receive (default 20)'))
      .addOption(new Option('--messages <n>', 'messages to send (default 1000)'))
      .addOption(new Option('--rate <per-second>', 'send rate (default: all at once)'))
      .addOption(new Option('--failure-rate <p>', 'probability that processing fails and the message is not deleted (default 0)'))
      .addOption(new Option('--seed <n>', 'seed of the processing-time and failure draws (default 1)'))
      .addOption(new Option('--horizon <seconds>', 'stop after this much virtual time (default: retention and then some)'))
      .addOption(new Option('--verify', 'also run the workload on the reference server (HTTP, virtual clock) and show both'))
      .addOption(new Option('--format <format>', 'text (default) or json')),
  validate: validateSimulate,
  run: runSimulate,
};

function fmtSeconds(s: number): string {
  if (s >= 86_400 && s % 3600 === 0) return `${s} s (${+(s / 86_400).toFixed(2)} d)`;
  if (s >= 3600 && s % 60 === 0) return `${s} s (${+(s / 3600).toFixed(2)} h)`;
  return `${s} s`;
}

function describeProcessing(p: ProcessingSpec): string {
  switch (p.kind) {
    case 'fixed':
      return `${p.seconds} s each`;
    case 'lognormal':
      return `p50 ${p.p50} s, p99 ${p.p99} s (lognormal)`;
    case 'samples':
      return `drawn from ${p.values.length} observed times (${Math.min(...p.values)}–${Math.max(...p.values)} s)`;
  }
}

const ROWS: Array<[keyof WorkloadResult, string]> = [
  ['sent', 'messages sent'],
  ['succeeded', 'processed successfully'],
  ['deliveries', 'deliveries (receives)'],
  ['redeliveries', 'redeliveries'],
  ['duplicateDeliveries', 'duplicate deliveries'],
  ['processedMoreThanOnce', 'processed more than once'],
  ['failedAttempts', 'failed attempts'],
  ['movedToDlq', 'moved to the DLQ'],
  ['expiredInDlq', '  then expired in the DLQ'],
  ['expiredUnprocessed', 'expired unprocessed'],
  ['unresolved', 'unresolved at the horizon'],
];

export function renderSimulation(spec: WorkloadSpec, model: WorkloadResult, server?: WorkloadResult): string {
  const lines: string[] = [];
  const sending = spec.ratePerSecond ? `${spec.messages} messages at ${spec.ratePerSecond}/s` : `${spec.messages} messages at once`;
  lines.push(`${PREFIX} simulate: ${sending}; ${spec.consumers} consumer${spec.consumers === 1 ? '' : 's'} (batch ${spec.batchSize}, WaitTimeSeconds ${spec.waitSeconds})`);
  lines.push(`  processing: ${describeProcessing(spec.processing)}; failure rate ${+(spec.failureRate * 100).toFixed(3)}%; seed ${spec.seed}`);
  lines.push(
    `  queue: VisibilityTimeout ${fmtSeconds(spec.visibilityTimeout)}, MessageRetentionPeriod ${fmtSeconds(spec.retention)}` +
      (spec.maxReceiveCount !== undefined ? `, DLQ after ${spec.maxReceiveCount} receive${spec.maxReceiveCount === 1 ? '' : 's'} (DLQ retention ${fmtSeconds(spec.dlqRetention ?? 1_209_600)})` : ', no DLQ'),
  );
  lines.push('');
  const pct = (n: number) => (model.sent > 0 ? ` (${+((100 * n) / model.sent).toFixed(2)}%)` : '');
  lines.push(`${'prediction (reference model, virtual time)'.padEnd(44)}${server ? 'reference server (HTTP, virtual clock)' : ''}`);
  for (const [key, label] of ROWS) {
    const m = model[key] as number;
    if (key === 'unresolved' && m === 0 && (!server || server.unresolved === 0)) continue;
    const left = `  ${label.padEnd(28)}${String(m).padStart(6)}${key === 'sent' || key === 'deliveries' ? '' : pct(m)}`;
    lines.push(server ? `${left.padEnd(44)}${String(server[key] as number).padStart(6)}` : left);
  }
  const lat = (r: WorkloadResult) => (r.latency.p50 === undefined ? '-' : `p50 ${r.latency.p50} s, p99 ${r.latency.p99} s`);
  const pair = (label: string, m: string, sv: string | undefined) => {
    const left = `  ${label.padEnd(28)}${m}`;
    return sv === undefined ? left : `${left.padEnd(Math.max(44, left.length + 2))}${sv}`;
  };
  lines.push(pair('send → processed', lat(model), server ? lat(server) : undefined));
  lines.push(pair('virtual duration', `${model.durationSeconds} s`, server ? `${server.durationSeconds} s` : undefined));
  if (model.truncated) lines.push('  (stopped at the horizon: some messages were still in play)');
  if (server) {
    const keys = ROWS.map(([k]) => k);
    const same = keys.every((k) => model[k] === server[k]);
    lines.push('');
    lines.push(same ? 'The reference server did exactly what the model predicted.' : 'The reference server differed from the prediction (see the two columns).');
  }
  return `${lines.join('\n')}\n`;
}

async function runSimulate(o: SimulateCommandOptions, io: CliIO, deps: CliDeps): Promise<number> {
  const { simulate, SimulationError } = await import('../../settings/simulate.js');
  let model: WorkloadResult;
  try {
    model = simulate(o.spec);
  } catch (e) {
    return fail(io, e instanceof SimulationError ? e.message : `simulation failed: ${messageOf(e)}`);
  }
  let server: WorkloadResult | undefined;
  if (o.verify) {
    const { runWorkloadOnServer } = await import('../../settings/verify.js');
    const api = await load(io, 'the reference server', () => deps.loadServer());
    if (!api) return EXIT.usage;
    try {
      server = await runWorkloadOnServer(o.spec, (clock) => api.startReferenceServer({ clock, host: '127.0.0.1' }));
    } catch (e) {
      return fail(io, `the run on the reference server failed: ${messageOf(e)}`);
    }
  }
  if (o.format === 'json') io.stdout.write(`${JSON.stringify({ schemaVersion: 1, workload: o.spec, prediction: model, ...(server ? { server } : {}) }, null, 2)}\n`);
  else io.stdout.write(renderSimulation(o.spec, model, server));
  return EXIT.conformant;
}
