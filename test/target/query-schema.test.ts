// Checks the transcribed Query shapes (src/target/query-schema.ts) against the Smithy model in
// shared/aws-models/sqs.json, when that file is beside the repository.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/target/profiles.js';
import { QUERY_OPERATIONS, type QShape } from '../../src/target/query-schema.js';

const MODEL = join(packageRoot(), '..', 'shared', 'aws-models', 'sqs.json');
const NS = 'com.amazonaws.sqs#';

interface SmithyShape {
  type: string;
  members?: Record<string, { target: string; traits?: Record<string, unknown> }>;
  member?: { target: string };
  key?: { target: string; traits?: Record<string, unknown> };
  value?: { target: string; traits?: Record<string, unknown> };
  input?: { target: string };
  output?: { target: string };
}

describe.skipIf(!existsSync(MODEL))('Query schema matches the Smithy model', () => {
  const shapes = existsSync(MODEL) ? (JSON.parse(readFileSync(MODEL, 'utf8')).shapes as Record<string, SmithyShape>) : {};

  /** Our QShape for a Smithy shape id, derived from the model. */
  function fromModel(id: string): QShape {
    const s = shapes[id];
    if (!s) throw new Error(`no shape ${id}`);
    switch (s.type) {
      case 'string':
      case 'enum':
        return { t: 'string' };
      case 'integer':
        return { t: 'integer' };
      case 'long':
        return { t: 'long' };
      case 'boolean':
        return { t: 'boolean' };
      case 'blob':
        return { t: 'blob' };
      case 'list':
        return { t: 'list', member: fromModel(s.member!.target) };
      case 'map':
        return {
          t: 'map',
          key: String(s.key!.traits?.['smithy.api#xmlName'] ?? 'key'),
          value: String(s.value!.traits?.['smithy.api#xmlName'] ?? 'value'),
          valueShape: fromModel(s.value!.target),
        };
      case 'structure': {
        const members: Record<string, { shape: QShape; xmlName?: string }> = {};
        for (const [name, m] of Object.entries(s.members ?? {})) {
          const xmlName = m.traits?.['smithy.api#xmlName'];
          const target = shapes[m.target];
          if ((target?.type === 'list' || target?.type === 'map') && !('smithy.api#xmlFlattened' in (m.traits ?? {}))) {
            throw new Error(`${id}.${name} is not flattened: the codec assumes every SQS list and map is`);
          }
          members[name] = typeof xmlName === 'string' ? { shape: fromModel(m.target), xmlName } : { shape: fromModel(m.target) };
        }
        return { t: 'struct', members };
      }
      default:
        throw new Error(`unexpected shape type ${s.type} (${id})`);
    }
  }

  const ops = Object.entries(shapes).filter(([, s]) => s.type === 'operation');

  it('covers every operation of the model', () => {
    expect(Object.keys(QUERY_OPERATIONS).sort()).toEqual(ops.map(([id]) => id.slice(NS.length)).sort());
  });

  it.each(ops.map(([id, s]) => [id.slice(NS.length), s] as const))('%s input and output', (name, s) => {
    const ours = QUERY_OPERATIONS[name as keyof typeof QUERY_OPERATIONS];
    expect(ours.input).toEqual(fromModel(s.input!.target));
    const output = s.output && s.output.target !== 'smithy.api#Unit' ? fromModel(s.output.target) : { t: 'struct', members: {} };
    expect(ours.output).toEqual(output);
  });
});
