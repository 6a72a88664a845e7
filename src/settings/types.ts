// Settings checks: the vocabulary. A settings model is what the rules look at (queues, their
// dead-letter pairs, their consumers and access policies), read from a CloudFormation template, a
// cdk.out directory or live queues; a rule turns it into findings. PURE: types only.

/** `error`: AWS rejects it or it breaks a documented correctness requirement; `warning`: against an AWS recommendation; `info`: worth knowing. */
export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Where a queue was read from. */
export interface ResourceLocation {
  /** Template file, cdk.out template, or the queue URL for live queues. */
  file?: string;
  /** Stack name (cdk.out) or undefined. */
  stack?: string;
  /** CloudFormation logical id, or undefined for live queues. */
  logicalId?: string;
  /** CDK construct path (aws:cdk:path metadata), when the template has it. */
  constructPath?: string;
  /** 1-based line of the resource in the file, when known (for SARIF). */
  line?: number;
}

/** An attribute value as the rules see it: the SQS attribute string, or `unresolved` (an intrinsic the reader cannot evaluate). */
export type AttributeValue = string | { unresolved: string };

/** A reference to another queue: one in the model (by id), or an ARN or expression outside it. */
export type QueueRef = { id: string } | { external: string };

export interface RedriveModel {
  target: QueueRef;
  /** undefined when unresolved or malformed. */
  maxReceiveCount?: number;
  /** The policy as written (for messages and range checks). */
  raw: AttributeValue;
}

export interface RedriveAllowModel {
  permission?: string;
  sources: QueueRef[];
  raw: AttributeValue;
}

/** One IAM policy statement, as far as the rules need it. */
export interface PolicyStatement {
  effect: string;
  /** Principal as written: "*", {"AWS": …}, {"Service": …}. */
  principal: unknown;
  actions: string[];
  condition?: Record<string, Record<string, unknown>>;
}

export interface Suppression {
  /** A rule id (`P1`) or one of its external ids (`AwsSolutions-SQS3`). */
  id: string;
  reason: string;
  /** Where it was given: the command line, the resource metadata, a CDK Aspect prop. */
  origin: 'cli' | 'metadata' | 'cdk-nag-metadata' | 'aspect';
  /** For command-line suppressions: only this queue (id, logical id, name or URL). */
  resource?: string;
}

export interface QueueModel {
  /** Stable id within the model: the logical id (templates) or the queue URL (live). */
  id: string;
  /** Queue name when known (a literal QueueName, or the live name). */
  name?: string;
  /** ARN when known (live queues). */
  arn?: string;
  fifo: boolean;
  /** The settable SQS attributes that were given (names as in GetQueueAttributes), others absent. */
  attributes: Partial<Record<string, AttributeValue>>;
  redrive?: RedriveModel;
  redriveAllow?: RedriveAllowModel;
  /** Statements of every queue policy that applies to this queue. */
  policy: PolicyStatement[];
  /** True when the access policy is known (a template lists every QueuePolicy; live queues show Policy). */
  policyKnown: boolean;
  tags: Record<string, string>;
  suppressions: Suppression[];
  location: ResourceLocation;
  /**
   * Live only: the queue is another queue's DLQ according to ListDeadLetterSourceQueues (sources
   * outside the model included).
   */
  knownDeadLetterFor?: number;
  /** Queues read only because a checked queue refers to them: their own findings are not reported. */
  contextOnly?: boolean;
}

/** A consumer that the rules know about: a Lambda event source mapping (template) or a declared one (live). */
export interface ConsumerModel {
  id: string;
  kind: 'lambda-esm';
  queue: QueueRef;
  /** Function timeout in seconds (Lambda default 3), undefined when unresolved. */
  functionTimeout?: number;
  functionId?: string;
  batchSize?: number;
  location: ResourceLocation;
}

export interface SettingsModel {
  /** What was read: a template file, a cdk.out directory, live queues. */
  source: { kind: 'template' | 'cdk-out' | 'live' | 'cdk-aspect'; path?: string };
  queues: QueueModel[];
  consumers: ConsumerModel[];
  /** Lambda functions whose DeadLetterConfig names a queue (that queue is then a DLQ). */
  lambdaDeadLetterTargets: QueueRef[];
  /** Queue ids that have a CloudWatch alarm on their depth (templates only). */
  alarmedQueues: Set<string>;
  /** True when alarms can be seen (templates); rules about alarms stay silent otherwise. */
  alarmsKnown: boolean;
  /** Problems met while reading (an unreadable resource); reported, never fatal. */
  notes: string[];
}

/** Inputs some rules need besides the settings. */
export interface CheckOptions {
  /** R4: the longest consumer outage the queues must survive, in seconds. */
  outageBudgetSeconds?: number;
}

/** What a rule returns for one queue. */
export interface Issue {
  message: string;
  /** Overrides the rule's severity for this finding. */
  severity?: Severity;
  /** Other queues or consumers involved (ids). */
  related?: string[];
  /** The observed values the finding is about. */
  values?: Record<string, string | number | boolean>;
}

export interface RuleContext {
  model: SettingsModel;
  options: CheckOptions;
}

export interface RuleMeta {
  /** Stable id from settings-rules.md (V1, R1, D3, …) or our own (A1). */
  id: string;
  /** Short name, kebab-case. */
  name: string;
  title: string;
  severity: Severity;
  /** Why it matters and what to do, a few sentences. */
  explanation: string;
  /** Where the rule comes from (settings-rules.md row and its AWS source). */
  source: string;
  /** The same check in other tools (cdk-nag, AWS Config, Security Hub, Control Tower). */
  external: string[];
}

export interface Rule extends RuleMeta {
  /** PURE: the issues of one queue, given the whole model. */
  check(queue: QueueModel, ctx: RuleContext): Issue[];
}

export interface Finding {
  ruleId: string;
  ruleName: string;
  severity: Severity;
  message: string;
  /** The queue (model id) and where it was read from. */
  resource: string;
  resourceName?: string;
  location: ResourceLocation;
  related: string[];
  values: Record<string, string | number | boolean>;
  external: string[];
  source: string;
  suppressed?: { reason: string; origin: Suppression['origin']; by: string };
}

export interface CheckResult {
  model: SettingsModel;
  findings: Finding[];
  /** Unsuppressed findings by severity. */
  counts: Record<Severity, number>;
  suppressedCount: number;
}
