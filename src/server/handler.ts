// One SQS request, whatever carried it: the request's method, target, few headers and body in,
// the answer (status, content type, body, extra headers) out. Both HTTP front ends of the server
// (http-fast.ts, and node:http for everything the fast one leaves to it) call `answer`.
// - AWS JSON 1.0: POST with `X-Amz-Target: AmazonSQS.<Op>`, to `/` or to a queue URL path (item 124);
//   errors as `{"__type": …, "message": …}` with `x-amzn-query-error: <Code>;Sender` (section 1.2);
// - Query: form-encoded POST or GET with `Action=…`, XML answers and XML errors (items 121-123).
// The answer is synchronous (no promise, no timer) unless a ReceiveMessage has to wait: then it is
// a promise, settled when messages come, at the deadline, or when the client leaves.
import { isUtf8 } from 'node:buffer';
import type { Clock } from '../clock/index.js';
import { awaitReceive, NON_EXISTENT_QUEUE_MESSAGE_QUERY, ReceiveCall, type Engine, type EngineAction, type Waiters } from '../spec/engine/index.js';
import type { EngineResult, ReceiveMessageInput } from '../spec/engine/index.js';
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

export type Protocol = 'json' | 'query';

/** What the handler reads of an HTTP request: the method, the target and five headers (undefined when absent). */
export interface RequestHead {
  method: string;
  /** The request target: path and query string. */
  url: string;
  target: string | undefined;
  contentType: string | undefined;
  host: string | undefined;
  trace: string | undefined;
  accept: string | undefined;
}

export interface Answer {
  status: number;
  contentType: string;
  body: string;
  requestId: string;
  /** Headers besides Content-Type, Content-Length and x-amzn-RequestId. */
  headers?: Record<string, string>;
}

/** Whether the client is still there (a long poll whose client left takes nothing out of the queue). */
export interface Presence {
  gone(): boolean;
  onGone(f: () => void): void;
}

export interface HandlerContext {
  engine: Engine;
  waiters: Waiters;
  clock: Clock;
  /** `http://<host>:<port>`: the listening address (known once listening). */
  serverUrl(): string;
  stopping(): boolean;
}

/** A Host header fit for a URL: a name or IPv4 address, or a bracketed IPv6 address, and a port. */
const HOST_HEADER = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252}))(?::\d{1,5})?$/;
const JSON_TYPE = /^application\/(x-amz-json-1\.0|json)\b/i;
const TARGET = /^AmazonSQS\.([A-Za-z]+)$/;
const ACCEPT_JSON = /application\/json/i;

/**
 * Request ids: UUID-shaped, a random prefix fixed per process and a counter (a fresh random UUID
 * per request costs more than the rest of a short request's bookkeeping).
 */
