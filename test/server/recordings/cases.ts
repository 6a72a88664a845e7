// Our own request tables for the AWS recordings of LocalStack's SQS parity tests
// (../shared/aws-recorded/localstack/test_sqs.snapshot.json and test_sqs_move_task.snapshot.json).
// The recordings store only the responses; each case performs what the named test evidently does
// (test name, snapshot keys, recorded values, aws-recorded-facts.md) and returns the matched values
// under the snapshot keys, in match order. Entries with an empty recording (`{}`) were validated
// against AWS with plain asserts: their cases make the same requests and check the same facts.
// Timing uses the server's virtual clock: `sleep` advances it, long polls complete at once.
// Item numbers refer to ../shared/reference/aws-recorded-facts.md.
import { PyBytes, regex, removeErrorDetail } from './normalise.js';
import type { Protocol, ReplayCase, ReplayContext, Response } from './replay.js';

type Steps = (c: ReplayContext) => Promise<Record<string, unknown>>;
type Matches = Record<string, unknown>;

const PROVIDER = 'tests/aws/services/sqs/test_sqs.py::TestSqsProvider::';
const QUERY_API = 'tests/aws/services/sqs/test_sqs.py::TestSqsQueryApi::';
const MOVE_TASK = 'tests/aws/services/sqs/test_sqs_move_task.py::';
const PROTOCOLS: Array<[string, Protocol]> = [
  ['sqs', 'json'],
  ['sqs_query', 'query'],
];

/** The default `MaximumMessageSize` since August 2025 (item 118). */
const MAX_SIZE = 1_048_576;
/** Bytes of the attribute `k: String x` counted into the message size (item 85). */
const K_ATTRIBUTE = { k: { DataType: 'String', StringValue: 'x' } };
const K_ATTRIBUTE_SIZE = 'k'.length + 'String'.length + 'x'.length;
const TRACE_HEADER = 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1';

const cases: ReplayCase[] = [];

/** A test parametrised with the JSON and the Query client (`[sqs]`, `[sqs_query]`). */
function both(name: string, steps: Steps, prefix = PROVIDER): void {
  for (const [param, protocol] of PROTOCOLS) cases.push({ id: `${prefix}${name}[${param}]`, protocol, steps });
}
/** A test with both clients and a second parameter (`[sqs-True]`, `[sqs_query-1-visible]`). */
function bothWith<P>(name: string, params: Array<[string, P]>, steps: (c: ReplayContext, p: P) => Promise<Matches>): void {
  for (const [protoParam, protocol] of PROTOCOLS) {
    for (const [label, p] of params) cases.push({ id: `${PROVIDER}${name}[${protoParam}-${label}]`, protocol, steps: (c) => steps(c, p) });
  }
}
/** A test with one client (JSON) and no protocol parameter. */
function single(id: string, steps: Steps): void {
  cases.push({ id, protocol: 'json', steps });
}

// ------------------------------------------------------------------------------ helpers

const fifoName = (c: ReplayContext, prefix = 'queue') => `${prefix}-${c.uid()}.fifo`;

function messages(r: Response): Array<Record<string, unknown>> {
  return (r.Messages as Array<Record<string, unknown>> | undefined) ?? [];
}
function firstMessage(r: Response): Record<string, unknown> {
  const m = messages(r)[0];
  if (!m) throw new Error(`expected a message, got ${JSON.stringify(r)}`);
  return m;
}
function handleOf(r: Response, i = 0): string {
  const m = messages(r)[i];
  if (!m) throw new Error(`expected message ${i}, got ${JSON.stringify(r)}`);
  return m.ReceiptHandle as string;
}
async function approximate(c: ReplayContext, queueUrl: string): Promise<Record<string, number>> {
  const r = await c.json.ok('GetQueueAttributes', {
    QueueUrl: queueUrl,
    AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
  });
  const a = r.Attributes as Record<string, string>;
  return {
    visible: Number(a.ApproximateNumberOfMessages),
    notVisible: Number(a.ApproximateNumberOfMessagesNotVisible),
    delayed: Number(a.ApproximateNumberOfMessagesDelayed),
  };
}
function redrivePolicy(deadLetterTargetArn: string, maxReceiveCount: number): string {
  return JSON.stringify({ deadLetterTargetArn, maxReceiveCount });
}

// ------------------------------------------------------------------------------ test_sqs.py

both('test_send_receive_max_number_of_messages', async (c) => {
  const q = await c.createQueue();
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'message' });
  return { send_max_number_of_messages: await c.sqs.fail('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 11 }) };
});

both('test_send_oversized_message', async (c) => {
  const q = await c.createQueue();
  const body = 'a'.repeat(MAX_SIZE - K_ATTRIBUTE_SIZE + 1);
  return { send_oversized_message: await c.sqs.fail('SendMessage', { QueueUrl: q, MessageBody: body, MessageAttributes: K_ATTRIBUTE }) };
});

both('test_send_message_with_updated_maximum_message_size', async (c) => {
  const q = await c.createQueue();
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: q, Attributes: { MaximumMessageSize: '1024' } });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'a'.repeat(1024) }); // exactly the limit passes (item 85)
  const body = 'a'.repeat(1024 - K_ATTRIBUTE_SIZE + 1);
  return { send_oversized_message: await c.sqs.fail('SendMessage', { QueueUrl: q, MessageBody: body, MessageAttributes: K_ATTRIBUTE }) };
});

both('test_send_message_batch_with_oversized_contents', async (c) => {
  const q = await c.createQueue();
  const Entries = [
    { Id: '1', MessageBody: 'a'.repeat(MAX_SIZE - K_ATTRIBUTE_SIZE), MessageAttributes: K_ATTRIBUTE },
    { Id: '2', MessageBody: 'a' },
  ];
  return { send_oversized_message_batch: await c.sqs.fail('SendMessageBatch', { QueueUrl: q, Entries }) };
});

both('test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size', async (c) => {
  const q = await c.createQueue();
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: q, Attributes: { MaximumMessageSize: '2048' } });
  const Entries = [
    { Id: '1', MessageBody: 'a'.repeat(2048 - K_ATTRIBUTE_SIZE), MessageAttributes: K_ATTRIBUTE },
    { Id: '2', MessageBody: 'a' },
  ];
  return { send_oversized_message_batch: await c.sqs.ok('SendMessageBatch', { QueueUrl: q, Entries }) };
});

both('test_tag_untag_queue', async (c) => {
  const q = await c.createQueue();
  await c.sqs.ok('TagQueue', { QueueUrl: q, Tags: { tag1: 'value1', tag2: 'value2', tag3: '' } });
  const out: Matches = { 'get-tag-1': await c.sqs.ok('ListQueueTags', { QueueUrl: q }) };
  await c.sqs.ok('UntagQueue', { QueueUrl: q, TagKeys: ['tag1', 'tag3'] });
  out['get-tag-2'] = await c.sqs.ok('ListQueueTags', { QueueUrl: q });
  await c.sqs.ok('UntagQueue', { QueueUrl: q, TagKeys: ['tag2'] });
  out['get-tag-after-untag'] = await c.sqs.ok('ListQueueTags', { QueueUrl: q });
  return out;
});

