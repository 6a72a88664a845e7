// Parsing the command line (PURE): run's and matrix's shared flags, their defaults and one-line
// errors, help and version, and the resolution of --suite, --property and --replay against the suites.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONCURRENCY, DEFAULT_CONFIRM, RUN_DEFAULTS, parseCli, parseReplay, resolveSelection, targetArgs, type RunCommandOptions } from '../../src/cli/index.js';
import { shellArg } from '../../src/runner/index.js';
import { fakeSuite } from './harness.js';

const SUITES = [fakeSuite('lifecycle', ['send-receive', 'visibility']), fakeSuite('errors', ['bad-params', 'shared']), fakeSuite('other', ['shared'])];

/** `run`'s arguments alone: the options or the one-line error. */
function parseRunArgs(argv: string[]): { ok: true; options: RunCommandOptions } | { ok: false; error: string } {
  const c = parseCli(['run', ...argv], '0.0.0');
  if (c.kind === 'command') return { ok: true, options: c.options as RunCommandOptions };
  return { ok: false, error: c.kind === 'error' ? c.error : 'printed' };
}

function bad(argv: string[]): string {
  const r = parseRunArgs(argv);
  expect(r.ok, `${argv.join(' ')} should fail`).toBe(false);
  if (r.ok) throw new Error('unreachable');
  expect(r.error).not.toMatch(/\n/);
  expect(r.error.length).toBeGreaterThan(5);
  expect(r.error).not.toMatch(/^error:/);
  expect(r.error).not.toMatch(/\bat .*\.(js|ts):\d+/); // no stack frames
  return r.error;
}

describe('parseRunArgs: defaults and good input', () => {
  it('has defaults: reference server, random seed, text+json', () => {
    const r = parseRunArgs([]);
    expect(r).toEqual({
      ok: true,
      options: { concurrency: DEFAULT_CONCURRENCY, confirm: DEFAULT_CONFIRM, reports: ['text', 'json'], out: RUN_DEFAULTS.out, color: true },
    });
  });

  it('reads every flag', () => {
    const r = parseRunArgs([
      '--endpoint', 'http://localhost:4566/',
      '--region', 'eu-west-1',
      '--suite', 'lifecycle,errors',
      '--seed', '-12',
      '--concurrency', '8',
      '--runs', '20',
      '--strictness', 'guaranteed',
      '--report', 'json,junit,md',
      '--out', 'reports',
      '--replay', 'visibility:3:0:1',
      '--property', 'visibility,delay',
      '--shrink-budget', '30',
      '--work-dir', 'w',
      '--confirm', '0',
      '--no-color',
    ]);
    expect(r).toEqual({
      ok: true,
      options: {
        endpoint: 'http://localhost:4566',
        region: 'eu-west-1',
        suites: ['lifecycle', 'errors'],
        seed: -12,
        concurrency: 8,
        runs: 20,
        strictness: 'guaranteed',
        reports: ['json', 'junit', 'md'],
        out: 'reports',
        replay: 'visibility:3:0:1',
        properties: ['visibility', 'delay'],
        timeBudgetMs: 30_000,
        workDir: 'w',
        confirm: 0,
        color: false,
      },
    });
  });

  it('accepts repeated --suite and --report, and --flag=value', () => {
    const r = parseRunArgs(['--suite', 'lifecycle', '--suite=errors', '--report', 'text', '--report', 'md,text', '--target=localstack']);
    expect(r.ok && r.options.suites).toEqual(['lifecycle', 'errors']);
    expect(r.ok && r.options.reports).toEqual(['text', 'md']);
    expect(r.ok && r.options.target).toBe('localstack');
  });
});

