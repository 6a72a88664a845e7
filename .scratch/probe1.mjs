import { startReferenceServer } from '/work/wt/queues/dist/src/server/index.js';
import { SQSClient, GetQueueUrlCommand, CreateQueueCommand } from '@aws-sdk/client-sqs';
const s = await startReferenceServer({ port: 0, host: '127.0.0.1' });
const c = new SQSClient({ endpoint: s.url, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 });
const cmd = new GetQueueUrlCommand({ QueueName: 'nope' });
cmd.middlewareStack.add((next) => async (args) => {
  const r = await next(args);
  console.log('raw status', r.response.statusCode, r.response.headers);
  return r;
}, { step: 'deserialize', priority: 'low', name: 'rawTap' });
try { await c.send(cmd); } catch (e) { console.log(Object.keys(e), e.name, e.Code, e.Type, e.__type, e.$fault, e.$response && Object.keys(e.$response)); }
try { await c.send(new CreateQueueCommand({ QueueName: 'x', Attributes: { Foo: '1' } })); } catch (e) { console.log(Object.keys(e), e.name, e.Code, e.__type, e.message); }
await s.stop();
