// The built command (bin/sqs-conformance.js → dist/src/cli/main.js): usage errors are one line on
// stderr with exit 2, --version and --help answer without loading the runner. Needs `npm run build`
// (npm install runs it through `prepare`); skipped when dist/ has no CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/sqs-conformance.js`;
const built = existsSync(`${root}dist/src/cli/main.js`);

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!built)('bin/sqs-conformance.js', () => {
  it.each([
    [['run', '--concurrency', 'abc'], "--concurrency must be an integer, got 'abc'"],
    [['run', '--endpoint', 'http://x', '--target', 'y'], '--endpoint and --target cannot be used together'],
    [['run', '--frobnicate'], "unknown option '--frobnicate'"],
    [['run', '--strictness', 'loose'], "unknown strictness 'loose'"],
    [['run', '--report', 'pdf'], "unknown report kind 'pdf'"],
    [[], 'missing command'],
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
