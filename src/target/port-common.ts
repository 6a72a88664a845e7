// Plumbing shared by the JSON and Query ports: options, credentials (with the secret values kept
// aside for redaction), binary-value conversion, and the classification of thrown network errors
// into `info` outcomes. Nothing here sends a request.
import type { AwsCredentialIdentity } from '@smithy/types';
import type { Indeterminate, ServiceError } from '../history/index.js';
import { dict } from '../wire/dict.js';
import { base64Of } from '../wire/json.js';
import { MIN_SECRET_LENGTH, redactSecrets } from './safety.js';

export interface PortCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface PortOptions {
  /** Explicit endpoint, e.g. `http://127.0.0.1:9324` (always passed: see peers-setup.md section 1). */
  endpoint: string;
  region: string;
  /** Static credentials. Absent: dummy `test`/`test` for local targets, the SDK default chain for real AWS. */
  credentials?: PortCredentials;
  /**
   * A fixed whole-call budget for every call (long polls included): set it only to override the
   * per-call budget (`callTimeoutMs`), which keeps short calls short and long polls as long as their wait.
   */
  requestTimeoutMs?: number;
  /** How long a call may wait for its answer beyond its long-poll wait (a server that never answers). Default 10 s. */
  firstByteTimeoutMs?: number;
  /** TCP connect budget. Default 3 s. */
  connectionTimeoutMs?: number;
  /** Real AWS: without `credentials`, resolve them with the SDK default provider chain. */
  realAws?: boolean;
}

export const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 10_000;
export const DEFAULT_CONNECTION_TIMEOUT_MS = 3_000;
/** The longest WaitTimeSeconds (sqs-semantics.md 4.9): a ReceiveMessage without one may wait that long (queue default). */
const LONGEST_WAIT_SECONDS = 20;

/**
 * The budget of one call: the answer must come within `firstByteMs` of when the server may answer,
 * i.e. at once for every action but ReceiveMessage, after its wait for a long poll (20 s when the
 * request names no wait: the queue's default applies). Short and separate from long-poll waits, so
 * a target that stops answering is found in seconds, not after 30 s per call.
 */
export function callTimeoutMs(action: string, input: Record<string, unknown>, options: Pick<PortOptions, 'requestTimeoutMs' | 'firstByteTimeoutMs'> = {}): number {
  if (options.requestTimeoutMs !== undefined) return options.requestTimeoutMs;
  const firstByte = options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS;
  if (action !== 'ReceiveMessage') return firstByte;
  const w = typeof input.WaitTimeSeconds === 'number' ? input.WaitTimeSeconds : Number(input.WaitTimeSeconds ?? Number.NaN);
  const wait = Number.isFinite(w) && w >= 0 ? Math.min(w, LONGEST_WAIT_SECONDS) : LONGEST_WAIT_SECONDS;
  return wait * 1000 + firstByte;
}
/** Credentials for local servers, which accept any signature. Not secret. */
export const DUMMY_CREDENTIALS: PortCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * Where a port gets its credentials, and which values must never appear in a result, a meta or a
 * log. Values resolved from the default chain are recorded as they are resolved.
 */
export class CredentialSource {
  private readonly known = new Set<string>();
  readonly provider: () => Promise<AwsCredentialIdentity>;

  constructor(options: Pick<PortOptions, 'credentials' | 'realAws'>) {
    const creds = options.credentials;
    if (creds) {
      this.remember(creds);
      const fixed: AwsCredentialIdentity = { ...creds };
      this.provider = async () => fixed;
    } else if (options.realAws) {
      let chain: (() => Promise<AwsCredentialIdentity>) | undefined;
      this.provider = async () => {
        if (!chain) {
          const { defaultProvider } = await import('@aws-sdk/credential-provider-node');
          chain = defaultProvider();
        }
        const resolved = await chain();
        this.remember(resolved);
        return resolved;
      };
    } else {
      const dummy: AwsCredentialIdentity = { ...DUMMY_CREDENTIALS };
      this.provider = async () => dummy;
    }
  }

  private remember(c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string | undefined }): void {
    for (const v of [c.accessKeyId, c.secretAccessKey, c.sessionToken]) {
      if (typeof v === 'string' && v.length >= MIN_SECRET_LENGTH) this.known.add(v);
    }
  }

  /** Secret values seen so far (for `redactSecrets`). */
  secrets(): string[] {
    return [...this.known];
  }

  redact(text: string): string {
    return this.known.size === 0 ? text : redactSecrets(text, this.secrets());
  }
}

