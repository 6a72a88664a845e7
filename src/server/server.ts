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
import { realClock, type Clock } from '../clock/index.js';
import { createEngine, NON_EXISTENT_QUEUE_MESSAGE_QUERY, receiveWithWait, Waiters, type Engine, type EngineAction } from '../spec/engine/index.js';
import type { EngineResult, IdSource, ReceiveMessageInput } from '../spec/engine/index.js';
import type { ExpectedError } from '../spec/types.js';
import { parseForm, readJsonInput, readQueryInput, toJsonValue, xmlError, xmlResponse, type FormParams } from './codec.js';
import * as HttpErrors from './errors.js';
import { isOperation, OPERATIONS } from './schema.js';

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

/** Larger bodies are refused before parsing (a 10-entry batch of 1 MiB stays well below). */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;
/** Beyond this the connection is dropped instead of drained. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';
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
    const fault = error.httpStatus >= 500 ? 'Receiver' : 'Sender';
    if (protocol === 'json') {
      // sqs-semantics.md 1.2: the SDK reads the query code from x-amzn-query-error (elasticmq#1188).
      const body = JSON.stringify({ __type: HttpErrors.jsonErrorType(error.type), message: error.message });
      send(res, error.httpStatus, JSON_CONTENT_TYPE, body, requestId, { 'x-amzn-query-error': `${error.code};${fault}` });
    } else {
      // Query wording of a missing queue differs from JSON's (item 111).
      const message = error.type === 'QueueDoesNotExist' ? NON_EXISTENT_QUEUE_MESSAGE_QUERY : error.message;
      send(res, error.httpStatus, 'text/xml', xmlError(fault, error.code, message, requestId), requestId);
    }
  }

  async function run(action: EngineAction, input: Record<string, unknown>, gone: () => boolean, onGone: (f: () => void) => void): Promise<EngineResult<unknown>> {
    if (action === 'ReceiveMessage') return receiveWithWait(engine, waiters, pollClock, input as ReceiveMessageInput, { gone: () => gone() || stopping, onGone });
    return engine.dispatch(action, input, clock.wallMs());
  }

  /** Per-request context: the queue named by the path, the trace header, client presence. */
  interface Ctx {
    req: IncomingMessage;
    res: ServerResponse;
    requestId: string;
    pathname: string;
    gone: () => boolean;
    onGone: (f: () => void) => void;
  }

  /** Fills QueueUrl from a queue URL path when the parameters leave it out (items 122, 124). */
  function withPathQueue(action: string, input: Record<string, unknown>, ctx: Ctx): Record<string, unknown> {
    const shape = OPERATIONS[action];
    if (shape && 'QueueUrl' in shape.input.members && input.QueueUrl === undefined && ctx.pathname !== '/' && ctx.pathname !== '') {
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
    const shape = OPERATIONS[action];
    if (!shape) return sendError(res, 'json', HttpErrors.invalidAction(action), requestId);
    const decoded = readJsonInput(shape.input, parsed);
    if ('problem' in decoded) return sendError(res, 'json', HttpErrors.serialization(decoded.problem), requestId);
    const input = withTraceHeader(action, withPathQueue(action, decoded.ok, ctx), ctx);
    const result = await run(action as EngineAction, input, ctx.gone, ctx.onGone);
    if ('error' in result) return sendError(res, 'json', result.error, requestId);
    send(res, 200, JSON_CONTENT_TYPE, JSON.stringify(withoutEmptyFailed(toJsonValue(result.ok))), requestId);
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
    const shape = OPERATIONS[action];
    if (!shape) return sendError(res, 'query', HttpErrors.invalidAction(action), requestId);
    const decoded = readQueryInput(shape.input, params);
    if ('problem' in decoded) {
      const reason =
        decoded.problem === 'not-integer' ? 'Must be an integer.' : decoded.problem === 'not-boolean' ? 'Must be true or false.' : 'Must be base64-encoded.';
      return sendError(res, 'query', HttpErrors.badQueryParameter(decoded.parameter ?? '', decoded.value ?? '', reason), requestId);
    }
    const input = withTraceHeader(action, withPathQueue(action, decoded.ok, ctx), ctx);
    const result = await run(action as EngineAction, input, ctx.gone, ctx.onGone);
    if ('error' in result) return sendError(res, 'query', result.error, requestId);
    const value = toJsonValue(result.ok) as Record<string, unknown>;
    if (/application\/json/i.test(String(req.headers.accept ?? ''))) {
      // Content negotiation on the Query API (item 123): JSON rooted at `<Op>Response`.
      const json: Record<string, unknown> = { ResponseMetadata: { RequestId: requestId } };
      if (shape.output) json[`${action}Result`] = value;
      return send(res, 200, 'application/json', JSON.stringify({ [`${action}Response`]: json }), requestId);
    }
    send(res, 200, 'text/xml', xmlResponse(action, shape.output, result.ok as Record<string, unknown>, requestId), requestId);
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

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(`reference server: unhandled ${String(e)}`);
      if (!res.headersSent) res.destroy();
    });
  });
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
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
