// Reading and writing SQS operation payloads on both wire protocols, driven by schema.ts:
// - AWS JSON 1.0 input: type-checked against the shape (a wrong type is a SerializationException);
//   blobs arrive base64 and become bytes;
// - Query input: `Action=…` form parameters with the xmlName-derived keys (`Attribute.N.Name`,
//   `MessageAttribute.N.Value.DataType`, `<Op>RequestEntry.N.<Member>`, …; sqs-semantics.md 1.1);
// - JSON output (bytes back to base64) and Query XML output (`<XResponse><XResult>…`, section 1.2).
import { XMLBuilder } from 'fast-xml-parser';
import type { Shape, StructShape } from './schema.js';

export type Decoded = { ok: Record<string, unknown> } | { problem: string; parameter?: string; value?: string };

// ------------------------------------------------------------------------------------ JSON in

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function jsonType(v: unknown): string {
  if (v === null) return 'NULL_VALUE';
  if (Array.isArray(v)) return 'START_ARRAY';
  switch (typeof v) {
    case 'string':
      return 'STRING_VALUE';
    case 'number':
      return 'NUMBER_VALUE';
    case 'boolean':
      return 'BOOLEAN_VALUE';
    default:
      return 'START_OBJECT';
  }
}

function readJsonValue(shape: Shape, v: unknown, path: string): { ok: unknown } | { problem: string } {
  const mismatch = (target: string) => ({ problem: `${jsonType(v)} can not be converted to ${target} (at ${path})` });
  switch (shape.t) {
    case 'string':
      return typeof v === 'string' ? { ok: v } : mismatch('a String');
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return mismatch('an Integer');
      if (v > 2147483647 || v < -2147483648) return { problem: `Integer value out of range (at ${path})` };
      return { ok: v };
    case 'long':
      return typeof v === 'number' && Number.isInteger(v) ? { ok: v } : mismatch('a Long');
    case 'boolean':
      return typeof v === 'boolean' ? { ok: v } : mismatch('a Boolean');
    case 'blob':
      if (typeof v !== 'string' || !BASE64.test(v.replace(/\s+/g, ''))) return mismatch('a Blob (base64)');
      return { ok: new Uint8Array(Buffer.from(v, 'base64')) };
    case 'list': {
      if (!Array.isArray(v)) return mismatch('a List');
      const out: unknown[] = [];
      for (let i = 0; i < v.length; i++) {
        if (v[i] === null) continue;
        const r = readJsonValue(shape.member, v[i], `${path}[${i}]`);
        if ('problem' in r) return r;
        out.push(r.ok);
      }
      return { ok: out };
    }
    case 'map': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return mismatch('a Map');
      const out: Record<string, unknown> = {};
      for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
        if (val === null) continue;
        const r = readJsonValue(shape.value, val, `${path}.${k}`);
        if ('problem' in r) return r;
        out[k] = r.ok;
      }
      return { ok: out };
    }
    case 'struct': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return mismatch('a Structure');
      const src = v as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        if (!Object.prototype.hasOwnProperty.call(src, name) || src[name] === null || src[name] === undefined) continue;
        const r = readJsonValue(member, src[name], path ? `${path}.${name}` : name);
        if ('problem' in r) return r;
        out[name] = r.ok;
      }
      return { ok: out }; // unknown members are ignored
    }
  }
}

/** An operation's input from a parsed JSON body. */
export function readJsonInput(shape: StructShape, body: unknown): Decoded {
  const r = readJsonValue(shape, body, '');
  return 'problem' in r ? { problem: r.problem } : { ok: r.ok as Record<string, unknown> };
}

// ------------------------------------------------------------------------------------ Query in

/** Decoded form parameters; the first occurrence of a name wins (matches item 92's recording). */
export type FormParams = Map<string, string>;

