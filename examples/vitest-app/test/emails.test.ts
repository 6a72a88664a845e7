import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, expect, inject, it } from 'vitest';

const sqs = new SQSClient({});
const emails = inject('sqsConformance').queueUrls.emails!;

afterAll(() => sqs.destroy());

it('sends, receives and deletes on a standard queue', async () => {
  expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(inject('sqsConformance').endpoint);
  await sqs.send(new SendMessageCommand({ QueueUrl: emails, MessageBody: 'welcome, ann', MessageAttributes: { to: { DataType: 'String', StringValue: 'ann@example.com' } } }));

  // The queue long-polls by default (ReceiveMessageWaitTimeSeconds 1 in queues.json).
  const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: emails, MessageAttributeNames: ['All'] }));
  expect(r.Messages).toHaveLength(1);
  const [m] = r.Messages!;
  expect(m!.Body).toBe('welcome, ann');
  expect(m!.MessageAttributes?.to?.StringValue).toBe('ann@example.com');
  await sqs.send(new DeleteMessageCommand({ QueueUrl: emails, ReceiptHandle: m!.ReceiptHandle! }));

  const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: emails, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  expect(attrs.Attributes).toEqual({ ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
});
