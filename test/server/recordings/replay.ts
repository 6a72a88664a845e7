// Runs one recorded test's requests against a fresh reference server on a virtual clock, with a
// small client that shapes every answer the way botocore (the recording client) does:
// - success: the output members, plus `ResponseMetadata: {HTTPStatusCode, HTTPHeaders: {}}`;
// - JSON error: `Error: {Code (x-amzn-query-error), Message, QueryErrorCode (__type), Type}`, plus the
//   error shape's modelled `message` at top level for the shapes whose botocore model of the
//   recording time had that member (seen in the recordings: InvalidAttributeName,
//   InvalidAttributeValue, ResourceNotFoundException; aws-recorded-facts.md item 121);
// - Query error: the children of `<Error>` (Type, Code, Message, Detail; an empty element is null);
// - binary values as bytes (PyBytes), which the recordings hold as Python reprs.
// Requests are written without the SDK so that nothing between the server and the comparison hides
// a member; Query bodies use the kit's own encoder (src/wire/query.ts).
import { randomUUID } from 'node:crypto';
import { VirtualClock } from '../../../src/clock/index.js';
import type { Action } from '../../../src/history/index.js';
import { startReferenceServer } from '../../../src/server/index.js';
import { decodeQueryResponse, encodeQueryParams, formBody, parseXml } from '../../../src/wire/index.js';
import { PyBytes, type Transformer } from './normalise.js';

export type Protocol = 'json' | 'query';
export type Response = Record<string, unknown> & { ResponseMetadata: { HTTPStatusCode: number; HTTPHeaders: Record<string, never> } };

export interface CallOptions {
  /** Extra HTTP headers (e.g. X-Amzn-Trace-Id, item 94). */
  headers?: Record<string, string>;
  /** POST to this URL instead of the endpoint (a JSON request on a queue URL, item 124). */
  url?: string;
}

export interface Sqs {
  readonly protocol: Protocol;
  /** One request; the answer shaped like botocore's, errors included. */
  call(action: Action, input?: Record<string, unknown>, options?: CallOptions): Promise<Response>;
  /** A request that must succeed (a plain call in the recorded test). */
  ok(action: Action, input?: Record<string, unknown>, options?: CallOptions): Promise<Response>;
  /** A request that must fail (`pytest.raises(ClientError)` in the recorded test). */
  fail(action: Action, input?: Record<string, unknown>, options?: CallOptions): Promise<Response>;
}

export interface CreateQueueInput {
  QueueName?: string;
  Attributes?: Record<string, string>;
  tags?: Record<string, string>;
}

export interface ReplayContext {
  readonly protocol: Protocol;
  /** The test's parametrised client: `[sqs]` → JSON, `[sqs_query]` → Query. */
  readonly sqs: Sqs;
  /** The JSON client: LocalStack's fixtures (queue creation, ARN lookup) always use it. */
  readonly json: Sqs;
  readonly query: Sqs;
  readonly accountId: string;
  readonly region: string;
  /** `short_uid()`: 8 hex characters. */
  uid(): string;
  uuid(): string;
  /** The `sqs_create_queue` fixture (JSON): default name `test-queue-<uid>`; returns the URL. */
  createQueue(input?: CreateQueueInput): Promise<string>;
  /** The `sqs_get_queue_arn` fixture. */
  queueArn(queueUrl: string): Promise<string>;
  /** `time.sleep`: moves the virtual clock. */
  sleep(seconds: number): Promise<void>;
  /** Virtual milliseconds since the case started. */
  now(): number;
  /** A transformer the recorded test added (`snapshot.add_transformer`). */
  transform(t: Transformer): void;
  /** A plain `assert` of the recorded test. */
  check(condition: unknown, message: string): void;
  /** `str(ClientError)` as botocore words it. */
  errorText(action: Action, response: Response): string;
}

export interface ReplayCase {
  /** The pytest node id: the snapshot key. */
  id: string;
  protocol: Protocol;
  /** The recorded test's requests; returns the matched values under the snapshot's keys, in match order. */
  steps(ctx: ReplayContext): Promise<Record<string, unknown>>;
}

export interface ReplayRun {
  matches: Record<string, unknown>;
  extra: Transformer[];
  accountId: string;
  region: string;
}

/** Account and region of the replay server (normalised like the recording's). */
export const REPLAY_ACCOUNT_ID = '123456789012';
export const REPLAY_REGION = 'us-east-1';

/** Error shapes whose modelled `message` member botocore put at top level in the recordings. */
const TOP_LEVEL_MESSAGE_SHAPES = new Set(['InvalidAttributeName', 'InvalidAttributeValue', 'ResourceNotFoundException']);

export class ReplayFailure extends Error {
  override readonly name = 'ReplayFailure';
}

export function isError(r: Response): boolean {
  return r.Error !== undefined;
}

function meta(status: number): Response['ResponseMetadata'] {
  return { HTTPStatusCode: status, HTTPHeaders: {} };
}

/** Input for the wire: bytes become base64 (JSON) or stay bytes for the Query encoder. */
function toWire(v: unknown, base64: boolean): unknown {
  if (v instanceof PyBytes) return base64 ? Buffer.from(v.bytes).toString('base64') : v.bytes;
  if (v instanceof Uint8Array) return base64 ? Buffer.from(v).toString('base64') : v;
  if (Array.isArray(v)) return v.map((x) => toWire(x, base64));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = toWire(x, base64);
    return out;
  }
  return v;
}