both('test_create_fifo_queue_with_different_attributes_raises_error', async (c) => {
  const QueueName = fifoName(c);
  await c.createQueue({ QueueName, Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
  // The creation fixture always uses the JSON client.
  const e = await c.json.fail('CreateQueue', { QueueName, Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' } });
  return { 'queue-already-exists': e };
});

both('test_create_queue_with_different_attributes_raises_exception', async (c) => {
  const QueueName = `queue-${c.uid()}`;
  const url = await c.createQueue({ QueueName, Attributes: { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '1' } });
  c.check((await c.createQueue({ QueueName })) === url, 'CreateQueue without attributes is idempotent');
  c.check((await c.createQueue({ QueueName, Attributes: { DelaySeconds: '1' } })) === url, 'CreateQueue with a subset is idempotent');
  const out: Matches = {
    create_queue_01: await c.json.fail('CreateQueue', { QueueName, Attributes: { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '2' } }),
  };
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: url, Attributes: { DelaySeconds: '2' } });
  c.check(
    (await c.createQueue({ QueueName, Attributes: { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '2' } })) === url,
    'CreateQueue compares with the current values (item 106)',
  );
  out.create_queue_02 = await c.json.fail('CreateQueue', { QueueName, Attributes: { ReceiveMessageWaitTimeSeconds: '1', DelaySeconds: '1' } });
  return out;
});

both('test_create_and_update_queue_attributes', async (c) => {
  const q = await c.createQueue({ Attributes: { MessageRetentionPeriod: '604800', ReceiveMessageWaitTimeSeconds: '10', VisibilityTimeout: '20' } });
  const out: Matches = { get_queue_attributes: await c.sqs.ok('GetQueueAttributes', { QueueUrl: q, AttributeNames: ['All'] }) };
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: q, Attributes: { MaximumMessageSize: '2048', VisibilityTimeout: '69', DelaySeconds: '420' } });
  out.get_updated_queue_attributes = await c.sqs.ok('GetQueueAttributes', { QueueUrl: q, AttributeNames: ['All'] });
  return out;
});

both('test_change_message_visibility_after_visibility_timeout_expiration', async (c) => {
  const q = await c.createQueue({ Attributes: { VisibilityTimeout: '1' } });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'test' });
  const handle = handleOf(await c.sqs.ok('ReceiveMessage', { QueueUrl: q }));
  await c.sleep(2); // the timeout has expired; the message was not received again (item 21)
  return { visibility_timeout_expired: await c.sqs.ok('ChangeMessageVisibility', { QueueUrl: q, ReceiptHandle: handle, VisibilityTimeout: 1 }) };
});

both('test_fifo_empty_message_groups_added_back_to_queue', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'Message 1', MessageGroupId: 'group-1' });
  const first = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  await c.sqs.ok('DeleteMessage', { QueueUrl: q, ReceiptHandle: handleOf(first) });
  const empty = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'Message 2', MessageGroupId: 'group-1' });
  const last = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  return { 'inital-fifo-receive': first, 'empty-fifo-receive': empty, 'final-fifo-receive': last };
});

both('test_fifo_queue_send_message_with_delay_seconds_fails', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } });
  return { send_message: await c.sqs.fail('SendMessage', { QueueUrl: q, MessageBody: 'message-1', MessageGroupId: '1', DelaySeconds: 2 }) };
});

both('test_fifo_message_attributes', async (c) => {
  const q = await c.createQueue({
    QueueName: fifoName(c),
    Attributes: {
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      VisibilityTimeout: '0',
      DeduplicationScope: 'messageGroup',
      FifoThroughputLimit: 'perMessageGroupId',
    },
  });
  const send = await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'message-body-1', MessageGroupId: 'group-1', MessageDeduplicationId: 'dedup-1' });
  const r0 = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, AttributeNames: ['All'], WaitTimeSeconds: 10 });
  const r1 = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, AttributeNames: ['All'], WaitTimeSeconds: 10 });
  return { send_message: send, receive_message_0: r0, receive_message_1: r1 };
});

both('test_fifo_delete_message_with_expired_receipt_handle', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', VisibilityTimeout: '1', ContentBasedDeduplication: 'true' } });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'g1-m1', MessageGroupId: '1' });
  const handle = handleOf(await c.sqs.ok('ReceiveMessage', { QueueUrl: q }));
  await c.sleep(2);
  const e = await c.sqs.fail('DeleteMessage', { QueueUrl: q, ReceiptHandle: handle }); // FIFO: the handle has expired (item 27)
  c.check((e.Error as Record<string, unknown>).Code === 'InvalidParameterValue', 'an expired FIFO handle is rejected');
  return {};
});

both('test_fifo_set_content_based_deduplication_strategy', async (c) => {
  const q = await c.createQueue({
    QueueName: fifoName(c),
    Attributes: { FifoQueue: 'true', SqsManagedSseEnabled: 'true', ContentBasedDeduplication: 'true' },
  });
  const before = await c.sqs.ok('GetQueueAttributes', { QueueUrl: q, AttributeNames: ['All'] });
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: q, Attributes: { ContentBasedDeduplication: 'false' } });
  const after = await c.sqs.ok('GetQueueAttributes', { QueueUrl: q, AttributeNames: ['All'] });
  return { 'before-update': before, 'after-update': after };
});

both('test_too_many_entries_in_batch_request', async (c) => {
  const q = await c.createQueue({ QueueName: `queue-${c.uid()}` });
  const Entries = Array.from({ length: 20 }, (_, i) => ({ Id: `message-${i}`, MessageBody: `messageBody-${i}` }));
  return { test_too_many_entries_in_batch_request: await c.sqs.fail('SendMessageBatch', { QueueUrl: q, Entries }) };
});

both('test_invalid_batch_id', async (c) => {
  const q = await c.createQueue({ QueueName: `queue-${c.uid()}` });
  const id = c.uid();
  return { test_invalid_batch_id: await c.sqs.fail('SendMessageBatch', { QueueUrl: q, Entries: [{ Id: `message:${id}`, MessageBody: `messageBody-${id}` }] }) };
});

both('test_send_batch_missing_deduplication_id_for_fifo_queue', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' } });
  const Entries = [
    { Id: `message-${c.uid()}`, MessageBody: 'messageBody', MessageGroupId: 'test-group', MessageDeduplicationId: `dedup-${c.uid()}` },
    { Id: `message-${c.uid()}`, MessageBody: 'messageBody', MessageGroupId: 'test-group' },
  ];
  return { test_missing_deduplication_id_for_fifo_queue: await c.sqs.fail('SendMessageBatch', { QueueUrl: q, Entries }) };
});

single(`${PROVIDER}test_send_batch_message_size`, async (c) => {
  // One entry over the queue's MaximumMessageSize fails alone; HTTP 200 (item 82).
  const q = await c.createQueue({ Attributes: { MaximumMessageSize: '1024' } });
  const Entries = [
    { Id: c.uuid(), MessageBody: 'a'.repeat(1025) },
    { Id: c.uuid(), MessageBody: 'a'.repeat(1024) },
  ];
  return { 'send-message-batch-result': await c.sqs.ok('SendMessageBatch', { QueueUrl: q, Entries }) };
});

both('test_send_batch_missing_message_group_id_for_fifo_queue', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'false' } });
  const Entries = [
    { Id: `message-${c.uid()}`, MessageBody: 'messageBody', MessageGroupId: 'test-group', MessageDeduplicationId: `dedup-${c.uid()}` },
    { Id: `message-${c.uid()}`, MessageBody: 'messageBody', MessageDeduplicationId: `dedup-${c.uid()}` },
  ];
  return { test_missing_message_group_id_for_fifo_queue: await c.sqs.fail('SendMessageBatch', { QueueUrl: q, Entries }) };
});

