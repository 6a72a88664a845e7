// `npm run bench:server`: throughput and latency of SendMessage, ReceiveMessage and DeleteMessage
// with 1, 8 and 32 concurrent clients, against the reference server, fauxqs and local-aws-sqs in
// the same run, and a table with the reference's figures divided by each peer's. Prints figures;
// asserts nothing.
//
// Each server runs in a child process of its own (this file with `--serve NAME`), so the clients'
// work in this process does not share the server's event loop; the peers come from their launchers
// (src/target/launchers, installed into .peers/ on first use). Every server gets the same raw
// AWS JSON 1.0 requests over loopback HTTP with keep-alive (test/bench/load.ts), one queue per
// (server, concurrency) with a 1-hour visibility timeout. A phase is OPS requests of one kind:
// OPS sends, then receives of one message until OPS messages came back, then OPS deletes of their
// handles. A short warm-up of each kind precedes the measured phases.
// Options: --ops N (default 3000), --only reference,fauxqs.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createJsonCaller } from './load.js';

type ServerName = 'reference' | 'fauxqs' | 'local-aws-sqs';
const SERVERS: ServerName[] = ['reference', 'fauxqs', 'local-aws-sqs'];
const CONCURRENCY = [1, 8, 32] as const;
const PHASES = ['send', 'receive', 'delete'] as const;
type Phase = (typeof PHASES)[number];

// ------------------------------------------------------------------------------ server side