const ID_PREFIX = crypto.randomUUID().slice(0, 23);
let idCounter = 0;
export function requestId(): string {
  idCounter = (idCounter + 1) % 0x1000000000000;
  return `${ID_PREFIX}-${idCounter.toString(16).padStart(12, '0')}`;
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

/** Operations whose input has a QueueUrl member (filled from a queue URL path when left out). */
const TAKES_QUEUE_URL = new Map<string, boolean>();

export function createHandler(x: HandlerContext) {
  const { engine, waiters, clock } = x;
  const pollClock = { nowMs: () => clock.wallMs(), sleep: (ms: number, signal: AbortSignal) => clock.sleep(ms, signal) };
  /** The last Host header seen and its origin: clients send the same one on every request. */
  let lastHost: string | undefined;
  let lastOrigin = '';

  function errorAnswer(protocol: Protocol, error: ExpectedError, id: string): Answer {
    // Query wording of a missing queue differs from JSON's (item 111).
    const e =
      protocol === 'json'
        ? jsonErrorResponse(error)
        : queryErrorResponse(error.type === 'QueueDoesNotExist' ? { ...error, message: NON_EXISTENT_QUEUE_MESSAGE_QUERY } : error, id);
    return { status: e.status, contentType: e.contentType, body: e.body, requestId: id, headers: e.headers };
  }

  function originOf(head: RequestHead): string {
    const host = head.host;
    if (host === undefined) return x.serverUrl();
    if (host !== lastHost) {
      lastOrigin = HOST_HEADER.test(host) ? `http://${host}` : x.serverUrl();
      lastHost = host;
    }
    return lastOrigin;
  }

  /** Fills QueueUrl from a queue URL path when the parameters leave it out (items 122, 124). */
  function withPathQueue(action: string, input: Record<string, unknown>, pathname: string): Record<string, unknown> {
    if (input.QueueUrl !== undefined || pathname === '/' || pathname === '') return input;
    let takes = TAKES_QUEUE_URL.get(action);
    if (takes === undefined) {
      const op = operationOf(action);
      TAKES_QUEUE_URL.set(action, (takes = op !== undefined && 'QueueUrl' in structOf(op.input).members));
    }
    return takes ? { ...input, QueueUrl: `${x.serverUrl()}${pathname}` } : input;
  }

  /** X-Amzn-Trace-Id on SendMessage becomes the AWSTraceHeader system attribute (item 94). */
  function withTraceHeader(action: string, input: Record<string, unknown>, trace: string | undefined): Record<string, unknown> {
    if (action !== 'SendMessage' || trace === undefined || trace === '') return input;
    const sys = (input.MessageSystemAttributes ?? {}) as Record<string, unknown>;
    if (sys.AWSTraceHeader !== undefined) return input;
    return { ...input, MessageSystemAttributes: { ...sys, AWSTraceHeader: { DataType: 'String', StringValue: trace } } };
  }

  /** Runs the action: the engine's result, or a promise of it when a receive waits. */
  function run(action: EngineAction, input: Record<string, unknown>, origin: string, presence: Presence): EngineResult<unknown> | Promise<EngineResult<unknown>> {
    if (action === 'ReceiveMessage') {
      const call = new ReceiveCall(engine, input as ReceiveMessageInput);
      const first = call.step(clock.wallMs());
      if ('done' in first) return first.done;
      return awaitReceive(call, first, waiters, pollClock, { gone: () => presence.gone() || x.stopping(), onGone: (f) => presence.onGone(f) });
    }
    const r = engine.dispatch(action, input, clock.wallMs());
    return 'ok' in r ? { ok: withClientOrigin(r.ok, x.serverUrl(), origin) } : r;
  }

  function jsonAnswer(action: string, result: EngineResult<unknown>, id: string): Answer {
    if ('error' in result) return errorAnswer('json', result.error, id);
    const body = JSON.stringify(withoutEmptyFailed(jsonOutput(action as EngineAction, result.ok as Record<string, unknown>)));
    return { status: 200, contentType: JSON_CONTENT_TYPE, body, requestId: id };
  }

  function handleJson(head: RequestHead, pathname: string, body: Buffer, presence: Presence, id: string): Answer | Promise<Answer> {
    const target = head.target ?? '';
    const m = TARGET.exec(target);
    const action = m?.[1] ?? target;
    if (!m || !isOperation(action)) return errorAnswer('json', HttpErrors.invalidAction(action || '(none)'), id);
    if (head.method !== 'POST') return errorAnswer('json', HttpErrors.serialization(`Method ${head.method} is not supported for ${action}.`), id);
    const contentType = head.contentType ?? '';
    if (!JSON_TYPE.test(contentType)) {
      return errorAnswer('json', HttpErrors.serialization(`Content type ${contentType || '(none)'} is not supported; use ${JSON_CONTENT_TYPE}.`), id);
    }
    if (!isUtf8(body)) return errorAnswer('json', HttpErrors.serialization('The request body is not valid UTF-8.'), id);
    let text = body.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte order mark, as a UTF-8 decoder drops it
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      if (text.trim() === '') parsed = {};
      else return errorAnswer('json', HttpErrors.serialization('The request body is not valid JSON.'), id);
    }
    const decoded = readJsonInput(action, parsed);
    if ('problem' in decoded) return errorAnswer('json', HttpErrors.serialization(decoded.problem), id);
    const input = withTraceHeader(action, withPathQueue(action, decoded.ok, pathname), head.trace);
    const result = run(action as EngineAction, input, originOf(head), presence);
    return result instanceof Promise ? result.then((r) => jsonAnswer(action, r, id)) : jsonAnswer(action, result, id);
  }

  function queryAnswer(action: string, result: EngineResult<unknown>, head: RequestHead, id: string): Answer {
    if ('error' in result) return errorAnswer('query', result.error, id);
    const value = result.ok as Record<string, unknown>;
    if (head.accept !== undefined && ACCEPT_JSON.test(head.accept)) {
      // Content negotiation on the Query API (item 123): JSON rooted at `<Op>Response`.
      const json: Record<string, unknown> = { ResponseMetadata: { RequestId: id } };
      if (operationOf(action)?.output) json[`${action}Result`] = jsonOutput(action as EngineAction, value);
      return { status: 200, contentType: 'application/json', body: JSON.stringify({ [`${action}Response`]: json }), requestId: id };
    }
    return { status: 200, contentType: 'text/xml', body: xmlResponse(action as EngineAction, value, id), requestId: id };
  }

  function handleQuery(head: RequestHead, pathname: string, rawQuery: string, body: Buffer, presence: Presence, id: string): Answer | Promise<Answer> {
    const params: FormParams = new Map();
    if (head.method === 'POST' && body.length > 0 && !parseForm(body, params)) {
      return errorAnswer('query', HttpErrors.malformedQuery('The request body is not a valid form-encoded UTF-8 string.'), id);
    }
    if (rawQuery !== '' && !parseForm(Buffer.from(rawQuery, 'latin1'), params)) {
      return errorAnswer('query', HttpErrors.malformedQuery('The query string is not a valid URL-encoded UTF-8 string.'), id);
    }
    const action = params.get('Action');
    if (action === undefined || action === '') return errorAnswer('query', HttpErrors.unknownOperation(), id); // item 122
    if (!isOperation(action)) return errorAnswer('query', HttpErrors.invalidAction(action), id); // item 122
    const onQueuePath = pathname !== '/' && pathname !== '';
    if (onQueuePath && (action === 'CreateQueue' || action === 'ListQueues')) return errorAnswer('query', HttpErrors.invalidAction(action), id);
    const decoded = readQueryInput(action, params);
    if ('problem' in decoded) return errorAnswer('query', HttpErrors.badQueryParameter(decoded.parameter ?? '', decoded.value ?? '', decoded.problem), id);
    const input = withTraceHeader(action, withPathQueue(action, decoded.ok, pathname), head.trace);
    const result = run(action as EngineAction, input, originOf(head), presence);
    return result instanceof Promise ? result.then((r) => queryAnswer(action, r, head, id)) : queryAnswer(action, result, head, id);
  }

  /** The protocol of a request: JSON when it names an X-Amz-Target, else Query. */
  const protocolOf = (head: { target: string | undefined }): Protocol => (head.target !== undefined ? 'json' : 'query');

  /** Answers one complete request. Never throws: an internal failure is the AWS InternalFailure. */
  function answer(head: RequestHead, body: Buffer, presence: Presence, log: (line: string) => void): Answer | Promise<Answer> {
    const id = requestId();
    const protocol = protocolOf(head);
    const failed = (e: unknown): Answer => {
      // Last resort: never let a request take the server down (InternalFailure 500, section 1.4).
      log(`reference server: internal failure on ${head.method} ${head.url}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return errorAnswer(protocol, HttpErrors.internalFailure(), id);
    };
    try {
      const q = head.url.indexOf('?');
      const pathname = (q >= 0 ? head.url.slice(0, q) : head.url) || '/';
      let a: Answer | Promise<Answer>;
      if (protocol === 'json') a = handleJson(head, pathname, body, presence, id);
      else if (head.method === 'GET' || head.method === 'POST') a = handleQuery(head, pathname, q >= 0 ? head.url.slice(q + 1) : '', body, presence, id);
      else a = errorAnswer('query', HttpErrors.unknownOperation(), id);
      return a instanceof Promise ? a.catch(failed) : a;
    } catch (e) {
      return failed(e);
    }
  }

  /** The error answer to a request refused before it was read (a body over the limit). */
  function refuse(head: { target: string | undefined }, error: ExpectedError): Answer {
    return errorAnswer(protocolOf(head), error, requestId());
  }

  return { answer, refuse, errorAnswer };
}

export type Handler = ReturnType<typeof createHandler>;
