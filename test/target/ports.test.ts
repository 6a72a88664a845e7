// Classification of outcomes by both ports, against small fake servers.
import { createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonPort } from '../../src/target/json-port.js';
import { createQueryPort } from '../../src/target/query-port.js';
import type { PortOptions } from '../../src/target/port-common.js';
import type { SqsPort } from '../../src/target/types.js';
import { closedPort, fakeServer, type FakeServer } from './helpers.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

const SECRET_KEY = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const makers: Array<[string, (o: PortOptions) => SqsPort]> = [
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

async function serve(handler: Parameters<typeof fakeServer>[0]): Promise<FakeServer> {
  const s = await fakeServer(handler);
  servers.push(s);
  return s;
}
function open(make: (o: PortOptions) => SqsPort, o: PortOptions): SqsPort {
  const p = make(o);
  ports.push(p);
  return p;
}

describe.each(makers)('%s port: info outcomes', (protocol, make) => {
  it('connection refused → info connection', async () => {
    const port = open(make, { endpoint: `http://127.0.0.1:${await closedPort()}`, region: 'us-east-1' });
    const r = await port.call('ListQueues', {});
    expect(r.type).toBe('info');
    expect(r.value).toMatchObject({ reason: 'connection' });
    expect(JSON.stringify(r.value)).toMatch(/ECONNREFUSED|refused/);
    expect(r.meta.protocol).toBe(protocol);
  });

  it('a server slower than requestTimeout → info timeout', async () => {
    const s = await serve((_req, res) => {
      setTimeout(() => res.writeHead(200).end('{}'), 1500).unref();
    });
    const port = open(make, { endpoint: s.endpoint, region: 'us-east-1', requestTimeoutMs: 200 });
    const t0 = Date.now();
    const r = await port.call('ListQueues', {});
    expect(r.type).toBe('info');
    expect(r.value).toMatchObject({ reason: 'timeout' });
    expect(Date.now() - t0).toBeLessThan(1400);
  });

  // Budgets are short and separate from long-poll waits (test/target/timeouts.test.ts).
  it('a call not answered within its first-byte budget is a timeout, found in that budget', async () => {
    const s = await serve((_req, res) => {
      setTimeout(() => res.writeHead(200).end('{}'), 1500).unref();
    });
    const port = open(make, { endpoint: s.endpoint, region: 'us-east-1', firstByteTimeoutMs: 300 });
    const t0 = Date.now();
    const r = await port.call('ListQueues', {});
    expect(r).toMatchObject({ type: 'info', value: { reason: 'timeout' } });
    expect(Date.now() - t0).toBeLessThan(1_200);
  });

  it('a long poll answered at the end of its wait is not cut short by the first-byte budget', async () => {
    const s = await serve((_req, res) => {
      const body = protocol === 'json' ? '{}' : '<ReceiveMessageResponse><ReceiveMessageResult/><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ReceiveMessageResponse>';
      setTimeout(() => res.writeHead(200, { 'content-type': protocol === 'json' ? 'application/x-amz-json-1.0' : 'text/xml' }).end(body), 1300).unref();
    });
    const port = open(make, { endpoint: s.endpoint, region: 'us-east-1', firstByteTimeoutMs: 500 });
    const r = await port.call('ReceiveMessage', { QueueUrl: `${s.endpoint}/000000000000/q`, WaitTimeSeconds: 1 });
    expect(r.type).toBe('ok');
  });

  it('connection reset → info connection', async () => {
    // A raw TCP server that drops the connection as soon as the request arrives.
    const srv = createServer((sock) => sock.on('data', () => sock.destroy()));
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    try {
      const port = open(make, { endpoint: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`, region: 'us-east-1' });
      const r = await port.call('ListQueues', {});
      expect(r.type).toBe('info');
      expect(r.value).toMatchObject({ reason: 'connection' });
    } finally {
      srv.close();
    }
  });

  it('HTTP 500 → info server-error, with the error when it is readable', async () => {
    const s = await serve((_req, res) => {
      if (protocol === 'json') {
        res.writeHead(500, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': 'InternalFailure;Receiver' });
        res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#InternalFailure', message: 'boom' }));
      } else {
        res.writeHead(500, { 'content-type': 'text/xml' });
        res.end('<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>boom</Message></Error><RequestId>r</RequestId></ErrorResponse>');
      }
    });
    const port = open(make, { endpoint: s.endpoint, region: 'us-east-1' });
    const r = await port.call('ListQueues', {});
    expect(r.type).toBe('info');
    expect(r.value).toMatchObject({ reason: 'server-error', error: { code: 'InternalFailure', httpStatus: 500, senderFault: false } });
    expect(r.meta.httpStatus).toBe(500);
  });

  it('HTTP 500 with a plain-text body → info server-error', async () => {
    const s = await serve((_req, res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('boom'));
    const r = await open(make, { endpoint: s.endpoint, region: 'us-east-1' }).call('ListQueues', {});
    expect(r).toMatchObject({ type: 'info', value: { reason: 'server-error' }, meta: { httpStatus: 500 } });
  });

  it('HTTP 200 with an unreadable body → info client-error (the server answered)', async () => {
    const s = await serve((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('{not json <nor xml'));
    const r = await open(make, { endpoint: s.endpoint, region: 'us-east-1' }).call('ListQueues', {});
    expect(r).toMatchObject({ type: 'info', value: { reason: 'client-error', httpStatus: 200 } });
  });
});

describe('fail outcomes', () => {
  it('json: a query-compatible error → fail with query code and __type', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(400, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender',
        'x-amzn-requestid': 'rid-1',
      });
      res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'The specified queue does not exist.' }));
    });
    const r = await open(createJsonPort, { endpoint: s.endpoint, region: 'us-east-1' }).call('GetQueueUrl', { QueueName: 'nope' });
    expect(r).toEqual({
      type: 'fail',
      value: {
        code: 'AWS.SimpleQueueService.NonExistentQueue',
        type: 'QueueDoesNotExist',
        message: 'The specified queue does not exist.',
        httpStatus: 400,
        senderFault: true,
      },
      // The envelope as sent, for the error-contract rules (issue 12).
      meta: {
        protocol: 'json',
        requestId: 'rid-1',
        httpStatus: 400,
        attempts: 1,
        queryError: 'AWS.SimpleQueueService.NonExistentQueue;Sender',
        errorType: 'com.amazonaws.sqs#QueueDoesNotExist',
        contentType: 'application/x-amz-json-1.0',
      },
    });
    expect(s.requests[0]?.headers['x-amz-target']).toBe('AmazonSQS.GetQueueUrl');
  });

  it('json: without x-amzn-query-error the code is the error name', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify({ __type: 'com.amazonaws.sqs#QueueDoesNotExist', message: 'gone' }));
    });
    const r = await open(createJsonPort, { endpoint: s.endpoint, region: 'us-east-1' }).call('GetQueueUrl', { QueueName: 'x' });
    expect(r).toMatchObject({ type: 'fail', value: { code: 'QueueDoesNotExist', type: 'QueueDoesNotExist', httpStatus: 400 } });
    // The missing header is recorded as missing (envelope.query-error-missing judges it).
    expect(r.meta.queryError).toBeUndefined();
    expect(r.meta.errorType).toBe('com.amazonaws.sqs#QueueDoesNotExist');
  });

  it('json: an unmodelled error (InvalidParameterValue) → fail', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': 'InvalidParameterValue;Sender' });
      res.end(JSON.stringify({ __type: 'com.amazon.coral.service#InvalidParameterValueException', message: 'bad' }));
    });
    const r = await open(createJsonPort, { endpoint: s.endpoint, region: 'us-east-1' }).call('SendMessage', { QueueUrl: 'http://x/1/q', MessageBody: '' });
    expect(r).toMatchObject({
      type: 'fail',
      value: { code: 'InvalidParameterValue', type: 'InvalidParameterValueException', httpStatus: 400, senderFault: true },
    });
  });

  it('query: an XML error → fail with the type looked up from the code, signed SigV4 request', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/xml', 'x-amzn-requestid': 'rq-2' });
      res.end('<ErrorResponse><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist.</Message><Detail/></Error><RequestId>rq-2</RequestId></ErrorResponse>');
    });
    const r = await open(createQueryPort, { endpoint: s.endpoint, region: 'eu-west-1' }).call('GetQueueUrl', { QueueName: 'nope' });
    expect(r).toEqual({
      type: 'fail',
      value: {
        code: 'AWS.SimpleQueueService.NonExistentQueue',
        type: 'QueueDoesNotExist',
        message: 'The specified queue does not exist.',
        httpStatus: 400,
        senderFault: true,
      },
      meta: { protocol: 'query', attempts: 1, httpStatus: 400, requestId: 'rq-2', contentType: 'text/xml', errorRoot: 'ErrorResponse', errorFault: 'Sender', errorRequestId: 'rq-2' },
    });
    const req = s.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(req.body).toBe('Action=GetQueueUrl&Version=2012-11-05&QueueName=nope');
    expect(req.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/eu-west-1\/sqs\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/);
    expect(req.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('query: a success is decoded with the request id from the body', async () => {
    const s = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end('<GetQueueUrlResponse><GetQueueUrlResult><QueueUrl>http://h/1/q</QueueUrl></GetQueueUrlResult><ResponseMetadata><RequestId>b-1</RequestId></ResponseMetadata></GetQueueUrlResponse>');
    });
    const r = await open(createQueryPort, { endpoint: s.endpoint, region: 'us-east-1' }).call('GetQueueUrl', { QueueName: 'q' });
    expect(r).toEqual({ type: 'ok', value: { QueueUrl: 'http://h/1/q' }, meta: { protocol: 'query', attempts: 1, httpStatus: 200, requestId: 'b-1' } });
  });
});

describe.each(makers)('%s port: credentials never leak', (_protocol, make) => {
  it('redacts a secret the server echoes back', async () => {
    const s = await serve((req, res) => {
      const echo = `${req.headers.authorization ?? ''} ${SECRET_KEY} ${ACCESS_KEY}`;
      if (req.headers['content-type']?.includes('json')) {
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': 'InvalidClientTokenId;Sender' });
        res.end(JSON.stringify({ __type: 'InvalidClientTokenId', message: echo }));
      } else {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(`<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>${echo}</Message></Error></ErrorResponse>`);
      }
    });
    const port = open(make, {
      endpoint: s.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY },
    });
    const r = await port.call('ListQueues', {});
    expect(r.type).toBe('fail');
    const text = JSON.stringify(r);
    expect(text).not.toContain(SECRET_KEY);
    expect(text).not.toContain(ACCESS_KEY);
    expect(text).toContain('[REDACTED]');
  });
});
