// `npm run bench:server`: requests/s and p99 latency of SendMessage, SendMessageBatch (10),
// ReceiveMessage (1 and 10 messages) and DeleteMessage at 1, 8 and 32 keep-alive connections,
// for the reference server and each peer the launchers can start (goaws, fauxqs, ElasticMQ, moto,
// LocalStack, local-aws-sqs), measured in the same run by `wrk` (the Debian package) with one Lua
// script per action (test/bench/wrk/). Prints ONE table: per cell and server, requests/s and p99,
// and the reference's figures divided by each peer's. Prints figures; asserts nothing.
//
// Why wrk and not a Node client: a JavaScript client costs more CPU than the server it measures
// and hides it. wrk runs with ONE thread (-t1): on this 2-core machine it competes with the server
// for the cores, the same way for every server.
//
// Each server runs in a child process of its own (this file with `--serve NAME`); the peers come
// from their launchers (installed into .peers/ on first use). A peer that does not start is
// reported as unavailable and the others are measured. All servers run for the whole benchmark and
// the servers of one cell are measured one after the other (a burst of load from elsewhere on this
// shared machine then hits them alike); with --rounds N each cell keeps its best round. Besides
// req/s and p99, the CPU time of each server's process tree per request is shown: on a busy machine
// it moves much less than req/s. Per server and connection count:
// - send: SendMessage of a 120-byte body into a fresh queue;
// - batch: SendMessageBatch of 10 such bodies into a fresh queue;
// - receive: ReceiveMessage of 1 message, WaitTimeSeconds 0, on a queue with a 12-hour visibility
//   timeout pre-filled beyond what the cell takes (its send rate × 3), so every receive takes a
//   message (a cell whose queue ran dry is marked `dry`);
// - receive10: ReceiveMessage of 10, WaitTimeSeconds 0 and VisibilityTimeout 0 on a queue of 1,000
//   messages: they stay visible and the queue never runs dry (goaws ignores VisibilityTimeout 0:
//   its queue runs dry and the cell is marked `dry`);
// - delete: DeleteMessage with valid receipt handles, from a pool received beforehand (VisibilityTimeout
//   12 h), each used once; the pool is sized from the server's send rate at that connection count,
//   and a cell that used it up is marked `pool` (its later deletes named deleted messages).
// Non-2xx answers are counted and shown (`errors`).
// Options: --duration S (default 6), --rounds N (default 1), --only reference,goaws, --conns 1,8,32, --actions send,delete,
// --ceiling (adds `node-bare`, a bare node:http server doing JSON, MD5 and a UUID per SendMessage:
// the single-thread ceiling of node:http), --floor (adds `tcp-floor`, a TCP server answering every
// request with one fixed response: the p99 this machine and wrk add to any server), --baseline FILE (adds `baseline`: another build of the
// reference server, its dist/src/server/index.js, for before/after figures), --bun FILE (adds
// `reference-bun`: the reference server run by that Bun binary, e.g. from the npm package
// @oven/bun-linux-x64), --json FILE, --server-flags "FLAGS" (the Node flags of the reference and
// baseline children; default SERVER_NODE_FLAGS, the flags `serve` runs with; "" for Node's defaults).
import { execFile, fork, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../src/server/node-flags.js';
import { createJsonCaller } from './load.js';

const PEERS = ['goaws', 'fauxqs', 'elasticmq', 'moto', 'localstack', 'local-aws-sqs'] as const;
type ServerName = 'reference' | (typeof PEERS)[number] | 'node-bare' | 'tcp-floor' | 'baseline' | 'reference-bun';
const ALL_SERVERS: ServerName[] = ['reference', ...PEERS];
const ACTIONS = ['send', 'batch', 'receive', 'receive10', 'delete'] as const;
type ActionName = (typeof ACTIONS)[number];
const CONNS = [1, 8, 32];

/** The Lua scripts live beside the sources (dist/ holds only the compiled TypeScript). */
const SCRIPTS = fileURLToPath(new URL('../../../test/bench/wrk/', import.meta.url));
const AUTH = {
  'X-Amz-Date': '20250101T000000Z',
  Authorization:
    'AWS4-HMAC-SHA256 Credential=test/20250101/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, ' +
    'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
};

// ------------------------------------------------------------------------------ server side

async function serve(name: ServerName): Promise<void> {
  let endpoint: string;
  let stop: () => Promise<void>;
  if (name === 'reference') {
    const { startReferenceServer } = await import('../../src/server/index.js');
    const s = await startReferenceServer();
    endpoint = s.url;
    stop = () => s.stop();
  } else if (name === 'baseline') {
    // Another build of the reference server (before/after comparisons): --baseline <its dist/src/server/index.js>.
    const { startReferenceServer } = (await import(pathToFileURL(process.env.BENCH_BASELINE ?? '').href)) as typeof import('../../src/server/index.js');
    const s = await startReferenceServer();
    endpoint = s.url;
    stop = () => s.stop();
  } else if (name === 'node-bare') {
    ({ endpoint, stop } = await bareServer());
  } else if (name === 'tcp-floor') {
    ({ endpoint, stop } = await floorServer());
  } else {
    const { defaultWorkDir } = await import('../../src/target/index.js');
    const { launcherFor } = await import('../../src/server/index.js');
    const t = await launcherFor(name)!.start({ workDir: defaultWorkDir() });
    endpoint = t.endpoint;
    stop = () => t.stop();
  }
  const quit = async () => {
    await stop().catch(() => undefined);
    process.exit(0);
  };
  if (!process.send) {
    // Under another runtime (reference-bun): the endpoint on stdout, SIGTERM to stop.
    console.log(`endpoint ${endpoint}`);
    process.on('SIGTERM', () => void quit());
    return;
  }
  process.send({ endpoint });
  process.on('message', (m) => {
    if (m === 'stop') void quit();
  });
  process.on('disconnect', () => void quit());
}

/** The single-thread node:http ceiling: JSON, MD5 and a UUID per request, nothing else (send cells only). */
async function bareServer(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const { createServer } = await import('node:http');
  const { createHash, randomUUID } = await import('node:crypto');
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { MessageBody?: string };
      const body =
        req.headers['x-amz-target'] === 'AmazonSQS.CreateQueue'
          ? JSON.stringify({ QueueUrl: 'http://127.0.0.1/000000000000/bare' })
          : JSON.stringify({ MessageId: randomUUID(), MD5OfMessageBody: createHash('md5').update(input.MessageBody ?? '').digest('hex') });
      res.writeHead(200, { 'Content-Type': 'application/x-amz-json-1.0', 'Content-Length': Buffer.byteLength(body), 'x-amzn-RequestId': randomUUID() });
      res.end(body);
    });
  });
  return onLoopback(server, () => server.closeAllConnections());
}

