// The queue-management oracle (issue 12): the history's queue-management calls replayed, in
// real-time order, against a fresh reference engine (src/spec/engine: the ONE model, time as a
// parameter), and each observed answer compared with the engine's: success or failure, the error
// (code, status, recorded text), and the values read back (attribute keys and values, URLs, listed
// queues, tags, policy statements). What legitimately differs is normalised: queue URLs are
// compared by the queue they name, timestamps within the clock tolerance, the engine's region and
// account are the target's (read from its first QueueArn). After a call whose effect on the target
// is unknown or differs from the model's (a lost answer, an accepted invalid request, an allowed
// propagation lag), the part of the queue it touched is no longer judged: one fault is reported
// once, not as a cascade. Message actions are replayed only against queues that do not exist (the
// lifecycle rules judge the rest); CreateQueue parameters are the validation rule's. PURE.
import type { Call, CompletionOp, ServiceError } from '../../../history/index.js';
import { createEngine, NON_EXISTENT_QUEUE_MESSAGE_QUERY, sequentialIds, type EngineAction } from '../../../spec/engine/index.js';
import { ERROR_SHAPES, sameError } from '../../../spec/errors.js';
import { withinPropagation, type PropagationEvent } from '../../../spec/model/index.js';
import { validateCreateQueue } from '../../../spec/operations.js';
import type { ExpectedError, Validation } from '../../../spec/types.js';
import { callRef, list, observedError, expected as expectedBinding, text } from '../../refs.js';
import type { CallRuleContext, Finding, Gate } from '../../types.js';
import { compareWithValidation } from '../validation.js';
import { attributeDiff, policyDiff, type OracleWindow } from './values.js';

/** Actions that read or change queues themselves: replayed and their answers compared. */
const MANAGEMENT = new Set(['CreateQueue', 'DeleteQueue', 'GetQueueUrl', 'ListQueues', 'GetQueueAttributes', 'SetQueueAttributes', 'TagQueue', 'UntagQueue', 'ListQueueTags', 'AddPermission', 'RemovePermission']);
/** Actions whose success or failure (and error) is compared, not their answer's values. */
const OUTCOME_ONLY = new Set(['PurgeQueue', 'ListDeadLetterSourceQueues', 'StartMessageMoveTask', 'ListMessageMoveTasks', 'CancelMessageMoveTask']);
/** Message actions: compared only when they name a queue that does not exist. */
const MESSAGE_ACTIONS = new Set(['SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility', 'ChangeMessageVisibilityBatch']);

/** Scheme and host of the oracle engine's queue URLs (never compared: URLs are compared by the queue they name). */
const ORACLE_ORIGIN = 'http://oracle.invalid';

const NON_EXISTENT = ERROR_SHAPES.QueueDoesNotExist;
const NAME_EXISTS = ERROR_SHAPES.QueueNameExists;
const DELETED_RECENTLY = ERROR_SHAPES.QueueDeletedRecently;
const isCode = (e: { code: string; type?: string } | undefined, shape: { code: string; type: string }): boolean => e !== undefined && sameError(shape, e.code, e.type);

/** What part of a queue a call changes (and so may leave unknown). */
type Aspect = '*' | 'attributes' | 'tags' | 'Policy';

type Window = OracleWindow;

/** Where an attribute's current value (in the model) comes from. */
interface Provenance {
  by: 'default' | 'create' | 'set' | 'permission';
  call: Call;
  /** The value before this change, and when the change completed (N14: the old value may still show). */
  before?: string | undefined;
  endMs: number;
}

interface QueueBook {
  name: string;
  /** URL of the first CreateQueue that made it (observed). */
  url?: string;
  createdBy?: Call;
  created?: Window;
  /** The windows LastModifiedTimestamp may come from. */
  modified: Window[];
  provenance: Map<string, Provenance>;
  /** Attributes the model removed, and by which call (a later read must not show them). */
  removed: Map<string, Provenance>;
  tags: Map<string, { by: Call; value: string }>;
  untagged: Map<string, Call>;
  tainted: Set<Aspect>;
  deletedAtMs?: number;
  deletedBy?: Call;
  createdEndMs?: number;
}

interface Listing {
  prefix: string;
  pages: Call[];
  names: string[];
  nextToken?: string;
}

const wallOf = (c: Call): number => c.invoke.wallTime;
const endWallOf = (c: Call): number => (c.complete ? c.complete.wallTime : Number.POSITIVE_INFINITY);

