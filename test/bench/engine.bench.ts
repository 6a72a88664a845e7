// `npm run bench:engine`: how the engine's per-request cost grows with the number of messages a
// queue holds, in process, on simulated time (no HTTP). For each size N (1,000, 10,000, 100,000):
// - backlog: N visible messages; ReceiveMessage of 10 with a 12-hour visibility timeout;
// - in flight: N messages in flight, then receives of newly sent ones (a receive must not walk past
//   the messages in flight), DeleteMessage of them, and the long-poll wake (nextVisibleAtMs);
// - retention: N messages expiring one after the other: SendMessage while they expire;
// - FIFO backlog: N messages in 10 groups; ReceiveMessage of 10.
// Prints the heap a stored message costs (bytes after a full GC, 100,000 messages at epoch-ms
// times: once sent, and once received), what the collector promotes and marks per message; then
// µs per operation: a flat row means the cost does not grow with N. Asserts nothing.
// Options: --baseline FILE (another build's dist/src/spec/engine/index.js, printed beside).
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as current from '../../src/spec/engine/index.js';
import { gcFunction, heapAfterGc } from './load.js';

type EngineModule = Pick<typeof current, 'createEngine' | 'sequentialIds'>;
const SIZES = [1_000, 10_000, 100_000];
const OPS = 2_000;

function flagValue(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** µs per call of `f` over `n` calls. */
function time(n: number, f: (i: number) => void): number {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f(i);
  return ((performance.now() - t0) * 1000) / n;
}

function scenarios(mod: EngineModule, n: number): Record<string, number> {
  const out: Record<string, number> = {};
  const body = `bench message ${'x'.repeat(106)}`;
  const ok = <T>(r: { ok: T } | { error: { code: string } }): T => {
    if ('error' in r) throw new Error(r.error.code);
    return r.ok;
  };
  let now = 1_700_000_000_000;
  {
    const e = mod.createEngine({ ids: mod.sequentialIds() });
    const QueueUrl = ok(e.createQueue({ QueueName: 'backlog', Attributes: { VisibilityTimeout: '43200' } }, now)).QueueUrl as string;
    for (let i = 0; i < n; i++) e.sendMessage({ QueueUrl, MessageBody: body }, now);
    now += 1;
    out['backlog: receive 10'] = time(OPS / 10, () => e.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 }, now));
  }
  {
    const e = mod.createEngine({ ids: mod.sequentialIds() });
    const QueueUrl = ok(e.createQueue({ QueueName: 'inflight', Attributes: { VisibilityTimeout: '43200' } }, now)).QueueUrl as string;
    for (let i = 0; i < n; i++) e.sendMessage({ QueueUrl, MessageBody: body }, now);
    for (let got = 0; got < n; ) got += ok(e.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 }, now)).Messages?.length ?? 0;
    now += 1;
    for (let i = 0; i < OPS; i++) e.sendMessage({ QueueUrl, MessageBody: body }, now);
    const handles: string[] = [];
    out['in flight: receive 1'] = time(OPS, () => {
      const m = ok(e.receiveMessage({ QueueUrl, MaxNumberOfMessages: 1 }, now)).Messages?.[0];
      if (m) handles.push(m.ReceiptHandle as string);
    });
    out['in flight: delete'] = time(handles.length, (i) => e.deleteMessage({ QueueUrl, ReceiptHandle: handles[i] as string }, now));
    out['in flight: long-poll wake'] = time(OPS, () => e.nextVisibleAtMs(QueueUrl, now));
  }
  {
    const e = mod.createEngine({ ids: mod.sequentialIds() });
    const QueueUrl = ok(e.createQueue({ QueueName: 'retention', Attributes: { MessageRetentionPeriod: '60' } }, now)).QueueUrl as string;
    // N messages sent within 50 s, so they expire within 50 s of the first deadline; then sends at
    // the same pace from that deadline on: each finds about one more message expired.
    const step = 50_000 / n;
    for (let i = 0; i < n; i++) e.sendMessage({ QueueUrl, MessageBody: body }, now + i * step);
    const start = now + 60_000;
    out['retention: send while expiring'] = time(Math.min(OPS, n), (i) => e.sendMessage({ QueueUrl, MessageBody: body }, start + i * step));
    now = start + 120_000;
  }
  {
    const e = mod.createEngine({ ids: mod.sequentialIds() });
    const QueueUrl = ok(e.createQueue({ QueueName: 'backlog.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false', VisibilityTimeout: '43200' } }, now)).QueueUrl as string;
    for (let i = 0; i < n; i++) e.sendMessage({ QueueUrl, MessageBody: body, MessageGroupId: `g${i % 10}`, MessageDeduplicationId: `d${i}` }, now);
    now += 1;
    out['FIFO backlog: receive 10'] = time(Math.min(OPS / 10, 100), () => e.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 }, now));
  }
  return out;
}

