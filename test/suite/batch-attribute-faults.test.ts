// The batch and message-attributes suites catch the faults servers have, made here by a client-side
// fault between the recorder and the reference server: the history records what the client asked
// and got, the wire carries something else. Each fault must be found by the rule that names it (the
// unfaulted server is conformant: the 20-seed runs and test/conformance/exercised.test.ts).
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

async function idsFound(target: RunningTarget, suite: string, properties: string[], seed = 1): Promise<Set<string>> {
  const report = await runSuites({ target, suites: SUITES, only: [suite], properties, seed, concurrency: 6, strictness: 'typical', timeBudgetMs: 3_000, coverage: false });
  return new Set(report.divergences.map((d) => d.id));
}

const records = (v: unknown): Record<string, unknown>[] => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);

describe('batch faults are caught', () => {
  it('a server that fails the whole batch when one entry is invalid', async () => {
    const target = faulty('whole-batch', async (action, input, forward) => {
      const r = await forward(input);
      const failed = r.type === 'ok' ? records(r.value.Failed) : [];
      if (action.endsWith('Batch') && r.type === 'ok' && failed.length > 0) {
        const f = failed[0]!;
        return { type: 'fail', value: { code: String(f.Code), type: String(f.Code), message: String(f.Message ?? ''), httpStatus: 400 }, meta: r.meta };
      }
      return r;
    });
    expect([...(await idsFound(target, 'batch', ['mixed']))]).toContain('batch.request-rejected-for-entry');
  }, 120_000);

  it('a server that answers SenderFault false', async () => {
    const target = faulty('service-fault', async (action, input, forward) => {
      const r = await forward(input);
      if (action.endsWith('Batch') && r.type === 'ok') for (const f of records(r.value.Failed)) f.SenderFault = false;
      return r;
    });
    expect([...(await idsFound(target, 'batch', ['mixed']))]).toContain('batch.sender-fault-wrong');
  }, 120_000);

  it('a server that takes no notice of whole-request errors: the entries go one by one', async () => {
    // On the wire the request is cut to its first entry with a fresh Id: the server answers it alone.
    const target = faulty('no-request-errors', async (action, input, forward) => {
      const entries = records(input.Entries);
      if (!action.endsWith('Batch') || entries.length === 0) return forward(input);
      const first = { ...entries[0]!, Id: 'only' };
      const r = await forward({ ...input, Entries: [first] });
      if (r.type !== 'ok') return r;
      const ok = records(r.value.Successful).length > 0;
      const answer = ok ? { ...records(r.value.Successful)[0]!, Id: entries[0]!.Id } : { ...records(r.value.Failed)[0]!, Id: entries[0]!.Id };
      return { ...r, value: ok ? { Successful: [answer], Failed: [] } : { Successful: [], Failed: [answer] } };
    });
    expect([...(await idsFound(target, 'batch', ['limits']))]).toContain('batch.request-not-rejected');
  }, 120_000);
});

describe('message-attribute faults are caught', () => {
  it('a server that ignores MessageAttributeNames and returns every attribute', async () => {
    const target = faulty('all-attributes', (action, input, forward) => forward(action === 'ReceiveMessage' ? { ...input, MessageAttributeNames: ['All'] } : input));
    expect([...(await idsFound(target, 'message-attributes', ['round-trip']))]).toContain('message-attributes.unrequested');
  }, 120_000);

  it('a server that returns attributes without their checksum', async () => {
    const target = faulty('no-receive-md5', async (action, input, forward) => {
      const r = await forward(input);
      if (action === 'ReceiveMessage' && r.type === 'ok') for (const m of records(r.value.Messages)) delete m.MD5OfMessageAttributes;
      return r;
    });
    expect([...(await idsFound(target, 'message-attributes', ['round-trip']))]).toContain('message-attributes.receive-md5-wrong');
  }, 120_000);

  it('a server that drops Binary attributes', async () => {
    const target = faulty('no-binary', async (action, input, forward) => {
      const strip = (e: Record<string, unknown>) => {
        const attrs = e.MessageAttributes as Record<string, Record<string, unknown>> | undefined;
        if (!attrs) return e;
        const kept = Object.fromEntries(Object.entries(attrs).filter(([, v]) => !String(v.DataType).startsWith('Binary')));
        return { ...e, MessageAttributes: kept };
      };
      const sent = action === 'SendMessage' ? strip(input) : action === 'SendMessageBatch' ? { ...input, Entries: records(input.Entries).map(strip) } : input;
      return forward(sent);
    });
    const ids = await idsFound(target, 'message-attributes', ['round-trip']);
    expect([...ids].some((id) => id === 'message-attributes.send-md5-wrong' || id === 'message-attributes.not-returned'), [...ids].join(', ')).toBe(true);
  }, 120_000);

  it('a server that counts a message’s body only', async () => {
    // On the wire the queue's MaximumMessageSize is raised by 10 KiB: attributes never push a message over.
    const target = faulty('body-only', (action, input, forward) => {
      if (action !== 'CreateQueue') return forward(input);
      const attrs = (input.Attributes ?? {}) as Record<string, string>;
      return forward(attrs.MaximumMessageSize ? { ...input, Attributes: { ...attrs, MaximumMessageSize: String(Number(attrs.MaximumMessageSize) + 10_240) } } : input);
    });
    expect([...(await idsFound(target, 'message-attributes', ['size']))]).toContain('message-attributes.size-miscounted');
  }, 120_000);

  it('a server that loses AWSTraceHeader', async () => {
    const target = faulty('no-trace', (action, input, forward) => {
      if (action === 'SendMessage') {
        const { MessageSystemAttributes: _, ...rest } = input;
        return forward(rest);
      }
      return forward(input);
    });
    const ids = await idsFound(target, 'message-attributes', ['trace']);
    expect([...ids]).toContain('message-attributes.trace-header-lost');
  }, 120_000);
});
