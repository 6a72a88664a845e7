// AWS JSON 1.0 bodies, driven by the wire table (sqs-semantics.md 1.1): member names verbatim,
// blobs as base64, flattening ignored. Decoding type-checks against the shape (a wrong type is the
// server's SerializationException); encoding keeps only modelled members. Maps decode into
// prototype-less records (dict.ts), so every user-named key reaches the engine. PURE.
import type { Action } from '../history/index.js';
import { dict, hasOwn } from './dict.js';
import { operationOf, shapeOf, type WireShape } from './model.js';

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

// Decoding and encoding run through one function per shape, made once from the wire table
// (a request is decoded on every call of the server, an answer encoded on every reply). A decode
// failure carries the path to the value as it unwinds: no path text is made unless it fails.

/** A decode failure: its text without the path, and the path's steps, innermost first. */
class Failure {
  /** [kind, name]: 0 a structure member, 1 a list index, 2 a map key. */
  readonly steps: Array<[0 | 1 | 2, string]> = [];
  constructor(readonly text: string) {}
  problem(base: string): string {
    let path = base;
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const [kind, name] = this.steps[i]!;
      path = kind === 0 ? (path ? `${path}.${name}` : name) : kind === 1 ? `${path}[${name}]` : `${path}.${name}`;
    }
    return `${this.text} (at ${path})`;
  }
}

type Decoder = (v: unknown) => unknown;
type Encoder = (v: unknown) => unknown;
const decoders = new Map<string, Decoder>();
const encoders = new Map<string, Encoder>();
const identity = (v: unknown): unknown => v;

const mismatch = (v: unknown, target: string) => new Failure(`${jsonType(v)} can not be converted to ${target}`);

function decoderOf(shapeName: string): Decoder {
  const known = decoders.get(shapeName);
  if (known) return known;
  let impl: Decoder | undefined;
  decoders.set(shapeName, (v) => impl!(v)); // a shape that refers to itself
  impl = makeDecoder(shapeOf(shapeName));
  decoders.set(shapeName, impl);
  return impl;
}

function makeDecoder(shape: WireShape): Decoder {
  switch (shape.type) {
    case 'string':
    case 'enum':
      return (v) => (typeof v === 'string' ? v : mismatch(v, 'a String'));
    case 'integer':
      return (v) => {
        if (typeof v !== 'number' || !Number.isInteger(v)) return mismatch(v, 'an Integer');
        if (v > INT_MAX || v < INT_MIN) return new Failure('Integer value out of range');
        return v;
      };
    case 'long':
      return (v) => (typeof v === 'number' && Number.isInteger(v) ? v : mismatch(v, 'a Long'));
    case 'boolean':
      return (v) => (typeof v === 'boolean' ? v : mismatch(v, 'a Boolean'));
    case 'blob':
      return (v) => {
        if (typeof v !== 'string' || !BASE64.test(v.replace(/\s+/g, ''))) return mismatch(v, 'a Blob (base64)');
        return new Uint8Array(Buffer.from(v, 'base64'));
      };
    case 'list': {
      const item = decoderOf(shape.member);
      return (v) => {
        if (!Array.isArray(v)) return mismatch(v, 'a List');
        const out: unknown[] = [];
        for (let i = 0; i < v.length; i++) {
          if (v[i] === null) continue;
          const r = item(v[i]);
          if (r instanceof Failure) {
            r.steps.push([1, String(i)]);
            return r;
          }
          out.push(r);
        }
        return out;
      };
    }
    case 'map': {
      const value = decoderOf(shape.value);
      return (v) => {
        if (!isObject(v)) return mismatch(v, 'a Map');
        const out = dict<unknown>();
        for (const k of Object.keys(v)) {
          const val = v[k];
          if (val === null) continue;
          const r = value(val);
          if (r instanceof Failure) {
            r.steps.push([2, k]);
            return r;
          }
          out[k] = r;
        }
        return out;
      };
    }
    case 'structure': {
      const members = Object.entries(shape.members).map(([name, m]) => ({ name, decode: decoderOf(m.target) }));
      return (v) => {
        if (!isObject(v)) return mismatch(v, 'a Structure');
        const out: Record<string, unknown> = {};
        for (const { name, decode } of members) {
          if (!hasOwn(v, name)) continue;
          const x = v[name];
          if (x === null || x === undefined) continue;
          const r = decode(x);
          if (r instanceof Failure) {
            r.steps.push([0, name]);
            return r;
          }
          out[name] = r;
        }
        return out; // unknown members are ignored
      };
    }
  }
}

/** A parsed JSON value → the value of `shapeName` (bytes for blobs); nulls in lists and maps are skipped. */
export function decodeJson(shapeName: string, v: unknown, path = ''): Read {
  const r = decoderOf(shapeName)(v);
  return r instanceof Failure ? { problem: r.problem(path) } : { ok: r };
}

function encoderOf(shapeName: string): Encoder {
  const known = encoders.get(shapeName);
  if (known) return known;
  let impl: Encoder | undefined;
  encoders.set(shapeName, (v) => impl!(v));
  impl = makeEncoder(shapeOf(shapeName));
  encoders.set(shapeName, impl);
  return impl;
}

function makeEncoder(shape: WireShape): Encoder {
  switch (shape.type) {
    case 'blob':
      return (v) => (v instanceof Uint8Array ? base64Of(v) : v);
    case 'list': {
      const item = encoderOf(shape.member);
      return item === identity ? (v) => (Array.isArray(v) ? v.slice() : v) : (v) => (Array.isArray(v) ? v.map((x) => item(x)) : v);
    }
    case 'map': {
      const value = encoderOf(shape.value);
      return (v) => {
        if (!isObject(v)) return v;
        const out = dict<unknown>();
        for (const k of Object.keys(v)) {
          const x = v[k];
          if (x !== undefined) out[k] = value(x);
        }
        return out;
      };
    }
    case 'structure': {
      const members = Object.entries(shape.members).map(([name, m]) => ({ name, encode: encoderOf(m.target) }));
      return (v) => {
        if (!isObject(v)) return v;
        const out: Record<string, unknown> = {};
        for (const { name, encode } of members) {
          if (!hasOwn(v, name)) continue;
          const x = v[name];
          if (x !== undefined && x !== null) out[name] = encode === identity ? x : encode(x);
        }
        return out;
      };
    }
    default:
      return identity;
  }
}

/** A value of `shapeName` → a JSON-ready value: bytes as base64, unmodelled and undefined members left out. */
export function encodeJson(shapeName: string, v: unknown): unknown {
  return encoderOf(shapeName)(v);
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
