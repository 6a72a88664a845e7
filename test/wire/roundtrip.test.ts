// Codec round trips for every operation's input and output, on both protocols (fast-check, fixed seed):
// - JSON 1.0: encodeJson → JSON text → decodeJson is the identity (inputs and outputs);
// - Query request: encodeQueryParams → form body → parseForm → readQueryInput is the identity, but
//   for what the Query wire cannot carry: an empty map is sent as nothing (as the SDKs do), a
//   structure with no member set is nothing, and ReceiveMessage's AttributeNames and
//   MessageSystemAttributeNames share `AttributeName.N` (sqs-semantics.md 1.1);
// - Query response: xmlResponse → decodeQueryResponse gives what the JSON protocol gives (blobs as
//   base64), but for empty flattened lists and maps, which have no element;
// - error envelopes of both protocols.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/history/index.js';
import {
  decodeJson,
  decodeQueryError,
  decodeQueryResponse,
  encodeJson,
  encodeQueryParams,
  formBody,
  jsonErrorResponse,
  parseForm,
  queryErrorResponse,
  readQueryInput,
  shapeOf,
  WIRE,
  xmlResponse,
} from '../../src/wire/index.js';
import { mapKey, valueOf, xmlString } from './arbitraries.js';

const SEED = 20_261_207;
const RUNS = 40;
const ACTIONS = Object.keys(WIRE.operations) as Action[];
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array);

/**
 * What the Query request wire keeps of a value: empty maps and member-less structures vanish
 * (inside lists and maps too).
 */
function queryKept(shapeName: string, v: unknown, root = false): unknown {
  const s = shapeOf(shapeName);
  if (s.type === 'list') return (v as unknown[]).map((x) => queryKept(s.member, x)).filter((x) => x !== undefined);
  if (s.type === 'map') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const kept = queryKept(s.value, x);
      if (kept !== undefined) Object.defineProperty(out, k, { value: kept, enumerable: true, writable: true, configurable: true });
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  if (s.type === 'structure') {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(s.members)) {
      if (!isObj(v) || v[name] === undefined) continue;
      const kept = queryKept(member.target, v[name]);
      if (kept !== undefined) out[name] = kept;
    }
    return Object.keys(out).length > 0 || root ? out : undefined;
  }
  return v;
}

