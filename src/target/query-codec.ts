// Query-protocol codec: SDK-shaped input → form parameters, and XML answers → the SAME output shape
// the JSON SDK returns (maps as objects, flattened lists as arrays, absent keys when empty, blobs as
// base64 strings). PURE: no I/O.
import { XMLParser } from 'fast-xml-parser';
import type { Action, ServiceError } from '../history/index.js';
import { shapeByCode } from '../spec/errors.js';
import { QUERY_OPERATIONS, type QShape, type QStruct } from './query-schema.js';

export const QUERY_API_VERSION = '2012-11-05';

// ---------------------------------------------------------------------------------------------
// Encoding

function scalarText(shape: QShape, v: unknown): string {
  if (shape.t === 'blob') {
    if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    return String(v); // already base64 (the kit's convention for binary values in JSON)
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  return String(v);
}

function encodeValue(shape: QShape | undefined, v: unknown, prefix: string, out: Array<[string, string]>): void {
  if (v === undefined || v === null) return;
  if (!shape) {
    // A member the model does not know (a deliberately malformed request): sent as plainly as possible.
    if (Array.isArray(v)) {
      if (v.length === 0) out.push([prefix, '']);
      v.forEach((x, i) => encodeValue(undefined, x, `${prefix}.${i + 1}`, out));
    } else if (typeof v === 'object' && !(v instanceof Uint8Array)) {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) encodeValue(undefined, x, `${prefix}.${k}`, out);
    } else {
      out.push([prefix, scalarText({ t: 'string' }, v)]);
    }
    return;
  }
  switch (shape.t) {
    case 'list': {
      if (!Array.isArray(v)) return encodeValue(undefined, v, prefix, out);
      // An empty list is sent as `Name=` so the server sees the member was present (as the SDKs do).
      if (v.length === 0) out.push([prefix, '']);
      v.forEach((x, i) => encodeValue(shape.member, x, `${prefix}.${i + 1}`, out));
      return;
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) return encodeValue(undefined, v, prefix, out);
      let i = 0;
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        if (x === undefined) continue;
        i++;
        out.push([`${prefix}.${i}.${shape.key}`, k]);
        encodeValue(shape.valueShape, x, `${prefix}.${i}.${shape.value}`, out);
      }
      return;
    }
    case 'struct': {
      if (typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) return encodeValue(undefined, v, prefix, out);
      encodeStruct(shape, v as Record<string, unknown>, prefix, out);
      return;
    }
    default:
      out.push([prefix, scalarText(shape, v)]);
  }
}

function encodeStruct(shape: QStruct, v: Record<string, unknown>, prefix: string, out: Array<[string, string]>): void {
  // Two list members may share a wire name (ReceiveMessage's AttributeNames and
  // MessageSystemAttributeNames are both `AttributeName`): the second continues the numbering.
  const used = new Map<string, number>();
  for (const [name, x] of Object.entries(v)) {
    const member = shape.members[name];
    const wire = member?.xmlName ?? name;
    const key = prefix === '' ? wire : `${prefix}.${wire}`;
    const s = member?.shape;
    if (s?.t === 'list' && Array.isArray(x)) {
      const offset = used.get(key) ?? 0;
      if (offset > 0 && x.length === 0) continue;
      if (offset === 0 && x.length === 0) out.push([key, '']);
      x.forEach((item, i) => encodeValue(s.member, item, `${key}.${offset + i + 1}`, out));
      used.set(key, offset + x.length);
      continue;
    }
    encodeValue(s, x, key, out);
  }
}

/** The form parameters of one request, in order: `Action`, `Version`, then the members. */
export function encodeQueryParams(action: Action, input: Record<string, unknown>): Array<[string, string]> {
  const out: Array<[string, string]> = [
    ['Action', action],
    ['Version', QUERY_API_VERSION],
  ];
  const op = QUERY_OPERATIONS[action];
  encodeStruct(op ? op.input : { t: 'struct', members: {} }, input, '', out);
  return out;
}

/** RFC 3986 percent-encoding (as the AWS SDKs do: also `!'()*`; space as %20). */
export function awsUriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function formBody(params: Array<[string, string]>): string {
  return params.map(([k, v]) => `${awsUriEncode(k)}=${awsUriEncode(v)}`).join('&');
}

// ---------------------------------------------------------------------------------------------
// Decoding

/** A parsed XML element: child elements by name (always arrays), `#text` for mixed content. */
type XNode = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: true,
  isArray: () => true,
});

export class XmlDecodeError extends Error {
  override readonly name = 'XmlDecodeError';
}