bothWith(
  'test_delete_message_batch_invalid_msg_id',
  ['', 'testLongId'.repeat(10), 'invalid:id'].map((id) => [id, id] as [string, string]),
  async (c, id) => {
    c.transform(removeErrorDetail);
    const q = await c.createQueue({ QueueName: `queue-${c.uid()}` });
    return { error_response: await c.sqs.fail('DeleteMessageBatch', { QueueUrl: q, Entries: [{ Id: id, ReceiptHandle: 'testHandle1' }] }) };
  },
);

/** Twenty messages in flight, received in batches of ten. */
async function twentyInFlight(c: ReplayContext, q: string): Promise<string[]> {
  const batch = Array.from({ length: 10 }, (_, i) => ({ Id: `message-${i}`, MessageBody: `messageBody-${i}` }));
  for (let round = 0; round < 2; round++) {
    const r = await c.sqs.ok('SendMessageBatch', { QueueUrl: q, Entries: batch });
    c.check((r.Successful as unknown[]).length === 10, 'all ten entries sent');
  }
  const handles: string[] = [];
  for (let i = 0; i < 8 && handles.length < 20; i++) {
    const r = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: Math.min(10, 20 - handles.length) });
    handles.push(...messages(r).map((m) => m.ReceiptHandle as string));
  }
  c.check(handles.length === 20, 'twenty messages received');
  return handles;
}

both('test_delete_message_batch_with_too_large_batch', async (c) => {
  c.transform(removeErrorDetail);
  const q = await c.createQueue({ QueueName: `queue-${c.uid()}` });
  const handles = await twentyInFlight(c, q);
  const Entries = handles.map((ReceiptHandle, i) => ({ Id: String(i), ReceiptHandle }));
  return { error_response: await c.sqs.fail('DeleteMessageBatch', { QueueUrl: q, Entries }) };
});

both('test_change_message_visibility_batch_with_too_large_batch', async (c) => {
  c.transform(removeErrorDetail);
  const q = await c.createQueue({ QueueName: `queue-${c.uid()}` });
  const handles = await twentyInFlight(c, q);
  const Entries = handles.map((ReceiptHandle, i) => ({ Id: String(i), ReceiptHandle, VisibilityTimeout: 123 }));
  return { error_response: await c.sqs.fail('ChangeMessageVisibilityBatch', { QueueUrl: q, Entries }) };
});

single(`${PROVIDER}test_invalid_dead_letter_arn_rejected_before_lookup`, async (c) => {
  // Nothing was recorded (the test is xfail and its expectation unconfirmed): the request is made
  // and its answer not judged.
  await c.json.call('CreateQueue', {
    QueueName: `test-queue-${c.uid()}`,
    Attributes: { RedrivePolicy: redrivePolicy('dummy', 42) },
  });
  return {};
});

both('test_send_message_with_binary_attributes', async (c) => {
  const q = await c.createQueue({ QueueName: `queue-${c.uid()}` });
  const value = new PyBytes(new Uint8Array(Buffer.from('traceparent\x1e00-774062d6c37081a5a0b9b5b88e30627c-2d2482211f6489da-01', 'latin1')));
  const MessageAttributes = { attr1: { BinaryValue: value, DataType: 'Binary' } };
  const send = await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'test', MessageAttributes });
  const r = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MessageAttributeNames: ['All'] });
  c.check(firstMessage(r).MessageId === send.MessageId, 'the message sent is received');
  c.check(firstMessage(r).MD5OfMessageAttributes === send.MD5OfMessageAttributes, 'attribute MD5 equal on send and receive (item 89)');
  return { 'binary-attrs-msg': r };
});

both('test_send_message_with_empty_string_attribute', async (c) => {
  const q = await c.createQueue();
  const MessageAttributes = { ErrorDetails: { StringValue: '', DataType: 'String' } };
  return { 'empty-string-attr': await c.sqs.fail('SendMessage', { QueueUrl: q, MessageBody: 'test', MessageAttributes }) };
});

single(`${PROVIDER}test_dead_letter_queue_message_attributes`, async (c) => {
  // Message attributes, AWSTraceHeader and the receive count survive the move; the DLQ copy gains
  // DeadLetterQueueSourceArn (items 40-41).
  const dlq = await c.createQueue();
  const dlqArn = await c.queueArn(dlq);
  const source = await c.createQueue({ Attributes: { RedrivePolicy: redrivePolicy(dlqArn, 1), VisibilityTimeout: '0' } });
  const sourceArn = await c.queueArn(source);
  await c.json.ok('SendMessage', {
    QueueUrl: source,
    MessageBody: 'message-1',
    MessageAttributes: { MyAttribute: { StringValue: 'foobar', DataType: 'String' } },
    MessageSystemAttributes: { AWSTraceHeader: { StringValue: TRACE_HEADER, DataType: 'String' } },
  });
  await c.json.ok('SendMessage', { QueueUrl: source, MessageBody: 'message-2' });
  const receive = {
    MaxNumberOfMessages: 10,
    MessageAttributeNames: ['All'],
    MessageSystemAttributeNames: ['ApproximateFirstReceiveTimestamp', 'ApproximateReceiveCount', 'SentTimestamp', 'AWSTraceHeader', 'DeadLetterQueueSourceArn'],
  };
  const before = await c.json.ok('ReceiveMessage', { QueueUrl: source, ...receive });
  const moved = await c.json.ok('ReceiveMessage', { QueueUrl: source, ...receive }); // moves both to the DLQ
  c.check(messages(moved).length === 0, 'the second receive moves the messages instead of returning them');
  const inDlq = await c.json.ok('ReceiveMessage', { QueueUrl: dlq, ...receive, WaitTimeSeconds: 5 });
  return { 'dlq-arn': dlqArn, 'sourcen-arn': sourceArn, 'rec-pre-dlq': messages(before), 'dlq-messages': messages(inDlq) };
});

both('test_set_unsupported_attribute_fifo', async (c) => {
  const standard = await c.createQueue({ QueueName: `queue-${c.uid()}` });
  const out: Matches = { 'invalid-attr-name-1': await c.sqs.fail('SetQueueAttributes', { QueueUrl: standard, Attributes: { FifoQueue: 'true' } }) };
  const fifo = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true' } });
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: fifo, Attributes: { FifoQueue: 'true' } }); // a no-op (item 101)
  out['invalid-attr-name-2'] = await c.sqs.fail('SetQueueAttributes', { QueueUrl: fifo, Attributes: { FifoQueue: 'false' } });
  return out;
});

const CONTENT_BASED: Array<[string, boolean]> = [
  ['True', true],
  ['False', false],
];

bothWith('test_fifo_deduplication_arrives_once_after_delete', CONTENT_BASED, async (c, contentBased) => {
  const Attributes: Record<string, string> = { FifoQueue: 'true' };
  if (contentBased) Attributes.ContentBasedDeduplication = 'true';
  const q = await c.createQueue({ QueueName: fifoName(c, 'test-queue'), Attributes });
  const item = '{"foo": "bar"}';
  const dedup = contentBased ? {} : { MessageDeduplicationId: 'dedup1' };
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: item, MessageGroupId: 'group-1', ...dedup });
  const first = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 3 });
  c.check(firstMessage(first).Body === item, 'the item arrives');
  await c.sqs.ok('DeleteMessage', { QueueUrl: q, ReceiptHandle: handleOf(first) });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: item, MessageGroupId: 'group-1', ...dedup });
  const second = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 1 });
  return { 'get-messages': first, 'get-messages-duplicate': second };
});

