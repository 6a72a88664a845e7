// A TCP proxy that speaks just enough HTTP/1.1 to inject transport faults between the kit and a
// server, one request at a time, with a seeded PRNG (the same seed injects the same faults into
// the same sequence of requests):
// - reset-before: the connection is reset before the request is forwarded (it never reached the server);
// - reset-after: the request is forwarded, the server answers, and the connection is reset instead
//   of relaying the answer (it took effect; the client cannot know);
// - server-error: a 503 answer without forwarding;
// - stall: the request is held 10 s, then forwarded (the client has usually given up by then);
// - slow: forwarded at once, the answer held 2-5 s before it is relayed.
// Test utility only: listens on 127.0.0.1, closes every socket on `close()`.
import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

export type FaultKind = 'reset-before' | 'reset-after' | 'server-error' | 'stall' | 'slow';
export const FAULT_KINDS: readonly FaultKind[] = ['reset-before', 'reset-after', 'server-error', 'stall', 'slow'];

/** What the proxy knows of a request when it decides. */
export interface ProxiedRequest {
  /** SQS action (X-Amz-Target or the Query `Action`), '' when unknown. */
  action: string;
  /** WaitTimeSeconds of a ReceiveMessage, when the request names one. */
  waitSeconds?: number;
  /** Index of the request through this proxy (0-based). */
  n: number;
  /** The request body (UTF-8). */
  text: string;
}

export interface FaultProxyOptions {
  /** Where requests go, e.g. `http://127.0.0.1:9324`. */
  upstream: string;
  /** Rate (0-1) of each fault kind, per request. */
  rates?: Partial<Record<FaultKind, number>>;
  seed?: number;
  /** Overrides the random choice for some requests (return undefined to let the rates decide, null for no fault). */
  decide?: (r: ProxiedRequest) => FaultKind | null | undefined;
  stallMs?: number;
  slowMs?: [number, number];
}

export interface FaultProxy {
  url: string;
  /** Faults injected so far, per kind, and requests seen. */
  injected: Record<FaultKind, number>;
  requests: number;
  /** The faults injected, in order, with the request they hit. */
  log: { kind: FaultKind; action: string; waitSeconds?: number }[];
  close(): Promise<void>;
}

/** mulberry32: small, seeded, good enough for choosing faults. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Buffered reads from a socket: whole HTTP messages out of a byte stream. */
class Reader {
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  private ended = false;
  constructor(readonly socket: Socket) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    const end = () => {
      this.ended = true;
      this.wake();
    };
    socket.on('end', end);
    socket.on('close', end);
    socket.on('error', end);
  }
  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }
  private async more(): Promise<boolean> {
    if (this.ended) return false;
    await new Promise<void>((r) => this.waiters.push(r));
    return true;
  }
  /** One HTTP message (head + body by Content-Length or chunked), or undefined at the end of the stream. */
  async message(): Promise<{ raw: Buffer; head: string; body: Buffer } | undefined> {
    let headEnd: number;
    while ((headEnd = this.buf.indexOf('\r\n\r\n')) < 0) if (!(await this.more())) return undefined;
    const head = this.buf.subarray(0, headEnd).toString('latin1');
    const start = headEnd + 4;
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      for (;;) {
        const end = this.buf.indexOf('\r\n0\r\n\r\n', start - 2);
        if (end >= 0) {
          const total = end + 7;
          const raw = this.buf.subarray(0, total);
          this.buf = this.buf.subarray(total);
          return { raw, head, body: raw.subarray(start) };
        }
        if (!(await this.more())) return undefined;
      }
    }
    const n = length ? Number(length[1]) : 0;
    while (this.buf.length < start + n) if (!(await this.more())) return undefined;
    const raw = this.buf.subarray(0, start + n);
    this.buf = this.buf.subarray(start + n);
    return { raw, head, body: raw.subarray(start) };
  }
}

function describe(head: string, body: Buffer, n: number): ProxiedRequest {
  const target = /\r\nx-amz-target:\s*AmazonSQS\.(\w+)/i.exec(head)?.[1];
  const text = body.toString('utf8');
  const action = target ?? /(?:^|&)Action=(\w+)/.exec(text)?.[1] ?? '';
  const wait = /"WaitTimeSeconds"\s*:\s*(\d+)/.exec(text)?.[1] ?? /(?:^|&)WaitTimeSeconds=(\d+)/.exec(text)?.[1];
  return { action, n, text, ...(wait !== undefined ? { waitSeconds: Number(wait) } : {}) };
}

/** Unref'd: a stall still pending when the proxy closes does not keep the process alive. */
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export async function startFaultProxy(o: FaultProxyOptions): Promise<FaultProxy> {
  const up = new URL(o.upstream);
  const random = prng(o.seed ?? 1);
  const injected = Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
  const log: FaultProxy['log'] = [];
  const sockets = new Set<Socket>();
  let requests = 0;
  let closing = false;

  const choose = (r: ProxiedRequest): FaultKind | undefined => {
    const forced = o.decide?.(r);
    if (forced === null) return undefined;
    if (forced !== undefined) return forced;
    // One draw per request, whatever the rates: the same seed gives the same choices.
    let x = random();
    for (const k of FAULT_KINDS) {
      const rate = o.rates?.[k] ?? 0;
      if (x < rate) return k;
      x -= rate;
    }
    return undefined;
  };

  const reset = (s: Socket) => {
    if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
    else s.destroy();
  };

  const serve = async (client: Socket): Promise<void> => {
    const reader = new Reader(client);
    let upstream: Socket | undefined;
    let upReader: Reader | undefined;
    const open = async () => {
      if (upstream && !upstream.destroyed) return;
      upstream = connect({ host: up.hostname, port: Number(up.port) });
      sockets.add(upstream);
      upReader = new Reader(upstream);
      await new Promise<void>((resolve, reject) => {
        upstream!.once('connect', () => resolve());
        upstream!.once('error', reject);
      });
    };
    const forward = async (raw: Buffer): Promise<Buffer | undefined> => {
      await open();
      upstream!.write(raw);
      return (await upReader!.message())?.raw;
    };
    try {
      for (;;) {
        const req = await reader.message();
        if (!req || closing) break;
        const info = describe(req.head, req.body, requests++);
        const kind = choose(info);
        if (kind) {
          injected[kind]++;
          log.push({ kind, action: info.action, ...(info.waitSeconds !== undefined ? { waitSeconds: info.waitSeconds } : {}) });
        }
        if (kind === 'reset-before') {
          reset(client);
          break;
        }
        if (kind === 'server-error') {
          const body = '{"__type":"com.amazonaws.sqs#ServiceUnavailable","message":"injected by the fault proxy"}';
          client.write(`HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
          continue;
        }
        if (kind === 'stall') await sleep(o.stallMs ?? 10_000);
        const answer = await forward(req.raw);
        if (!answer) {
          reset(client);
          break;
        }
        if (kind === 'reset-after') {
          reset(client);
          break;
        }
        if (kind === 'slow') {
          const [lo, hi] = o.slowMs ?? [2_000, 5_000];
          await sleep(lo + random() * (hi - lo));
        }
        if (client.destroyed) break;
        client.write(answer);
      }
    } catch {
      // a socket went away: the connection ends
    } finally {
      client.destroy();
      upstream?.destroy();
    }
  };

  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    void serve(client);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    injected,
    get requests() {
      return requests;
    },
    log,
    close: async () => {
      closing = true;
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