/** What the XML response keeps of a JSON-ready value: no element for an empty flattened list or map. */
function xmlKept(shapeName: string, v: unknown): unknown {
  const s = shapeOf(shapeName);
  if (s.type === 'list') return (v as unknown[]).map((x) => xmlKept(s.member, x));
  if (s.type === 'map') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) Object.defineProperty(out, k, { value: xmlKept(s.value, x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (s.type === 'structure') {
    const out: Record<string, unknown> = {};
    for (const [name, member] of Object.entries(s.members)) {
      if (!isObj(v) || v[name] === undefined) continue;
      const t = shapeOf(member.target);
      const x = v[name];
      if (member.flattened && ((t.type === 'list' && (x as unknown[]).length === 0) || (t.type === 'map' && Object.keys(x as object).length === 0))) continue;
      out[name] = xmlKept(member.target, x);
    }
    return out;
  }
  return v;
}

/** ReceiveMessage: both lists named `AttributeName` on the wire come back as their concatenation. */
function sharedAttributeNames(action: Action, v: Record<string, unknown>): Record<string, unknown> {
  if (action !== 'ReceiveMessage' || (v.AttributeNames === undefined && v.MessageSystemAttributeNames === undefined)) return v;
  const both = [...((v.AttributeNames as unknown[]) ?? []), ...((v.MessageSystemAttributeNames as unknown[]) ?? [])];
  return { ...v, AttributeNames: both, MessageSystemAttributeNames: both };
}

describe('JSON 1.0: encode then decode is the identity', () => {
  const shapes = [...new Set(ACTIONS.flatMap((a) => [WIRE.operations[a].input, WIRE.operations[a].output].filter((s): s is string => s !== undefined)))];
  it.each(shapes)('%s', (shape) => {
    fc.assert(
      fc.property(valueOf(shape), (v) => {
        const text = JSON.stringify(encodeJson(shape, v));
        expect(decodeJson(shape, JSON.parse(text))).toEqual({ ok: v });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('Query request: client encoding then server decoding is the identity', () => {
  it.each(ACTIONS)('%s', (action) => {
    const input = WIRE.operations[action].input;
    fc.assert(
      fc.property(valueOf(input), (v) => {
        const params = parseForm(Buffer.from(formBody(encodeQueryParams(action, v as Record<string, unknown>))));
        expect(params).toBeDefined();
        expect(params!.get('Action')).toBe(action);
        const expected = sharedAttributeNames(action, queryKept(input, v, true) as Record<string, unknown>);
        expect(readQueryInput(action, params!)).toEqual({ ok: expected });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('Query response: server XML then client decoding gives the JSON output', () => {
  const withOutput = ACTIONS.filter((a) => WIRE.operations[a].output !== undefined);
  it.each(withOutput)('%s', (action) => {
    const output = WIRE.operations[action].output as string;
    fc.assert(
      fc.property(valueOf(output), fc.uuid(), (v, requestId) => {
        const xml = xmlResponse(action, v as Record<string, unknown>, requestId);
        const decoded = decodeQueryResponse(action, xml);
        expect(decoded).toEqual({ output: xmlKept(output, encodeJson(output, v)), requestId });
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('an operation without output answers <XResponse> with only ResponseMetadata', () => {
    const xml = xmlResponse('DeleteQueue', {}, 'r-1');
    expect(xml).toBe('<?xml version="1.0"?><DeleteQueueResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></DeleteQueueResponse>');
    expect(decodeQueryResponse('DeleteQueue', xml)).toEqual({ output: {}, requestId: 'r-1' });
  });
});

describe('error envelopes', () => {
  const error = fc.record({
    name: fc.constantFrom(...Object.keys(WIRE.errors), 'InvalidParameterValue', 'InternalFailure'),
    message: xmlString,
    requestId: fc.uuid(),
  });

  it('Query: <ErrorResponse> reads back as Type, Code, Message and RequestId', () => {
    fc.assert(
      fc.property(error, ({ name, message, requestId }) => {
        const modelled = WIRE.errors[name];
        const e = { type: name, code: modelled?.code ?? name, httpStatus: modelled?.httpStatus ?? (name === 'InternalFailure' ? 500 : 400), message };
        const encoded = queryErrorResponse(e, requestId);
        expect(encoded.status).toBe(e.httpStatus);
        expect(decodeQueryError(encoded.body)).toEqual({ code: e.code, type: e.httpStatus >= 500 ? 'Receiver' : 'Sender', message, requestId });
      }),
      { seed: SEED, numRuns: 100 },
    );
  });

  it('JSON: __type in the model namespace when modelled, the code and fault in x-amzn-query-error', () => {
    fc.assert(
      fc.property(error, ({ name, message }) => {
        const modelled = WIRE.errors[name];
        const e = { type: name, code: modelled?.code ?? name, httpStatus: modelled?.httpStatus ?? (name === 'InternalFailure' ? 500 : 400), message };
        const encoded = jsonErrorResponse(e);
        expect(JSON.parse(encoded.body)).toEqual({ __type: `${modelled ? 'com.amazonaws.sqs' : 'com.amazon.coral.service'}#${name}`, message });
        expect(encoded.headers['x-amzn-query-error']).toBe(`${e.code};${e.httpStatus >= 500 ? 'Receiver' : 'Sender'}`);
      }),
      { seed: SEED, numRuns: 100 },
    );
  });
});

describe('user-named keys survive decoding (issue 13 point 7)', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('%s as a message attribute, queue attribute and tag name, on both protocols', (key) => {
    fc.assert(
      fc.property(mapKey, (other) => {
        const attr = { DataType: 'String', StringValue: 'v' };
        const send = { QueueUrl: 'q', MessageBody: 'b', MessageAttributes: Object.fromEntries([[key, attr], [other, attr]]) };
        const create = { QueueName: 'q', Attributes: Object.fromEntries([[key, '1']]), tags: Object.fromEntries([[key, 't']]) };
        for (const [action, input, maps] of [
          ['SendMessage', send, ['MessageAttributes']],
          ['CreateQueue', create, ['Attributes', 'tags']],
        ] as const) {
          const viaJson = decodeJson(WIRE.operations[action].input, JSON.parse(JSON.stringify(input)));
          const viaQuery = readQueryInput(action, parseForm(Buffer.from(formBody(encodeQueryParams(action, input))))!);
          for (const decoded of [viaJson, viaQuery]) {
            if (!('ok' in decoded)) throw new Error(JSON.stringify(decoded));
            const ok = decoded.ok as Record<string, Record<string, unknown>>;
            for (const m of maps) {
              expect(Object.keys(ok[m]!)).toContain(key);
              expect(Object.getPrototypeOf(ok[m])).toBeNull();
            }
          }
        }
      }),
      { seed: SEED, numRuns: 20 },
    );
  });

  it('the Query client reads such keys back from XML', () => {
    const xml = xmlResponse('ListQueueTags', { Tags: Object.fromEntries([['__proto__', 'a'], ['constructor', 'b']]) }, 'r');
    const { output } = decodeQueryResponse('ListQueueTags', xml);
    expect(Object.entries(output.Tags as object)).toEqual([
      ['__proto__', 'a'],
      ['constructor', 'b'],
    ]);
  });
});