bothWith('test_fifo_deduplication_not_on_message_group_id', CONTENT_BASED, async (c, contentBased) => {
  const Attributes: Record<string, string> = { FifoQueue: 'true' };
  if (contentBased) Attributes.ContentBasedDeduplication = 'true';
  const q = await c.createQueue({ QueueName: fifoName(c, 'test-queue'), Attributes });
  const item = '{"foo": "bar"}';
  const dedup = contentBased ? {} : { MessageDeduplicationId: 'dedup1' };
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: item, MessageGroupId: 'group-1', ...dedup });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: item, MessageGroupId: 'group-2', ...dedup });
  const first = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 1, WaitTimeSeconds: 2 });
  const second = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 1, WaitTimeSeconds: 1 });
  return { 'get-messages': first, 'get-dedup-messages': second };
});

both('test_posting_to_fifo_requires_deduplicationid_group_id', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true' } });
  const body = `test${c.uid()}`;
  const withGroupOnly = { QueueUrl: q, MessageBody: body, MessageGroupId: `fifo_group-${c.uid()}` };
  const withDedupOnly = { QueueUrl: q, MessageBody: body, MessageDeduplicationId: `fifo_dedup-${c.uid()}` };
  return {
    'invalid-parameter-value': await c.sqs.fail('SendMessage', withGroupOnly),
    'missing-parameter': await c.sqs.fail('SendMessage', withDedupOnly),
    // The `-query` keys hold JSON-shaped errors in both variants: made with the JSON client.
    'invalid-parameter-value-query': await c.json.fail('SendMessage', withGroupOnly),
    'missing-parameter-query': await c.json.fail('SendMessage', withDedupOnly),
  };
});

both('test_successive_purge_calls_fail', async (c) => {
  const QueueName = `test-queue-${c.uid()}`;
  c.transform(regex(QueueName, '<queue-name>'));
  const q = await c.createQueue({ QueueName });
  await c.sqs.ok('PurgeQueue', { QueueUrl: q });
  return { purge_queue_error: await c.sqs.fail('PurgeQueue', { QueueUrl: q }) }; // within 60 s: 403 (item 114)
});

/**
 * Sends `Test…` bodies with one dedup id to two groups and receives twice; with `deleteReceived`
 * each message received is deleted (the queue then reads empty, as the recordings that read the
 * attributes afterwards show: Visible 0 and NotVisible 0).
 */
async function sameDedupTwoGroups(c: ReplayContext, q: string, bodies: [string, string], deleteReceived = false): Promise<[Response, Response]> {
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: bodies[0], MessageGroupId: 'group-1', MessageDeduplicationId: 'dedup-1' });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: bodies[1], MessageGroupId: 'group-2', MessageDeduplicationId: 'dedup-1' });
  const out: Response[] = [];
  for (let i = 0; i < 2; i++) {
    const r = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
    if (deleteReceived) for (const m of messages(r)) await c.sqs.ok('DeleteMessage', { QueueUrl: q, ReceiptHandle: m.ReceiptHandle });
    out.push(r);
  }
  return [out[0] as Response, out[1] as Response];
}

both('test_sqs_fifo_same_dedup_id_different_message_groups', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true' } });
  const [r1, r2] = await sameDedupTwoGroups(c, q, ['Test', 'Test']); // scope `queue`: the second is a duplicate (item 59)
  return { 'same-dedup-different-grp-1': r1, 'same-dedup-different-grp-2': r2 };
});

both('test_fifo_high_throughput_ordering', async (c) => {
  const q = await c.createQueue({
    QueueName: fifoName(c),
    Attributes: { FifoQueue: 'true', DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' },
  });
  const [r1, r2] = await sameDedupTwoGroups(c, q, ['Test1', 'Test2']); // scope `messageGroup` (item 60)
  return { 'same-dedup-different-grp-1': r1, 'same-dedup-different-grp-2': r2 };
});

// The two `change_to_*` tests read the queue attributes after their receives and recorded
// NotVisible "0": the received messages were deleted first (LocalStack, which counts exactly, passes
// the same snapshot), so these cases delete what they receive.
both('test_fifo_change_to_high_throughput_after_creation', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true' } });
  const [r1, r2] = await sameDedupTwoGroups(c, q, ['Test1', 'Test2'], true);
  const out: Matches = { 'same-dedup-different-grp-1': r1, 'same-dedup-different-grp-2': r2 };
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: q, Attributes: { DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' } });
  out['set-to-high-throughput'] = await c.sqs.ok('GetQueueAttributes', { QueueUrl: q, AttributeNames: ['All'] });
  // The scope stays what it was at creation, for old and new dedup ids alike (item 61).
  const send = (body: string, group: string, dedup: string) =>
    c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: dedup });
  await send('Test3', 'group-3', 'dedup-1');
  out['same-dedup-different-grp-high-throughput'] = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  await send('Test3', 'group-4', 'dedup-1');
  out['same-dedup-different-grp-high-throughput-2'] = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  await send('Test4', 'group-5', 'dedup-2');
  out['new-dedup2-high-throughput'] = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  await send('Test5', 'group-6', 'dedup-2');
  out['same-dedup2-high-throughput'] = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  return out;
});

both('test_fifo_change_to_regular_throughput_after_creation', async (c) => {
  const q = await c.createQueue({
    QueueName: fifoName(c),
    Attributes: { FifoQueue: 'true', DeduplicationScope: 'messageGroup', FifoThroughputLimit: 'perMessageGroupId' },
  });
  const [r1, r2] = await sameDedupTwoGroups(c, q, ['Test1', 'Test2'], true);
  const out: Matches = { 'same-dedup-different-grp-1': r1, 'same-dedup-different-grp-2': r2 };
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: q, Attributes: { DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' } });
  out['set-to-regular-throughput'] = await c.sqs.ok('GetQueueAttributes', { QueueUrl: q, AttributeNames: ['All'] });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'Test3', MessageGroupId: 'group-3', MessageDeduplicationId: 'dedup-1' });
  out['same-dedup-different-grp-regular-throughput'] = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  return out;
});

both('test_sse_queue_attributes', async (c) => {
  const names = ['KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled'];
  const kms = await c.createQueue();
  await c.sqs.ok('SetQueueAttributes', {
    QueueUrl: kms,
    Attributes: { KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000', SqsManagedSseEnabled: 'false' },
  });
  const out: Matches = { sse_kms_attributes: await c.sqs.ok('GetQueueAttributes', { QueueUrl: kms, AttributeNames: names }) };
  const sqsSse = await c.createQueue();
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: sqsSse, Attributes: { SqsManagedSseEnabled: 'true' } });
  out.sse_sqs_attributes = await c.sqs.ok('GetQueueAttributes', { QueueUrl: sqsSse, AttributeNames: names });
  return out;
});

both('test_sse_kms_and_sqs_are_mutually_exclusive', async (c) => {
  const q = await c.createQueue();
  const e = await c.sqs.fail('SetQueueAttributes', { QueueUrl: q, Attributes: { KmsMasterKeyId: 'testKeyId', SqsManagedSseEnabled: 'true' } });
  return { error: c.errorText('SetQueueAttributes', e) }; // the test matched str(ClientError)
});

