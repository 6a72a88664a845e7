// Fuzzing the reference server with malformed requests (fast-check, fixed seed, bounded runs):
// random bytes, truncated and garbage JSON, a wrong type for every member of every operation,
// unknown X-Amz-Target values, wrong content types, huge numbers, invalid UTF-8, odd Query
// parameters, odd methods and paths, random headers. Sent with node:http to a server in this
// process. Every answer must be a success or a well-formed AWS error (JSON: `__type`, `message`
// and `x-amzn-query-error`; Query: the XML `ErrorResponse`), the server must answer a normal
// request after each one, log no internal failure, and a canary message sent before the run must
// still be there afterwards, byte for byte.
//
// Keys that a plain `{}` mishandles (`__proto__`, `constructor`, `toString`, `hasOwnProperty`, …)
// go into every map (message attributes, queue attributes, tags) on both protocols; where the
// request is otherwise valid the answer must follow the model: a legal attribute name is hashed
// (MD5OfMessageAttributes), an unknown queue attribute is InvalidAttributeName, a tag is stored.
// The canary carries such names too, and Object.prototype must be untouched at the end.
//
// The fuzz never names the canary's queue, so nothing it sends may legitimately take the canary.
// Values that would make a receive long-poll (WaitTimeSeconds 1-20) are kept out, so every request
// answers at once.
import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_REQUEST_BYTES, startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { md5OfMessageAttributes } from '../../src/spec/md5.js';
import { shapeOf, structOf, WIRE } from '../../src/wire/index.js';

// Fixed by default; FUZZ_SEED / FUZZ_RUNS explore further by hand.
const SEED = Number(process.env.FUZZ_SEED ?? 20_240_611);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const REQUEST_TIMEOUT_MS = 10_000;

