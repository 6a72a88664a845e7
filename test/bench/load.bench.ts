// `npm run load`: the reference server (in this process) takes 1,000,000 messages from 32
// concurrent clients (SendMessageBatch of 10, ReceiveMessage of 10, DeleteMessageBatch) over
// loopback HTTP with keep-alive, and the figures are printed: throughput, losses and duplicates,
// heap after GC at 250k and at the end. Asserts nothing (test/server/load.timed.test.ts does, bounded).
// Options: --messages N (default 1,000,000), --clients K (default 32).
import { startReferenceServer } from '../../src/server/index.js';
import { gcFunction, heapAfterGc, runLoad } from './load.js';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isSafeInteger(v) || v <= 0) throw new Error(`--${name} must be a positive integer`);
  return v;
}

const messages = flag('messages', 1_000_000);
const clients = flag('clients', 32);
const gc = gcFunction();
const server = await startReferenceServer();
const base = await heapAfterGc(gc);
const heap: { at: number; mb: number; ms: number }[] = [];
const t0 = performance.now();
const marks = [0.25, 0.5, 0.75].map((f) => Math.round(messages * f)).map((at) => ({ at, run: async () => {
  heap.push({ at, mb: await heapAfterGc(gc), ms: performance.now() - t0 });
} }));
try {
  const r = await runLoad({ endpoint: server.url, messages, clients, deadlineMs: 30 * 60_000, marks });
  const end = await heapAfterGc(gc);
  const fmt = (n: number) => n.toLocaleString('en-US');
  console.log(`reference server load: ${fmt(messages)} messages, ${clients} clients, ${r.finished ? 'finished' : 'NOT finished'} in ${(r.elapsedMs / 1000).toFixed(1)} s`);
  console.log(`  throughput: ${fmt(Math.round(r.deleted / (r.elapsedMs / 1000)))} messages/s through (send+receive+delete), ${fmt(Math.round(r.requests / (r.elapsedMs / 1000)))} requests/s`);
  console.log(`  sent ${fmt(r.sent)}, received ${fmt(r.received)}, deleted ${fmt(r.deleted)}; duplicates ${r.duplicates}, missing ${r.missing}, double deletes ${r.doubleDeletes}, mismatched ${r.mismatched}; left in queue ${r.leftInQueue}`);
  console.log(`  heap after GC: ${base.toFixed(1)} MB before, ${heap.map((h) => `${h.mb.toFixed(1)} MB at ${fmt(h.at)} (${(h.ms / 1000).toFixed(1)} s)`).join(', ')}, ${end.toFixed(1)} MB at the end`);
  if (r.errors.length > 0) console.log(`  errors: ${r.errors.join(' | ')}`);
} finally {
  await server.stop();
}
