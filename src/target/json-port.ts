// The AWS JSON 1.0 port: one SqsPort over @aws-sdk/client-sqs. Each `call` is exactly one HTTP
// request (SDK retries off), and its outcome is classified as ok / fail / info for the history.
import {
  AddPermissionCommand,
  CancelMessageMoveTaskCommand,
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListDeadLetterSourceQueuesCommand,
  ListMessageMoveTasksCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  RemovePermissionCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { Action, OpMeta, ServiceError } from '../history/index.js';
import type { CallResult, SqsPort } from './types.js';
import {
  binaryToBytes,
  classifyAnswer,
  classifyThrown,
  callTimeoutMs,
  CredentialSource,
  DEFAULT_CONNECTION_TIMEOUT_MS,
  type PortOptions,
  toJsonSafe,
} from './port-common.js';
import { redactDeep } from './safety.js';

// Every SDK Command class takes its input object; the input is checked by the server, not here.
type AnyCommandCtor = new (input: never) => unknown;

const COMMANDS: Record<Action, AnyCommandCtor> = {
  CreateQueue: CreateQueueCommand,
  DeleteQueue: DeleteQueueCommand,
  GetQueueUrl: GetQueueUrlCommand,
  GetQueueAttributes: GetQueueAttributesCommand,
  SetQueueAttributes: SetQueueAttributesCommand,
  ListQueues: ListQueuesCommand,
  PurgeQueue: PurgeQueueCommand,
  SendMessage: SendMessageCommand,
  SendMessageBatch: SendMessageBatchCommand,
  ReceiveMessage: ReceiveMessageCommand,
  DeleteMessage: DeleteMessageCommand,
  DeleteMessageBatch: DeleteMessageBatchCommand,
  ChangeMessageVisibility: ChangeMessageVisibilityCommand,
  ChangeMessageVisibilityBatch: ChangeMessageVisibilityBatchCommand,
  TagQueue: TagQueueCommand,
  UntagQueue: UntagQueueCommand,
  ListQueueTags: ListQueueTagsCommand,
  AddPermission: AddPermissionCommand,
  RemovePermission: RemovePermissionCommand,
  ListDeadLetterSourceQueues: ListDeadLetterSourceQueuesCommand,
  StartMessageMoveTask: StartMessageMoveTaskCommand,
  ListMessageMoveTasks: ListMessageMoveTasksCommand,
  CancelMessageMoveTask: CancelMessageMoveTaskCommand,
};

interface SdkMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
}

/** The fields of a thrown SDK error that we read (service exceptions and plain Errors alike). */
interface SdkErrorLike {
  name?: unknown;
  message?: unknown;
  Code?: unknown;
  Type?: unknown;
  $fault?: unknown;
  $metadata?: SdkMetadata;
  $response?: unknown;
  __type?: unknown;
}

function shortType(t: string): string {
  const afterHash = t.includes('#') ? t.slice(t.lastIndexOf('#') + 1) : t;
  return afterHash.split(':')[0]!.trim();
}

/**
 * The error envelope as the server sent it (sqs-semantics.md 1.2): the SDK parses the answer and
 * keeps the raw HTTP response on the error (`$response`), whose headers are read here; `__type` is
 * the body's member as sent. The checker judges them (error contract), so nothing is inferred.
 */
function envelopeOf(e: SdkErrorLike, meta: OpMeta): void {
  const headers = (e.$response as { headers?: Record<string, unknown> } | undefined)?.headers;
  const header = (name: string): string | undefined => {
    if (!headers) return undefined;
    for (const [k, v] of Object.entries(headers)) if (k.toLowerCase() === name && typeof v === 'string') return v;
    return undefined;
  };
  const queryError = header('x-amzn-query-error');
  if (queryError !== undefined) meta.queryError = queryError;
  const contentType = header('content-type');
  if (contentType !== undefined) meta.contentType = contentType;
  if (typeof e.__type === 'string') meta.errorType = e.__type;
}

function metaOf(md: SdkMetadata | undefined): OpMeta {
  const meta: OpMeta = { protocol: 'json' };
  if (md?.requestId) meta.requestId = md.requestId;
  if (typeof md?.httpStatusCode === 'number') meta.httpStatus = md.httpStatusCode;
  meta.attempts = typeof md?.attempts === 'number' ? md.attempts : 1;
  return meta;
}

