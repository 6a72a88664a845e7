// Live queues → settings model, read through a target port (src/target): GetQueueAttributes(All),
// ListQueueTags and ListDeadLetterSourceQueues for each queue asked for, then the dead-letter
// queue its RedrivePolicy names and the sources SQS lists for it (read for context: findings about
// them are reported only when they involve a queue asked for). Read-only: nothing is changed.
import { isTrue, parseRedrivePolicy } from '../spec/attributes.js';
import type { SqsPort } from '../target/types.js';
import { emptyModel } from './model.js';
import type { AttributeValue, ConsumerModel, PolicyStatement, QueueModel, QueueRef, SettingsModel } from './types.js';

/** Attributes GetQueueAttributes returns that are settings (counts, timestamps and the ARN are not). */
const SETTINGS = new Set([
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'MaximumMessageSize',
  'Policy',
  'RedrivePolicy',
  'RedriveAllowPolicy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'SqsManagedSseEnabled',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

export class LiveReadError extends Error {
  override name = 'LiveReadError';
}

export interface LiveOptions {
  /** Every queue asked for is consumed by a Lambda function with this timeout (V1, V2, D4). */
  lambdaTimeoutSeconds?: number;
  /** Follow RedrivePolicy targets and dead-letter sources (default true). */
  followRelated?: boolean;
}

function describe(r: Awaited<ReturnType<SqsPort['call']>>): string {
  if (r.type === 'fail') return `${r.value.code}${r.value.message ? `: ${r.value.message}` : ''}`;
  if (r.type === 'info') return `${r.value.reason}${r.value.detail ? `: ${r.value.detail}` : ''}`;
  return 'unexpected answer';
}

function statements(policy: string | undefined): PolicyStatement[] {
  if (!policy) return [];
  try {
    const doc = JSON.parse(policy) as { Statement?: unknown };
    const list = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
    return list
      .filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null)
      .map((s) => {
        const action = s['Action'];
        const st: PolicyStatement = {
          effect: typeof s['Effect'] === 'string' ? s['Effect'] : '',
          principal: s['Principal'],
          actions: (Array.isArray(action) ? action : action === undefined ? [] : [action]).filter((a): a is string => typeof a === 'string'),
        };
        if (s['Condition'] && typeof s['Condition'] === 'object') st.condition = s['Condition'] as PolicyStatement['condition'];
        return st;
      });
  } catch {
    return [];
  }
}

function nameOfUrl(url: string): string {
  try {
    const parts = new URL(url).pathname.split('/').filter((p) => p !== '');
    return decodeURIComponent(parts[parts.length - 1] ?? url);
  } catch {
    return url.slice(url.lastIndexOf('/') + 1);
  }
}

/** Reads the queues at `urls` (and their DLQ pairs) into a model. Throws LiveReadError for a queue asked for that cannot be read. */
export async function readLiveQueues(port: SqsPort, urls: readonly string[], options: LiveOptions = {}): Promise<SettingsModel> {
  const model = emptyModel({ kind: 'live' });
  model.alarmsKnown = false;
  const byUrl = new Map<string, QueueModel>();
  const byArn = new Map<string, QueueModel>();

  const read = async (url: string, contextOnly: boolean): Promise<QueueModel | undefined> => {
    const known = byUrl.get(url);
    if (known) {
      if (!contextOnly) delete known.contextOnly;
      return known;
    }
    const r = await port.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] });
    if (r.type !== 'ok') {
      if (contextOnly) {
        model.notes.push(`cannot read ${url}: ${describe(r)}`);
        return undefined;
      }
      throw new LiveReadError(`cannot read queue ${url}: ${describe(r)}`);
    }
    const all = (r.value['Attributes'] ?? {}) as Record<string, string>;
    const name = nameOfUrl(url);
    const q: QueueModel = {
      id: url,
      name,
      fifo: isTrue(all['FifoQueue']) || name.endsWith('.fifo'),
      attributes: {},
      policy: statements(all['Policy']),
      policyKnown: true,
      tags: {},
      suppressions: [],
      location: { file: url },
    };
    if (all['QueueArn']) q.arn = all['QueueArn'];
    if (contextOnly) q.contextOnly = true;
    for (const [k, v] of Object.entries(all)) if (SETTINGS.has(k) && k !== 'Policy') q.attributes[k] = v as AttributeValue;
    const tags = await port.call('ListQueueTags', { QueueUrl: url });
    if (tags.type === 'ok' && tags.value['Tags'] && typeof tags.value['Tags'] === 'object') q.tags = tags.value['Tags'] as Record<string, string>;
    const sources = await port.call('ListDeadLetterSourceQueues', { QueueUrl: url, MaxResults: 10 });
    if (sources.type === 'ok') {
      const list = (sources.value['queueUrls'] ?? sources.value['QueueUrls'] ?? []) as string[];
      q.knownDeadLetterFor = list.length;
      (q as QueueModel & { sourceUrls?: string[] }).sourceUrls = list;
    }
    byUrl.set(url, q);
    if (q.arn) byArn.set(q.arn, q);
    model.queues.push(q);
    return q;
  };

  for (const url of urls) await read(url, false);

  if (options.followRelated !== false) {
    for (const q of [...model.queues]) {
      if (q.contextOnly) continue;
      const sourceUrls = (q as QueueModel & { sourceUrls?: string[] }).sourceUrls ?? [];
      for (const s of sourceUrls) await read(s, true);
      const policy = parseRedrivePolicy(typeof q.attributes['RedrivePolicy'] === 'string' ? q.attributes['RedrivePolicy'] : undefined);
      if (!policy) continue;
      const arn = policy.deadLetterTargetArn;
      if (byArn.has(arn)) continue;
      const parts = arn.split(':');
      const dlqName = parts[5];
      const account = parts[4];
      if (!dlqName) continue;
      const u = await port.call('GetQueueUrl', { QueueName: dlqName, ...(account ? { QueueOwnerAWSAccountId: account } : {}) });
      if (u.type === 'ok' && typeof u.value['QueueUrl'] === 'string') await read(u.value['QueueUrl'], true);
      else if (u.type === 'fail' && /NonExistentQueue|QueueDoesNotExist/.test(`${u.value.code} ${u.value.type ?? ''}`)) {
        q.redrive = { target: { external: `missing:${arn}` }, raw: q.attributes['RedrivePolicy'] ?? '', maxReceiveCount: policy.maxReceiveCount };
      } else model.notes.push(`cannot find the DLQ ${arn} of ${q.id}: ${describe(u)}`);
    }
  }

  // Dead-letter pairs and redrive allow policies, now that every queue read has its ARN.
  const refOf = (arn: string): QueueRef => {
    const q = byArn.get(arn);
    return q ? { id: q.id } : { external: arn };
  };
  for (const q of model.queues) {
    const raw = q.attributes['RedrivePolicy'];
    const policy = parseRedrivePolicy(typeof raw === 'string' ? raw : undefined);
    if (policy && !q.redrive) q.redrive = { target: refOf(policy.deadLetterTargetArn), maxReceiveCount: policy.maxReceiveCount, raw: raw ?? '' };
    const allowRaw = q.attributes['RedriveAllowPolicy'];
    if (typeof allowRaw === 'string' && allowRaw !== '') {
      try {
        const a = JSON.parse(allowRaw) as { redrivePermission?: unknown; sourceQueueArns?: unknown };
        const sources = Array.isArray(a.sourceQueueArns) ? a.sourceQueueArns.filter((x): x is string => typeof x === 'string').map(refOf) : [];
        q.redriveAllow = { sources, raw: allowRaw, ...(typeof a.redrivePermission === 'string' ? { permission: a.redrivePermission } : {}) };
      } catch {
        q.redriveAllow = { sources: [], raw: allowRaw };
      }
    }
    delete (q as QueueModel & { sourceUrls?: string[] }).sourceUrls;
  }

  if (options.lambdaTimeoutSeconds !== undefined) {
    for (const q of model.queues) {
      if (q.contextOnly) continue;
      const c: ConsumerModel = { id: `lambda:${q.name ?? q.id}`, kind: 'lambda-esm', queue: { id: q.id }, functionTimeout: options.lambdaTimeoutSeconds, functionId: 'the consuming function (--lambda-timeout)', location: q.location };
      model.consumers.push(c);
    }
  }
  return model;
}