both('test_receive_message_message_attribute_names_filters', async (c) => {
  const q = await c.createQueue({ Attributes: { VisibilityTimeout: '0' } });
  const out: Matches = {
    send_message_response: await c.sqs.ok('SendMessage', {
      QueueUrl: q,
      MessageBody: 'msg',
      MessageAttributes: {
        'Help.Me': { DataType: 'String', StringValue: 'Me' },
        Hello: { DataType: 'String', StringValue: 'There' },
        General: { DataType: 'String', StringValue: 'Kenobi' },
      },
    }),
  };
  const receive = (names: string[]) => c.sqs.ok('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 5, MessageAttributeNames: names });
  out.empty_filter = await receive([]);
  out.all_name = await receive(['All']);
  out.all_wildcard_asterisk = firstMessage(await receive(['*']));
  out.all_wildcard = firstMessage(await receive(['.*']));
  out.only_non_existing_names = firstMessage(await receive(['Foo', 'Help']));
  out.only_existing = firstMessage(await receive(['Hello', 'General']));
  out.existing_and_non_existing = firstMessage(await receive(['Foo', 'Hello']));
  out.prefix_filter = firstMessage(await receive(['Hel.*']));
  out.illegal_name_1 = await receive(['AWS.']);
  out.illegal_name_2 = await receive(['..foo']);
  return out;
});

/** The system-attribute filter tests: the same receives through either request member. */
function systemAttributeFilters(member: 'AttributeNames' | 'MessageSystemAttributeNames'): Steps {
  return async (c) => {
    const q = await c.createQueue({ Attributes: { VisibilityTimeout: '0' } });
    await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'msg', MessageAttributes: { Foo: { DataType: 'String', StringValue: 'Bar' } } });
    const receive = (names: string[], messageAttributeNames: string[] = []) =>
      c.sqs.ok('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 5, [member]: names, MessageAttributeNames: messageAttributeNames });
    return {
      all_attributes: await receive(['All']),
      all_system_and_message_attributes: await receive(['All'], ['All']),
      single_attribute: await receive(['SenderId']),
      multiple_attributes: await receive(['SenderId', 'SequenceNumber']), // SequenceNumber does not apply: dropped (item 91)
    };
  };
}
both('test_receive_message_attribute_names_filters', systemAttributeFilters('AttributeNames'));

both('test_sqs_permission_lifecycle', async (c) => {
  const q = await c.createQueue();
  const add = (accounts: string[], Label: string) =>
    c.sqs.call('AddPermission', { QueueUrl: q, AWSAccountIds: accounts, Actions: ['ReceiveMessage'], Label });
  const policy = () => c.sqs.ok('GetQueueAttributes', { QueueUrl: q, AttributeNames: ['Policy'] });
  const out: Matches = { 'add-permission-response': await add([c.accountId, '668614515564'], 'crossaccountpermission') };
  out['get-queue-policy-attribute'] = await policy();
  out['remove-permission-response'] = await c.sqs.ok('RemovePermission', { QueueUrl: q, Label: 'crossaccountpermission' });
  out['get-queue-policy-attribute-after-removal'] = await policy();
  await add([c.accountId], 'crossaccountpermission');
  out['get-queue-policy-attribute-first-account-same-label'] = await policy();
  out['get-queue-policy-attribute-second-account-same-label'] = await add(['668614515564'], 'crossaccountpermission');
  await add([c.accountId], 'crossaccountpermission2');
  out['get-queue-policy-attribute-second-account-different-label'] = await policy();
  await c.sqs.ok('RemovePermission', { QueueUrl: q, Label: 'crossaccountpermission' });
  out['get-queue-policy-attribute-delete-first-permission'] = await policy();
  await c.sqs.ok('RemovePermission', { QueueUrl: q, Label: 'crossaccountpermission2' });
  out['get-queue-policy-attribute-delete-second-permission'] = await policy();
  out['get-queue-policy-attribute-delete-non-existent-label'] = await c.sqs.fail('RemovePermission', { QueueUrl: q, Label: 'crossaccountpermission2' });
  return out;
});

single(`${PROVIDER}test_non_existent_queue`, async (c) => {
  // JSON and Query word a missing queue differently (item 111).
  const name = `queue-${c.uid()}`;
  const url = (await c.createQueue({ QueueName: name })).replace(name, `${name}-missing`);
  return {
    'queue-does-not-exist': await c.json.fail('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] }),
    'queue-does-not-exist-url': await c.json.fail('GetQueueUrl', { QueueName: `${name}-missing` }),
    'queue-does-not-exist-query': await c.query.fail('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] }),
  };
});

single(`${QUERY_API}test_send_message_via_queue_url_with_json_protocol`, async (c) => {
  // A JSON request POSTed to the queue URL, as the PHP SDK does (item 124); the recorded answer is
  // an empty receive.
  const q = await c.createQueue();
  return { 'receive-json-on-queue-url': await c.json.ok('ReceiveMessage', { QueueUrl: q }, { url: q }) };
});

both('test_set_unsupported_attribute_standard', async (c) => {
  const q = await c.createQueue({ QueueName: `queue-${c.uid()}` });
  return {
    'invalid-attr-name-1': await c.sqs.fail('SetQueueAttributes', { QueueUrl: q, Attributes: { FifoQueue: 'true' } }),
    'invalid-attr-name-2': await c.sqs.fail('SetQueueAttributes', { QueueUrl: q, Attributes: { FifoQueue: 'false' } }),
  };
});

both('test_create_standard_queue_with_fifo_attribute_raises_error', async (c) => {
  // Creation goes through the JSON fixture in both variants (item 100).
  const create = (Attributes: Record<string, string>) => c.json.fail('CreateQueue', { QueueName: `queue-${c.uid()}`, Attributes });
  return {
    'invalid-attribute-fifo-queue': await create({ FifoQueue: 'false' }),
    'invalid-attribute-content-based-deduplication': await create({ ContentBasedDeduplication: 'false' }),
    'invalid-attribute-deduplication-scope': await create({ DeduplicationScope: 'queue' }),
    'invalid-attribute-throughput-limit': await create({ FifoThroughputLimit: 'perQueue' }),
  };
});

both('test_dead_letter_queue_with_fifo_and_content_based_deduplication', async (c) => {
  const dlq = await c.createQueue({
    QueueName: fifoName(c, 'test-dlq'),
    Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', MessageRetentionPeriod: '1209600' },
  });
  const q = await c.createQueue({
    QueueName: fifoName(c, 'test-queue'),
    Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '60', RedrivePolicy: redrivePolicy(await c.queueArn(dlq), 2) },
  });
  const sent = await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'foobar', MessageGroupId: '1' });
  for (let i = 0; i < 3; i++) await c.sqs.ok('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 1, VisibilityTimeout: 0 });
  const r = await c.sqs.ok('ReceiveMessage', { QueueUrl: dlq, WaitTimeSeconds: 10 });
  c.check(messages(r).length === 1, 'one message in the DLQ (item 42)');
  c.check(firstMessage(r).MessageId === sent.MessageId && firstMessage(r).Body === 'foobar', 'the same message, same MessageId');
  return {};
});

both('test_sqs_fifo_message_group_scope_no_throughput_setting', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', DeduplicationScope: 'messageGroup' } });
  const [r1, r2] = await sameDedupTwoGroups(c, q, ['Test', 'Test']); // item 60
  return { 'same-dedup-different-grp-1': r1, 'same-dedup-different-grp-2': r2 };
});

both('test_receive_message_message_system_attribute_names_filters', systemAttributeFilters('MessageSystemAttributeNames'));

