// Shared helpers of the reference-server tests: an SDK client bound to a server, and raw HTTP calls.
import { SQSClient } from '@aws-sdk/client-sqs';
import { XMLParser } from 'fast-xml-parser';

export function sdkClient(endpoint: string): SQSClient {
  return new SQSClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
}

const parser = new XMLParser({
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  trimValues: false,
  ignoreAttributes: false,
  // Flattened lists may hold one element: always read these as arrays.
  isArray: (name, jpath) =>
    (String(jpath).includes('Result.') &&
      ['Message', 'Attribute', 'MessageAttribute', 'SendMessageBatchResultEntry', 'BatchResultErrorEntry', 'DeleteMessageBatchResultEntry', 'Tag'].includes(name)) ||
    (name === 'QueueUrl' && /List(Queues|DeadLetterSourceQueues)Result\./.test(String(jpath))),
});

export function parseXml(text: string): Record<string, any> {
  return parser.parse(text) as Record<string, any>;
}

/** Query protocol: form-encoded POST (or GET with `method: 'GET'`). */
export async function query(
  endpoint: string,
  params: Record<string, string>,
  opts: { method?: 'GET' | 'POST'; path?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; text: string; xml: Record<string, any>; headers: Headers }> {
  const form = new URLSearchParams({ Version: '2012-11-05', ...params }).toString();
  const path = opts.path ?? '/';
  const res =
    opts.method === 'GET'
      ? await fetch(`${endpoint}${path}?${form}`, { headers: opts.headers ?? {} })
      : await fetch(`${endpoint}${path}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(opts.headers ?? {}) },
          body: form,
        });
  const text = await res.text();
  let xml: Record<string, any> = {};
  try {
    xml = parseXml(text);
  } catch {
    xml = {};
  }
  return { status: res.status, text, xml, headers: res.headers };
}

/** AWS JSON 1.0 call without the SDK. */
export async function jsonCall(
  endpoint: string,
  target: string,
  body: string | Uint8Array,
  opts: { path?: string; contentType?: string; method?: string } = {},
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const res = await fetch(`${endpoint}${opts.path ?? '/'}`, {
    method: opts.method ?? 'POST',
    headers: { 'Content-Type': opts.contentType ?? 'application/x-amz-json-1.0', 'X-Amz-Target': target },
    body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}