/** The account segment of a queue URL (`…/<account>/<name>`), when it has one. */
function accountOfUrl(url: string): string | undefined {
  const m = /\/(\d{12})\/[^/]+\/?$/.exec(url);
  return m?.[1];
}

const ARN = /^arn:([a-z-]+):sqs:([a-z0-9-]*):([^:]*):(.+)$/;

/** Region and account of the target: from the first QueueArn it answered, else from a queue URL. */
export function targetIdentity(calls: readonly Call[]): { region: string; accountId: string } {
  let fromUrl: string | undefined;
  for (const c of calls) {
    if (c.complete?.type !== 'ok') continue;
    const v = c.complete.value;
    const arn = (v.Attributes as Record<string, unknown> | undefined)?.QueueArn;
    if (typeof arn === 'string') {
      const m = ARN.exec(arn);
      if (m) return { region: m[2]!, accountId: m[3]! };
    }
    if (fromUrl === undefined && typeof v.QueueUrl === 'string') fromUrl = accountOfUrl(v.QueueUrl);
  }
  return { region: 'us-east-1', accountId: fromUrl ?? '000000000000' };
}

function outcome(c: Call): 'ok' | 'fail' | 'unknown' {
  const t = c.complete?.type;
  return t === 'ok' ? 'ok' : t === 'fail' ? 'fail' : 'unknown';
}

function errorOfCall(c: Call): ServiceError | undefined {
  return c.complete?.type === 'fail' ? c.complete.value : undefined;
}

function protocolOf(c: Call): 'json' | 'query' | undefined {
  return (c.complete as CompletionOp | undefined)?.meta?.protocol;
}

/** The engine's error as this call's protocol words it (QueueDoesNotExist differs under Query, item 111). */
function expectedFor(c: Call, e: ExpectedError): ExpectedError {
  if (protocolOf(c) === 'query' && sameError(NON_EXISTENT, e.code)) return { ...e, message: NON_EXISTENT_QUEUE_MESSAGE_QUERY };
  return e;
}

/** The engine request: the history's request with the queue's URL as the engine writes it. */
function engineInput(input: Record<string, unknown>, name: string | undefined, accountId: string): Record<string, unknown> {
  const out: Record<string, unknown> = { ...input };
  if (name !== undefined && typeof input.QueueUrl === 'string') out.QueueUrl = `${ORIGIN_FOR(accountId)}/${name}`;
  return out;
}
const ORIGIN_FOR = (accountId: string) => `${ORACLE_ORIGIN}/${accountId}`;

function stringMap(v: unknown): Map<string, string> {
  const out = new Map<string, string>();
  if (v && typeof v === 'object' && !Array.isArray(v)) for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    if (typeof x === 'string') out.set(k, x);
  }
  return out;
}

/** Aspects a call changes on its queue. */
function aspectsOf(f: string): Aspect[] {
  switch (f) {
    case 'CreateQueue':
    case 'DeleteQueue':
      return ['*'];
    case 'SetQueueAttributes':
      return ['attributes'];
    case 'TagQueue':
    case 'UntagQueue':
      return ['tags'];
    case 'AddPermission':
    case 'RemovePermission':
      return ['Policy'];
    default:
      return [];
  }
}

export interface OracleOptions {
  gate: Gate;
  clockSkewMs: number;
}

