// scenario × target → reports: every property instance is a seeded fast-check run on its own
// fresh queue; instances run concurrently (a suite lasts about as long as its longest scenario);
// a divergent scenario is shrunk by replaying smaller ones against the same target, within a
// time budget. Around that:
// - before any scenario, a probe queue shows the target speaks SQS (else TargetUnusableError);
// - every call is watched: a lost one starts a health check, and a target that stopped answering
//   ends the run as Unknown (nothing more is played, nothing is shrunk);
// - an abort (SIGINT/SIGTERM) stops starting work; scenarios that did not finish are not run, never
//   passed or divergent; the verdict says `interrupted`;
// - setup failures end an instance at once (retried first, never shrunk); --replay plays exactly one scenario;
// - after the normal instances, extra ones steer generation until every rule of the suites that
//   ran has been exercised (bounded count and time); what stays unexercised is a gap;
// - every queue the run created is deleted, and the run ends with a sweep of its own prefix.
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
import { actionCoverage, countCalls, coverageTargets, gapsOf } from './coverage.js';
import { TargetHealth } from './health.js';
import { probeTarget } from './probe.js';
import { QueueRegistry } from './registry.js';
import { runScenario } from './run-scenario.js';
import { QueuePool } from './provided-queues.js';
import { KIT_COMMAND, replayCommand, shellArg } from './replay.js';
import type { ProvidedQueues } from './stack-outputs.js';
import { deleteQueue, listQueues } from './sweep.js';
import { REPORT_SCHEMA_VERSION, type ActionCalls, type ProgressEvent, type PropertyResult, type ReportedDivergence, type RunReport, type RunStop } from './types.js';

export { TargetUnusableError } from './probe.js';

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
  /**
   * Exactly these properties, each with instances `#0` … `#instances-1`, and no coverage instances:
   * a rerun of what a run played (src/runner/confirm.ts).
   */
  plan?: ReadonlyArray<{ suite: string; property: string; instances: number }>;
  /** Replays one counterexample: property `name#instance` and the fast-check path. Exactly one scenario runs. */
  replay?: { property: string; path: string };
  /** Shrinking budget per failing property instance (ms). */
  timeBudgetMs?: number;
  /** Extra instances to exercise rules not exercised yet (default on: 24 instances within 180 s; false: off). */
  coverage?: false | { maxInstances?: number; budgetMs?: number };
  /** The run id (default: random); it names the queues' prefix and their run tag. */
  runId?: string;
  onProgress?: (e: ProgressEvent) => void;
  signal?: AbortSignal;
  clock?: Clock;
  /** How the replay command names the target (e.g. `--target fauxqs`); derived from the profile when absent. */
  targetArgs?: string;
}

/** What scenarios on a pool of provided standard queues cannot have: FIFO queues, dead-letter pairs. */
const PROVIDED_POOL_LACKS = ['fifo', 'high-throughput-fifo', 'dlq', 'redrive-allow-policy', 'dead-letter-sources', 'move-tasks'];

const COVERAGE_DEFAULTS = { maxInstances: 24, budgetMs: 180_000 };
/** Extra instances aimed at one id before it is left as a gap. */
const COVERAGE_TRIES_PER_ID = 6;
/** How long the final cleanup keeps retrying per queue (ms). */
const CLEANUP_DEADLINE_MS = 20_000;

interface Instance {
  suite: string;
  property: PropertyDefinition;
  index: number;
  seed: number;
  path?: string;
  coverage?: boolean;
}

