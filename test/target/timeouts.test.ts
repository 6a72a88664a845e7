// Connect and first-byte budgets are short and separate from long-poll waits: a call must be
// answered within its first-byte budget of when the server may answer (at once, or after a long
// poll's wait), so a silent target is found in seconds while a 20 s long poll is never cut short.
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonPort } from '../../src/target/json-port.js';
import { callTimeoutMs, DEFAULT_FIRST_BYTE_TIMEOUT_MS, type PortOptions } from '../../src/target/port-common.js';
import { createQueryPort } from '../../src/target/query-port.js';
import type { SqsPort } from '../../src/target/types.js';
import { fakeServer, type FakeServer } from './helpers.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

describe('callTimeoutMs', () => {
  it('is the first-byte budget, plus the wait for a long poll (20 s when the request names none)', () => {
    expect(callTimeoutMs('SendMessage', {})).toBe(DEFAULT_FIRST_BYTE_TIMEOUT_MS);
    expect(callTimeoutMs('ReceiveMessage', { WaitTimeSeconds: 3 }, { firstByteTimeoutMs: 2_000 })).toBe(5_000);
    expect(callTimeoutMs('ReceiveMessage', {}, { firstByteTimeoutMs: 2_000 })).toBe(22_000);
    expect(callTimeoutMs('ReceiveMessage', { WaitTimeSeconds: 99 }, { firstByteTimeoutMs: 0 })).toBe(20_000);
    // A fixed budget, when given, is the budget of every call.
    expect(callTimeoutMs('ReceiveMessage', { WaitTimeSeconds: 3 }, { requestTimeoutMs: 700 })).toBe(700);
  });
});

const makers: [string, (o: PortOptions) => SqsPort][] = [
  ['json', createJsonPort],
  ['query', createQueryPort],
];
let servers: FakeServer[] = [];
let ports: SqsPort[] = [];
afterEach(async () => {
  for (const p of ports) p.close();
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
  ports = [];
});

describe.each(makers)('%s port', (protocol, make) => {
  /** Answers every request after `delayMs` with an empty result. */
  async function slowServer(delayMs: number): Promise<FakeServer> {
    const s = await fakeServer((req, res) => {
      const action = protocol === 'json' ? String(req.headers['x-amz-target'] ?? '').split('.')[1]! : /Action=(\w+)/.exec(req.body)![1]!;
      setTimeout(() => {
        if (protocol === 'json') res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' }).end('{}');
        else res.writeHead(200, { 'content-type': 'text/xml' }).end(`<${action}Response><${action}Result/><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`);
      }, delayMs).unref();
    });
    servers.push(s);
    return s;
  }
  const open = (o: PortOptions): SqsPort => {
    const p = make(o);
    ports.push(p);
    return p;
  };

  it('a call not answered within its first-byte budget is a timeout, found in that budget', async () => {
    const s = await slowServer(1_500);
    const port = open({ endpoint: s.endpoint, region: 'us-east-1', firstByteTimeoutMs: 300 });
    const t0 = Date.now();
    const r = await port.call('ListQueues', {});
    expect(r).toMatchObject({ type: 'info', value: { reason: 'timeout' } });
    expect(Date.now() - t0).toBeLessThan(1_200);
  });

  it('a long poll answered at the end of its wait is not cut short by the first-byte budget', async () => {
    const s = await slowServer(1_300);
    const port = open({ endpoint: s.endpoint, region: 'us-east-1', firstByteTimeoutMs: 500 });
    const r = await port.call('ReceiveMessage', { QueueUrl: `${s.endpoint}/000000000000/q`, WaitTimeSeconds: 1 });
    expect(r.type).toBe('ok');
  });
});
