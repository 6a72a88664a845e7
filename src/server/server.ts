// The reference server: the engine (src/spec/engine) served over HTTP in both SQS wire protocols
// (../shared/DESIGN.md section 5; sqs-semantics.md section 1); handler.ts reads and answers the
// requests. Two HTTP front ends share one listening socket: http-fast.ts takes plain keep-alive
// requests (what SDKs and load tools send), and hands any connection it does not fully understand
// to node:http, which serves it to the end. Both run on the one thread of the engine.
// Long polls wait on the injected clock and wake when a message may have become available.
// Every request is answered, malformed ones with the AWS error; nothing a client sends crashes it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { realClock, type Clock } from '../clock/index.js';
import { createEngine, Waiters, type Engine } from '../spec/engine/index.js';
import type { IdSource } from '../spec/engine/index.js';
import { jsonErrorResponse, queryErrorResponse } from '../wire/index.js';
import * as HttpErrors from './errors.js';
import { createHandler, requestId, type Answer, type Presence, type RequestHead } from './handler.js';
import { createBusyPoll, createFastHttp } from './http-fast.js';
import { HEALTH_PATH, requestHook, type RequestLogEntry } from './observe.js';
import { createQueues, QueuesFileError, type QueueDefinition } from './queues-file.js';

export interface ReferenceServerOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: the real clock. A VirtualClock makes long polls and timeouts instant in self-tests. */
  clock?: Clock;
  region?: string;
  accountId?: string;
  /** Default MaximumMessageSize of new queues (sqs-semantics.md 14 N23). */
  defaultMaximumMessageSize?: number;
  ids?: IdSource;
  log?: (line: string) => void;
  /** Queues made before the server listens (queues-file.ts); an invalid one throws a QueuesFileError. */
  queues?: readonly QueueDefinition[];
  /** One entry per answered request (observe.ts; `serve --log requests`). */
  onRequest?: (entry: RequestLogEntry) => void;
  /**
   * How long (µs) the event loop keeps polling for the next request after answering one, instead
   * of sleeping (http-fast.ts createBusyPoll); 0 turns it off. Default DEFAULT_BUSY_POLL_MICROS.
   */
  busyPollMicros?: number;
}

/** 100 µs covers a client's turnaround on loopback (wrk, the SDK) and costs at most that much CPU per burst. */
export const DEFAULT_BUSY_POLL_MICROS = 100;

export interface ReferenceServer {
  /** `http://<host>:<port>`, the endpoint to give clients. */
  url: string;
  port: number;
  engine: Engine;
  stop(): Promise<void>;
}

/**
 * Larger bodies are refused before parsing. A valid request carries at most 1 MiB of message
 * (a body, or a batch's total), which Query form-encoding can triple (`%XX` per byte of a
 * multi-byte character) and JSON escaping double (`\"`): 4 MiB leaves room for both (issue 12's
 * 1 MiB probes in multi-byte characters over Query were refused at 2 MiB).
 */
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Beyond this the connection is dropped instead of drained. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

type Body = { bytes: Buffer } | { tooLarge: true } | { aborted: true };

function readBody(req: IncomingMessage): Promise<Body> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (b: Body) => {
      if (!done) {
        done = true;
        resolve(b);
      }
    };
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        finish({ aborted: true });
      } else if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    req.on('end', () => finish(size > MAX_REQUEST_BYTES ? { tooLarge: true } : { bytes: Buffer.concat(chunks) }));
    req.on('error', () => finish({ aborted: true }));
    req.on('close', () => finish(size > MAX_REQUEST_BYTES ? { tooLarge: true } : { aborted: true }));
  });
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::' || host === '') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** The reason of an `InvalidHttpRequest`, from Node's parser error (llhttp codes). */
function framingReason(err: Error & { code?: string; reason?: string }): string {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return 'the request headers are too large';
    case 'HPE_INVALID_CONTENT_LENGTH':
      return 'the Content-Length header is not valid';
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return 'Content-Length and Transfer-Encoding are both set';
    case 'HPE_INVALID_TRANSFER_ENCODING':
      return /Content-Length/.test(err.reason ?? '') ? 'Content-Length and Transfer-Encoding are both set' : 'the Transfer-Encoding header is not valid';
    case 'HPE_INVALID_CHUNK_SIZE':
      return 'the chunked body is not valid';
    case 'HPE_INVALID_EOF_STATE':
      return 'the connection ended before the whole request arrived';
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'the request was not received in time';
    default:
      return `the request could not be parsed (${err.code ?? 'unknown'}${err.reason ? `: ${err.reason}` : ''})`;
  }
}

