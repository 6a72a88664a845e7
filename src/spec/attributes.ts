// Queue attributes as data: every name of ../shared/reference/sqs-semantics.md section 3 with the
// queue type it applies to, whether it can be written, its default and its valid values; the
// conversion of attribute strings to a QueueConfig; the GetQueueAttributes defaults; and the
// validation CreateQueue and SetQueueAttributes apply to an attribute map. PURE.
import { expectedError } from './errors.js';
import { redriveAllowProblem, redriveTargetProblem } from './model/redrive.js';
import { LIMITS, withinLimit, type LimitEntry } from './limits.js';
import { DEFAULTS } from './model/defaults.js';
import { utf8Length } from './message.js';
import type { DeadLetterLookup, Evidence, ExpectedError, QueueConfig, RedrivePolicyProblem, SourceRef, Validation } from './types.js';
export type { DeadLetterLookup, RedrivePolicyProblem } from './types.js';

// ---------------------------------------------------------------------------------------------
// Sources

const semantics = (section: string, evidence: Evidence = 'documented'): SourceRef => ({ file: 'sqs-semantics.md', section, evidence });
const facts = (section: string, evidence: Evidence = 'recorded'): SourceRef => ({ file: 'aws-recorded-facts.md', section, evidence });
const model = (section: string): SourceRef => ({ file: 'sqs.json', section, evidence: 'documented' });

// ---------------------------------------------------------------------------------------------
// The table

/** The `QueueAttributeName` enum of the API model (sqs.json), `All` included. */
export const QUEUE_ATTRIBUTE_NAMES = [
  'All',
  'Policy',
  'VisibilityTimeout',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ApproximateNumberOfMessages',
  'ApproximateNumberOfMessagesNotVisible',
  'CreatedTimestamp',
  'LastModifiedTimestamp',
  'QueueArn',
  'ApproximateNumberOfMessagesDelayed',
  'DelaySeconds',
  'ReceiveMessageWaitTimeSeconds',
  'RedrivePolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'DeduplicationScope',
  'FifoThroughputLimit',
  'RedriveAllowPolicy',
  'SqsManagedSseEnabled',
] as const;

export type QueueAttributeName = (typeof QUEUE_ATTRIBUTE_NAMES)[number];

/**
 * - `writable`: CreateQueue and SetQueueAttributes;
 * - `create-only`: CreateQueue only (FifoQueue: the type never changes);
 * - `read-only`: returned by GetQueueAttributes, never accepted on a write;
 * - `request-only`: a GetQueueAttributes request name (`All`).
 */
export type AttributeAccess = 'writable' | 'create-only' | 'read-only' | 'request-only';

export type AttributeValueRule =
  | { kind: 'integer'; limit: LimitEntry }
  | { kind: 'boolean' }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'policy' }
  | { kind: 'redrive-policy' }
  | { kind: 'redrive-allow-policy' }
  | { kind: 'kms-key' }
  | { kind: 'count' }
  | { kind: 'epoch-seconds' }
  | { kind: 'arn' }
  | { kind: 'none' };

export interface QueueAttributeSpec {
  name: QueueAttributeName;
  appliesTo: 'all' | 'fifo';
  access: AttributeAccess;
  value: AttributeValueRule;
  /** The value GetQueueAttributes(All) shows on a new queue, when it shows one. */
  default?: string;
  source: SourceRef;
}

/** 1 MiB since 2025-08 (aws-recorded-facts.md items 96 and 118); configurable, see LIMITS.maximumMessageSize. */
export const DEFAULT_MAXIMUM_MESSAGE_SIZE = DEFAULTS.maximumMessageSize;

