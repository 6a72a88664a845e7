// A load driver for the reference server, shared by test/server/load.timed.test.ts (bounded, asserts)
// and test/bench/load.bench.ts (`npm run load`: the full million, prints figures). Loopback only:
// raw node:http with keep-alive, AWS JSON 1.0, `clients` concurrent loops that each send a batch
// of 10, receive up to 10 and delete what they received with DeleteMessageBatch, until `messages`
// messages went through. Bounded in count and time: it stops by itself at `deadlineMs`.
//
// Bookkeeping is compact so that it does not hide the server's memory: per message index, the
// 16 bytes of the MessageId SendMessageBatch returned, and counters of receives and deletes.
import { Agent, request } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface LoadOptions {
  /** http://127.0.0.1:port */
  endpoint: string;
  messages: number;
  clients: number;
  /** Stop (and report `finished: false`) after this long. */
  deadlineMs: number;
  /** Called when at least this many messages have been deleted, once per mark, in order. */
  marks?: { at: number; run: () => void | Promise<void> }[];
  queueName?: string;
}

export interface LoadResult {
  finished: boolean;
  elapsedMs: number;
  sent: number;
  received: number;
  deleted: number;
  /** Messages received more than once / never received / deleted more than once (by index). */
  duplicates: number;
  missing: number;
  doubleDeletes: number;
  /** Received with another body or MessageId than sent. */
  mismatched: number;
  /** Non-200 answers and failed batch entries. */
  errors: string[];
  requests: number;
  /** ApproximateNumberOfMessages + NotVisible + Delayed at the end. */
  leftInQueue: number;
}

interface Reply {
  status: number;
  json: any;
}