/** Listens on a free loopback port; `stop` drops the open connections, then closes. */
async function onLoopback(server: import('node:net').Server, dropConnections: () => void): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((r) => {
        dropConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The machine's own floor: a TCP server that frames each HTTP request (head, Content-Length) and
 * answers it with one fixed response, no other work and nothing kept. Its p99 is what wrk, the
 * kernel's loopback and this machine's scheduling add to any server (send cells only).
 */
async function floorServer(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  const { createServer } = await import('node:net');
  const body = JSON.stringify({ QueueUrl: 'http://127.0.0.1/000000000000/floor', MessageId: '00000000-0000-4000-8000-000000000000', MD5OfMessageBody: '0'.repeat(32) });
  const answer = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((sock) => {
    sockets.add(sock);
    sock.setNoDelay(true);
    let buf: Buffer = Buffer.alloc(0);
    sock.on('data', (chunk: Buffer) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      let answers = 0;
      for (;;) {
        const end = buf.indexOf('\r\n\r\n');
        if (end < 0) break;
        const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(buf.subarray(0, end).toString('latin1'))?.[1] ?? 0);
        if (buf.length < end + 4 + length) break;
        buf = buf.subarray(end + 4 + length);
        answers++;
      }
      if (answers > 0) sock.write(answers === 1 ? answer : Buffer.concat(Array.from({ length: answers }, () => answer)));
    });
    sock.on('error', () => sock.destroy());
    sock.on('close', () => sockets.delete(sock));
  });
  return onLoopback(server, () => {
    for (const sock of sockets) sock.destroy();
  });
}

