import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MAXIMUM_MESSAGE_SIZE,
  QUEUE_ATTRIBUTES,
  QUEUE_ATTRIBUTE_NAMES,
  defaultAttributes,
  parseRedrivePolicy,
  queueConfigFromAttributes,
  validateQueueAttributes,
  type AttributeValidationContext,
} from '../../src/spec/attributes.js';
import type { Validation } from '../../src/spec/types.js';

/** The repository root: the nearest folder above this file with the project's package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (dirname(dir) !== dir) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sqs-conformance') return dir;
    dir = dirname(dir);
  }
  return dir;
}
const modelPath = join(repoRoot(), '..', 'shared', 'aws-models', 'sqs.json');
const haveModel = existsSync(modelPath);

const create = (fifo = false): AttributeValidationContext => ({ op: 'CreateQueue', fifo });
const set = (fifo = false): AttributeValidationContext => ({ op: 'SetQueueAttributes', fifo });

function errorOf(v: Validation): { code: string; message: string; evidence: string } | undefined {
  return v.ok ? undefined : { code: v.error.code, message: v.error.message, evidence: v.error.messageEvidence };
}

describe('QUEUE_ATTRIBUTES table (sqs-semantics.md section 3)', () => {
  it('has one row per QueueAttributeName, with a source', () => {
    expect(QUEUE_ATTRIBUTES.map((a) => a.name).sort()).toEqual([...QUEUE_ATTRIBUTE_NAMES].sort());
    for (const a of QUEUE_ATTRIBUTES) expect(a.source.section.length).toBeGreaterThan(0);
  });

  const modelTitle = haveModel
    ? 'names are exactly the QueueAttributeName enum of the API model'
    : `SKIPPED: API model not found at ${modelPath}, so the enum comparison was skipped`;
  it.skipIf(!haveModel)(modelTitle, () => {
    const model = JSON.parse(readFileSync(modelPath, 'utf8')) as { shapes: Record<string, { members: Record<string, { traits?: Record<string, unknown> }> }> };
    const members = model.shapes['com.amazonaws.sqs#QueueAttributeName']?.members ?? {};
    const names = Object.values(members).map((m) => m.traits?.['smithy.api#enumValue']);
    expect([...QUEUE_ATTRIBUTE_NAMES].sort()).toEqual(names.sort());
  });
});

describe('defaultAttributes (aws-recorded-facts.md items 53, 96)', () => {
  it('standard: the recorded GetQueueAttributes(All) of a new queue, minus timestamps and ARN', () => {
    // item 96, recorded 2025-12-10
    expect(defaultAttributes('standard')).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesDelayed: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
      SqsManagedSseEnabled: 'true',
      VisibilityTimeout: '30',
    });
  });

  it('with a timestamp and an ARN it has the 12 recorded keys', () => {
    const all = defaultAttributes('standard', { createdTimestamp: 1_700_000_000, queueArn: 'arn:aws:sqs:us-east-1:111111111111:q' });
    expect(Object.keys(all)).toHaveLength(12);
    expect(all['CreatedTimestamp']).toBe('1700000000');
  });

  it('fifo adds ContentBasedDeduplication=false, DeduplicationScope=queue, FifoQueue=true, FifoThroughputLimit=perQueue (item 53)', () => {
    const fifo = defaultAttributes('fifo');
    expect(fifo).toMatchObject({ ContentBasedDeduplication: 'false', DeduplicationScope: 'queue', FifoQueue: 'true', FifoThroughputLimit: 'perQueue' });
    expect(Object.keys(fifo)).toHaveLength(13);
  });

  it('the default MaximumMessageSize is configurable (sqs-semantics.md 14 N23)', () => {
    expect(defaultAttributes('standard', { defaultMaximumMessageSize: 262_144 })['MaximumMessageSize']).toBe('262144');
    expect(DEFAULT_MAXIMUM_MESSAGE_SIZE).toBe(1_048_576);
  });
});

describe('queueConfigFromAttributes', () => {
  it('defaults for missing attributes', () => {
    expect(queueConfigFromAttributes('q', {})).toMatchObject({
      name: 'q',
      fifo: false,
      visibilityTimeout: 30,
      messageRetentionPeriod: 345_600,
      delaySeconds: 0,
      receiveMessageWaitTimeSeconds: 0,
      maximumMessageSize: 1_048_576,
    });
    expect(queueConfigFromAttributes('q', {}, { defaultMaximumMessageSize: 262_144 }).maximumMessageSize).toBe(262_144);
  });

  it('numbers from strings, fifo from FifoQueue or the .fifo name, and the redrive policy', () => {
    const c = queueConfigFromAttributes('q', {
      VisibilityTimeout: '5',
      DelaySeconds: '2',
      MaximumMessageSize: '1024',
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:111111111111:dlq","maxReceiveCount":"3"}',
    });
    expect(c).toMatchObject({ fifo: true, visibilityTimeout: 5, delaySeconds: 2, maximumMessageSize: 1024, contentBasedDeduplication: true });
    expect(c.redrivePolicy).toEqual({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:111111111111:dlq', maxReceiveCount: 3 });
    expect(queueConfigFromAttributes('x.fifo', {}).fifo).toBe(true);
  });

  it('maxReceiveCount as JSON number or numeric string (sqs-semantics.md 3; item 44)', () => {
    expect(parseRedrivePolicy('{"deadLetterTargetArn":"a","maxReceiveCount":5}')?.maxReceiveCount).toBe(5);
    expect(parseRedrivePolicy('{"deadLetterTargetArn":"a","maxReceiveCount":"5"}')?.maxReceiveCount).toBe(5);
    expect(parseRedrivePolicy('')).toBeUndefined();
  });
});

describe('validateQueueAttributes: examples', () => {
  const dlq = 'arn:aws:sqs:us-east-1:111111111111:dlq';
  const rows: Array<{ why: string; attrs: unknown; ctx: AttributeValidationContext; code?: string; message?: string }> = [
    { why: 'valid standard attributes', attrs: { VisibilityTimeout: '60', DelaySeconds: '420', MessageRetentionPeriod: '604800' }, ctx: create() }, // items 35, 38
    { why: 'no attributes', attrs: undefined, ctx: create() },
    // item 99 / 100: unknown names
    { why: 'unknown name (item 99)', attrs: { Foobar: 'x' }, ctx: create(), code: 'InvalidAttributeName', message: 'Unknown Attribute Foobar.' },
    // item 100: FIFO attributes on a standard create
    { why: 'FifoQueue=false on standard create (item 100)', attrs: { FifoQueue: 'false' }, ctx: create(), code: 'InvalidAttributeName', message: 'Unknown Attribute FifoQueue.' },
    {
      why: 'ContentBasedDeduplication on standard (item 100)',
      attrs: { ContentBasedDeduplication: 'true' },
      ctx: create(),
      code: 'InvalidAttributeName',
      message: 'Unknown Attribute ContentBasedDeduplication.',
    },
    {
      why: 'DeduplicationScope on standard (item 100)',
      attrs: { DeduplicationScope: 'messageGroup' },
      ctx: create(),
      code: 'InvalidAttributeName',
      message: 'You can specify the DeduplicationScope only when FifoQueue is set to true.',
    },
    {
      why: 'FifoThroughputLimit on standard (item 100)',
      attrs: { FifoThroughputLimit: 'perMessageGroupId' },
      ctx: create(),
      code: 'InvalidAttributeName',
      message: 'You can specify the FifoThroughputLimit only when FifoQueue is set to true.',
    },
    // item 101: FifoQueue on SetQueueAttributes
    { why: 'set FifoQueue on standard (item 101)', attrs: { FifoQueue: 'true' }, ctx: set(), code: 'InvalidAttributeName', message: 'Unknown Attribute FifoQueue.' },
    { why: 'set FifoQueue=true on FIFO is a no-op (item 101)', attrs: { FifoQueue: 'true' }, ctx: set(true) },
    {
      why: 'set FifoQueue=false on FIFO (item 101)',
      attrs: { FifoQueue: 'false' },
      ctx: set(true),
      code: 'InvalidAttributeValue',
      message: 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
    },
    // item 98: one SSE mode
    {
      why: 'KMS and SQS SSE together (item 98)',
      attrs: { KmsMasterKeyId: 'testKeyId', SqsManagedSseEnabled: 'true' },
      ctx: set(),
      code: 'InvalidAttributeName',
      message: 'You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE.',
    },
    { why: 'KMS key removal with reuse period (item 97)', attrs: { KmsMasterKeyId: '', KmsDataKeyReusePeriodSeconds: '300' }, ctx: set() },
    // sqs-semantics.md 3: out of range → InvalidAttributeValue "Invalid value for the parameter X." (apache/airflow#65592)
    { why: 'VisibilityTimeout 43201', attrs: { VisibilityTimeout: '43201' }, ctx: create(), code: 'InvalidAttributeValue', message: 'Invalid value for the parameter VisibilityTimeout.' },
    { why: 'MessageRetentionPeriod 59', attrs: { MessageRetentionPeriod: '59' }, ctx: create(), code: 'InvalidAttributeValue', message: 'Invalid value for the parameter MessageRetentionPeriod.' },
    { why: 'MaximumMessageSize 1023', attrs: { MaximumMessageSize: '1023' }, ctx: set(), code: 'InvalidAttributeValue', message: 'Invalid value for the parameter MaximumMessageSize.' },
    { why: 'DelaySeconds not an integer', attrs: { DelaySeconds: '1.5' }, ctx: create(), code: 'InvalidAttributeValue', message: 'Invalid value for the parameter DelaySeconds.' },
    { why: 'read-only name on a write (sqs-semantics.md 3 RO)', attrs: { QueueArn: 'x' }, ctx: create(), code: 'InvalidAttributeName', message: 'Unknown Attribute QueueArn.' },
    // Policy (items 102; sqs-semantics.md 3, 13)
    { why: 'Policy "" removes it (item 102)', attrs: { Policy: '' }, ctx: set() },
    { why: 'Policy not JSON (terraform-provider-aws#42209)', attrs: { Policy: 'nope' }, ctx: set(), code: 'InvalidAttributeValue', message: 'Invalid value for the parameter Policy.' },
    { why: 'Policy over 8192 bytes → OverLimit', attrs: { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'x'.repeat(8200) }) }, ctx: set(), code: 'OverLimit' },
    // RedrivePolicy (sqs-semantics.md 3; items 44)
    { why: 'RedrivePolicy "" removes it (item 44)', attrs: { RedrivePolicy: '' }, ctx: set() },
    { why: 'RedrivePolicy valid, count as string', attrs: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq, maxReceiveCount: '5' }) }, ctx: create() },
    {
      why: 'RedrivePolicy {} → mandatory maxReceiveCount (community.aws#2321)',
      attrs: { RedrivePolicy: '{}' },
      ctx: set(),
      code: 'InvalidParameterValue',
      message: 'Value {} for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain mandatory attribute: maxReceiveCount.',
    },
    { why: 'maxReceiveCount 0', attrs: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq, maxReceiveCount: 0 }) }, ctx: create(), code: 'InvalidParameterValue' },
    { why: 'maxReceiveCount 1001', attrs: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq, maxReceiveCount: 1001 }) }, ctx: create(), code: 'InvalidParameterValue' },
    // RedriveAllowPolicy (sqs-semantics.md 3; item 45)
    { why: 'RedriveAllowPolicy allowAll (item 45)', attrs: { RedriveAllowPolicy: '{"redrivePermission":"allowAll"}' }, ctx: set() },
    { why: 'byQueue without ARNs', attrs: { RedriveAllowPolicy: '{"redrivePermission":"byQueue"}' }, ctx: set(), code: 'InvalidParameterValue' },
    {
      why: 'byQueue with 11 ARNs',
      attrs: { RedriveAllowPolicy: JSON.stringify({ redrivePermission: 'byQueue', sourceQueueArns: Array.from({ length: 11 }, (_, i) => `${dlq}${i}`) }) },
      ctx: set(),
      code: 'InvalidParameterValue',
    },
    { why: 'unknown permission', attrs: { RedriveAllowPolicy: '{"redrivePermission":"some"}' }, ctx: set(), code: 'InvalidParameterValue' },
    // FIFO attributes on a FIFO queue (items 53, 60, 62)
    { why: 'FIFO create with its attributes', attrs: { FifoQueue: 'true', ContentBasedDeduplication: 'true', DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' }, ctx: create(true) },
    { why: 'DeduplicationScope enum', attrs: { DeduplicationScope: 'group' }, ctx: set(true), code: 'InvalidAttributeValue', message: 'Invalid value for the parameter DeduplicationScope.' },
    { why: 'non-string value', attrs: { VisibilityTimeout: 30 }, ctx: create(), code: 'InvalidAttributeValue', message: 'Invalid value for the parameter VisibilityTimeout.' },
  ];
  it.each(rows)('$why', ({ attrs, ctx, code, message }) => {
    const e = errorOf(validateQueueAttributes(attrs, ctx));
    if (code === undefined) expect(e).toBeUndefined();
    else {
      expect(e?.code).toBe(code);
      if (message !== undefined) expect(e?.message).toBe(message);
    }
  });
});

describe('validateQueueAttributes: properties', () => {
  const integerAttributes: Array<{ name: string; min: number; max: number }> = [
    { name: 'DelaySeconds', min: 0, max: 900 },
    { name: 'MaximumMessageSize', min: 1024, max: 1_048_576 },
    { name: 'MessageRetentionPeriod', min: 60, max: 1_209_600 },
    { name: 'ReceiveMessageWaitTimeSeconds', min: 0, max: 20 },
    { name: 'VisibilityTimeout', min: 0, max: 43_200 },
    { name: 'KmsDataKeyReusePeriodSeconds', min: 60, max: 86_400 },
  ];

  it.each(integerAttributes)('$name: every value in $min..$max passes, on create and set', ({ name, min, max }) => {
    fc.assert(
      fc.property(fc.integer({ min, max }), fc.boolean(), (n, fifo) => {
        expect(validateQueueAttributes({ [name]: String(n) }, create(fifo)).ok).toBe(true);
        expect(validateQueueAttributes({ [name]: String(n) }, set(fifo)).ok).toBe(true);
      }),
    );
  });

  it.each(integerAttributes)('$name: every integer outside $min..$max fails with InvalidAttributeValue', ({ name, min, max }) => {
    const outside = fc.oneof(fc.integer({ min: -1_000_000_000, max: min - 1 }), fc.integer({ min: max + 1, max: 2_000_000_000 }));
    fc.assert(
      fc.property(outside, (n) => {
        const e = errorOf(validateQueueAttributes({ [name]: String(n) }, create()));
        expect(e).toEqual({ code: 'InvalidAttributeValue', message: `Invalid value for the parameter ${name}.`, evidence: expect.any(String) });
      }),
    );
  });

  it('any name outside the enum is an unknown attribute', () => {
    const known = new Set<string>(QUEUE_ATTRIBUTE_NAMES);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => !known.has(s)),
        (name) => {
          const e = errorOf(validateQueueAttributes({ [name]: '1' }, set()));
          expect(e?.code).toBe('InvalidAttributeName');
          expect(e?.message).toBe(`Unknown Attribute ${name}.`);
        },
      ),
    );
  });
});
