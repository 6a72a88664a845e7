// The committed wire table (src/wire/shapes.generated.ts):
// - always: it is whole (every shape it names exists), names the 23 operations of src/history, and
//   agrees with the spec's error table (src/spec/errors.ts, from sqs-semantics.md 1.3);
// - when ../shared/aws-models is beside the checkout (CI has it): it is exactly what
//   scripts/derive-wire.mjs writes from sqs.json, and it agrees with botocore's model of the same
//   day, an independent transcription (operations, members and their order, types, flattening, errors).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/history/index.js';
import { ERROR_SHAPES } from '../../src/spec/errors.js';
import { deriveWireModel, renderWireModel } from '../../src/wire/derive.js';
import { WIRE, type WireShape } from '../../src/wire/index.js';

const MODELS = fileURLToPath(new URL('../../../shared/aws-models/', import.meta.url));
const SMITHY = `${MODELS}sqs.json`;
const BOTOCORE = `${MODELS}sqs-2012-11-05-service-2.json`;
const haveModels = existsSync(SMITHY) && existsSync(BOTOCORE);
const GENERATED = fileURLToPath(new URL('../../src/wire/shapes.generated.ts', import.meta.url));

const ACTIONS: Record<Action, true> = {
  CreateQueue: true, DeleteQueue: true, GetQueueUrl: true, GetQueueAttributes: true, SetQueueAttributes: true, ListQueues: true,
  PurgeQueue: true, SendMessage: true, SendMessageBatch: true, ReceiveMessage: true, DeleteMessage: true, DeleteMessageBatch: true,
  ChangeMessageVisibility: true, ChangeMessageVisibilityBatch: true, TagQueue: true, UntagQueue: true, ListQueueTags: true,
  AddPermission: true, RemovePermission: true, ListDeadLetterSourceQueues: true, StartMessageMoveTask: true,
  ListMessageMoveTasks: true, CancelMessageMoveTask: true,
};

function targets(s: WireShape): string[] {
  switch (s.type) {
    case 'list':
      return [s.member];
    case 'map':
      return [s.key, s.value];
    case 'structure':
      return Object.values(s.members).map((m) => m.target);
    default:
      return [];
  }
}

describe('the committed wire table', () => {
  it('names the 23 operations of src/history', () => {
    expect(Object.keys(WIRE.operations).sort()).toEqual(Object.keys(ACTIONS).sort());
    expect(WIRE.service).toMatchObject({ targetPrefix: 'AmazonSQS', version: '2012-11-05', namespace: 'com.amazonaws.sqs' });
  });

  it('is whole: every shape it names is in it, every error an operation declares too', () => {
    const named = new Set<string>();
    for (const op of Object.values(WIRE.operations)) {
      named.add(op.input);
      if (op.output) named.add(op.output);
      for (const e of op.errors) expect(WIRE.errors[e], e).toBeDefined();
    }
    for (const s of Object.values(WIRE.shapes)) for (const t of targets(s)) named.add(t);
    for (const n of named) expect(WIRE.shapes[n], n).toBeDefined();
  });

  it('agrees with the error table of src/spec (sqs-semantics.md 1.3)', () => {
    for (const [name, e] of Object.entries(WIRE.errors)) {
      const spec = (ERROR_SHAPES as Record<string, { code: string; httpStatus: number; type: string }>)[name];
      expect(spec, name).toBeDefined();
      expect({ code: spec!.code, httpStatus: spec!.httpStatus, type: spec!.type }).toEqual({ code: e.code, httpStatus: e.httpStatus, type: name });
      expect(e.fault).toBe('Sender');
    }
  });
});

if (!haveModels) {
  console.warn(`test/wire/shapes.test.ts: SKIPPED the comparison with the AWS models: ${MODELS} is not there (CI has it).`);
}

describe.skipIf(!haveModels)('the wire table against ../shared/aws-models', () => {
  const bytes = haveModels ? readFileSync(SMITHY) : Buffer.alloc(0);
  const sha = createHash('sha256').update(bytes).digest('hex');

  it('is exactly what scripts/derive-wire.mjs derives from sqs.json', () => {
    const derived = deriveWireModel(JSON.parse(bytes.toString('utf8')), sha);
    expect(WIRE).toEqual(derived);
    expect(readFileSync(GENERATED, 'utf8')).toBe(renderWireModel(derived, 'shared/aws-models/sqs.json'));
  });

  it("agrees with botocore's model: operations, members in order, types, flattening, errors", () => {
    interface BRef {
      shape: string;
      flattened?: boolean;
    }
    interface BShape {
      type: string;
      enum?: string[];
      member?: BRef;
      key?: BRef;
      value?: BRef;
      members?: Record<string, BRef>;
      flattened?: boolean;
    }
    const b = JSON.parse(readFileSync(BOTOCORE, 'utf8')) as {
      metadata: { targetPrefix: string; apiVersion: string };
      operations: Record<string, { input: BRef; output?: BRef; errors?: BRef[] }>;
      shapes: Record<string, BShape>;
    };
    expect(WIRE.service.targetPrefix).toBe(b.metadata.targetPrefix);
    expect(WIRE.service.version).toBe(b.metadata.apiVersion);
    expect(Object.keys(WIRE.operations).sort()).toEqual(Object.keys(b.operations).sort());

    const seen = new Set<string>();
    const same = (ours: string, theirs: string, where: string): void => {
      expect(ours, where).toBe(theirs);
      if (seen.has(ours)) return;
      seen.add(ours);
      const o = WIRE.shapes[ours]!;
      const t = b.shapes[theirs]!;
      const type = o.type === 'enum' ? 'string' : o.type;
      expect(type, `${where}: type`).toBe(t.type === 'string' && t.enum ? 'string' : t.type);
      if (o.type === 'list') same(o.member, t.member!.shape, `${where}[]`);
      if (o.type === 'map') {
        same(o.key, t.key!.shape, `${where}{key}`);
        same(o.value, t.value!.shape, `${where}{value}`);
      }
      if (o.type === 'structure') {
        expect(Object.keys(o.members), `${where}: members`).toEqual(Object.keys(t.members ?? {}));
        for (const [name, m] of Object.entries(o.members)) {
          const ref = t.members![name]!;
          const target = b.shapes[ref.shape]!;
          expect(m.flattened === true, `${where}.${name}: flattened`).toBe(ref.flattened === true || target.flattened === true);
          same(m.target, ref.shape, `${where}.${name}`);
        }
      }
    };
    for (const [name, op] of Object.entries(WIRE.operations)) {
      const theirs = b.operations[name]!;
      same(op.input, theirs.input.shape, `${name} input`);
      if (op.output) same(op.output, theirs.output!.shape, `${name} output`);
      else expect(theirs.output, `${name} output`).toBeUndefined();
      expect(op.errors, `${name} errors`).toEqual((theirs.errors ?? []).map((e) => e.shape).sort());
    }
  });
});