// ---------------------------------------------------------------------------------------------
// Binary values. Inputs may carry BinaryValue / BinaryListValues as bytes or as base64 strings;
// outputs always carry base64 strings, so every value serializes to JSON.

const BINARY_KEYS = new Set(['BinaryValue']);
const BINARY_LIST_KEYS = new Set(['BinaryListValues']);

export const bytesToBase64 = base64Of;

export function base64ToBytes(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

function mapDeep(value: unknown, leaf: (key: string | undefined, v: unknown) => unknown, key?: string): unknown {
  const mapped = leaf(key, value);
  if (mapped !== value) return mapped;
  if (Array.isArray(value)) return value.map((x) => mapDeep(x, leaf, key));
  if (value !== null && typeof value === 'object' && !(value instanceof Uint8Array)) {
    const out = dict<unknown>(); // attribute names and tag keys may be `__proto__` (src/wire dict.ts)
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) continue;
      out[k] = mapDeep(v, leaf, k);
    }
    return out;
  }
  return value;
}

/** Input for the SDK: base64 strings under BinaryValue / BinaryListValues become bytes. */
export function binaryToBytes(input: Record<string, unknown>): Record<string, unknown> {
  return mapDeep(input, (key, v) => {
    if (key !== undefined && BINARY_KEYS.has(key) && typeof v === 'string') return base64ToBytes(v);
    if (key !== undefined && BINARY_LIST_KEYS.has(key) && Array.isArray(v)) {
      return v.map((x) => (typeof x === 'string' ? base64ToBytes(x) : x));
    }
    return v;
  }) as Record<string, unknown>;
}

/** A JSON-safe copy: bytes become base64 strings, Dates ISO strings, undefined members vanish. */
export function toJsonSafe<T = Record<string, unknown>>(value: unknown): T {
  return mapDeep(value, (_key, v) => {
    if (v instanceof Uint8Array) return bytesToBase64(v);
    if (v instanceof Date) return v.toISOString();
    if (typeof v === 'bigint') return Number(v);
    return v;
  }) as T;
}

// ---------------------------------------------------------------------------------------------
// Thrown errors → `info`.

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);
const TIMEOUT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);
/** Connection failures recognised by their text when no code survived (fetch, undici). */
const CONNECTION_MESSAGE = /ECONNREFUSED|connection refused|ECONNRESET|socket hang up|other side closed/i;

/** The first `code` found on an error or along its `cause` chain. */
export function errorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; depth < 5 && e !== null && e !== undefined; depth++) {
    if (e instanceof Error || (typeof e === 'object' && 'message' in (e as object))) {
      const m = String((e as { message?: unknown }).message ?? '');
      if (m !== '' && !parts.includes(m)) parts.push(m);
      e = (e as { cause?: unknown }).cause;
    } else {
      parts.push(String(e));
      break;
    }
  }
  return parts.join(': ') || 'unknown error';
}

/**
 * Classifies an error thrown before any answer was read: connection failures and timeouts.
 * Anything else thrown before the server answered is a `client-error`.
 */
export function classifyThrown(err: unknown, redact: (s: string) => string): Indeterminate {
  const code = errorCode(err);
  const name = err !== null && typeof err === 'object' ? String((err as { name?: unknown }).name ?? '') : '';
  const text = redact(errorText(err));
  const detail = code && !text.includes(code) ? `${code}: ${text}` : text;
  if (code && CONNECTION_CODES.has(code)) return { reason: 'connection', detail };
  if (code && TIMEOUT_CODES.has(code)) return { reason: 'timeout', detail };
  if (name === 'TimeoutError' || name === 'AbortError') return { reason: 'timeout', detail };
  if (CONNECTION_MESSAGE.test(text)) return { reason: 'connection', detail };
  return { reason: 'client-error', detail };
}

/** A server answer that is an error: `fail` below 500 with a code, `info` otherwise. */
export function classifyAnswer(
  error: ServiceError | undefined,
  httpStatus: number,
  detail: string,
):
  | { type: 'fail'; value: ServiceError }
  | { type: 'info'; value: Indeterminate } {
  if (httpStatus >= 500) {
    return {
      type: 'info',
      value: error ? { reason: 'server-error', detail, error } : { reason: 'server-error', detail },
    };
  }
  if (error && error.code !== '') return { type: 'fail', value: error };
  return { type: 'info', value: { reason: 'client-error', detail, httpStatus } };
}
