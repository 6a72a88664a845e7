// Every error text the validators claim as `recorded` must appear verbatim in the AWS recordings
// (../shared/aws-recorded/localstack/*.snapshot.json: Error.Message, Failed[].Message and botocore
// "An error occurred (Code) …: <text>" strings), with a matching code. Texts that
// aws-recorded-facts.md quotes from AWS-validated tests ([V]) are checked against that file instead.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  validateChangeMessageVisibilityBatch,
  validateCreateQueue,
  validateDeleteMessageBatch,
  validateGetQueueAttributes,
  validateReceiveMessage,
  validateSendMessage,
  validateSendMessageBatch,
  validateSetQueueAttributes,
  type SendQueue,
} from '../../src/spec/operations.js';
import type { ExpectedError, Validation } from '../../src/spec/types.js';

/** The repository root: the nearest folder above this file with the project's package.json. */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'sqs-conformance') return dir;
    const parent = dirname(dir);
    if (parent === dir) return dirname(fileURLToPath(import.meta.url));
    dir = parent;
  }
}

const root = repoRoot();
const recordingsDir = join(root, '..', 'shared', 'aws-recorded', 'localstack');
const snapshotPath = join(recordingsDir, 'test_sqs.snapshot.json');
const factsPath = join(root, '..', 'shared', 'reference', 'aws-recorded-facts.md');
const haveRecordings = existsSync(snapshotPath);

interface RecordedError {
  codes: Set<string>;
  types: Set<string>;
}

/** message → codes and JSON types it was recorded with, from every snapshot file of the folder. */
function loadRecordedErrors(): Map<string, RecordedError> {
  const found = new Map<string, RecordedError>();
  const add = (message: string, code?: string, type?: string) => {
    const entry = found.get(message) ?? { codes: new Set<string>(), types: new Set<string>() };
    if (code !== undefined) entry.codes.add(code);
    if (type !== undefined) entry.types.add(type);
    found.set(message, entry);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const obj = node as Record<string, unknown>;
    const error = obj['Error'];
    if (typeof error === 'object' && error !== null) {
      const e = error as Record<string, unknown>;
      if (typeof e['Message'] === 'string') add(e['Message'], e['Code'] as string | undefined, e['QueryErrorCode'] as string | undefined);
    }
    // Batch entries: Failed[] {Code, Message, SenderFault}.
    if (typeof obj['Message'] === 'string' && typeof obj['Code'] === 'string' && 'SenderFault' in obj) add(obj['Message'], obj['Code']);
    // botocore exception strings: "An error occurred (Code) when calling the Op operation: text".
    if (typeof obj['error'] === 'string') {
      const m = /^An error occurred \(([^)]+)\) when calling the \w+ operation: (.*)$/s.exec(obj['error']);
      if (m !== null && m[2] !== undefined) add(m[2], m[1]);
    }
    Object.values(obj).forEach(walk);
  };
  for (const file of readdirSync(recordingsDir).filter((f) => f.endsWith('.snapshot.json'))) {
    const data = JSON.parse(readFileSync(join(recordingsDir, file), 'utf8')) as Record<string, { 'recorded-content'?: unknown }>;
    for (const entry of Object.values(data)) walk(entry['recorded-content']);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Probes: the recorded requests, replayed through the validators.

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
const small: SendQueue = { ...standard, maximumMessageSize: 1024 };
const twenty = Array.from({ length: 20 }, (_, i) => ({ Id: `e${i}`, MessageBody: 'm', ReceiptHandle: 'h', VisibilityTimeout: 1 }));

const errorOf = (v: Validation): ExpectedError[] => (v.ok ? [] : [v.error]);
const batchErrors = (v: ReturnType<typeof validateSendMessageBatch>): ExpectedError[] =>
  v.ok ? v.entries.flatMap((e) => (e.ok ? [] : [e.error])) : [v.error];

/** Values sent with each FIFO attribute on a standard create (item 100: FifoQueue even as "false"). */
const STANDARD_CREATE_VALUES = { FifoQueue: 'false', ContentBasedDeduplication: 'true', DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' } as const;

/** Each probe replays one recorded case (aws-recorded-facts.md item in the name). */
const probes: Array<{ name: string; errors: () => ExpectedError[] }> = [
  { name: 'item 2 empty body', errors: () => errorOf(validateSendMessage({ MessageBody: '' }, standard)) },
  { name: 'item 85 over 1 MiB', errors: () => errorOf(validateSendMessage({ MessageBody: 'x'.repeat(1_048_577) }, standard)) },
  { name: 'item 85 over 1024', errors: () => errorOf(validateSendMessage({ MessageBody: 'x'.repeat(1025) }, small)) },
  { name: 'item 82 batch entry over 1024', errors: () => batchErrors(validateSendMessageBatch({ Entries: [{ Id: 'a', MessageBody: 'x'.repeat(1025) }, { Id: 'b', MessageBody: 'ok' }] }, small)) },
  { name: 'item 6 MaxNumberOfMessages 11', errors: () => errorOf(validateReceiveMessage({ MaxNumberOfMessages: 11 }, standard)) },
  { name: 'item 7 WaitTimeSeconds 21', errors: () => errorOf(validateReceiveMessage({ WaitTimeSeconds: 21 }, standard)) },
  { name: 'item 7 WaitTimeSeconds -1', errors: () => errorOf(validateReceiveMessage({ WaitTimeSeconds: -1 }, standard)) },
  { name: 'item 32 FIFO DelaySeconds 2', errors: () => errorOf(validateSendMessage({ MessageBody: 'm', DelaySeconds: 2, MessageGroupId: 'g', MessageDeduplicationId: 'd' }, fifo)) },
  { name: 'item 54 FIFO without group id', errors: () => errorOf(validateSendMessage({ MessageBody: 'm', MessageDeduplicationId: 'd' }, fifo)) },
  { name: 'item 54 FIFO without dedup id', errors: () => errorOf(validateSendMessage({ MessageBody: 'm', MessageGroupId: 'g' }, fifo)) },
  { name: 'item 55 batch without group id', errors: () => batchErrors(validateSendMessageBatch({ Entries: [{ Id: 'a', MessageBody: 'm', MessageDeduplicationId: 'd' }] }, fifo)) },
  { name: 'item 55 batch without dedup id', errors: () => batchErrors(validateSendMessageBatch({ Entries: [{ Id: 'a', MessageBody: 'm', MessageGroupId: 'g' }] }, fifo)) },
  ...(['', 'a'.repeat(129), 'group 123'] as const).flatMap((value) => [
    { name: `item 56 MessageGroupId "${value.slice(0, 10)}"`, errors: () => errorOf(validateSendMessage({ MessageBody: 'm', MessageGroupId: value }, standard)) },
    {
      name: `item 56 MessageDeduplicationId "${value.slice(0, 10)}"`,
      errors: () => errorOf(validateSendMessage({ MessageBody: 'm', MessageGroupId: 'g', MessageDeduplicationId: value }, fifo)),
    },
  ]),
  { name: 'item 86 empty String attribute', errors: () => errorOf(validateSendMessage({ MessageBody: 'm', MessageAttributes: { ErrorDetails: { DataType: 'String', StringValue: '' } } }, standard)) },
  { name: 'item 78 SendMessageBatch 20 entries', errors: () => batchErrors(validateSendMessageBatch({ Entries: twenty }, standard)) },
  { name: 'item 78 DeleteMessageBatch 20 entries', errors: () => errorOf(validateDeleteMessageBatch({ Entries: twenty })) },
  { name: 'item 24 ChangeMessageVisibilityBatch 20 entries', errors: () => errorOf(validateChangeMessageVisibilityBatch({ Entries: twenty })) },
  { name: 'item 79 invalid batch id', errors: () => batchErrors(validateSendMessageBatch({ Entries: [{ Id: 'invalid:id', MessageBody: 'm' }] }, standard)) },
  {
    name: 'item 81 batch of 1048577 bytes',
    errors: () =>
      batchErrors(
        validateSendMessageBatch(
          {
            Entries: [
              { Id: 'a', MessageBody: 'x'.repeat(524_288) },
              { Id: 'b', MessageBody: 'x'.repeat(524_289) },
            ],
          },
          standard,
        ),
      ),
  },
  ...(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'] as const).map((attribute) => ({
    name: `item 100 ${attribute} on a standard create`,
    errors: () =>
      errorOf(validateCreateQueue({ QueueName: 'q', Attributes: { [attribute]: STANDARD_CREATE_VALUES[attribute] } })),
  })),
  { name: 'item 101 set FifoQueue on standard', errors: () => errorOf(validateSetQueueAttributes({ Attributes: { FifoQueue: 'true' } }, standard)) },
  { name: 'item 101 set FifoQueue=false on FIFO', errors: () => errorOf(validateSetQueueAttributes({ Attributes: { FifoQueue: 'false' } }, fifo)) },
  { name: 'item 98 KMS and SQS SSE', errors: () => errorOf(validateSetQueueAttributes({ Attributes: { KmsMasterKeyId: 'testKeyId', SqsManagedSseEnabled: 'true' } }, standard)) },
];

