// scenario × target → reports: every property instance is a seeded fast-check run on its own
// fresh queue; instances run concurrently (a suite lasts about as long as its longest scenario);
// a divergent scenario is shrunk by replaying smaller ones against the same target, within a
// time budget; every queue the run created is deleted on success, failure and abort.
import { randomBytes } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import fc from 'fast-check';
import { check, type Verdict } from '../check/index.js';
import { realClock, type Clock } from '../clock/index.js';
import type { History } from '../history/index.js';
import type { Scenario } from '../scenario/index.js';
import { selectSuites, suiteSet, type PropertyDefinition, type SuiteDefinition } from '../suite/index.js';
import { makeRunPrefix, RUN_TAG_KEY, type RunningTarget } from '../target/index.js';
import type { Strictness } from '../spec/types.js';
import { QueueRegistry } from './registry.js';
import { runScenario } from './run-scenario.js';
import { QueuePool } from './provided-queues.js';
import { replayCommand, shellArg } from './replay.js';
import type { ProvidedQueues } from './stack-outputs.js';
import { REPORT_SCHEMA_VERSION, type ProgressEvent, type PropertyResult, type ReportedDivergence, type RunReport } from './types.js';

export interface RunOptions {
  target: RunningTarget;
  /** Queues from a CDK deployment's outputs (--stack-outputs): used one scenario at a time instead of creating queues. */
  providedQueues?: ProvidedQueues;
  /** The suites this run may play (the CLI registers conformance/suites; a library user passes any). */
  suites: readonly SuiteDefinition[];
  /** Only these suites (default: every suite the target's capabilities allow). */
  only?: readonly string[];
  seed: number;
  concurrency: number;
  strictness: Strictness;
  /** Scenarios per property (default: the suite's own count). */
  runs?: number;
  /** Only these properties of the suites (default: all). */
  properties?: string[];
  /** Replays one counterexample: property `name#instance` and the fast-check path. */
  replay?: { property: string; path: string };
  /** Shrinking budget per failing property instance (ms). */
  timeBudgetMs?: number;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  clock?: Clock;
  /** How the replay command names the target (e.g. `--target fauxqs`); derived from the profile when absent. */
  targetArgs?: string;
}

/** What scenarios on a pool of provided standard queues cannot have: FIFO queues, dead-letter pairs. */
const PROVIDED_POOL_LACKS = ['fifo', 'high-throughput-fifo', 'dlq', 'redrive-allow-policy', 'dead-letter-sources', 'move-tasks'];

class EnvironmentError extends Error {
  override name = 'EnvironmentError';
}

interface Instance {
  suite: string;
  property: PropertyDefinition;
  index: number;
  seed: number;
  path?: string;
}