const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function percentDecode(bytes: Uint8Array): Uint8Array | undefined {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0x2b) out[n++] = 0x20; // '+'
    else if (b === 0x25) {
      const hex = String.fromCharCode(bytes[i + 1] ?? 0, bytes[i + 2] ?? 0);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return undefined;
      out[n++] = parseInt(hex, 16);
      i += 2;
    } else out[n++] = b;
  }
  return out.subarray(0, n);
}

/**
 * `application/x-www-form-urlencoded` bytes → parameters. Undefined when the encoding is broken
 * (bad percent escape or invalid UTF-8 after decoding).
 */
export function parseForm(raw: Uint8Array, into: FormParams = new Map()): FormParams | undefined {
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && raw[i] !== 0x26) continue; // '&'
    const part = raw.subarray(start, i);
    start = i + 1;
    if (part.length === 0) continue;
    const eq = part.indexOf(0x3d); // '='
    const k = percentDecode(eq < 0 ? part : part.subarray(0, eq));
    const v = percentDecode(eq < 0 ? new Uint8Array(0) : part.subarray(eq + 1));
    if (!k || !v) return undefined;
    let key: string;
    let value: string;
    try {
      key = utf8Strict.decode(k);
      value = utf8Strict.decode(v);
    } catch {
      return undefined;
    }
    if (!into.has(key)) into.set(key, value);
  }
  return into;
}

function readQueryScalar(shape: Shape, raw: string, key: string): { ok: unknown } | { problem: string; parameter: string; value: string } {
  switch (shape.t) {
    case 'string':
      return { ok: raw };
    case 'integer':
    case 'long': {
      const t = raw.trim();
      if (!/^[+-]?\d+$/.test(t)) return { problem: 'not-integer', parameter: key, value: raw };
      const n = Number.parseInt(t, 10);
      if (shape.t === 'integer' && (n > 2147483647 || n < -2147483648)) return { problem: 'not-integer', parameter: key, value: raw };
      return { ok: n };
    }
    case 'boolean': {
      const t = raw.trim().toLowerCase();
      if (t !== 'true' && t !== 'false') return { problem: 'not-boolean', parameter: key, value: raw };
      return { ok: t === 'true' };
    }
    case 'blob': {
      const t = raw.replace(/\s+/g, '');
      if (!BASE64.test(t)) return { problem: 'not-base64', parameter: key, value: raw };
      return { ok: new Uint8Array(Buffer.from(t, 'base64')) };
    }
    default:
      return { problem: 'not-scalar', parameter: key, value: raw };
  }
}

/** Indexes N present under `<prefix>.N` or `<prefix>.N.…`, ascending. */
function indexesUnder(params: FormParams, prefix: string): number[] {
  const seen = new Set<number>();
  const p = `${prefix}.`;
  for (const key of params.keys()) {
    if (!key.startsWith(p)) continue;
    const rest = key.slice(p.length);
    const dot = rest.indexOf('.');
    const idx = dot < 0 ? rest : rest.slice(0, dot);
    if (/^\d{1,6}$/.test(idx)) seen.add(Number(idx));
  }
  return [...seen].sort((a, b) => a - b);
}

