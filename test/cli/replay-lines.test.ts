// Every replay line a report prints runs as printed: split as a shell splits it and parsed by the
// CLI's own parser, it gives back the target, suite, seed, strictness and counterexample it names.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitDeps, parseCommandLine, runCli, shellWords, targetArgs, type CliIO, type RunCommandOptions } from '../../src/cli/index.js';
import { KIT_COMMAND, replayCommand, shellArg } from '../../src/runner/index.js';
import type { RunReport } from '../../src/runner/types.js';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';

function runOptionsOf(line: string): RunCommandOptions {
  expect(line.startsWith(`${KIT_COMMAND} run `), line).toBe(true);
  const parsed = parseCommandLine(line);
  if (parsed.kind !== 'command' || parsed.name !== 'run') throw new Error(`${line}: ${JSON.stringify(parsed)}`);
  return parsed.options as RunCommandOptions;
}

describe('replay lines', () => {
  it('quote what a shell would split or expand, and parse back to the same values', () => {
    for (const [endpoint, property, seed] of [
      ['http://127.0.0.1:4566', 'visibility#3', 7],
      ["http://h:1/?a=1&b=2 it's", 'long-poll#12', -2147483648],
      ['https://sqs.eu-west-1.amazonaws.com', 'body#0', 4294967295],
    ] as const) {
      const line = replayCommand({ targetArgs: targetArgs({ endpoint, region: 'eu-west-1' }), suite: 'lifecycle', seed, strictness: 'guaranteed', property, path: '3:0:1' });
      const o = runOptionsOf(line);
      expect(o).toMatchObject({ endpoint, region: 'eu-west-1', suites: ['lifecycle'], seed, strictness: 'guaranteed', replay: `${property}:3:0:1` });
    }
    expect(replayCommand({ targetArgs: targetArgs({ target: 'fauxqs' }), suite: 'lifecycle', seed: 1, strictness: 'typical', property: 'visibility#2', path: '0' })).toBe(
      "npx sqs-conformance run --target fauxqs --suite lifecycle --seed 1 --strictness typical --replay 'visibility#2:0'",
    );
  });

  it('shellWords splits as a POSIX shell does', () => {
    expect(shellWords(`a 'b c' "d \\"e\\" $f" g\\ h 'i'\\''j' ''`)).toEqual(['a', 'b c', 'd "e" $f', 'g h', "i'j", '']);
    for (const w of ['plain', 'with space', "it's", 'a#b', '', '$HOME', '*', 'x;y', 'a\\b']) expect(shellWords(shellArg(w))).toEqual([w]);
  });

  describe('of a real run (embedded reference server, one property)', () => {
    let server: ReferenceServer;
    let report: RunReport;
    let text = '';
    beforeAll(async () => {
      server = await startReferenceServer({ host: '127.0.0.1', port: 0 });
      const dir = await mkdtemp(join(tmpdir(), 'sqsc-replay-'));
      const io: CliIO = {
        stdout: { write: (s: string) => (text += s) },
        stderr: { write: () => true },
        env: {},
        cwd: dir,
        now: () => performance.now(),
        randomSeed: () => 1,
        mkdir: async () => {},
        writeFile: async () => {},
        readFile: (f) => readFile(f, 'utf8'),
        onSignal: () => () => {},
        exitNow: () => {},
      };
      let json = '';
      io.writeFile = async (f, c) => void (f.endsWith('report.json') ? (json = c) : undefined);
      const code = await runCli(['run', '--endpoint', server.url, '--region', 'us-east-1', '--property', 'body', '--runs', '2', '--seed', '-5', '--report', 'json,text', '--out', 'r'], io, kitDeps('0.0.0'));
      expect(code).toBe(0);
      report = JSON.parse(json) as RunReport;
    }, 60_000);
    afterAll(async () => {
      await server?.stop();
    });

    it('every property’s replay line names the same target, seed and instance', () => {
      expect(report.properties.map((p) => p.property)).toEqual(['body#0', 'body#1']);
      for (const p of report.properties) {
        const o = runOptionsOf(p.replay);
        expect(o).toMatchObject({ endpoint: server.url, region: 'us-east-1', suites: [p.suite], seed: -5, strictness: report.strictness });
        expect(o.replay).toMatch(new RegExp(`^${p.property}:\\d+(:\\d+)*$`));
      }
    });

    it('the printed report lists what was left out and why', () => {
      expect(text).toMatch(/\nNot run\n  lifecycle\/visibility, delay, .*  not selected \(--property\)\n/);
    });
  });
});
