// Parameter validation of each SQS operation: given a request (as the SDK shapes it) and, where
// it matters, the queue's settings, the exact error AWS answers or ok. Everything that needs the
// queue's state (receipt handles, existence, the 12-hour cap) lives in ./model and the engine.
// Each rule cites its source; `messageEvidence` says how sure we are of the wording: `recorded`
// only when the text is in ../shared/aws-recorded or quoted by aws-recorded-facts.md from [S]/[V].
// PURE.
import { attributeErrors, isQueueAttributeName, isTrue, validateQueueAttributes, type DeadLetterLookup } from './attributes.js';
import { expectedError } from './errors.js';
import { visibilityCapError } from './model/message.js';
import { LIMITS, withinLimit, type LimitEntry } from './limits.js';
import { base64ByteLength, firstInvalidChar, isAllowedCodePoint, utf8Length } from './message.js';
import type { Evidence, ExpectedError, QueueConfig, SourceRef, Validation } from './types.js';

// ---------------------------------------------------------------------------------------------
// Shared vocabulary

/** A request as the SDK shapes it (JSON member names); values are untrusted. */
export type OperationInput = Record<string, unknown>;

/** The queue settings the send rules need; `contentBasedDeduplication` defaults to false. */
export type SendQueue = QueueConfig & { contentBasedDeduplication?: boolean };

export interface SendOptions {
  /**
   * What to do with characters outside the XML 1.0 set: `reject` (current docs, since 2025-09) or
   * `replace` with U+FFFD (documented 2024-06..2025-09). sqs-semantics.md 6.1, 14 N22, 15.
   */
  invalidCharacters?: 'reject' | 'replace';
  /** Total payload limit of one SendMessageBatch; 262144 for targets that predate 2025-08. */
  maxBatchPayload?: number;
}

/** Whole-request failure, or one Validation per entry (the entry's `Failed` record when not ok). */
export type BatchValidation = { ok: false; error: ExpectedError } | { ok: true; entries: Validation[] };

const ok: Validation = { ok: true };
const fail = (error: ExpectedError): Validation => ({ ok: false, error });

const facts = (section: string, evidence: Evidence = 'recorded'): SourceRef => ({ file: 'aws-recorded-facts.md', section, evidence });
const semantics = (section: string, evidence: Evidence = 'documented'): SourceRef => ({ file: 'sqs-semantics.md', section, evidence });

const XML_CHAR_SET = '#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]';

// ---------------------------------------------------------------------------------------------
// Error texts (data: one builder per AWS message)

