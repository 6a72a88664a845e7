// `run` with a fake runner, targets and I/O: exit codes, files, progress, Ctrl-C; and `suites`, help, version.
import { describe, expect, it } from 'vitest';
import { EXIT, runCli, useColor } from '../../src/cli/index.js';
import type { RunReport } from '../../src/runner/types.js';
import { conformantReport, divergentReport } from '../report/fixtures.js';
import { harness, type Harness, type HarnessOptions } from './harness.js';

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
    expect(h.runCalls[0]).toMatchObject({ only: ['lifecycle'], seed: 123456, concurrency: 32, strictness: 'typical' });
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
      only: ['lifecycle'],
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
    ['unknown replay property', ['run', '--replay', 'zzz:1'], {}, /--replay names unknown property 'zzz' \(properties: send-receive-delete, visibility, codes; see: npx sqs-conformance suites\)/],
    ['malformed replay, with a real property as the example', ['run', '--replay', 'nocolon'], {}, /--replay must be PROPERTY#INSTANCE:PATH .*\(e\.g\. send-receive-delete#0:3:1\), got 'nocolon'/],
    ['unknown property', ['run', '--suite', 'errors', '--property', 'visibility'], {}, /unknown property 'visibility' \(properties: codes;/],
    ['replay of a property outside --suite', ['run', '--suite', 'errors', '--replay', 'visibility#1:0'], {}, /unknown property 'visibility'/],
    ['unknown target', ['run', '--target', 'nope'], {}, /unknown target "nope" \(known: aws, my-moto\)/],
    ['both endpoint and target', ['run', '--endpoint', 'http://x', '--target', 'moto'], {}, /cannot be used together/],
    ['unreachable endpoint', ['run', '--endpoint', 'http://127.0.0.1:1'], { endpoint: { ok: false, error: 'cannot reach http://127.0.0.1:1: connection refused' } }, /error: cannot reach http:\/\/127\.0\.0\.1:1: connection refused$/],
    ['target that fails to start', ['run', '--target', 'moto'], { startFails: { moto: 'pip install failed\n  at line 3' } }, /target 'moto' failed to start: pip install failed at line 3/],
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
      // Nothing of the run (the seed line) is printed before an error that stops it from starting.
      if (!['runner throws', 'reports cannot be written'].includes(name)) expect(h.stderr()).not.toContain('seed ');
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
  it('lists each suite: description, capabilities, actions, properties; and a command that runs one', async () => {
    const h = harness();
    expect(await runCli(['suites'], h.io, h.deps)).toBe(0);
    expect(h.stdout()).toBe(
      [
        'lifecycle  the lifecycle suite',
        '  needs       no capability beyond the basics',
        '  actions     SendMessage, ReceiveMessage',
        '  properties',
        '    send-receive-delete  what send-receive-delete generates (2 scenarios)',
        '                         sends nothing of its own',
        '    visibility           what visibility generates (2 scenarios)',
        '                         sends nothing of its own',
        '',
        'errors  the errors suite',
        '  needs       no capability beyond the basics',
        '  actions     SendMessage, ReceiveMessage',
        '  properties',
        '    codes  what codes generates (2 scenarios)',
        '           sends nothing of its own',
        '',
        'Run one property: npx sqs-conformance run --suite lifecycle --property send-receive-delete',
        '',
      ].join('\n'),
    );
  });

  it('names the capabilities a suite or a property needs', async () => {
    const { renderSuites } = await import('../../src/cli/index.js');
    const { fakeSuite } = await import('./harness.js');
    const fifo = fakeSuite('fifo', ['order'], { requires: ['fifo'] });
    const text = renderSuites([{ ...fifo, properties: [{ ...fifo.properties[0]!, requires: ['dlq'], runs: 1 }] }]);
    expect(text).toContain('  needs       fifo\n');
    expect(text).toContain('order  what order generates (1 scenario; needs dlq)');
  });

  it('a bare command prints the help (exit 0)', async () => {
    const h = harness();
    expect(await runCli([], h.io, h.deps)).toBe(0);
    expect(h.stdout()).toMatch(/^Usage: sqs-conformance \[options\] \[command\][\s\S]*Commands:[\s\S]*run/);
    expect(h.stderr()).toBe('');
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
