// AWS JSON 1.0 bodies, driven by the wire table (sqs-semantics.md 1.1): member names verbatim,
// blobs as base64, flattening ignored. Decoding type-checks against the shape (a wrong type is the
// server's SerializationException); encoding keeps only modelled members. Maps decode into
// prototype-less records (dict.ts), so every user-named key reaches the engine. PURE.
import type { Action } from '../history/index.js';
import { dict, hasOwn } from './dict.js';
import { operationOf, shapeOf } from './model.js';

/** An operation's input, or why it cannot be read (`parameter`/`value` name the Query parameter). */
export type Decoded = { ok: Record<string, unknown> } | { problem: string; parameter?: string; value?: string };

export const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Bytes as base64, the wire form of a blob in JSON, Query and XML. */
export function base64Of(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

/** Jackson's token names, as AWS words a JSON type mismatch. */
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

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

type Read = { ok: unknown } | { problem: string };

/** A parsed JSON value → the value of `shapeName` (bytes for blobs); nulls in lists and maps are skipped. */
export function decodeJson(shapeName: string, v: unknown, path = ''): Read {
  const shape = shapeOf(shapeName);
  const mismatch = (target: string) => ({ problem: `${jsonType(v)} can not be converted to ${target} (at ${path})` });
  switch (shape.type) {
    case 'string':
    case 'enum':
      return typeof v === 'string' ? { ok: v } : mismatch('a String');
    case 'integer':
      if (typeof v !== 'number' || !Number.isInteger(v)) return mismatch('an Integer');
      if (v > INT_MAX || v < INT_MIN) return { problem: `Integer value out of range (at ${path})` };
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
        const r = decodeJson(shape.member, v[i], `${path}[${i}]`);
        if ('problem' in r) return r;
        out.push(r.ok);
      }
      return { ok: out };
    }
    case 'map': {
      if (!isObject(v)) return mismatch('a Map');
      const out = dict<unknown>();
      for (const [k, val] of Object.entries(v)) {
        if (val === null) continue;
        const r = decodeJson(shape.value, val, `${path}.${k}`);
        if ('problem' in r) return r;
        out[k] = r.ok;
      }
      return { ok: out };
    }
    case 'structure': {
      if (!isObject(v)) return mismatch('a Structure');
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        if (!hasOwn(v, name) || v[name] === null || v[name] === undefined) continue;
        const r = decodeJson(member.target, v[name], path ? `${path}.${name}` : name);
        if ('problem' in r) return r;
        out[name] = r.ok;
      }
      return { ok: out }; // unknown members are ignored
    }
  }
}

/** A value of `shapeName` → a JSON-ready value: bytes as base64, unmodelled and undefined members left out. */
export function encodeJson(shapeName: string, v: unknown): unknown {
  const shape = shapeOf(shapeName);
  switch (shape.type) {
    case 'blob':
      return v instanceof Uint8Array ? base64Of(v) : v;
    case 'list':
      return Array.isArray(v) ? v.map((x) => encodeJson(shape.member, x)) : v;
    case 'map': {
      if (!isObject(v)) return v;
      const out = dict<unknown>();
      for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = encodeJson(shape.value, x);
      return out;
    }
    case 'structure': {
      if (!isObject(v)) return v;
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members)) {
        if (hasOwn(v, name) && v[name] !== undefined && v[name] !== null) out[name] = encodeJson(member.target, v[name]);
      }
      return out;
    }
    default:
      return v;
  }
}

/** An operation's input from a parsed JSON body. */
export function readJsonInput(action: Action, body: unknown): Decoded {
  const op = operationOf(action);
  if (!op) return { problem: `unknown operation ${action}` };
  const r = decodeJson(op.input, body);
  return 'problem' in r ? { problem: r.problem } : { ok: r.ok as Record<string, unknown> };
}

/** An operation's output as a JSON-ready object (`{}` for operations that answer nothing). */
export function jsonOutput(action: Action, value: Record<string, unknown>): Record<string, unknown> {
  const op = operationOf(action);
  return op?.output ? (encodeJson(op.output, value) as Record<string, unknown>) : {};
}