export const QUEUE_ATTRIBUTES: readonly QueueAttributeSpec[] = [
  { name: 'DelaySeconds', appliesTo: 'all', access: 'writable', value: { kind: 'integer', limit: LIMITS.delaySeconds }, default: String(DEFAULTS.delaySeconds), source: facts('A10 item 96') },
  {
    name: 'MaximumMessageSize',
    appliesTo: 'all',
    access: 'writable',
    value: { kind: 'integer', limit: LIMITS.maximumMessageSize },
    default: String(DEFAULT_MAXIMUM_MESSAGE_SIZE),
    source: facts('A10 item 96; A14 item 118'),
  },
  {
    name: 'MessageRetentionPeriod',
    appliesTo: 'all',
    access: 'writable',
    value: { kind: 'integer', limit: LIMITS.messageRetentionPeriod },
    default: String(DEFAULTS.messageRetentionPeriod),
    source: facts('A5 item 38; A10 item 96'),
  },
  {
    name: 'ReceiveMessageWaitTimeSeconds',
    appliesTo: 'all',
    access: 'writable',
    value: { kind: 'integer', limit: LIMITS.waitTimeSeconds },
    default: String(DEFAULTS.receiveMessageWaitTimeSeconds),
    source: facts('A10 item 96'),
  },
  { name: 'VisibilityTimeout', appliesTo: 'all', access: 'writable', value: { kind: 'integer', limit: LIMITS.visibilityTimeout }, default: String(DEFAULTS.visibilityTimeout), source: facts('A2 item 15; A10 item 96') },
  { name: 'Policy', appliesTo: 'all', access: 'writable', value: { kind: 'policy' }, source: semantics('3') },
  { name: 'RedrivePolicy', appliesTo: 'all', access: 'writable', value: { kind: 'redrive-policy' }, source: semantics('3; 5.5') },
  { name: 'RedriveAllowPolicy', appliesTo: 'all', access: 'writable', value: { kind: 'redrive-allow-policy' }, source: semantics('3') },
  { name: 'KmsMasterKeyId', appliesTo: 'all', access: 'writable', value: { kind: 'kms-key' }, source: semantics('3') },
  {
    name: 'KmsDataKeyReusePeriodSeconds',
    appliesTo: 'all',
    access: 'writable',
    value: { kind: 'integer', limit: LIMITS.kmsDataKeyReusePeriodSeconds },
    source: semantics('3'), // shown only once KMS SSE is set (item 97); 300 is the value it then takes
  },
  { name: 'SqsManagedSseEnabled', appliesTo: 'all', access: 'writable', value: { kind: 'boolean' }, default: 'true', source: facts('A10 items 96, 97') },
  { name: 'FifoQueue', appliesTo: 'fifo', access: 'create-only', value: { kind: 'boolean' }, default: 'true', source: facts('A7 items 52, 53; A10 items 100, 101') },
  { name: 'ContentBasedDeduplication', appliesTo: 'fifo', access: 'writable', value: { kind: 'boolean' }, default: 'false', source: facts('A7 items 53, 62') },
  {
    name: 'DeduplicationScope',
    appliesTo: 'fifo',
    access: 'writable',
    value: { kind: 'enum', values: ['messageGroup', 'queue'] },
    default: 'queue',
    source: facts('A7 items 53, 60, 61'),
  },
  {
    name: 'FifoThroughputLimit',
    appliesTo: 'fifo',
    access: 'writable',
    value: { kind: 'enum', values: ['perQueue', 'perMessageGroupId'] },
    default: 'perQueue',
    source: facts('A7 item 53'),
  },
  { name: 'ApproximateNumberOfMessages', appliesTo: 'all', access: 'read-only', value: { kind: 'count' }, default: '0', source: facts('A10 item 96') },
  { name: 'ApproximateNumberOfMessagesNotVisible', appliesTo: 'all', access: 'read-only', value: { kind: 'count' }, default: '0', source: facts('A10 item 96') },
  { name: 'ApproximateNumberOfMessagesDelayed', appliesTo: 'all', access: 'read-only', value: { kind: 'count' }, default: '0', source: facts('A10 item 96') },
  { name: 'CreatedTimestamp', appliesTo: 'all', access: 'read-only', value: { kind: 'epoch-seconds' }, source: semantics('3') },
  { name: 'LastModifiedTimestamp', appliesTo: 'all', access: 'read-only', value: { kind: 'epoch-seconds' }, source: semantics('3') },
  { name: 'QueueArn', appliesTo: 'all', access: 'read-only', value: { kind: 'arn' }, source: semantics('2; 3') },
  { name: 'All', appliesTo: 'all', access: 'request-only', value: { kind: 'none' }, source: model('QueueAttributeName') },
];

const SPEC_BY_NAME: ReadonlyMap<string, QueueAttributeSpec> = new Map(QUEUE_ATTRIBUTES.map((s) => [s.name, s]));

export function queueAttributeSpec(name: string): QueueAttributeSpec | undefined {
  return SPEC_BY_NAME.get(name);
}

export function isQueueAttributeName(name: string): name is QueueAttributeName {
  return SPEC_BY_NAME.has(name);
}