/** Raw AWS JSON 1.0 calls over keep-alive sockets; `headers` are added to every request. */
export function createJsonCaller(endpoint: string, sockets: number, headers: Record<string, string> = {}) {
  const url = new URL(endpoint);
  const agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  function call(op: string, body: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          agent,
          headers: { ...headers, 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AmazonSQS.${op}`, 'Content-Length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: any;
            try {
              json = JSON.parse(text);
            } catch {
              json = { unparsable: text.slice(0, 200) };
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`${op}: no answer in 30 s`)));
      req.on('error', reject);
      req.end(body);
    });
  }
  return { call, close: () => agent.destroy() };
}

/**
 * MessageIds by message index, 16 bytes each. Whoever learns a message's id first (the send's
 * answer, or a receive that overtook it) records it; the other compares.
 */
class IdTable {
  private readonly ids: Uint8Array;
  private readonly known: Uint8Array;
  constructor(n: number) {
    this.ids = new Uint8Array(n * 16);
    this.known = new Uint8Array(n);
  }
  /** False when `id` is not UUID-shaped or differs from the id already recorded for `idx`. */
  see(idx: number, id: string): boolean {
    const hex = id.replace(/-/g, '');
    if (!/^[0-9a-f]{32}$/i.test(hex)) return false;
    const at = idx * 16;
    if (!this.known[idx]) {
      for (let i = 0; i < 16; i++) this.ids[at + i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
      this.known[idx] = 1;
      return true;
    }
    for (let i = 0; i < 16; i++) if (this.ids[at + i] !== parseInt(hex.slice(i * 2, i * 2 + 2), 16)) return false;
    return true;
  }
}

export async function runLoad(o: LoadOptions): Promise<LoadResult> {
  const { call, close } = createJsonCaller(o.endpoint, o.clients);
  const name = o.queueName ?? `load-${Date.now()}`;
  // A long visibility timeout: nothing may be received twice in this run (sqs-semantics.md 5.3).
  const created = await call('CreateQueue', JSON.stringify({ QueueName: name, Attributes: { VisibilityTimeout: '43200' } }));
  if (created.status !== 200) throw new Error(`CreateQueue: ${created.status} ${JSON.stringify(created.json)}`);
  const queueUrl = created.json.QueueUrl as string;
  const q = JSON.stringify(queueUrl);

  const ids = new IdTable(o.messages);
  const receives = new Uint8Array(o.messages);
  const deletes = new Uint8Array(o.messages);
  const errors: string[] = [];
  const noteError = (e: string) => {
    if (errors.length < 20) errors.push(e);
  };
  let next = 0;
  let sent = 0;
  let received = 0;
  let deleted = 0;
  let mismatched = 0;
  let requests = 0;
  const marks = [...(o.marks ?? [])].sort((a, b) => a.at - b.at);
  const start = performance.now();
  const deadline = start + o.deadlineMs;
  let stop = false;
  let lastReceive = start;

  async function worker(): Promise<void> {
    while (!stop) {
      if (performance.now() > deadline || errors.length >= 20) {
        stop = true;
        return;
      }
      if (next < o.messages) {
        const from = next;
        const n = Math.min(10, o.messages - from);
        next += n;
        let entries = '';
        for (let i = 0; i < n; i++) entries += `${i ? ',' : ''}{"Id":"${from + i}","MessageBody":"${from + i}"}`;
        const r = await call('SendMessageBatch', `{"QueueUrl":${q},"Entries":[${entries}]}`);
        requests++;
        if (r.status !== 200) noteError(`SendMessageBatch ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
        else {
          for (const f of r.json.Failed ?? []) noteError(`SendMessageBatch entry ${f.Id}: ${f.Code}`);
          for (const s of r.json.Successful ?? []) {
            if (!ids.see(Number(s.Id), String(s.MessageId))) mismatched++;
            sent++;
          }
        }
      }
      const r = await call('ReceiveMessage', `{"QueueUrl":${q},"MaxNumberOfMessages":10}`);
      requests++;
      if (r.status !== 200) {
        noteError(`ReceiveMessage ${r.status} ${JSON.stringify(r.json).slice(0, 200)}`);
        continue;
      }
      const msgs = (r.json.Messages ?? []) as { MessageId: string; ReceiptHandle: string; Body: string }[];
      if (msgs.length === 0) {
        if (next < o.messages) continue;
        if (deleted >= sent) return; // everything went through
        // The rest is in flight with other clients; 3 s without any receive means messages are lost.
        if (performance.now() - lastReceive > 3000) return;
        await new Promise((res) => setTimeout(res, 5));
        continue;
      }
      lastReceive = performance.now();
      let entries = '';
      msgs.forEach((m, i) => {
        const idx = Number(m.Body);
        if (!Number.isInteger(idx) || idx < 0 || idx >= o.messages || !ids.see(idx, m.MessageId)) mismatched++;
        else receives[idx] = Math.min(255, receives[idx]! + 1);
        received++;
        entries += `${i ? ',' : ''}{"Id":"${Number.isInteger(idx) ? idx : `x${i}`}","ReceiptHandle":${JSON.stringify(m.ReceiptHandle)}}`;
      });
      const d = await call('DeleteMessageBatch', `{"QueueUrl":${q},"Entries":[${entries}]}`);
      requests++;
      if (d.status !== 200) {
        noteError(`DeleteMessageBatch ${d.status} ${JSON.stringify(d.json).slice(0, 200)}`);
        continue;
      }
      for (const f of d.json.Failed ?? []) noteError(`DeleteMessageBatch entry ${f.Id}: ${f.Code}`);
      for (const s of d.json.Successful ?? []) {
        const idx = Number(s.Id);
        if (Number.isInteger(idx) && idx >= 0 && idx < o.messages) deletes[idx] = Math.min(255, deletes[idx]! + 1);
        deleted++;
      }
      // A mark pauses this client only; the others go on (a GC stops them all anyway).
      while (marks.length > 0 && deleted >= marks[0]!.at) await marks.shift()!.run();
    }
  }

  try {
    await Promise.all(Array.from({ length: o.clients }, () => worker()));
    const elapsedMs = performance.now() - start;
    const attrs = await call(
      'GetQueueAttributes',
      JSON.stringify({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'] }),
    );
    const a = (attrs.json.Attributes ?? {}) as Record<string, string>;
    const leftInQueue = Number(a.ApproximateNumberOfMessages) + Number(a.ApproximateNumberOfMessagesNotVisible) + Number(a.ApproximateNumberOfMessagesDelayed);
    let duplicates = 0;
    let missing = 0;
    let doubleDeletes = 0;
    for (let i = 0; i < next; i++) {
      if (receives[i]! > 1) duplicates++;
      if (receives[i] === 0) missing++;
      if (deletes[i]! > 1) doubleDeletes++;
    }
    await call('DeleteQueue', JSON.stringify({ QueueUrl: queueUrl }));
    return { finished: !stop && deleted === o.messages, elapsedMs, sent, received, deleted, duplicates, missing, doubleDeletes, mismatched, errors, requests, leftInQueue };
  } finally {
    close();
  }
}

/** `global.gc` when node runs with --expose-gc, else one made available at run time. */
export function gcFunction(): () => void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/**
 * heapUsed in MB after full collections with event-loop turns between them: native objects (the
 * crypto hashes of receipt handles, sockets) are freed by callbacks that run after a GC, so a
 * synchronous gc(); gc() can still count hundreds of MB of garbage.
 */
export async function heapAfterGc(gc: () => void): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}