/** A service error the SDK parsed from the answer: it carries `$fault` (client/server). */
function serviceErrorOf(e: SdkErrorLike, httpStatus: number, redact: (s: string) => string): ServiceError | undefined {
  if (e.$fault !== 'client' && e.$fault !== 'server') return undefined;
  const name = typeof e.name === 'string' ? e.name : '';
  const queryCode = typeof e.Code === 'string' && e.Code !== '' ? e.Code : undefined;
  const code = queryCode ?? name;
  // The SDK names an error it could not identify `Unknown`/`UnknownError`/`Error`: no parseable code.
  if (code === '' || code === 'Unknown' || code === 'UnknownError' || code === 'Error') return undefined;
  const out: ServiceError = { code, httpStatus };
  // The `__type` the server sent, short form (`com.amazon.coral.service#X` → `X`). The SDK names an
  // error after the x-amzn-query-error code when it has no class for it, so `name` is the fallback.
  const rawType = typeof e.__type === 'string' ? shortType(e.__type) : '';
  const type = rawType !== '' ? rawType : name;
  if (type !== '' && type !== 'Unknown' && type !== 'UnknownError') out.type = type;
  if (typeof e.message === 'string' && e.message !== '' && e.message !== 'UnknownError') out.message = redact(e.message);
  const senderFault = typeof e.Type === 'string' ? e.Type === 'Sender' : e.$fault === 'client';
  out.senderFault = senderFault;
  return out;
}

/**
 * Creates a JSON 1.0 port. Settings that matter for conformance:
 * - explicit `endpoint`, so the queue URL's host never redirects a request;
 * - `maxAttempts: 1`: SDK retries are disabled, so each `call` is exactly one op in the history
 *   (a retried request would hide a lost answer inside one op);
 * - `md5: false`: the SDK does not verify MD5 checksums; the checker does, on the raw response;
 * - a per-call budget (`callTimeoutMs`: the long-poll wait plus a short first-byte budget) and a
 *   short connect budget, thrown as errors (`info` timeouts).
 */
export function createJsonPort(options: PortOptions): SqsPort {
  const creds = new CredentialSource(options);
  const client = new SQSClient({
    endpoint: options.endpoint,
    region: options.region,
    credentials: creds.provider,
    maxAttempts: 1,
    md5: false,
    requestHandler: new NodeHttpHandler({
      throwOnRequestTimeout: true,
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    }),
  });
  const redact = (s: string) => creds.redact(s);

  async function call(action: Action, input: Record<string, unknown>): Promise<CallResult> {
    const Ctor = COMMANDS[action];
    if (!Ctor) {
      return {
        type: 'info',
        value: { reason: 'client-error', detail: `unknown action ${String(action)}` },
        meta: { protocol: 'json', attempts: 0 },
      };
    }
    try {
      const command = new Ctor(binaryToBytes(input) as never);
      const requestTimeout = callTimeoutMs(action, input, options);
      const output = (await client.send(command as never, { requestTimeout })) as { $metadata?: SdkMetadata } & Record<string, unknown>;
      const { $metadata, ...body } = output;
      return { type: 'ok', value: redactDeep(toJsonSafe(body), creds.secrets()), meta: metaOf($metadata) };
    } catch (thrown) {
      const e = (thrown ?? {}) as SdkErrorLike;
      const meta = metaOf(e.$metadata);
      const status = e.$metadata?.httpStatusCode;
      if (typeof status !== 'number') {
        // No answer was read: connection refused/reset, timeout, or an error raised before sending.
        return { type: 'info', value: classifyThrown(thrown, redact), meta };
      }
      envelopeOf(e, meta);
      const error = serviceErrorOf(e, status, redact);
      const name = typeof e.name === 'string' ? e.name : 'Error';
      const message = redact(typeof e.message === 'string' ? e.message : String(thrown));
      const detail = error
        ? `HTTP ${status} ${error.code}${error.message ? `: ${error.message}` : ''}`
        : `HTTP ${status}, the SDK could not read the answer (${name}: ${message.split('\n')[0]})`;
      const c = classifyAnswer(error, status, detail);
      return c.type === 'fail' ? { type: 'fail', value: c.value, meta } : { type: 'info', value: c.value, meta };
    }
  }

  return {
    protocol: 'json',
    call,
    close: () => client.destroy(),
  };
}