// ---------------------------------------------------------------------------------------------
// Attribute strings → QueueConfig, and the defaults GetQueueAttributes shows

export interface AttributeOptions {
  /** Default MaximumMessageSize; 262144 for targets that predate 2025-08 (sqs-semantics.md 14 N23). */
  defaultMaximumMessageSize?: number;
}

/** QueueConfig plus the FIFO settings the send rules need (not part of the shared QueueConfig type). */
export interface QueueSettings extends QueueConfig {
  contentBasedDeduplication: boolean;
  deduplicationScope: 'queue' | 'messageGroup';
  fifoThroughputLimit: 'perQueue' | 'perMessageGroupId';
}

const INTEGER = /^[+-]?\d+$/;

function intOr(value: string | undefined, fallback: number): number {
  if (value === undefined || !INTEGER.test(value.trim())) return fallback;
  return Number.parseInt(value, 10);
}

/** True for "true" in any letter case (SQS parses booleans like Java's Boolean.parseBoolean, INF). */
export function isTrue(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}

/**
 * What is wrong with the dead-letter queue a RedrivePolicy value names, for a caller that can look
 * queues up by ARN (the engine: its queues; the checker: the queues of a history). Undefined when
 * nothing is, or when the lookup does not know the ARN.
 */
export function deadLetterProblem(sourceFifo: boolean, policyValue: string | undefined, lookup: DeadLetterLookup, sourceArn: string | undefined): RedrivePolicyProblem | undefined {
  if (policyValue === undefined || policyValue === '') return undefined;
  const policy = parseRedrivePolicy(policyValue);
  if (policy === undefined) return undefined;
  const target = lookup(policy.deadLetterTargetArn);
  if (target === undefined) return undefined;
  return redriveTargetProblem(sourceFifo, target ?? undefined) ?? (target ? redriveAllowProblem(target.redriveAllowPolicy, sourceArn) : undefined);
}