both('test_message_system_attribute_names_with_attribute_names', async (c) => {
  const q = await c.createQueue({ Attributes: { VisibilityTimeout: '0' } });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'msg' });
  // Both members serialize to `AttributeName.N` on the Query wire, where botocore writes the later
  // one over the earlier: the Query request carries only AttributeNames (item 92).
  const receive = (system: string[], names: string[]) =>
    c.sqs.ok(
      'ReceiveMessage',
      c.protocol === 'json' ? { QueueUrl: q, MessageSystemAttributeNames: system, AttributeNames: names } : { QueueUrl: q, AttributeNames: names },
    );
  return { same_values: await receive(['All'], ['All']), different_values: await receive(['All'], ['SenderId']) };
});

both('test_set_empty_redrive_policy', async (c) => {
  const dlq = await c.createQueue();
  const q = await c.createQueue({ Attributes: { RedrivePolicy: redrivePolicy(await c.queueArn(dlq), 10) } });
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: q, Attributes: { RedrivePolicy: '' } });
  const r = await c.sqs.ok('GetQueueAttributes', { QueueUrl: q, AttributeNames: ['All'] });
  c.check(!('RedrivePolicy' in (r.Attributes as Record<string, string>)), 'RedrivePolicy="" removes the attribute (item 44)');
  return {};
});

both('test_send_receive_wait_time_seconds', async (c) => {
  const q = await c.createQueue();
  const out: Matches = {
    recieve_message_error_too_large: await c.sqs.fail('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 21 }),
    recieve_message_error_too_small: await c.sqs.fail('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: -1 }),
  };
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'message' });
  out.empty_short_poll_by_default_resp = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'message' });
  out.empty_short_poll_explicit_resp = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 0 });
  return out;
});

both('test_receive_empty_queue', async (c) => {
  const q = await c.createQueue();
  return {
    empty_short_poll_resp_no_param: await c.sqs.ok('ReceiveMessage', { QueueUrl: q }),
    empty_short_poll_resp: await c.sqs.ok('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 0 }),
    empty_long_poll_resp: await c.sqs.ok('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 1 }),
  };
});

both('test_send_empty_message', async (c) => {
  const q = await c.createQueue();
  return { send_empty_message: await c.sqs.fail('SendMessage', { QueueUrl: q, MessageBody: '' }) }; // item 2
});

single(`${PROVIDER}test_list_queues_pagination`, async (c) => {
  const prefix = c.uid();
  for (let i = 0; i < 10; i++) await c.createQueue({ QueueName: `${prefix}-test-queue-${i}` });
  const out: Matches = { list_all: await c.json.ok('ListQueues', { QueueNamePrefix: prefix }) };
  const page = await c.json.ok('ListQueues', { QueueNamePrefix: prefix, MaxResults: 2 });
  out.list_two_max = page;
  out.list_remaining = await c.json.ok('ListQueues', { QueueNamePrefix: prefix, MaxResults: 10, NextToken: page.NextToken });
  return out;
});

both('test_delete_after_visibility_timeout', async (c) => {
  const q = await c.createQueue({ Attributes: { VisibilityTimeout: '1' } });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'foobar' });
  const handle = handleOf(await c.sqs.ok('ReceiveMessage', { QueueUrl: q }));
  await c.sleep(2);
  await c.sqs.ok('DeleteMessage', { QueueUrl: q, ReceiptHandle: handle }); // standard: still deletes (item 26)
  const empty = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, WaitTimeSeconds: 1 });
  c.check((await approximate(c, q)).visible === 0, 'the message is gone');
  return { delete_after_timeout_queue_empty: empty };
});

both('test_fifo_delete_after_visibility_timeout', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '1' } });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'foobar', MessageGroupId: 'group-1' });
  const received = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  await c.sleep(2);
  return {
    received_sqs_message: received,
    delete_after_timeout_fifo: await c.sqs.fail('DeleteMessage', { QueueUrl: q, ReceiptHandle: handleOf(received) }), // item 27
  };
});

both('test_aws_trace_header_propagation', async (c) => {
  const q = await c.createQueue();
  const trace = 'Root=1-3152b799-8954dae64eda91bc9a23a7e8;Parent=7fa8c0f79203be72;Sampled=1';
  await c.sqs.ok(
    'SendMessage',
    { QueueUrl: q, MessageBody: 'test', MessageAttributes: { timestamp: { StringValue: '1493147359900', DataType: 'Number' } } },
    { headers: { 'X-Amzn-Trace-Id': trace } }, // becomes AWSTraceHeader (item 94)
  );
  const r = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, AttributeNames: ['AWSTraceHeader', 'SentTimestamp'], MessageAttributeNames: ['All'] });
  return { 'xray-msg': firstMessage(r) };
});

both('test_fair_queue_with_message_group_id', async (c) => {
  const q = await c.createQueue();
  const send = await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'message', MessageGroupId: 'test' }); // no SequenceNumber (item 125)
  const r = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MessageSystemAttributeNames: ['All'] });
  return { send_message: send, 'get-message-with-deduplication-id': r };
});

const INVALID_IDS: Array<[string, string]> = [
  ['empty', ''],
  ['too_long', 'a'.repeat(129)],
  ['spaces', 'group 123'],
];
for (const [label, value] of INVALID_IDS) {
  single(`${PROVIDER}test_send_message_to_standard_queue_with_invalid_message_group_id[${label}]`, async (c) => {
    const q = await c.createQueue();
    return { 'error-response': await c.json.fail('SendMessage', { QueueUrl: q, MessageBody: 'message', MessageGroupId: value }) };
  });
}
for (const [label, value] of INVALID_IDS) {
  single(`${PROVIDER}test_message_deduplication_id_invalid[${label}]`, async (c) => {
    const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true' } });
    return {
      'error-response': await c.json.fail('SendMessage', { QueueUrl: q, MessageBody: 'message', MessageGroupId: 'group-1', MessageDeduplicationId: value }),
    };
  });
}

single(`${PROVIDER}test_message_deduplication_id_success`, async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true' } });
  for (const id of ['a'.repeat(128), 'dedup-1!#$%&()*+,-./:;<=>?@[]^_`{|}~']) {
    await c.json.ok('SendMessage', { QueueUrl: q, MessageBody: `message ${id.length}`, MessageGroupId: 'group-1', MessageDeduplicationId: id }); // item 56
  }
  return {};
});

both('test_fifo_queue_send_message_with_zero_delay_defaults_to_queue_delay', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', DelaySeconds: '2' } });
  const send = await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'message-1', MessageGroupId: '1', DelaySeconds: 0 });
  const initial = await c.sqs.ok('ReceiveMessage', { QueueUrl: q }); // still delayed by the queue (item 33)
  await c.sleep(3);
  const after = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  return { send_message_result: send, receive_message_initial_result: initial, receive_message_after_delay_result: after };
});

both('test_approximate_number_of_messages_not_visible', async (c) => {
  const q = await c.createQueue({ Attributes: { VisibilityTimeout: '5' } });
  for (let i = 0; i < 5; i++) await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: `message-${i}` });
  await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 2 });
  const during = await approximate(c, q);
  c.check(during.visible === 3 && during.notVisible === 2, `3 visible and 2 in flight, got ${JSON.stringify(during)}`);
  await c.sleep(6);
  const after = await approximate(c, q);
  c.check(after.visible === 5 && after.notVisible === 0, `5 visible after the timeout, got ${JSON.stringify(after)}`);
  return {};
});

