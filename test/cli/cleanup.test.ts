// `cleanup` with a fake runner and targets (the real one runs in test/cli/trust.timed.test.ts), and
// what `run` prints and writes when the target is not SQS or when it starts: its run id.
import { describe, expect, it } from 'vitest';
import { EXIT, runCli, type CliDeps } from '../../src/cli/index.js';
import type { CleanupItem, CleanupScope } from '../../src/runner/index.js';
import { TargetUnusableError } from '../../src/runner/probe.js';
import { conformantReport } from '../report/fixtures.js';
import { harness } from './harness.js';

function withCleanup(deps: CliDeps, items: CleanupItem[], calls: { scope: CleanupScope; dryRun?: boolean }[]): CliDeps {
  return {
    ...deps,
    loadRunner: async () => ({
      ...(await deps.loadRunner()),
      cleanup: async (_target, scope, o) => {
        calls.push({ scope, ...(o.dryRun !== undefined ? { dryRun: o.dryRun } : {}) });
        return items.map((i) => (o.dryRun || i.action === 'keep' ? i : { ...i, outcome: { status: 'deleted' as const } }));
      },
    }),
  };
}

const ITEMS: CleanupItem[] = [
  { url: 'http://h/0/sqsc-abc123-visibility-0-0', name: 'sqsc-abc123-visibility-0-0', run: 'abc123', action: 'delete' },
  { url: 'http://h/0/sqsc-lookalike', name: 'sqsc-lookalike', run: null, action: 'keep', reason: 'no sqs-conformance:run tag: not made by the kit' },
];

describe('cleanup', () => {
  it.each([
    [['cleanup', '--endpoint', 'http://127.0.0.1:9324'], 'cleanup needs --run ID (printed when a run starts) or --all-runs'],
    [['cleanup', '--run', 'abc'], 'cleanup needs --endpoint URL or --target NAME (the server the run used)'],
    [['cleanup', '--run', 'abc', '--all-runs', '--endpoint', 'http://x'], '--run and --all-runs cannot be used together'],
    [['cleanup', '--run', 'a b', '--endpoint', 'http://x'], "--run must be a run id (letters, digits, _ and -), got 'a b'"],
  ])('%j → one line, exit 2', async (args, text) => {
    const h = harness();
    expect(await runCli(args, h.io, h.deps)).toBe(EXIT.usage);
    expect(h.stderr()).toBe(`sqs-conformance: error: ${text}\n`);
  });

  it('--dry-run lists what it would delete and what it leaves alone, deletes nothing', async () => {
    const h = harness();
    const calls: { scope: CleanupScope; dryRun?: boolean }[] = [];
    const code = await runCli(['cleanup', '--run', 'abc123', '--endpoint', 'http://127.0.0.1:9324', '--dry-run'], h.io, withCleanup(h.deps, ITEMS, calls));
    expect(code).toBe(EXIT.conformant);
    expect(calls).toEqual([{ scope: { run: 'abc123' }, dryRun: true }]);
    expect(h.stdout()).toBe('would delete: sqsc-abc123-visibility-0-0  (run abc123)\nleft alone: sqsc-lookalike  (no sqs-conformance:run tag: not made by the kit)\n');
    expect(h.stderr()).toContain('run abc123: 1 queue to delete, 1 left alone');
  });

  it('deletes every kit queue of every run with --all-runs', async () => {
    const h = harness();
    const calls: { scope: CleanupScope; dryRun?: boolean }[] = [];
    const code = await runCli(['cleanup', '--all-runs', '--endpoint', 'http://127.0.0.1:9324'], h.io, withCleanup(h.deps, ITEMS, calls));
    expect(code).toBe(EXIT.conformant);
    expect(calls).toEqual([{ scope: { allRuns: true }, dryRun: false }]);
    expect(h.stdout()).toContain('deleted: sqsc-abc123-visibility-0-0');
    expect(h.stderr()).toContain('every kit run: 1 queue deleted, 1 left alone');
  });
});

describe('run', () => {
  it('prints its run id before anything is created, with the cleanup command', async () => {
    const h = harness({
      runSuites: async (o) => {
        o.onProgress?.({ kind: 'run', runId: 'abc123', prefix: 'sqsc-abc123-', cleanup: 'npx sqs-conformance cleanup --run abc123 --endpoint http://x' });
        return { ...conformantReport(), runId: 'abc123' };
      },
    });
    expect(await runCli(['run', '--report', 'json'], h.io, h.deps)).toBe(EXIT.conformant);
    expect(h.stderr()).toContain('sqs-conformance: run abc123 (queues sqsc-abc123-*); if it is killed: npx sqs-conformance cleanup --run abc123 --endpoint http://x');
    expect(JSON.parse(h.files.get('/work/x/sqs-conformance-report/report.json')!).runId).toBe('abc123');
  });

  it('a target that is not SQS: its one line, exit 2, no report written', async () => {
    const h = harness({
      runSuites: async () => {
        throw new TargetUnusableError('http://127.0.0.1:8080 answered HTTP 404 to CreateQueue: not an SQS endpoint (speaking AWS JSON 1.0)?');
      },
    });
    expect(await runCli(['run', '--endpoint', 'http://127.0.0.1:8080'], h.io, h.deps)).toBe(EXIT.usage);
    expect(h.stderr()).toContain('sqs-conformance: error: http://127.0.0.1:8080 answered HTTP 404 to CreateQueue: not an SQS endpoint (speaking AWS JSON 1.0)?\n');
    expect(h.stderr()).not.toContain('the run failed');
    expect(h.files.size).toBe(0);
  });
});
