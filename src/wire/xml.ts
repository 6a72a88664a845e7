// The Query protocol's response side (sqs-semantics.md 1.1-1.2): the server writes
// `<XResponse><XResult>…</XResult><ResponseMetadata><RequestId>` and `<ErrorResponse>`; the Query
// client reads them back into the JSON SDK's output shape (maps as records, flattened lists as
// arrays, absent keys when empty, blobs as base64 strings). Element names come from the wire
// table. Maps decode into prototype-less records (dict.ts). PURE.
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import type { Action, ServiceError } from '../history/index.js';
import { shapeByCode } from '../spec/errors.js';
import { dict } from './dict.js';
import { base64Of } from './json.js';
import { listItemName, mapNames, operationOf, shapeOf, structOf, wireName, XML_NAMESPACE, type MapShape, type StructShape } from './model.js';

// ------------------------------------------------------------------------------------ writing

/** XML text escaping; `\r` as a character reference so bodies come back byte-exact (aws-recorded-facts.md item 3). */
function escapeXml(s: string): string {
  return s.replace(/[&<>\r]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&#xD;'));
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  processEntities: false,
  tagValueProcessor: (_name: string, value: unknown) => escapeXml(String(value)),
  attributeValueProcessor: (_name: string, value: unknown) => escapeXml(String(value)).replace(/"/g, '&quot;'),
});

const XML_DECLARATION = '<?xml version="1.0"?>';

/** The builder's tree for a value of `shapeName` (not a flattened member: struct members handle those). */
function xmlValue(shapeName: string, v: unknown): unknown {
  const shape = shapeOf(shapeName);
  switch (shape.type) {
    case 'structure':
      return xmlStruct(shape, (v ?? {}) as Record<string, unknown>);
    case 'list': {
      const item = listItemName(shape, false) as string;
      return { [item]: (v as unknown[]).map((x) => xmlValue(shape.member, x)) };
    }
    case 'map':
      return { entry: xmlMapEntries(shape, v, false) };
    case 'blob':
      return v instanceof Uint8Array ? base64Of(v) : String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      return String(v);
  }
}

function xmlMapEntries(shape: MapShape, v: unknown, flattened: boolean): unknown[] {
  const n = mapNames(shape, flattened);
  return Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .map(([k, x]) => ({ [n.key]: k, [n.value]: xmlValue(shape.value, x) }));
}

function xmlStruct(shape: StructShape, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const v = Object.prototype.hasOwnProperty.call(value, name) ? value[name] : undefined;
    if (v === undefined || v === null) continue;
    const el = wireName(name, member);
    const s = shapeOf(member.target);
    if (member.flattened && s.type === 'list') out[el] = (v as unknown[]).map((x) => xmlValue(s.member, x));
    else if (member.flattened && s.type === 'map') out[el] = xmlMapEntries(s, v, true);
    else out[el] = xmlValue(member.target, v);
  }
  return out;
}

/** `<XResponse><XResult>…</XResult><ResponseMetadata><RequestId>…` (aws-recorded-facts.md item 122); no XResult when the operation answers nothing. */
export function xmlResponse(action: Action, value: Record<string, unknown>, requestId: string): string {
  const op = operationOf(action);
  const inner: Record<string, unknown> = { '@_xmlns': XML_NAMESPACE };
  if (op?.output) {
    const result = xmlStruct(structOf(op.output), value);
    inner[`${action}Result`] = Object.keys(result).length > 0 ? result : ''; // `<ReceiveMessageResult/>` when empty
  }
  inner.ResponseMetadata = { RequestId: requestId };
  return XML_DECLARATION + String(builder.build({ [`${action}Response`]: inner }));
}

/** `<ErrorResponse><Error><Type/><Code/><Message/><Detail/></Error><RequestId/></ErrorResponse>` (sqs-semantics.md 1.2; items 121-122). */
export function xmlError(fault: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  const doc = { ErrorResponse: { '@_xmlns': XML_NAMESPACE, Error: { Type: fault, Code: code, Message: message, Detail: '' }, RequestId: requestId } };
  return XML_DECLARATION + String(builder.build(doc));
}

// ------------------------------------------------------------------------------------ reading

/** A parsed XML element: child elements by name (always arrays), `#text` for text. */
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

/** An XML document's root element name and node. */
export function parseXml(text: string): { root: string; node: XNode } {
  let doc: unknown;
  try {
    doc = parser.parse(text, true);
  } catch (e) {
    throw new XmlDecodeError(`invalid XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (doc === null || typeof doc !== 'object') throw new XmlDecodeError('invalid XML: no root element');
  const first = Object.entries(doc as Record<string, unknown>).find(([k]) => !k.startsWith('#') && !k.startsWith('?'));
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
  if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, name)) return [];
  const c = (node as XNode)[name];
  return Array.isArray(c) ? c : c === undefined ? [] : [c];
}

function decodeScalar(type: string, v: unknown): unknown {
  const text = textOf(v);
  switch (type) {
    case 'integer':
    case 'long': {
      const n = Number(text.trim());
      // What the server sent is kept when it is not a number: the checker reports it.
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

function decodeMapEntries(shape: MapShape, entries: unknown[], flattened: boolean): Record<string, unknown> {
  const n = mapNames(shape, flattened);
  const out = dict<unknown>();
  for (const entry of entries) out[textOf(children(entry, n.key)[0])] = decodeValue(shape.value, children(entry, n.value)[0]);
  return out;
}

function decodeValue(shapeName: string, v: unknown): unknown {
  const shape = shapeOf(shapeName);
  switch (shape.type) {
    case 'structure':
      return decodeStruct(shape, v);
    case 'list':
      return children(v, listItemName(shape, false) as string).map((x) => decodeValue(shape.member, x));
    case 'map':
      return decodeMapEntries(shape, children(v, 'entry'), false);
    default:
      return decodeScalar(shape.type, v);
  }
}

/** An element decoded by a structure shape; flattened lists and maps are repeated member elements. */
export function decodeStruct(shape: StructShape, node: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const els = children(node, wireName(name, member));
    if (els.length === 0) continue;
    const s = shapeOf(member.target);
    if (member.flattened && s.type === 'list') out[name] = els.map((x) => decodeValue(s.member, x));
    else if (member.flattened && s.type === 'map') out[name] = decodeMapEntries(s, els, true);
    else out[name] = decodeValue(member.target, els[0]);
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

/** The ServiceError of a Query error body: `type` is the JSON `__type` name looked up from the code. */
export function queryServiceError(body: QueryErrorBody, httpStatus: number): ServiceError | undefined {
  if (!body.code) return undefined;
  const out: ServiceError = { code: body.code, httpStatus };
  const known = shapeByCode(body.code);
  if (known) out.type = known.type;
  if (body.message !== undefined) out.message = body.message;
  out.senderFault = body.type !== undefined ? body.type === 'Sender' : httpStatus < 500;
  return out;
}

/** A successful `<ActionResponse><ActionResult>…` in the JSON SDK's output shape. */
export function decodeQueryResponse(action: Action, xml: string): { output: Record<string, unknown>; requestId?: string } {
  const { root, node } = parseXml(xml);
  if (root === 'ErrorResponse' || findError({ [root]: [node] })) {
    throw new XmlDecodeError(`expected ${action}Response, got an error document <${root}>`);
  }
  const op = operationOf(action);
  const result = children(node, `${action}Result`)[0] ?? node;
  const output = op?.output ? decodeStruct(structOf(op.output), result) : {};
  const requestId = findRequestId(node);
  return requestId ? { output, requestId } : { output };
}
