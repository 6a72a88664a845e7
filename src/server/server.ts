// The reference server: the engine (src/spec/engine) served over node:http in both SQS wire
// protocols (../shared/DESIGN.md section 5; sqs-semantics.md section 1):
// - AWS JSON 1.0: POST with `X-Amz-Target: AmazonSQS.<Op>`, to `/` or to a queue URL path (item 124);
//   errors as `{"__type": …, "message": …}` with `x-amzn-query-error: <Code>;Sender` (section 1.2);
// - Query: form-encoded POST or GET with `Action=…`, XML answers and XML errors (items 121-123).
// Long polls wait on the injected clock and wake when a message may have become available.
// Every request is answered, malformed ones with the AWS error; nothing a client sends crashes it.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { realClock, type Clock } from '../clock/index.js';
import { createEngine, NON_EXISTENT_QUEUE_MESSAGE_QUERY, receiveWithWait, Waiters, type Engine, type EngineAction } from '../spec/engine/index.js';
import type { EngineResult, IdSource, ReceiveMessageInput } from '../spec/engine/index.js';
import type { ExpectedError } from '../spec/types.js';
import {
  isOperation,
  JSON_CONTENT_TYPE,
  jsonErrorResponse,
  jsonOutput,
  operationOf,
  parseForm,
  queryErrorResponse,
  readJsonInput,
  readQueryInput,
  structOf,
  xmlResponse,
  type FormParams,
} from '../wire/index.js';
import * as HttpErrors from './errors.js';

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
}

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

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

type Protocol = 'json' | 'query';
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

/** A Host header fit for a URL: a name or IPv4 address, or a bracketed IPv6 address, and a port. */
const HOST_HEADER = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))(?::\d{1,5})?$/;

/**
 * Queue URLs as the client addressed the server: `<scheme>://<Host header>/<account>/<name>`, as
 * AWS and ElasticMQ build them (issue 12). The engine writes them with the listening address; the
 * answer's queue URL members get the request's origin instead.
 */