describe('parseRunArgs: every bad input is one line', () => {
  const cases: Array<[string[], RegExp]> = [
    [['--concurrency', 'abc'], /--concurrency must be an integer, got 'abc'/],
    [['--concurrency', '0'], /--concurrency must be between 1 and 256/],
    [['--confirm', '11'], /--confirm must be between 0 and 10/],
    [['--confirm', '-1'], /--confirm must be between 0 and 10/],
    [['--concurrency', '1.5'], /--concurrency must be an integer/],
    [['--concurrency', '1e3'], /--concurrency must be an integer/],
    [['--concurrency', '0x10'], /--concurrency must be an integer/],
    [['--seed', 'abc'], /--seed must be an integer/],
    [['--seed', '99999999999'], /--seed must be between/],
    [['--runs', '-1'], /--runs must be between 1 and/],
    [['--runs', ''], /--runs must be an integer/],
    [['--shrink-budget', 'soon'], /--shrink-budget must be an integer/],
    [['--strictness', 'loose'], /unknown strictness 'loose' \(choose from guaranteed, typical\)/],
    [['--report', 'pdf'], /unknown report kind 'pdf' \(choose from text, json, junit, md, html\)/],
    [['--report', 'text,pdf,xml'], /unknown report kind 'pdf', 'xml'/],
    [['--report', ','], /--report needs at least one of/],
    [['--suite', ','], /--suite needs at least one name/],
    [['--property', 'a b'], /--property must be a name/],
    [['--suite', 'a b'], /--suite must be a name/],
    [['--endpoint', 'http://x', '--target', 'moto'], /--endpoint and --target cannot be used together/],
    [['--endpoint', 'not a url'], /--endpoint must be an http\(s\) URL/],
    [['--endpoint', 'ftp://host'], /--endpoint must be an http\(s\) URL/],
    [['--endpoint', 'http://key:secret@host'], /must not carry credentials/],
    [['--region', 'us-east-1'], /--region applies only with --endpoint/],
    [['--endpoint', 'http://x', '--region', 'US EAST'], /--region must look like us-east-1/],
    [['--target', '../etc'], /--target must be a name/],
    [['--out', ''], /--out needs a folder/],
    [['--frobnicate'], /unknown option '--frobnicate'/],
    [['--sede', '1'], /unknown option '--sede'.*Did you mean --seed\?/],
    [['--seed'], /option '--seed <n>' argument missing/],
    [['extra'], /too many arguments/],
  ];
  for (const [argv, re] of cases) {
    it(argv.join(' ') || '(empty)', () => {
      expect(bad(argv)).toMatch(re);
    });
  }

  it('quotes hostile values without control characters', () => {
    const e = bad(['--seed', '\u001b[2J1']);
    expect(e).not.toContain('\u001b');
  });
});

describe('parseCli', () => {
  it('prints help and version', () => {
    const h = parseCli(['--help'], '1.2.3');
    expect(h.kind).toBe('print');
    expect(h.kind === 'print' && h.text).toMatch(/Usage: sqs-conformance/);
    const rh = parseCli(['run', '--help'], '1.2.3');
    expect(rh.kind === 'print' && rh.text).toMatch(/--concurrency <k>/);
    expect(parseCli(['--version'], '1.2.3')).toEqual({ kind: 'print', text: '1.2.3\n' });
    expect(parseCli(['-V'], '1.2.3')).toEqual({ kind: 'print', text: '1.2.3\n' });
  });

  it('knows suites, prints the help for no command, and rejects unknown commands in one line', () => {
    expect(parseCli(['suites'], '1')).toEqual({ kind: 'command', name: 'suites', options: {} });
    expect(parseCli(['frob'], '1')).toEqual({ kind: 'error', error: "unknown command 'frob'" });
    expect(parseCli([], '1')).toMatchObject({ kind: 'print', text: expect.stringMatching(/^Usage: sqs-conformance/) });
    expect(parseCli(['suites', 'x'], '1').kind).toBe('error');
  });

  it('matrix shares run’s flags (one definition, own defaults)', () => {
    const m = parseCli(['matrix', '--suite', 'lifecycle', '--property', 'visibility', '--seed', '3', '--strictness', 'guaranteed', '--report', 'json', '--targets', 'a,b', '--parallel', '2'], '1');
    expect(m).toEqual({
      kind: 'command',
      name: 'matrix',
      options: { suites: ['lifecycle'], properties: ['visibility'], seed: 3, strictness: 'guaranteed', concurrency: DEFAULT_CONCURRENCY, confirm: DEFAULT_CONFIRM, reports: ['json'], out: './sqs-conformance-report/matrix', targets: ['a', 'b'], parallel: 2, updateBaselines: false },
    });
    for (const flag of ['--seed', '--concurrency', '--runs', '--shrink-budget']) {
      const run = parseCli(['run', flag, 'x'], '1');
      const matrix = parseCli(['matrix', flag, 'x'], '1');
      expect(matrix, flag).toEqual(run);
    }
  });
});

