// The suites catch faults a server can have, made here by a client-side fault between the recorder
// and the reference server: the history records what the client asked and got, the wire carries
// something else. Each fault must be found by the rule that names it (the unfaulted server is
// conformant: test/server and the seed runs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUITES } from '../../conformance/suites/index.js';
import { runSuites } from '../../src/runner/index.js';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import type { CallResult, RunningTarget } from '../../src/target/index.js';
import { faulty as faultyTarget, type Fault } from '../support/faults.js';

let server: ReferenceServer;
beforeAll(async () => {
  server = await startReferenceServer({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await server?.stop();
});

const faulty = (name: string, fault: Fault): RunningTarget => faultyTarget(server, name, fault);

const messagesOf = (r: CallResult) => (r.type === 'ok' && Array.isArray(r.value.Messages) ? (r.value.Messages as Record<string, unknown>[]) : []);

async function idsFound(target: RunningTarget, properties: string[], seed: number, suite = 'fifo'): Promise<Set<string>> {
  const report = await runSuites({ target, suites: SUITES, only: [suite], properties, seed, concurrency: 8, strictness: 'typical', timeBudgetMs: 5_000, coverage: false });
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

describe('dead-letter faults are caught', () => {
  it('a server that never moves messages to the dead-letter queue', async () => {
    // On the wire the source's RedrivePolicy is never set: the source keeps returning its messages.
    const target = faulty('no-redrive', (action, input, forward) => {
      const attrs = input.Attributes as Record<string, unknown> | undefined;
      if (action === 'SetQueueAttributes' && attrs && typeof attrs.RedrivePolicy === 'string') {
        const { RedrivePolicy: _dropped, ...rest } = attrs;
        return Object.keys(rest).length > 0 ? forward({ ...input, Attributes: rest }) : Promise.resolve({ type: 'ok', value: {}, meta: { protocol: 'json', httpStatus: 200 } });
      }
      return forward(input);
    });
    const ids = await idsFound(target, ['moves'], 1, 'redrive');
    expect([...ids], [...ids].join(', ')).toContain('redrive.not-moved');
  }, 120_000);
});