function startServer(name: ServerName): Promise<{ child: ChildProcess; endpoint: string }> {
  const baseline = flagValue('baseline');
  const env = baseline ? { ...process.env, BENCH_BASELINE: baseline } : process.env;
  const bun = flagValue('bun');
  // The reference server as `serve` runs it (src/server/node-flags.ts); peers as their launchers start them.
  const flags = flagValue('server-flags');
  const execArgv = name === 'reference' || name === 'baseline' ? (flags === undefined ? [...SERVER_NODE_FLAGS] : flags.split(/\s+/).filter((f) => f !== '')) : process.execArgv;
  const child =
    name === 'reference-bun' && bun
      ? spawn(bun, [fileURLToPath(import.meta.url), '--serve', 'reference'], { stdio: ['ignore', 'pipe', 'pipe'], env })
      : fork(fileURLToPath(import.meta.url), ['--serve', name], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], env, execArgv });
  child.stdout?.on('data', (d: Buffer) => {
    const m = /endpoint (\S+)/.exec(d.toString());
    if (m) child.emit('message', { endpoint: m[1] });
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${name}: not ready in 300 s`));
    }, 300_000);
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
  if (child.connected) child.send('stop');
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// ------------------------------------------------------------------------------ wrk

interface Figures {
  rps: number;
  /** ms */
  p99: number;
  /** Non-2xx answers plus socket errors. */
  errors: number;
  /** Requests answered in the cell. */
  requests: number;
  /** CPU time of the server's processes per request (µs), wrk's not included. */
  cpuUsPerRequest?: number;
  /** Why the figures are not what they seem (`dry`, `pool`), if so. */
  mark?: string;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

export function parseWrk(out: string): Figures {
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const p = /^\s*99%\s+([\d.]+)(us|ms|s|m)\s*$/m.exec(out);
  const p99 = p ? Number(p[1]) * (UNIT_MS[p[2]!] ?? NaN) : NaN;
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = sock ? Number(sock[1]) + Number(sock[2]) + Number(sock[3]) + Number(sock[4]) : 0;
  const requests = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  return { rps, p99, errors: non2xx + socketErrors, requests };
}

/** Runs wrk; with `pid`, the CPU time of that process tree over the run, per request. */
async function wrk(x: CellContext, script: string, args: string[]): Promise<Figures> {
  const cpu0 = x.pid !== undefined ? treeCpuMs(x.pid) : NaN;
  const f = await runWrk(x.endpoint, x.conns, x.seconds, script, args);
  if (x.pid !== undefined) f.cpuUsPerRequest = ((treeCpuMs(x.pid) - cpu0) * 1000) / Math.max(1, f.requests);
  return f;
}

function runWrk(endpoint: string, conns: number, seconds: number, script: string, args: string[]): Promise<Figures> {
  const argv = ['-t1', `-c${conns}`, `-d${seconds}s`, '--latency', '--timeout', '10s', '-s', join(SCRIPTS, script), `${endpoint}/`, '--', ...args];
  return new Promise((resolve, reject) => {
    execFile('wrk', argv, { timeout: (seconds + 60) * 1000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`wrk: ${err.message} ${stderr.slice(0, 300)}`));
      else resolve(parseWrk(stdout));
    });
  });
}

// ------------------------------------------------------------------------------ cells

type Call = ReturnType<typeof createJsonCaller>['call'];

async function ok(call: Call, op: string, body: unknown): Promise<Record<string, any>> {
  const r = await call(op, JSON.stringify(body));
  if (r.status !== 200) throw new Error(`${op}: ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
  return r.json as Record<string, any>;
}

/** Runs `n` calls of `one`, `parallel` at a time. */
async function inParallel(n: number, parallel: number, one: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, n) }, async () => {
      while (next < n) await one(next++);
    }),
  );
}

/** A cell's setup stops after this long (a slow server gets a smaller pool, and the cell says so). */
const SETUP_MS = 60_000;

async function fill(call: Call, queueUrl: string, messages: number): Promise<void> {
  const body = `bench message ${'x'.repeat(106)}`;
  const deadline = Date.now() + SETUP_MS;
  await inParallel(Math.ceil(messages / 10), 16, async (b) => {
    if (Date.now() > deadline) return;
    const n = Math.min(10, messages - b * 10);
    const r = await ok(call, 'SendMessageBatch', { QueueUrl: queueUrl, Entries: Array.from({ length: n }, (_, i) => ({ Id: `m${i}`, MessageBody: body })) });
    if ((r.Failed ?? []).length > 0) throw new Error(`SendMessageBatch: ${JSON.stringify(r.Failed[0])}`);
  });
}

