// The reference server's HTTP/1.1 front end on node:net: plain keep-alive requests, read and
// answered with one parse of the head, one socket write per batch of bytes read, no stream, no
// request or response object, no timer. node:http costs about 40 µs a request on this path, more
// than the SQS work; this costs a few.
//
// It takes only what it fully understands: `POST` or `GET`, HTTP/1.1, a head of printable ASCII
// under 16 KB with well-formed header lines, at most one Content-Length (digits, within the body
// limit) and none of Transfer-Encoding, Expect, Upgrade, `Connection` other than keep-alive, nor
// a repeated header that the server reads. Anything else — and a head that arrives in pieces —
// hands the connection to node:http (`handOff`, with the bytes not yet answered), which then
// serves it to the end: framing errors, chunked bodies, timeouts and oversized bodies keep
// node:http's behaviour and the server's answers to them (server.ts).
//
// Answers go out in request order: a request answered at once while an earlier one waits (a long
// poll) waits behind it. A client that half-closes gets the answers to its complete requests, then
// the end of the connection; one that half-closes in the middle of a request gets the framing error.
// After each batch of answers the loop polls for the next request for a short window instead of
// sleeping (createBusyPoll below).
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Answer, Presence, RequestHead } from './handler.js';

export interface FastHttpOptions {
  answer(head: RequestHead, body: Buffer, presence: Presence): Answer | Promise<Answer>;
  /** Takes over a connection: `bytes` were read from it and not answered; `json`: its last request was JSON. */
  handOff(socket: Socket, bytes: Buffer, json: boolean): void;
  /** The text (head and body) of the framing error for a request cut short by the client's end. */
  truncated(json: boolean, bytes: Buffer): string;
  /** Bodies larger than this go to node:http (which refuses them). */
  maxBody: number;
  /** Told of each batch of answers written (createBusyPoll). */
  busyPoll: { activity(): void };
}

const HEAD_END = Buffer.from('\r\n\r\n', 'latin1');
/** Kept well below node:http's 16 KiB header limit, so that node:http decides about heads near it. */
const MAX_HEAD = 15 * 1024;
/** Bytes kept while waiting for earlier answers before a hand-off. */
const MAX_DEFERRED = 1024 * 1024;
/** The request line and its CRLF, at the start of the head. */
const REQUEST_LINE = /^(POST|GET) (\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*) HTTP\/1\.1\r\n/;
/**
 * Header lines: token names, values of printable ASCII and tabs, each line ended by CRLF, up to
 * the end of the head. Sticky: tested from the end of the request line, with no copy of the lines.
 */
