import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidNumberAttribute,
  validateChangeMessageVisibility,
  validateChangeMessageVisibilityBatch,
  validateChangeMessageVisibilityBatchEntry,
  validateCreateQueue,
  validateDeleteMessage,
  validateDeleteMessageBatch,
  validateDeleteMessageBatchEntry,
  validateGetQueueAttributes,
  validateQueueName,
  validateReceiveMessage,
  validateSendMessage,
  validateSendMessageBatch,
  validateSetQueueAttributes,
  type OperationInput,
  type SendQueue,
} from '../../src/spec/operations.js';
import type { Validation } from '../../src/spec/types.js';

const standard: SendQueue = {
  name: 'q',
  fifo: false,
  visibilityTimeout: 30,
  messageRetentionPeriod: 345_600,
  delaySeconds: 0,
  receiveMessageWaitTimeSeconds: 0,
  maximumMessageSize: 1_048_576,
};
const fifo: SendQueue = { ...standard, name: 'q.fifo', fifo: true };
const fifoCbd: SendQueue = { ...fifo, contentBasedDeduplication: true };
const small: SendQueue = { ...standard, maximumMessageSize: 1024 };

interface Row {
  why: string;
  input: OperationInput;
  code?: string;
  type?: string;
  status?: number;
  message?: string;
  evidence?: string;
}

function expectOutcome(v: Validation, row: Pick<Row, 'code' | 'type' | 'status' | 'message' | 'evidence'>): void {
  if (row.code === undefined) {
    expect(v).toEqual({ ok: true });
    return;
  }
  expect(v.ok).toBe(false);
  if (v.ok) return;
  expect(v.error.code).toBe(row.code);
  if (row.type !== undefined) expect(v.error.type).toBe(row.type);
  if (row.status !== undefined) expect(v.error.httpStatus).toBe(row.status);
  if (row.message !== undefined) expect(v.error.message).toBe(row.message);
  if (row.evidence !== undefined) expect(v.error.messageEvidence).toBe(row.evidence);
}

const invalidGroupReason = (p: string) => `${p} can only include alphanumeric and punctuation characters. 1 to 128 in length.`;

// ---------------------------------------------------------------------------------------------

