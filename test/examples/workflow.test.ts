// The example GitHub Actions workflow (examples/github-actions/sqs-conformance.yml) calls only real
// commands and flags: every `npx sqs-conformance …` line of its `run:` steps, with the workflow's
// env values put in and the shell's redirections left out, is parsed and validated by the CLI's own
// parser. The files later steps read are the ones the kit writes, and its queues file loads.
// (scripts/actionlint.sh lints the workflow itself.)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/index.js';
import { REPORT_FILES } from '../../src/report/index.js';
import { parseQueuesFile } from '../../src/server/index.js';

const dir = fileURLToPath(new URL('../../examples/github-actions/', import.meta.url));
const workflow = readFileSync(`${dir}sqs-conformance.yml`, 'utf8');

/** The text of every `run:` step: a one-line value, or the indented lines of a `|` block. */
function runScripts(yaml: string): string[] {
  const lines = yaml.split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(?:- )?run:\s*(.*)$/.exec(lines[i]!);
    if (!m) continue;
    if (m[2] !== '|' && m[2] !== '>') {
      out.push(m[2]!);
      continue;
    }
    const body: string[] = [];
    const indent = m[1]!.length;
    while (i + 1 < lines.length && (lines[i + 1]!.trim() === '' || lines[i + 1]!.search(/\S/) > indent)) body.push(lines[++i]!.trim());
    out.push(body.join('\n'));
  }
  return out;
}

/** `KEY: value` lines of the workflow's `env:` blocks. */
function envValues(yaml: string): Record<string, string> {
  const env: Record<string, string> = {};
  const lines = yaml.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)env:\s*$/.exec(lines[i]!);
    if (!m) continue;
    while (i + 1 < lines.length && lines[i + 1]!.search(/\S/) > m[1]!.length) {
      const kv = /^\s*([A-Z_][A-Z0-9_]*):\s*(.*?)\s*$/.exec(lines[++i]!);
      if (kv) env[kv[1]!] = kv[2]!.replace(/^(['"])(.*)\1$/, '$2');
    }
  }
  return env;
}

/** The sqs-conformance command lines, as the shell would pass them: variables expanded, redirections and `&` dropped. */
function kitCommands(yaml: string): string[] {
  const env = envValues(yaml);
  return runScripts(yaml)
    .flatMap((script) => script.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l.startsWith('npx sqs-conformance'))
    .map((l) =>
      l
        .replace(/\$\{?([A-Z_][A-Z0-9_]*)\}?/g, (whole, name: string) => env[name] ?? whole)
        .replace(/\s+\d?>>?\s*\S+/g, '')
        .replace(/\s+2>&1/g, '')
        .replace(/\s*&$/, ''),
    );
}

describe('examples/github-actions/sqs-conformance.yml', () => {
  const commands = kitCommands(workflow);

  it('starts a server, runs the suites and checks settings with the kit', () => {
    expect(commands.map((c) => c.split(' ')[2])).toEqual(['serve', 'run', 'check-settings']);
  });

  it.each(commands)('%s: the CLI parses and accepts it', (line) => {
    expect(line).not.toMatch(/\$/); // every variable had a value in the workflow's env
    const parsed = parseCommandLine(line);
    expect(parsed).toMatchObject({ kind: 'command' });
  });

  it('serves with a queues file that loads, logs requests, and waits on the route the server answers', () => {
    const serve = parseCommandLine(commands[0]!);
    expect(serve).toMatchObject({ kind: 'command', name: 'serve', options: { port: 9324, queues: 'sqs-queues.json', log: 'requests' } });
    expect(parseQueuesFile(readFileSync(`${dir}sqs-queues.json`, 'utf8'))).toMatchObject({ ok: true });
    expect(workflow).toContain('curl -fsS "$SQS_ENDPOINT/health"');
    expect(envValues(workflow).SQS_ENDPOINT).toBe('http://127.0.0.1:9324');
  });

  it('asks for every report the later steps read, under the names the kit writes', () => {
    const run = parseCommandLine(commands[1]!);
    expect(run).toMatchObject({ kind: 'command', name: 'run' });
    const options = (run as { options: { reports: string[]; out: string } }).options;
    expect([...options.reports].sort()).toEqual(['html', 'json', 'junit', 'md', 'text']);
    expect(options.out).toBe('sqs-conformance-report');
    expect(workflow).toContain(`"$REPORT_DIR/${REPORT_FILES.md}" >> "$GITHUB_STEP_SUMMARY"`);
    expect(workflow).toContain(`report_paths: sqs-conformance-report/${REPORT_FILES.junit}`);
  });

  it('writes the settings SARIF that the upload step reads', () => {
    expect(parseCommandLine(commands[2]!)).toMatchObject({ kind: 'command', name: 'check-settings', options: { format: 'sarif', out: 'settings.sarif' } });
    expect(workflow).toMatch(/upload-sarif@v\d+\n\s+with:\n\s+sarif_file: settings\.sarif/);
  });

  it('a command that is not the kit’s is refused by the same check (the test can fail)', () => {
    expect(parseCommandLine('npx sqs-conformance run --reports junit')).toMatchObject({ kind: 'error' });
    expect(parseCommandLine('npx sqs-conformance serve --log everything')).toMatchObject({ kind: 'error' });
  });
});