/** The bytes read carry X-Amz-Target: the client speaks JSON. */
const JSON_BYTES = /(^|\n)x-amz-target[ \t]*:/i;

/** A framing error as raw HTTP: 400 InvalidHttpRequest in the AWS shape of the protocol, then the connection closes. */
function framingErrorText(json: boolean, reason: string): string {
  const id = requestId();
  const error = HttpErrors.invalidHttpRequest(reason);
  const e = json ? jsonErrorResponse(error) : queryErrorResponse(error, id);
  const head = [`HTTP/1.1 ${e.status} Bad Request`, `Content-Type: ${e.contentType}`, `Content-Length: ${Buffer.byteLength(e.body)}`, `x-amzn-RequestId: ${id}`];
  for (const [k, v] of Object.entries(e.headers)) head.push(`${k}: ${v}`);
  head.push('Connection: close');
  return `${head.join('\r\n')}\r\n\r\n${e.body}`;
}

export async function startReferenceServer(options: ReferenceServerOptions = {}): Promise<ReferenceServer> {
  const clock = options.clock ?? realClock;
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? (() => undefined);
  const engineOptions: Parameters<typeof createEngine>[0] = {};
  if (options.region !== undefined) engineOptions.region = options.region;
  if (options.accountId !== undefined) engineOptions.accountId = options.accountId;
  if (options.defaultMaximumMessageSize !== undefined) engineOptions.defaultMaximumMessageSize = options.defaultMaximumMessageSize;
  if (options.ids !== undefined) engineOptions.ids = options.ids;
  const engine = createEngine(engineOptions);
  if (options.queues) {
    // Before listening: a client that can connect sees every queue (GET /health means ready).
    const made = createQueues(engine, options.queues, clock.wallMs());
    if (!made.ok) throw new QueuesFileError(made.error);
  }

  // Long polls park here and wake when the engine says messages may be available (spec/engine/long-poll.ts).
  const waiters = new Waiters(engine);
  // GET /health and the request log: one hook per request, around the SQS handler, on both HTTP paths (observe.ts).
  const hook = requestHook({ wallMs: () => clock.wallMs(), ...(options.onRequest ? { onRequest: options.onRequest } : {}) });
  let stopping = false;
  let serverUrl = '';
  const handler = createHandler({ engine, waiters, clock, serverUrl: () => serverUrl, stopping: () => stopping });
  const logging = options.onRequest !== undefined;

  /** The handler's answer, with the hook around it: /health answered here, each request logged once answered. */
  function observed(head: RequestHead, body: Buffer, presence: Presence): Answer | Promise<Answer> {
    if (!logging && !head.url.startsWith(HEALTH_PATH)) return handler.answer(head, body, presence, log); // the fast path stays fast
    const seen = hook.request(head.method, head.url, { 'x-amz-target': head.target, 'content-type': head.contentType, host: head.host }, body);
    if (seen.answer) {
      seen.done(seen.answer.status);
      return { ...seen.answer, requestId: requestId() };
    }
    const a = handler.answer(head, body, presence, log);
    if (!(a instanceof Promise)) {
      seen.done(a.status);
      return a;
    }
    return a.then((x) => {
      seen.done(presence.gone() ? undefined : x.status); // a client that left got no answer
      return x;
    });
  }

  // ---------------------------------------------------------------- node:http, for what the fast path hands over

  function send(res: ServerResponse, a: Answer): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(a.status, {
      'Content-Type': a.contentType,
      'Content-Length': String(Buffer.byteLength(a.body)),
      'x-amzn-RequestId': a.requestId,
      ...a.headers,
    });
    res.end(a.body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const h = req.headers;
    const str = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);
    const head: RequestHead = {
      method: req.method ?? '',
      url: req.url ?? '/',
      target: h['x-amz-target'] === undefined ? undefined : String(h['x-amz-target']),
      contentType: str(h['content-type']),
      host: str(h.host),
      trace: str(h['x-amzn-trace-id']),
      accept: str(h.accept),
    };
    let closed = false;
    const goneHooks: (() => void)[] = [];
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        for (const f of goneHooks.splice(0)) f();
      }
    });
    const presence: Presence = {
      gone: () => closed,
      onGone: (f) => {
        if (closed) f();
        else goneHooks.push(f);
      },
    };
    const body = await readBody(req);
    if ('aborted' in body) return;
    if ('tooLarge' in body) return send(res, handler.refuse(head, HttpErrors.requestTooLarge(MAX_REQUEST_BYTES)));
    send(res, await observed(head, body.bytes, presence));
  }

  // Requests still being answered, per connection. A framing error in a request's body is that
  // request's answer; one found after complete (pipelined) requests waits for their answers, so
  // answers stay in request order.
  const answering = new WeakMap<Duplex, { open: Set<IncomingMessage>; json: boolean; framingError?: string }>();
  const server: Server = createServer((req, res) => {
    const conn = answering.get(req.socket) ?? { open: new Set<IncomingMessage>(), json: false };
    answering.set(req.socket, conn);
    conn.open.add(req);
    conn.json = req.headers['x-amz-target'] !== undefined;
    res.on('close', () => {
      conn.open.delete(req);
      if (conn.open.size === 0 && conn.framingError !== undefined && req.socket.writable) req.socket.end(conn.framingError);
    });
    handle(req, res).catch((e: unknown) => {
      log(`reference server: unhandled ${String(e)}`);
      if (!res.headersSent) res.destroy();
    });
  });
  server.on('clientError', (err: Error & { code?: string; rawPacket?: Buffer }, socket: Duplex) => {
    // No request exists: the answer is written on the socket, in the AWS error shape, then it closes.
    if (!socket.writable || err.code === 'ECONNRESET' || err.code === 'EPIPE') {
      socket.destroy();
      return;
    }
    // JSON when the bytes read carry X-Amz-Target or the connection's last request did; else Query.
    const conn = answering.get(socket);
    const seen = err.rawPacket ? err.rawPacket.toString('latin1') : '';
    const text = framingErrorText(JSON_BYTES.test(seen) || conn?.json === true, framingReason(err));
    const open = [...(conn?.open ?? [])];
    if (conn && open.length > 0 && open.every((r) => r.complete)) conn.framingError = text;
    else socket.end(text);
  });
  // node:http never listens itself: its connection checks (request and header timeouts) start here.
  server.emit('listening');

  // ---------------------------------------------------------------- the fast path, and the listening socket

  const busyPoll = createBusyPoll(options.busyPollMicros ?? DEFAULT_BUSY_POLL_MICROS);
  const fast = createFastHttp({
    busyPoll,
    answer: (head, body, presence) => observed(head, body, presence),
    handOff(socket: Socket, bytes: Buffer, json: boolean) {
      answering.set(socket, { open: new Set(), json });
      server.emit('connection', socket);
      if (bytes.length > 0) socket.emit('data', bytes);
    },
    truncated: (json, bytes) => framingErrorText(json || JSON_BYTES.test(bytes.toString('latin1')), framingReason({ name: 'Error', message: '', code: 'HPE_INVALID_EOF_STATE' })),
    maxBody: MAX_REQUEST_BYTES,
  });
  const listener = createNetServer({ allowHalfOpen: true }, (socket) => fast.accept(socket));

  await new Promise<void>((resolve, reject) => {
    listener.once('error', reject);
    listener.listen(options.port ?? 0, host, () => {
      listener.off('error', reject);
      resolve();
    });
  });
  const port = (listener.address() as AddressInfo).port;
  serverUrl = `http://${hostForUrl(host)}:${port}`;
  engine.setEndpoint(serverUrl);
  log(`reference server listening on ${serverUrl}`);

  return {
    url: serverUrl,
    port,
    engine,
    async stop(): Promise<void> {
      stopping = true;
      busyPoll.stop();
      waiters.wakeAll();
      const closed = new Promise<void>((resolve) => listener.close(() => resolve()));
      await new Promise((r) => setImmediate(r));
      fast.destroyAll();
      server.closeAllConnections();
      server.close(() => undefined); // stops node:http's connection checks
      await closed;
    },
  };
}