let server: ReferenceServer;
const logged: string[] = [];
let targetUrl: string;
/** The queue of the prototype-key requests: no other request names it, so it is never deleted under them. */
let keysUrl: string;
const CANARY_QUEUE = 'fuzz-canary';
const CANARY_BODY = 'canary 🐤 <&> "\r\n" \u00e9\u4e2d ' + 'x'.repeat(2000);
// Message attribute names a plain `{}` mishandles: the canary carries them all (own properties).
const CANARY_ATTRIBUTES = Object.fromEntries(['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((k) => [k, { DataType: 'String', StringValue: k }]));
const CANARY_TAGS = Object.fromEntries(['__proto__', 'constructor', 'toString', 'hasOwnProperty'].map((k) => [k, `tag-${k}`]));
const PROTOTYPE_BEFORE = Object.getOwnPropertyNames(Object.prototype).sort();
const agent = new Agent({ keepAlive: true, maxSockets: 4 });

// ------------------------------------------------------------------------------ HTTP

interface FuzzRequest {
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Buffer;
  /** A further rule for a request whose correct answer is known: what is wrong, else undefined. */
  check?: (a: Answer) => string | undefined;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

function send(r: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // An explicit Content-Length: node sends an OPTIONS or DELETE body unframed otherwise, and the
    // server would read it as the next request (a framing error of the test, not of the server).
    const headers = r.body.length > 0 ? { ...r.headers, 'Content-Length': String(r.body.length) } : r.headers;
    const req = request(
      { host: '127.0.0.1', port: server.port, method: r.method, path: r.path, headers, agent, timeout: REQUEST_TIMEOUT_MS },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

const xml = new XMLParser({ parseTagValue: false, ignoreAttributes: false });

/** Undefined when the answer is a success or a well-formed AWS error; else what is wrong. */
function problemWith(r: FuzzRequest, a: Answer): string | undefined {
  const json = Object.keys(r.headers).some((h) => h.toLowerCase() === 'x-amz-target');
  const ok = a.status >= 200 && a.status < 300;
  if (!ok && !(a.status >= 400 && a.status < 600)) return `status ${a.status}`;
  if (typeof a.headers['x-amzn-requestid'] !== 'string') return 'no x-amzn-RequestId';
  if (r.method === 'HEAD') return undefined; // no body to judge
  const text = a.body.toString('utf8');
  const type = String(a.headers['content-type'] ?? '');
  if (json) {
    if (type !== 'application/x-amz-json-1.0') return `JSON answer with Content-Type ${type}`;
    let parsed: any;
    try {
      parsed = JSON.parse(text);
    } catch {
      return `JSON answer that does not parse: ${text.slice(0, 200)}`;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'JSON answer that is not an object';
    if (ok) return undefined;
    if (typeof parsed.__type !== 'string' || !/^[\w.]+#\w+$/.test(parsed.__type)) return `bad __type ${String(parsed.__type)}`;
    if (typeof parsed.message !== 'string') return 'error without message';
    const q = String(a.headers['x-amzn-query-error'] ?? '');
    const m = /^([\w.]+);(Sender|Receiver)$/.exec(q);
    if (!m) return `bad x-amzn-query-error ${JSON.stringify(q)}`;
    if ((m[2] === 'Receiver') !== a.status >= 500) return `fault ${m[2]} with status ${a.status}`;
    return undefined;
  }
  const acceptJson = /application\/json/i.test(Object.entries(r.headers).find(([k]) => k.toLowerCase() === 'accept')?.[1] ?? '');
  if (ok && acceptJson) {
    try {
      const p = JSON.parse(text) as Record<string, unknown>;
      return Object.keys(p).length === 1 && Object.keys(p)[0]!.endsWith('Response') ? undefined : `Query JSON answer rooted at ${Object.keys(p).join(',')}`;
    } catch {
      return 'Query JSON answer that does not parse';
    }
  }
  if (type !== 'text/xml') return `Query answer with Content-Type ${type}`;
  if (XMLValidator.validate(text) !== true) return `XML that is not well-formed: ${text.slice(0, 200)}`;
  const doc = xml.parse(text) as Record<string, any>;
  if (ok) {
    const root = Object.keys(doc).find((k) => k.endsWith('Response'));
    return root && typeof doc[root]?.ResponseMetadata?.RequestId === 'string' ? undefined : `XML success without <XResponse><ResponseMetadata>: ${text.slice(0, 200)}`;
  }
  const e = doc.ErrorResponse?.Error;
  if (!e || typeof e.Code !== 'string' || typeof e.Message !== 'string' || !['Sender', 'Receiver'].includes(e.Type)) {
    return `XML error without Type/Code/Message: ${text.slice(0, 200)}`;
  }
  if (typeof doc.ErrorResponse.RequestId !== 'string') return 'XML error without RequestId';
  if ((e.Type === 'Receiver') !== a.status >= 500) return `fault ${e.Type} with status ${a.status}`;
  return undefined;
}

/** The normal request after each malformed one: the canary's queue is still listed. */
async function healthy(): Promise<void> {
  const body = Buffer.from(JSON.stringify({ QueueNamePrefix: CANARY_QUEUE }));
  const a = await send({
    kind: 'health',
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AmazonSQS.ListQueues' },
    body,
  });
  expect(a.status).toBe(200);
  expect(JSON.parse(a.body.toString()).QueueUrls).toEqual([`${server.url}/000000000000/${CANARY_QUEUE}`]);
}

// ------------------------------------------------------------------------------ generators

const OPS = Object.keys(WIRE.operations);
const JSON_HEADERS = (op: string): Record<string, string> => ({ 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AmazonSQS.${op}` });

/** A placeholder string replaced by a raw JSON number literal after JSON.stringify. */
const RAW = '\u0000raw:';
function jsonText(v: unknown): string {
  return JSON.stringify(v).replace(/"\\u0000raw:([^"]*)"/g, '$1');
}

/** Numbers JSON.parse turns into Infinity, lossy or negative-zero values. */
const hugeNumber = fc.constantFrom('1e400', '-1e400', '123456789012345678901234567890', '9007199254740993', '-0', '1E+2', '2147483648', '-2147483649', '4.9e-324', '0.0000001');

/** A value of another type than the shape `shapeName` (or a container holding one). */
function wrongValue(shapeName: string, depth = 0): fc.Arbitrary<unknown> {
  const shape = shapeOf(shapeName);
  const scalarJunk = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    hugeNumber.map((n) => `${RAW}${n}`),
    fc.constant([]),
    fc.constant({}),
  );
  const notString = scalarJunk.filter((v) => typeof v !== 'string' || v.startsWith(RAW));
  switch (shape.type) {
    case 'string':
    case 'enum':
      return notString;
    case 'integer':
    case 'long':
      return fc.oneof(fc.string({ maxLength: 10 }), fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)), fc.boolean(), hugeNumber.map((n) => `${RAW}${n}`), fc.constant([1]), fc.constant({ n: 1 }));
    case 'boolean':
      return fc.oneof(fc.constantFrom('true', 'false', 'yes'), fc.integer({ min: 0, max: 1 }), fc.constant([true]));
    case 'blob':
      return fc.oneof(fc.integer(), fc.constantFrom('!!!', 'not base64', '====', 'YQ', '%%'), fc.constant({ b: 1 }), fc.constant([]));
    case 'list':
      if (depth > 2) return notString;
      return fc.oneof(fc.string({ maxLength: 5 }), fc.integer(), fc.constant({ a: 1 }), fc.array(wrongValue(shape.member, depth + 1), { minLength: 1, maxLength: 3 }));
    case 'map':
      if (depth > 2) return notString;
      return fc.oneof(fc.string({ maxLength: 5 }), fc.constant([1, 2]), fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), wrongValue(shape.value, depth + 1), { minKeys: 1, maxKeys: 2 }));
    case 'structure': {
      const names = Object.keys(shape.members);
      if (depth > 2 || names.length === 0) return fc.oneof(fc.string(), fc.constant([]));
      return fc.oneof(
        fc.string({ maxLength: 5 }),
        fc.constant([]),
        fc.integer(),
        fc.constantFrom(...names).chain((n) => wrongValue(shape.members[n]!.target, depth + 1).map((v) => ({ [n]: v }))),
      );
    }
  }
}

/** A plausible input for `op` on the fuzz queue (never the canary's), without any wait. */
function baseInput(op: string): Record<string, unknown> {
  const QueueUrl = targetUrl;
  switch (op) {
    case 'SendMessage':
      return { QueueUrl, MessageBody: 'fuzz' };
    case 'SendMessageBatch':
      return { QueueUrl, Entries: [{ Id: 'a', MessageBody: 'fuzz' }] };
    case 'DeleteMessageBatch':
    case 'ChangeMessageVisibilityBatch':
      return { QueueUrl, Entries: [{ Id: 'a', ReceiptHandle: 'AQEBxx', VisibilityTimeout: 1 }] };
    case 'CreateQueue':
      return { QueueName: 'fuzz-created' };
    case 'GetQueueUrl':
      return { QueueName: 'fuzz-target' };
    case 'ListQueues':
      return { QueueNamePrefix: 'fuzz-t' };
    case 'StartMessageMoveTask':
    case 'ListMessageMoveTasks':
      return { SourceArn: 'arn:aws:sqs:us-east-1:000000000000:fuzz-target' };
    default:
      return { QueueUrl };
  }
}

/** Every (operation, member) pair: a wrong type for each member of each operation. */
const inputOf = (op: string) => structOf(WIRE.operations[op as keyof typeof WIRE.operations].input);
const MEMBERS: [string, string][] = OPS.flatMap((op) => Object.keys(inputOf(op).members).map((m) => [op, m] as [string, string]));

const wrongTypes: fc.Arbitrary<FuzzRequest> = fc
  .constantFrom(...MEMBERS)
  .chain(([op, member]) =>
    wrongValue(inputOf(op).members[member]!.target).map((v) => ({
      kind: `wrong type ${op}.${member}`,
      method: 'POST',
      path: '/',
      headers: JSON_HEADERS(op),
      body: Buffer.from(jsonText({ ...baseInput(op), [member]: v })),
    })),
  );

const randomBytes: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...OPS, 'none'), fc.uint8Array({ maxLength: 3000 }), fc.constantFrom('application/x-amz-json-1.0', 'application/x-www-form-urlencoded', 'application/octet-stream'))
  .map(([op, bytes, ct]) => ({
    kind: `random bytes (${op}, ${ct})`,
    method: 'POST',
    path: '/',
    headers: op === 'none' ? { 'Content-Type': ct } : { ...JSON_HEADERS(op), 'Content-Type': ct },
    body: Buffer.from(bytes),
  }));

const truncatedJson: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...OPS), fc.nat())
  .map(([op, cut]) => {
    const text = jsonText({ ...baseInput(op), MessageAttributes: { a: { DataType: 'String', StringValue: 'v' } } });
    return { kind: `truncated JSON ${op}`, method: 'POST', path: '/', headers: JSON_HEADERS(op), body: Buffer.from(text.slice(0, cut % text.length)) };
  });

const garbageJson: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...OPS), fc.oneof(fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'null'), fc.constantFrom('{', '}', '{"a":}', '{"QueueUrl":"x",}', "{'QueueUrl':'x'}", '[1,2', 'nul', '{"a":1}{"b":2}', '\ufeff{}', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{}}}')))
  .map(([op, text]) => ({ kind: `garbage JSON ${op}`, method: 'POST', path: '/', headers: JSON_HEADERS(op), body: Buffer.from(text) }));

const unknownTarget: fc.Arbitrary<FuzzRequest> = fc
  .oneof(
    fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x21-\x7e]/g, 'x')),
    fc.constantFrom(...OPS).map((op) => `AmazonSQS.${op.toLowerCase()}`),
    fc.constantFrom(...OPS).map((op) => `AmazonSNS.${op}`),
    fc.constantFrom('AmazonSQS.', 'AmazonSQS', '.SendMessage', 'AmazonSQS.SendMessage.Extra', 'AmazonSQS.__proto__', 'AmazonSQS.constructor', 'AmazonSQS.hasOwnProperty', 'AmazonSQS.toString', ''),
  )
  .map((target) => ({
    kind: `unknown target ${JSON.stringify(target)}`,
    method: 'POST',
    path: '/',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target },
    body: Buffer.from(jsonText(baseInput('SendMessage'))),
  }));

const wrongContentType: fc.Arbitrary<FuzzRequest> = fc
  .tuple(
    fc.constantFrom(...OPS),
    fc.oneof(
      fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'application/x-amz-json-1.1', 'multipart/form-data; boundary=x', '', ';', 'application/', 'APPLICATION/X-AMZ-JSON-1.0', 'application/json; charset=latin1'),
      fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
    ),
  )
  .map(([op, ct]) => ({ kind: `content type ${JSON.stringify(ct)}`, method: 'POST', path: '/', headers: { ...JSON_HEADERS(op), 'Content-Type': ct }, body: Buffer.from(jsonText(baseInput(op))) }));

const INVALID_UTF8 = [Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xe2, 0x82])];

const invalidUtf8: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...OPS), fc.constantFrom(...INVALID_UTF8), fc.constantFrom('json', 'percent', 'raw'))
  .map(([op, bad, mode]) => {
    if (mode === 'json') {
      const [head, tail] = jsonText({ ...baseInput(op), MessageBody: 'AB' }).split('AB') as [string, string];
      return { kind: `invalid UTF-8 JSON ${op}`, method: 'POST', path: '/', headers: JSON_HEADERS(op), body: Buffer.concat([Buffer.from(head), bad, Buffer.from(tail)]) };
    }
    const pct = [...bad].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    return {
      kind: `invalid UTF-8 Query (${mode}) ${op}`,
      method: 'POST',
      path: '/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: Buffer.concat([Buffer.from(`Action=${op}&QueueUrl=${encodeURIComponent(targetUrl)}&MessageBody=`), mode === 'percent' ? Buffer.from(pct) : bad]),
    };
  });

/** Query parameter names SQS uses, with odd indexes. */
const INDEX = fc.constantFrom('1', '2', '0', '-1', '01', '999999', '1e3', '', 'x', '1.5', '10');
const queryKey = fc.oneof(
  fc.constantFrom('Action', 'Version', 'QueueUrl', 'QueueName', 'MessageBody', 'DelaySeconds', 'MaxNumberOfMessages', 'VisibilityTimeout', 'ReceiptHandle', 'MaxResults', 'NextToken', 'Label', 'TaskHandle', 'SourceArn'),
  INDEX.map((i) => `Attribute.${i}.Name`),
  INDEX.map((i) => `Attribute.${i}.Value`),
  INDEX.map((i) => `AttributeName.${i}`),
  INDEX.map((i) => `MessageAttributeName.${i}`),
  INDEX.chain((i) => fc.constantFrom('Name', 'Value.DataType', 'Value.StringValue', 'Value.BinaryValue', 'Value.StringListValue.1', 'Value').map((s) => `MessageAttribute.${i}.${s}`)),
  fc.tuple(fc.constantFrom('SendMessageBatchRequestEntry', 'DeleteMessageBatchRequestEntry', 'ChangeMessageVisibilityBatchRequestEntry'), INDEX, fc.constantFrom('Id', 'MessageBody', 'ReceiptHandle', 'VisibilityTimeout', 'DelaySeconds', 'MessageAttribute.1.Name')).map(
    ([e, i, m]) => `${e}.${i}.${m}`,
  ),
  INDEX.chain((i) => fc.constantFrom('Key', 'Value').map((s) => `Tag.${i}.${s}`)),
  fc.string({ maxLength: 12 }),
);
/** Odd values; never an integer 1-20 (a WaitTimeSeconds that long-polls). */
const queryValue = fc.oneof(
  fc.constantFrom('', 'abc', '-1', '0', '1e3', '2147483648', '99999999999999999999', 'true', 'TRUE', ' 0 ', '1.5', '0x10', 'null', 'All', '.*', 'String', 'Binary', 'Number', 'AQEBxx', 'x'.repeat(5000)),
  fc.string({ maxLength: 30 }),
  fc.constantFrom(...OPS),
);
const RAW_QUERY_JUNK = fc.constantFrom('%', '%G1', '%zz', '&&&', '===', '+', '%00', '%2', 'a=b=c', '&=', '=&', '%E2%82', '%ff', '%C3%28');
const QUERY_PATHS = () => fc.constantFrom('/', '/000000000000/fuzz-target', '/000000000000/missing', '/a/b/c', '/%2e%2e/', '//', `/${'a'.repeat(3000)}`, '/;x', '/000000000000/', '/%ZZ');

const oddQuery: fc.Arbitrary<FuzzRequest> = fc
  .record({
    action: fc.oneof(fc.constantFrom(...OPS), fc.constantFrom('', 'sendmessage', 'Foo', '__proto__', 'constructor', 'toString'), fc.constant(undefined)),
    params: fc.array(fc.tuple(queryKey, queryValue), { maxLength: 8 }),
    junk: fc.array(RAW_QUERY_JUNK, { maxLength: 3 }),
    method: fc.constantFrom('GET', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'),
    path: QUERY_PATHS(),
    contentType: fc.constantFrom('application/x-www-form-urlencoded', 'application/x-www-form-urlencoded; charset=utf-8', 'text/plain', 'application/json', undefined),
    accept: fc.constantFrom(undefined, 'application/json', 'text/xml', '*/*'),
    withQueue: fc.boolean(),
  })
  .map(({ action, params, junk, method, path, contentType, accept, withQueue }) => {
    const pairs: string[] = [];
    if (action !== undefined) pairs.push(`Action=${encodeURIComponent(action)}`);
    if (withQueue) pairs.push(`QueueUrl=${encodeURIComponent(targetUrl)}`);
    for (const [k, v] of params) {
      if (k === 'WaitTimeSeconds') continue;
      pairs.push(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
    }
    pairs.push(...junk);
    const form = pairs.join('&');
    const headers: Record<string, string> = {};
    if (contentType !== undefined) headers['Content-Type'] = contentType;
    if (accept !== undefined) headers.Accept = accept;
    const inQuery = method === 'GET' || method === 'HEAD' || method === 'DELETE';
    return {
      kind: `odd Query ${method} ${action ?? '(no action)'}`,
      method,
      path: inQuery ? `${path}?${form}` : path,
      headers,
      body: inQuery ? Buffer.alloc(0) : Buffer.from(form),
    };
  });

/** Header names that would break the HTTP framing of the test itself are left out. */
const FRAMING = new Set(['content-length', 'transfer-encoding', 'host', 'connection', 'expect', 'upgrade', 'te', 'trailer', 'keep-alive']);
const headerName = fc.oneof(
  fc.constantFrom('X-Amzn-Trace-Id', 'Accept', 'Content-Encoding', 'Authorization', 'X-Amz-Date', 'X-Amz-Security-Token', 'X-Amz-Content-Sha256', 'amz-sdk-invocation-id', 'amz-sdk-request', 'X-Amz-Target', 'x-amzn-query-mode', 'Accept-Encoding', 'Content-MD5', 'Range', 'Cookie'),
  fc.string({ minLength: 1, maxLength: 20 }).map((s) => s.replace(/[^A-Za-z0-9!#$%&'*+.^_`|~-]/g, 'x')),
).filter((n) => !FRAMING.has(n.toLowerCase()));
const headerValue = fc.oneof(
  fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, '?')),
  fc.constantFrom('', 'gzip', 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1', 'AWS4-HMAC-SHA256 Credential=x', 'application/json', 'x'.repeat(4000), 'true', '\t'),
);

const randomHeaders: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.constantFrom(...OPS), fc.array(fc.tuple(headerName, headerValue), { minLength: 1, maxLength: 6 }), fc.boolean())
  .map(([op, pairs, json]) => {
    const headers: Record<string, string> = json ? JSON_HEADERS(op) : { 'Content-Type': 'application/x-www-form-urlencoded' };
    for (const [k, v] of pairs) {
      // One spelling per name: later ones replace earlier ones whatever their case.
      for (const h of Object.keys(headers)) if (h.toLowerCase() === k.toLowerCase()) delete headers[h];
      headers[k] = v;
    }
    const body = json ? jsonText(baseInput(op)) : `Action=${op}&QueueUrl=${encodeURIComponent(targetUrl)}&MessageBody=fuzz`;
    return { kind: `random headers ${op}`, method: 'POST', path: '/', headers, body: Buffer.from(body) };
  });

const hugeBody: fc.Arbitrary<FuzzRequest> = fc
  .tuple(fc.boolean(), fc.constantFrom(MAX_REQUEST_BYTES + 1, MAX_REQUEST_BYTES + 1024 * 1024))
  .map(([json, size]) => {
    const prefix = json ? '{"QueueUrl":"' + targetUrl + '","MessageBody":"' : `Action=SendMessage&QueueUrl=${encodeURIComponent(targetUrl)}&MessageBody=`;
    const body = Buffer.alloc(size, 0x61);
    body.write(prefix);
    return { kind: `huge body ${json ? 'JSON' : 'Query'}`, method: 'POST', path: '/', headers: json ? JSON_HEADERS('SendMessage') : { 'Content-Type': 'application/x-www-form-urlencoded' }, body };
  });

/** Names found on every plain object: the prototype setter and inherited members. */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'] as const;
const protoKey = fc.oneof(
  { arbitrary: fc.constantFrom(...PROTOTYPE_KEYS), weight: 4 },
  { arbitrary: fc.constantFrom('valueOf', 'isPrototypeOf', '__defineGetter__', 'prototype', 'propertyIsEnumerable'), weight: 1 },
);
const protoKeys = fc.uniqueArray(protoKey, { minLength: 1, maxLength: 3 });
const own = (entries: [string, unknown][]): Record<string, unknown> => Object.fromEntries(entries);
const ATTR = { DataType: 'String', StringValue: 'v' };

/** Reads one member of a JSON or Query (XML) success. */
function answered(a: Answer, json: boolean, op: string, member: string): string | undefined {
  const text = a.body.toString('utf8');
  if (json) return (JSON.parse(text) as Record<string, string | undefined>)[member];
  const doc = xml.parse(text) as Record<string, any>;
  return doc[`${op}Response`]?.[`${op}Result`]?.[member];
}
const errorCode = (a: Answer, json: boolean): string | undefined =>
  json ? String(a.headers['x-amzn-query-error'] ?? '').split(';')[0] : (xml.parse(a.body.toString('utf8')) as Record<string, any>).ErrorResponse?.Error?.Code;

/** A map member, as a JSON object or as Query `<name>.N.<key>` / `<name>.N.<value>` parameters. */
function mapRequest(op: string, member: string, wire: string, keyName: string, entries: [string, unknown][], json: boolean, check?: FuzzRequest['check']): FuzzRequest {
  const base = { ...baseInput(op), QueueUrl: keysUrl };
  if (json) {
    return { kind: `prototype keys JSON ${op}.${member}`, method: 'POST', path: '/', headers: JSON_HEADERS(op), body: Buffer.from(jsonText({ ...base, [member]: own(entries) })), ...(check ? { check } : {}) };
  }
  const pairs = [`Action=${op}`, ...Object.entries(base).filter(([, v]) => typeof v === 'string').map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`)];
  entries.forEach(([k, v], i) => {
    pairs.push(`${wire}.${i + 1}.${keyName}=${encodeURIComponent(k)}`);
    if (typeof v === 'string') pairs.push(`${wire}.${i + 1}.Value=${encodeURIComponent(v)}`);
    else for (const [vk, vv] of Object.entries(v as Record<string, string>)) pairs.push(`${wire}.${i + 1}.Value.${vk}=${encodeURIComponent(vv)}`);
  });
  return { kind: `prototype keys Query ${op}.${member}`, method: 'POST', path: '/', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: Buffer.from(pairs.join('&')), ...(check ? { check } : {}) };
}

const prototypeKeys: fc.Arbitrary<FuzzRequest> = fc.tuple(fc.boolean(), protoKeys, fc.nat(4)).map(([json, keys, which]) => {
  switch (which) {
    case 0: {
      // Legal message attribute names (sqs-semantics.md 2): 200 with the MD5 of exactly these attributes.
      const entries = keys.map((k) => [k, ATTR] as [string, unknown]);
      const md5 = md5OfMessageAttributes(own(entries) as never);
      return mapRequest('SendMessage', 'MessageAttributes', 'MessageAttribute', 'Name', entries, json, (a) => {
        if (a.status !== 200) return `status ${a.status}, expected 200`;
        const got = answered(a, json, 'SendMessage', 'MD5OfMessageAttributes');
        return got === md5 ? undefined : `MD5OfMessageAttributes ${String(got)}, expected ${String(md5)}`;
      });
    }
    case 1:
      // Unknown queue attribute names (sqs-semantics.md 3): InvalidAttributeName, never a silent 200.
      return mapRequest('SetQueueAttributes', 'Attributes', 'Attribute', 'Name', keys.map((k) => [k, '1']), json, (a) =>
        a.status === 400 && errorCode(a, json) === 'InvalidAttributeName' ? undefined : `status ${a.status} ${String(errorCode(a, json))}, expected InvalidAttributeName`,
      );
    case 2:
      // Legal tag keys (sqs-semantics.md 2).
      return mapRequest('TagQueue', 'Tags', 'Tag', 'Key', keys.map((k) => [k, 'v']), json, (a) => (a.status === 200 ? undefined : `status ${a.status}, expected 200`));
    case 3:
      // Only AWSTraceHeader is a message system attribute (sqs-semantics.md 4.7).
      return mapRequest('SendMessage', 'MessageSystemAttributes', 'MessageSystemAttribute', 'Name', keys.map((k) => [k, ATTR]), json, (a) =>
        a.status === 400 ? undefined : `status ${a.status}, expected 400`,
      );
    default:
      // A prototype-named member inside a value: not a member of MessageAttributeValue, so ignored.
      return mapRequest('SendMessage', 'MessageAttributes', 'MessageAttribute', 'Name', [['a', own(keys.map((k) => [k, 'x']))]], json);
  }
});

const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(
  { arbitrary: prototypeKeys, weight: 3 },
  { arbitrary: wrongTypes, weight: 6 },
  { arbitrary: randomBytes, weight: 2 },
  { arbitrary: truncatedJson, weight: 2 },
  { arbitrary: garbageJson, weight: 2 },
  { arbitrary: unknownTarget, weight: 1 },
  { arbitrary: wrongContentType, weight: 1 },
  { arbitrary: invalidUtf8, weight: 1 },
  { arbitrary: oddQuery, weight: 5 },
  { arbitrary: randomHeaders, weight: 2 },
  { arbitrary: hugeBody, weight: 1 },
);

// ------------------------------------------------------------------------------ the test

beforeAll(async () => {
  server = await startReferenceServer({ log: (l) => logged.push(l) });
  const create = async (name: string) => {
    const a = await send({ kind: 'setup', method: 'POST', path: '/', headers: JSON_HEADERS('CreateQueue'), body: Buffer.from(JSON.stringify({ QueueName: name })) });
    expect(a.status).toBe(200);
    return JSON.parse(a.body.toString()).QueueUrl as string;
  };
  targetUrl = await create('fuzz-target');
  keysUrl = await create('fuzz-keys');
  const canaryUrl = await create(CANARY_QUEUE);
  const sent = await send({ kind: 'setup', method: 'POST', path: '/', headers: JSON_HEADERS('SendMessage'), body: Buffer.from(JSON.stringify({ QueueUrl: canaryUrl, MessageBody: CANARY_BODY, MessageAttributes: CANARY_ATTRIBUTES })) });
  expect(sent.status).toBe(200);
  const tagged = await send({ kind: 'setup', method: 'POST', path: '/', headers: JSON_HEADERS('TagQueue'), body: Buffer.from(JSON.stringify({ QueueUrl: canaryUrl, Tags: CANARY_TAGS })) });
  expect(tagged.status).toBe(200);
});

afterAll(async () => {
  agent.destroy();
  await server.stop();
});

describe('fuzzing the reference server with malformed requests', () => {
  it(`answers ${RUNS} malformed requests with AWS errors, keeps serving and loses nothing`, async () => {
    const kinds = new Map<string, number>();
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fuzzRequest, async (r) => {
        const a = await send(r);
        const problem = problemWith(r, a) ?? r.check?.(a);
        if (problem) {
          throw new Error(
            `${r.kind}: ${problem}\n  request: ${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers).slice(0, 300)} ${r.body.toString('latin1').slice(0, 300)}` +
              `\n  answer: ${a.status} ${JSON.stringify(a.headers)} ${a.body.toString('utf8').slice(0, 300)}`,
          );
        }
        const kind = r.kind.split(' ').slice(0, 2).join(' ');
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        await healthy();
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 50_000, endOnFailure: true },
    );
    // The fuzz reached every family of requests and produced both errors and successes.
    console.log(`fuzz: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}; statuses ${[...statuses].sort((x, y) => x[0] - y[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`);
    for (const k of ['prototype keys', 'wrong type', 'random bytes', 'truncated JSON', 'garbage JSON', 'unknown target', 'content type', 'invalid UTF-8', 'odd Query', 'random headers', 'huge body']) {
      expect([...kinds.keys()].some((x) => x.startsWith(k)), k).toBe(true);
    }
    expect([...statuses.keys()].some((s) => s >= 400)).toBe(true);
    expect(logged.filter((l) => /internal failure|unhandled/.test(l))).toEqual([]);

    // The canary is intact: one message, exact body, never received before.
    const r = await send({
      kind: 'canary',
      method: 'POST',
      path: '/',
      headers: JSON_HEADERS('ReceiveMessage'),
      body: Buffer.from(JSON.stringify({ QueueUrl: `${server.url}/000000000000/${CANARY_QUEUE}`, MaxNumberOfMessages: 10, AttributeNames: ['ApproximateReceiveCount'], MessageAttributeNames: ['All'] })),
    });
    expect(r.status).toBe(200);
    const messages = JSON.parse(r.body.toString('utf8')).Messages as { Body: string; MD5OfBody: string; Attributes: Record<string, string>; MessageAttributes: unknown; MD5OfMessageAttributes: string }[];
    expect(messages).toHaveLength(1);
    expect(messages[0]!.Body).toBe(CANARY_BODY);
    expect(messages[0]!.MD5OfBody).toBe(createHash('md5').update(CANARY_BODY, 'utf8').digest('hex'));
    expect(messages[0]!.Attributes.ApproximateReceiveCount).toBe('1');
    expect(messages[0]!.MessageAttributes).toEqual(CANARY_ATTRIBUTES);
    expect(messages[0]!.MD5OfMessageAttributes).toBe(md5OfMessageAttributes(CANARY_ATTRIBUTES as never));
    const tags = await send({ kind: 'canary', method: 'POST', path: '/', headers: JSON_HEADERS('ListQueueTags'), body: Buffer.from(JSON.stringify({ QueueUrl: `${server.url}/000000000000/${CANARY_QUEUE}` })) });
    expect(JSON.parse(tags.body.toString('utf8'))).toEqual({ Tags: CANARY_TAGS });
    // Nothing sent reached Object.prototype (the server runs in this process).
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(PROTOTYPE_BEFORE);
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  }, 90_000);
});