describe('resolveSelection', () => {
  it('defaults to every suite the target supports (no --suite passed on)', () => {
    expect(resolveSelection({}, SUITES)).toEqual({ ok: true, value: { names: ['lifecycle', 'errors', 'other'] } });
  });
  it('rejects unknown suites and properties, listing the known ones', () => {
    expect(resolveSelection({ suites: ['lifecycle', 'nope'] }, SUITES)).toEqual({ ok: false, error: "unknown suite 'nope' (known: lifecycle, errors, other)" });
    expect(resolveSelection({ suites: ['lifecycle'], properties: ['shared'] }, SUITES)).toEqual({
      ok: false,
      error: "unknown property 'shared' (properties: send-receive, visibility; see: npx sqs-conformance suites)",
    });
    expect(resolveSelection({ properties: ['shared'] }, SUITES)).toEqual({ ok: true, value: { names: ['lifecycle', 'errors', 'other'], properties: ['shared'] } });
  });
  it('does not take prototype names for suites', () => {
    expect(resolveSelection({ suites: ['constructor'] }, SUITES).ok).toBe(false);
  });
  it('narrows a replay to its property’s suite', () => {
    expect(resolveSelection({ replay: 'visibility:1' }, SUITES)).toEqual({ ok: true, value: { names: ['lifecycle'], only: ['lifecycle'], replay: { property: 'visibility', path: '1' } } });
    expect(resolveSelection({ replay: 'visibility#3:0' }, SUITES)).toMatchObject({ ok: true, value: { only: ['lifecycle'], replay: { property: 'visibility#3', path: '0' } } });
    expect(resolveSelection({ replay: 'nope:1' }, SUITES).ok).toBe(false);
    expect(resolveSelection({ suites: ['errors'], replay: 'visibility:1' }, SUITES)).toMatchObject({ ok: false, error: expect.stringMatching(/^--replay names unknown property 'visibility' \(properties: bad-params, shared;/) });
    expect(resolveSelection({ replay: 'shared:1' }, SUITES)).toMatchObject({ ok: false, error: expect.stringMatching(/several suites/) });
    expect(resolveSelection({ suites: ['other'], replay: 'shared:1' }, SUITES)).toMatchObject({ ok: true, value: { only: ['other'] } });
  });
  it('a malformed --replay names a real property in its example', () => {
    for (const bad of ['nocolon', ':1:2', 'prop:1:x', 'visibility#x:0']) {
      const r = resolveSelection({ suites: ['errors'], replay: bad }, SUITES);
      expect(r.ok, bad).toBe(false);
      expect(!r.ok && r.error).toMatch(/^--replay (must be PROPERTY#INSTANCE:PATH .*e\.g\. bad-params#0:3:1|path must be numbers)/);
      expect(!r.ok && r.error).not.toContain('send-receive');
    }
  });
});

describe('parseReplay', () => {
  it('splits at the first colon; the instance is optional', () => {
    expect(parseReplay('visibility#3:0:1', 'x')).toEqual({ ok: true, value: { property: 'visibility#3', path: '0:1' } });
    expect(parseReplay('p:0', 'x')).toEqual({ ok: true, value: { property: 'p', path: '0' } });
    expect(parseReplay('lifecycle.visibility:12:0:3', 'x')).toEqual({ ok: true, value: { property: 'lifecycle.visibility', path: '12:0:3' } });
  });
});

describe('targetArgs', () => {
  it('names the target as the user did, quoting what a shell would split', () => {
    expect(targetArgs({})).toBe('');
    expect(targetArgs({ target: 'reference' })).toBe('');
    expect(targetArgs({ target: 'fauxqs' })).toBe(' --target fauxqs');
    expect(targetArgs({ endpoint: 'http://h:1', region: 'eu-west-1' })).toBe(' --endpoint http://h:1 --region eu-west-1');
    expect(targetArgs({ endpoint: 'http://h:1/?a=1&b=2' })).toBe(" --endpoint 'http://h:1/?a=1&b=2'");
    expect(shellArg("it's")).toBe("'it'\\''s'");
    expect(shellArg('visibility#3:0:1')).toBe("'visibility#3:0:1'");
    expect(shellArg('')).toBe("''");
  });
});
