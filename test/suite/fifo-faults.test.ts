// The fifo suite catches FIFO faults a server can have, made here by a client-side fault between the
// recorder and the reference server: the history records what the client asked and got, the wire
// carries something else. Each fault must be found by the rule that names it (and the unfaulted
// server is conformant, in test/server and the fifo seeds).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { runSuites } from '../../src/runner/index.js';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { createPort, loadProfile, type CallResult, type RunningTarget, type SqsPort } from '../../src/target/index.js';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.stop();
});

type Fault = (action: string, input: Record<string, unknown>, forward: (input: Record<string, unknown>) => Promise<CallResult>) => Promise<CallResult>;

function faulty(name: string, fault: Fault): RunningTarget {
  const profile = { ...loadProfile('reference'), name };
  const client = (): SqsPort => {
    const port = createPort(profile, server.url);
    return { protocol: port.protocol, close: () => port.close(), call: (action, input) => fault(action, input, (i) => port.call(action, i)) };
  };
  return { profile, endpoint: server.url, client, stop: async () => {} };
}

const messagesOf = (r: CallResult) => (r.type === 'ok' && Array.isArray(r.value.Messages) ? (r.value.Messages as Record<string, unknown>[]) : []);

async function idsFound(target: RunningTarget, properties: string[], seed: number): Promise<Set<string>> {
  const report = await runSuites({ target, suites: SUITES, only: ['fifo'], properties, seed, concurrency: 8, strictness: 'typical', timeBudgetMs: 5_000, coverage: false });
  return new Set(report.divergences.map((d) => d.id));
}

describe('fifo faults are caught', () => {
  it('a server that reverses the messages of a response breaks group order', async () => {
    const target = faulty('reversed', async (action, input, forward) => {
      const r = await forward(input);
      if (action === 'ReceiveMessage' && r.type === 'ok' && messagesOf(r).length > 1) r.value.Messages = [...messagesOf(r)].reverse();
      return r;
    });
    expect([...(await idsFound(target, ['lock', 'order'], 1))]).toContain('fifo.order-inverted');
  }, 120_000);

  it('a server that does not lock a group while a message is in flight', async () => {
    // On the wire every receive asks for VisibilityTimeout 0, which neither hides nor locks (item 69).
    const target = faulty('no-lock', (action, input, forward) => forward(action === 'ReceiveMessage' && input.VisibilityTimeout !== 600 ? { ...input, VisibilityTimeout: 0 } : input));
    const ids = await idsFound(target, ['lock'], 2);
    expect([...ids].some((id) => id === 'fifo.group-lock-violated' || id === 'fifo.redelivered-early' || id === 'fifo.order-inverted'), [...ids].join(', ')).toBe(true);
  }, 120_000);

  it('a server that does not deduplicate', async () => {
    // On the wire every explicit deduplication id is made unique, so repeats are enqueued again.
    let n = 0;
    const target = faulty('no-dedup', (action, input, forward) => {
      if (action === 'SendMessage' && typeof input.MessageDeduplicationId === 'string') return forward({ ...input, MessageDeduplicationId: `${input.MessageDeduplicationId}-${n++}` });
      if (action === 'SendMessageBatch' && Array.isArray(input.Entries)) {
        return forward({ ...input, Entries: (input.Entries as Record<string, unknown>[]).map((e) => (typeof e.MessageDeduplicationId === 'string' ? { ...e, MessageDeduplicationId: `${e.MessageDeduplicationId}-${n++}` } : e)) });
      }
      return forward(input);
    });
    const found = new Set<string>();
    for (const seed of [1, 2, 3]) for (const id of await idsFound(target, ['dedup'], seed)) found.add(id);
    expect([...found]).toContain('fifo.deduplication-failed');
  }, 180_000);
});
