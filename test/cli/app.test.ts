// The CLI flow with fake runner, target and I/O: exit codes, files, progress, Ctrl-C.
import { describe, expect, it } from 'vitest';
import { EXIT, runCli, useColor, type CliDeps, type CliIO, type CliRunOptions, type RunnerApi, type TargetApi } from '../../src/cli/index.js';
import type { RunReport } from '../../src/runner/types.js';
import type { Launcher, RunningTarget, TargetProfile } from '../../src/target/types.js';
import { conformantReport, divergentReport } from '../report/fixtures.js';

const PROFILE: TargetProfile = {
  name: 'reference',
  protocol: 'json',
  region: 'us-east-1',
  capabilities: [],
  flags: {},
  tolerance: { epsilonMs: 50, wideEpsilonMs: 500, clockSkewMs: 1000, retentionSlackMs: 1000, wakeMs: 200 },
  defaultStrictness: 'typical',
};

interface Harness {
  io: CliIO;
  deps: CliDeps;
  stdout: () => string;
  stderr: () => string;
  files: Map<string, string>;
  runCalls: CliRunOptions[];
  stopped: string[];
  started: string[];
  signal: (name: string) => void;
  exitNow: number[];
}

interface HarnessOptions {
  report?: RunReport;
  runSuites?: (o: CliRunOptions) => Promise<RunReport>;
  startFails?: string;
  endpoint?: { ok: true } | { ok: false; error: string };
  runnerMissing?: boolean;
  writeFails?: boolean;
  stdoutTTY?: boolean;
  env?: Record<string, string>;
}

function harness(h: HarnessOptions = {}): Harness {
  let out = '';
  let err = '';
  const files = new Map<string, string>();
  const runCalls: CliRunOptions[] = [];
  const stopped: string[] = [];
  const started: string[] = [];
  const exitNow: number[] = [];
  let handler: ((s: string) => void) | undefined;
  let t = 0;
  const target = (name: string, endpoint: string): RunningTarget => ({
    profile: { ...PROFILE, name },
    endpoint,
    client: () => {
      throw new Error('not in this test');
    },
    stop: async () => {
      stopped.push(name);
    },
  });
  const launcher = (name: string): Launcher => ({
    name,
    start: async (o) => {
      o.log?.('listening');
      if (h.startFails) throw new Error(h.startFails);
      started.push(name);
      return target(name, 'http://127.0.0.1:9324');
    },
  });
  const runner: RunnerApi = {
    SUITES: { lifecycle: { description: 'lifecycle', properties: ['send-receive-delete', 'visibility'] }, errors: { description: 'errors', properties: ['codes'] } },
    runSuites:
      h.runSuites ??
      (async (o) => {
        runCalls.push(o);
        o.onProgress?.({ kind: 'start', total: 2 });
        o.onProgress?.({ kind: 'scenario-done', property: 'visibility', passed: false, done: 1, total: 2 });
        o.onProgress?.({ kind: 'shrinking', property: 'visibility', step: 1 });
        o.onProgress?.({ kind: 'scenario-done', property: 'send-receive-delete', passed: true, done: 2, total: 2 });
        return { ...(h.report ?? conformantReport()), seed: o.seed };
      }),
  };
  const targets: TargetApi = {
    launcherFor: (name) => (['reference', 'moto'].includes(name) ? launcher(name) : undefined),
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
  };
  const io: CliIO = {
    stdout: { write: (s: string) => (out += s), isTTY: h.stdoutTTY ?? false },
    stderr: { write: (s: string) => (err += s), isTTY: false },
    env: h.env ?? {},
    cwd: '/work/x',
    now: () => (t += 10),
    randomSeed: () => 123456,
    mkdir: async () => {},
    writeFile: async (file, content) => {
      if (h.writeFails) throw new Error('EACCES: permission denied');
      files.set(file, content);
    },
    onSignal: (fn) => {
      handler = fn;
      return () => {
        handler = undefined;
      };
    },
    exitNow: (code) => {
      exitNow.push(code);
    },
  };
  const deps: CliDeps = {
    version: '9.9.9',
    loadRunner: async () => {
      if (h.runnerMissing) throw new Error("Cannot find module '../runner/index.js'");
      return runner;
    },
    loadTargets: async () => targets,
  };
  return {
    io,
    deps,
    stdout: () => out,
    stderr: () => err,
    files,
    runCalls,
    stopped,
    started,
    exitNow,
    signal: (name) => handler?.(name),
  };
}

const oneErrorLine = (stderr: string): string => {
  const lines = stderr.split('\n').filter((l) => l.startsWith('sqs-conformance: error:'));
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  return lines[0]!;
};

