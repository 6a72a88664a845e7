// Derives the wire table from the Smithy JSON AST of SQS (../shared/aws-models/sqs.json; its
// README says which upstream file and commit) and renders it as the committed TypeScript file
// shapes.generated.ts. Used by scripts/derive-wire.mjs and by test/wire/shapes.test.ts. PURE: the
// caller reads the file and hashes it.
import type { Action } from '../history/index.js';
import type { WireError, WireMember, WireModel, WireOperation, WireShape } from './types.js';

interface SmithyRef {
  target: string;
  traits?: Record<string, unknown>;
}
interface SmithyShape {
  type: string;
  version?: string;
  operations?: SmithyRef[];
  input?: SmithyRef;
  output?: SmithyRef;
  errors?: SmithyRef[];
  member?: SmithyRef;
  key?: SmithyRef;
  value?: SmithyRef;
  members?: Record<string, SmithyRef>;
  traits?: Record<string, unknown>;
}

const SCALARS = new Set(['string', 'enum', 'integer', 'long', 'boolean', 'blob']);

function localName(id: string, namespace: string): string {
  if (!id.startsWith(`${namespace}#`)) throw new Error(`wire: ${id} is outside ${namespace}`);
  return id.slice(namespace.length + 1);
}

function xmlNameOf(ref: SmithyRef | SmithyShape | undefined): string | undefined {
  const n = ref?.traits?.['smithy.api#xmlName'];
  return typeof n === 'string' ? n : undefined;
}

/** The wire table of the model's single service. Throws on anything the codecs do not handle. */
export function deriveWireModel(model: unknown, modelSha256: string): WireModel {
  const shapes = (model as { shapes?: Record<string, SmithyShape> }).shapes;
  if (!shapes) throw new Error('wire: not a Smithy JSON AST (no "shapes")');
  const services = Object.entries(shapes).filter(([, s]) => s.type === 'service');
  if (services.length !== 1) throw new Error(`wire: expected one service, found ${services.length}`);
  const [serviceId, service] = services[0] as [string, SmithyShape];
  const namespace = serviceId.slice(0, serviceId.indexOf('#'));
  if (!service.traits || !('aws.protocols#awsJson1_0' in service.traits)) throw new Error('wire: the service is not awsJson1_0');
  const local = (id: string) => localName(id, namespace);
  const get = (id: string): SmithyShape => {
    const s = shapes[id];
    if (!s) throw new Error(`wire: no shape ${id}`);
    return s;
  };

  const outShapes: Record<string, WireShape> = {};
  const visit = (id: string): string => {
    const name = local(id);
    if (name in outShapes) return name;
    const s = get(id);
    if (SCALARS.has(s.type)) {
      outShapes[name] = { type: s.type as 'string' };
    } else if (s.type === 'list') {
      outShapes[name] = { type: 'list', member: '' }; // placeholder while the member is visited
      const member = visit((s.member as SmithyRef).target);
      const xml = xmlNameOf(s.member);
      outShapes[name] = xml ? { type: 'list', member, memberXmlName: xml } : { type: 'list', member };
    } else if (s.type === 'map') {
      outShapes[name] = { type: 'map', key: '', value: '' };
      const key = visit((s.key as SmithyRef).target);
      const value = visit((s.value as SmithyRef).target);
      const m: WireShape = { type: 'map', key, value };
      const kx = xmlNameOf(s.key);
      const vx = xmlNameOf(s.value);
      if (kx) m.keyXmlName = kx;
      if (vx) m.valueXmlName = vx;
      outShapes[name] = m;
    } else if (s.type === 'structure') {
      const members: Record<string, WireMember> = {};
      outShapes[name] = { type: 'structure', members };
      for (const [memberName, ref] of Object.entries(s.members ?? {})) {
        const m: WireMember = { target: visit(ref.target) };
        const xml = xmlNameOf(ref);
        if (xml) m.xmlName = xml;
        if (ref.traits && 'smithy.api#xmlFlattened' in ref.traits) {
          const kind = get(ref.target).type;
          if (kind !== 'list' && kind !== 'map') throw new Error(`wire: ${name}.${memberName} is flattened but not a list or map`);
          m.flattened = true;
        }
        members[memberName] = m;
      }
    } else {
      throw new Error(`wire: shape type ${s.type} (${id}) is not handled`);
    }
    return name;
  };

  const errors: Record<string, WireError> = {};
  const errorOf = (id: string): string => {
    const name = local(id);
    const t = get(id).traits ?? {};
    const kind = t['smithy.api#error'];
    if (kind !== 'client' && kind !== 'server') throw new Error(`wire: ${id} has no smithy.api#error trait`);
    const query = t['aws.protocols#awsQueryError'] as { code?: string; httpResponseCode?: number } | undefined;
    const http = t['smithy.api#httpError'];
    const httpStatus = typeof http === 'number' ? http : kind === 'client' ? 400 : 500;
    if (query?.httpResponseCode !== undefined && query.httpResponseCode !== httpStatus) {
      throw new Error(`wire: ${id}: awsQueryError status ${query.httpResponseCode} differs from httpError ${httpStatus}`);
    }
    errors[name] = { code: query?.code ?? name, httpStatus, fault: kind === 'client' ? 'Sender' : 'Receiver' };
    return name;
  };

  const operations: Record<string, WireOperation> = {};
  for (const ref of service.operations ?? []) {
    const op = get(ref.target);
    if (op.type !== 'operation' || !op.input) throw new Error(`wire: ${ref.target} is not an operation with input`);
    const input = visit(op.input.target);
    const output = op.output && op.output.target !== 'smithy.api#Unit' ? visit(op.output.target) : undefined;
    const errs = (op.errors ?? []).map((e) => errorOf(e.target)).sort();
    operations[local(ref.target)] = output === undefined ? { input, errors: errs } : { input, output, errors: errs };
  }
  for (const e of service.errors ?? []) errorOf(e.target); // service-wide errors, if the model lists any

  return {
    service: { targetPrefix: local(serviceId), version: String(service.version ?? ''), namespace, modelSha256 },
    operations: sortKeys(operations) as Record<Action, WireOperation>,
    shapes: sortKeys(outShapes),
    errors: sortKeys(errors),
  };
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k] as T;
  return out;
}

/** One entry a line: `  "Name": {…},`. */
function section(name: string, entries: Record<string, unknown>): string[] {
  const lines = Object.entries(entries).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  return [`  ${name}: {`, ...lines, '  },'];
}

/** The committed file's text: deterministic (sorted tables, model order of members), one entry a line. */
export function renderWireModel(m: WireModel, source: string): string {
  return [
    `// GENERATED by scripts/derive-wire.mjs from ${source} — do not edit; run \`npm run derive:wire\`.`,
    '// The SQS operations, their input/output/error shapes, member names, Smithy types, xmlName and',
    '// xmlFlattened traits, and the Query code and HTTP status of every error (see types.ts).',
    "import type { WireModel } from './types.js';",
    '',
    'export const WIRE: WireModel = {',
    `  service: ${JSON.stringify(m.service)},`,
    ...section('operations', m.operations),
    ...section('shapes', m.shapes),
    ...section('errors', m.errors),
    '};',
    '',
  ].join('\n');
}
