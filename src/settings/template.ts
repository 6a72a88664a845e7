// CloudFormation template → settings model: AWS::SQS::Queue properties become the SQS attribute
// strings the rules and src/spec validation read; Ref/Fn::GetAtt between resources become queue
// references; queue policies, Lambda event source mappings (and SAM SQS events), Lambda
// dead-letter targets and CloudWatch alarms are attached to their queues. Intrinsics that cannot
// be evaluated without deploying (parameters, conditions, imports) are kept as `unresolved`, and
// the rules stay silent about them. PURE.
import { emptyModel } from './model.js';
import type {
  AttributeValue,
  ConsumerModel,
  PolicyStatement,
  QueueModel,
  QueueRef,
  ResourceLocation,
  SettingsModel,
  Suppression,
} from './types.js';

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** CloudFormation property names of AWS::SQS::Queue that are SQS attributes of the same name. */
const SCALAR_ATTRIBUTES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'MaximumMessageSize',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

export interface TemplateWhere {
  file?: string;
  stack?: string;
  /** Text of the file, to give findings a line number. */
  text?: string;
}

/** `{Ref: X}` → X; `{"Fn::GetAtt": [X, a]}` or `"X.a"` → X (with a). */
function refOf(v: Json): { logicalId: string; attribute?: string } | undefined {
  if (!isObj(v)) return undefined;
  if (typeof v['Ref'] === 'string') return { logicalId: v['Ref'] };
  const g = v['Fn::GetAtt'];
  if (Array.isArray(g) && typeof g[0] === 'string') return { logicalId: g[0], ...(typeof g[1] === 'string' ? { attribute: g[1] } : {}) };
  if (typeof g === 'string') {
    const i = g.indexOf('.');
    return i > 0 ? { logicalId: g.slice(0, i), attribute: g.slice(i + 1) } : { logicalId: g };
  }
  return undefined;
}

function scalar(v: Json): AttributeValue | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return { unresolved: JSON.stringify(v) };
}

function toInt(v: Json): number | undefined {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v.trim())) return Number.parseInt(v, 10);
  return undefined;
}

function parseMaybeJson(v: Json): Json {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as Json;
  } catch {
    return v;
  }
}

function statements(doc: Json): PolicyStatement[] {
  const d = parseMaybeJson(doc);
  if (!isObj(d)) return [];
  const raw = d['Statement'];
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const out: PolicyStatement[] = [];
  for (const s of list) {
    if (!isObj(s)) continue;
    const action = s['Action'];
    const actions = (Array.isArray(action) ? action : action === undefined ? [] : [action]).filter((a): a is string => typeof a === 'string');
    const st: PolicyStatement = { effect: typeof s['Effect'] === 'string' ? s['Effect'] : '', principal: s['Principal'], actions };
    if (isObj(s['Condition'])) st.condition = s['Condition'] as PolicyStatement['condition'];
    out.push(st);
  }
  return out;
}

function suppressionsOf(metadata: Json): Suppression[] {
  if (!isObj(metadata)) return [];
  const out: Suppression[] = [];
  const ours = metadata['sqs-conformance'];
  if (isObj(ours) && Array.isArray(ours['suppressions'])) {
    for (const s of ours['suppressions']) {
      if (isObj(s) && typeof s['id'] === 'string' && typeof s['reason'] === 'string' && s['reason'].trim() !== '') out.push({ id: s['id'], reason: s['reason'], origin: 'metadata' });
    }
  }
  const nag = metadata['cdk_nag'];
  if (isObj(nag) && Array.isArray(nag['rules_to_suppress'])) {
    for (const s of nag['rules_to_suppress']) {
      if (isObj(s) && typeof s['id'] === 'string' && typeof s['reason'] === 'string') out.push({ id: s['id'], reason: s['reason'], origin: 'cdk-nag-metadata' });
    }
  }
  return out;
}