/** Receives up to `want` messages with a 12-hour visibility timeout; their receipt handles. */
async function receiveHandles(call: Call, queueUrl: string, want: number): Promise<string[]> {
  const handles: string[] = [];
  let empties = 0;
  const deadline = Date.now() + SETUP_MS;
  await inParallel(Math.ceil(want / 10) * 4, 16, async () => {
    if (handles.length >= want || empties > 50 || Date.now() > deadline) return;
    const r = await ok(call, 'ReceiveMessage', { QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 43200, WaitTimeSeconds: 0 });
    const msgs = (r.Messages ?? []) as { ReceiptHandle: string }[];
    if (msgs.length === 0) empties++;
    for (const m of msgs) handles.push(m.ReceiptHandle);
  });
  return handles;
}

interface CellContext {
  endpoint: string;
  call: Call;
  conns: number;
  seconds: number;
  tmp: string;
  /** The server's process (its CPU time is measured), if known. */
  pid?: number;
  /** The send rate measured at this connection count (sizes the delete pool). */
  sendRps?: number;
}

let queueSeq = 0;
async function createQueue(call: Call, attributes: Record<string, string> = {}): Promise<string> {
  const r = await ok(call, 'CreateQueue', { QueueName: `wrk-${process.pid}-${Date.now()}-${queueSeq++}`, Attributes: attributes });
  return r.QueueUrl as string;
}

/** Messages for a cell that consumes one per request: its send rate at that connection count, × 3. */
function poolSize(x: CellContext): number {
  return Math.min(400_000, Math.max(200, Math.ceil((x.sendRps ?? 2000) * x.seconds * 3)));
}

/** Whether the queue still had a visible message after the cell; deletes the queue. */
async function drop(call: Call, q: string): Promise<boolean> {
  const after = await ok(call, 'ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 1, VisibilityTimeout: 0, WaitTimeSeconds: 0 });
  await call('DeleteQueue', JSON.stringify({ QueueUrl: q }));
  return (after.Messages ?? []).length > 0;
}

const withMarks = (f: Figures, mark: string | undefined): Figures => (mark ? { ...f, mark } : f);

async function runCell(action: ActionName, x: CellContext): Promise<Figures> {
  const { call } = x;
  switch (action) {
    case 'send':
    case 'batch': {
      const q = await createQueue(call);
      const f = await wrk(x, action === 'send' ? 'send.lua' : 'send-batch.lua', [q]);
      await call('DeleteQueue', JSON.stringify({ QueueUrl: q }));
      return f;
    }
    case 'receive': {
      const q = await createQueue(call, { VisibilityTimeout: '43200' });
      const pool = poolSize(x);
      await fill(call, q, pool);
      const f = await wrk(x, 'receive.lua', [q, '1']);
      return withMarks(f, (await drop(call, q)) ? undefined : 'dry');
    }
    case 'receive10': {
      const q = await createQueue(call);
      await fill(call, q, 1000);
      const f = await wrk(x, 'receive.lua', [q, '10', '0']);
      return withMarks(f, (await drop(call, q)) ? undefined : 'dry');
    }
    case 'delete': {
      const want = poolSize(x);
      const q = await createQueue(call, { VisibilityTimeout: '43200' });
      await fill(call, q, want);
      const handles = await receiveHandles(call, q, want);
      if (handles.length === 0) throw new Error('DeleteMessage: no message could be received for the handle pool');
      const file = join(x.tmp, `handles-${queueSeq}.txt`);
      writeFileSync(file, handles.join('\n') + '\n');
      const f = await wrk(x, 'delete.lua', [q, file]);
      rmSync(file, { force: true });
      await call('DeleteQueue', JSON.stringify({ QueueUrl: q }));
      return withMarks(f, f.rps * x.seconds > handles.length ? 'pool' : undefined);
    }
  }
}

// ------------------------------------------------------------------------------ main

function flagValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Per server: the cells measured, and why the others are missing (did not start, failed midway). */
type Results = Map<ServerName, { cells: Map<string, Figures>; note?: string }>;
const cellKey = (a: ActionName, c: number) => `${a}@${c}`;

/** CPU time (ms) used so far by a process and all its descendants (Linux /proc; NaN elsewhere). */
function treeCpuMs(root: number): number {
  try {
    const parent = new Map<number, number>();
    const ticks = new Map<number, number>();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      let stat: string;
      try {
        stat = readFileSync(`/proc/${d}/stat`, 'latin1');
      } catch {
        continue; // exited meanwhile
      }
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd (state) on
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12])); // utime + stime
    }
    let total = 0;
    for (const [pid, t] of ticks) {
      for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
        if (p === root) {
          total += t;
          break;
        }
      }
    }
    return (total * 1000) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}
const CLOCK_TICKS = 100;

