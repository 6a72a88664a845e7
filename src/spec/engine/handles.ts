// Receipt handles: opaque to clients, parseable by the engine back to (queue, message, receive),
// so a handle the service never issued is told apart from one that is merely stale, expired or
// points at a deleted message (model/message.ts HandleStatus). A receipt handle belongs to one
// receive, not to the message (sqs-semantics.md sections 2 and 5.3; aws-recorded-facts.md item 17).
// PURE: hashing only.
import { createHash } from 'node:crypto';

export interface HandleFields {
  /** Queue name and incarnation: a queue deleted and created again is another queue. */
  queue: string;
  incarnation: number;
  /** Engine-internal message key. */
  message: number;
  /** The receive that issued the handle (engine-wide sequence). */
  receive: number;
  /** When that receive happened (ms): the 12-hour visibility cap counts from it (section 4.11). */
  receivedAtMs: number;
  nonce: string;
}

const PREFIX = 'AQEB';
const SEP = '\u0001';

function check(payload: string, secret: string): string {
  return createHash('sha256').update(secret).update(payload).digest('hex').slice(0, 16);
}

export function encodeHandle(f: HandleFields, secret: string): string {
  const payload = ['v1', f.queue, f.incarnation, f.message, f.receive, f.receivedAtMs, f.nonce].join(SEP);
  const body = `${payload}${SEP}${check(payload, secret)}`;
  return PREFIX + Buffer.from(body, 'utf8').toString('base64');
}

/** The fields of a handle this engine issued, or undefined for anything else (garbage). */
export function parseHandle(handle: string, secret: string): HandleFields | undefined {
  if (typeof handle !== 'string' || !handle.startsWith(PREFIX) || handle.length > 1024) return undefined;
  const b64 = handle.slice(PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return undefined;
  const body = Buffer.from(b64, 'base64').toString('utf8');
  const parts = body.split(SEP);
  if (parts.length !== 8 || parts[0] !== 'v1') return undefined;
  const [, queue, inc, msg, rcv, at, nonce, sum] = parts as [string, string, string, string, string, string, string, string];
  if (check(parts.slice(0, 7).join(SEP), secret) !== sum) return undefined;
  const nums = [inc, msg, rcv, at].map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
  if (nums.some((n) => !Number.isSafeInteger(n))) return undefined;
  const [incarnation, message, receive, receivedAtMs] = nums as [number, number, number, number];
  return { queue, incarnation, message, receive, receivedAtMs, nonce };
}