describe('runCli run', () => {
  it('defaults to the reference server, a printed random seed, text on stdout and text+json files; exit 0', async () => {
    const h = harness();
    const code = await runCli(['run', '--suite', 'lifecycle'], h.io, h.deps);
    expect(code).toBe(EXIT.conformant);
    expect(h.started).toEqual(['reference']);
    expect(h.stopped).toEqual(['reference']);
    expect(h.runCalls[0]).toMatchObject({ suites: ['lifecycle'], seed: 123456, concurrency: 32, strictness: 'typical' });
    expect(h.runCalls[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(h.stderr()).toContain('seed 123456 (rerun with --seed 123456)');
    expect(h.stderr()).toContain('[reference] listening');
    expect(h.stderr()).toContain('running 2 scenarios');
    expect(h.stderr()).toContain('visibility: counterexample found');
    expect(h.stderr()).toContain('visibility: shrinking the counterexample');
    expect(h.stdout()).toContain('CONFORMANT');
    expect(h.stdout()).not.toMatch(/\u001b/);
    expect([...h.files.keys()]).toEqual(['/work/x/sqs-conformance-report/report.txt', '/work/x/sqs-conformance-report/report.json']);
    expect(JSON.parse(h.files.get('/work/x/sqs-conformance-report/report.json')!).seed).toBe(123456);
  });

  it('passes every option through and exits 1 on divergence, with the replay command on stdout', async () => {
    const h = harness({ report: divergentReport() });
    const code = await runCli(
      ['run', '--target', 'moto', '--seed', '7', '--concurrency', '2', '--runs', '5', '--strictness', 'guaranteed', '--replay', 'visibility:3:0:1', '--shrink-budget', '9', '--report', 'text,junit,md', '--out', 'r'],
      h.io,
      h.deps,
    );
    expect(code).toBe(EXIT.divergent);
    expect(h.runCalls[0]).toMatchObject({
      suites: ['lifecycle'],
      seed: 7,
      concurrency: 2,
      runs: 5,
      strictness: 'guaranteed',
      replay: { property: 'visibility', path: '3:0:1' },
      timeBudgetMs: 9000,
      targetArgs: ' --target moto',
    });
    expect(h.stdout()).toContain('replay:  sqs-conformance run --target elastic --suite lifecycle --seed 7 --replay visibility:3:0:1');
    // The reports asked for, plus the counterexample's history for `sqs-conformance check`.
    const files = [...h.files.keys()].sort();
    expect(files.filter((f) => !f.includes('/histories/'))).toEqual(['/work/x/r/report.junit.xml', '/work/x/r/report.md', '/work/x/r/report.txt']);
    expect(files.filter((f) => f.includes('/histories/')).every((f) => f.endsWith('.jsonl'))).toBe(true);
  });

  it('does not print text to stdout when text is not asked for', async () => {
    const h = harness();
    expect(await runCli(['run', '--report', 'json'], h.io, h.deps)).toBe(0);
    expect(h.stdout()).toBe('');
    expect(h.stderr()).toContain('report.json');
  });

  it('colours stdout on a terminal unless --no-color or NO_COLOR', async () => {
    const h1 = harness({ stdoutTTY: true });
    await runCli(['run'], h1.io, h1.deps);
    expect(h1.stdout()).toMatch(/\u001b\[/);
    expect(h1.files.get('/work/x/sqs-conformance-report/report.txt')).not.toMatch(/\u001b/);
    const h2 = harness({ stdoutTTY: true });
    await runCli(['run', '--no-color'], h2.io, h2.deps);
    expect(h2.stdout()).not.toMatch(/\u001b/);
    expect(useColor(true, true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(true, false, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(true, true, { TERM: 'dumb' })).toBe(false);
  });

  it('uses an endpoint with the default region, or a profile with an endpoint or a launcher', async () => {
    const h = harness();
    expect(await runCli(['run', '--endpoint', 'http://localhost:4566'], h.io, h.deps)).toBe(0);
    expect(h.started).toEqual(['endpoint:http://localhost:4566']);
    const h2 = harness();
    expect(await runCli(['run', '--target', 'aws'], h2.io, h2.deps)).toBe(0);
    expect(h2.started).toEqual(['endpoint:https://sqs.us-east-1.amazonaws.com']);
    const h3 = harness();
    expect(await runCli(['run', '--target', 'my-moto'], h3.io, h3.deps)).toBe(0);
    expect(h3.started).toEqual(['moto']);
  });

  it('exits 2 on an unknown verdict', async () => {
    const h = harness({ report: { ...conformantReport(), verdict: 'unknown' } });
    expect(await runCli(['run'], h.io, h.deps)).toBe(EXIT.usage);
  });
});

describe('runCli errors: one line, exit 2', () => {
  const cases: Array<[string, string[], HarnessOptions, RegExp]> = [
    ['bad number', ['run', '--concurrency', 'abc'], {}, /--concurrency must be an integer, got 'abc'/],
    ['unknown suite', ['run', '--suite', 'nope'], {}, /unknown suite 'nope' \(known: lifecycle, errors\)/],
    ['unknown replay property', ['run', '--replay', 'zzz:1'], {}, /unknown property 'zzz'/],
    ['unknown target', ['run', '--target', 'nope'], {}, /unknown target "nope" \(known: aws, my-moto\)/],
    ['both endpoint and target', ['run', '--endpoint', 'http://x', '--target', 'moto'], {}, /cannot be used together/],
    ['unreachable endpoint', ['run', '--endpoint', 'http://127.0.0.1:1'], { endpoint: { ok: false, error: 'cannot reach http://127.0.0.1:1: connection refused' } }, /error: cannot reach http:\/\/127\.0\.0\.1:1: connection refused$/],
    ['target that fails to start', ['run', '--target', 'moto'], { startFails: 'pip install failed\n  at line 3' }, /target 'moto' failed to start: pip install failed at line 3/],
    ['runner missing', ['run'], { runnerMissing: true }, /cannot load the runner: Cannot find module/],
    ['runner throws', ['run'], { runSuites: async () => { throw new Error('boom'); } }, /the run failed: boom/],
    ['reports cannot be written', ['run'], { writeFails: true }, /cannot write the reports to \/work\/x\/sqs-conformance-report: EACCES/],
    ['unknown command', ['frob'], {}, /unknown command 'frob'/],
  ];
  for (const [name, argv, opts, re] of cases) {
    it(name, async () => {
      const h = harness(opts);
      const code = await runCli(argv, h.io, h.deps);
      expect(code).toBe(EXIT.usage);
      expect(oneErrorLine(h.stderr())).toMatch(re);
      // Only a failure to write files comes after the text report went to stdout.
      if (name !== 'reports cannot be written') expect(h.stdout()).toBe('');
      // whatever was started is stopped
      expect(h.stopped.length).toBe(h.started.length);
    });
  }
});

describe('runCli interrupt', () => {
  it('aborts the runner on SIGINT, writes what it has and exits 130', async () => {
    let h!: Harness;
    h = harness({
      runSuites: async (o) =>
        new Promise<RunReport>((resolve) => {
          o.signal?.addEventListener('abort', () => resolve({ ...divergentReport(), properties: divergentReport().properties.slice(0, 1) }));
          setTimeout(() => h.signal('SIGINT'), 5);
        }),
    });
    const code = await runCli(['run', '--report', 'json'], h.io, h.deps);
    expect(code).toBe(EXIT.interrupted);
    expect(h.stopped).toEqual(['reference']);
    expect(h.files.has('/work/x/sqs-conformance-report/report.json')).toBe(true);
    expect(h.stderr()).toContain('SIGINT: stopping and cleaning up queues');
    expect(h.stderr()).toContain('interrupted: the reports cover only what ran');
  });

  it('a second signal leaves at once', async () => {
    let h!: Harness;
    h = harness({
      runSuites: async (o) =>
        new Promise<RunReport>((resolve) => {
          setTimeout(() => {
            h.signal('SIGTERM');
            h.signal('SIGTERM');
            resolve(conformantReport());
          }, 5);
          void o;
        }),
    });
    expect(await runCli(['run'], h.io, h.deps)).toBe(EXIT.interrupted);
    expect(h.exitNow).toEqual([130]);
  });

  it('exits 130 when the runner gives up after the abort', async () => {
    let h!: Harness;
    h = harness({
      runSuites: async (o) =>
        new Promise<RunReport>((_resolve, reject) => {
          o.signal?.addEventListener('abort', () => reject(new Error('aborted')));
          setTimeout(() => h.signal('SIGINT'), 5);
        }),
    });
    expect(await runCli(['run'], h.io, h.deps)).toBe(EXIT.interrupted);
    expect(h.stopped).toEqual(['reference']);
  });
});

describe('runCli suites, help, version', () => {
  it('lists suites and properties', async () => {
    const h = harness();
    expect(await runCli(['suites'], h.io, h.deps)).toBe(0);
    expect(h.stdout()).toBe('lifecycle  lifecycle\n  send-receive-delete\n  visibility\nerrors  errors\n  codes\n');
  });
  it('prints the version and help on stdout', async () => {
    const h = harness();
    expect(await runCli(['--version'], h.io, h.deps)).toBe(0);
    expect(h.stdout()).toBe('9.9.9\n');
    const h2 = harness();
    expect(await runCli(['--help'], h2.io, h2.deps)).toBe(0);
    expect(h2.stdout()).toMatch(/Commands:[\s\S]*run[\s\S]*suites/);
    expect(h2.stderr()).toBe('');
  });
});
