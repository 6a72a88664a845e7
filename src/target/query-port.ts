// The Query-protocol port: the Query codec of src/wire, SigV4-signed with @smithy/signature-v4,
// sent with node's fetch, XML answers decoded into the JSON SDK's output shape. One `call` is one
// HTTP request (no retries), within its budget (`callTimeoutMs`, which covers connecting too). Same ok / fail / info classification as the JSON port.
import { Hash } from '@smithy/core/serde';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Action, OpMeta } from '../history/index.js';
import type { CallResult, SqsPort } from './types.js';
import {
  classifyAnswer,
  callTimeoutMs,
  classifyThrown,
  CredentialSource,
  type PortOptions,
} from './port-common.js';
import {
  decodeQueryError,
  decodeQueryResponse,
  encodeQueryParams,
  formBody,
  queryServiceError,
} from '../wire/index.js';
import { redactDeep } from './safety.js';

const CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';
/** The root element of an XML document (after an optional declaration and comments). */
const XML_ROOT = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<([A-Za-z_][\w.:-]*)/;

export function createQueryPort(options: PortOptions): SqsPort {
  const creds = new CredentialSource(options);
  const redact = (s: string) => creds.redact(s);
  const url = new URL(options.endpoint);
  const path = url.pathname === '' ? '/' : url.pathname;
  const signer = new SignatureV4({
    service: 'sqs',
    region: options.region,
    credentials: creds.provider,
    sha256: Hash.bind(null, 'sha256'),
  });
  const inFlight = new Set<AbortController>();

  async function call(action: Action, input: Record<string, unknown>): Promise<CallResult> {
    const meta: OpMeta = { protocol: 'query', attempts: 1 };
    const body = formBody(encodeQueryParams(action, input));
    const controller = new AbortController();
    inFlight.add(controller);
    const requestTimeout = callTimeoutMs(action, input, options);
    const timer = setTimeout(() => controller.abort(timeoutError(requestTimeout)), requestTimeout);
    let status: number;
    let text: string;
    let headerRequestId: string | null;
    let contentType: string | null = null;
    try {
      const signed = await signer.sign({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path,
        query: {},
        headers: { host: url.host, 'content-type': CONTENT_TYPE },
        body,
      });
      const headers: Record<string, string> = {};
      // fetch sets Host itself, to the same `url.host` that was signed.
      for (const [k, v] of Object.entries(signed.headers)) if (k.toLowerCase() !== 'host') headers[k] = v;
      const res = await fetch(new URL(path, url), {
        method: 'POST',
        headers,
        body,
        signal: controller.signal,
        redirect: 'manual',
      });
      status = res.status;
      headerRequestId = res.headers.get('x-amzn-requestid') ?? res.headers.get('x-amz-request-id');
      contentType = res.headers.get('content-type');
      text = await res.text();
    } catch (thrown) {
      const cause = controller.signal.aborted ? (controller.signal.reason ?? thrown) : thrown;
      return { type: 'info', value: classifyThrown(cause, redact), meta };
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
    meta.httpStatus = status;
    if (headerRequestId) meta.requestId = headerRequestId;

    if (status >= 200 && status < 300) {
      try {
        const { output, requestId } = decodeQueryResponse(action, text);
        if (!meta.requestId && requestId) meta.requestId = requestId;
        return { type: 'ok', value: redactDeep(output, creds.secrets()), meta };
      } catch (e) {
        const detail = redact(`HTTP ${status}, the answer could not be read: ${e instanceof Error ? e.message : String(e)}`);
        return { type: 'info', value: { reason: 'client-error', detail, httpStatus: status }, meta };
      }
    }
    const parsed = decodeQueryError(text);
    if (parsed?.requestId && !meta.requestId) meta.requestId = parsed.requestId;
    // The envelope as sent (sqs-semantics.md 1.2), for the error-contract rules.
    if (contentType !== null) meta.contentType = contentType;
    const root = XML_ROOT.exec(text)?.[1];
    if (root !== undefined) meta.errorRoot = root;
    if (parsed?.type !== undefined) meta.errorFault = parsed.type;
    if (parsed?.requestId !== undefined) meta.errorRequestId = parsed.requestId;
    const error = parsed ? queryServiceError({ ...parsed, ...(parsed.message !== undefined ? { message: redact(parsed.message) } : {}) }, status) : undefined;
    const detail = error
      ? `HTTP ${status} ${error.code}${error.message ? `: ${error.message}` : ''}`
      : `HTTP ${status}, no Query error in the answer: ${redact(text.slice(0, 200))}`;
    const c = classifyAnswer(error, status, detail);
    return c.type === 'fail' ? { type: 'fail', value: c.value, meta } : { type: 'info', value: c.value, meta };
  }

  return {
    protocol: 'query',
    call,
    close: () => {
      for (const c of inFlight) c.abort(new Error('port closed'));
      inFlight.clear();
    },
  };
}

function timeoutError(ms: number): Error {
  const e = new Error(`request exceeded the ${ms} ms requestTimeout`);
  e.name = 'TimeoutError';
  return e;
}
