// The built command as a user meets it (bin/sqs-conformance.js, child processes, real signals):
// an endpoint that is not SQS or never answers is one line and exit 2 within seconds, with no
// report; SIGINT/SIGTERM at several moments gives exit 130 and reports (every format) that say
// INTERRUPTED and judge nothing unfinished; after SIGKILL, `cleanup --run ID` deletes the run's
// queues and nothing else. Needs `npm run build` (skipped when dist/ has no CLI).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Server as NetServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPort, loadProfile, RUN_TAG_KEY } from '../../src/target/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const root = fileURLToPath(new URL('../../', import.meta.url));
const bin = `${root}bin/sqs-conformance.js`;
const built = existsSync(`${root}dist/src/cli/main.js`);
const figures: string[] = [];

interface Child {
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>;
  startedMs: number;
}

/** The built CLI in its own process group (so a signal can go to the whole group, as a terminal's Ctrl-C does). */
function cli(args: string[]): Child {
  const proc = spawn(process.execPath, [bin, ...args], { cwd: root, detached: true, env: { ...process.env, NO_COLOR: '1', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
  let out = '';
  let err = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const startedMs = Date.now();
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; atMs: number }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal, atMs: Date.now() })));
  return { proc, stdout: () => out, stderr: () => err, exit, startedMs };
}

const until = async (cond: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
};

/** `sqs-conformance serve --port 0` as a child; its URL from stdout. */
async function serve(): Promise<{ url: string; stop: () => Promise<void> }> {
  const c = cli(['serve', '--port', '0']);
  await until(() => /http:\/\/\S+/.test(c.stdout()), 15_000);
  const url = /http:\/\/\S+/.exec(c.stdout())![0].replace(/\/+$/, '');
  return { url, stop: async () => void (c.proc.kill('SIGINT'), await c.exit) };
}

/** `serve` for the tests of one describe block. */
function serveDuring(): { readonly url: string } {
  let running: { url: string; stop: () => Promise<void> } | undefined;
  beforeAll(async () => {
    running = await serve();
  });
  afterAll(async () => {
    await running?.stop();
  });
  return {
    get url() {
      return running!.url;
    },
  };
}

async function queues(url: string): Promise<string[]> {
  const port = createPort(loadProfile('reference'), url);
  const r = await port.call('ListQueues', {});
  port.close();
  return r.type === 'ok' && Array.isArray(r.value.QueueUrls) ? (r.value.QueueUrls as string[]).map((u) => u.slice(u.lastIndexOf('/') + 1)).sort() : [];
}

const runIdOf = (stderr: string): string | undefined => /sqs-conformance: run ([A-Za-z0-9_-]+) \(queues/.exec(stderr)?.[1];

describe.skipIf(!built)('an endpoint that is not SQS, or never answers', () => {
  let http404: HttpServer;
  let silent: NetServer;
  const held: Socket[] = [];
  let url404 = '';
  let urlSilent = '';
  beforeAll(async () => {
    http404 = createHttpServer((_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>'));
    await new Promise<void>((r) => http404.listen(0, '127.0.0.1', r));
    url404 = `http://127.0.0.1:${(http404.address() as AddressInfo).port}`;
    silent = createNetServer((s) => void held.push(s));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    urlSilent = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of held) s.destroy();
    await new Promise<void>((r) => http404.close(() => r()));
    await new Promise<void>((r) => silent.close(() => r()));
  });

  it('an HTTP server that is not SQS: one line, exit 2, within seconds, no report written', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sqsc-404-')), 'report');
    const c = cli(['run', '--endpoint', url404, '--suite', 'lifecycle', '--seed', '1', '--out', out]);
    const { code, atMs } = await c.exit;
    const took = atMs - c.startedMs;
    figures.push(`404 endpoint: exit ${code} after ${(took / 1000).toFixed(1)} s`);
    expect(code).toBe(2);
    const errors = c.stderr().split('\n').filter((l) => l.startsWith('sqs-conformance: error:'));
    expect(errors).toEqual([`sqs-conformance: error: ${url404} answered HTTP 404 to CreateQueue: not an SQS endpoint (speaking AWS JSON 1.0)?`]);
    expect(c.stdout()).toBe('');
    expect(existsSync(out)).toBe(false);
    expect(took).toBeLessThan(10_000);
  }, 30_000);

  it('a port that accepts connections and never answers: one line, exit 2, within seconds', async () => {
    const c = cli(['run', '--endpoint', urlSilent, '--suite', 'lifecycle', '--seed', '1', '--out', join(mkdtempSync(join(tmpdir(), 'sqsc-hung-')), 'report')]);
    const { code, atMs } = await c.exit;
    const took = atMs - c.startedMs;
    figures.push(`hung endpoint: exit ${code} after ${(took / 1000).toFixed(1)} s`);
    expect(code).toBe(2);
    expect(c.stderr()).toContain(`sqs-conformance: error: ${urlSilent} did not answer CreateQueue within 4 s: not an SQS endpoint, or not answering?`);
    expect(took).toBeLessThan(15_000);
  }, 30_000);

  it('SIGTERM while it waits on a port that never answers: out within seconds, exit 130', async () => {
    const c = cli(['run', '--endpoint', urlSilent, '--suite', 'lifecycle', '--seed', '1', '--out', join(mkdtempSync(join(tmpdir(), 'sqsc-hung-')), 'report')]);
    await new Promise((r) => setTimeout(r, 2_000));
    const sent = Date.now();
    c.proc.kill('SIGTERM');
    const { code, atMs } = await c.exit;
    figures.push(`hung endpoint, SIGTERM at 2 s: exit ${code} ${((atMs - sent) / 1000).toFixed(1)} s after the signal`);
    expect(code).toBe(130);
    expect(atMs - sent).toBeLessThan(6_000);
  }, 30_000);
});

describe.skipIf(!built)('interrupting a run against `serve`', () => {
  const server = serveDuring();

  const cases: { atMs: number; signal: NodeJS.Signals; group: boolean }[] = [
    { atMs: 1_000, signal: 'SIGINT', group: false },
    { atMs: 5_000, signal: 'SIGTERM', group: false },
    { atMs: 12_000, signal: 'SIGINT', group: true },
  ];
  for (const k of cases) {
    it(`${k.signal} at ${k.atMs / 1000} s${k.group ? ' to the whole process group' : ''}: exit 130, every report says INTERRUPTED, nothing unfinished judged, no queue left`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sqsc-int-'));
      const c = cli(['run', '--endpoint', server.url, '--suite', 'lifecycle', '--seed', '1', '--report', 'text,json,junit,md,html', '--out', dir, '--no-color']);
      await new Promise((r) => setTimeout(r, k.atMs));
      const sent = Date.now();
      if (k.group) process.kill(-c.proc.pid!, k.signal);
      else c.proc.kill(k.signal);
      const { code, atMs } = await c.exit;
      figures.push(`${k.signal} at ${k.atMs / 1000} s${k.group ? ' (group)' : ''}: exit ${code} ${((atMs - sent) / 1000).toFixed(1)} s after the signal`);
      expect(code, c.stderr()).toBe(130);
      expect(atMs - sent).toBeLessThan(10_000);
      const json = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as {
        verdict: string;
        interrupted: boolean;
        runId: string;
        divergences: unknown[];
        properties: { property: string; status: string; passed: boolean }[];
      };
      expect(json.verdict).toBe('interrupted');
      expect(json.interrupted).toBe(true);
      expect(json.runId).toBe(runIdOf(c.stderr()));
      // Nothing blamed on the server: no divergence from a cut-short history or a cleanup racing a drain.
      expect(json.divergences).toEqual([]);
      // Retention needs more than 60 s: never passed.
      expect(json.properties.find((p) => p.property === 'retention#0')?.status).toBe('not-run');
      expect(json.properties.every((p) => p.status === 'passed' || p.status === 'not-run')).toBe(true);
      expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toMatch(/verdict +INTERRUPTED/);
      expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toMatch(/not run/);
      expect(readFileSync(join(dir, 'report.md'), 'utf8')).toContain('INTERRUPTED');
      expect(readFileSync(join(dir, 'report.junit.xml'), 'utf8')).toContain('value="INTERRUPTED"');
      expect(readFileSync(join(dir, 'report.html'), 'utf8')).toContain('INTERRUPTED');
      expect((await queues(server.url)).filter((q) => q.startsWith(`sqsc-${json.runId}-`))).toEqual([]);
    }, 60_000);
  }
});