both('test_fifo_approximate_number_of_messages_not_visible', async (c) => {
  // Counters count messages waiting behind a locked group as visible (item 75).
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '5' } });
  for (const g of ['1', '2', '3']) {
    for (const m of ['1', '2']) await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: `g${g}-m${m}`, MessageGroupId: g });
  }
  await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 1 });
  await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 1 });
  const during = await approximate(c, q);
  c.check(during.visible === 4 && during.notVisible === 2, `4 visible and 2 in flight, got ${JSON.stringify(during)}`);
  await c.sleep(6);
  const after = await approximate(c, q);
  c.check(after.visible === 6 && after.notVisible === 0, `6 visible after the timeout, got ${JSON.stringify(after)}`);
  return {};
});

both('test_fifo_delete_after_visibility_timeout_extended', async (c) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '2' } });
  await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: 'foobar', MessageGroupId: 'group-1' });
  const received = await c.sqs.ok('ReceiveMessage', { QueueUrl: q });
  await c.sqs.ok('ChangeMessageVisibility', { QueueUrl: q, ReceiptHandle: handleOf(received), VisibilityTimeout: 10 }); // before expiry
  await c.sleep(3);
  return {
    received_sqs_message: received,
    delete_after_timeout_fifo_extended: await c.sqs.ok('DeleteMessage', { QueueUrl: q, ReceiptHandle: handleOf(received) }), // item 28
  };
});

// Extending message k of a group's batch hides k and every later message of the group (item 71).
const EXTENDED_INDEX: Array<[string, number]> = [
  ['all-invisible', 0],
  ['1-invisible', 1],
  ['no-invisible', 2],
  ['0-visible', 0],
  ['1-visible', 1],
  ['2-visible', 2],
];
bothWith('test_fifo_group_visibility_extends_with_change_message_visibility', EXTENDED_INDEX, async (c, k) => {
  const q = await c.createQueue({ QueueName: fifoName(c), Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true', VisibilityTimeout: '2' } });
  for (const body of ['foo', 'bar', 'baz']) await c.sqs.ok('SendMessage', { QueueUrl: q, MessageBody: body, MessageGroupId: 'group-1' });
  const all = await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 10 });
  await c.sqs.ok('ChangeMessageVisibility', { QueueUrl: q, ReceiptHandle: handleOf(all, k), VisibilityTimeout: 30 });
  await c.sleep(3);
  return { receive_all_messages: all, 'some-messages-invisible': await c.sqs.ok('ReceiveMessage', { QueueUrl: q, MaxNumberOfMessages: 10 }) };
});

both('test_set_queue_attributes_default_values', async (c) => {
  // SSE-KMS turns SqsManagedSseEnabled off, and it stays off when KMS is removed again (item 97).
  const q = await c.createQueue();
  const all = () => c.sqs.ok('GetQueueAttributes', { QueueUrl: q, AttributeNames: ['All'] });
  const out: Matches = { 'get-queue-attributes-initial-values': await all() };
  await c.sqs.ok('SetQueueAttributes', { QueueUrl: q, Attributes: { KmsMasterKeyId: 'testKeyId', KmsDataKeyReusePeriodSeconds: '6000' } });
  out['get-queue-attributes-after-update'] = await all();
  await c.sqs.ok('SetQueueAttributes', {
    QueueUrl: q,
    Attributes: {
      DelaySeconds: '0',
      MaximumMessageSize: '1048576',
      MessageRetentionPeriod: '345600',
      ReceiveMessageWaitTimeSeconds: '0',
      VisibilityTimeout: '30',
      KmsMasterKeyId: '',
      KmsDataKeyReusePeriodSeconds: '300',
    },
  });
  out['get-queue-attributes-after-set-to-defaults'] = await all();
  return out;
});

// ------------------------------------------------------------------------------ test_sqs_move_task.py

/** `sqs_create_dlq_pipe`: a DLQ, then a source queue redriving to it. */
async function dlqPipe(c: ReplayContext, maxReceiveCount = 1): Promise<{ source: string; dlq: string; dlqArn: string }> {
  const dlq = await c.createQueue();
  const dlqArn = await c.queueArn(dlq);
  const source = await c.createQueue({ Attributes: { RedrivePolicy: redrivePolicy(dlqArn, maxReceiveCount) } });
  return { source, dlq, dlqArn };
}

/** Sends `n` messages to the source and receives each twice (VT 0) so they move to the DLQ (item 40). */
async function fillDlq(c: ReplayContext, pipe: { source: string; dlq: string }, n: number, body = (i: number) => `message-${i}`): Promise<void> {
  for (let i = 0; i < n; i++) await c.json.ok('SendMessage', { QueueUrl: pipe.source, MessageBody: body(i) });
  for (let i = 0; i < n * 2; i++) await c.json.ok('ReceiveMessage', { QueueUrl: pipe.source, VisibilityTimeout: 0 });
  const counts = await approximate(c, pipe.dlq);
  c.check(counts.visible === n, `${n} messages in the DLQ, got ${counts.visible}`);
}

/** `sqs_collect_messages`: receives (and deletes) one at a time until `expected` arrived. */
async function collect(c: ReplayContext, queueUrl: string, expected: number, timeoutSeconds: number): Promise<Array<Record<string, unknown>>> {
  const out: Array<Record<string, unknown>> = [];
  const deadline = c.now() + timeoutSeconds * 1000;
  while (out.length < expected) {
    c.check(c.now() <= deadline, `gave up waiting for messages (expected=${expected}, actual=${out.length})`);
    const r = await c.json.ok('ReceiveMessage', { QueueUrl: queueUrl, WaitTimeSeconds: Math.min(Math.max(1, timeoutSeconds), 5), MaxNumberOfMessages: 1 });
    for (const m of messages(r)) {
      out.push(m);
      await c.json.ok('DeleteMessage', { QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle });
    }
  }
  return out;
}

/** `retry(…, sleep=1)` over ListMessageMoveTasks until `done` holds. */
async function listUntil(c: ReplayContext, sourceArn: string, done: (first: Record<string, unknown>) => boolean): Promise<Response> {
  for (let i = 0; i < 30; i++) {
    const r = await c.json.ok('ListMessageMoveTasks', { SourceArn: sourceArn });
    const first = (r.Results as Array<Record<string, unknown>> | undefined)?.[0];
    if (first && done(first)) return r;
    await c.sleep(1);
  }
  throw new Error('the move task did not reach the expected state');
}

single(`${MOVE_TASK}test_basic_move_task_workflow`, async (c) => {
  const pipe = await dlqPipe(c);
  const destination = await c.createQueue();
  const destinationArn = await c.queueArn(destination);
  await fillDlq(c, pipe, 2);
  const start = await c.json.ok('StartMessageMoveTask', { SourceArn: pipe.dlqArn, DestinationArn: destinationArn });
  const moved = await collect(c, destination, 2, 10);
  c.check(new Set(moved.map((m) => m.Body)).size === 2, 'both messages arrive in the destination');
  const list = await listUntil(c, pipe.dlqArn, (t) => t.ApproximateNumberOfMessagesMoved === 2);
  c.check(messages(await c.json.ok('ReceiveMessage', { QueueUrl: pipe.dlq, WaitTimeSeconds: 1 })).length === 0, 'the DLQ is empty');
  return { 'start-message-move-task-response': start, 'list-message-move-task-response': list };
});