interface Running {
  name: ServerName;
  child: ChildProcess;
  endpoint: string;
  call: Call;
  close: () => void;
  /** Send rate per connection count (sizes the pools of the consuming cells). */
  sendRps: Map<number, number>;
}

async function main(): Promise<void> {
  const seconds = Number(flagValue('duration') ?? 6);
  if (!(seconds >= 1 && seconds <= 60)) throw new Error('--duration must be 1..60 seconds');
  const rounds = Number(flagValue('rounds') ?? 1);
  if (!(Number.isInteger(rounds) && rounds >= 1 && rounds <= 10)) throw new Error('--rounds must be 1..10');
  const only = flagValue('only')?.split(',');
  const conns = (flagValue('conns')?.split(',').map(Number) ?? CONNS).filter((c) => Number.isInteger(c) && c > 0 && c <= 256);
  const actions = (flagValue('actions')?.split(',') ?? [...ACTIONS]).filter((a): a is ActionName => (ACTIONS as readonly string[]).includes(a));
  const extra: ServerName[] = [
    ...(flagValue('bun') ? (['reference-bun'] as const) : []),
    ...(flagValue('baseline') ? (['baseline'] as const) : []),
    ...(process.argv.includes('--ceiling') ? (['node-bare'] as const) : []),
    ...(process.argv.includes('--floor') ? (['tcp-floor'] as const) : []),
  ];
  const servers: ServerName[] = [...ALL_SERVERS.filter((s) => !only || only.includes(s)), ...extra];
  const tmp = mkdtempSync(join(tmpdir(), 'sqs-bench-'));
  const results: Results = new Map();
  const running: Running[] = [];
  try {
    // Every server runs for the whole benchmark, idle but for its turn: the cells of one row are
    // measured one after the other, so a burst of load from elsewhere hits all of them alike.
    for (const name of servers) {
      process.stderr.write(`${name}: starting\n`);
      try {
        const started = await startServer(name);
        const { call, close } = createJsonCaller(started.endpoint, 16, AUTH);
        running.push({ name, ...started, call, close, sendRps: new Map() });
        results.set(name, { cells: new Map() });
        // Warm-up: the JIT (and a JVM's) on every path measured.
        const warm: CellContext = { endpoint: started.endpoint, call, conns: 8, seconds: 1, tmp, sendRps: 50 };
        for (const a of sendOnly(name) ? (['send'] as const) : actions) await runCell(a, warm);
      } catch (e) {
        results.set(name, { cells: new Map(), note: `unavailable: ${(e as Error).message}` });
      }
    }
    for (let round = 1; round <= rounds; round++) {
      for (const c of conns) {
        for (const a of actions) {
          for (const s of running) {
            const r = results.get(s.name)!;
            if (r.note !== undefined || (sendOnly(s.name) && a !== 'send')) continue;
            process.stderr.write(`round ${round}: ${a} at ${c} connection(s): ${s.name}\n`);
            try {
              const f = await runCell(a, { endpoint: s.endpoint, call: s.call, conns: c, seconds, tmp, pid: s.child.pid, sendRps: s.sendRps.get(c) });
              if (a === 'send') s.sendRps.set(c, Math.max(f.rps, s.sendRps.get(c) ?? 0));
              // Over rounds, each cell keeps its best round (the one least disturbed from outside).
              const prev = r.cells.get(cellKey(a, c));
              if (!prev || f.rps > prev.rps) r.cells.set(cellKey(a, c), f);
            } catch (e) {
              r.note = `failed: ${(e as Error).message}`;
            }
          }
        }
      }
    }
  } finally {
    for (const s of running) {
      s.close();
      await stopServer(s.child);
    }
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(render(results, { seconds, rounds, conns, actions }));
  const out = flagValue('json');
  if (out) writeFileSync(out, JSON.stringify(Object.fromEntries([...results].map(([k, v]) => [k, { ...v, cells: Object.fromEntries(v.cells) }])), null, 2));
}

/** The reference rows that are not SQS servers: they answer SendMessage only. */
const sendOnly = (n: ServerName): boolean => n === 'node-bare' || n === 'tcp-floor';

const fRps = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
const fMs = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n.toFixed(1)) : '—');
const fRatio = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : '—');

