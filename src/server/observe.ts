// What the server does around SQS requests, in one hook its HTTP layer calls once per request:
// `GET /health` (and HEAD) answered 200 JSON — the server listens only once its queues exist, so an
// answer means ready — and, when asked (`serve --log requests`), one log entry per answered request:
// time, action, queue, status and milliseconds. SQS itself has no such route; a queue URL path is
// `/<account-id>/<name>` (sqs-semantics.md 2), so `/health` names no queue.

/** The readiness route. */
export const HEALTH_PATH = '/health';

/** An answer the hook gives instead of the SQS handler. */
export interface HookAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** One answered request. */
export interface RequestLogEntry {
  /** When the request had arrived in full (the server's clock, ISO 8601). */
  time: string;
  method: string;
  /** The SQS action (`SendMessage`), or the method and path when there is none (`GET:/health`): one word. */
  action: string;
  /** The queue the request names (by URL, path or QueueName), if any. */
  queue?: string;
  /** The HTTP status sent; undefined when the client left before the answer (an abandoned long poll). */
  status?: number;
  /** From the request's arrival in full to the answer sent (a long poll's wait included). */
  ms: number;
}

export interface RequestHookOptions {
  onRequest?: (entry: RequestLogEntry) => void;
  /** Wall-clock ms (the server's clock). */
  wallMs: () => number;
}

/** The hook's view of one request: its answer if the hook answers it, and what to call once answered. */
export interface ObservedRequest {
  answer?: HookAnswer;
  done(status: number | undefined): void;
}

type Headers = Record<string, string | string[] | undefined>;

const header = (h: Headers, name: string): string | undefined => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

/** The queue name of a queue URL or path (`…/<account-id>/<name>`). */
function queueOfUrl(url: string): string | undefined {
  const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').split('?')[0]!;
  const parts = path.split('/').filter((p) => p !== '');
  return parts.length === 2 ? decodeURIComponent(parts[1]!) : undefined;
}

/** The action and queue a request names, read the way the SQS handler reads them (JSON 1.0 or Query). PURE. */
export function describeRequest(method: string, url: string, headers: Headers, body: Buffer | undefined): { action: string; queue?: string } {
  const q = url.indexOf('?');
  const pathname = (q >= 0 ? url.slice(0, q) : url) || '/';
  const target = header(headers, 'x-amz-target');
  let action: string | undefined;
  let queueUrl: string | undefined;
  let queueName: string | undefined;
  if (target !== undefined) {
    action = /^AmazonSQS\.([A-Za-z]+)$/.exec(target)?.[1];
    try {
      const input = body && body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
      if (typeof input.QueueUrl === 'string') queueUrl = input.QueueUrl;
      if (typeof input.QueueName === 'string') queueName = input.QueueName;
    } catch {
      // not JSON: the handler answers it; the log shows no queue
    }
  } else {
    const params = new URLSearchParams(q >= 0 ? url.slice(q + 1) : '');
    if (method === 'POST' && body && body.length > 0) for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.append(k, v);
    action = params.get('Action') ?? undefined;
    queueUrl = params.get('QueueUrl') ?? undefined;
    queueName = params.get('QueueName') ?? undefined;
  }
  const queue = (queueUrl !== undefined ? queueOfUrl(queueUrl) : undefined) ?? queueName ?? queueOfUrl(pathname);
  const out: { action: string; queue?: string } = { action: action || `${method}:${pathname}` };
  if (queue) out.queue = queue;
  return out;
}

/** A field of the line as one word: blanks and control characters percent-encoded. */
const word = (s: string): string => s.replace(/[\s\x00-\x1f\x7f]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);

/** `2026-12-07T03:04:24.149Z SendMessage orders 200 1.2 ms` (`-` for no queue or no answer). PURE. */
export function formatRequestLine(e: RequestLogEntry): string {
  return `${e.time} ${word(e.action)} ${e.queue === undefined ? '-' : word(e.queue)} ${e.status ?? '-'} ${e.ms.toFixed(1)} ms`;
}

/** The hook, made once per server; `request` is called once per request whose body has been read. */
export function requestHook(options: RequestHookOptions) {
  const { onRequest, wallMs } = options;
  const nothing = (): void => undefined;
  return {
    request(method: string, url: string, headers: Headers, body: Buffer | undefined): ObservedRequest {
      const pathname = url.split('?')[0];
      const answer: HookAnswer | undefined =
        (method === 'GET' || method === 'HEAD') && pathname === HEALTH_PATH ? { status: 200, contentType: 'application/json', body: '{"status":"ok"}' } : undefined;
      if (!onRequest) return answer ? { answer, done: nothing } : { done: nothing };
      const time = new Date(wallMs()).toISOString();
      const started = performance.now();
      const { action, queue } = describeRequest(method, url, headers, body);
      const done = (status: number | undefined): void => {
        const entry: RequestLogEntry = { time, method, action, status, ms: performance.now() - started };
        if (queue !== undefined) entry.queue = queue;
        onRequest(entry);
      };
      return answer ? { answer, done } : { done };
    },
  };
}
