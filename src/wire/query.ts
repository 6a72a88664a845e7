// The Query protocol's request side (sqs-semantics.md 1.1): `Action=…&Version=…` form parameters
// named by the wire table's xmlName traits (`Attribute.N.Name`, `MessageAttribute.N.Value.DataType`,
// `<Op>RequestEntry.N.<Member>`, …). The client encodes SDK-shaped input; the server parses the
// form bytes and decodes them by the operation's input shape. Maps decode into prototype-less
// records (dict.ts). PURE.
import type { Action } from '../history/index.js';
import { dict, hasOwn } from './dict.js';
import { BASE64, base64Of, type Decoded } from './json.js';
import { API_VERSION, listItemName, mapNames, operationOf, shapeOf, structOf, wireName, type StructShape } from './model.js';

// ------------------------------------------------------------------------------------ form bytes

/** Decoded form parameters; the first occurrence of a name wins (aws-recorded-facts.md item 92). */
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
 * (a bad percent escape, or invalid UTF-8 once decoded).
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

/** RFC 3986 percent-encoding, as the AWS SDKs do it (also `!'()*`; space as %20). */
export function awsUriEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function formBody(params: Array<[string, string]>): string {
  return params.map(([k, v]) => `${awsUriEncode(k)}=${awsUriEncode(v)}`).join('&');
}

// ------------------------------------------------------------------------------------ decoding

type Read = { ok: unknown } | { absent: true } | { problem: string; parameter: string; value: string };

function readScalar(shapeName: string, raw: string, key: string): Read {
  const t = shapeOf(shapeName).type;
  const bad = (problem: string): Read => ({ problem, parameter: key, value: raw });
  switch (t) {
    case 'integer':
    case 'long': {
      const s = raw.trim();
      if (!/^[+-]?\d+$/.test(s)) return bad('Must be an integer.');
      const n = Number.parseInt(s, 10);
      if (t === 'integer' && (n > 2147483647 || n < -2147483648)) return bad('Must be an integer.');
      return { ok: n };
    }
    case 'boolean': {
      const s = raw.trim().toLowerCase();
      if (s !== 'true' && s !== 'false') return bad('Must be true or false.');
      return { ok: s === 'true' };
    }
    case 'blob': {
      const s = raw.replace(/\s+/g, '');
      if (!BASE64.test(s)) return bad('Must be base64-encoded.');
      return { ok: new Uint8Array(Buffer.from(s, 'base64')) };
    }
    default:
      return { ok: raw };
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

/** The value of `shapeName` at parameter `key`; `flattened` is the trait of the member holding it. */
function readValue(shapeName: string, params: FormParams, key: string, flattened = false): Read {
  const shape = shapeOf(shapeName);
  switch (shape.type) {
    case 'list': {
      const item = listItemName(shape, flattened);
      const prefix = item ? `${key}.${item}` : key;
      const idx = indexesUnder(params, prefix);
      if (idx.length === 0) return params.has(key) ? { ok: [] } : { absent: true }; // `Name=`: an empty list
      const out: unknown[] = [];
      for (const i of idx) {
        const r = readValue(shape.member, params, `${prefix}.${i}`);
        if ('problem' in r) return r;
        if ('ok' in r) out.push(r.ok);
      }
      return { ok: out };
    }
    case 'map': {
      const n = mapNames(shape, flattened);
      const prefix = n.entry ? `${key}.${n.entry}` : key;
      const idx = indexesUnder(params, prefix);
      if (idx.length === 0) return params.has(key) ? { ok: dict() } : { absent: true };
      const out = dict<unknown>();
      for (const i of idx) {
        const k = params.get(`${prefix}.${i}.${n.key}`);
        if (k === undefined) continue;
        const r = readValue(shape.value, params, `${prefix}.${i}.${n.value}`);
        if ('problem' in r) return r;
        if ('ok' in r && !hasOwn(out, k)) out[k] = r.ok; // the first entry of a name wins
      }
      return { ok: out };
    }
    case 'structure':
      return readStruct(shape, params, key);
    default: {
      const raw = params.get(key);
      return raw === undefined ? { absent: true } : readScalar(shapeName, raw, key);
    }
  }
}

function readStruct(shape: StructShape, params: FormParams, key: string): Read {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [name, member] of Object.entries(shape.members)) {
    const seg = wireName(name, member);
    const r = readValue(member.target, params, key === '' ? seg : `${key}.${seg}`, member.flattened === true);
    if ('problem' in r) return r;
    if ('ok' in r) {
      out[name] = r.ok;
      any = true;
    }
  }
  return any || key === '' ? { ok: out } : { absent: true };
}

/**
 * An operation's input from Query parameters. Members sharing a wire name (ReceiveMessage's
 * AttributeNames and MessageSystemAttributeNames, both `AttributeName`) both get its values.
 */
export function readQueryInput(action: Action, params: FormParams): Decoded {
  const op = operationOf(action);
  if (!op) return { problem: `unknown operation ${action}` };
  const r = readStruct(structOf(op.input), params, '');
  if ('problem' in r) return r;
  return { ok: ('ok' in r ? r.ok : {}) as Record<string, unknown> };
}

// ------------------------------------------------------------------------------------ encoding

type Out = Array<[string, string]>;

function scalarText(v: unknown): string {
  if (v instanceof Uint8Array) return base64Of(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v); // a blob given as a string is base64 already (the kit's convention, port-common.ts)
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/** A member the model does not know (a deliberately malformed request): sent as plainly as possible. */
function encodeUnknown(v: unknown, key: string, out: Out): void {
  if (v === undefined || v === null) return;
  if (Array.isArray(v)) {
    if (v.length === 0) out.push([key, '']);
    v.forEach((x, i) => encodeUnknown(x, `${key}.${i + 1}`, out));
  } else if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) encodeUnknown(x, `${key}.${k}`, out);
  } else out.push([key, scalarText(v)]);
}

