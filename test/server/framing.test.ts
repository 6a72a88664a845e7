// HTTP framing errors, sent on raw sockets (node:net): Node's parser rejects them before a request
// exists (`clientError`). The server answers them in the AWS error shape where the socket still
// takes a write: 400 `InvalidHttpRequest` ("Invalid HTTP request. Reason: …", the Common Errors of
// the SQS API Reference), as JSON when the bytes read so far carry `X-Amz-Target`, else as the
// Query XML `ErrorResponse`; then it closes the connection and keeps serving.
import { connect } from 'node:net';
import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type ReferenceServer } from '../../src/server/index.js';
import { query } from './helpers.js';

let server: ReferenceServer;
const logged: string[] = [];

beforeAll(async () => {
  server = await startReferenceServer({ log: (l) => logged.push(l) });
});
afterAll(async () => {
  await server.stop();
});
afterEach(async () => {
  expect((await query(server.url, { Action: 'ListQueues' })).status).toBe(200);
  expect(logged.filter((l) => /internal failure|unhandled/.test(l))).toEqual([]);
});

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Every byte the server sent before closing. */
  raw: string;
}

/** Writes `bytes` (then half-closes if `end`), reads until the server closes, and parses the first answer. */
function raw(bytes: string | Buffer, end = false, ms = 3000): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const s = connect(server.port, '127.0.0.1', () => (end ? s.end(bytes) : s.write(bytes)));
    const timer = setTimeout(() => s.destroy(new Error(`no close in ${ms} ms: ${Buffer.concat(chunks).toString('latin1').slice(0, 300)}`)), ms);
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    s.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: Record<string, string> = {};
      for (const l of lines) {
        const i = l.indexOf(':');
        if (i > 0) headers[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
      }
      const length = Number(headers['content-length'] ?? 0);
      resolve({ status: Number(statusLine.split(' ')[1] ?? 0), headers, body: rest.join('\r\n\r\n').slice(0, length), raw: text });
    });
  });
}

const JSON_HEAD = 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-amz-json-1.0\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n';
const QUERY_HEAD = 'POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n';
const HUGE = `X-Filler: ${'a'.repeat(17 * 1024)}\r\n`;

function expectJsonError(a: RawAnswer, reason: RegExp): void {
  expect(a.status).toBe(400);
  expect(a.headers['content-type']).toBe('application/x-amz-json-1.0');
  expect(a.headers['x-amzn-query-error']).toBe('InvalidHttpRequest;Sender');
  expect(a.headers['x-amzn-requestid']).toMatch(/^[0-9a-f-]{36}$/);
  expect(a.headers.connection).toBe('close');
  const body = JSON.parse(a.body) as { __type: string; message: string };
  expect(body.__type).toBe('com.amazon.coral.service#InvalidHttpRequest');
  expect(body.message).toMatch(/^Invalid HTTP request\. Reason: /);
  expect(body.message).toMatch(reason);
}

function expectXmlError(a: RawAnswer, reason: RegExp): void {
  expect(a.status).toBe(400);
  expect(a.headers['content-type']).toBe('text/xml');
  expect(a.headers.connection).toBe('close');
  const doc = new XMLParser({ parseTagValue: false }).parse(a.body) as Record<string, any>;
  expect(doc.ErrorResponse.Error).toMatchObject({ Type: 'Sender', Code: 'InvalidHttpRequest' });
  expect(doc.ErrorResponse.Error.Message).toMatch(reason);
  expect(doc.ErrorResponse.RequestId).toBe(a.headers['x-amzn-requestid']);
}