/** A divergent instance: kept so it can be judged again once the whole run's network is known. */
interface Failing {
  result: PropertyResult;
  scenario: Scenario;
  history: History;
  verdict: Extract<Verdict, { kind: 'divergent' }>;
  /** The network delay the verdict allowed for (ms). */
  networkDelayMs: number;
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

/**
 * Deletes what the registry still holds, then every queue with the run's prefix (a queue whose
 * CreateQueue answer was lost, a probe queue); `warn` gets what could not be done.
 */
async function sweepRun(target: RunningTarget, registry: QueueRegistry, clock: Clock, warn: (text: string) => void): Promise<void> {
  const port = target.client();
  try {
    if (registry.pending().length > 0) await registry.cleanup(port, CLEANUP_DEADLINE_MS);
    const left = await listQueues(port, registry.prefix, clock, CLEANUP_DEADLINE_MS).catch((e: unknown) => {
      warn(`the final sweep of ${registry.prefix}* failed (${(e as Error).message})`);
      return [];
    });
    for (const q of left) {
      const r = await deleteQueue(port, q.url, clock, CLEANUP_DEADLINE_MS);
      if (r.status === 'failed') warn(`${q.name} could not be deleted (${r.why})`);
    }
  } finally {
    port.close();
  }
}

/** `name#3` → name and index; a bare name is instance 0. */
function replayTarget(property: string): { name: string; index: number } {
  const m = /^(.*)#(\d+)$/.exec(property);
  return m ? { name: m[1]!, index: Number(m[2]) } : { name: property, index: 0 };
}

export async function runSuites(options: RunOptions): Promise<RunReport> {
  const started = Date.now();
  const clock = options.clock ?? realClock;
  const runId = options.runId ?? randomBytes(3).toString('hex');
  const prefix = makeRunPrefix(runId);
  const registry = new QueueRegistry(prefix, clock);
  const tags = { [RUN_TAG_KEY]: runId };
  const targetArgs = options.targetArgs ?? targetArgsOf(options.target);
  const progress = options.onProgress ?? (() => {});
  const profile = options.target.profile;
  const target = options.target;

  const set = suiteSet(options.suites);
  const plan = options.plan;
  const selection = selectSuites(options.suites, {
    ...(plan ? { suites: [...new Set(plan.map((p) => p.suite))] } : options.only ? { suites: options.only } : {}),
    ...(plan ? { properties: [...new Set(plan.map((p) => p.property))] } : options.properties ? { properties: options.properties } : {}),
    // Provided queues (--stack-outputs) are a pool of standard queues: a scenario gets one of them.
    capabilities: options.providedQueues ? profile.capabilities.filter((c) => !PROVIDED_POOL_LACKS.includes(c)) : profile.capabilities,
  });
  const exercised = new Map<string, number>();
  const actionCalls = new Map<string, ActionCalls>();
  const instances: Instance[] = [];
  const want = options.replay ? replayTarget(options.replay.property) : undefined;
  for (const { suite, properties } of selection.suites) {
    for (const property of properties) {
      if (want) {
        // --replay: exactly that instance (extra coverage instances have indices past `runs`).
        if (property.name === want.name) instances.push({ suite: suite.name, property, index: want.index, seed: instanceSeed(options.seed, property.name, want.index), path: options.replay!.path });
        continue;
      }
      const planned = plan?.find((p) => p.suite === suite.name && p.property === property.name);
      if (plan && !planned) continue;
      const runs = planned?.instances ?? options.runs ?? property.runs;
      for (let index = 0; index < runs; index++) instances.push({ suite: suite.name, property, index, seed: instanceSeed(options.seed, property.name, index) });
    }
  }

  // The run stops on an abort (SIGINT/SIGTERM) or when the target stops answering; the first cause is kept.
  const stop = new AbortController();
  // Every pending sleep listens for the abort: many scenarios at once exceed Node's default of 10.
  setMaxListeners(10_000, stop.signal);
  let stopped: RunStop | undefined;
  const halt = (why: RunStop) => {
    stopped ??= why;
    stop.abort(new Error(why.detail));
  };
  const onAbort = () => {
    const reason: unknown = options.signal?.reason;
    halt({ reason: 'interrupted', detail: reason instanceof Error ? reason.message : 'interrupted' });
  };
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  const health = new TargetHealth({
    port: () => target.client({ firstByteTimeoutMs: 5_000 }),
    prefix,
    clock,
    onDown: (why) => {
      registry.abandon();
      halt({ reason: 'target-down', detail: why });
    },
  });
  const notRunWhy = (): string => (stopped?.reason === 'target-down' ? 'not run: the target stopped answering' : 'not run: the run was interrupted');

  progress({ kind: 'run', runId, prefix, cleanup: `${KIT_COMMAND} cleanup --run ${runId}${targetArgs}` });
  const results: PropertyResult[] = [];
  const failures: Failing[] = [];
  let queuePool: QueuePool | undefined;
  let networkDelayMs = 0;
  let coverageInstances = 0;
  let gaps: string[] = [];
  // Nothing is swept from a target that never showed it speaks SQS (each request would wait for its timeout).
  let answered = false;
  try {
    // Know the target before judging it (provided queues are checked by their pool instead).
    if (!options.providedQueues && !stop.signal.aborted) answered = await probeTarget(target, { prefix, tags, clock, signal: stop.signal });
    else answered = options.providedQueues !== undefined;

    let done = 0;
    let total = instances.length;
    progress({ kind: 'start', total });

    // Provided queues: checked (test-queue tag), emptied and leased one scenario at a time.
    queuePool = options.providedQueues
      ? await QueuePool.open(options.providedQueues, {
          target,
          clock,
          log: (text) => progress({ kind: 'message', text }),
          ...(profile.realAws ? { settleMs: 60_000 } : {}),
        })
      : undefined;
    const concurrency = queuePool ? Math.min(options.concurrency, queuePool.size) : options.concurrency;
    const judge = (history: History): Verdict => {
      const v = check(history, { strictness: options.strictness, tolerance: profile.tolerance, catalog: set.catalog, rules: set.rules, networkDelayMs });
      networkDelayMs = Math.max(networkDelayMs, v.checked.networkDelayMs ?? 0);
      return v;
    };

    const runInstance = async (inst: Instance): Promise<void> => {
      const t0 = Date.now();
      const propertyId = `${inst.property.name}#${inst.index}`;
      const replayOf = (path: string) => replayCommand({ targetArgs, suite: inst.suite, seed: options.seed, strictness: options.strictness, property: propertyId, path });
      const base = { suite: inst.suite, property: propertyId, seed: inst.seed, ...(inst.coverage ? { coverage: true } : {}) };
      let counter = 0;
      let failing: Omit<Failing, 'result'> | undefined;
      let notRun: string | undefined;
      let setupError: string | undefined;
      let crash: string | undefined;
      let unknown: string | undefined;
      let undecided: string[] | undefined;
      let failingSince: number | undefined;
      const budget = options.timeBudgetMs ?? 120_000;
      const predicate = async (scenario: Scenario): Promise<boolean> => {
        const n = counter++;
        // --replay: the path's scenario only, never the shrink candidates after it.
        if (inst.path !== undefined && n > 0) return true;
        // Stopped: nothing more is played; a first scenario that never ran is not run.
        if (stop.signal.aborted) {
          if (n === 0) notRun = notRunWhy();
          return true;
        }
        if (failing) {
          // Shrinking budget spent: candidates are skipped (reported as passing), so fast-check
          // ends with the smallest counterexample found so far and a path that replays it.
          if (failingSince !== undefined && Date.now() - failingSince > budget) return true;
          progress({ kind: 'shrinking', property: propertyId, step: n, budgetLeftMs: Math.max(0, budget - (Date.now() - (failingSince ?? Date.now()))) });
        }
        const lease = queuePool ? await queuePool.acquire() : undefined;
        let run: Awaited<ReturnType<typeof runScenario>> | undefined;
        try {
          run = await runScenario(scenario, {
            target,
            clock,
            registry,
            queueName: `${prefix}${inst.suite}-${inst.property.name}-${inst.index}-${n}`, // suite in the name: two suites may share a property name
            tags,
            origin: { suite: inst.suite, property: propertyId, seed: inst.seed, ...(lease ? { providedQueue: lease.url } : {}) },
            steps: set.steps,
            signal: stop.signal,
            wrapPort: (port) => health.wrap(port),
            onWait: (w) => progress({ kind: 'waiting', property: propertyId, ms: w.ms, why: w.why }),
            ...(lease ? { provided: lease } : {}),
          });
        } catch (e) {
          // A bug of ours or of a step kind: the instance ends here, unshrunk.
          if (n === 0) crash = String((e as Error | undefined)?.message ?? e);
          return true;
        } finally {
          if (queuePool && lease) await queuePool.release(lease, run?.history);
        }
        countCalls(actionCalls, run.history);
        if (run.interrupted || stop.signal.aborted) {
          if (n === 0) notRun = notRunWhy();
          return true;
        }
        // Setup failed even after retries: an environment error, never shrunk.
        if (run.setupError) {
          if (n === 0) setupError = run.setupError;
          return true;
        }
        const verdict = judge(run.history);
        if (!failing || verdict.kind === 'divergent') for (const [id, k] of Object.entries(verdict.checked.exercised)) exercised.set(id, (exercised.get(id) ?? 0) + k);
        if (verdict.kind === 'divergent') {
          failing = { scenario, history: run.history, verdict, networkDelayMs };
          failingSince ??= Date.now();
          return false;
        }
        if (n === 0) {
          if (verdict.kind === 'unknown') unknown = verdict.reason;
          if (verdict.checked.undecided) undecided = verdict.checked.undecided;
        }
        return true;
      };
      const details = await fc.check(fc.asyncProperty(inst.property.arbitrary, predicate), {
        seed: inst.seed,
        numRuns: 1,
        ...(inst.path !== undefined ? { path: inst.path, endOnFailure: true } : {}),
      });
      const path = failing ? (details.counterexamplePath ?? inst.path ?? '0') : (inst.path ?? '0');
      const error = setupError ?? (crash !== undefined ? `the scenario could not run: ${crash}` : unknown !== undefined ? `undecided: ${unknown}` : undefined);
      const result: PropertyResult = {
        ...base,
        ...(failing && details.counterexamplePath ? { path: details.counterexamplePath } : {}),
        runs: details.numRuns,
        passed: !failing && notRun === undefined,
        shrinks: details.numShrinks,
        durationMs: Date.now() - t0,
        startOffsetMs: t0 - started,
        replay: replayOf(path),
        ...(failing ? { verdict: failing.verdict, counterexample: { scenario: failing.scenario, history: failing.history } } : {}),
        ...(notRun !== undefined && !failing ? { notRun } : error !== undefined ? { error } : {}),
        ...(undecided ? { undecided } : {}),
      };
      results.push(result);
      if (failing) failures.push({ ...failing, result });
      done++;
      progress({ kind: 'scenario-done', property: propertyId, passed: result.passed || result.notRun !== undefined, done, total });
    };

    await pool(instances, concurrency, runInstance);

    // Rule coverage: extra instances of the properties that can exercise what has not been yet.
    const targets = coverageTargets(selection.suites, set.catalog, options.strictness, profile.protocol);
    const budget = options.coverage === false ? undefined : { ...COVERAGE_DEFAULTS, ...(options.coverage ?? {}) };
    if (budget && !options.replay && !plan) {
      const deadline = Date.now() + budget.budgetMs;
      const nextIndex = new Map<PropertyDefinition, number>();
      const tries = new Map<string, number>();
      let round = 0;
      for (;;) {
        if (stop.signal.aborted || coverageInstances >= budget.maxInstances || Date.now() >= deadline) break;
        const missing = gapsOf(targets, exercised).filter((id) => targets.get(id)!.length > 0 && (tries.get(id) ?? 0) < COVERAGE_TRIES_PER_ID);
        if (missing.length === 0) break;
        const batch: Instance[] = [];
        for (const id of missing) {
          const candidates = targets.get(id)!;
          const c = candidates[round % candidates.length]!;
          tries.set(id, (tries.get(id) ?? 0) + 1);
          if (batch.some((b) => b.property === c.property)) continue;
          if (batch.length >= Math.min(concurrency, budget.maxInstances - coverageInstances)) break;
          const index = nextIndex.get(c.property) ?? options.runs ?? c.property.runs;
          nextIndex.set(c.property, index + 1);
          batch.push({ suite: c.suite, property: c.property, index, seed: instanceSeed(options.seed, c.property.name, index), coverage: true });
        }
        if (batch.length === 0) break;
        progress({ kind: 'message', text: `rule coverage: ${missing.length} rule${missing.length === 1 ? '' : 's'} not exercised yet (${missing.join(', ')}); ${batch.length} more scenario${batch.length === 1 ? '' : 's'}` });
        total += batch.length;
        coverageInstances += batch.length;
        round++;
        await pool(batch, concurrency, runInstance);
      }
    }
    gaps = gapsOf(targets, exercised);
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await health.settled();
    if (queuePool) await queuePool.close();
    // Everything of the run goes: what the registry knows, then whatever has the run's prefix
    // (a queue whose CreateQueue answer was lost, a probe queue). Not on a target that stopped
    // answering: every request would wait for its timeout; the report says how to clean up later.
    if (!answered) {
      // Nothing was created: the probe was interrupted before the target answered, or it failed.
    } else if (stopped?.reason === 'target-down') {
      progress({ kind: 'message', text: `warning: the target stopped answering: the queues of this run (${prefix}*) were not deleted; once it answers again: ${KIT_COMMAND} cleanup --run ${runId}${targetArgs}` });
    } else {
      await sweepRun(target, registry, clock, (text) => progress({ kind: 'message', text: `warning: ${text}; run: ${KIT_COMMAND} cleanup --run ${runId}${targetArgs}` }));
    }
  }

  // Judged again with what the whole run showed of its network: a divergence that only a long
  // poll's answer held by the network explains is not the target's.
  const divergences: ReportedDivergence[] = [];
  for (const f of failures) {
    let verdict: Verdict = f.verdict;
    if (networkDelayMs > f.networkDelayMs) {
      verdict = check(f.history, { strictness: options.strictness, tolerance: profile.tolerance, catalog: set.catalog, rules: set.rules, networkDelayMs });
      if (verdict.kind !== 'divergent') {
        f.result.passed = true;
        f.result.explained = `${[...new Set(f.verdict.divergences.map((d) => d.id))].join(', ')} explained by network delays of up to ${networkDelayMs} ms seen in this run`;
        delete f.result.verdict;
        delete f.result.counterexample;
        delete f.result.path;
        continue;
      }
      f.result.verdict = verdict;
    }
    const ops = (d: { ops: number[] }) => new Set(d.ops);
    for (const d of verdict.divergences) {
      const inDivergence = ops(d);
      divergences.push({ ...d, suite: f.result.suite, property: f.result.property, opRecords: f.history.ops.filter((o) => inDivergence.has(o.index)), replay: f.result.replay });
    }
  }

  // Instances never started (the run stopped first) are listed as not run.
  for (const inst of instances) {
    const id = `${inst.property.name}#${inst.index}`;
    if (results.some((r) => r.property === id)) continue;
    results.push({ suite: inst.suite, property: id, seed: inst.seed, runs: 0, passed: false, shrinks: 0, durationMs: 0, replay: replayCommand({ targetArgs, suite: inst.suite, seed: options.seed, strictness: options.strictness, property: id, path: inst.path ?? '0' }), notRun: notRunWhy() });
  }
  results.sort((a, b) => a.property.localeCompare(b.property, 'en', { numeric: true }));
  const undecidedResults = results.some((r) => r.error !== undefined);
  const verdict: RunReport['verdict'] =
    stopped?.reason === 'interrupted' ? 'interrupted' : stopped ? 'unknown' : divergences.length > 0 ? 'divergent' : undecidedResults ? 'unknown' : 'conformant';
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    runId,
    target: { name: profile.name, endpoint: target.endpoint, protocol: profile.protocol, region: profile.region },
    seed: options.seed,
    strictness: options.strictness,
    suites: selection.suites.map((s) => s.suite.name),
    skipped: selection.skipped,
    catalog: set.catalog.subset(divergences.map((d) => d.id)),
    exercised: Object.fromEntries([...exercised].sort(([a], [b]) => a.localeCompare(b))),
    gaps,
    actions: actionCoverage(actionCalls, selection.suites.map((s) => s.suite)),
    ...(stopped ? { stopped } : {}),
    calls: { total: health.calls, lost: health.lost },
    startedAt: new Date(started).toISOString(),
    durationMs: Date.now() - started,
    verdict,
    properties: results,
    divergences,
  };
}
