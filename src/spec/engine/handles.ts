// Receipt handles: opaque to clients, parseable by the engine back to (queue, message, receive),
// so a handle the service never issued is told apart from one that is merely stale, expired or
// points at a deleted message (model/message.ts HandleStatus). A receipt handle belongs to one
// receive, not to the message (sqs-semantics.md sections 2 and 5.3; aws-recorded-facts.md item 17).
// PURE: hashing only.

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

/**
 * The handle's check: a 64-bit hash of the payload keyed by the engine's secret (two 32-bit
 * multiply-xorshift lanes, as cyrb53). It tells the engine's own handles from garbage and from
 * edited ones; it is not a cryptographic signature (nor needs to be: nothing here is secret from
 * the client but the engine's state), and it costs a fraction of a SHA-256.
 */
function check(payload: string, secret: string): string {
  let seeds = SEEDS.get(secret);
  if (seeds === undefined) {
    if (SEEDS.size > 64) SEEDS.clear();
    SEEDS.set(secret, (seeds = hash64(secret, 0x9e3779b9, 0x85ebca6b)));
  }
  const [a, b] = hash64(payload, seeds[0], seeds[1]);
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
const SEEDS = new Map<string, [number, number]>();

function hash64(text: string, seed1: number, seed2: number): [number, number] {
  let h1 = 0xdeadbeef ^ seed1;
  let h2 = 0x41c6ce57 ^ seed2;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1, h2];
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
  // The payload is the body up to its last separator (the check's own).
  if (check(body.slice(0, body.length - sum.length - 1), secret) !== sum) return undefined;
  const incarnation = count(inc);
  const message = count(msg);
  const receive = count(rcv);
  const receivedAtMs = count(at);
  if (incarnation < 0 || message < 0 || receive < 0 || receivedAtMs < 0) return undefined;
  return { queue, incarnation, message, receive, receivedAtMs, nonce };
}

/** A field of decimal digits as a safe integer, or -1. */
function count(s: string): number {
  if (!/^\d+$/.test(s)) return -1;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : -1;
}