export const operationErrors = {
  /**
   * "The request must contain the parameter MessageBody." is recorded (item 2), the MessageGroupId
   * variant too (item 54); for other parameters the same form is inferred.
   */
  missingParameter(parameter: string, evidence: Evidence = 'inferred'): ExpectedError {
    return expectedError('MissingParameter', `The request must contain the parameter ${parameter}.`, evidence, facts('A1 item 2; A7 item 54', evidence));
  },
  /** "Value <v> for parameter <P> is invalid. Reason: <reason>" (items 6, 7, 32, 56). */
  invalidParameter(parameter: string, value: string, reason: string, evidence: Evidence, source: SourceRef): ExpectedError {
    return expectedError('InvalidParameterValue', `Value ${value} for parameter ${parameter} is invalid. Reason: ${reason}`, evidence, source);
  },
  /** Message over the queue's MaximumMessageSize, single send (item 85) or batch entry (item 82). */
  messageTooLong(maximumMessageSize: number, context: 'single' | 'batch'): ExpectedError {
    const verb = context === 'single' ? 'are invalid' : 'cannot be validated';
    return expectedError(
      'InvalidParameterValue',
      `One or more parameters ${verb}. Reason: Message must be shorter than ${maximumMessageSize} bytes.`,
      'recorded',
      facts(context === 'single' ? 'A9 item 85' : 'A8 item 82'),
    );
  },
  /**
   * A body character outside the XML 1.0 set (item 4 [V] pins the code). The text is quoted from
   * real SQS (asim/nitro-plugins#437, Particular/NServiceBus.AmazonSQS#2630): upper-case hex, no padding.
   */
  invalidMessageContents(codePoint: number): ExpectedError {
    return expectedError(
      'InvalidMessageContents',
      `Invalid binary character '#x${codePoint.toString(16).toUpperCase()}' was found in the message body, the set of allowed characters is ${XML_CHAR_SET}.`,
      'observed',
      facts('A1 item 4', 'recorded'),
    );
  },
  /** FIFO without MessageGroupId: MissingParameter on SendMessage (item 54), InvalidParameterValue for a batch (item 55). */
  groupIdRequired(context: 'single' | 'batch'): ExpectedError {
    const text = 'The request must contain the parameter MessageGroupId.';
    return context === 'single'
      ? expectedError('MissingParameter', text, 'recorded', facts('A7 item 54'))
      : expectedError('InvalidParameterValue', text, 'recorded', facts('A7 item 55'));
  },
  /** FIFO without MessageDeduplicationId and without content-based deduplication (items 54, 55). */
  deduplicationIdRequired(): ExpectedError {
    return expectedError(
      'InvalidParameterValue',
      'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly',
      'recorded',
      facts('A7 items 54, 55'),
    );
  },
  /** MessageGroupId / MessageDeduplicationId syntax (item 56 [S]); ReceiveRequestAttemptId by analogy. */
  fifoIdFormat(parameter: 'MessageGroupId' | 'MessageDeduplicationId' | 'ReceiveRequestAttemptId', value: string): ExpectedError {
    const recorded = parameter !== 'ReceiveRequestAttemptId';
    return operationErrors.invalidParameter(
      parameter,
      value,
      `${parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
      recorded ? 'recorded' : 'inferred',
      facts('A7 item 56', recorded ? 'recorded' : 'inferred'),
    );
  },
  /** A parameter the queue type does not take: DelaySeconds on FIFO is recorded (item 32); the rest by analogy. */
  notValidForQueueType(parameter: string, value: string): ExpectedError {
    const recorded = parameter === 'DelaySeconds';
    return operationErrors.invalidParameter(
      parameter,
      value,
      'The request include parameter that is not valid for this queue type.',
      recorded ? 'recorded' : 'inferred',
      recorded ? facts('A4 item 32') : semantics('4.7', 'observed'),
    );
  },
  /**
   * DelaySeconds out of 0..900: the wording is quoted from real SQS (aws/aws-sdk-ruby#265,
   * aws-samples/amazon-sqs-dlq-replay-backoff#8); it differs from the WaitTimeSeconds form of item 7.
   */
  delaySecondsOutOfRange(value: string, evidence: Evidence = 'observed'): ExpectedError {
    return operationErrors.invalidParameter('DelaySeconds', value, 'DelaySeconds must be >= 0 and <= 900.', evidence, semantics('4.7; 13'));
  },
  /** Observed on real SQS (aws/aws-sdk-js#2876); sqs-semantics.md 6.3. */
  tooManyMessageAttributes(count: number): ExpectedError {
    return expectedError(
      'InvalidParameterValue',
      `Number of message attributes [${count}] exceeds the allowed maximum [${LIMITS.messageAttributes.max}].`,
      'observed',
      semantics('6.3; 13', 'documented'),
    );
  },
  /** Message attribute name problems (item 88 [V] pins only the code); texts inferred. */
  attributeName(problem: 'empty' | 'too-long' | 'characters' | 'reserved', name: string): ExpectedError {
    const texts = {
      empty: 'The request must contain non-empty message (user) attribute names.',
      'too-long': `Message (user) attribute name '${name}' is too long. Names can be at most ${LIMITS.messageAttributeNameLength.max} characters.`,
      characters: 'Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ',
      reserved:
        "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.",
    };
    return expectedError('InvalidParameterValue', texts[problem], 'inferred', facts('A9 item 88', 'recorded'));
  },
  /** Data type not String/Number/Binary[.label]: text quoted from real SQS (grafana/k6-jslib-aws#65, 2023). */
  attributeType(name: string): ExpectedError {
    return expectedError(
      'InvalidParameterValue',
      `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      'observed',
      facts('A9 item 88', 'recorded'),
    );
  },
  /** Missing or over-long data type (sqs-semantics.md 2, 6.3); texts inferred. */
  attributeTypeShape(name: string, problem: 'missing' | 'too-long'): ExpectedError {
    const text =
      problem === 'missing'
        ? `Message (user) attribute '${name}' must contain a non-empty attribute type.`
        : `Message (user) attribute '${name}' type must be at most ${LIMITS.messageAttributeDataTypeLength.max} characters long.`;
    return expectedError('InvalidParameterValue', text, 'inferred', semantics('2; 6.3'));
  },
  /** Empty value: recorded for String (item 86); Number and Binary by analogy. */
  attributeValueEmpty(name: string, baseType: 'String' | 'Number' | 'Binary'): ExpectedError {
    const recorded = baseType === 'String';
    return expectedError(
      'InvalidParameterValue',
      `Message (user) attribute '${name}' must contain a non-empty value of type '${baseType}'.`,
      recorded ? 'recorded' : 'inferred',
      facts('A9 item 86', recorded ? 'recorded' : 'inferred'),
    );
  },
  /** Control characters in a String value: InvalidParameterValue, not InvalidMessageContents (item 87 [V]); text inferred. */
  attributeValueCharacters(name: string, codePoint: number): ExpectedError {
    return expectedError(
      'InvalidParameterValue',
      `Invalid binary character '#x${codePoint.toString(16).toUpperCase()}' was found in the message attribute '${name}' value, the set of allowed characters is ${XML_CHAR_SET}.`,
      'inferred',
      facts('A9 item 87', 'recorded'),
    );
  },
  /** A Number value that is not a number of at most 38 significant digits within 10^±128 (sqs-semantics.md 6.3); text inferred. */
  attributeNumber(name: string): ExpectedError {
    return expectedError('InvalidParameterValue', `Can't cast the value of message (user) attribute '${name}' to a number.`, 'inferred', semantics('6.3'));
  },
  /** Only AWSTraceHeader, of type String, exists (sqs-semantics.md 4.7); texts inferred. */
  systemAttribute(name: string, problem: 'unsupported' | 'type' | 'empty'): ExpectedError {
    const texts = {
      unsupported: `Message system attribute name '${name}' is invalid.`,
      type: `The type of message system attribute '${name}' is invalid. You must use only the following supported type: String.`,
      empty: `Message system attribute '${name}' must contain a non-empty value of type 'String'.`,
    };
    return expectedError('InvalidParameterValue', texts[problem], 'inferred', semantics('4.7'));
  },
  /** No entries (item 80 [V] pins the code); the text is inferred. */
  emptyBatch(entryShape: string): ExpectedError {
    return expectedError('EmptyBatchRequest', `There should be at least one ${entryShape} in the request.`, 'inferred', facts('A8 item 80', 'recorded'));
  },
  /** More than 10 entries, any batch API (items 24, 78). */
  tooManyEntries(count: number): ExpectedError {
    return expectedError(
      'TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are ${LIMITS.batchEntries.max}. You have sent ${count}.`,
      'recorded',
      facts('A8 item 78; A2 item 24'),
    );
  },
  /** Entry Id not 1..80 of [A-Za-z0-9_-] (item 79). */
  invalidBatchEntryId(): ExpectedError {
    return expectedError(
      'InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      'recorded',
      facts('A8 item 79'),
    );
  },
  /** Duplicate entry Ids: code from the model (item 80); text quoted from real SQS (elixir-broadway/broadway_sqs#49). */
  batchIdsNotDistinct(id: string): ExpectedError {
    return expectedError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`, 'observed', facts('A8 item 80', 'documented'));
  },
  /** SendMessageBatch payload over the batch limit (item 81). */
  batchTooLong(maxBytes: number, sentBytes: number): ExpectedError {
    return expectedError(
      'BatchRequestTooLong',
      `Batch requests cannot be longer than ${maxBytes} bytes. You have sent ${sentBytes} bytes.`,
      'recorded',
      facts('A8 item 81; A14 item 118'),
    );
  },
  /** Queue name rules (sqs-semantics.md 2; items 52, 109): texts quoted from real SQS. */
  queueName(fifo: boolean): ExpectedError {
    return fifo
      ? expectedError(
          'InvalidParameterValue',
          'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.',
          'observed',
          facts('A7 item 52; A11 item 109', 'recorded'),
        )
      : expectedError(
          'InvalidParameterValue',
          'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
          'observed',
          facts('A7 item 52; A11 item 109', 'recorded'),
        );
  },
  /** Tag rules (sqs-semantics.md 2); texts inferred. */
  tag(problem: 'not-a-map' | 'key-length' | 'value-length' | 'reserved-prefix', key: string): ExpectedError {
    const texts = {
      'not-a-map': 'Tags must be a map of string keys to string values.',
      'key-length': `Tag key '${key}' must be between 1 and ${LIMITS.tagKeyLength.max} characters long.`,
      'value-length': `Tag value for key '${key}' must be at most ${LIMITS.tagValueLength.max} characters long.`,
      'reserved-prefix': `Tag key '${key}' is invalid: the aws: prefix is reserved for AWS use.`,
    };
    return expectedError('InvalidParameterValue', texts[problem], 'inferred', semantics('2; 4.13'));
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Small readers

const present = (v: unknown): boolean => v !== undefined && v !== null;

type IntegerParam = { kind: 'absent' } | { kind: 'integer'; value: number; raw: string } | { kind: 'malformed'; raw: string };

/** An integer parameter as JSON (number) or query (decimal string) sends it. */
function readInteger(v: unknown): IntegerParam {
  if (!present(v)) return { kind: 'absent' };
  if (typeof v === 'number') return Number.isInteger(v) ? { kind: 'integer', value: v, raw: String(v) } : { kind: 'malformed', raw: String(v) };
  if (typeof v === 'string' && /^[+-]?\d+$/.test(v)) return { kind: 'integer', value: Number.parseInt(v, 10), raw: v };
  return { kind: 'malformed', raw: typeof v === 'string' ? v : JSON.stringify(v) };
}

/**
 * Range check of an integer parameter with the "Value X for parameter P is invalid. Reason: …"
 * error. A malformed value gets the same text, but its wording is then only inferred.
 */
function checkIntegerRange(
  value: unknown,
  parameter: string,
  limit: LimitEntry,
  reason: string,
  evidence: Evidence,
  source: SourceRef,
): Validation & { value?: number } {
  const param = readInteger(value);
  if (param.kind === 'absent') return ok;
  if (param.kind === 'malformed') return fail(operationErrors.invalidParameter(parameter, param.raw, reason, 'inferred', source));
  if (!withinLimit(limit, param.value)) return fail(operationErrors.invalidParameter(parameter, param.raw, reason, evidence, source));
  return { ok: true, value: param.value };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** MessageGroupId / MessageDeduplicationId / ReceiveRequestAttemptId: 1..128 of ASCII 0x21..0x7E (item 56). */
const FIFO_ID = /^[\x21-\x7e]{1,128}$/;

/** Batch entry Id: 1..80 of [A-Za-z0-9_-] (item 79). */
const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

// ---------------------------------------------------------------------------------------------
// Queue names and CreateQueue

const STANDARD_QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
// The .fifo suffix counts toward the 80 characters (sqs-semantics.md 2).
const FIFO_QUEUE_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/**
 * sqs-semantics.md section 2; aws-recorded-facts.md items 52 and 109: a standard name is 1..80 of
 * [A-Za-z0-9_-] (so `x.fifo` without FifoQueue=true is refused); a FIFO name must end in `.fifo`.
 */
export function validateQueueName(name: unknown, fifo: boolean): Validation {
  const text = typeof name === 'string' ? name : '';
  return (fifo ? FIFO_QUEUE_NAME : STANDARD_QUEUE_NAME).test(text) ? ok : fail(operationErrors.queueName(fifo));
}

function validateTags(tags: unknown): Validation {
  if (!present(tags)) return ok;
  if (!isRecord(tags)) return fail(operationErrors.tag('not-a-map', ''));
  for (const [key, value] of Object.entries(tags)) {
    if (typeof value !== 'string') return fail(operationErrors.tag('not-a-map', key));
    if (key.length < LIMITS.tagKeyLength.min || key.length > LIMITS.tagKeyLength.max) return fail(operationErrors.tag('key-length', key));
    if (key.toLowerCase().startsWith('aws:')) return fail(operationErrors.tag('reserved-prefix', key));
    // Empty values are accepted (item 112).
    if (value.length > LIMITS.tagValueLength.max) return fail(operationErrors.tag('value-length', key));
  }
  return ok;
}

/**
 * TagQueue (sqs-semantics.md 4.13): `Tags` required and not empty, each key and value by the rules
 * of section 2 (the same as CreateQueue's `tags`).
 */
export function validateTagQueue(input: OperationInput): Validation {
  const tags = input['Tags'];
  if (!present(tags) || (isRecord(tags) && Object.keys(tags).length === 0)) return fail(operationErrors.missingParameter('Tags'));
  return validateTags(tags);
}

/**
 * CreateQueue (sqs-semantics.md 4.1): QueueName required; the name must fit the queue type chosen
 * by `FifoQueue` (item 52); then the attributes (section 3) and the `tags` map (lower-case member).
 */
export function validateCreateQueue(input: OperationInput, targets?: { deadLetterTarget: DeadLetterLookup; sourceArn?: string }): Validation {
  const name = input['QueueName'];
  // Required member; an empty value is treated like an absent one, as for MessageBody (item 2). INF.
  if (!present(name) || name === '') return fail(operationErrors.missingParameter('QueueName'));
  const attrs = input['Attributes'];
  const fifoValue = isRecord(attrs) ? attrs['FifoQueue'] : undefined;
  const fifo = typeof fifoValue === 'string' && isTrue(fifoValue);
  const byName = validateQueueName(name, fifo);
  if (!byName.ok) return byName;
  const byAttributes = validateQueueAttributes(attrs, { op: 'CreateQueue', fifo, queueName: String(name), ...targets });
  if (!byAttributes.ok) return byAttributes;
  return validateTags(input['tags']);
}

// ---------------------------------------------------------------------------------------------
// Message attributes

const DATA_TYPE = /^(String|Number|Binary)(\.(.+))?$/s;
const ATTRIBUTE_NAME_CHARS = /^[\p{L}\p{N}_.-]+$/u;

/** `Number` values: up to 38 significant digits, magnitude within 10^-128..10^+126 (sqs-semantics.md 6.3). */
export function isValidNumberAttribute(value: string): boolean {
  const m = /^[+-]?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(value);
  if (m === null) return false;
  const intPart = (m[1] ?? '').replace(/^0+/, '');
  const fracPart = m[2] ?? '';
  if ((m[1] ?? '') === '' && fracPart === '') return false;
  const digits = (intPart + fracPart).replace(/^0+/, '');
  if (digits === '') return true; // zero
  if (digits.replace(/0+$/, '').length > 38) return false;
  // Decimal exponent of the leading significant digit: v = d.ddd × 10^magnitude.
  const leadingExponent = intPart !== '' ? intPart.length - 1 : -((fracPart.match(/^0*/)?.[0].length ?? 0) + 1);
  const magnitude = leadingExponent + Number(m[3] ?? '0');
  return magnitude >= -128 && magnitude <= 126;
}

function baseTypeOf(dataType: string): 'String' | 'Number' | 'Binary' | undefined {
  const m = DATA_TYPE.exec(dataType);
  return m === null ? undefined : (m[1] as 'String' | 'Number' | 'Binary');
}

function validateAttributeName(name: string): Validation {
  // aws-recorded-facts.md item 88; sqs-semantics.md section 2.
  if (name === '') return fail(operationErrors.attributeName('empty', name));
  if (name.length > LIMITS.messageAttributeNameLength.max) return fail(operationErrors.attributeName('too-long', name));
  if (!ATTRIBUTE_NAME_CHARS.test(name)) return fail(operationErrors.attributeName('characters', name));
  const lower = name.toLowerCase();
  if (lower.startsWith('aws.') || lower.startsWith('amazon.') || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    return fail(operationErrors.attributeName('reserved', name));
  }
  return ok;
}

function binaryLength(v: unknown): number {
  if (v instanceof Uint8Array) return v.byteLength;
  if (typeof v === 'string') return v.length; // base64 text not yet decoded: only emptiness matters here
  return 0;
}

function validateAttributeValue(name: string, value: unknown): Validation {
  if (!isRecord(value)) return fail(operationErrors.attributeTypeShape(name, 'missing'));
  const dataType = value['DataType'];
  if (typeof dataType !== 'string' || dataType === '') return fail(operationErrors.attributeTypeShape(name, 'missing'));
  if (dataType.length > LIMITS.messageAttributeDataTypeLength.max) return fail(operationErrors.attributeTypeShape(name, 'too-long'));
  const base = baseTypeOf(dataType);
  // The custom label obeys the body's character rules (sqs-semantics.md 6.1).
  if (base === undefined || firstInvalidChar(dataType) !== undefined) return fail(operationErrors.attributeType(name));
  if (base === 'Binary') {
    return binaryLength(value['BinaryValue']) > 0 ? ok : fail(operationErrors.attributeValueEmpty(name, 'Binary'));
  }
  const text = value['StringValue'];
  // item 86: an empty String value is refused.
  if (typeof text !== 'string' || text === '') return fail(operationErrors.attributeValueEmpty(name, base));
  // item 87: control characters in a value give InvalidParameterValue.
  const bad = firstInvalidChar(text);
  if (bad !== undefined) return fail(operationErrors.attributeValueCharacters(name, bad.codePoint));
  if (base === 'Number' && !isValidNumberAttribute(text)) return fail(operationErrors.attributeNumber(name));
  return ok;
}

/** MessageAttributes of a send (sqs-semantics.md 6.3; aws-recorded-facts.md items 86-88). */
export function validateMessageAttributes(attrs: unknown): Validation {
  if (!present(attrs)) return ok;
  if (!isRecord(attrs)) return fail(operationErrors.attributeTypeShape('', 'missing'));
  const entries = Object.entries(attrs);
  if (entries.length > LIMITS.messageAttributes.max) return fail(operationErrors.tooManyMessageAttributes(entries.length));
  for (const [name, value] of entries) {
    const byName = validateAttributeName(name);
    if (!byName.ok) return byName;
    const byValue = validateAttributeValue(name, value);
    if (!byValue.ok) return byValue;
  }
  return ok;
}

/** MessageSystemAttributes: only AWSTraceHeader, a non-empty String (sqs-semantics.md 4.7). */
export function validateMessageSystemAttributes(attrs: unknown): Validation {
  if (!present(attrs)) return ok;
  if (!isRecord(attrs)) return fail(operationErrors.systemAttribute('', 'unsupported'));
  for (const [name, value] of Object.entries(attrs)) {
    if (name !== 'AWSTraceHeader') return fail(operationErrors.systemAttribute(name, 'unsupported'));
    if (!isRecord(value) || value['DataType'] !== 'String') return fail(operationErrors.systemAttribute(name, 'type'));
    if (typeof value['StringValue'] !== 'string' || value['StringValue'] === '') return fail(operationErrors.systemAttribute(name, 'empty'));
  }
  return ok;
}

/** Size of a send whose attributes may be malformed: body + name + DataType + value bytes (items 81, 85). */
function entrySize(body: unknown, attrs: unknown): number {
  let size = typeof body === 'string' ? utf8Length(body) : 0;
  if (isRecord(attrs)) {
    for (const [name, value] of Object.entries(attrs)) {
      size += utf8Length(name);
      if (!isRecord(value)) continue;
      if (typeof value['DataType'] === 'string') size += utf8Length(value['DataType']);
      if (typeof value['StringValue'] === 'string') size += utf8Length(value['StringValue']);
      if (value['BinaryValue'] instanceof Uint8Array) size += value['BinaryValue'].byteLength;
      // A history carries blobs as base64 text (the kit's wire convention): count the bytes it stands for.
      else if (typeof value['BinaryValue'] === 'string') size += base64ByteLength(value['BinaryValue']);
    }
  }
  return size;
}

// ---------------------------------------------------------------------------------------------
// SendMessage and SendMessageBatch

function checkBodyCharacters(body: string, opts: SendOptions | undefined): Validation {
  const bad = firstInvalidChar(body);
  if (bad === undefined) return ok;
  if (opts?.invalidCharacters === 'replace') {
    // 2024-06..2025-09: replaced by U+FFFD as long as one valid character remains (sqs-semantics.md 6.1).
    for (const ch of body) if (isAllowedCodePoint(ch.codePointAt(0) ?? 0)) return ok;
  }
  return fail(operationErrors.invalidMessageContents(bad.codePoint)); // item 4; section 6.1
}

/** The rules one message obeys, alone (SendMessage) or as a batch entry (per-entry failures). */
function validateMessage(input: OperationInput, queue: SendQueue, context: 'single' | 'batch', opts: SendOptions | undefined): Validation {
  // MessageBody: absent or "" → MissingParameter (item 2, recorded for SendMessage).
  const body = input['MessageBody'];
  if (typeof body !== 'string' || body === '') return fail(operationErrors.missingParameter('MessageBody', context === 'single' ? 'recorded' : 'inferred'));

  // DelaySeconds 0..900 (sqs-semantics.md 4.7); on FIFO only 0 is accepted (items 32, 33).
  const delay = readInteger(input['DelaySeconds']);
  if (delay.kind === 'malformed') return fail(operationErrors.delaySecondsOutOfRange(delay.raw, 'inferred'));
  if (delay.kind === 'integer') {
    if (!withinLimit(LIMITS.delaySeconds, delay.value)) return fail(operationErrors.delaySecondsOutOfRange(delay.raw));
    if (queue.fifo && delay.value !== 0) return fail(operationErrors.notValidForQueueType('DelaySeconds', delay.raw));
  }

  // Message attributes and system attributes (sqs-semantics.md 4.7, 6.3; items 86-88).
  const byAttributes = validateMessageAttributes(input['MessageAttributes']);
  if (!byAttributes.ok) return byAttributes;
  const bySystemAttributes = validateMessageSystemAttributes(input['MessageSystemAttributes']);
  if (!bySystemAttributes.ok) return bySystemAttributes;

  // Characters of the body (item 4; section 6.1).
  const byCharacters = checkBodyCharacters(body, opts);
  if (!byCharacters.ok) return byCharacters;

  // Size: body + attributes, inclusive limit (items 82, 85).
  if (entrySize(body, input['MessageAttributes']) > queue.maximumMessageSize) return fail(operationErrors.messageTooLong(queue.maximumMessageSize, context));

  // MessageGroupId: syntax checked on both queue types (item 56, recorded on a standard queue);
  // allowed on standard queues since 2025-07 (fair queues, item 125); required on FIFO (item 54).
  const groupId = input['MessageGroupId'];
  if (present(groupId)) {
    if (typeof groupId !== 'string' || !FIFO_ID.test(groupId)) return fail(operationErrors.fifoIdFormat('MessageGroupId', readRaw(groupId)));
  } else if (queue.fifo) return fail(operationErrors.groupIdRequired(context));

  // MessageDeduplicationId: syntax (item 56); FIFO only (sqs-semantics.md 4.7); required on FIFO
  // without content-based deduplication (item 54).
  const dedupId = input['MessageDeduplicationId'];
  if (present(dedupId)) {
    if (typeof dedupId !== 'string' || !FIFO_ID.test(dedupId)) return fail(operationErrors.fifoIdFormat('MessageDeduplicationId', readRaw(dedupId)));
    if (!queue.fifo) return fail(operationErrors.notValidForQueueType('MessageDeduplicationId', dedupId));
  } else if (queue.fifo && queue.contentBasedDeduplication !== true) return fail(operationErrors.deduplicationIdRequired());

  return ok;
}

function readRaw(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}

/**
 * SendMessage (sqs-semantics.md 4.7): body required and made of XML characters, size within the
 * queue's MaximumMessageSize, DelaySeconds 0..900 (0 only on FIFO), attributes, FIFO ids.
 */
export function validateSendMessage(input: OperationInput, queue: SendQueue, opts?: SendOptions): Validation {
  return validateMessage(input, queue, 'single', opts);
}

/** Entries list of a batch request: 1..10 entries with distinct, well-formed Ids (items 24, 78-80). */
function validateBatchShape(entries: unknown, entryShape: string): { ok: false; error: ExpectedError } | { ok: true; entries: Record<string, unknown>[] } {
  // An absent list and an empty one look the same in the query protocol (item 80).
  if (!Array.isArray(entries) || entries.length === 0) return { ok: false, error: operationErrors.emptyBatch(entryShape) };
  if (entries.length > LIMITS.batchEntries.max) return { ok: false, error: operationErrors.tooManyEntries(entries.length) };
  const records = entries.map((e) => (isRecord(e) ? e : {}));
  // Id syntax first, then distinctness; Id checks precede everything else (item 79).
  for (const entry of records) {
    const id = entry['Id'];
    if (typeof id !== 'string' || !BATCH_ENTRY_ID.test(id)) return { ok: false, error: operationErrors.invalidBatchEntryId() };
  }
  const seen = new Set<string>();
  for (const entry of records) {
    const id = entry['Id'] as string;
    if (seen.has(id)) return { ok: false, error: operationErrors.batchIdsNotDistinct(id) };
    seen.add(id);
  }
  return { ok: true, entries: records };
}

/**
 * SendMessageBatch (sqs-semantics.md 4.8, 12): whole-request errors (items 55, 78-81), then one
 * Validation per entry; an entry over the queue's MaximumMessageSize or with a bad character fails
 * alone with HTTP 200 (items 82, 83).
 */
export function validateSendMessageBatch(input: OperationInput, queue: SendQueue, opts?: SendOptions): BatchValidation {
  const shape = validateBatchShape(input['Entries'], 'SendMessageBatchRequestEntry');
  if (!shape.ok) return shape;
  const entries = shape.entries;

  // The batch total is the fixed 1 MiB, not the queue's MaximumMessageSize (items 81, 84).
  const maxPayload = opts?.maxBatchPayload ?? LIMITS.batchPayload.max;
  const total = entries.reduce((sum, e) => sum + entrySize(e['MessageBody'], e['MessageAttributes']), 0);
  if (total > maxPayload) return { ok: false, error: operationErrors.batchTooLong(maxPayload, total) };

  // FIFO: a missing group id or dedup id fails the whole request (item 55).
  if (queue.fifo) {
    if (entries.some((e) => !present(e['MessageGroupId']))) return { ok: false, error: operationErrors.groupIdRequired('batch') };
    if (queue.contentBasedDeduplication !== true && entries.some((e) => !present(e['MessageDeduplicationId']))) {
      return { ok: false, error: operationErrors.deduplicationIdRequired() };
    }
  }

  return { ok: true, entries: entries.map((e) => validateMessage(e, queue, 'batch', opts)) };
}

// ---------------------------------------------------------------------------------------------
// ReceiveMessage

/**
 * ReceiveMessage (sqs-semantics.md 4.9): MaxNumberOfMessages 1..10 (item 6), WaitTimeSeconds 0..20
 * (item 7), VisibilityTimeout 0..43200 (text inferred from the form of item 7), and the syntax of
 * ReceiveRequestAttemptId. Attribute-name lists are not validated: unknown or illegal names are
 * ignored (items 90, 91). `queue` is unused for now: what SQS does with ReceiveRequestAttemptId on
 * a standard queue is not settled (sqs-semantics.md 16 point 9).
 */
export function validateReceiveMessage(input: OperationInput, queue: QueueConfig): Validation {
  const max = checkIntegerRange(
    input['MaxNumberOfMessages'],
    'MaxNumberOfMessages',
    LIMITS.maxNumberOfMessages,
    'Must be between 1 and 10, if provided.',
    'recorded',
    facts('A1 item 6'),
  );
  if (!max.ok) return max;
  const wait = checkIntegerRange(input['WaitTimeSeconds'], 'WaitTimeSeconds', LIMITS.waitTimeSeconds, 'Must be >= 0 and <= 20, if provided.', 'recorded', facts('A1 item 7'));
  if (!wait.ok) return wait;
  const visibility = checkIntegerRange(
    input['VisibilityTimeout'],
    'VisibilityTimeout',
    LIMITS.visibilityTimeout,
    'Must be >= 0 and <= 43200, if provided.',
    'inferred',
    semantics('4.9', 'documented'),
  );
  if (!visibility.ok) return visibility;
  const attemptId = input['ReceiveRequestAttemptId'];
  if (present(attemptId) && (typeof attemptId !== 'string' || !FIFO_ID.test(attemptId))) {
    return fail(operationErrors.fifoIdFormat('ReceiveRequestAttemptId', readRaw(attemptId)));
  }
  return ok;
}

// ---------------------------------------------------------------------------------------------
// DeleteMessage, ChangeMessageVisibility and their batches

function requireReceiptHandle(input: OperationInput): Validation {
  const handle = input['ReceiptHandle'];
  // Required member (sqs-semantics.md 4.10, 4.11); "" treated like absent, as MessageBody (item 2). INF.
  if (typeof handle !== 'string' || handle === '') return fail(operationErrors.missingParameter('ReceiptHandle'));
  return ok;
}

/**
 * The VisibilityTimeout of ChangeMessageVisibility: required, an integer, not negative; above
 * 43,200 it can never fit the 12-hour cap, so the cap error applies (model/message.ts; item 25).
 */
function checkNewVisibility(value: unknown): Validation {
  const param = readInteger(value);
  if (param.kind === 'absent') return fail(operationErrors.missingParameter('VisibilityTimeout'));
  const reason = 'Must be >= 0 and <= 43200, if provided.';
  const source = semantics('4.11');
  if (param.kind === 'malformed') return fail(operationErrors.invalidParameter('VisibilityTimeout', param.raw, reason, 'inferred', source));
  if (param.value < LIMITS.visibilityTimeout.min) return fail(operationErrors.invalidParameter('VisibilityTimeout', param.raw, reason, 'inferred', source));
  if (param.value > LIMITS.visibilityCap.max) return fail(visibilityCapError(param.value));
  return ok;
}

/** DeleteMessage (sqs-semantics.md 4.10): ReceiptHandle required. Handle semantics: model/outcomes. */
export function validateDeleteMessage(input: OperationInput): Validation {
  return requireReceiptHandle(input);
}

/** ChangeMessageVisibility (sqs-semantics.md 4.11): ReceiptHandle and VisibilityTimeout required, 0..43200. */
export function validateChangeMessageVisibility(input: OperationInput): Validation {
  const handle = requireReceiptHandle(input);
  if (!handle.ok) return handle;
  return checkNewVisibility(input['VisibilityTimeout']);
}

/** DeleteMessageBatch whole-request errors (items 78-80). Per-entry: validateDeleteMessageBatchEntry. */
export function validateDeleteMessageBatch(input: OperationInput): Validation {
  const shape = validateBatchShape(input['Entries'], 'DeleteMessageBatchRequestEntry');
  return shape.ok ? ok : fail(shape.error);
}

/** ChangeMessageVisibilityBatch whole-request errors (items 24, 78-80). Per-entry: validateChangeMessageVisibilityBatchEntry. */
export function validateChangeMessageVisibilityBatch(input: OperationInput): Validation {
  const shape = validateBatchShape(input['Entries'], 'ChangeMessageVisibilityBatchRequestEntry');
  return shape.ok ? ok : fail(shape.error);
}

/** Parameters of one DeleteMessageBatch entry (its Failed record when not ok). */
export function validateDeleteMessageBatchEntry(entry: OperationInput): Validation {
  return requireReceiptHandle(entry);
}

/** Parameters of one ChangeMessageVisibilityBatch entry; VisibilityTimeout is optional in the entry shape [M]. */
export function validateChangeMessageVisibilityBatchEntry(entry: OperationInput): Validation {
  const handle = requireReceiptHandle(entry);
  if (!handle.ok) return handle;
  return present(entry['VisibilityTimeout']) ? checkNewVisibility(entry['VisibilityTimeout']) : ok;
}

// ---------------------------------------------------------------------------------------------
// GetQueueAttributes and SetQueueAttributes

/**
 * GetQueueAttributes (sqs-semantics.md 4.4): every requested name must be a QueueAttributeName or
 * `All` (item 99: "Unknown Attribute Foobar."); known names that are not set are left out silently.
 */
export function validateGetQueueAttributes(input: OperationInput): Validation {
  const names = input['AttributeNames'];
  if (!present(names)) return ok;
  const list: unknown[] = Array.isArray(names) ? names : [names];
  for (const name of list) {
    const text = readRaw(name);
    if (!isQueueAttributeName(text)) return fail(attributeErrors.unknownAttribute(text));
  }
  return ok;
}

/** SetQueueAttributes (sqs-semantics.md 4.4): Attributes required, then the rules of section 3 for this queue's type. */
export function validateSetQueueAttributes(input: OperationInput, queue: QueueConfig, targets?: { deadLetterTarget: DeadLetterLookup; sourceArn?: string }): Validation {
  const attrs = input['Attributes'];
  if (!present(attrs)) return fail(operationErrors.missingParameter('Attributes'));
  return validateQueueAttributes(attrs, { op: 'SetQueueAttributes', fifo: queue.fifo, queueName: queue.name, ...targets });
}