const HEADER_LINES = /(?:[!#$%&'*+.^_`|~0-9A-Za-z-]+:[\t\x20-\x7e]*\r\n)*$/y;

const REASONS = new Map<number, string>();
function statusLine(status: number): string {
  let s = REASONS.get(status);
  if (s === undefined) REASONS.set(status, (s = `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Unknown'}\r\n`));
  return s;
}

let dateSecond = 0;
let dateText = '';
/** The Date header's value, made once a second. */
function httpDate(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== dateSecond) {
    dateSecond = second;
    dateText = new Date(now).toUTCString();
  }
  return dateText;
}

export function serializeAnswer(a: Answer): string {
  let s = `${statusLine(a.status)}Content-Type: ${a.contentType}\r\nContent-Length: ${Buffer.byteLength(a.body)}\r\nx-amzn-RequestId: ${a.requestId}\r\nDate: ${httpDate()}\r\n`;
  if (a.headers) for (const k of Object.keys(a.headers)) s += `${k}: ${a.headers[k]}\r\n`;
  return `${s}Connection: keep-alive\r\n\r\n${a.body}`;
}

/** The headers the server reads, by lower-case name. */
const READ: Record<string, Exclude<keyof RequestHead, 'method' | 'url'> | undefined> = Object.assign(Object.create(null) as object, {
  'x-amz-target': 'target',
  'content-type': 'contentType',
  host: 'host',
  'x-amzn-trace-id': 'trace',
  accept: 'accept',
} as const);

/**
 * The head, or undefined when node:http should read this request. Also yields the Content-Length.
 * `head`: the request line and the header lines, each with its CRLF (the blank line left out).
 */
function parseHead(head: string): { head: RequestHead; length: number } | undefined {
  const line = REQUEST_LINE.exec(head);
  if (!line) return undefined;
  const out: RequestHead = { method: line[1]!, url: line[2]!, target: undefined, contentType: undefined, host: undefined, trace: undefined, accept: undefined };
  HEADER_LINES.lastIndex = line[0].length;
  if (!HEADER_LINES.test(head)) return undefined;
  let length = -1;
  let at = line[0].length;
  while (at < head.length) {
    const eol = head.indexOf('\r\n', at);
    const colon = head.indexOf(':', at);
    const nameLength = colon - at;
    let name: string | undefined;
    // Only names of the lengths the server reads are looked at.
    switch (nameLength) {
      case 4:
      case 6:
      case 7:
      case 10:
      case 12:
      case 14:
      case 15:
      case 17:
        name = head.slice(at, colon).toLowerCase();
    }
    if (name !== undefined) {
      const value = head.slice(colon + 1, eol).trim();
      const field = READ[name];
      if (field !== undefined) {
        if (out[field] !== undefined) return undefined; // repeated: node:http decides which counts
        out[field] = value;
      }
      switch (name) {
        case 'content-length':
          if (length >= 0 || !/^\d{1,9}$/.test(value)) return undefined;
          length = Number(value);
          break;
        case 'connection':
          if (value.toLowerCase() !== 'keep-alive') return undefined;
          break;
        case 'transfer-encoding':
        case 'expect':
        case 'upgrade':
          return undefined;
      }
    }
    at = eol + 2;
  }
  // Without a Host header node:http answers 400 (requireHostHeader); it decides.
  if (out.host === undefined) return undefined;
  return { head: out, length: length < 0 ? 0 : length };
}

/**
 * Busy polling: for a short window after the last request was answered, the event loop keeps
 * polling its sockets without sleeping (a chain of setImmediate callbacks: libuv then waits for
 * I/O with a zero timeout) instead of blocking in epoll_wait. A client that sends its next
 * request within the window is read without the wake-up of a sleeping thread, which on this
 * machine costs more than the request (one keep-alive connection: 7.6k → 15k SendMessage/s;
 * Go's runtime does the same by spinning before it parks). With no request for a window, the
 * loop sleeps again: an idle server uses no CPU. 0 turns it off.
 */
export function createBusyPoll(windowMicros: number) {
  const windowMs = windowMicros / 1000;
  let last = 0;
  let spinning: NodeJS.Immediate | undefined;
  let stopped = windowMicros <= 0;
  const spin = (): void => {
    spinning = performance.now() - last < windowMs ? setImmediate(spin) : undefined;
  };
  return {
    /** A request was answered: poll for the next one for the window. */
    activity(): void {
      if (stopped) return;
      last = performance.now();
      if (spinning === undefined) spinning = setImmediate(spin);
    },
    stop(): void {
      stopped = true;
      if (spinning !== undefined) clearImmediate(spinning);
      spinning = undefined;
    },
  };
}

/** One client connection on the fast path. */
class Connection implements Presence {
  private buf: Buffer | undefined;
  /** A request whose head was read and whose body is still coming: the parts so far and the size wanted. */
  private parts: Buffer[] | undefined;
  private have = 0;
  private need = 0;
  /** Answers in request order, while one of them is still pending. */
  private readonly slots: Array<{ text: string | undefined }> = [];
  private waiting = 0;
  private hooks: Array<() => void> = [];
  private closed = false;
  private ended = false;
  /** A hand-off waits for the pending answers. */
  private deferred = false;
  private json = false;
  private draining = false;

  constructor(
    private readonly sock: Socket,
    private readonly o: FastHttpOptions,
    private readonly conns: Set<Connection>,
  ) {
    sock.on('data', this.onData);
    sock.on('end', this.onEnd);
    sock.on('close', this.onClose);
    sock.on('error', this.onError);
  }

  /** A client that closed, or half-closed, has left its long polls (as node:http aborts them). */
  gone(): boolean {
    return this.closed || this.ended;
  }
  onGone(f: () => void): void {
    if (this.gone()) f();
    else this.hooks.push(f);
  }

  private leave(): void {
    const hooks = this.hooks;
    this.hooks = [];
    for (const f of hooks) f();
  }

  destroy(): void {
    this.sock.destroy();
  }

  private readonly onError = (): void => {
    // 'close' follows.
  };

  private readonly onClose = (): void => {
    this.closed = true;
    this.conns.delete(this);
    this.leave();
  };

  private readonly onEnd = (): void => {
    this.ended = true;
    this.leave();
    if (this.parts !== undefined || this.deferred || (this.buf !== undefined && this.buf.length > 0)) {
      // The client ended in the middle of a request.
      const bytes = this.parts ? Buffer.concat(this.parts) : (this.buf ?? Buffer.alloc(0));
      this.parts = undefined;
      this.buf = undefined;
      this.deferred = false;
      this.push(this.o.truncated(this.json, bytes));
      this.closeAfterAnswers(true);
    } else this.closeAfterAnswers(false);
  };

  private readonly onData = (chunk: Buffer): void => {
    if (this.deferred) {
      this.buf = this.buf ? Buffer.concat([this.buf, chunk]) : chunk;
      if (this.buf.length > MAX_DEFERRED) this.sock.destroy();
      return;
    }
    if (this.parts !== undefined) {
      this.parts.push(chunk);
      this.have += chunk.length;
      if (this.have < this.need) return;
      this.buf = Buffer.concat(this.parts, this.have);
      this.parts = undefined;
    } else this.buf = this.buf !== undefined && this.buf.length > 0 ? Buffer.concat([this.buf, chunk]) : chunk;
    this.parse();
  };

  private parse(): void {
    const buf = this.buf as Buffer;
    let pos = 0;
    let out = '';
    while (pos < buf.length) {
      const headEnd = buf.indexOf(HEAD_END, pos);
      const parsed = headEnd < 0 || headEnd - pos > MAX_HEAD ? undefined : parseHead(buf.toString('latin1', pos, headEnd + 2));
      if (parsed === undefined || parsed.length > this.o.maxBody) {
        // A head in pieces, too long, or not one for the fast path: node:http reads it.
        if (out !== '') this.write(out);
        this.buf = buf.subarray(pos);
        this.handOffWhenAnswered();
        return;
      }
      const bodyAt = headEnd + 4;
      const end = bodyAt + parsed.length;
      if (end > buf.length) {
        this.parts = [buf.subarray(pos)];
        this.have = buf.length - pos;
        this.need = end - pos;
        this.buf = undefined;
        if (out !== '') this.write(out);
        return;
      }
      const head = parsed.head;
      this.json = head.target !== undefined;
      const a = this.o.answer(head, buf.subarray(bodyAt, end), this);
      pos = end;
      if (a instanceof Promise) {
        if (out !== '') this.write(out);
        out = '';
        const slot: { text: string | undefined } = { text: undefined };
        this.slots.push(slot);
        this.waiting++;
        void a.then((answer) => {
          slot.text = serializeAnswer(answer);
          if (--this.waiting === 0) this.hooks = [];
          this.flushSlots();
        });
      } else if (this.slots.length > 0) this.slots.push({ text: serializeAnswer(a) });
      else out += serializeAnswer(a);
    }
    this.buf = undefined;
    if (out !== '') this.write(out);
    this.o.busyPoll.activity();
  }

  private write(text: string): void {
    if (this.closed) return;
    if (!this.sock.write(text) && !this.draining) {
      // The client does not read its answers: stop reading its requests until it does.
      this.draining = true;
      this.sock.pause();
      this.sock.once('drain', () => {
        this.draining = false;
        if (this.conns.has(this)) this.sock.resume();
      });
    }
  }

  /** Queues a text after the answers still pending (or writes it when none is). */
  private push(text: string): void {
    if (this.slots.length > 0) this.slots.push({ text });
    else this.write(text);
  }

  private flushSlots(): void {
    let out = '';
    while (this.slots.length > 0 && this.slots[0]!.text !== undefined) out += this.slots.shift()!.text;
    if (out !== '') this.write(out);
    if (this.slots.length > 0) return;
    if (this.deferred) {
      this.deferred = false;
      this.handOffNow();
    } else if (this.ended) this.closeAfterAnswers(false);
  }

  private handOffWhenAnswered(): void {
    if (this.slots.length > 0) this.deferred = true;
    else this.handOffNow();
  }

  private handOffNow(): void {
    const sock = this.sock;
    sock.off('data', this.onData);
    sock.off('end', this.onEnd);
    sock.off('close', this.onClose);
    sock.off('error', this.onError);
    this.conns.delete(this);
    let bytes = this.buf ?? Buffer.alloc(0);
    this.buf = undefined;
    // Bytes already read into the stream (while paused) go first.
    for (let c = sock.read() as Buffer | null; c !== null; c = sock.read() as Buffer | null) bytes = Buffer.concat([bytes, c]);
    if (sock.isPaused()) sock.resume();
    this.o.handOff(sock, bytes, this.json);
  }

  /** Ends the connection once every answer is out (`now`: the last text queued was an error). */
  private closeAfterAnswers(now: boolean): void {
    if (this.slots.length > 0 && !now) return;
    if (this.slots.length > 0) {
      this.ended = true;
      return;
    }
    this.sock.end();
  }
}

/** Serves connections on the fast path; `stop` ends the ones still open. */
export function createFastHttp(o: FastHttpOptions) {
  const conns = new Set<Connection>();
  return {
    accept(sock: Socket): void {
      sock.setNoDelay(true);
      conns.add(new Connection(sock, o, conns));
    },
    destroyAll(): void {
      for (const c of [...conns]) c.destroy();
    },
  };
}