export function render(results: Results, o: { seconds: number; rounds: number; conns: number[]; actions: readonly ActionName[] }): string {
  const names = [...results.keys()];
  const ran = names.filter((n) => results.get(n)!.cells.size > 0);
  const peers = ran.filter((n) => n !== 'reference' && !sendOnly(n) && n !== 'baseline' && n !== 'reference-bun');
  const figures = (n: ServerName, a: ActionName, c: number) => results.get(n)?.cells.get(cellKey(a, c));
  const lines: string[] = [];
  lines.push(
    `Server benchmark: wrk -t1 (one thread), ${o.seconds} s per cell${o.rounds > 1 ? `, best of ${o.rounds} rounds` : ''}, keep-alive, AWS JSON 1.0; node ${process.version}, ${availableParallelism()} cores; the servers of a row measured one after the other.`,
  );
  lines.push("req/s = requests per second; p99 in ms; ref÷ = the reference's req/s (p99) divided by that server's: req/s above 1 and p99 below 1 favour the reference.");
  for (const n of names) {
    const note = results.get(n)!.note;
    if (note) lines.push(`${n}: ${note}`);
  }
  const header = ['action', 'conns', 'server', 'req/s', 'p99 ms', 'cpu µs/req', 'errors', 'ref÷ req/s', 'ref÷ p99'];
  const rows: string[][] = [];
  let met = 0;
  let fasterOnly = 0;
  let cellsWithPeers = 0;
  for (const a of o.actions) {
    for (const c of o.conns) {
      const refF = figures('reference', a, c);
      const fastest = peers.map((p) => figures(p, a, c)).filter((f): f is Figures => f !== undefined && f.errors === 0 && f.mark === undefined);
      const best = fastest.reduce<Figures | undefined>((b, f) => (b === undefined || f.rps > b.rps ? f : b), undefined);
      if (refF && best) {
        cellsWithPeers++;
        if (refF.rps >= best.rps && refF.p99 < best.p99) met++;
        if (refF.rps >= best.rps) fasterOnly++;
      }
      for (const n of ran) {
        const f = figures(n, a, c);
        if (!f) continue;
        const isRef = n === 'reference';
        rows.push([
          a,
          String(c),
          n + (f.mark ? ` (${f.mark})` : ''),
          fRps(f.rps),
          fMs(f.p99),
          f.cpuUsPerRequest !== undefined && Number.isFinite(f.cpuUsPerRequest) ? Math.round(f.cpuUsPerRequest).toString() : '—',
          String(f.errors),
          isRef || !refF ? (isRef && best ? `best ${fRatio(refF!.rps / best.rps)}` : '') : fRatio(refF.rps / f.rps),
          isRef || !refF ? (isRef && best ? `best ${fRatio(refF!.p99 / best.p99)}` : '') : fRatio(refF.p99 / f.p99),
        ]);
      }
    }
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) => r.map((x, i) => (i < 3 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
  lines.push('', fmt(header), widths.map((w) => '-'.repeat(w)).join('  '));
  let last = '';
  for (const r of rows) {
    const cell = `${r[0]}@${r[1]}`;
    if (last !== '' && cell !== last) lines.push('');
    last = cell;
    lines.push(fmt(r));
  }
  lines.push('', `The reference's row: "best" = divided by the fastest peer of that cell (peers with errors or marks left out).`);
  lines.push('cpu µs/req: CPU time of the server\'s process tree per request answered (less sensitive to a busy machine than req/s).');
  if (cellsWithPeers > 0) {
    lines.push(`Cells where the reference has at least the fastest peer's req/s and a lower p99: ${met} of ${cellsWithPeers}.`);
    lines.push(`Cells where the reference has at least the fastest peer's req/s (whatever the p99): ${fasterOnly} of ${cellsWithPeers}.`);
  }
  if (ran.includes('tcp-floor')) lines.push("tcp-floor: a TCP server answering each request with one fixed response and no other work: this machine's and wrk's own share of every p99.");
  lines.push('Marks: (dry) the queue ran out of visible messages, so receives came back empty; (pool) the handle pool ran out, so later deletes named deleted messages.');
  return lines.join('\n');
}

const serveName = flagValue('serve');
if (serveName !== undefined) {
  if (!([...ALL_SERVERS, 'node-bare', 'tcp-floor', 'baseline'] as string[]).includes(serveName)) throw new Error(`unknown server ${serveName}`);
  await serve(serveName as ServerName);
} else {
  await new Promise<void>((resolve, reject) => execFile('wrk', ['--version'], (err, stdout) => (err && !/wrk/.test(stdout) ? reject(new Error('wrk is not installed (apt-get install -y wrk)')) : resolve())));
  await main();
}