/** Output: base64 blobs (BinaryValue, BinaryListValues) become bytes, as botocore returns them. */
function fromWire(v: unknown, key?: string): unknown {
  if (key === 'BinaryValue' && typeof v === 'string') return new PyBytes(new Uint8Array(Buffer.from(v, 'base64')));
  if (key === 'BinaryListValues' && Array.isArray(v)) return v.map((x) => (typeof x === 'string' ? new PyBytes(new Uint8Array(Buffer.from(x, 'base64'))) : x));
  if (Array.isArray(v)) return v.map((x) => fromWire(x));
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = fromWire(x, k);
    return out;
  }
  return v;
}

function xmlText(node: unknown): string | null {
  if (node === undefined || node === null) return null;
  if (typeof node === 'string') return node === '' ? null : node;
  if (typeof node === 'object') {
    const t = (node as Record<string, unknown>)['#text'];
    const s = Array.isArray(t) ? t.join('') : typeof t === 'string' ? t : '';
    return s === '' ? null : s;
  }
  return String(node);
}

function makeSqs(protocol: Protocol, endpoint: string): Sqs {
  async function call(action: Action, input: Record<string, unknown> = {}, options: CallOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    let body: string;
    if (protocol === 'json') {
      headers['Content-Type'] = 'application/x-amz-json-1.0';
      headers['X-Amz-Target'] = `AmazonSQS.${action}`;
      body = JSON.stringify(toWire(input, true));
    } else {
      headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8';
      body = formBody(encodeQueryParams(action, toWire(input, false) as Record<string, unknown>));
    }
    const res = await fetch(options.url ?? `${endpoint}/`, { method: 'POST', headers, body });
    const text = await res.text();
    const status = res.status;
    if (protocol === 'json') {
      const parsed = (text.trim() === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
      if (status < 300) return { ...(fromWire(parsed) as Record<string, unknown>), ResponseMetadata: meta(status) };
      const rawType = typeof parsed.__type === 'string' ? parsed.__type : String(status);
      const type = rawType.includes('#') ? rawType.slice(rawType.lastIndexOf('#') + 1) : rawType;
      const message = typeof parsed.message === 'string' ? parsed.message : typeof parsed.Message === 'string' ? parsed.Message : '';
      const error: Record<string, unknown> = { Message: message, Code: type };
      const queryError = res.headers.get('x-amzn-query-error');
      const parts = queryError?.split(';') ?? [];
      if (parts.length === 2 && parts[0]) {
        error.QueryErrorCode = type;
        error.Code = parts[0];
        error.Type = parts[1];
      }
      const out: Response = { Error: error, ResponseMetadata: meta(status) };
      if (TOP_LEVEL_MESSAGE_SHAPES.has(type) && typeof parsed.message === 'string') out.message = parsed.message;
      return out;
    }
    if (status < 300) {
      const { output } = decodeQueryResponse(action, text);
      return { ...(fromWire(output) as Record<string, unknown>), ResponseMetadata: meta(status) };
    }
    const { root, node } = parseXml(text);
    const errNode = root === 'Error' ? node : ((node.Error as unknown[] | undefined)?.[0] as Record<string, unknown> | undefined);
    const error: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(errNode ?? {})) {
      if (k.startsWith('#')) continue;
      error[k] = xmlText(Array.isArray(v) ? v[0] : v);
    }
    return { Error: error, ResponseMetadata: meta(status) };
  }

  return {
    protocol,
    call,
    async ok(action, input, options) {
      const r = await call(action, input, options);
      if (isError(r)) throw new ReplayFailure(`${action} (${protocol}) failed: ${JSON.stringify(r.Error)}`);
      return r;
    },
    async fail(action, input, options) {
      const r = await call(action, input, options);
      if (!isError(r)) throw new ReplayFailure(`${action} (${protocol}) was expected to fail but answered ${JSON.stringify(r)}`);
      return r;
    },
  };
}

/** Runs a case against a fresh reference server on a virtual clock; the server is stopped after. */
export async function runCase(c: ReplayCase): Promise<ReplayRun> {
  const clock = new VirtualClock();
  const server = await startReferenceServer({ port: 0, host: '127.0.0.1', clock, accountId: REPLAY_ACCOUNT_ID, region: REPLAY_REGION });
  const start = clock.nowMs();
  const extra: Transformer[] = [];
  const json = makeSqs('json', server.url);
  const query = makeSqs('query', server.url);
  const ctx: ReplayContext = {
    protocol: c.protocol,
    sqs: c.protocol === 'json' ? json : query,
    json,
    query,
    accountId: REPLAY_ACCOUNT_ID,
    region: REPLAY_REGION,
    uid: () => randomUUID().slice(0, 8),
    uuid: () => randomUUID(),
    async createQueue(input = {}) {
      const r = await json.ok('CreateQueue', { QueueName: `test-queue-${randomUUID().slice(0, 8)}`, ...input });
      return r.QueueUrl as string;
    },
    async queueArn(queueUrl) {
      const r = await json.ok('GetQueueAttributes', { QueueUrl: queueUrl, AttributeNames: ['QueueArn'] });
      return (r.Attributes as Record<string, string>).QueueArn as string;
    },
    async sleep(seconds) {
      clock.advance(seconds * 1000);
      await new Promise((r) => setImmediate(r));
    },
    now: () => clock.nowMs() - start,
    transform: (t) => void extra.push(t),
    check(condition, message) {
      if (!condition) throw new ReplayFailure(`assertion of the recorded test failed: ${message}`);
    },
    errorText(action, response) {
      const e = (response.Error ?? {}) as Record<string, unknown>;
      return `An error occurred (${String(e.Code)}) when calling the ${action} operation: ${String(e.Message)}`;
    },
  };
  try {
    const matches = await c.steps(ctx);
    return { matches, extra, accountId: REPLAY_ACCOUNT_ID, region: REPLAY_REGION };
  } finally {
    await server.stop();
  }
}