/** `{"deadLetterTargetArn", "maxReceiveCount"}` from a RedrivePolicy string; undefined if absent or malformed. */
export function parseRedrivePolicy(value: string | undefined): { deadLetterTargetArn: string; maxReceiveCount: number } | undefined {
  if (value === undefined || value === '') return undefined;
  const parsed = parseJsonObject(value);
  if (parsed === undefined) return undefined;
  const arn = parsed['deadLetterTargetArn'];
  const count = toCount(parsed['maxReceiveCount']);
  if (typeof arn !== 'string' || count === undefined) return undefined;
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

/**
 * The queue settings that shape the lifecycle, from attribute strings (as stored or as sent to
 * CreateQueue). Missing or unparsable values take their defaults; the queue is FIFO when
 * `FifoQueue` is "true" or the name ends in `.fifo` (aws-recorded-facts.md item 52).
 */
export function queueConfigFromAttributes(name: string, attrs: Record<string, string>, opts?: AttributeOptions): QueueSettings {
  const fifo = isTrue(attrs['FifoQueue']) || name.endsWith('.fifo');
  const config: QueueSettings = {
    name,
    fifo,
    visibilityTimeout: intOr(attrs['VisibilityTimeout'], DEFAULTS.visibilityTimeout),
    messageRetentionPeriod: intOr(attrs['MessageRetentionPeriod'], DEFAULTS.messageRetentionPeriod),
    delaySeconds: intOr(attrs['DelaySeconds'], DEFAULTS.delaySeconds),
    receiveMessageWaitTimeSeconds: intOr(attrs['ReceiveMessageWaitTimeSeconds'], DEFAULTS.receiveMessageWaitTimeSeconds),
    maximumMessageSize: intOr(attrs['MaximumMessageSize'], opts?.defaultMaximumMessageSize ?? DEFAULT_MAXIMUM_MESSAGE_SIZE),
    contentBasedDeduplication: fifo && isTrue(attrs['ContentBasedDeduplication']),
    deduplicationScope: attrs['DeduplicationScope'] === 'messageGroup' ? 'messageGroup' : 'queue',
    fifoThroughputLimit: attrs['FifoThroughputLimit'] === 'perMessageGroupId' ? 'perMessageGroupId' : 'perQueue',
  };
  const redrive = parseRedrivePolicy(attrs['RedrivePolicy']);
  if (redrive !== undefined) config.redrivePolicy = redrive;
  return config;
}

export interface DefaultAttributeOptions extends AttributeOptions {
  /** Epoch seconds; when given, CreatedTimestamp and LastModifiedTimestamp are included. */
  createdTimestamp?: number;
  /** When given, QueueArn is included. */
  queueArn?: string;
}

/**
 * What GetQueueAttributes(All) returns for a new queue, as strings (aws-recorded-facts.md item 96
 * for standard, item 53 and the FIFO recordings for FIFO). Policy, RedrivePolicy and the Kms*
 * attributes are absent until set. Timestamps and the ARN need a clock and an account, so they are
 * included only when the caller passes them.
 */
export function defaultAttributes(kind: 'standard' | 'fifo', opts?: DefaultAttributeOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const spec of QUEUE_ATTRIBUTES) {
    if (spec.default === undefined) continue;
    if (spec.appliesTo === 'fifo' && kind !== 'fifo') continue;
    out[spec.name] = spec.default;
  }
  if (opts?.defaultMaximumMessageSize !== undefined) out['MaximumMessageSize'] = String(opts.defaultMaximumMessageSize);
  if (opts?.createdTimestamp !== undefined) {
    out['CreatedTimestamp'] = String(opts.createdTimestamp);
    out['LastModifiedTimestamp'] = String(opts.createdTimestamp);
  }
  if (opts?.queueArn !== undefined) out['QueueArn'] = opts.queueArn;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Error texts (data: one builder per AWS message, with the evidence for its wording)

export const attributeErrors = {
  /** aws-recorded-facts.md items 99-101: "Unknown Attribute FifoQueue." ([S]), "Unknown Attribute Foobar." ([V]). */
  unknownAttribute(name: string, evidence: Evidence = 'recorded'): ExpectedError {
    return expectedError('InvalidAttributeName', `Unknown Attribute ${name}.`, evidence, facts('A10 items 99, 100, 101', evidence));
  },
  /** aws-recorded-facts.md item 100 ([S]): DeduplicationScope or FifoThroughputLimit on a standard queue. */
  fifoOnlyAttribute(name: 'DeduplicationScope' | 'FifoThroughputLimit', evidence: Evidence = 'recorded'): ExpectedError {
    return expectedError('InvalidAttributeName', `You can specify the ${name} only when FifoQueue is set to true.`, evidence, facts('A10 item 100'));
  },
  /** aws-recorded-facts.md item 101 ([S]): SetQueueAttributes FifoQueue=false on a FIFO queue. */
  modifyingQueueType(): ExpectedError {
    return expectedError('InvalidAttributeValue', 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.', 'recorded', facts('A10 item 101'));
  },
  /** aws-recorded-facts.md item 98 ([S]): KMS SSE and SQS SSE in one request. */
  sseMutuallyExclusive(): ExpectedError {
    return expectedError(
      'InvalidAttributeName',
      'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
      'recorded',
      facts('A10 item 98'),
    );
  },
  /**
   * Out-of-range or malformed value: "Invalid value for the parameter VisibilityTimeout." is quoted
   * from real SQS (apache/airflow#65592) and "…Policy." too (hashicorp/terraform-provider-aws#42209);
   * the same form for other attributes is inferred (sqs-semantics.md section 3).
   */
  invalidAttributeValue(name: string): ExpectedError {
    const seen = name === 'VisibilityTimeout' || name === 'Policy';
    return expectedError(
      'InvalidAttributeValue',
      `Invalid value for the parameter ${name}.`,
      seen ? 'observed' : 'inferred',
      semantics('3 (apache/airflow#65592; hashicorp/terraform-provider-aws#42209)', 'observed'),
    );
  },
  /** Policy over 8,192 bytes: OverLimit (403) "Submitted policy is over max allowed size." (BishopFox/cloudfoxable#29, aws/aws-sdk-net#378). */
  policyTooLarge(): ExpectedError {
    return expectedError('OverLimit', 'Submitted policy is over max allowed size.', 'observed', semantics('3; 4.4; 13', 'observed'));
  },
  /** More than 20 statements: OverLimit, text by analogy with the observed 7-actions message. */
  policyTooManyStatements(count: number): ExpectedError {
    return expectedError('OverLimit', `${count} statements were found in the submitted policy, max allowed is 20`, 'inferred', semantics('3; 13', 'documented'));
  },
  /**
   * RedrivePolicy content errors are InvalidParameterValue "Value <json> for parameter RedrivePolicy
   * is invalid. Reason: …": the missing-maxReceiveCount reason is quoted from real SQS
   * (ansible-collections/community.aws#2321, rubyonjets/jets#101), and so are a missing DLQ and a DLQ
   * of the other type (the rule: section 3 and 5.5; texts from awslabs/aws-solutions-constructs#342,
   * byu-oit/handel#253 and user reports); the other reasons are inferred.
   */
  invalidRedrivePolicy(value: string, reason: RedrivePolicyProblem): ExpectedError {
    const text = redriveReason(reason);
    const target = reason.kind === 'target-missing' || reason.kind === 'type-mismatch';
    const inferredOnly = reason.kind === 'not-allowed';
    const seen = target || (reason.kind === 'missing' && reason.attribute === 'maxReceiveCount');
    return expectedError(
      'InvalidParameterValue',
      `Value ${value} for parameter RedrivePolicy is invalid. Reason: ${text}`,
      seen && !inferredOnly ? 'observed' : 'inferred',
      target ? semantics('3; 5.5 (aws-solutions-constructs#342, handel#253)', 'observed') : semantics('3 (community.aws#2321)', 'observed'),
    );
  },
  /** RedriveAllowPolicy shape errors (sqs-semantics.md section 3; texts inferred). */
  invalidRedriveAllowPolicy(value: string, reason: string): ExpectedError {
    return expectedError(
      'InvalidParameterValue',
      `Value ${value} for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't create the redrive allow policy. ${reason}`,
      'inferred',
      semantics('3'),
    );
  },
  /** FifoThroughputLimit=perMessageGroupId needs DeduplicationScope=messageGroup (sqs-semantics.md 3, [M]); text inferred. */
  throughputNeedsMessageGroupScope(): ExpectedError {
    return expectedError('InvalidAttributeValue', 'Invalid value for the parameter FifoThroughputLimit.', 'inferred', semantics('3'));
  },
  /** The Attributes member is not a map of strings (JSON shape error; text inferred). */
  attributesNotAMap(): ExpectedError {
    return expectedError('InvalidParameterValue', 'Invalid value for the parameter Attributes.', 'inferred', semantics('4.1; 4.4', 'inferred'));
  },
} as const;

function redriveReason(problem: RedrivePolicyProblem): string {
  switch (problem.kind) {
    case 'not-json':
      return 'Redrive policy is not a valid JSON map.';
    case 'missing':
      return `Redrive policy does not contain mandatory attribute: ${problem.attribute}.`;
    case 'max-receive-count':
      return `Invalid value for maxReceiveCount: ${String(problem.given)}, valid values are from 1 to 1000 both inclusive.`;
    case 'arn':
      return 'Dead-letter target ARN should be fully qualified ARN.';
    case 'extra-attributes':
      return 'Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn].';
    // The DLQ must exist and be of the source's type (section 3; 5.5).
    case 'target-missing':
      return 'Dead letter target does not exist.';
    case 'type-mismatch':
      return 'Dead-letter queue must be same type of queue as the source.';
    // The DLQ's RedriveAllowPolicy (sqs-semantics.md 3 [M]); text inferred.
    case 'not-allowed':
      return "The dead-letter queue's redrive allow policy does not allow this source queue.";
  }
}

// ---------------------------------------------------------------------------------------------
// Validation of an attribute map on CreateQueue / SetQueueAttributes

export interface AttributeValidationContext {
  op: 'CreateQueue' | 'SetQueueAttributes';
  /** The type of the queue being created or changed. */
  fifo: boolean;
  queueName?: string;
  /**
   * The queue an ARN names, when the caller knows its queues (the engine always, the checker for
   * the queues of a history): its type and RedriveAllowPolicy; `null` when it certainly does not
   * exist, `undefined` when unknown (then the target is not judged).
   */
  deadLetterTarget?: DeadLetterLookup;
  /** The ARN of the queue being changed, for the target's RedriveAllowPolicy. */
  sourceArn?: string;
}


const ok: Validation = { ok: true };
const fail = (error: ExpectedError): Validation => ({ ok: false, error });

function parseJsonObject(value: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** maxReceiveCount is accepted as a JSON number or a numeric string (sqs-semantics.md section 3). */
function toCount(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && INTEGER.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

/** `arn:<partition>:sqs:<region>:<account>:<queue name>` (sqs-semantics.md section 2). */
const QUEUE_ARN = /^arn:[a-z0-9-]+:sqs:[a-z0-9-]*:[0-9]*:[A-Za-z0-9_.-]{1,80}$/;

export function isQueueArn(value: string): boolean {
  return QUEUE_ARN.test(value);
}

function validateRedrivePolicy(value: string): Validation {
  if (value === '') return ok; // "" removes the policy (item 44)
  const policy = parseJsonObject(value);
  if (policy === undefined) return fail(attributeErrors.invalidRedrivePolicy(value, { kind: 'not-json' }));
  // The observed message for `{}` names maxReceiveCount, so it is checked first.
  if (!('maxReceiveCount' in policy)) return fail(attributeErrors.invalidRedrivePolicy(value, { kind: 'missing', attribute: 'maxReceiveCount' }));
  if (!('deadLetterTargetArn' in policy)) return fail(attributeErrors.invalidRedrivePolicy(value, { kind: 'missing', attribute: 'deadLetterTargetArn' }));
  const count = toCount(policy['maxReceiveCount']);
  if (count === undefined || !withinLimit(LIMITS.maxReceiveCount, count)) {
    return fail(attributeErrors.invalidRedrivePolicy(value, { kind: 'max-receive-count', given: policy['maxReceiveCount'] }));
  }
  const arn = policy['deadLetterTargetArn'];
  if (typeof arn !== 'string' || !isQueueArn(arn)) return fail(attributeErrors.invalidRedrivePolicy(value, { kind: 'arn' }));
  if (Object.keys(policy).length > 2) return fail(attributeErrors.invalidRedrivePolicy(value, { kind: 'extra-attributes' }));
  return ok;
}

function validateRedriveAllowPolicy(value: string): Validation {
  if (value === '') return ok;
  const policy = parseJsonObject(value);
  const unsupported = () => fail(attributeErrors.invalidRedriveAllowPolicy(value, "It's in an unsupported format."));
  if (policy === undefined) return unsupported();
  const permission = policy['redrivePermission'];
  if (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue') return unsupported();
  if (Object.keys(policy).some((k) => k !== 'redrivePermission' && k !== 'sourceQueueArns')) return unsupported();
  const arns = policy['sourceQueueArns'];
  if (arns !== undefined && (!Array.isArray(arns) || arns.some((a) => typeof a !== 'string'))) return unsupported();
  if (permission !== 'byQueue') {
    if (arns !== undefined) {
      return fail(attributeErrors.invalidRedriveAllowPolicy(value, 'To specify one or more source queue ARNs, you must set redrivePermission to byQueue.'));
    }
    return ok;
  }
  const count = Array.isArray(arns) ? arns.length : 0;
  if (count === 0) {
    return fail(attributeErrors.invalidRedriveAllowPolicy(value, 'When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values.'));
  }
  if (count > LIMITS.redriveAllowSourceQueueArns.max) {
    return fail(attributeErrors.invalidRedriveAllowPolicy(value, 'The maximum number of source queue ARNs you can specify is 10.'));
  }
  return ok;
}

function validatePolicy(value: string): Validation {
  if (value === '') return ok; // "" removes the policy (item 102)
  if (utf8Length(value) > LIMITS.policySize.max) return fail(attributeErrors.policyTooLarge());
  const policy = parseJsonObject(value);
  if (policy === undefined) return fail(attributeErrors.invalidAttributeValue('Policy'));
  const statements = policy['Statement'];
  if (Array.isArray(statements) && statements.length > LIMITS.policyStatements.max) {
    return fail(attributeErrors.policyTooManyStatements(statements.length));
  }
  return ok;
}

function validateValue(spec: QueueAttributeSpec, value: string): Validation {
  const rule = spec.value;
  switch (rule.kind) {
    case 'integer': {
      // Non-integers and out-of-range values alike (sqs-semantics.md section 3).
      if (!INTEGER.test(value)) return fail(attributeErrors.invalidAttributeValue(spec.name));
      return withinLimit(rule.limit, Number.parseInt(value, 10)) ? ok : fail(attributeErrors.invalidAttributeValue(spec.name));
    }
    case 'boolean':
      return value.toLowerCase() === 'true' || value.toLowerCase() === 'false' ? ok : fail(attributeErrors.invalidAttributeValue(spec.name));
    case 'enum':
      return rule.values.includes(value) ? ok : fail(attributeErrors.invalidAttributeValue(spec.name));
    case 'policy':
      return validatePolicy(value);
    case 'redrive-policy':
      return validateRedrivePolicy(value);
    case 'redrive-allow-policy':
      return validateRedriveAllowPolicy(value);
    case 'kms-key':
      return ok; // any key id, alias or ARN; "" removes it (item 97). Whether the key exists is KMS's business.
    default:
      return ok; // read-only and request-only names are refused before their value is looked at
  }
}

/** The rule for one attribute name on a write, before its value is considered. */
function validateName(name: string, value: string, ctx: AttributeValidationContext): Validation {
  const spec = queueAttributeSpec(name);
  // Unknown names (item 99). `All` and the read-only names are not writable either: same error,
  // wording inferred (sqs-semantics.md section 3 "RO").
  if (spec === undefined) return fail(attributeErrors.unknownAttribute(name));
  if (spec.access === 'read-only' || spec.access === 'request-only') return fail(attributeErrors.unknownAttribute(name, 'inferred'));

  if (name === 'FifoQueue') {
    // Standard queue: "Unknown Attribute FifoQueue." even for "false", on create and on set (items 100, 101).
    if (!ctx.fifo) return fail(attributeErrors.unknownAttribute(name));
    if (ctx.op === 'SetQueueAttributes' && value.toLowerCase() === 'false') return fail(attributeErrors.modifyingQueueType()); // item 101
    return ok;
  }
  if (spec.appliesTo === 'fifo' && !ctx.fifo) {
    // item 100 ([S] on CreateQueue); the same answers on SetQueueAttributes are inferred.
    const evidence: Evidence = ctx.op === 'CreateQueue' ? 'recorded' : 'inferred';
    if (name === 'DeduplicationScope' || name === 'FifoThroughputLimit') return fail(attributeErrors.fifoOnlyAttribute(name, evidence));
    return fail(attributeErrors.unknownAttribute(name, evidence));
  }
  return ok;
}

/**
 * Validates the `Attributes` map of CreateQueue or SetQueueAttributes, attribute by attribute in
 * request order (name, then value), then the rules that span attributes. Returns the first error.
 */
export function validateQueueAttributes(attrs: unknown, ctx: AttributeValidationContext): Validation {
  if (attrs === undefined || attrs === null) return ok;
  if (typeof attrs !== 'object' || Array.isArray(attrs)) return fail(attributeErrors.attributesNotAMap());
  const entries = Object.entries(attrs as Record<string, unknown>);

  for (const [name, raw] of entries) {
    if (typeof raw !== 'string') {
      // Attribute values travel as strings (sqs-semantics.md section 3).
      if (!isQueueAttributeName(name)) return fail(attributeErrors.unknownAttribute(name));
      return fail(attributeErrors.invalidAttributeValue(name));
    }
    const byName = validateName(name, raw, ctx);
    if (!byName.ok) return byName;
    const spec = queueAttributeSpec(name);
    if (spec !== undefined) {
      const byValue = validateValue(spec, raw);
      if (!byValue.ok) return byValue;
    }
  }

  const given = attrs as Record<string, unknown>;
  // One SSE mode at a time (item 98).
  const kmsKey = given['KmsMasterKeyId'];
  if (typeof kmsKey === 'string' && kmsKey !== '' && typeof given['SqsManagedSseEnabled'] === 'string' && isTrue(given['SqsManagedSseEnabled'])) {
    return fail(attributeErrors.sseMutuallyExclusive());
  }
  // perMessageGroupId only with messageGroup scope, when both are in the request (sqs-semantics.md 3, [M]).
  if (given['FifoThroughputLimit'] === 'perMessageGroupId' && given['DeduplicationScope'] === 'queue') {
    return fail(attributeErrors.throughputNeedsMessageGroupScope());
  }
  // The dead-letter queue a RedrivePolicy names: it exists, has the source's type, and its
  // RedriveAllowPolicy lets this source use it (sqs-semantics.md 3, 5.5; model/redrive.ts).
  const redrive = given['RedrivePolicy'];
  if (typeof redrive === 'string' && ctx.deadLetterTarget) {
    const problem = deadLetterProblem(ctx.fifo, redrive, ctx.deadLetterTarget, ctx.sourceArn);
    if (problem) return fail(attributeErrors.invalidRedrivePolicy(redrive, problem));
  }
  return ok;
}
