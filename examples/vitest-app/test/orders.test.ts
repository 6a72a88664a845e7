import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { placeOrder, work, type Order } from '../src/orders.js';

// No endpoint, region or credentials here: the global setup put them in the environment.
const sqs = new SQSClient({});
const { queueUrls } = inject('sqsConformance');
const orders = queueUrls['orders.fifo']!;
const deadLetters = queueUrls['orders-dlq.fifo']!;

afterAll(() => sqs.destroy());

describe('orders', () => {
  it('handles one customer’s orders in the order they were placed, and deletes them', async () => {
    const placed: Order[] = ['tea', 'cups', 'saucers'].map((item, i) => ({ id: `ann-${i}`, customer: 'ann', item }));
    for (const o of placed) await placeOrder(sqs, orders, o);

    const seen: string[] = [];
    const r = await work(sqs, orders, async (o) => void seen.push(o.item));
    expect(seen).toEqual(['tea', 'cups', 'saucers']);
    expect(r.failed).toEqual([]);

    // Deleted: nothing comes back, even after the 1 s visibility timeout.
    const again = await work(sqs, orders, async () => {}, 2);
    expect(again.handled).toEqual([]);
  });

  it('an order that always fails ends in the dead-letter queue after maxReceiveCount tries', async () => {
    const poison: Order = { id: 'bob-1', customer: 'bob', item: 'ERROR' };
    await placeOrder(sqs, orders, poison);
    const failing = async (o: Order) => {
      if (o.item === 'ERROR') throw new Error('cannot handle');
    };

    // Each try fails and the order comes back after the visibility timeout (1 s, queues.json). The
    // receive after the second failure finds its receive count at maxReceiveCount (2): SQS moves it
    // to the dead-letter queue instead of returning it.
    let failures = 0;
    let moved: Order[] = [];
    for (let i = 0; i < 10 && moved.length === 0; i++) {
      failures += (await work(sqs, orders, failing)).failed.length;
      const dlq = await sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetters, WaitTimeSeconds: 1 }));
      moved = (dlq.Messages ?? []).map((m) => JSON.parse(m.Body!) as Order);
    }
    expect(failures).toBe(2);
    expect(moved).toEqual([poison]);
  });
});