/** A property instance's own seed, derived from the run seed so one number replays everything. */
export function instanceSeed(seed: number, property: string, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const ch of `${property}#${index}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

function targetArgsOf(target: RunningTarget): string {
  const p = target.profile;
  if (p.launcher === 'reference') return '';
  if (p.launcher) return ` --target ${shellArg(p.name)}`;
  return ` --endpoint ${shellArg(target.endpoint)}${p.region ? ` --region ${shellArg(p.region)}` : ''}`;
}

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(workers);
}

export async function runSuites(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const clock = options.clock ?? realClock;
  const runId = randomBytes(3).toString('hex');
  const prefix = makeRunPrefix(runId);
  const registry = new QueueRegistry(prefix);
  const tags = { [RUN_TAG_KEY]: runId };
  const targetArgs = options.targetArgs ?? targetArgsOf(options.target);
  const progress = options.onProgress ?? (() => {});
  const profile = options.target.profile;

  const set = suiteSet(options.suites);
  const selection = selectSuites(options.suites, {
    ...(options.only ? { suites: options.only } : {}),
    ...(options.properties ? { properties: options.properties } : {}),
    // Provided queues (--stack-outputs) are a pool of standard queues: a scenario gets one of them.
    capabilities: options.providedQueues ? profile.capabilities.filter((c) => !PROVIDED_POOL_LACKS.includes(c)) : profile.capabilities,
  });
  const exercised = new Map<string, number>();
  const instances: Instance[] = [];
  for (const { suite, properties } of selection.suites) {
    const suiteName = suite.name;
    for (const property of properties) {
      const runs = options.runs ?? property.runs;
      for (let index = 0; index < runs; index++) {
        const id = `${property.name}#${index}`;
        if (options.replay && options.replay.property !== id && options.replay.property !== property.name) continue;
        if (options.replay && options.replay.property === property.name && index > 0) continue;
        instances.push({ suite: suiteName, property, index, seed: instanceSeed(options.seed, property.name, index), ...(options.replay ? { path: options.replay.path } : {}) });
      }
    }
  }

  const results: PropertyResult[] = [];
  const divergences: ReportedDivergence[] = [];
  let done = 0;
  progress({ kind: 'start', total: instances.length });

  // Every pending sleep listens for the abort: many scenarios at once exceed Node's default of 10.
  if (options.signal) setMaxListeners(10_000, options.signal);
  const onAbort = () => {
    const port = options.target.client();
    void registry.cleanup(port).finally(() => port.close());
  };
  options.signal?.addEventListener('abort', onAbort, { once: true });

  // Provided queues: checked (test-queue tag), emptied and leased one scenario at a time.
  const queuePool = options.providedQueues
    ? await QueuePool.open(options.providedQueues, {
        target: options.target,
        clock,
        log: (text) => progress({ kind: 'message', text }),
        ...(profile.realAws ? { settleMs: 60_000 } : {}),
      })
    : undefined;
  const concurrency = queuePool ? Math.min(options.concurrency, queuePool.size) : options.concurrency;

  await pool(instances, concurrency, async (inst) => {
    if (options.signal?.aborted) return;
    const t0 = Date.now();
    const propertyId = `${inst.property.name}#${inst.index}`;
    let counter = 0;
    let failing: { scenario: Scenario; history: History; verdict: Verdict } | undefined;
    let unknown: string | undefined;
    let failingSince: number | undefined;
    const budget = options.timeBudgetMs ?? 120_000;
    const predicate = async (scenario: Scenario): Promise<boolean> => {
      const n = counter++;
      if (failing) {
        // Shrinking budget spent: candidates are skipped (reported as passing), so fast-check
        // ends with the smallest counterexample found so far and a path that replays it.
        if (failingSince !== undefined && Date.now() - failingSince > budget) return true;
        progress({ kind: 'shrinking', property: propertyId, step: n });
      }
      const lease = queuePool ? await queuePool.acquire() : undefined;
      let run: Awaited<ReturnType<typeof runScenario>> | undefined;
      try {
        run = await runScenario(scenario, {
          target: options.target,
          clock,
          registry,
          queueName: `${prefix}${inst.suite}-${inst.property.name}-${inst.index}-${n}`, // suite in the name: two suites may share a property name
          tags,
          origin: { suite: inst.suite, property: propertyId, seed: inst.seed, ...(lease ? { providedQueue: lease.url } : {}) },
          steps: set.steps,
          ...(options.signal ? { signal: options.signal } : {}),
          ...(lease ? { provided: lease } : {}),
        });
      } finally {
        if (queuePool && lease) await queuePool.release(lease, run?.history);
      }
      if (run.setupError) throw new EnvironmentError(run.setupError);
      const verdict = check(run.history, { strictness: options.strictness, tolerance: profile.tolerance, catalog: set.catalog, rules: set.rules });
      if (!failing || verdict.kind === 'divergent') for (const [id, n] of Object.entries(verdict.checked.exercised)) exercised.set(id, (exercised.get(id) ?? 0) + n);
      if (verdict.kind === 'divergent') {
        failing = { scenario, history: run.history, verdict };
        failingSince ??= Date.now();
        return false;
      }
      if (verdict.kind === 'unknown') unknown = verdict.reason;
      return true;
    };
    const details = await fc.check(fc.asyncProperty(inst.property.arbitrary, predicate), {
      seed: inst.seed,
      numRuns: 1,
      ...(inst.path !== undefined ? { path: inst.path, endOnFailure: true } : {}),
    });
    const replayPath = details.counterexamplePath ?? inst.path ?? '0';
    const replay = replayCommand({ targetArgs, suite: inst.suite, seed: options.seed, strictness: options.strictness, property: propertyId, path: replayPath });
    const envError = details.errorInstance instanceof EnvironmentError ? details.errorInstance.message : undefined;
    const crash = details.failed && !failing && !envError ? String((details.errorInstance as Error | undefined)?.message ?? 'property failed without a verdict') : undefined;
    const result: PropertyResult = {
      suite: inst.suite,
      property: propertyId,
      seed: inst.seed,
      ...(details.counterexamplePath ? { path: details.counterexamplePath } : {}),
      runs: details.numRuns,
      passed: !details.failed,
      shrinks: details.numShrinks,
      durationMs: Date.now() - t0,
      replay,
      ...(failing ? { verdict: failing.verdict, counterexample: { scenario: failing.scenario, history: failing.history } } : {}),
      ...(envError ? { error: envError } : crash ? { error: crash } : unknown ? { error: `undecided: ${unknown}` } : {}),
    };
    results.push(result);
    if (failing && failing.verdict.kind === 'divergent') {
      for (const d of failing.verdict.divergences) {
        const ops = new Set(d.ops);
        divergences.push({ ...d, suite: inst.suite, property: propertyId, opRecords: failing.history.ops.filter((o) => ops.has(o.index)), replay });
      }
    }
    done++;
    progress({ kind: 'scenario-done', property: propertyId, passed: result.passed, done, total: instances.length });
  });

  options.signal?.removeEventListener('abort', onAbort);
  if (queuePool) await queuePool.close();
  if (registry.pending().length > 0) {
    const port = options.target.client();
    await registry.cleanup(port);
    port.close();
  }

  results.sort((a, b) => a.property.localeCompare(b.property, 'en', { numeric: true }));
  const undecided = results.some((r) => r.error !== undefined);
  const verdict: RunReport['verdict'] = divergences.length > 0 ? 'divergent' : undecided || options.signal?.aborted ? 'unknown' : 'conformant';
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    target: { name: profile.name, endpoint: options.target.endpoint, protocol: profile.protocol, region: profile.region },
    seed: options.seed,
    strictness: options.strictness,
    suites: selection.suites.map((s) => s.suite.name),
    skipped: selection.skipped,
    catalog: set.catalog.subset(divergences.map((d) => d.id)),
    exercised: Object.fromEntries([...exercised].sort(([a], [b]) => a.localeCompare(b))),
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    verdict,
    properties: results,
    divergences,
  };
}