/** 1-based line where `"LogicalId":` first appears inside Resources (a good enough anchor for SARIF). */
export function lineOf(text: string | undefined, logicalId: string): number | undefined {
  if (!text) return undefined;
  const resources = text.indexOf('"Resources"');
  const at = text.indexOf(`"${logicalId}"`, resources >= 0 ? resources : 0);
  if (at < 0) return undefined;
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The literal resource name at the end of an ARN built with Fn::Join or Fn::Sub (`…:sqs:…:<name>`). */
function arnTail(v: Json): string | undefined {
  if (!isObj(v)) return undefined;
  const join = v['Fn::Join'];
  if (Array.isArray(join) && Array.isArray(join[1])) {
    const last = join[1][join[1].length - 1];
    if (typeof last === 'string' && last.includes(':') && JSON.stringify(join[1]).includes(':sqs:')) return last.slice(last.lastIndexOf(':') + 1);
    return undefined;
  }
  const sub = v['Fn::Sub'];
  const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
  if (text !== undefined && text.includes(':sqs:')) {
    const name = text.slice(text.lastIndexOf(':') + 1);
    return name.includes('${') ? undefined : name;
  }
  return undefined;
}

/** A name fit for a synthesized ARN (so that src/spec validation accepts a reference). */
function arnName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 80);
  return clean === '' ? 'queue' : clean;
}

/**
 * Reads one template into `model` (or a new one). Ids are `<stack>/<logicalId>` when the stack is
 * named (several stacks in one cdk.out), else the logical id.
 */