describe('validateQueueName and validateCreateQueue (sqs-semantics.md 2, 4.1)', () => {
  const standardNameError = 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length';
  const fifoNameError = 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.';
  const rows: Row[] = [
    { why: 'plain standard name', input: { QueueName: 'my-queue_1' } },
    { why: '80 characters (sqs-semantics.md 2)', input: { QueueName: 'a'.repeat(80) } },
    { why: '81 characters', input: { QueueName: 'a'.repeat(81) }, code: 'InvalidParameterValue', message: standardNameError },
    // item 52 / botocore#3058: .fifo suffix without FifoQueue=true
    { why: 'standard with .fifo suffix (item 52)', input: { QueueName: 'x.fifo' }, code: 'InvalidParameterValue', message: standardNameError, evidence: 'observed' },
    // item 52: FifoQueue=true without the suffix
    { why: 'FIFO without suffix (item 52)', input: { QueueName: 'x', Attributes: { FifoQueue: 'true' } }, code: 'InvalidParameterValue', message: fifoNameError },
    { why: 'FIFO name of 80 with suffix', input: { QueueName: `${'a'.repeat(75)}.fifo`, Attributes: { FifoQueue: 'true' } } },
    { why: 'FIFO name of 81 with suffix', input: { QueueName: `${'a'.repeat(76)}.fifo`, Attributes: { FifoQueue: 'true' } }, code: 'InvalidParameterValue', message: fifoNameError },
    { why: 'slash in the name (item 109)', input: { QueueName: 'a/b' }, code: 'InvalidParameterValue' },
    { why: 'QueueName missing', input: {}, code: 'MissingParameter', type: 'MissingRequiredParameterException', message: 'The request must contain the parameter QueueName.' },
    // item 100: FifoQueue=false on create → standard queue with an unknown attribute
    { why: 'FifoQueue=false (item 100)', input: { QueueName: 'q', Attributes: { FifoQueue: 'false' } }, code: 'InvalidAttributeName', message: 'Unknown Attribute FifoQueue.' },
    { why: 'attributes are validated (sqs-semantics.md 3)', input: { QueueName: 'q', Attributes: { VisibilityTimeout: '-1' } }, code: 'InvalidAttributeValue' },
    // item 112: tags with empty values are fine
    { why: 'tags with an empty value (item 112)', input: { QueueName: 'q', tags: { team: '', Env: 'prod' } } },
    { why: 'reserved aws: tag prefix (sqs-semantics.md 2)', input: { QueueName: 'q', tags: { 'aws:x': 'y' } }, code: 'InvalidParameterValue' },
  ];
  it.each(rows)('$why', (row) => expectOutcome(validateCreateQueue(row.input), row));

  it('property: names of 1..80 allowed characters pass as standard, and fail as FIFO', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/), (name) => {
        expect(validateQueueName(name, false).ok).toBe(true);
        expect(validateQueueName(name, true).ok).toBe(false);
      }),
    );
  });

  it('property: a name with any other character fails on both types', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.constantFrom('/', ' ', '.', ':', 'é', '!'), fc.string({ maxLength: 30 }), (a, bad, b) => {
        const name = `${a}${bad}${b}`;
        expect(validateQueueName(name, false).ok).toBe(false);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateSendMessage: examples', () => {
  const rows: Array<Row & { queue?: SendQueue; replace?: boolean }> = [
    { why: 'plain message', input: { MessageBody: 'hello' } },
    // item 2 (recorded 2025-09-22)
    {
      why: 'no body (item 2)',
      input: {},
      code: 'MissingParameter',
      type: 'MissingRequiredParameterException',
      status: 400,
      message: 'The request must contain the parameter MessageBody.',
      evidence: 'recorded',
    },
    { why: 'empty body (item 2)', input: { MessageBody: '' }, code: 'MissingParameter', message: 'The request must contain the parameter MessageBody.' },
    // item 4 (code [V]); text observed (asim/nitro-plugins#437)
    {
      why: 'U+0007 in the body (item 4)',
      input: { MessageBody: 'a\u0007' },
      code: 'InvalidMessageContents',
      type: 'InvalidMessageContents',
      message: "Invalid binary character '#x7' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].",
    },
    { why: 'U+FFFF in the body (item 4)', input: { MessageBody: '\uFFFF' }, code: 'InvalidMessageContents' },
    { why: 'replace mode keeps messages with one valid character (sqs-semantics.md 6.1, 15)', input: { MessageBody: 'a\u0000' }, replace: true },
    { why: 'replace mode still refuses a body with no valid character', input: { MessageBody: '\u0000' }, replace: true, code: 'InvalidMessageContents' },
    // item 85: inclusive limit, recorded text
    { why: 'exactly the queue maximum (item 85)', input: { MessageBody: 'x'.repeat(1024) }, queue: small },
    {
      why: 'one byte over a 1024 maximum (item 85)',
      input: { MessageBody: 'x'.repeat(1025) },
      queue: small,
      code: 'InvalidParameterValue',
      type: 'InvalidParameterValueException',
      message: 'One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.',
      evidence: 'recorded',
    },
    {
      why: 'attributes count toward the size (item 85)',
      input: { MessageBody: 'x'.repeat(1000), MessageAttributes: { k: { DataType: 'String', StringValue: 'v'.repeat(18) } } },
      queue: small,
      code: 'InvalidParameterValue',
    },
    // DelaySeconds (sqs-semantics.md 4.7; items 32, 33)
    { why: 'DelaySeconds 900', input: { MessageBody: 'm', DelaySeconds: 900 } },
    {
      why: 'DelaySeconds 901 (aws-sdk-ruby#265 wording)',
      input: { MessageBody: 'm', DelaySeconds: 901 },
      code: 'InvalidParameterValue',
      message: 'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.',
      evidence: 'observed',
    },
    { why: 'DelaySeconds -1', input: { MessageBody: 'm', DelaySeconds: '-1' }, code: 'InvalidParameterValue', message: 'Value -1 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.' },
    {
      why: 'DelaySeconds 2 on FIFO (item 32)',
      input: { MessageBody: 'm', DelaySeconds: 2, MessageGroupId: 'g', MessageDeduplicationId: 'd' },
      queue: fifo,
      code: 'InvalidParameterValue',
      message: 'Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type.',
      evidence: 'recorded',
    },
    { why: 'DelaySeconds 0 on FIFO (item 33)', input: { MessageBody: 'm', DelaySeconds: 0, MessageGroupId: 'g', MessageDeduplicationId: 'd' }, queue: fifo },
    // FIFO ids (items 54, 56)
    {
      why: 'FIFO without MessageGroupId (item 54)',
      input: { MessageBody: 'm', MessageDeduplicationId: 'd' },
      queue: fifo,
      code: 'MissingParameter',
      type: 'MissingRequiredParameterException',
      message: 'The request must contain the parameter MessageGroupId.',
    },
    {
      why: 'FIFO without dedup id nor content-based dedup (item 54)',
      input: { MessageBody: 'm', MessageGroupId: 'g' },
      queue: fifo,
      code: 'InvalidParameterValue',
      message: 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    },
    { why: 'FIFO with content-based dedup needs no dedup id (item 57)', input: { MessageBody: 'm', MessageGroupId: 'g' }, queue: fifoCbd },
    {
      why: 'empty MessageGroupId on a standard queue (item 56)',
      input: { MessageBody: 'm', MessageGroupId: '' },
      code: 'InvalidParameterValue',
      message: `Value  for parameter MessageGroupId is invalid. Reason: ${invalidGroupReason('MessageGroupId')}`,
      evidence: 'recorded',
    },
    {
      why: 'MessageGroupId of 129 characters (item 56)',
      input: { MessageBody: 'm', MessageGroupId: 'a'.repeat(129) },
      code: 'InvalidParameterValue',
      message: `Value ${'a'.repeat(129)} for parameter MessageGroupId is invalid. Reason: ${invalidGroupReason('MessageGroupId')}`,
    },
    {
      why: 'MessageDeduplicationId with a space (item 56)',
      input: { MessageBody: 'm', MessageGroupId: 'g', MessageDeduplicationId: 'group 123' },
      queue: fifo,
      code: 'InvalidParameterValue',
      message: `Value group 123 for parameter MessageDeduplicationId is invalid. Reason: ${invalidGroupReason('MessageDeduplicationId')}`,
    },
    { why: '128 characters and punctuation pass (item 56)', input: { MessageBody: 'm', MessageGroupId: `${'a'.repeat(120)}!#$%&()*` }, queue: fifoCbd },
    { why: 'MessageGroupId on a standard queue: fair queues since 2025-07 (item 125)', input: { MessageBody: 'm', MessageGroupId: 'tenant-1' } },
    {
      why: 'MessageDeduplicationId on a standard queue (sqs-semantics.md 4.7)',
      input: { MessageBody: 'm', MessageDeduplicationId: 'd' },
      code: 'InvalidParameterValue',
      message: 'Value d for parameter MessageDeduplicationId is invalid. Reason: The request include parameter that is not valid for this queue type.',
      evidence: 'inferred',
    },
    // Message attributes (items 86-89; sqs-semantics.md 6.3)
    {
      why: 'empty String attribute (item 86)',
      input: { MessageBody: 'm', MessageAttributes: { ErrorDetails: { DataType: 'String', StringValue: '' } } },
      code: 'InvalidParameterValue',
      message: "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'.",
      evidence: 'recorded',
    },
    { why: 'U+0008 in a String value is InvalidParameterValue (item 87)', input: { MessageBody: 'm', MessageAttributes: { a: { DataType: 'String', StringValue: 'x\u0008' } } }, code: 'InvalidParameterValue' },
    { why: 'U+000B in a String value (item 87)', input: { MessageBody: 'm', MessageAttributes: { a: { DataType: 'String', StringValue: '\u000B' } } }, code: 'InvalidParameterValue' },
    { why: 'non-ASCII letters in a name pass (item 88)', input: { MessageBody: 'm', MessageAttributes: { 'attr.1øßä': { DataType: 'String', StringValue: 'v' } } } },
    { why: 'name starting with aws. (item 88)', input: { MessageBody: 'm', MessageAttributes: { 'aws.x': { DataType: 'String', StringValue: 'v' } } }, code: 'InvalidParameterValue' },
    { why: 'name starting with Amazon. (item 88)', input: { MessageBody: 'm', MessageAttributes: { 'Amazon.x': { DataType: 'String', StringValue: 'v' } } }, code: 'InvalidParameterValue' },
    { why: 'name starting with . (item 88)', input: { MessageBody: 'm', MessageAttributes: { '.x': { DataType: 'String', StringValue: 'v' } } }, code: 'InvalidParameterValue' },
    { why: 'name ending with . (item 88)', input: { MessageBody: 'm', MessageAttributes: { 'x.': { DataType: 'String', StringValue: 'v' } } }, code: 'InvalidParameterValue' },
    { why: 'name with ! (item 88)', input: { MessageBody: 'm', MessageAttributes: { 'a!b': { DataType: 'String', StringValue: 'v' } } }, code: 'InvalidParameterValue' },
    { why: 'name of 257 characters (item 88)', input: { MessageBody: 'm', MessageAttributes: { ['n'.repeat(257)]: { DataType: 'String', StringValue: 'v' } } }, code: 'InvalidParameterValue' },
    {
      why: 'data type must start with String, Number or Binary (item 88; grafana/k6-jslib-aws#65)',
      input: { MessageBody: 'm', MessageAttributes: { a: { DataType: 'string', StringValue: 'v' } } },
      code: 'InvalidParameterValue',
      message: "The type of message (user) attribute 'a' is invalid. You must use only the following supported type prefixes: Binary, Number, String.",
    },
    { why: 'custom label over 256 characters (item 88)', input: { MessageBody: 'm', MessageAttributes: { a: { DataType: `String.${'l'.repeat(256)}`, StringValue: 'v' } } }, code: 'InvalidParameterValue' },
    { why: 'Number with a custom label (item 89)', input: { MessageBody: 'm', MessageAttributes: { n: { DataType: 'Number.int', StringValue: '1614717034367' } } } },
    { why: 'Number that is not a number', input: { MessageBody: 'm', MessageAttributes: { n: { DataType: 'Number', StringValue: 'abc' } } }, code: 'InvalidParameterValue' },
    { why: 'Binary value (item 89)', input: { MessageBody: 'm', MessageAttributes: { b: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) } } } },
    { why: 'empty Binary value', input: { MessageBody: 'm', MessageAttributes: { b: { DataType: 'Binary', BinaryValue: new Uint8Array(0) } } }, code: 'InvalidParameterValue' },
    {
      why: '11 attributes (sqs-semantics.md 6.3; aws-sdk-js#2876)',
      input: { MessageBody: 'm', MessageAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }])) },
      code: 'InvalidParameterValue',
      message: 'Number of message attributes [11] exceeds the allowed maximum [10].',
    },
    // MessageSystemAttributes (sqs-semantics.md 4.7; item 93)
    { why: 'AWSTraceHeader (item 93)', input: { MessageBody: 'm', MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' } } } },
    { why: 'another system attribute', input: { MessageBody: 'm', MessageSystemAttributes: { SenderId: { DataType: 'String', StringValue: 'x' } } }, code: 'InvalidParameterValue' },
  ];
  it.each(rows)('$why', (row) => expectOutcome(validateSendMessage(row.input, row.queue ?? standard, row.replace === true ? { invalidCharacters: 'replace' } : undefined), row));
});