/** Replays the queue-management calls of a history against the engine; the findings. */
export function replayQueueManagement(ctx: CallRuleContext, opts: OracleOptions): Finding[] {
  const { prep } = ctx;
  const { gate } = opts;
  const calls = prep.calls;
  const { region, accountId } = targetIdentity(calls);
  const engine = createEngine({ region, accountId, endpoint: ORACLE_ORIGIN, ids: sequentialIds(0x0eac1e) });
  /** The queue a URL (or a bare name) designates, as the model reads it. */
  const nameFromQueueUrl = engine.queueNameOf;
  const findings: Finding[] = [];
  const books = new Map<string, QueueBook>();
  const keyNames = new Map<string, string>();
  const listings = new Map<string, Listing>();
  /** Propagation allowances apply only at `guaranteed` strictness (sqs-semantics.md 14 N11-N14). */
  const lag = (event: PropagationEvent, sinceMs: number | undefined, c: Call) => gate.deviationsAllowed && sinceMs !== undefined && withinPropagation(event, sinceMs, wallOf(c));
  const push = (f: Finding) => {
    if (gate.on(f.id)) findings.push(f);
  };
  const book = (name: string): QueueBook => {
    let b = books.get(name);
    if (!b) {
      b = { name, modified: [], provenance: new Map(), removed: new Map(), tags: new Map(), untagged: new Map(), tainted: new Set() };
      books.set(name, b);
    }
    return b;
  };
  const tainted = (b: QueueBook, aspect: Aspect) => b.tainted.has('*') || b.tainted.has(aspect);
  const taint = (name: string | undefined, aspects: Aspect[]) => {
    if (name === undefined) return;
    for (const a of aspects) book(name).tainted.add(a);
  };
  const exists = (name: string) => engine.queueUrl(name) !== undefined;
  /** The model's attributes of a queue, now. */
  const snapshot = (name: string, now: number): Map<string, string> => {
    const r = engine.dispatch('GetQueueAttributes', { QueueUrl: `${ORIGIN_FOR(accountId)}/${name}`, AttributeNames: ['All'] }, now);
    return 'ok' in r ? stringMap(r.ok.Attributes) : new Map();
  };
  const tagsOf = (name: string, now: number): Map<string, string> => {
    const r = engine.dispatch('ListQueueTags', { QueueUrl: `${ORIGIN_FOR(accountId)}/${name}` }, now);
    return 'ok' in r ? stringMap(r.ok.Tags) : new Map();
  };

  const nameOf = (c: Call): string | undefined => {
    const input = c.invoke.value;
    if (c.invoke.f === 'CreateQueue' || c.invoke.f === 'GetQueueUrl') return typeof input.QueueName === 'string' ? input.QueueName : undefined;
    const url = input.QueueUrl;
    if (typeof url !== 'string' || url === '') return undefined;
    return keyNames.get(url) ?? nameFromQueueUrl(url);
  };

  for (const c of calls) {
    const f = c.invoke.f;
    const managed = MANAGEMENT.has(f) || OUTCOME_ONLY.has(f);
    if (!managed && !MESSAGE_ACTIONS.has(f)) continue;
    const name = nameOf(c);
    const now = wallOf(c);
    // Later calls name a queue the runner knows by its key (the recorder writes keys for URLs).
    if (f === 'CreateQueue' && name !== undefined && outcome(c) === 'ok') keyNames.set(c.invoke.queue, name);
    // Message actions on a queue the model has: the lifecycle rules judge them.
    if (MESSAGE_ACTIONS.has(f) && (name === undefined || exists(name))) continue;
    // Listing pages after the first carry the target's opaque NextToken: judged as a listing.
    if (f === 'ListQueues' && typeof c.invoke.value.NextToken === 'string' && c.invoke.value.NextToken !== '') {
      continueListing(c);
      continue;
    }
    const before = name !== undefined && exists(name) ? snapshot(name, now) : undefined;
    const tagsBefore = name !== undefined && (f === 'TagQueue' || f === 'UntagQueue') && exists(name) ? tagsOf(name, now) : undefined;
    const existedBefore = name !== undefined && exists(name);
    const result = engine.dispatch(f as EngineAction, engineInput(c.invoke.value, name, accountId), now);
    const observed = outcome(c);
    const b = name !== undefined ? book(name) : undefined;

    // Bookkeeping of what the model did (whatever the target answered).
    if ('ok' in result && name !== undefined) record(c, name, existedBefore, before, tagsBefore, now);

    // CreateQueue's parameters, and its failures other than the state-dependent ones, are the
    // validation rule's (src/check/rules/validation.ts).
    if (f === 'CreateQueue') {
      const v = validateCreateQueue(c.invoke.value);
      const e = errorOfCall(c);
      const stateError = e !== undefined && (isCode(e, NAME_EXISTS) || isCode(e, DELETED_RECENTLY));
      if (!v.ok || (observed === 'fail' && !stateError)) {
        if (observed !== ('ok' in result ? 'ok' : 'fail')) taint(name, ['*']);
        continue;
      }
    }

    if (observed === 'unknown') {
      // The call may or may not have taken effect on the target.
      if ('ok' in result) taint(name, aspectsOf(f));
      continue;
    }
    // What the target did to this queue is unknown: nothing about it is judged any more.
    if (b?.tainted.has('*')) continue;

    exerciseOutcome(c, result, existedBefore);
    if ('error' in result) {
      const want = expectedFor(c, result.error);
      if (observed === 'fail') {
        judgeError(c, want);
        continue;
      }
      // The model refuses; the target accepted.
      acceptedAgainstModel(c, name, want);
      taint(name, aspectsOf(f).length > 0 ? aspectsOf(f) : []);
      if (f === 'DeleteQueue' || f === 'CreateQueue') taint(name, ['*']);
      continue;
    }
    if (observed === 'fail') {
      rejectedAgainstModel(c, name, existedBefore);
      taint(name, aspectsOf(f));
      continue;
    }
    // Both succeeded: compare what the answer says.
    compareAnswer(c, name, result.ok, existedBefore);
  }

  // A listing left open (its last page never came) is not judged for completeness.
  return findings;

  // ------------------------------------------------------------------------------------------

  function record(c: Call, name: string, existedBefore: boolean, before: Map<string, string> | undefined, tagsBefore: Map<string, string> | undefined, now: number): void {
    const f = c.invoke.f;
    const b = book(name);
    const end = endWallOf(c);
    const window = { from: wallOf(c), to: end };
    if (f === 'CreateQueue') {
      if (existedBefore) return;
      // A new queue (its name may have been used before and deleted).
      const fresh: QueueBook = { name, modified: [window], provenance: new Map(), removed: new Map(), tags: new Map(), untagged: new Map(), tainted: new Set(b.tainted), createdBy: c, created: window, createdEndMs: end };
      if (b.deletedAtMs !== undefined) {
        fresh.deletedAtMs = b.deletedAtMs;
        if (b.deletedBy) fresh.deletedBy = b.deletedBy;
      }
      books.set(name, fresh);
      const requested = stringMap(c.invoke.value.Attributes);
      for (const [k] of snapshot(name, now)) fresh.provenance.set(k, { by: requested.has(k) || (k === 'SqsManagedSseEnabled' && requested.has('KmsMasterKeyId')) ? 'create' : 'default', call: c, endMs: end });
      for (const [k, v] of tagsOf(name, now)) fresh.tags.set(k, { by: c, value: v });
      return;
    }
    if (f === 'DeleteQueue') {
      b.deletedAtMs = end;
      b.deletedBy = c;
      return;
    }
    if (f === 'SetQueueAttributes' || f === 'AddPermission' || f === 'RemovePermission') {
      const after = snapshot(name, now);
      const by: Provenance['by'] = f === 'SetQueueAttributes' ? 'set' : 'permission';
      const names = new Set([...(before?.keys() ?? []), ...after.keys()]);
      for (const k of names) {
        if (DYNAMIC.has(k)) continue;
        const old = before?.get(k);
        const cur = after.get(k);
        const named = f === 'SetQueueAttributes' && stringMap(c.invoke.value.Attributes).has(k);
        if (old === cur && !named) continue;
        const p: Provenance = { by, call: c, before: old, endMs: end };
        if (cur === undefined) {
          b.removed.set(k, p);
          b.provenance.delete(k);
        } else {
          b.provenance.set(k, p);
          b.removed.delete(k);
        }
      }
      // LastModifiedTimestamp: a SetQueueAttributes sets it; a permission change may (not recorded).
      if (f === 'SetQueueAttributes') b.modified = [window];
      else b.modified.push(window);
      return;
    }
    if (f === 'TagQueue' || f === 'UntagQueue') {
      const after = tagsOf(name, now);
      for (const [k, v] of after) {
        if (tagsBefore?.get(k) !== v) {
          b.tags.set(k, { by: c, value: v });
          b.untagged.delete(k);
        }
      }
      for (const [k] of tagsBefore ?? []) {
        if (!after.has(k)) {
          b.tags.delete(k);
          b.untagged.set(k, c);
        }
      }
      b.modified.push(window); // tagging may or may not touch LastModifiedTimestamp (not recorded)
    }
  }

  /** Counts the situations this call's outcome is judged in (the report's rule coverage). */
  function exerciseOutcome(c: Call, result: { ok: unknown } | { error: ExpectedError }, existedBefore: boolean): void {
    const f = c.invoke.f;
    if ('error' in result) {
      const e = result.error;
      gate.exercised('validation.accepted-invalid');
      gate.exercised('error.wrong-code');
      gate.exercised('error.wrong-status');
      if (e.messageEvidence === 'recorded') gate.exercised('error.wrong-message');
      if (sameError(NON_EXISTENT, e.code)) gate.exercised('queues.non-existent-accepted');
      if (sameError(NAME_EXISTS, e.code)) gate.exercised('queues.create-conflict-accepted');
      if (sameError(DELETED_RECENTLY, e.code)) gate.exercised('queues.recreate-block-missing');
      if ((f === 'AddPermission' || f === 'RemovePermission') && /Reason: (Already exists|can't find label)\./.test(e.message)) gate.exercised('permissions.label-state-ignored');
      return;
    }
    gate.exercised('validation.rejected-valid');
    if (existedBefore) gate.exercised(f === 'CreateQueue' ? 'queues.create-not-idempotent' : 'queues.not-found');
  }

  function judgeError(c: Call, want: ExpectedError): void {
    const e = errorOfCall(c)!;
    const finding = compareWithValidation(c, { type: 'fail', error: e }, { ok: false, error: want } as Validation);
    if (finding) push(finding);
  }

  function acceptedAgainstModel(c: Call, name: string | undefined, want: ExpectedError): void {
    const f = c.invoke.f;
    const ref = callRef(c);
    const queue = c.invoke.queue;
    const b = name !== undefined ? books.get(name) : undefined;
    if (sameError(NON_EXISTENT, want.code)) {
      gate.exercised('queues.non-existent-accepted');
      // Deleted a moment ago: calls may still succeed for a while (N11).
      if (b && lag('delete', b.deletedAtMs, c)) return;
      const owner = c.invoke.value.QueueOwnerAWSAccountId;
      const why =
        typeof owner === 'string' && owner !== accountId && name !== undefined && exists(name)
          ? `is in account ${accountId}, not in account ${owner} (QueueOwnerAWSAccountId)`
          : b?.deletedBy
            ? `${b.deletedBy.invoke.f} deleted at op ${b.deletedBy.invoke.index}`
            : 'was never created';
      push({ id: 'queues.non-existent-accepted', calls: b?.deletedBy ? [b.deletedBy, c] : [c], queue, bindings: { call: ref, queue: text(name ?? ''), why, expected: expectedBinding(want) } });
      return;
    }
    if (f === 'CreateQueue' && sameError(NAME_EXISTS, want.code)) {
      gate.exercised('queues.create-conflict-accepted');
      const differing = /attribute (\S+)$/.exec(want.message)?.[1] ?? '';
      const current = name !== undefined ? snapshot(name, wallOf(c)).get(differing) : undefined;
      const requested = stringMap(c.invoke.value.Attributes).get(differing);
      push({
        id: 'queues.create-conflict-accepted',
        calls: b?.createdBy ? [b.createdBy, c] : [c],
        queue,
        bindings: { call: ref, queue: text(name ?? ''), attribute: differing, current: text(current ?? '(unset)'), requested: text(requested ?? ''), expected: expectedBinding(want) },
      });
      return;
    }
    if (f === 'CreateQueue' && sameError(DELETED_RECENTLY, want.code)) {
      gate.exercised('queues.recreate-block-missing');
      const since = b?.deletedAtMs !== undefined ? Math.max(0, wallOf(c) - b.deletedAtMs) : 0;
      push({ id: 'queues.recreate-block-missing', calls: b?.deletedBy ? [b.deletedBy, c] : [c], queue, bindings: { call: ref, queue: text(name ?? ''), since: { seconds: Math.round(since / 100) / 10 }, deleted: b?.deletedBy ? callRef(b.deletedBy) : 'DeleteQueue', expected: expectedBinding(want) } });
      return;
    }
    if ((f === 'AddPermission' || f === 'RemovePermission') && /Reason: (Already exists|can't find label)\./.test(want.message)) {
      gate.exercised('permissions.label-state-ignored');
      const why = f === 'AddPermission' ? `the label ${String(c.invoke.value.Label)} is already in the queue's Policy` : `no statement of the queue's Policy has the label ${String(c.invoke.value.Label)}`;
      push({ id: 'permissions.label-state-ignored', calls: [c], queue, bindings: { call: ref, why, expected: expectedBinding(want) } });
      return;
    }
    gate.exercised('validation.accepted-invalid');
    const finding = compareWithValidation(c, { type: 'ok' }, { ok: false, error: want });
    if (finding) push(finding);
  }

  function rejectedAgainstModel(c: Call, name: string | undefined, existedBefore: boolean): void {
    const f = c.invoke.f;
    const e = errorOfCall(c)!;
    const ref = callRef(c);
    const queue = c.invoke.queue;
    const b = name !== undefined ? books.get(name) : undefined;
    if (isCode(e, NON_EXISTENT) && name !== undefined && (existedBefore || f === 'GetQueueUrl')) {
      gate.exercised('queues.not-found');
      // Created a moment ago: the queue may not be usable yet (N12).
      if (b && lag('create', b.createdEndMs, c)) return;
      push({ id: 'queues.not-found', calls: b?.createdBy ? [b.createdBy, c] : [c], queue, bindings: { call: ref, error: observedError(e), queue: text(name), created: b?.createdBy ? callRef(b.createdBy) : 'CreateQueue' } });
      return;
    }
    if (f === 'CreateQueue' && existedBefore) {
      gate.exercised('queues.create-not-idempotent');
      push({ id: 'queues.create-not-idempotent', calls: b?.createdBy ? [b.createdBy, c] : [c], queue, bindings: { call: ref, error: observedError(e), queue: text(name ?? ''), first: b?.createdBy ? callRef(b.createdBy) : 'CreateQueue' } });
      return;
    }
    if (f === 'CreateQueue' && isCode(e, DELETED_RECENTLY) && b && lag('recreate-block', b.deletedAtMs, c)) return;
    gate.exercised('validation.rejected-valid');
    const finding = compareWithValidation(c, { type: 'fail', error: e }, { ok: true });
    if (finding) push(finding);
  }

  function compareAnswer(c: Call, name: string | undefined, answer: Record<string, unknown>, existedBefore: boolean): void {
    const f = c.invoke.f;
    const out = c.complete!.type === 'ok' ? c.complete!.value : {};
    const b = name !== undefined ? books.get(name) : undefined;
    switch (f) {
      case 'CreateQueue':
      case 'GetQueueUrl': {
        if (!b || name === undefined) return;
        const url = out.QueueUrl;
        gate.exercised('queues.url-wrong');
        if (typeof url !== 'string' || nameFromQueueUrl(url) !== name) {
          push({ id: 'queues.url-wrong', calls: [c], queue: c.invoke.queue, bindings: { call: callRef(c), got: text(typeof url === 'string' ? url : '(none)'), queue: text(name), why: 'its last path segment is not the queue name' } });
          return;
        }
        if (b.url === undefined && f === 'CreateQueue' && !existedBefore) {
          b.url = url;
          return;
        }
        if (b.url !== undefined && url !== b.url) {
          push({ id: 'queues.url-wrong', calls: b.createdBy ? [b.createdBy, c] : [c], queue: c.invoke.queue, bindings: { call: callRef(c), got: text(url), queue: text(name), why: `CreateQueue answered ${b.url} for the same queue` } });
        }
        return;
      }
      case 'ListQueues':
        startListing(c);
        return;
      case 'GetQueueAttributes':
        if (b && name !== undefined) compareAttributes(c, b, stringMap(answer.Attributes), stringMap(out.Attributes));
        return;
      case 'ListQueueTags':
        if (b && !tainted(b, 'tags')) compareTags(c, b, stringMap(answer.Tags), stringMap(out.Tags));
        return;
      default:
        return;
    }
  }

  function compareAttributes(c: Call, b: QueueBook, want: Map<string, string>, got: Map<string, string>): void {
    const requested = c.invoke.value.AttributeNames;
    const ref = callRef(c);
    const queue = c.invoke.queue;
    const base = { call: ref, queue: text(b.name) };
    gate.exercised('queue-attributes.key-missing');
    gate.exercised('queue-attributes.key-unexpected');
    const skip = (k: string) => tainted(b, 'attributes') || (k === 'Policy' && tainted(b, 'Policy'));
    for (const [k, expectedValue] of want) {
      if (skip(k)) continue;
      const p = b.provenance.get(k);
      const value = got.get(k);
      // N14: shortly after a change the previous value may still show.
      const stale = p !== undefined && (p.by === 'set' || p.by === 'permission') && value === p.before && lag(k === 'MessageRetentionPeriod' ? 'set-retention' : 'set-attributes', p.endMs, c);
      if (stale) continue;
      if (value === undefined) {
        if (p?.by === 'permission') {
          push({ id: 'permissions.policy-not-updated', calls: [p.call, c], queue, bindings: { ...base, what: 'is missing', by: callRef(p.call) } });
          continue;
        }
        const id = notAppliedId(p, 'queue-attributes.key-missing');
        push({ id, calls: p && p.by !== 'default' ? [p.call, c] : [c], queue, bindings: { ...base, name: k, value: text('(absent)'), expected: text(expectedValue), setBy: p ? callRef(p.call) : 'CreateQueue', why: Array.isArray(requested) && !requested.includes('All') ? 'requested by name' : 'All returns every attribute the queue has' } });
        continue;
      }
      gate.exercised('queue-attributes.format-wrong');
      if (k === 'CreatedTimestamp' || k === 'LastModifiedTimestamp') gate.exercised('queue-attributes.timestamp-wrong');
      else if (k === 'Policy' && p?.by === 'permission') {
        gate.exercised('permissions.policy-not-updated');
        gate.exercised('permissions.statement-shape');
      } else if (!DYNAMIC.has(k) && k !== 'QueueArn') gate.exercised(notAppliedId(p, 'queue-attributes.default-wrong'));
      const diff = attributeDiff(k, value, expectedValue, { name: b.name, ...(b.created ? { created: b.created } : {}), modified: b.modified, skewMs: opts.clockSkewMs });
      if (diff === undefined) continue;
      if (diff.kind === 'format') {
        push({ id: 'queue-attributes.format-wrong', calls: [c], queue, bindings: { ...base, name: k, value: text(value), format: diff.expected } });
        continue;
      }
      if (diff.kind === 'time') {
        push({ id: 'queue-attributes.timestamp-wrong', calls: [c], queue, timed: true, bindings: { ...base, name: k, value: text(value), onOurClock: diff.onOurClock, event: diff.event, skew: { ms: opts.clockSkewMs } } });
        continue;
      }
      if (k === 'Policy' && p?.by === 'permission') {
        comparePolicy(c, b, value, expectedValue, p);
        continue;
      }
      const id = notAppliedId(p, 'queue-attributes.default-wrong');
      push({ id, calls: p && p.by !== 'default' ? [p.call, c] : [c], queue, bindings: { ...base, name: k, value: text(value), expected: text(expectedValue), setBy: p ? callRef(p.call) : 'CreateQueue' } });
    }
    for (const [k, value] of got) {
      if (want.has(k) || skip(k)) continue;
      const gone = b.removed.get(k);
      if (gone && lag('set-attributes', gone.endMs, c) && value === gone.before) continue;
      if (gone && gone.by === 'set') {
        push({ id: 'queue-attributes.set-not-applied', calls: [gone.call, c], queue, bindings: { ...base, name: k, value: text(value), expected: text('(removed)'), setBy: callRef(gone.call) } });
        continue;
      }
      if (gone && gone.by === 'permission') {
        push({ id: 'permissions.policy-not-updated', calls: [gone.call, c], queue, bindings: { ...base, what: 'is still there', by: callRef(gone.call) } });
        continue;
      }
      const named = Array.isArray(requested) && (requested.includes(k) || requested.includes('All'));
      push({ id: 'queue-attributes.key-unexpected', calls: [c], queue, bindings: { ...base, name: k, value: text(value), why: named ? 'the queue does not have it' : 'it was not requested' } });
    }
  }

  function comparePolicy(c: Call, b: QueueBook, got: string, want: string, p: Provenance): void {
    gate.exercised('permissions.policy-not-updated');
    gate.exercised('permissions.statement-shape');
    const d = policyDiff(got, want);
    if (d === undefined) return;
    const base = { call: callRef(c), queue: text(b.name) };
    if (d.kind === 'statements') push({ id: 'permissions.policy-not-updated', calls: [p.call, c], queue: c.invoke.queue, bindings: { ...base, what: d.what, by: callRef(p.call) } });
    else push({ id: 'permissions.statement-shape', calls: [c], queue: c.invoke.queue, bindings: { ...base, label: text(d.label), field: d.field, got: text(d.got), expected: text(d.expected) } });
  }

  function compareTags(c: Call, b: QueueBook, want: Map<string, string>, got: Map<string, string>): void {
    const base = { call: callRef(c), queue: text(b.name) };
    gate.exercised('tags.not-applied');
    gate.exercised('tags.unexpected');
    if (b.untagged.size > 0) gate.exercised('tags.untag-not-applied');
    for (const [k, v] of want) {
      if (got.get(k) === v) continue;
      const by = b.tags.get(k)?.by;
      push({ id: 'tags.not-applied', calls: by ? [by, c] : [c], queue: c.invoke.queue, bindings: { ...base, key: text(k), got: text(got.has(k) ? got.get(k)! : '(absent)'), expected: text(v), setBy: by ? callRef(by) : 'CreateQueue' } });
    }
    for (const [k, v] of got) {
      if (want.has(k)) continue;
      const removedBy = b.untagged.get(k);
      if (removedBy) {
        gate.exercised('tags.untag-not-applied');
        push({ id: 'tags.untag-not-applied', calls: [removedBy, c], queue: c.invoke.queue, bindings: { ...base, key: text(k), removedBy: callRef(removedBy) } });
      } else push({ id: 'tags.unexpected', calls: [c], queue: c.invoke.queue, bindings: { ...base, key: text(k), value: text(v) } });
    }
  }

  function startListing(c: Call): void {
    const input = c.invoke.value;
    const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
    const l: Listing = { prefix, pages: [], names: [] };
    listings.set(c.invoke.process, l);
    addPage(l, c);
  }

  function continueListing(c: Call): void {
    const l = listings.get(c.invoke.process);
    if (!l || l.nextToken !== c.invoke.value.NextToken || outcome(c) !== 'ok') {
      listings.delete(c.invoke.process);
      return;
    }
    addPage(l, c);
  }

  function addPage(l: Listing, c: Call): void {
    const input = c.invoke.value;
    const out = c.complete?.type === 'ok' ? c.complete.value : {};
    const urls = Array.isArray(out.QueueUrls) ? out.QueueUrls.filter((u): u is string => typeof u === 'string') : [];
    const max = typeof input.MaxResults === 'number' ? input.MaxResults : typeof input.MaxResults === 'string' ? Number(input.MaxResults) : undefined;
    const token = typeof out.NextToken === 'string' && out.NextToken !== '' ? out.NextToken : undefined;
    const ref = callRef(c);
    gate.exercised('queues.list-paging-wrong');
    if (max !== undefined && urls.length > max) push({ id: 'queues.list-paging-wrong', calls: [c], queue: c.invoke.queue, bindings: { call: ref, what: `returned ${urls.length} queue URLs with MaxResults ${max}` } });
    if (max === undefined && token !== undefined) push({ id: 'queues.list-paging-wrong', calls: [c], queue: c.invoke.queue, bindings: { call: ref, what: 'answered a NextToken without MaxResults (SQS never does)' } });
    const names = urls.map(nameFromQueueUrl);
    const again = names.filter((n) => l.names.includes(n));
    if (again.length > 0) push({ id: 'queues.list-paging-wrong', calls: [...l.pages, c], queue: c.invoke.queue, bindings: { call: ref, what: `listed ${again.join(', ')} again on a later page` } });
    l.pages.push(c);
    l.names.push(...names);
    const wrongPrefix = names.filter((n) => !n.startsWith(l.prefix));
    if (wrongPrefix.length > 0) {
      gate.exercised('queues.list-unexpected');
      push({ id: 'queues.list-unexpected', calls: [c], queue: c.invoke.queue, bindings: { call: ref, extra: list(wrongPrefix), why: `do not start with the prefix ${JSON.stringify(l.prefix)}` } });
    }
    if (token !== undefined && max !== undefined) {
      l.nextToken = token;
      return;
    }
    listings.delete(c.invoke.process);
    // The listing is complete: judged against the model's queues with the prefix (only a prefix
    // makes the set this history's own: other runs' queues live on the same target).
    if (l.prefix === '') return;
    const now = wallOf(c);
    const r = engine.dispatch('ListQueues', { QueueNamePrefix: l.prefix }, now);
    const model = 'ok' in r && Array.isArray(r.ok.QueueUrls) ? (r.ok.QueueUrls as string[]).map(nameFromQueueUrl) : [];
    gate.exercised('queues.list-missing');
    gate.exercised('queues.list-unexpected');
    const missing = model.filter((n) => !l.names.includes(n) && !tainted(book(n), '*') && !lag('create', books.get(n)?.createdEndMs, c));
    const extra = l.names.filter((n) => n.startsWith(l.prefix) && !model.includes(n) && !tainted(book(n), '*') && !lag('delete', books.get(n)?.deletedAtMs, c));
    const pages = l.pages;
    if (missing.length > 0) push({ id: 'queues.list-missing', calls: pages, queue: c.invoke.queue, bindings: { call: ref, count: l.names.length, prefix: text(l.prefix), missing: list(missing) } });
    if (extra.length > 0) {
      const why = extra.every((n) => books.get(n)?.deletedBy) ? 'were deleted' : 'do not exist';
      push({ id: 'queues.list-unexpected', calls: pages, queue: c.invoke.queue, bindings: { call: ref, extra: list(extra), why } });
    }
  }
}

/** Attributes whose values the model does not pin (the Approximate* counters, sqs-semantics.md 14 N6). */
export const DYNAMIC = new Set(['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed', 'CreatedTimestamp', 'LastModifiedTimestamp']);

function notAppliedId(p: Provenance | undefined, fallback: 'queue-attributes.key-missing' | 'queue-attributes.default-wrong'): string {
  switch (p?.by) {
    case 'set':
    case 'permission': // a Policy SetQueueAttributes replaced after a permission change
      return 'queue-attributes.set-not-applied';
    case 'create':
      return 'queue-attributes.create-not-applied';
    default:
      return fallback;
  }
}
