import * as J from '@aws-sdk/client-sqs';
import * as Q from '@aws-sdk/client-sqs-query';
for (const M of [J, Q]) {
  const c = new M.SQSClient({ endpoint: 'http://127.0.0.1:9777', region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, maxAttempts: 1 });
  for (const cmd of [new M.GetQueueUrlCommand({ QueueName: 'nope' }), new M.SendMessageBatchCommand({ QueueUrl: 'http://127.0.0.1:9777/000000000000/cli1', Entries: [{Id:'a', MessageBody:'x'},{Id:'a', MessageBody:'y'}] }), new M.ReceiveMessageCommand({ QueueUrl: 'http://127.0.0.1:9777/000000000000/cli1', MaxNumberOfMessages: 11 }), new M.DeleteMessageCommand({ QueueUrl: 'http://127.0.0.1:9777/000000000000/cli1', ReceiptHandle: 'garbage' })]) {
  try { await c.send(cmd); console.log('ok'); } catch (e) { console.log(e.name, e.Code, e.code, e.$metadata?.httpStatusCode, e.$fault, e.message, Object.keys(e)); }
  }
}
