// A fake world for the CLI flows: registered suites, a runner that records its options and answers
// with a given report, launchers and profiles that start nothing, and I/O into strings and a file map.
import fc from 'fast-check';
import type { CliDeps, CliIO, CliRunOptions, PeerInstallOutcome, RunnerApi, TargetApi } from '../../src/cli/index.js';
import type { RunReport } from '../../src/runner/types.js';
import type { Scenario } from '../../src/scenario/index.js';
import type { SuiteDefinition } from '../../src/suite/index.js';
import type { Launcher, RunningTarget, TargetProfile } from '../../src/target/types.js';
import { conformantReport } from '../report/fixtures.js';

export const PROFILE: TargetProfile = {
  name: 'reference',
  protocol: 'json',
  region: 'us-east-1',
  capabilities: [],
  flags: {},
  tolerance: { epsilonMs: 50, wideEpsilonMs: 500, clockSkewMs: 1000, retentionSlackMs: 1000, wakeMs: 200 },
  defaultStrictness: 'typical',
};

/** A suite with named properties that generate nothing (the fake runner never plays them). */
export function fakeSuite(name: string, properties: string[], extra: Partial<SuiteDefinition> = {}): SuiteDefinition {
  const arbitrary = fc.constant(null) as unknown as fc.Arbitrary<Scenario>;
  return {
    name,
    description: `the ${name} suite`,
    requires: [],
    catalog: {},
    rules: [],
    actions: ['SendMessage', 'ReceiveMessage'],
    sources: [],
    properties: properties.map((p) => ({ name: p, description: `what ${p} generates`, arbitrary, runs: 2 })),
    ...extra,
  };
}

export const SUITES = [fakeSuite('lifecycle', ['send-receive-delete', 'visibility']), fakeSuite('errors', ['codes'])];

export interface HarnessOptions {
  cwd?: string;
  /** Launcher names (the matrix runs them all). */
  launchers?: string[];
  /** The report of every target, unless `reports` names one for it. */
  report?: RunReport;
  reports?: Record<string, RunReport>;
  runSuites?: (o: CliRunOptions) => Promise<RunReport>;
  /** Launchers that fail to start, with their error. */
  startFails?: Record<string, string>;
  /** What installing each peer does (the matrix's install phase); absent: no install step at all. */
  installs?: Record<string, PeerInstallOutcome>;
  endpoint?: { ok: true } | { ok: false; error: string };
  runnerMissing?: boolean;
  writeFails?: boolean;
  stdoutTTY?: boolean;
  env?: Record<string, string>;
  files?: Record<string, string>;
  /** A target's server process has exited (RunningTarget.exited), by target name: how, and its log's end. */
  exited?: Record<string, () => { how: string; log: { file: string; tail: string[] } } | undefined>;
  /** Capabilities of a target's profile, by target name (default none: it speaks its protocol only). */
  capabilities?: Record<string, string[]>;
}

export interface Harness {
  io: CliIO;
  deps: CliDeps;
  stdout: () => string;
  stderr: () => string;
  files: Map<string, string>;
  runCalls: CliRunOptions[];
  started: string[];
  stopped: string[];
  signal: (name: string) => void;
  exitNow: number[];
}

export function harness(h: HarnessOptions = {}): Harness {
  let out = '';
  let err = '';
  const files = new Map<string, string>(Object.entries(h.files ?? {}));
  const runCalls: CliRunOptions[] = [];
  const started: string[] = [];
  const stopped: string[] = [];
  const exitNow: number[] = [];
  const launcherNames = h.launchers ?? ['reference', 'moto'];
  let handler: ((s: string) => void) | undefined;
  let t = 0;
  const target = (name: string, endpoint: string): RunningTarget => ({
    profile: { ...PROFILE, name, capabilities: h.capabilities?.[name] ?? PROFILE.capabilities, ...(name === 'reference' ? { launcher: 'reference' } : {}) },
    endpoint,
    client: () => {
      throw new Error('not in this test');
    },
    stop: async () => void stopped.push(name),
    ...(h.exited?.[name] ? { exited: h.exited[name] } : {}),
  });
  const launcher = (name: string): Launcher => ({
    name,
    start: async (o) => {
      o.log?.('listening');
      const fails = h.startFails?.[name];
      if (fails !== undefined) throw new Error(fails);
      started.push(name);
      return target(name, 'http://127.0.0.1:9324');
    },
  });
  const runner: RunnerApi = {
    runSuites:
      h.runSuites ??
      (async (o) => {
        runCalls.push(o);
        o.onProgress?.({ kind: 'start', total: 2 });
        o.onProgress?.({ kind: 'scenario-done', property: 'visibility', passed: false, done: 1, total: 2 });
        o.onProgress?.({ kind: 'shrinking', property: 'visibility', step: 1 });
        o.onProgress?.({ kind: 'scenario-done', property: 'send-receive-delete', passed: true, done: 2, total: 2 });
        const name = o.target.profile.name;
        const r = h.reports?.[name] ?? h.report ?? conformantReport();
        return { ...r, seed: o.seed, target: { ...r.target, name } };
      }),
  };
  const targets: TargetApi = {
    launcherFor: (name) => (launcherNames.includes(name) || name === 'endpoint' ? launcher(name) : undefined),
    endpointTarget: async ({ endpoint, profile }) => {
      const r = h.endpoint ?? { ok: true };
      if (!r.ok) return r;
      const ep = endpoint ?? (typeof profile === 'object' ? profile.endpoint : undefined) ?? 'none';
      started.push(`endpoint:${ep}`);
      return { ok: true, target: target('endpoint', ep) };
    },
    defaultWorkDir: () => '/work/x/.peers',
    loadProfile: (name) => {
      if (name === 'aws') return { ...PROFILE, name: 'aws', endpoint: 'https://sqs.us-east-1.amazonaws.com', realAws: true };
      if (name === 'my-moto') return { ...PROFILE, name: 'my-moto', launcher: 'moto' };
      throw new Error(`unknown target "${name}" (known: aws, my-moto)`);
    },
    launcherNames,
    ...(h.installs ? { installPeer: async (name: string) => h.installs![name] } : {}),
  };
  const io: CliIO = {
    stdout: { write: (s: string) => (out += s), isTTY: h.stdoutTTY ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    env: h.env ?? {},
    cwd: h.cwd ?? '/work/x',
    now: () => (t += 10),
    randomSeed: () => 123456,
    mkdir: async () => {},
    writeFile: async (file, content) => {
      if (h.writeFails) throw new Error('EACCES: permission denied');
      files.set(file, content);
    },
    readFile: async (file) => {
      const f = files.get(file);
      if (f === undefined) throw Object.assign(new Error(`ENOENT: no such file, open '${file}'`), { code: 'ENOENT' });
      return f;
    },
    wallClock: () => Date.parse('2025-06-07T08:09:10Z'),
    cpus: () => 2,
    onSignal: (fn) => {
      handler = fn;
      return () => {
        handler = undefined;
      };
    },
    exitNow: (code) => void exitNow.push(code),
  };
  const deps: CliDeps = {
    version: '9.9.9',
    loadSuites: async () => SUITES,
    loadRunner: async () => {
      if (h.runnerMissing) throw new Error("Cannot find module '../runner/index.js'");
      return runner;
    },
    loadTargets: async () => targets,
    loadServer: async () => {
      throw new Error('no server in this test');
    },
  };
  return { io, deps, stdout: () => out, stderr: () => err, files, runCalls, started, stopped, signal: (name) => handler?.(name), exitNow };
}