function readQueryValue(shape: Shape, params: FormParams, key: string): { ok: unknown } | { absent: true } | { problem: string; parameter: string; value: string } {
  switch (shape.t) {
    case 'list': {
      const prefix = key === '' ? shape.name : `${key}.${shape.name}`;
      const idx = indexesUnder(params, prefix);
      if (idx.length === 0) return params.has(prefix) ? { ok: [] } : { absent: true }; // `Name=` = empty list
      const out: unknown[] = [];
      for (const i of idx) {
        const r = readQueryValue(shape.member, params, `${prefix}.${i}`);
        if ('problem' in r) return r;
        if ('ok' in r) out.push(r.ok);
      }
      return { ok: out };
    }
    case 'map': {
      const prefix = key === '' ? shape.name : `${key}.${shape.name}`;
      const idx = indexesUnder(params, prefix);
      if (idx.length === 0) return params.has(prefix) ? { ok: {} } : { absent: true };
      const out: Record<string, unknown> = {};
      for (const i of idx) {
        const k = params.get(`${prefix}.${i}.${shape.key}`);
        if (k === undefined) continue;
        const r = readQueryValue(shape.value, params, `${prefix}.${i}.${shape.valueName}`);
        if ('problem' in r) return r;
        if ('ok' in r && !Object.prototype.hasOwnProperty.call(out, k)) out[k] = r.ok;
      }
      return { ok: out };
    }
    case 'struct': {
      const out: Record<string, unknown> = {};
      let any = false;
      for (const [name, member] of Object.entries(shape.members)) {
        const memberKey = member.t === 'list' || member.t === 'map' ? key : key === '' ? name : `${key}.${name}`;
        const r = readQueryValue(member, params, memberKey);
        if ('problem' in r) return r;
        if ('ok' in r) {
          out[name] = r.ok;
          any = true;
        }
      }
      return any || key === '' ? { ok: out } : { absent: true };
    }
    default: {
      const raw = params.get(key);
      if (raw === undefined) return { absent: true };
      return readQueryScalar(shape, raw, key);
    }
  }
}

/** An operation's input from Query parameters. */
export function readQueryInput(shape: StructShape, params: FormParams): Decoded {
  const r = readQueryValue(shape, params, '');
  if ('problem' in r) return { problem: r.problem, parameter: r.parameter, value: r.value };
  return { ok: ('ok' in r ? r.ok : {}) as Record<string, unknown> };
}

// ------------------------------------------------------------------------------------ JSON out

/** Output object for JSON: bytes become base64, undefined members disappear. */
export function toJsonValue(v: unknown): unknown {
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map(toJsonValue);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) if (val !== undefined) out[k] = toJsonValue(val);
    return out;
  }
  return v;
}

// ------------------------------------------------------------------------------------ XML out

export const XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

/** XML text escaping; `\r` as a character reference so bodies come back byte-exact (item 3). */
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

function xmlScalar(shape: Shape, v: unknown): string {
  if (shape.t === 'blob' && v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

function xmlValue(shape: Shape, v: unknown): unknown {
  if (shape.t === 'struct') return xmlStruct(shape, (v ?? {}) as Record<string, unknown>);
  return xmlScalar(shape, v);
}

function xmlStruct(shape: StructShape, value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(shape.members)) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    if (member.t === 'list') {
      out[member.name] = (v as unknown[]).map((item) => xmlValue(member.member, item)); // flattened
    } else if (member.t === 'map') {
      out[member.name] = Object.entries(v as Record<string, unknown>).map(([k, val]) => ({
        [member.key]: k,
        [member.valueName]: xmlValue(member.value, val),
      }));
    } else out[name] = xmlValue(member, v);
  }
  return out;
}

const XML_DECLARATION = '<?xml version="1.0"?>';

/** `<XResponse><XResult>…</XResult><ResponseMetadata><RequestId>…` (sqs-semantics.md 1.2; item 122). */
export function xmlResponse(action: string, output: StructShape | undefined, value: Record<string, unknown>, requestId: string): string {
  const inner: Record<string, unknown> = { '@_xmlns': XML_NAMESPACE };
  if (output) {
    const result = xmlStruct(output, value);
    inner[`${action}Result`] = Object.keys(result).length > 0 ? result : ''; // `<ReceiveMessageResult/>` when empty
  }
  inner.ResponseMetadata = { RequestId: requestId };
  return XML_DECLARATION + String(builder.build({ [`${action}Response`]: inner }));
}

/** `<ErrorResponse><Error><Type/><Code/><Message/><Detail/></Error><RequestId/></ErrorResponse>` (items 121-122). */
export function xmlError(type: 'Sender' | 'Receiver', code: string, message: string, requestId: string): string {
  return (
    XML_DECLARATION +
    String(
      builder.build({
        ErrorResponse: {
          '@_xmlns': XML_NAMESPACE,
          Error: { Type: type, Code: code, Message: message, Detail: '' },
          RequestId: requestId,
        },
      }),
    )
  );
}
