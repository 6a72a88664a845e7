// Safety on a shared account: a run only ever touches queues it created (prefix + tags), deletes
// them on success, on failure and on Ctrl-C, and no credential value reaches a report or a log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderers } from '../../src/report/index.js';
import { runSuites, type RunReport } from '../../src/runner/index.js';
import { startReferenceServer } from '../../src/server/index.js';
import { createPort, loadProfile, type CallResult, type RunningTarget, type SqsPort } from '../../src/target/index.js';
import { SUITES } from '../../conformance/suites/index.js';

const SECRET_ID = 'AKIAZZSAFETYTESTKEY1';
const SECRET_KEY = 'sEcReT/never-print-this-key+value';

let server: Awaited<ReturnType<typeof startReferenceServer>>;
let precious: string;
const logs: string[] = [];

/** A target whose ports carry our fake credentials; `corrupt` flips received bodies (a failing target). */
function target(corrupt = false): RunningTarget {
  const profile = { ...loadProfile('reference'), name: corrupt ? 'reference-corrupted' : 'reference' };
  const client = (): SqsPort => {
    const port = createPort(profile, server.url, { credentials: { accessKeyId: SECRET_ID, secretAccessKey: SECRET_KEY } });
    if (!corrupt) return port;
    return {
      protocol: port.protocol,
      close: () => port.close(),
      async call(action, input): Promise<CallResult> {
        const r = await port.call(action, input);
        if (action === 'ReceiveMessage' && r.type === 'ok' && Array.isArray(r.value.Messages)) {
          for (const m of r.value.Messages as Record<string, unknown>[]) m.Body = `${String(m.Body)}~`;
        }
        return r;
      },
    };
  };
  return { profile, endpoint: server.url, client, stop: async () => {} };
}

async function preciousMessages(): Promise<number> {
  const port = createPort(loadProfile('reference'), server.url);
  const r = await port.call('GetQueueAttributes', { QueueUrl: precious, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] });
  port.close();
  if (r.type !== 'ok') throw new Error(`precious queue unreadable: ${JSON.stringify(r.value)}`);
  const a = r.value.Attributes as Record<string, string>;
  return Number(a.ApproximateNumberOfMessages) + 1000 * Number(a.ApproximateNumberOfMessagesNotVisible);
}

async function queuesLeft(): Promise<string[]> {
  const port = createPort(loadProfile('reference'), server.url);
  const r = await port.call('ListQueues', {});
  port.close();
  return r.type === 'ok' && Array.isArray(r.value.QueueUrls) ? (r.value.QueueUrls as string[]) : [];
}

function assertNoSecrets(report: RunReport) {
  const texts = [...Object.values(renderers).map((render) => render(report)), ...logs];
  for (const t of texts) {
    expect(t).not.toContain(SECRET_ID);
    expect(t).not.toContain(SECRET_KEY);
  }
}

beforeAll(async () => {
  server = await startReferenceServer({ port: 0, host: '127.0.0.1', log: (l: string) => logs.push(l) });
  const port = createPort(loadProfile('reference'), server.url);
  const created = await port.call('CreateQueue', { QueueName: 'precious-orders' });
  if (created.type !== 'ok') throw new Error('cannot create the pre-existing queue');
  precious = String(created.value.QueueUrl);
  for (let i = 0; i < 3; i++) await port.call('SendMessage', { QueueUrl: precious, MessageBody: `order ${i}` });
  port.close();
});
afterAll(async () => {
  await server.stop();
});

const base = { suites: SUITES, only: ['lifecycle'], properties: ['visibility', 'validation'], runs: 1, concurrency: 4, strictness: 'typical' as const, onProgress: (e: { kind: string }) => logs.push(JSON.stringify(e)) };

describe('a run touches only the queues it created', () => {
  it('a conformant run leaves the pre-existing queue and its messages alone and deletes its own queues', async () => {
    const report = await runSuites({ ...base, target: target(), seed: 11 });
    expect(report.verdict).toBe('conformant');
    expect(await preciousMessages()).toBe(3);
    expect(await queuesLeft()).toEqual([precious]);
    assertNoSecrets(report);
  }, 120_000);

  it('a failing run (divergent target, with shrinking) does the same', async () => {
    const report = await runSuites({ ...base, target: target(true), seed: 12, timeBudgetMs: 5_000, coverage: false });
    expect(report.verdict).toBe('divergent');
    expect(report.divergences.some((d) => d.id === 'message.body-changed')).toBe(true);
    expect(await preciousMessages()).toBe(3);
    expect(await queuesLeft()).toEqual([precious]);
    assertNoSecrets(report);
  }, 120_000);

  it('an interrupted run (Ctrl-C) does the same', async () => {
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 1500);
    const report = await runSuites({ ...base, properties: ['visibility', 'retention'], target: target(), seed: 13, signal: abort.signal });
    expect(report.verdict).toBe('interrupted');
    // Every queue is deleted before runSuites returns (after the drains, never during one).
    expect(await preciousMessages()).toBe(3);
    expect(await queuesLeft()).toEqual([precious]);
    assertNoSecrets(report);
  }, 120_000);
});
