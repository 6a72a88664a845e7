// Helpers that keep a run against real AWS safe: every queue the kit creates carries a per-run name
// prefix and a run tag, the kit only ever touches queues with its own prefix, and no credential value
// reaches a log, a history or a report.
import { dict } from '../wire/dict.js';

/** Tag key set on every queue the kit creates (value: the run id). */
export const RUN_TAG_KEY = 'sqs-conformance:run';

/** Prefix shared by every queue the kit creates, whatever the run. */
export const QUEUE_PREFIX_ROOT = 'sqsc-';

/** SQS queue names: 1..80 characters of [A-Za-z0-9_-], plus `.fifo` for FIFO queues. */
const RUN_ID_RE = /^[A-Za-z0-9_-]{1,40}$/;

/** Per-run queue-name prefix, e.g. `sqsc-k3j9x2-`. Throws if the run id would make invalid names. */
export function makeRunPrefix(runId: string): string {
  if (!RUN_ID_RE.test(runId)) {
    throw new Error(`invalid run id ${JSON.stringify(runId)}: use 1-40 characters of A-Z a-z 0-9 _ -`);
  }
  return `${QUEUE_PREFIX_ROOT}${runId}-`;
}

/** A short random run id (base36, 8 characters). */
export function newRunId(random: () => number = Math.random): string {
  let id = '';
  while (id.length < 8) id += Math.floor(random() * 36).toString(36);
  return id;
}

/** What a queue URL says (sqs-semantics.md 2: `https://sqs.<region>.amazonaws.com/<account-id>/<queue-name>`). */
export interface QueueUrlParts {
  origin: string;
  name: string;
  /** The path segment before the name, when there is one. */
  accountId?: string;
  /** Set for an AWS host: its region, and whether it is a dual-stack (IPv4 and IPv6) `api.aws` host. */
  aws?: { region: string; dualStack: boolean };
}

/**
 * AWS's SQS hosts: `sqs.<region>.amazonaws.com` (`.com.cn` in China), the dual-stack
 * `sqs.<region>.api.aws`, their `sqs-fips.` forms, and the legacy `<region>.queue.amazonaws.com`
 * and `queue.amazonaws.com` (us-east-1).
 */
const AWS_HOST = /^(?:sqs(?:-fips)?\.([a-z0-9-]+)\.(amazonaws\.com(?:\.cn)?|api\.aws)|([a-z0-9-]+)\.queue\.amazonaws\.com(?:\.cn)?|(queue)\.amazonaws\.com)$/;

/** The parts of an absolute queue URL; undefined when it is not an http(s) URL with a queue name. */
export function parseQueueUrl(url: string): QueueUrlParts | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
  const parts = u.pathname.split('/').filter((p) => p !== '');
  const last = parts[parts.length - 1];
  if (last === undefined) return undefined;
  const out: QueueUrlParts = { origin: u.origin, name: decodeURIComponent(last) };
  if (parts.length >= 2) out.accountId = parts[parts.length - 2] as string;
  const m = AWS_HOST.exec(u.hostname.toLowerCase());
  if (m) out.aws = { region: m[1] ?? m[3] ?? 'us-east-1', dualStack: m[2] === 'api.aws' };
  return out;
}

/** The queue name of a queue URL: its last non-empty path segment (how every SQS server reads it). */
export function queueNameFromUrl(url: string): string {
  const parsed = parseQueueUrl(url);
  if (parsed) return parsed.name;
  // not an absolute URL: some servers accept a bare name or a path
  const parts = url.split('/').filter((p) => p !== '');
  return decodeURIComponent(parts[parts.length - 1] ?? '');
}

/** True when the queue behind `url` was created under `prefix` (so the kit may modify or delete it). */
export function ownsQueue(url: string, prefix: string): boolean {
  if (prefix === '') return false;
  return queueNameFromUrl(url).startsWith(prefix);
}

/** Shortest secret we redact: shorter values (dummy `test` credentials) would mangle ordinary text. */
export const MIN_SECRET_LENGTH = 6;

/** Replaces every occurrence of each secret in `text` with `[REDACTED]`. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  const sorted = secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  for (const s of sorted) out = out.split(s).join('[REDACTED]');
  return out;
}

/** Applies `redactSecrets` to every string inside a JSON-like value (returns a copy only if needed). */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (!secrets.some((s) => s.length >= MIN_SECRET_LENGTH)) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactSecrets(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
      const out = dict<unknown>(); // keys may be `__proto__` (src/wire dict.ts)
      for (const [k, x] of Object.entries(v)) out[redactSecrets(k, secrets)] = walk(x);
      return out;
    }
    return v;
  };
  return walk(value) as T;
}

/** A log function that never prints a secret. */
export function redactingLog(log: (line: string) => void, secrets: () => readonly string[]): (line: string) => void {
  return (line) => log(redactSecrets(line, secrets()));
}