describe('HTTP framing errors get the AWS error shape', () => {
  it('headers over 16 KB, JSON (X-Amz-Target before the overflow)', async () => {
    expectJsonError(await raw(`${JSON_HEAD}${HUGE}Content-Length: 2\r\n\r\n{}`), /headers are too large/);
  });

  it('headers over 16 KB, Query', async () => {
    expectXmlError(await raw(`${QUERY_HEAD}${HUGE}Content-Length: 16\r\n\r\nAction=ListQueues`), /headers are too large/);
  });

  it('a Content-Length that is not a number', async () => {
    expectJsonError(await raw(`${JSON_HEAD}Content-Length: abc\r\n\r\n{}`), /Content-Length/);
    expectXmlError(await raw(`${QUERY_HEAD}Content-Length: 1x\r\n\r\nAction=ListQueues`), /Content-Length/);
  });

  it('Content-Length together with Transfer-Encoding: chunked', async () => {
    expectJsonError(await raw(`${JSON_HEAD}Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n`), /Content-Length|Transfer-Encoding/);
  });

  it('a broken chunked body', async () => {
    expectXmlError(await raw(`${QUERY_HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\nAction=ListQueues\r\n0\r\n\r\n`), /chunk/);
  });

  it('a Content-Length shorter than the body: the first request is answered, the rest is an error', async () => {
    const a = await raw(`${JSON_HEAD}Content-Length: 2\r\n\r\n{}"QueueNamePrefix":"x"}\r\n\r\n`);
    expect(a.status).toBe(200);
    const second = a.raw.slice(a.raw.indexOf('HTTP/1.1', 1));
    // The same connection spoke JSON (its bytes carry X-Amz-Target): the error is JSON too.
    expect(second).toMatch(/^HTTP\/1\.1 400 /);
    expect(second).toContain('x-amzn-query-error: InvalidHttpRequest;Sender');
  });

  it('a request line that is not HTTP', async () => {
    expectXmlError(await raw('NOT HTTP AT ALL\r\n\r\n'), /Reason: /);
  });

  it('a Content-Length longer than the body, then the client stops sending', async () => {
    expectJsonError(await raw(`${JSON_HEAD}Content-Length: 100\r\n\r\n{}`, true), /ended before the whole request/);
  });

  it('random framing: every answer is a success or an AWS error, and the server keeps serving', async () => {
    const contentLength = fc.constantFrom('-1', 'abc', '1e3', ' 2', '2, 3', '99999999999999999999', '0', '2', '');
    const framing = fc.record({
      json: fc.boolean(),
      lengths: fc.array(contentLength, { maxLength: 2 }),
      chunked: fc.constantFrom(undefined, 'chunked', 'gzip, chunked', 'chunked, gzip', 'identity', 'x'),
      filler: fc.constantFrom(0, 100, 16 * 1024 - 300, 16 * 1024 + 10, 40 * 1024),
      junkHeader: fc.constantFrom(undefined, 'No colon here', 'Bad Name: x', ': empty', 'X-Ok: \u0001'),
      body: fc.constantFrom('{}', 'Action=ListQueues', '2\r\n{}\r\n0\r\n\r\n', 'zz\r\n', ''),
    });
    await fc.assert(
      fc.asyncProperty(framing, async (f) => {
        let req = f.json ? JSON_HEAD : QUERY_HEAD;
        for (const l of f.lengths) req += `Content-Length: ${l}\r\n`;
        if (f.chunked) req += `Transfer-Encoding: ${f.chunked}\r\n`;
        if (f.filler > 0) req += `X-Filler: ${'f'.repeat(f.filler)}\r\n`;
        if (f.junkHeader) req += `${f.junkHeader}\r\n`;
        const a = await raw(`${req}\r\n${f.body}`, true);
        expect(a.status === 200 || (a.status >= 400 && a.status < 500), a.raw.slice(0, 300)).toBe(true);
        expect(a.headers['x-amzn-requestid'], a.raw.slice(0, 300)).toBeDefined();
        if (a.status !== 200) expect(a.body, a.raw.slice(0, 300)).toMatch(/"__type":"[\w.]+#\w+"|<ErrorResponse/);
      }),
      { seed: 20_261_207, numRuns: 60 },
    );
  });
});