/** Texts aws-recorded-facts.md quotes from AWS-validated ([V]) tests, which store no payload. */
const validatedProbes: Array<{ name: string; errors: () => ExpectedError[] }> = [
  { name: 'item 99 unknown attribute name', errors: () => errorOf(validateGetQueueAttributes({ AttributeNames: ['Foobar'] })) },
];

const title = haveRecordings
  ? 'validator texts claimed as recorded appear verbatim in ../shared/aws-recorded'
  : `SKIPPED: AWS recordings not found at ${snapshotPath}, so the recorded-error check was skipped`;

describe.skipIf(!haveRecordings)(title, () => {
  const recorded = haveRecordings ? loadRecordedErrors() : new Map<string, RecordedError>();

  it.each(probes)('$name', ({ errors }) => {
    const claimed = errors().filter((e) => e.messageEvidence === 'recorded');
    expect(claimed.length, 'the probe should produce a recorded error').toBeGreaterThan(0);
    for (const e of claimed) {
      const hit = recorded.get(e.message);
      expect(hit, `not found verbatim in the recordings: ${e.message}`).toBeDefined();
      if (hit === undefined) continue;
      // The code must be one the text was recorded with (query code or JSON short type).
      expect([...hit.codes].some((c) => c === e.code || c === e.type), `${e.message}: recorded with ${[...hit.codes].join(', ')}, model says ${e.code}`).toBe(true);
      if (hit.types.size > 0) expect([...hit.types], `${e.message}: JSON __type`).toContain(e.type);
    }
  });

  it.skipIf(!existsSync(factsPath)).each(validatedProbes)('$name ([V], quoted in aws-recorded-facts.md)', ({ errors }) => {
    const facts = readFileSync(factsPath, 'utf8');
    const claimed = errors().filter((e) => e.messageEvidence === 'recorded');
    expect(claimed.length).toBeGreaterThan(0);
    for (const e of claimed) expect(facts, `not quoted in aws-recorded-facts.md: ${e.message}`).toContain(`"${e.message}"`);
  });
});
