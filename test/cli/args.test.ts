import { describe, expect, it } from 'vitest';
import { DEFAULTS, parseCli, parseReplay, parseRunArgs, resolveSuites, shellArg, targetArgs, type SuiteTable } from '../../src/cli/index.js';

const SUITES: SuiteTable = {
  lifecycle: { description: 'send, receive, delete', properties: ['send-receive', 'visibility'] },
  errors: { description: 'error codes', properties: ['bad-params', 'shared'] },
  other: { description: 'x', properties: ['shared'] },
};

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
      options: { concurrency: DEFAULTS.concurrency, reports: ['text', 'json'], out: DEFAULTS.out, color: true },
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
      '--shrink-budget', '30',
      '--work-dir', 'w',
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
        replay: { property: 'visibility', path: '3:0:1' },
        timeBudgetMs: 30_000,
        workDir: 'w',
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
    [['--suite', ','], /--suite needs at least one suite name/],
    [['--suite', 'a b'], /--suite must be a name/],
    [['--endpoint', 'http://x', '--target', 'moto'], /--endpoint and --target cannot be used together/],
    [['--endpoint', 'not a url'], /--endpoint must be an http\(s\) URL/],
    [['--endpoint', 'ftp://host'], /--endpoint must be an http\(s\) URL/],
    [['--endpoint', 'http://key:secret@host'], /must not carry credentials/],
    [['--region', 'us-east-1'], /--region applies only with --endpoint/],
    [['--endpoint', 'http://x', '--region', 'US EAST'], /--region must look like us-east-1/],
    [['--target', '../etc'], /--target must be a name/],
    [['--replay', 'nocolon'], /--replay must be PROPERTY:PATH/],
    [['--replay', 'prop:1:x'], /--replay path must be numbers/],
    [['--replay', ':1:2'], /--replay must be PROPERTY:PATH/],
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

  it('knows suites and rejects unknown or missing commands in one line', () => {
    expect(parseCli(['suites'], '1')).toEqual({ kind: 'suites' });
    expect(parseCli(['frob'], '1')).toEqual({ kind: 'error', error: "unknown command 'frob'" });
    expect(parseCli([], '1')).toEqual({ kind: 'error', error: "missing command (try 'sqs-conformance --help')" });
    const e = parseCli(['suites', 'x'], '1');
    expect(e.kind).toBe('error');
  });
});

describe('resolveSuites', () => {
  it('defaults to every suite', () => {
    expect(resolveSuites({}, SUITES)).toEqual({ ok: true, value: ['lifecycle', 'errors', 'other'] });
  });
  it('rejects unknown suites, listing the known ones', () => {
    expect(resolveSuites({ suites: ['lifecycle', 'nope'] }, SUITES)).toEqual({
      ok: false,
      error: "unknown suite 'nope' (known: lifecycle, errors, other)",
    });
  });
  it('does not take prototype names for suites', () => {
    expect(resolveSuites({ suites: ['constructor'] }, SUITES).ok).toBe(false);
  });
  it('narrows a replay to its property’s suite', () => {
    expect(resolveSuites({ replay: { property: 'visibility', path: '1' } }, SUITES)).toEqual({ ok: true, value: ['lifecycle'] });
    expect(resolveSuites({ replay: { property: 'nope', path: '1' } }, SUITES).ok).toBe(false);
    expect(resolveSuites({ suites: ['errors'], replay: { property: 'visibility', path: '1' } }, SUITES)).toEqual({
      ok: false,
      error: "property 'visibility' is not in suite 'errors'",
    });
    expect(resolveSuites({ replay: { property: 'shared', path: '1' } }, SUITES)).toMatchObject({ ok: false, error: expect.stringMatching(/several suites/) });
    expect(resolveSuites({ suites: ['other'], replay: { property: 'shared', path: '1' } }, SUITES)).toEqual({ ok: true, value: ['other'] });
  });
});

describe('parseReplay', () => {
  it('accepts a property instance (NAME#N), as the runner prints it', () => {
    expect(parseReplay('visibility#3:0:1')).toEqual({ ok: true, value: { property: 'visibility#3', path: '0:1' } });
    expect(parseReplay('visibility#x:0').ok).toBe(false);
    expect(resolveSuites({ replay: { property: 'visibility#3', path: '0' } }, SUITES)).toEqual({ ok: true, value: ['lifecycle'] });
  });

  it('parses the replay commands the runner prints', () => {
    for (const line of [
      'sqs-conformance run --suite lifecycle --seed 7 --strictness typical --replay visibility#3:0:1',
      'sqs-conformance run --target fauxqs --suite lifecycle --seed -7 --strictness guaranteed --replay send-receive#0:2',
      'sqs-conformance run --endpoint http://127.0.0.1:4566 --region us-east-1 --suite lifecycle --seed 7 --strictness typical --replay visibility#0:0',
    ]) {
      const c = parseCli(line.split(' ').slice(1), '1');
      expect(c.kind, line).toBe('run');
    }
  });

  it('splits at the first colon', () => {
    expect(parseReplay('p:0')).toEqual({ ok: true, value: { property: 'p', path: '0' } });
    expect(parseReplay('lifecycle.visibility:12:0:3')).toEqual({ ok: true, value: { property: 'lifecycle.visibility', path: '12:0:3' } });
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
  });
});