/** Heap bytes per stored message after a full GC: sent, then received once each (12-hour visibility). */
async function bytesPerMessage(mod: EngineModule, n: number): Promise<{ sent: number; received: number }> {
  const gc = gcFunction();
  const heap = async (): Promise<number> => (await heapAfterGc(gc)) * 1024 * 1024;
  const e = mod.createEngine({ ids: mod.sequentialIds() });
  const now = 1_700_000_000_000;
  const QueueUrl = (e.createQueue({ QueueName: 'memory', Attributes: { VisibilityTimeout: '43200' } }, now) as { ok: { QueueUrl: string } }).ok.QueueUrl;
  const before = await heap();
  for (let i = 0; i < n; i++) e.sendMessage({ QueueUrl, MessageBody: `bench message ${i} ${'x'.repeat(100)}` }, now + i);
  const sent = await heap();
  for (let got = 0, t = now + n; got < n; t++) {
    const r = e.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10 }, t) as { ok?: { Messages?: unknown[] } };
    const k = r.ok?.Messages?.length ?? 0;
    if (k === 0) break;
    got += k;
  }
  const received = await heap();
  e.getQueueAttributes({ QueueUrl }, now + 2 * n); // the engine stays alive until measured
  return { sent: (sent - before) / n, received: (received - before) / n };
}

// Memory in a child process per build: one engine's leftovers (and one fractional instant stored
// by a timing scenario, which makes V8 keep that build's message times as boxed numbers for the
// rest of the process) must not count in another's figures.
const memoryChild = flagValue('memory-of');
if (memoryChild !== undefined) {
  const mod = memoryChild === 'current' ? current : ((await import(pathToFileURL(memoryChild).href)) as EngineModule);
  console.log(JSON.stringify(await bytesPerMessage(mod, 100_000)));
  process.exit(0);
}

const builds: Array<[string, EngineModule, string]> = [['current', current, 'current']];
const baseline = flagValue('baseline');
if (baseline) builds.push(['baseline', (await import(pathToFileURL(baseline).href)) as EngineModule, baseline]);

console.log('Heap per stored message (bytes, 100,000 messages at epoch-ms times, after a full GC):');
for (const [b, , source] of builds) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--memory-of', source], { encoding: 'utf8' });
  const m = JSON.parse(out.trim().split('\n').pop() as string) as { sent: number; received: number };
  console.log(`  ${b.padEnd(8)}  sent ${m.sent.toFixed(0)}  received once ${m.received.toFixed(0)}`);
}
console.log('');

const rows = new Map<string, string[]>();
const header = ['scenario', ...builds.flatMap(([b]) => SIZES.map((n) => `${b} ${n.toLocaleString('en-US')}`))];
for (const [, mod] of builds) {
  for (const n of SIZES) {
    for (const [k, us] of Object.entries(scenarios(mod, n))) {
      if (!rows.has(k)) rows.set(k, [k]);
      rows.get(k)!.push(us.toFixed(1));
    }
  }
}
const table = [header, ...rows.values()];
const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
console.log('Engine cost per operation (µs) by messages in the queue; simulated time, no HTTP. Flat rows: no scan.');
for (const r of table) console.log(r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  '));
