// The busy poll after answers (src/server/http-fast.ts createBusyPoll): it keeps the event loop
// polling for a window after the last activity, then stops by itself; 0 and stop() turn it off.
// Observed as the pending immediates of the process (the poll is one), never by timing: the test
// asks whether the loop is kept polling, not how fast anything is.
import { afterEach, describe, expect, it } from 'vitest';
import { createBusyPoll } from '../../src/server/http-fast.js';
import { startReferenceServer } from '../../src/server/index.js';

const immediates = (): number => process.getActiveResourcesInfo().filter((r) => r === 'Immediate').length;

const stops: Array<() => void> = [];
afterEach(() => stops.splice(0).forEach((f) => f()));

describe('createBusyPoll', () => {
  it('spins after activity and stops by itself once the window passed without activity', async () => {
    const poll = createBusyPoll(2000); // 2 ms
    stops.push(() => poll.stop());
    poll.activity();
    // While it spins, an immediate is always pending: the loop does not reach its timers phase
    // with a blocking poll. It stops within the window: a 50 ms timer still fires.
    await new Promise((r) => setTimeout(r, 50));
    // After the window, nothing keeps the loop busy: no immediate of its own is left.
    expect(immediates()).toBe(0);
  });

  it('keeps one immediate pending while in its window, however many activities', () => {
    const poll = createBusyPoll(60_000_000); // a minute: it cannot lapse during the test
    stops.push(() => poll.stop());
    const base = immediates();
    for (let i = 0; i < 100; i++) poll.activity();
    expect(immediates()).toBe(base + 1);
    poll.stop();
    expect(immediates()).toBe(base);
    poll.activity(); // after stop: nothing
    expect(immediates()).toBe(base);
  });

  it('is off at 0', () => {
    const poll = createBusyPoll(0);
    const base = immediates();
    poll.activity();
    expect(immediates()).toBe(base);
  });

  it('the server polls after answering, stops when stopped, and an idle server stops by itself', async () => {
    const listQueues = async (url: string): Promise<void> => {
      const r = await fetch(`${url}/`, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.ListQueues' }, body: '{}' });
      expect(r.status).toBe(200);
      await r.text();
    };
    // A window of 10 minutes: still polling when the answer is read; stop() ends it.
    // (20 ms later, so that the HTTP client's own immediates have run.)
    const long = await startReferenceServer({ busyPollMicros: 600_000_000 });
    await listQueues(long.url);
    await new Promise((res) => setTimeout(res, 20));
    expect(immediates()).toBe(1);
    await long.stop();
    expect(immediates()).toBe(0);
    // The default window (100 µs) stops by itself; 0 never polls.
    for (const options of [{}, { busyPollMicros: 0 }]) {
      const server = await startReferenceServer(options);
      try {
        await listQueues(server.url);
        await new Promise((res) => setTimeout(res, 20));
        expect(immediates()).toBe(0);
      } finally {
        await server.stop();
      }
    }
  });
});
