// Tags and permissions: TagQueue / UntagQueue / ListQueueTags and AddPermission /
// RemovePermission (../shared/reference/sqs-semantics.md 4.12-4.13; aws-recorded-facts.md items
// 103, 112). Tag keys and labels are user-named: kept in a Map and an array, never as object keys. PURE.
import { LIMITS } from '../limits.js';
import * as E from './errors.js';
import { validateTagQueue } from '../operations.js';
import { dict, entriesOf, fail, ok, partitionOf, resolve, target, type EngineState, type Queue } from './state.js';
import type * as T from './types.js';

interface Statement {
  Sid: string;
  Effect: string;
  Principal: { AWS: string | string[] };
  Action: string | string[];
  Resource: string;
}

/** Actions AddPermission accepts (sqs-semantics.md 4.12; the SQS action names). */
const PERMISSION_ACTIONS = new Set([
  '*',
  'SendMessage',
  'ReceiveMessage',
  'DeleteMessage',
  'ChangeMessageVisibility',
  'GetQueueAttributes',
  'GetQueueUrl',
  'ListDeadLetterSourceQueues',
  'PurgeQueue',
  'ListQueueTags',
  'SendMessageBatch',
  'DeleteMessageBatch',
  'ChangeMessageVisibilityBatch',
  'SetQueueAttributes',
  'ListMessageMoveTasks',
  'StartMessageMoveTask',
  'CancelMessageMoveTask',
]);

export function tagQueue(s: EngineState, input: T.TagQueueInput, _now: number): T.EngineResult<T.Empty> {
  // Keys and values by the rules CreateQueue's tags follow (operations.ts validateTagQueue).
  const r = target(s, input, validateTagQueue);
  if ('error' in r) return fail(r.error);
  for (const [k, v] of entriesOf(input.Tags)) r.queue.tags.set(k, v); // merge and overwrite (item 112)
  return ok({});
}

export function untagQueue(s: EngineState, input: T.UntagQueueInput, _now: number): T.EngineResult<T.Empty> {
  const r = resolve(s, input.QueueUrl);
  if ('error' in r) return fail(r.error);
  if (!input.TagKeys || input.TagKeys.length === 0) return fail(E.missingParameter('TagKeys'));
  for (const k of input.TagKeys) r.queue.tags.delete(k); // unknown keys ignored (item 112)
  return ok({});
}

export function listQueueTags(s: EngineState, input: T.QueueUrlInput, _now: number): T.EngineResult<T.ListQueueTagsOutput> {
  const r = resolve(s, input.QueueUrl);
  if ('error' in r) return fail(r.error);
  if (r.queue.tags.size === 0) return ok({}); // no `Tags` key when there are none (item 112)
  return ok({ Tags: dict(r.queue.tags) });
}

function readPolicy(q: Queue): { Version: string; Id: string; Statement: Statement[] } {
  const fresh = { Version: '2008-10-17', Id: `${q.arn}/SQSDefaultPolicy`, Statement: [] as Statement[] };
  const text = q.attributes.get('Policy');
  if (!text) return fresh;
  try {
    const p = JSON.parse(text) as { Version?: unknown; Id?: unknown; Statement?: unknown };
    const st = Array.isArray(p.Statement) ? (p.Statement as Statement[]) : p.Statement ? [p.Statement as Statement] : [];
    return { Version: typeof p.Version === 'string' ? p.Version : fresh.Version, Id: typeof p.Id === 'string' ? p.Id : fresh.Id, Statement: st };
  } catch {
    return fresh;
  }
}

export function addPermission(s: EngineState, input: T.AddPermissionInput, now: number): T.EngineResult<T.Empty> {
  const r = resolve(s, input.QueueUrl);
  if ('error' in r) return fail(r.error);
  const q = r.queue;
  if (!input.Label) return fail(E.missingParameter('Label'));
  if (!input.AWSAccountIds || input.AWSAccountIds.length === 0) return fail(E.missingParameter('AWSAccountId'));
  if (!input.Actions || input.Actions.length === 0) return fail(E.missingParameter('ActionName'));
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(input.Label)) {
    return fail(E.invalidParameter('Label', input.Label, 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length'));
  }
  if (input.Actions.length > LIMITS.permissionActions.max) return fail(E.tooManyActions(input.Actions.length));
  for (const a of input.Actions) if (!PERMISSION_ACTIONS.has(a)) return fail(E.invalidActionName(a));
  const policy = readPolicy(q);
  if (policy.Statement.some((st) => st.Sid === input.Label)) return fail(E.labelExists(input.Label));
  // Statement shape recorded in aws-recorded-facts.md item 103.
  const principals = input.AWSAccountIds.map((id) => `arn:${partitionOf(s.region)}:iam::${id}:root`);
  const actions = input.Actions.map((a) => `SQS:${a}`);
  policy.Statement.push({
    Sid: input.Label,
    Effect: 'Allow',
    Principal: { AWS: principals.length === 1 ? (principals[0] as string) : principals },
    Action: actions.length === 1 ? (actions[0] as string) : actions,
    Resource: q.arn,
  });
  q.attributes.set('Policy', JSON.stringify(policy));
  q.lastModifiedMs = now;
  return ok({});
}

export function removePermission(s: EngineState, input: T.RemovePermissionInput, now: number): T.EngineResult<T.Empty> {
  const r = resolve(s, input.QueueUrl);
  if ('error' in r) return fail(r.error);
  const q = r.queue;
  if (!input.Label) return fail(E.missingParameter('Label'));
  const policy = readPolicy(q);
  const rest = policy.Statement.filter((st) => st.Sid !== input.Label);
  if (rest.length === policy.Statement.length) return fail(E.labelNotFound(input.Label)); // item 103
  if (rest.length === 0) q.attributes.delete('Policy'); // removing the last label removes Policy
  else q.attributes.set('Policy', JSON.stringify({ ...policy, Statement: rest }));
  q.lastModifiedMs = now;
  return ok({});
}