/** List items from `offset + 1` on (two members may share one flattened name). */
function encodeItems(member: string, items: unknown[], prefix: string, offset: number, out: Out): void {
  items.forEach((x, i) => encodeValue(member, x, `${prefix}.${offset + i + 1}`, out));
}

function encodeValue(shapeName: string, v: unknown, key: string, out: Out, flattened = false): void {
  if (v === undefined || v === null) return;
  const shape = shapeOf(shapeName);
  switch (shape.type) {
    case 'list': {
      if (!Array.isArray(v)) return encodeUnknown(v, key, out);
      if (v.length === 0) out.push([key, '']); // present but empty, as the SDKs send it
      const item = listItemName(shape, flattened);
      return encodeItems(shape.member, v, item ? `${key}.${item}` : key, 0, out);
    }
    case 'map': {
      if (!isPlainObject(v)) return encodeUnknown(v, key, out);
      const n = mapNames(shape, flattened);
      const prefix = n.entry ? `${key}.${n.entry}` : key;
      let i = 0;
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        i++;
        out.push([`${prefix}.${i}.${n.key}`, k]);
        encodeValue(shape.value, x, `${prefix}.${i}.${n.value}`, out);
      }
      return;
    }
    case 'structure':
      if (!isPlainObject(v)) return encodeUnknown(v, key, out);
      return encodeStruct(shape, v, key, out);
    default:
      out.push([key, scalarText(v)]);
  }
}

function encodeStruct(shape: StructShape, v: Record<string, unknown>, prefix: string, out: Out): void {
  const used = new Map<string, number>(); // flattened list name → items already sent under it
  for (const [name, x] of Object.entries(v)) {
    const member = hasOwn(shape.members, name) ? shape.members[name] : undefined;
    const key = prefix === '' ? (member ? wireName(name, member) : name) : `${prefix}.${member ? wireName(name, member) : name}`;
    if (!member) {
      encodeUnknown(x, key, out);
      continue;
    }
    const s = shapeOf(member.target);
    if (s.type === 'list' && member.flattened && Array.isArray(x)) {
      // ReceiveMessage's AttributeNames and MessageSystemAttributeNames are both `AttributeName`
      // (sqs-semantics.md 1.1): the second continues the numbering.
      const offset = used.get(key) ?? 0;
      if (x.length === 0 && offset === 0) out.push([key, '']);
      encodeItems(s.member, x, key, offset, out);
      used.set(key, offset + x.length);
      continue;
    }
    encodeValue(member.target, x, key, out, member.flattened === true);
  }
}

/** The form parameters of one request, in order: `Action`, `Version`, then the members. */
export function encodeQueryParams(action: Action, input: Record<string, unknown>): Array<[string, string]> {
  const out: Out = [
    ['Action', action],
    ['Version', API_VERSION],
  ];
  const op = operationOf(action);
  encodeStruct(op ? structOf(op.input) : { type: 'structure', members: {} }, input, '', out);
  return out;
}