async function serve(name: ServerName): Promise<void> {
  let endpoint: string;
  let stop: () => Promise<void>;
  if (name === 'reference') {
    const { startReferenceServer } = await import('../../src/server/index.js');
    const s = await startReferenceServer();
    endpoint = s.url;
    stop = () => s.stop();
  } else {
    const { defaultWorkDir } = await import('../../src/target/index.js');
    const { launcherFor } = await import('../../src/server/index.js');
    const t = await launcherFor(name)!.start({ workDir: defaultWorkDir() });
    endpoint = t.endpoint;
    stop = () => t.stop();
  }
  process.send!({ endpoint });
  const quit = async () => {
    await stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('message', (m) => {
    if (m === 'stop') void quit();
  });
  process.on('disconnect', () => void quit());
}

// ------------------------------------------------------------------------------ client side

interface Figures {
  opsPerSec: number;
  p50: number;
  p99: number;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function startServer(name: ServerName): Promise<{ child: ChildProcess; endpoint: string }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', name], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name}: not ready in 300 s`)), 300_000);
    child.once('message', (m: { endpoint: string }) => {
      clearTimeout(timer);
      resolve({ child, endpoint: m.endpoint });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${code}): ${err.split('\n').filter((l) => !/Warning|node >=22|versions published|To continue|upgrade|a\.co|trace-warnings|^\s*$/.test(l)).slice(-3).join(' ')}`));
    });
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** Runs `ops` calls of `one` with `clients` concurrent loops; per-call latency in ms. */
async function phase(ops: number, clients: number, one: (i: number) => Promise<boolean>): Promise<Figures> {
  const lat = new Float64Array(ops);
  let next = 0;
  let done = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < ops) {
        const i = next++;
        const t = performance.now();
        if (!(await one(i))) {
          next--; // nothing done (an empty receive): try again
          continue;
        }
        lat[done++] = performance.now() - t;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const sorted = lat.subarray(0, done).sort();
  return { opsPerSec: done / seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

async function measure(endpoint: string, clients: number, ops: number, warmup: boolean): Promise<Record<Phase, Figures>> {
  const { call, close } = createJsonCaller(endpoint, clients);
  try {
    const name = `bench-${clients}-${warmup ? 'w' : 'm'}-${Date.now()}`;
    const created = await call('CreateQueue', JSON.stringify({ QueueName: name, Attributes: { VisibilityTimeout: '3600' } }));
    if (created.status !== 200) throw new Error(`CreateQueue: ${created.status} ${JSON.stringify(created.json)}`);
    const q = JSON.stringify(created.json.QueueUrl as string);
    const check = (r: { status: number; json: unknown }, what: string) => {
      if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
    };
    const send = await phase(ops, clients, async (i) => {
      check(await call('SendMessage', `{"QueueUrl":${q},"MessageBody":"bench message ${i} ${'x'.repeat(100)}"}`), 'SendMessage');
      return true;
    });
    const handles: string[] = [];
    let empty = 0;
    const receive = await phase(ops, clients, async () => {
      const r = await call('ReceiveMessage', `{"QueueUrl":${q},"MaxNumberOfMessages":1}`);
      check(r, 'ReceiveMessage');
      const m = (r.json as { Messages?: { ReceiptHandle: string }[] }).Messages?.[0];
      if (!m) {
        if (++empty > 1000) throw new Error('ReceiveMessage keeps coming back empty');
        return false;
      }
      handles.push(m.ReceiptHandle);
      return true;
    });
    const del = await phase(ops, clients, async (i) => {
      check(await call('DeleteMessage', `{"QueueUrl":${q},"ReceiptHandle":${JSON.stringify(handles[i])}}`), 'DeleteMessage');
      return true;
    });
    await call('DeleteQueue', `{"QueueUrl":${q}}`);
    return { send, receive, delete: del };
  } finally {
    close();
  }
}

function flagValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const ops = Number(flagValue('ops') ?? 3000);
  if (!Number.isSafeInteger(ops) || ops < 10) throw new Error('--ops must be an integer >= 10');
  const only = flagValue('only')?.split(',');
  const servers = SERVERS.filter((s) => !only || only.includes(s));
  const results = new Map<ServerName, Map<number, Record<Phase, Figures>> | string>();
  for (const name of servers) {
    process.stderr.write(`${name}: starting\n`);
    let started: { child: ChildProcess; endpoint: string };
    try {
      started = await startServer(name);
    } catch (e) {
      results.set(name, `unavailable: ${(e as Error).message}`);
      continue;
    }
    try {
      const byClients = new Map<number, Record<Phase, Figures>>();
      await measure(started.endpoint, 8, Math.min(500, ops), true); // warm-up
      for (const c of CONCURRENCY) {
        process.stderr.write(`${name}: ${c} client(s)\n`);
        byClients.set(c, await measure(started.endpoint, c, ops, false));
      }
      results.set(name, byClients);
    } catch (e) {
      results.set(name, `failed: ${(e as Error).message}`);
    } finally {
      await stopServer(started.child);
    }
  }
  console.log(render(results, ops));
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');

function render(results: Map<ServerName, Map<number, Record<Phase, Figures>> | string>, ops: number): string {
  const names = [...results.keys()];
  const ok = names.filter((n) => typeof results.get(n) !== 'string');
  const peers = ok.filter((n) => n !== 'reference');
  const ref = results.get('reference');
  const lines: string[] = [];
  lines.push(`Server benchmark: ${ops} requests per phase; throughput in requests/s, latency p50/p99 in ms (loopback, keep-alive, JSON 1.0).`);
  lines.push(`node ${process.version}; each server in its own process.`);
  for (const n of names) {
    const r = results.get(n);
    if (typeof r === 'string') lines.push(`${n}: ${r}`);
  }
  const header = ['op', 'clients', ...ok.flatMap((n) => [`${n} req/s`, 'p50', 'p99']), ...peers.flatMap((p) => [`ref÷${p} req/s`, 'p50', 'p99'])];
  const rows: string[][] = [];
  for (const op of PHASES) {
    for (const c of CONCURRENCY) {
      const row = [op, String(c)];
      for (const n of ok) {
        const f = (results.get(n) as Map<number, Record<Phase, Figures>>).get(c)![op];
        row.push(f0(f.opsPerSec), f2(f.p50), f2(f.p99));
      }
      for (const p of peers) {
        if (typeof ref === 'string' || ref === undefined) {
          row.push('—', '—', '—');
          continue;
        }
        const a = ref.get(c)![op];
        const b = (results.get(p) as Map<number, Record<Phase, Figures>>).get(c)![op];
        row.push(f2(a.opsPerSec / b.opsPerSec), f2(a.p50 / b.p50), f2(a.p99 / b.p99));
      }
      rows.push(row);
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((x, i) => (i < 2 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  lines.push('', fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(fmt));
  if (peers.length > 0) lines.push('', 'ratios: reference ÷ peer; req/s above 1 and latency below 1 mean the reference server is faster.');
  return lines.join('\n');
}

const serveName = flagValue('serve');
if (serveName !== undefined) {
  if (!(SERVERS as string[]).includes(serveName)) throw new Error(`unknown server ${serveName}`);
  await serve(serveName as ServerName);
} else {
  await main();
}
