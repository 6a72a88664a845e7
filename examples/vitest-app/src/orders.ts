// A tiny order service: orders go to a FIFO queue, one message group per customer (so a customer's
// orders are handled in the order placed); a worker handles them and deletes each one it handled.
// An order whose handling fails stays in the queue, comes back after the visibility timeout and,
// after the queue's maxReceiveCount receives, SQS moves it to the dead-letter queue.
import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';

export interface Order {
  id: string;
  customer: string;
  item: string;
}

export async function placeOrder(sqs: SQSClient, queueUrl: string, order: Order): Promise<string> {
  const r = await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(order),
      MessageGroupId: order.customer,
      MessageDeduplicationId: order.id,
    }),
  );
  return r.MessageId!;
}

export interface WorkResult {
  handled: Order[];
  failed: Order[];
}

/** One receive (long poll of `waitSeconds`): handles what came, deletes what was handled. */
export async function work(sqs: SQSClient, queueUrl: string, handle: (order: Order) => Promise<void>, waitSeconds = 2): Promise<WorkResult> {
  const r = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: waitSeconds }));
  const result: WorkResult = { handled: [], failed: [] };
  for (const m of r.Messages ?? []) {
    const order = JSON.parse(m.Body!) as Order;
    try {
      await handle(order);
    } catch {
      result.failed.push(order);
      continue;
    }
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
    result.handled.push(order);
  }
  return result;
}