describe('validateSendMessage: properties', () => {
  it('DelaySeconds: 0..900 passes on a standard queue; any other integer fails with the DelaySeconds text', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 900 }), (d) => validateSendMessage({ MessageBody: 'm', DelaySeconds: d }, standard).ok));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 901 })), (d) => {
        expectOutcome(validateSendMessage({ MessageBody: 'm', DelaySeconds: d }, standard), {
          code: 'InvalidParameterValue',
          message: `Value ${d} for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.`,
        });
      }),
    );
  });

  it('size limit is inclusive: size == MaximumMessageSize passes, one byte more fails with the recorded text (item 85)', () => {
    const attr = fc.record({ name: fc.stringMatching(/^[a-z]{1,8}$/), value: fc.string({ minLength: 1, maxLength: 50, unit: 'grapheme-ascii' }) });
    fc.assert(
      fc.property(fc.integer({ min: 1024, max: 8192 }), fc.array(attr, { maxLength: 5 }), fc.constantFrom('a', 'é', '€'), (max, attrs, unit) => {
        const messageAttributes = Object.fromEntries(attrs.map((a) => [a.name, { DataType: 'String', StringValue: a.value }]));
        const attrBytes = Object.entries(messageAttributes).reduce((n, [k, v]) => n + k.length + v.DataType.length + v.StringValue.length, 0);
        const unitBytes = Buffer.byteLength(unit);
        const room = max - attrBytes;
        const body = unit.repeat(Math.floor(room / unitBytes)) + 'x'.repeat(room % unitBytes);
        const queue = { ...standard, maximumMessageSize: max };
        expect(validateSendMessage({ MessageBody: body, MessageAttributes: messageAttributes }, queue).ok).toBe(true);
        expectOutcome(validateSendMessage({ MessageBody: `${body}x`, MessageAttributes: messageAttributes }, queue), {
          code: 'InvalidParameterValue',
          message: `One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.`,
          evidence: 'recorded',
        });
      }),
    );
  });

  it('FIFO ids: 1..128 printable ASCII characters pass, anything with a space or control character fails (item 56)', () => {
    fc.assert(fc.property(fc.stringMatching(/^[\x21-\x7e]{1,128}$/), (id) => validateSendMessage({ MessageBody: 'm', MessageGroupId: id, MessageDeduplicationId: id }, fifo).ok));
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.constantFrom(' ', '\t', 'é'), (s, bad) => {
        const v = validateSendMessage({ MessageBody: 'm', MessageGroupId: `${s}${bad}` }, fifoCbd);
        return !v.ok && v.error.code === 'InvalidParameterValue';
      }),
    );
  });

  it('Number attribute values: integers and decimals of up to 38 digits pass', () => {
    fc.assert(fc.property(fc.integer(), (n) => isValidNumberAttribute(String(n))));
    const inRange = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e100, max: 1e100 }).filter((x) => x === 0 || Math.abs(x) >= 1e-100);
    fc.assert(fc.property(inRange, (x) => isValidNumberAttribute(String(x))));
    expect(isValidNumberAttribute('1'.repeat(39))).toBe(false);
    expect(isValidNumberAttribute('1e127')).toBe(false);
    expect(isValidNumberAttribute('1e-129')).toBe(false);
    expect(isValidNumberAttribute('0.000')).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateSendMessageBatch (sqs-semantics.md 4.8; items 55, 78-84)', () => {
  const entry = (Id: string, extra: OperationInput = {}): OperationInput => ({ Id, MessageBody: 'm', ...extra });
  const twenty = Array.from({ length: 20 }, (_, i) => entry(`e${i}`));

  const wholeRequest: Array<Row & { queue?: SendQueue }> = [
    // item 80: code [V]; text inferred
    { why: 'no entries (item 80)', input: { Entries: [] }, code: 'AWS.SimpleQueueService.EmptyBatchRequest', type: 'EmptyBatchRequest' },
    {
      why: '20 entries (item 78)',
      input: { Entries: twenty },
      code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      type: 'TooManyEntriesInBatchRequest',
      message: 'Maximum number of entries per request are 10. You have sent 20.',
      evidence: 'recorded',
    },
    {
      why: 'Id invalid:id (item 79)',
      input: { Entries: [entry('invalid:id')] },
      code: 'AWS.SimpleQueueService.InvalidBatchEntryId',
      message: 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    },
    { why: 'empty Id (item 79)', input: { Entries: [entry('')] }, code: 'AWS.SimpleQueueService.InvalidBatchEntryId' },
    { why: 'Id of 100 characters (item 79)', input: { Entries: [entry('i'.repeat(100))] }, code: 'AWS.SimpleQueueService.InvalidBatchEntryId' },
    { why: 'duplicate Ids (item 80; broadway_sqs#49 wording)', input: { Entries: [entry('a'), entry('a')] }, code: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct', message: 'Id a repeated.' },
    {
      why: 'payload of 1048577 bytes (item 81)',
      input: { Entries: [entry('a', { MessageBody: 'x'.repeat(524_288) }), entry('b', { MessageBody: 'x'.repeat(524_289) })] },
      code: 'AWS.SimpleQueueService.BatchRequestTooLong',
      message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.',
      evidence: 'recorded',
    },
    {
      why: 'FIFO entry without group id fails the whole request, as InvalidParameterValue (item 55)',
      input: { Entries: [entry('a', { MessageGroupId: 'g', MessageDeduplicationId: 'd' }), entry('b', { MessageDeduplicationId: 'e' })] },
      queue: fifo,
      code: 'InvalidParameterValue',
      message: 'The request must contain the parameter MessageGroupId.',
    },
    {
      why: 'FIFO entry without dedup id fails the whole request (item 55)',
      input: { Entries: [entry('a', { MessageGroupId: 'g' })] },
      queue: fifo,
      code: 'InvalidParameterValue',
      message: 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
    },
  ];
  it.each(wholeRequest)('$why', (row) => {
    const v = validateSendMessageBatch(row.input, row.queue ?? standard);
    expect(v.ok).toBe(false);
    if (!v.ok) expectOutcome({ ok: false, error: v.error }, row);
  });

  it('an entry over MaximumMessageSize fails alone, with "cannot be validated" (item 82)', () => {
    const v = validateSendMessageBatch({ Entries: [entry('big', { MessageBody: 'x'.repeat(1025) }), entry('ok')] }, small);
    expect(v.ok).toBe(true);
    if (!v.ok) return;
    expect(v.entries).toHaveLength(2);
    expectOutcome(v.entries[0] as Validation, {
      code: 'InvalidParameterValue',
      message: 'One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes.',
      evidence: 'recorded',
    });
    expect(v.entries[1]).toEqual({ ok: true });
  });

  it('an entry with an invalid character fails alone with InvalidMessageContents (item 83)', () => {
    const entries = Array.from({ length: 10 }, (_, i) => entry(`e${i}`, i === 3 ? { MessageBody: 'bad\u0000' } : {}));
    const v = validateSendMessageBatch({ Entries: entries }, standard);
    expect(v.ok && v.entries.map((e) => (e.ok ? 'ok' : e.error.code))).toEqual([...Array(3).fill('ok'), 'InvalidMessageContents', ...Array(6).fill('ok')]);
  });

  it('an entry exactly at the queue maximum, attributes included, passes (item 84)', () => {
    const q = { ...standard, maximumMessageSize: 2048 };
    const attrs = { k: { DataType: 'String', StringValue: 'v' } }; // 1 + 6 + 1 bytes
    const v = validateSendMessageBatch({ Entries: [entry('a', { MessageBody: 'x'.repeat(2040), MessageAttributes: attrs })] }, q);
    expect(v).toEqual({ ok: true, entries: [{ ok: true }] });
  });

  it('per-entry wrong-queue-type parameters fail the entry, not the request (sqs-semantics.md 4.8)', () => {
    const v = validateSendMessageBatch({ Entries: [entry('a', { DelaySeconds: 5, MessageGroupId: 'g', MessageDeduplicationId: 'd' }), entry('b', { MessageGroupId: 'g', MessageDeduplicationId: 'e' })] }, fifo);
    expect(v.ok && v.entries.map((e) => e.ok)).toEqual([false, true]);
  });

  it('property: 1..10 distinct valid entries give one result per entry; more than 10 is TooManyEntries', () => {
    const ids = fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,80}$/), { minLength: 1, maxLength: 15 });
    fc.assert(
      fc.property(ids, (list) => {
        const v = validateSendMessageBatch({ Entries: list.map((id) => entry(id)) }, standard);
        if (list.length <= 10) return v.ok && v.entries.length === list.length && v.entries.every((e) => e.ok);
        return !v.ok && v.error.message === `Maximum number of entries per request are 10. You have sent ${list.length}.`;
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('validateReceiveMessage (sqs-semantics.md 4.9; items 6, 7)', () => {
  const rows: Row[] = [
    { why: 'no parameters', input: {} },
    { why: 'query-protocol strings', input: { MaxNumberOfMessages: '10', WaitTimeSeconds: '20', VisibilityTimeout: '0' } },
    {
      why: 'MaxNumberOfMessages 11 (item 6)',
      input: { MaxNumberOfMessages: 11 },
      code: 'InvalidParameterValue',
      type: 'InvalidParameterValueException',
      message: 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
      evidence: 'recorded',
    },
    { why: 'MaxNumberOfMessages 0', input: { MaxNumberOfMessages: 0 }, code: 'InvalidParameterValue', message: 'Value 0 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.' },
    {
      why: 'WaitTimeSeconds 21 (item 7)',
      input: { WaitTimeSeconds: 21 },
      code: 'InvalidParameterValue',
      message: 'Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.',
      evidence: 'recorded',
    },
    { why: 'WaitTimeSeconds -1 (item 7)', input: { WaitTimeSeconds: -1 }, code: 'InvalidParameterValue', message: 'Value -1 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.' },
    {
      why: 'VisibilityTimeout 43201 (inferred text)',
      input: { VisibilityTimeout: 43_201 },
      code: 'InvalidParameterValue',
      message: 'Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided.',
      evidence: 'inferred',
    },
    { why: 'non-integer MaxNumberOfMessages: same text, wording inferred', input: { MaxNumberOfMessages: 'abc' }, code: 'InvalidParameterValue', evidence: 'inferred' },
    { why: 'ReceiveRequestAttemptId with a space', input: { ReceiveRequestAttemptId: 'a b' }, code: 'InvalidParameterValue' },
  ];
  it.each(rows)('$why', (row) => expectOutcome(validateReceiveMessage(row.input, standard), row));

  const ranges: Array<{ param: string; min: number; max: number; reason: string }> = [
    { param: 'MaxNumberOfMessages', min: 1, max: 10, reason: 'Must be between 1 and 10, if provided.' },
    { param: 'WaitTimeSeconds', min: 0, max: 20, reason: 'Must be >= 0 and <= 20, if provided.' },
    { param: 'VisibilityTimeout', min: 0, max: 43_200, reason: 'Must be >= 0 and <= 43200, if provided.' },
  ];
  it.each(ranges)('$param: every value in $min..$max passes; every integer outside fails with the exact text', ({ param, min, max, reason }) => {
    fc.assert(fc.property(fc.integer({ min, max }), fc.boolean(), (n, asString) => validateReceiveMessage({ [param]: asString ? String(n) : n }, standard).ok));
    fc.assert(
      fc.property(fc.oneof(fc.integer({ max: min - 1 }), fc.integer({ min: max + 1 })), (n) => {
        expectOutcome(validateReceiveMessage({ [param]: n }, standard), { code: 'InvalidParameterValue', message: `Value ${n} for parameter ${param} is invalid. Reason: ${reason}` });
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('DeleteMessage, ChangeMessageVisibility and their batches (sqs-semantics.md 4.10, 4.11)', () => {
  const handle = 'AQEB…';
  it('DeleteMessage needs a ReceiptHandle', () => {
    expect(validateDeleteMessage({ ReceiptHandle: handle })).toEqual({ ok: true });
    expectOutcome(validateDeleteMessage({}), { code: 'MissingParameter', message: 'The request must contain the parameter ReceiptHandle.' });
  });

  const cmv: Row[] = [
    { why: '0 terminates the timeout (item 19)', input: { ReceiptHandle: handle, VisibilityTimeout: 0 } },
    { why: '43200', input: { ReceiptHandle: handle, VisibilityTimeout: '43200' } },
    { why: 'missing VisibilityTimeout', input: { ReceiptHandle: handle }, code: 'MissingParameter', message: 'The request must contain the parameter VisibilityTimeout.' },
    { why: 'missing ReceiptHandle', input: { VisibilityTimeout: 5 }, code: 'MissingParameter' },
    { why: 'negative', input: { ReceiptHandle: handle, VisibilityTimeout: -1 }, code: 'InvalidParameterValue', evidence: 'inferred' },
    {
      why: 'over 43200: beyond the 12-hour cap (item 25)',
      input: { ReceiptHandle: handle, VisibilityTimeout: 43_201 },
      code: 'InvalidParameterValue',
      message: 'Value 43201 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]',
    },
  ];
  it.each(cmv)('ChangeMessageVisibility: $why', (row) => expectOutcome(validateChangeMessageVisibility(row.input), row));

  const tooMany = { Entries: Array.from({ length: 20 }, (_, i) => ({ Id: `e${i}`, ReceiptHandle: handle, VisibilityTimeout: 1 })) };
  it('20 entries fail the whole request, in both batch APIs (items 24, 78)', () => {
    for (const v of [validateDeleteMessageBatch(tooMany), validateChangeMessageVisibilityBatch(tooMany)]) {
      expectOutcome(v, { code: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', message: 'Maximum number of entries per request are 10. You have sent 20.' });
    }
  });
  it('an invalid Id fails before any handle is looked at (item 79)', () => {
    expectOutcome(validateDeleteMessageBatch({ Entries: [{ Id: 'testLongId'.repeat(10), ReceiptHandle: 'garbage' }] }), { code: 'AWS.SimpleQueueService.InvalidBatchEntryId' });
  });
  it('empty batches', () => {
    expectOutcome(validateDeleteMessageBatch({ Entries: [] }), { code: 'AWS.SimpleQueueService.EmptyBatchRequest', message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.' });
    expectOutcome(validateChangeMessageVisibilityBatch({}), { code: 'AWS.SimpleQueueService.EmptyBatchRequest' });
  });
  it('entry validators', () => {
    expect(validateDeleteMessageBatchEntry({ Id: 'a', ReceiptHandle: handle })).toEqual({ ok: true });
    expect(validateChangeMessageVisibilityBatchEntry({ Id: 'a', ReceiptHandle: handle })).toEqual({ ok: true });
    expectOutcome(validateChangeMessageVisibilityBatchEntry({ Id: 'a', ReceiptHandle: handle, VisibilityTimeout: -5 }), { code: 'InvalidParameterValue' });
  });
});

// ---------------------------------------------------------------------------------------------

describe('GetQueueAttributes and SetQueueAttributes (sqs-semantics.md 4.4)', () => {
  it('known names and All pass; unknown names fail (item 99)', () => {
    expect(validateGetQueueAttributes({ AttributeNames: ['All'] }).ok).toBe(true);
    expect(validateGetQueueAttributes({ AttributeNames: ['QueueArn', 'KmsMasterKeyId', 'ApproximateNumberOfMessages'] }).ok).toBe(true);
    expect(validateGetQueueAttributes({}).ok).toBe(true);
    expectOutcome(validateGetQueueAttributes({ AttributeNames: ['QueueArn', 'Foobar'] }), {
      code: 'InvalidAttributeName',
      type: 'InvalidAttributeName',
      status: 400,
      message: 'Unknown Attribute Foobar.',
      evidence: 'recorded',
    });
  });

  it('SetQueueAttributes needs Attributes and applies the queue type (items 35, 101)', () => {
    expectOutcome(validateSetQueueAttributes({}, standard), { code: 'MissingParameter' });
    expect(validateSetQueueAttributes({ Attributes: { DelaySeconds: '420' } }, standard)).toEqual({ ok: true });
    expectOutcome(validateSetQueueAttributes({ Attributes: { FifoQueue: 'false' } }, standard), { code: 'InvalidAttributeName', message: 'Unknown Attribute FifoQueue.' });
    expectOutcome(validateSetQueueAttributes({ Attributes: { FifoQueue: 'false' } }, fifo), {
      code: 'InvalidAttributeValue',
      message: 'Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported.',
    });
    expect(validateSetQueueAttributes({ Attributes: { ContentBasedDeduplication: 'false' } }, fifo)).toEqual({ ok: true }); // item 62
  });
});