describe.skipIf(!built)('SIGKILL, then cleanup', () => {
  const server = serveDuring();

  it('cleanup --run deletes the killed run’s queues (prefix and tag) and nothing else', async () => {
    const admin = createPort(loadProfile('reference'), server.url);
    // Foreign queues: no kit prefix; the kit's prefix but no tag; another run's, tagged.
    await admin.call('CreateQueue', { QueueName: 'orders' });
    await admin.call('CreateQueue', { QueueName: 'sqsc-lookalike-1' });
    await admin.call('CreateQueue', { QueueName: 'sqsc-zzz-q', tags: { [RUN_TAG_KEY]: 'zzz' } });
    admin.close();
    const c = cli(['run', '--endpoint', server.url, '--suite', 'lifecycle', '--seed', '2', '--out', mkdtempSync(join(tmpdir(), 'sqsc-kill-'))]);
    await new Promise((r) => setTimeout(r, 6_000));
    c.proc.kill('SIGKILL');
    await c.exit;
    const runId = runIdOf(c.stderr());
    expect(runId, c.stderr()).toBeDefined();
    const mine = (list: string[]) => list.filter((q) => q.startsWith(`sqsc-${runId}-`));
    const leftByKill = mine(await queues(server.url));
    expect(leftByKill.length).toBeGreaterThan(0);

    const dry = cli(['cleanup', '--run', runId!, '--endpoint', server.url, '--dry-run']);
    expect((await dry.exit).code).toBe(0);
    for (const q of leftByKill) expect(dry.stdout()).toContain(`would delete: ${q}`);
    expect(mine(await queues(server.url))).toEqual(leftByKill);

    const real = cli(['cleanup', '--run', runId!, '--endpoint', server.url]);
    expect((await real.exit).code, real.stderr()).toBe(0);
    for (const q of leftByKill) expect(real.stdout()).toContain(`deleted: ${q}`);
    const after = await queues(server.url);
    expect(mine(after)).toEqual([]);
    expect(after).toEqual(expect.arrayContaining(['orders', 'sqsc-lookalike-1', 'sqsc-zzz-q']));
    figures.push(`SIGKILL at 6 s left ${leftByKill.length} queue(s); cleanup --run deleted them, 3 foreign queues kept`);

    // Every run: the other run's tagged queue would go, the untagged look-alike stays.
    const all = cli(['cleanup', '--all-runs', '--endpoint', server.url, '--dry-run']);
    expect((await all.exit).code).toBe(0);
    expect(all.stdout()).toContain('would delete: sqsc-zzz-q');
    expect(all.stdout()).toMatch(/left alone: sqsc-lookalike-1 +\(no sqs-conformance:run tag/);
    expect(all.stdout()).not.toContain('orders');
  }, 60_000);
});

afterAll(() => {
  if (figures.length > 0) console.log(['CLI figures:', ...figures].join('\n  '));
});