/** Parses an XML document into its root element name and node. */
export function parseXml(text: string): { root: string; node: XNode } {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (e) {
    throw new XmlDecodeError(`invalid XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (doc === null || typeof doc !== 'object') throw new XmlDecodeError('invalid XML: no root element');
  const roots = Object.entries(doc as Record<string, unknown>).filter(([k]) => !k.startsWith('#') && !k.startsWith('?'));
  const first = roots[0];
  if (!first) throw new XmlDecodeError('invalid XML: no root element');
  const [root, value] = first;
  const node = Array.isArray(value) ? value[0] : value;
  return { root, node: typeof node === 'object' && node !== null ? (node as XNode) : { '#text': String(node ?? '') } };
}

function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v !== null && typeof v === 'object') {
    const t = (v as XNode)['#text'];
    return typeof t === 'string' ? t : Array.isArray(t) ? t.join('') : '';
  }
  return v === undefined || v === null ? '' : String(v);
}

function children(node: unknown, name: string): unknown[] {
  if (node === null || typeof node !== 'object') return [];
  const c = (node as XNode)[name];
  return Array.isArray(c) ? c : c === undefined ? [] : [c];
}

function decodeScalar(shape: QShape, v: unknown): unknown {
  const text = textOf(v);
  switch (shape.t) {
    case 'integer':
    case 'long': {
      const n = Number(text.trim());
      // Keep what the server sent when it is not a number: the checker reports it.
      return text.trim() !== '' && Number.isFinite(n) ? n : text;
    }
    case 'boolean': {
      const t = text.trim();
      return t === 'true' ? true : t === 'false' ? false : text;
    }
    default:
      return text; // strings raw (a Body keeps its whitespace); blobs stay base64
  }
}

function decodeValue(shape: QShape, v: unknown): unknown {
  switch (shape.t) {
    case 'struct':
      return decodeStruct(shape, v);
    case 'list': // only reached for a nested non-flattened list, which SQS does not have
      return children(v, 'member').map((x) => decodeValue(shape.member, x));
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const entry of children(v, 'entry')) {
        out[textOf(children(entry, shape.key)[0])] = decodeValue(shape.valueShape, children(entry, shape.value)[0]);
      }
      return out;
    }
    default:
      return decodeScalar(shape, v);
  }
}

/** Decodes an element by a structure shape; flattened lists and maps are repeated member elements. */
export function decodeStruct(shape: QStruct, node: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const els = children(node, member.xmlName ?? name);
    if (els.length === 0) continue;
    const s = member.shape;
    if (s.t === 'list') {
      out[name] = els.map((x) => decodeValue(s.member, x));
    } else if (s.t === 'map') {
      const mapOut: Record<string, unknown> = {};
      for (const entry of els) {
        mapOut[textOf(children(entry, s.key)[0])] = decodeValue(s.valueShape, children(entry, s.value)[0]);
      }
      out[name] = mapOut;
    } else {
      out[name] = decodeValue(s, els[0]);
    }
  }
  return out;
}

export interface QueryErrorBody {
  code?: string;
  type?: string;
  message?: string;
  requestId?: string;
}

function findError(node: unknown, depth = 0): XNode | undefined {
  if (depth > 4 || node === null || typeof node !== 'object') return undefined;
  for (const e of children(node, 'Error')) if (e && typeof e === 'object' && 'Code' in (e as XNode)) return e as XNode;
  for (const [k, v] of Object.entries(node as XNode)) {
    if (k.startsWith('#') || !Array.isArray(v)) continue;
    for (const c of v) {
      const f = findError(c, depth + 1);
      if (f) return f;
    }
  }
  return undefined;
}

function findRequestId(node: XNode): string | undefined {
  const direct = children(node, 'RequestId')[0] ?? children(children(node, 'ResponseMetadata')[0], 'RequestId')[0];
  const t = direct === undefined ? '' : textOf(direct).trim();
  return t === '' ? undefined : t;
}

/** Reads an `<ErrorResponse>` (or any document with an `<Error><Code>`); undefined when there is none. */
export function decodeQueryError(xml: string): QueryErrorBody | undefined {
  let parsed: { root: string; node: XNode };
  try {
    parsed = parseXml(xml);
  } catch {
    return undefined;
  }
  const err = findError({ [parsed.root]: [parsed.node] });
  if (!err) return undefined;
  const out: QueryErrorBody = {};
  const code = textOf(children(err, 'Code')[0]).trim();
  if (code !== '') out.code = code;
  const type = textOf(children(err, 'Type')[0]).trim();
  if (type !== '') out.type = type;
  const msgEl = children(err, 'Message')[0];
  if (msgEl !== undefined) out.message = textOf(msgEl);
  const rid = findRequestId(parsed.node);
  if (rid) out.requestId = rid;
  return out;
}

/** The ServiceError for a Query error body: `type` is the JSON `__type` name looked up from the code. */
export function queryServiceError(body: QueryErrorBody, httpStatus: number): ServiceError | undefined {
  if (!body.code) return undefined;
  const out: ServiceError = { code: body.code, httpStatus };
  const known = shapeByCode(body.code);
  if (known) out.type = known.type;
  if (body.message !== undefined) out.message = body.message;
  out.senderFault = body.type !== undefined ? body.type === 'Sender' : httpStatus < 500;
  return out;
}

/** Decodes a successful `<ActionResponse><ActionResult>…` into the JSON SDK's output shape. */
export function decodeQueryResponse(action: Action, xml: string): { output: Record<string, unknown>; requestId?: string } {
  const { root, node } = parseXml(xml);
  if (root === 'ErrorResponse' || findError({ [root]: [node] })) {
    throw new XmlDecodeError(`expected ${action}Response, got an error document <${root}>`);
  }
  const op = QUERY_OPERATIONS[action];
  const result = children(node, `${action}Result`)[0] ?? node;
  const output = op ? decodeStruct(op.output, result) : {};
  const requestId = findRequestId(node);
  return requestId ? { output, requestId } : { output };
}