function withClientOrigin(value: unknown, serverUrl: string, origin: string): unknown {
  if (origin === serverUrl || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const swap = (u: unknown) => (typeof u === 'string' && u.startsWith(`${serverUrl}/`) ? origin + u.slice(serverUrl.length) : u);
  const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const k of ['QueueUrl', 'QueueUrls', 'queueUrls']) {
    const v = out[k];
    if (v !== undefined) out[k] = Array.isArray(v) ? v.map(swap) : swap(v);
  }
  return out;
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

/**
 * AWS's JSON answer to a batch call leaves out `Failed` when no entry failed: the recorded
 * SendMessageBatch answer holds only `Successful` (aws-recorded-facts.md item 84; recording
 * test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size[sqs]). The Query
 * answer has no element for an empty list either.
 */
function withoutEmptyFailed(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  if (!Array.isArray(v.Failed) || v.Failed.length > 0 || !Array.isArray(v.Successful)) return value;
  const { Failed: _dropped, ...rest } = v;
  return rest;
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

  // Long polls park here and wake when the engine says messages may be available (spec/engine/long-poll.ts).
  const waiters = new Waiters(engine);
  const pollClock = { nowMs: () => clock.wallMs(), sleep: (ms: number, signal: AbortSignal) => clock.sleep(ms, signal) };
  let stopping = false;

  function send(res: ServerResponse, status: number, contentType: string, body: string, requestId: string, extra: Record<string, string> = {}): void {
    if (res.headersSent || res.destroyed) return;
    res.writeHead(status, {
      'Content-Type': contentType,
      'Content-Length': String(Buffer.byteLength(body)),
      'x-amzn-RequestId': requestId,
      ...extra,
    });
    res.end(body);
  }

  function sendError(res: ServerResponse, protocol: Protocol, error: ExpectedError, requestId: string): void {
    // Query wording of a missing queue differs from JSON's (item 111).
    const e =
      protocol === 'json'
        ? jsonErrorResponse(error)
        : queryErrorResponse(error.type === 'QueueDoesNotExist' ? { ...error, message: NON_EXISTENT_QUEUE_MESSAGE_QUERY } : error, requestId);
    send(res, e.status, e.contentType, e.body, requestId, e.headers);
  }

  async function run(action: EngineAction, input: Record<string, unknown>, ctx: Ctx): Promise<EngineResult<unknown>> {
    if (action === 'ReceiveMessage') return receiveWithWait(engine, waiters, pollClock, input as ReceiveMessageInput, { gone: () => ctx.gone() || stopping, onGone: ctx.onGone });
    const r = engine.dispatch(action, input, clock.wallMs());
    return 'ok' in r ? { ok: withClientOrigin(r.ok, serverUrl, ctx.origin) } : r;
  }

  /** Per-request context: the queue named by the path, the trace header, client presence. */
  interface Ctx {
    req: IncomingMessage;
    res: ServerResponse;
    requestId: string;
    pathname: string;
    /** `http://<Host header>`, or the listening address when the header is missing or odd. */
    origin: string;
    gone: () => boolean;
    onGone: (f: () => void) => void;
  }

  /** Fills QueueUrl from a queue URL path when the parameters leave it out (items 122, 124). */
  function withPathQueue(action: string, input: Record<string, unknown>, ctx: Ctx): Record<string, unknown> {
    const op = operationOf(action);
    if (op && 'QueueUrl' in structOf(op.input).members && input.QueueUrl === undefined && ctx.pathname !== '/' && ctx.pathname !== '') {
      return { ...input, QueueUrl: `${serverUrl}${ctx.pathname}` };
    }
    return input;
  }

  /** X-Amzn-Trace-Id on SendMessage becomes the AWSTraceHeader system attribute (item 94). */
  function withTraceHeader(action: string, input: Record<string, unknown>, ctx: Ctx): Record<string, unknown> {
    const trace = ctx.req.headers['x-amzn-trace-id'];
    if (action !== 'SendMessage' || typeof trace !== 'string' || trace === '') return input;
    const sys = (input.MessageSystemAttributes ?? {}) as Record<string, unknown>;
    if (sys.AWSTraceHeader !== undefined) return input;
    return { ...input, MessageSystemAttributes: { ...sys, AWSTraceHeader: { DataType: 'String', StringValue: trace } } };
  }

  async function handleJson(ctx: Ctx, body: Buffer): Promise<void> {
    const { req, res, requestId } = ctx;
    const target = String(req.headers['x-amz-target'] ?? '');
    const m = /^AmazonSQS\.([A-Za-z]+)$/.exec(target);
    const action = m?.[1] ?? target;
    if (!m || !isOperation(action)) return sendError(res, 'json', HttpErrors.invalidAction(action || '(none)'), requestId);
    if (req.method !== 'POST') return sendError(res, 'json', HttpErrors.serialization(`Method ${req.method ?? ''} is not supported for ${action}.`), requestId);
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/^application\/(x-amz-json-1\.0|json)\b/i.test(contentType)) {
      return sendError(res, 'json', HttpErrors.serialization(`Content type ${contentType || '(none)'} is not supported; use ${JSON_CONTENT_TYPE}.`), requestId);
    }
    let text: string;
    try {
      text = utf8Strict.decode(body);
    } catch {
      return sendError(res, 'json', HttpErrors.serialization('The request body is not valid UTF-8.'), requestId);
    }
    let parsed: unknown;
    try {
      parsed = text.trim() === '' ? {} : JSON.parse(text);
    } catch {
      return sendError(res, 'json', HttpErrors.serialization('The request body is not valid JSON.'), requestId);
    }
    const decoded = readJsonInput(action, parsed);
    if ('problem' in decoded) return sendError(res, 'json', HttpErrors.serialization(decoded.problem), requestId);
    const input = withTraceHeader(action, withPathQueue(action, decoded.ok, ctx), ctx);
    const result = await run(action as EngineAction, input, ctx);
    if ('error' in result) return sendError(res, 'json', result.error, requestId);
    send(res, 200, JSON_CONTENT_TYPE, JSON.stringify(withoutEmptyFailed(jsonOutput(action, result.ok as Record<string, unknown>))), requestId);
  }

  async function handleQuery(ctx: Ctx, body: Buffer, rawQuery: string): Promise<void> {
    const { req, res, requestId } = ctx;
    const params: FormParams = new Map();
    if (req.method === 'POST' && body.length > 0 && !parseForm(body, params)) {
      return sendError(res, 'query', HttpErrors.malformedQuery('The request body is not a valid form-encoded UTF-8 string.'), requestId);
    }
    if (rawQuery !== '' && !parseForm(Buffer.from(rawQuery, 'latin1'), params)) {
      return sendError(res, 'query', HttpErrors.malformedQuery('The query string is not a valid URL-encoded UTF-8 string.'), requestId);
    }
    const action = params.get('Action');
    if (action === undefined || action === '') return sendError(res, 'query', HttpErrors.unknownOperation(), requestId); // item 122
    if (!isOperation(action)) return sendError(res, 'query', HttpErrors.invalidAction(action), requestId); // item 122
    const onQueuePath = ctx.pathname !== '/' && ctx.pathname !== '';
    if (onQueuePath && (action === 'CreateQueue' || action === 'ListQueues')) return sendError(res, 'query', HttpErrors.invalidAction(action), requestId);
    const decoded = readQueryInput(action, params);
    if ('problem' in decoded) return sendError(res, 'query', HttpErrors.badQueryParameter(decoded.parameter ?? '', decoded.value ?? '', decoded.problem), requestId);
    const input = withTraceHeader(action, withPathQueue(action, decoded.ok, ctx), ctx);
    const result = await run(action as EngineAction, input, ctx);
    if ('error' in result) return sendError(res, 'query', result.error, requestId);
    const value = result.ok as Record<string, unknown>;
    if (/application\/json/i.test(String(req.headers.accept ?? ''))) {
      // Content negotiation on the Query API (item 123): JSON rooted at `<Op>Response`.
      const json: Record<string, unknown> = { ResponseMetadata: { RequestId: requestId } };
      if (operationOf(action)?.output) json[`${action}Result`] = jsonOutput(action, value);
      return send(res, 200, 'application/json', JSON.stringify({ [`${action}Response`]: json }), requestId);
    }
    send(res, 200, 'text/xml', xmlResponse(action, value, requestId), requestId);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const protocol: Protocol = req.headers['x-amz-target'] !== undefined ? 'json' : 'query';
    let closed = false;
    const goneHooks: (() => void)[] = [];
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        for (const f of goneHooks.splice(0)) f();
      }
    });
    try {
      const rawUrl = req.url ?? '/';
      const q = rawUrl.indexOf('?');
      const pathname = (q >= 0 ? rawUrl.slice(0, q) : rawUrl) || '/';
      const rawQuery = q >= 0 ? rawUrl.slice(q + 1) : '';
      const body = await readBody(req);
      if ('aborted' in body) return;
      if ('tooLarge' in body) return sendError(res, protocol, HttpErrors.requestTooLarge(MAX_REQUEST_BYTES), requestId);
      const ctx: Ctx = {
        req,
        res,
        requestId,
        pathname,
        origin: typeof req.headers.host === 'string' && HOST_HEADER.test(req.headers.host) ? `http://${req.headers.host}` : serverUrl,
        gone: () => closed,
        onGone: (f) => {
          if (closed) f();
          else goneHooks.push(f);
        },
      };
      if (protocol === 'json') await handleJson(ctx, body.bytes);
      else if (req.method === 'GET' || req.method === 'POST') await handleQuery(ctx, body.bytes, rawQuery);
      else sendError(res, 'query', HttpErrors.unknownOperation(), requestId);
    } catch (e) {
      // Last resort: never let a request take the server down (InternalFailure 500, section 1.4).
      log(`reference server: internal failure on ${req.method ?? ''} ${req.url ?? ''}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      if (!res.headersSent) sendError(res, protocol, HttpErrors.internalFailure(), requestId);
      else res.destroy();
    }
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
    const requestId = randomUUID();
    // JSON when the bytes read carry X-Amz-Target or the connection's last request did; else Query.
    const conn = answering.get(socket);
    const seen = err.rawPacket ? err.rawPacket.toString('latin1') : '';
    const json = /(^|\n)x-amz-target[ \t]*:/i.test(seen) || conn?.json === true;
    const error = HttpErrors.invalidHttpRequest(framingReason(err));
    const e = json ? jsonErrorResponse(error) : queryErrorResponse(error, requestId);
    const head = [`HTTP/1.1 ${e.status} Bad Request`, `Content-Type: ${e.contentType}`, `Content-Length: ${Buffer.byteLength(e.body)}`, `x-amzn-RequestId: ${requestId}`];
    for (const [k, v] of Object.entries(e.headers)) head.push(`${k}: ${v}`);
    head.push('Connection: close');
    const text = `${head.join('\r\n')}\r\n\r\n${e.body}`;
    const open = [...(conn?.open ?? [])];
    if (conn && open.length > 0 && open.every((r) => r.complete)) conn.framingError = text;
    else socket.end(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const serverUrl = `http://${hostForUrl(host)}:${port}`;
  engine.setEndpoint(serverUrl);
  log(`reference server listening on ${serverUrl}`);

  return {
    url: serverUrl,
    port,
    engine,
    async stop(): Promise<void> {
      stopping = true;
      waiters.wakeAll();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise((r) => setImmediate(r));
      server.closeAllConnections();
      await closed;
    },
  };
}
