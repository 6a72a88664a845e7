// `check HISTORY.jsonl`: a recorded history judged offline with the registered suites.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kitDeps, parseCli, runCli, type CliIO } from '../../src/cli/index.js';
import { toJsonl } from '../../src/history/index.js';
import { visibilityScenario } from '../../conformance/suites/lifecycle/scenarios.js';
import fc from 'fast-check';
import { engineHistory as simulate } from '../support/engine-histories.js';

function io(): CliIO & { out: string; err: string } {
  const sink = { out: '', err: '' };
  return Object.assign(sink, {
    stdout: { write: (s: string) => ((sink.out += s), true), isTTY: false },
    stderr: { write: (s: string) => ((sink.err += s), true), isTTY: false },
    env: {},
    cwd: '/',
    readFile: (f: string) => readFile(f, 'utf8'),
  }) as unknown as CliIO & { out: string; err: string };
}

const deps = kitDeps('0.0.0');

describe('sqs-conformance check HISTORY.jsonl', () => {
  it('judges a recorded history offline: conformant 0, divergent 1, unreadable 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sqsc-check-'));
    const [scenario] = fc.sample(visibilityScenario.filter((s) => s.processes.flat().some((x) => x.op === 'send')), { seed: 3, numRuns: 1 });
    const history = await simulate(scenario!, { seed: 3, strictness: 'typical' });
    history.header.target = 'reference';
    const good = join(dir, 'good.jsonl');
    await writeFile(good, toJsonl(history));
    const a = io();
    expect(await runCli(['check', good], a, deps)).toBe(0);
    expect(a.out).toContain('CONFORMANT');

    const send = history.ops.find((o) => o.type === 'ok' && o.f === 'SendMessage')!;
    (send.value as Record<string, unknown>).MD5OfMessageBody = '0'.repeat(32);
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, toJsonl(history));
    const b = io();
    expect(await runCli(['check', bad], b, deps)).toBe(1);
    expect(b.out).toContain('message.md5-mismatch');

    const junk = join(dir, 'junk.jsonl');
    await writeFile(junk, 'not json\n');
    const c = io();
    expect(await runCli(['check', junk], c, deps)).toBe(2);
    expect(c.err.trim().split('\n')).toHaveLength(1);
  });

  it('rejects a bad strictness and a missing file argument', () => {
    expect(parseCli(['check', 'h.jsonl', '--strictness', 'loose'], '1')).toEqual({ kind: 'error', error: "unknown strictness 'loose' (choose from guaranteed, typical)" });
    expect(parseCli(['check'], '1')).toEqual({ kind: 'error', error: "missing required argument 'history'" });
  });
});