single(`${MOVE_TASK}test_source_needs_redrive_policy`, async (c) => {
  const source = await c.queueArn(await c.createQueue());
  const destination = await c.queueArn(await c.createQueue());
  return { error: await c.json.fail('StartMessageMoveTask', { SourceArn: source, DestinationArn: destination }) }; // item 46
});

/** Base64 of `{"taskId": …, "sourceArn": …}`: the task handle format the tests build themselves. */
function taskHandle(taskId: string, sourceArn: string): string {
  return Buffer.from(JSON.stringify({ taskId, sourceArn }), 'utf8').toString('base64');
}

single(`${MOVE_TASK}test_cancel_with_invalid_task_handle`, async (c) => ({
  error: await c.json.fail('CancelMessageMoveTask', { TaskHandle: 'foobared' }), // item 49
}));

single(`${MOVE_TASK}test_cancel_with_invalid_source_arn_in_task_handle`, async (c) => ({
  error: await c.json.fail('CancelMessageMoveTask', {
    TaskHandle: taskHandle('10f57157-fc38-4da9-a113-4de7e12d05dd', 'arn:aws:sqs:us-east-1:878966065785:test-queue-doesnt-exist-123456'),
  }),
}));

single(`${MOVE_TASK}test_cancel_with_invalid_task_id_in_task_handle`, async (c) => {
  const sourceArn = await c.queueArn(await c.createQueue());
  return { error: await c.json.fail('CancelMessageMoveTask', { TaskHandle: taskHandle('10f57157-fc38-4da9-a113-4de7e12d05aa', sourceArn) }) };
});

single(`${MOVE_TASK}test_move_task_with_throughput_limit`, async (c) => {
  const pipe = await dlqPipe(c);
  const destination = await c.createQueue();
  const destinationArn = await c.queueArn(destination);
  await fillDlq(c, pipe, 4);
  const start = await c.json.ok('StartMessageMoveTask', { SourceArn: pipe.dlqArn, DestinationArn: destinationArn, MaxNumberOfMessagesPerSecond: 1 });
  const started = c.now();
  await collect(c, destination, 4, 60);
  c.check(c.now() - started >= 3000, 'four messages at one per second take at least 3 s (item 51)');
  return { 'start-message-move-task-response': start };
});

single(`${MOVE_TASK}test_destination_needs_to_exist`, async (c) => {
  const pipe = await dlqPipe(c);
  const destinationArn = `${await c.queueArn(await c.createQueue())}doesntexist`;
  return { error: await c.json.fail('StartMessageMoveTask', { SourceArn: pipe.dlqArn, DestinationArn: destinationArn }) }; // item 47
});

single(`${MOVE_TASK}test_move_task_cancel`, async (c) => {
  const pipe = await dlqPipe(c);
  const destination = await c.createQueue();
  const destinationArn = await c.queueArn(destination);
  await fillDlq(c, pipe, 10);
  const start = await c.json.ok('StartMessageMoveTask', { SourceArn: pipe.dlqArn, DestinationArn: destinationArn, MaxNumberOfMessagesPerSecond: 1 });
  await collect(c, destination, 2, 60);
  const out: Matches = { 'list-while': await c.json.ok('ListMessageMoveTasks', { SourceArn: pipe.dlqArn }) };
  out.cancel = await c.json.ok('CancelMessageMoveTask', { TaskHandle: start.TaskHandle });
  out['list-after'] = await listUntil(c, pipe.dlqArn, (t) => t.Status === 'CANCELLED');
  c.check(messages(await c.json.ok('ReceiveMessage', { QueueUrl: pipe.dlq })).length > 0, 'messages are left in the DLQ');
  return out;
});

single(`${MOVE_TASK}test_move_task_delete_destination_queue_while_running`, async (c) => {
  const pipe = await dlqPipe(c);
  const destination = await c.createQueue();
  const destinationArn = await c.queueArn(destination);
  await fillDlq(c, pipe, 10);
  await c.json.ok('StartMessageMoveTask', { SourceArn: pipe.dlqArn, DestinationArn: destinationArn, MaxNumberOfMessagesPerSecond: 1 });
  await c.json.ok('DeleteQueue', { QueueUrl: destination });
  const list = await listUntil(c, pipe.dlqArn, (t) => t.Status !== 'RUNNING'); // FAILED (item 50)
  c.check(messages(await c.json.ok('ReceiveMessage', { QueueUrl: pipe.dlq })).length > 0, 'messages are left in the DLQ');
  return { list };
});

single(`${MOVE_TASK}test_start_multiple_move_tasks`, async (c) => {
  const pipe = await dlqPipe(c);
  const destinationArn = await c.queueArn(await c.createQueue());
  await fillDlq(c, pipe, 10);
  const start = { SourceArn: pipe.dlqArn, DestinationArn: destinationArn, MaxNumberOfMessagesPerSecond: 1 };
  await c.json.ok('StartMessageMoveTask', start);
  return { error: await c.json.fail('StartMessageMoveTask', start) }; // item 48
});

single(`${MOVE_TASK}test_move_task_workflow_with_default_destination`, async (c) => {
  // Without a DestinationArn each message goes back to its own source queue (item 51).
  const pipe = await dlqPipe(c);
  const sourceArn = await c.queueArn(pipe.source);
  await fillDlq(c, pipe, 2);
  const start = await c.json.ok('StartMessageMoveTask', { SourceArn: pipe.dlqArn });
  const back = await collect(c, pipe.source, 2, 10);
  c.check(back.length === 2, 'both messages are back in the original source');
  const list = await listUntil(c, pipe.dlqArn, (t) => t.ApproximateNumberOfMessagesMoved === 2);
  return { 'source-arn': pipe.dlqArn, 'original-source': sourceArn, 'start-message-move-task-response': start, 'list-message-move-task-response': list };
});

single(`${MOVE_TASK}test_move_task_workflow_with_multiple_sources_as_default_destination`, async (c) => {
  const pipe1 = await dlqPipe(c);
  const source2 = await c.createQueue({ Attributes: { RedrivePolicy: redrivePolicy(pipe1.dlqArn, 1) } });
  const pipe2 = { source: source2, dlq: pipe1.dlq };
  const arn1 = await c.queueArn(pipe1.source);
  const arn2 = await c.queueArn(source2);
  await fillDlq(c, pipe1, 2, (i) => `source-1-message-${i}`);
  for (let i = 0; i < 2; i++) await c.json.ok('SendMessage', { QueueUrl: source2, MessageBody: `source-2-message-${i}` });
  for (let i = 0; i < 4; i++) await c.json.ok('ReceiveMessage', { QueueUrl: pipe2.source, VisibilityTimeout: 0 });
  c.check((await approximate(c, pipe1.dlq)).visible === 4, 'four messages in the shared DLQ');
  const start = await c.json.ok('StartMessageMoveTask', { SourceArn: pipe1.dlqArn });
  const back1 = await collect(c, pipe1.source, 2, 10);
  const back2 = await collect(c, source2, 2, 10);
  c.check(back1.every((m) => String(m.Body).startsWith('source-1')) && back2.every((m) => String(m.Body).startsWith('source-2')), 'each message returns to its own source');
  const list = await listUntil(c, pipe1.dlqArn, (t) => t.ApproximateNumberOfMessagesMoved === 4);
  return {
    'source-arn': pipe1.dlqArn,
    'original-source-1': arn1,
    'original-source-2': arn2,
    'start-message-move-task-response': start,
    'list-message-move-task-response': list,
  };
});

export const CASES: readonly ReplayCase[] = cases;
