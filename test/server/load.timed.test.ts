// Load on the reference server, bounded and loopback only (test/bench/load.ts drives it):
// 32 concurrent clients push LOAD_MESSAGES messages (default 1,000,000) through one standard queue
// with SendMessageBatch of 10, ReceiveMessage of 10 and DeleteMessageBatch, over raw HTTP with
// keep-alive to a server in this process. Then: no crash, no error, no loss, no duplicate (the
// queue's visibility timeout is 12 hours, so the model allows none), every MessageId received is
// the one its send returned, the queue ends empty, and the heap stays bounded and flat.
//
// A million takes 2-3 minutes of a full core on this 2-core machine (7,000-10,000 messages/s), so
// this file is a `.timed` test: `npm test` runs timed files one at a time after the rest, and it
// never shares the machine with the timing-sensitive suites (a 200,000 run beside
// test/server/lifecycle-seeds.timed.test.ts once starved its long polls). `npm run load` prints the
// same figures outside the tests.
//
// Memory bound: heapUsed after GC. The steady state is the in-flight window (at most 32 × 10
// messages of a few bytes), the sockets, and the test's own bookkeeping (18 bytes per message:
// 18 MB at 1,000,000). So the heap after the run may exceed the heap before it by the bookkeeping
// and a few MB of slack (< 40 MB), must not grow between a quarter of the run and its end by more
// than 10 MB (a per-message leak of 150 bytes would add 11 MB; the million-message run of
// `npm run load` shows 7.8 MB at 250,000 and 7.8 MB at the end), and stays far below 300 MB.
//
// Also here, on the engine alone with simulated time, the two leaks fixed in src/spec/engine:
// FIFO deduplication ids kept for days, and the names of deleted queues kept forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { createEngine } from '../../src/spec/engine/index.js';
import { gcFunction, heapAfterGc, runLoad } from '../bench/load.js';

const MESSAGES = Number(process.env.LOAD_MESSAGES ?? 1_000_000);
const CLIENTS = 32;
const gc = gcFunction();

let server: ReferenceServer;
const logged: string[] = [];

beforeAll(async () => {
  server = await startReferenceServer({ log: (l) => logged.push(l) });
});
afterAll(async () => {
  await server.stop();
});

describe('the reference server under load', () => {
  it(`${CLIENTS} clients move ${MESSAGES.toLocaleString('en-US')} messages: none lost, none twice, heap flat`, async () => {
    const before = await heapAfterGc(gc);
    const quarter = Math.round(MESSAGES / 4);
    let atQuarter = NaN;
    const r = await runLoad({
      endpoint: server.url,
      messages: MESSAGES,
      clients: CLIENTS,
      deadlineMs: 150_000,
      marks: [
        {
          at: quarter,
          run: async () => {
            atQuarter = await heapAfterGc(gc);
          },
        },
      ],
    });
    const after = await heapAfterGc(gc);
    const rate = Math.round(r.deleted / (r.elapsedMs / 1000));
    console.log(
      `load: ${r.deleted.toLocaleString('en-US')} messages in ${(r.elapsedMs / 1000).toFixed(1)} s (${rate.toLocaleString('en-US')} messages/s, ` +
        `${Math.round(r.requests / (r.elapsedMs / 1000))} requests/s); heap after GC ${before.toFixed(1)} MB before, ` +
        `${atQuarter.toFixed(1)} MB at ${quarter.toLocaleString('en-US')}, ${after.toFixed(1)} MB after`,
    );

    expect(r.errors).toEqual([]);
    expect(r.finished).toBe(true);
    expect(r.sent).toBe(MESSAGES);
    expect(r.received).toBe(MESSAGES);
    expect(r.deleted).toBe(MESSAGES);
    expect({ duplicates: r.duplicates, missing: r.missing, doubleDeletes: r.doubleDeletes, mismatched: r.mismatched }).toEqual({
      duplicates: 0,
      missing: 0,
      doubleDeletes: 0,
      mismatched: 0,
    });
    expect(r.leftInQueue).toBe(0);
    expect(logged.filter((l) => /internal failure|unhandled/.test(l))).toEqual([]);

    expect(after - before).toBeLessThan(40);
    expect(after - atQuarter).toBeLessThan(10);
    expect(after).toBeLessThan(300);
  }, 900_000);
});

describe('engine memory over simulated time', () => {
  it('a FIFO queue forgets deduplication ids after their 5 minutes', async () => {
    const engine = createEngine();
    let now = Date.UTC(2026, 0, 1);
    const url = (engine.createQueue({ QueueName: 'mem.fifo', Attributes: { FifoQueue: 'true' } }, now) as { ok: { QueueUrl: string } }).ok.QueueUrl;
    const before = await heapAfterGc(gc);
    // 120,000 sends over 2 hours: at most 5 minutes' worth (5,000 ids) need remembering.
    const n = 120_000;
    for (let i = 0; i < n; i++) {
      now += 60;
      const s = engine.sendMessage({ QueueUrl: url, MessageBody: `m${i}`, MessageGroupId: `g${i % 7}`, MessageDeduplicationId: `d${i}` }, now);
      expect('ok' in s).toBe(true);
      const r = engine.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 1 }, now);
      const m = 'ok' in r ? r.ok.Messages?.[0] : undefined;
      if (!m) throw new Error(`nothing received after send ${i}`);
      engine.deleteMessage({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle }, now);
    }
    const growth = (await heapAfterGc(gc)) - before;
    console.log(`FIFO: heap grew ${growth.toFixed(1)} MB over ${n.toLocaleString('en-US')} sends in 2 simulated hours`);
    expect(growth).toBeLessThan(25); // ~75 MB before the fix
    // Deduplication still works inside the interval, and not after it.
    const dup = engine.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: `d${n - 1}` }, now + 1000);
    const fresh = engine.sendMessage({ QueueUrl: url, MessageBody: 'x', MessageGroupId: 'g', MessageDeduplicationId: 'd0' }, now + 1000);
    expect(engine.getQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] }, now + 1000)).toEqual({
      ok: { Attributes: { ApproximateNumberOfMessages: '1' } },
    });
    expect('ok' in dup && 'ok' in fresh).toBe(true);
  }, 60_000);

  it('the names of deleted queues are forgotten once they may be created again', async () => {
    const engine = createEngine();
    let now = Date.UTC(2026, 0, 1);
    const before = await heapAfterGc(gc);
    for (let i = 0; i < 200_000; i++) {
      now += 1000;
      const c = engine.createQueue({ QueueName: `gone-${i}-${'x'.repeat(40)}` }, now);
      if (!('ok' in c)) throw new Error(JSON.stringify(c));
      engine.deleteQueue({ QueueUrl: c.ok.QueueUrl }, now);
    }
    const growth = (await heapAfterGc(gc)) - before;
    console.log(`deleted queues: heap grew ${growth.toFixed(1)} MB over 200,000 create/delete`);
    expect(growth).toBeLessThan(5);
    // The block still holds for a recent name, and not for an old one.
    expect(engine.createQueue({ QueueName: `gone-199999-${'x'.repeat(40)}` }, now + 1000)).toMatchObject({ error: { code: 'AWS.SimpleQueueService.QueueDeletedRecently' } });
    expect(engine.createQueue({ QueueName: `gone-0-${'x'.repeat(40)}` }, now + 1000)).toHaveProperty('ok');
  }, 60_000);
});