export function readTemplate(template: unknown, where: TemplateWhere = {}, model: SettingsModel = emptyModel({ kind: 'template', ...(where.file ? { path: where.file } : {}) })): SettingsModel {
  model.alarmsKnown = true;
  if (!isObj(template) || !isObj(template['Resources'])) {
    model.notes.push(`${where.file ?? 'template'}: no Resources section: not a CloudFormation template`);
    return model;
  }
  const resources = template['Resources'];
  const idOf = (logicalId: string) => (where.stack ? `${where.stack}/${logicalId}` : logicalId);
  const typeOf = (logicalId: string): string | undefined => {
    const r = resources[logicalId];
    return isObj(r) && typeof r['Type'] === 'string' ? r['Type'] : undefined;
  };
  const propsOf = (logicalId: string): Obj => {
    const r = resources[logicalId];
    return isObj(r) && isObj(r['Properties']) ? r['Properties'] : {};
  };
  const locationOf = (logicalId: string): ResourceLocation => {
    const r = resources[logicalId];
    const loc: ResourceLocation = { logicalId };
    if (where.file) loc.file = where.file;
    if (where.stack) loc.stack = where.stack;
    const path = isObj(r) && isObj(r['Metadata']) ? r['Metadata']['aws:cdk:path'] : undefined;
    if (typeof path === 'string') loc.constructPath = path;
    const line = lineOf(where.text, logicalId);
    if (line !== undefined) loc.line = line;
    return loc;
  };
  const queueIds = Object.keys(resources).filter((k) => typeOf(k) === 'AWS::SQS::Queue');
  const literalName = (logicalId: string): string | undefined => {
    const n = propsOf(logicalId)['QueueName'];
    return typeof n === 'string' ? n : undefined;
  };

  /** A queue reference from an ARN-valued property (GetAtt X.Arn, or a literal ARN). */
  const queueRef = (v: Json): QueueRef => {
    const r = refOf(v);
    if (r) {
      if (typeOf(r.logicalId) === 'AWS::SQS::Queue') return { id: idOf(r.logicalId) };
      if (typeOf(r.logicalId) === undefined && !(isObj(template['Parameters']) && r.logicalId in template['Parameters'])) return { external: `missing:${r.logicalId}` };
      return { external: JSON.stringify(v) };
    }
    if (typeof v === 'string') {
      const name = v.slice(v.lastIndexOf(':') + 1);
      const hit = queueIds.find((id) => literalName(id) === name);
      return hit ? { id: idOf(hit) } : { external: v };
    }
    // An ARN built from parts (Stack.formatArn: Fn::Join or Fn::Sub) whose last part names a queue of the template.
    const tail = arnTail(v);
    if (tail !== undefined) {
      const hit = queueIds.find((id) => literalName(id) === tail);
      if (hit) return { id: idOf(hit) };
    }
    return { external: JSON.stringify(v) };
  };
  const arnFor = (ref: QueueRef): string => {
    if ('id' in ref) {
      const logical = where.stack ? ref.id.slice(where.stack.length + 1) : ref.id;
      return `arn:aws:sqs:us-east-1:000000000000:${arnName(literalName(logical) ?? logical)}`;
    }
    return ref.external.startsWith('arn:') ? ref.external : 'arn:aws:sqs:us-east-1:000000000000:external';
  };

  const byLogical = new Map<string, QueueModel>();
  for (const logicalId of queueIds) {
    const p = propsOf(logicalId);
    const name = literalName(logicalId);
    const fifo = p['FifoQueue'] === true || p['FifoQueue'] === 'true' || (name !== undefined && name.endsWith('.fifo'));
    const q: QueueModel = {
      id: idOf(logicalId),
      fifo,
      attributes: {},
      policy: [],
      policyKnown: true,
      tags: {},
      suppressions: suppressionsOf(isObj(resources[logicalId]) ? (resources[logicalId] as Obj)['Metadata'] : undefined),
      location: locationOf(logicalId),
    };
    if (name !== undefined) q.name = name;
    for (const a of SCALAR_ATTRIBUTES) {
      const v = scalar(p[a]);
      if (v !== undefined) q.attributes[a] = v;
    }
    const redrive = parseMaybeJson(p['RedrivePolicy']);
    if (isObj(redrive)) {
      const target = queueRef(redrive['deadLetterTargetArn']);
      const count = toInt(redrive['maxReceiveCount']);
      const raw: AttributeValue =
        redrive['maxReceiveCount'] !== undefined && count === undefined && isObj(redrive['maxReceiveCount'])
          ? { unresolved: JSON.stringify(redrive) }
          : JSON.stringify({ ...redrive, deadLetterTargetArn: redrive['deadLetterTargetArn'] === undefined ? undefined : arnFor(target) });
      q.redrive = { target, raw, ...(count !== undefined ? { maxReceiveCount: count } : {}) };
      q.attributes['RedrivePolicy'] = raw;
    } else if (redrive !== undefined) {
      q.attributes['RedrivePolicy'] = scalar(redrive) ?? '';
    }
    const allow = parseMaybeJson(p['RedriveAllowPolicy']);
    if (isObj(allow)) {
      const perm = allow['redrivePermission'];
      const arns = Array.isArray(allow['sourceQueueArns']) ? allow['sourceQueueArns'] : [];
      const sources = arns.map(queueRef);
      const raw: AttributeValue =
        typeof perm === 'string'
          ? JSON.stringify({ ...allow, ...(allow['sourceQueueArns'] !== undefined ? { sourceQueueArns: sources.map(arnFor) } : {}) })
          : { unresolved: JSON.stringify(allow) };
      q.redriveAllow = { sources, raw, ...(typeof perm === 'string' ? { permission: perm } : {}) };
      q.attributes['RedriveAllowPolicy'] = raw;
    } else if (allow !== undefined) {
      q.attributes['RedriveAllowPolicy'] = scalar(allow) ?? '';
    }
    if (Array.isArray(p['Tags'])) {
      for (const t of p['Tags']) if (isObj(t) && typeof t['Key'] === 'string' && typeof t['Value'] === 'string') q.tags[t['Key']] = t['Value'];
    }
    byLogical.set(logicalId, q);
    model.queues.push(q);
  }

  /** Queues named by a QueuePolicy's `Queues` (Ref of a queue is its URL) or literal URLs. */
  const queuesFromUrls = (v: Json): QueueModel[] => {
    const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
    const out: QueueModel[] = [];
    for (const u of list) {
      const r = refOf(u);
      const q = r ? byLogical.get(r.logicalId) : typeof u === 'string' ? [...byLogical.values()].find((x) => x.name !== undefined && u.endsWith(`/${x.name}`)) : undefined;
      if (q) out.push(q);
    }
    return out;
  };
  const functionTimeout = (fn: Json): { timeout?: number; id?: string } => {
    const r = refOf(fn);
    if (!r) return typeof fn === 'string' ? { id: fn } : {};
    const t = typeOf(r.logicalId);
    if (t !== 'AWS::Lambda::Function' && t !== 'AWS::Serverless::Function') return { id: r.logicalId };
    const raw = propsOf(r.logicalId)['Timeout'];
    const timeout = raw === undefined ? 3 : toInt(raw); // Lambda's default timeout is 3 s
    return { id: r.logicalId, ...(timeout !== undefined ? { timeout } : {}) };
  };
  const addConsumer = (id: string, queue: Json, fn: Json, batchSize: Json) => {
    const ref = queueRef(queue);
    const f = functionTimeout(fn);
    const c: ConsumerModel = { id: idOf(id), kind: 'lambda-esm', queue: ref, location: locationOf(id) };
    if (f.timeout !== undefined) c.functionTimeout = f.timeout;
    if (f.id !== undefined) c.functionId = f.id;
    const b = toInt(batchSize);
    if (b !== undefined) c.batchSize = b;
    model.consumers.push(c);
  };

  for (const logicalId of Object.keys(resources)) {
    const type = typeOf(logicalId);
    const p = propsOf(logicalId);
    switch (type) {
      case 'AWS::SQS::QueuePolicy':
        for (const q of queuesFromUrls(p['Queues'])) q.policy.push(...statements(p['PolicyDocument']));
        break;
      case 'AWS::SQS::QueueInlinePolicy':
        for (const q of queuesFromUrls(p['Queue'])) q.policy.push(...statements(p['PolicyDocument']));
        break;
      case 'AWS::Lambda::EventSourceMapping': {
        const src = p['EventSourceArn'];
        const r = refOf(src);
        const isQueue = (r && typeOf(r.logicalId) === 'AWS::SQS::Queue') || (typeof src === 'string' && src.includes(':sqs:'));
        if (isQueue) addConsumer(logicalId, src, p['FunctionName'], p['BatchSize']);
        break;
      }
      case 'AWS::Lambda::Function':
      case 'AWS::Serverless::Function': {
        const dlc = p['DeadLetterConfig'];
        if (isObj(dlc) && dlc['TargetArn'] !== undefined) model.lambdaDeadLetterTargets.push(queueRef(dlc['TargetArn']));
        const events = p['Events'];
        if (type === 'AWS::Serverless::Function' && isObj(events)) {
          for (const [name, e] of Object.entries(events)) {
            if (isObj(e) && e['Type'] === 'SQS' && isObj(e['Properties'])) addConsumer(`${logicalId}.${name}`, e['Properties']['Queue'], { Ref: logicalId }, e['Properties']['BatchSize']);
          }
        }
        break;
      }
      case 'AWS::CloudWatch::Alarm': {
        const dims: Json[] = [];
        if (p['Namespace'] === 'AWS/SQS' && Array.isArray(p['Dimensions'])) dims.push(...p['Dimensions']);
        if (Array.isArray(p['Metrics'])) {
          for (const m of p['Metrics']) {
            const metric = isObj(m) && isObj(m['MetricStat']) && isObj(m['MetricStat']['Metric']) ? m['MetricStat']['Metric'] : undefined;
            if (metric && metric['Namespace'] === 'AWS/SQS' && Array.isArray(metric['Dimensions'])) dims.push(...metric['Dimensions']);
          }
        }
        for (const d of dims) {
          if (!isObj(d) || d['Name'] !== 'QueueName') continue;
          const r = refOf(d['Value']);
          const q = r ? byLogical.get(r.logicalId) : [...byLogical.values()].find((x) => x.name !== undefined && x.name === d['Value']);
          if (q) model.alarmedQueues.add(q.id);
        }
        break;
      }
      default:
        break;
    }
  }
  return model;
}
