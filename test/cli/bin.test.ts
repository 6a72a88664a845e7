// The built command (bin/sqs-conformance.js → dist/src/cli/main.js): usage errors are one line on
// stderr with exit 2 and nothing before them; --version, --help and usage errors answer without
// loading the AWS SDK. Needs `npm run build` (npm install runs it through `postprepare`); skipped when
// dist/ has no CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/sqs-conformance.js`;
const built = existsSync(`${root}dist/src/cli/main.js`);

/** A module hook that reports on stderr every AWS SDK or Smithy module the process resolves. */
const RESOLVE_HOOK = `export async function resolve(s, c, next) {
  const r = await next(s, c);
  if (/node_modules\\/@(aws-sdk|smithy)\\//.test(r.url)) process.stderr.write('SDK-LOADED ' + r.url + '\\n');
  return r;
}`;
const SDK_PROBE = `data:text/javascript,${encodeURIComponent(`import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(RESOLVE_HOOK)}`)});`)}`;

/** Runs the built command; `sdk` tells whether it loaded any AWS SDK module (those lines are not in `stderr`). */
function cli(...args: string[]): { code: number | null; stdout: string; stderr: string; sdk: boolean } {
  const r = spawnSync(process.execPath, ['--import', SDK_PROBE, bin, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  const lines = r.stderr.split(/(?<=\n)/);
  const stderr = lines.filter((l) => !l.startsWith('SDK-LOADED ')).join('');
  return { code: r.status, stdout: r.stdout, stderr, sdk: stderr.length !== r.stderr.length };
}

describe.skipIf(!built)('bin/sqs-conformance.js', () => {
  it.each([
    [['run', '--concurrency', 'abc'], "--concurrency must be an integer, got 'abc'"],
    [['run', '--endpoint', 'http://x', '--target', 'y'], '--endpoint and --target cannot be used together'],
    [['run', '--frobnicate'], "unknown option '--frobnicate'"],
    [['run', '--strictness', 'loose'], "unknown strictness 'loose'"],
    [['run', '--report', 'pdf'], "unknown report kind 'pdf'"],
    [['run', '--replay', 'send-receive:3:0:1'], "--replay names unknown property 'send-receive' (properties: visibility, "],
    [['run', '--replay', 'nope'], '(e.g. visibility#0:3:1)'],
    [['run', '--property', 'nope'], "unknown property 'nope'"],
    [['run', '--target', 'nope'], 'unknown target'],
    [['check', 'missing.jsonl'], 'cannot read missing.jsonl'],
    [['frob'], "unknown command 'frob'"],
  ])('%j → exit 2, one line', (args, text) => {
    const r = cli(...args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^sqs-conformance: error: /);
    expect(lines[0]).toContain(text);
  });

  it('help, version, suites and usage errors load no AWS SDK module', () => {
    for (const args of [['--help'], ['--version'], [], ['run', '--seed', 'x'], ['run', '--replay', 'nope'], ['matrix', '--suite', 'nope'], ['suites']]) {
      expect(cli(...args).sdk, args.join(' ')).toBe(false);
    }
    // The probe sees the SDK when a command does load it (looking up a target profile).
    expect(cli('run', '--target', 'nope').sdk).toBe(true);
  });

  it('a bare command prints the help, exit 0', () => {
    const r = cli();
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: sqs-conformance \[options\] \[command\]/);
    expect(r.stderr).toBe('');
  });

  it('suites lists the kit’s suites with their actions and properties', () => {
    const r = cli('suites');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lifecycle  .*\n  needs .*\n  actions +CreateQueue, .*ReceiveMessage/);
    expect(r.stdout).toMatch(/\n    body +Bodies with /);
    expect(r.stdout).toContain('Run one property: npx sqs-conformance run --suite lifecycle --property visibility');
  });

  it('an unreachable endpoint is one line and exit 2', () => {
    const r = cli('run', '--endpoint', 'http://127.0.0.1:1', '--seed', '1');
    expect(r.code).toBe(2);
    const errors = r.stderr.split('\n').filter((l) => l.includes('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^sqs-conformance: error: .*127\.0\.0\.1:1/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--version prints the package version', () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as { version: string };
    const r = cli('--version');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${pkg.version}\n`);
  });

  it('--help lists the commands', () => {
    const r = cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/run \[options\][\s\S]*suites/);
  });
});
