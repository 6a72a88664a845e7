import { describe, expect, it } from 'vitest';
import type { Action } from '../../src/history/index.js';
import {
  decodeQueryError,
  decodeQueryResponse,
  encodeQueryParams,
  formBody,
  queryServiceError,
} from '../../src/wire/index.js';

const Q = 'http://127.0.0.1:9324/000000000000/q1';

function fields(action: Action, input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(encodeQueryParams(action, input));
}

describe('Query encoder', () => {
  const table: Array<[Action, Record<string, unknown>, Record<string, string>]> = [
    [
      'CreateQueue',
      { QueueName: 'q1', Attributes: { VisibilityTimeout: '30', FifoQueue: 'false' }, tags: { team: 'a', env: 'b' } },
      {
        QueueName: 'q1',
        'Attribute.1.Name': 'VisibilityTimeout',
        'Attribute.1.Value': '30',
        'Attribute.2.Name': 'FifoQueue',
        'Attribute.2.Value': 'false',
        'Tag.1.Key': 'team',
        'Tag.1.Value': 'a',
        'Tag.2.Key': 'env',
        'Tag.2.Value': 'b',
      },
    ],
    [
      'GetQueueAttributes',
      { QueueUrl: Q, AttributeNames: ['All', 'VisibilityTimeout'] },
      { QueueUrl: Q, 'AttributeName.1': 'All', 'AttributeName.2': 'VisibilityTimeout' },
    ],
    [
      'ReceiveMessage',
      {
        QueueUrl: Q,
        MessageSystemAttributeNames: ['SentTimestamp'],
        MessageAttributeNames: ['All'],
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 5,
      },
      {
        QueueUrl: Q,
        'AttributeName.1': 'SentTimestamp',
        'MessageAttributeName.1': 'All',
        MaxNumberOfMessages: '10',
        WaitTimeSeconds: '0',
        VisibilityTimeout: '5',
      },
    ],
    [
      'SendMessage',
      {
        QueueUrl: Q,
        MessageBody: 'hello world',
        DelaySeconds: 3,
        MessageAttributes: {
          s: { DataType: 'String', StringValue: 'v' },
          b: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2]) },
          c: { DataType: 'Binary.custom', BinaryValue: 'AAEC' },
        },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1' } },
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
      },
      {
        QueueUrl: Q,
        MessageBody: 'hello world',
        DelaySeconds: '3',
        'MessageAttribute.1.Name': 's',
        'MessageAttribute.1.Value.DataType': 'String',
        'MessageAttribute.1.Value.StringValue': 'v',
        'MessageAttribute.2.Name': 'b',
        'MessageAttribute.2.Value.DataType': 'Binary',
        'MessageAttribute.2.Value.BinaryValue': 'AAEC',
        'MessageAttribute.3.Name': 'c',
        'MessageAttribute.3.Value.DataType': 'Binary.custom',
        'MessageAttribute.3.Value.BinaryValue': 'AAEC',
        'MessageSystemAttribute.1.Name': 'AWSTraceHeader',
        'MessageSystemAttribute.1.Value.DataType': 'String',
        'MessageSystemAttribute.1.Value.StringValue': 'Root=1',
        MessageGroupId: 'g',
        MessageDeduplicationId: 'd',
      },
    ],
    [
      'SendMessageBatch',
      {
        QueueUrl: Q,
        Entries: [
          { Id: 'a', MessageBody: 'x', MessageAttributes: { k: { DataType: 'Number', StringValue: '1' } } },
          { Id: 'b', MessageBody: 'y', DelaySeconds: 0 },
        ],
      },
      {
        QueueUrl: Q,
        'SendMessageBatchRequestEntry.1.Id': 'a',
        'SendMessageBatchRequestEntry.1.MessageBody': 'x',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'k',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'Number',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringValue': '1',
        'SendMessageBatchRequestEntry.2.Id': 'b',
        'SendMessageBatchRequestEntry.2.MessageBody': 'y',
        'SendMessageBatchRequestEntry.2.DelaySeconds': '0',
      },
    ],
    [
      'DeleteMessageBatch',
      { QueueUrl: Q, Entries: [{ Id: '1', ReceiptHandle: 'rh' }] },
      { QueueUrl: Q, 'DeleteMessageBatchRequestEntry.1.Id': '1', 'DeleteMessageBatchRequestEntry.1.ReceiptHandle': 'rh' },
    ],
    [
      'ChangeMessageVisibilityBatch',
      { QueueUrl: Q, Entries: [{ Id: '1', ReceiptHandle: 'rh', VisibilityTimeout: 0 }] },
      {
        QueueUrl: Q,
        'ChangeMessageVisibilityBatchRequestEntry.1.Id': '1',
        'ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle': 'rh',
        'ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout': '0',
      },
    ],
    [
      'ReceiveMessage',
      { QueueUrl: Q, AttributeNames: ['All'], MessageSystemAttributeNames: ['SentTimestamp', 'SenderId'] },
      { QueueUrl: Q, 'AttributeName.1': 'All', 'AttributeName.2': 'SentTimestamp', 'AttributeName.3': 'SenderId' },
    ],
    ['SendMessageBatch', { QueueUrl: Q, Entries: [] }, { QueueUrl: Q, SendMessageBatchRequestEntry: '' }],
    ['TagQueue', { QueueUrl: Q, Tags: { k: 'v' } }, { QueueUrl: Q, 'Tag.1.Key': 'k', 'Tag.1.Value': 'v' }],
    ['UntagQueue', { QueueUrl: Q, TagKeys: ['k', 'l'] }, { QueueUrl: Q, 'TagKey.1': 'k', 'TagKey.2': 'l' }],
    [
      'AddPermission',
      { QueueUrl: Q, Label: 'p', AWSAccountIds: ['111122223333'], Actions: ['SendMessage', 'ReceiveMessage'] },
      {
        QueueUrl: Q,
        Label: 'p',
        'AWSAccountId.1': '111122223333',
        'ActionName.1': 'SendMessage',
        'ActionName.2': 'ReceiveMessage',
      },
    ],
    ['ListQueues', { QueueNamePrefix: 'sqsc-', MaxResults: 5 }, { QueueNamePrefix: 'sqsc-', MaxResults: '5' }],
    ['StartMessageMoveTask', { SourceArn: 'arn:a', MaxNumberOfMessagesPerSecond: 10 }, { SourceArn: 'arn:a', MaxNumberOfMessagesPerSecond: '10' }],
    // A member the model does not know is still sent (for malformed-request scenarios).
    ['DeleteQueue', { QueueUrl: Q, Bogus: 'x' }, { QueueUrl: Q, Bogus: 'x' }],
  ];

  it.each(table)('%s flattens members by their xmlName', (action, input, expected) => {
    expect(fields(action, input)).toEqual({ Action: action, Version: '2012-11-05', ...expected });
  });

  it('starts with Action and Version and percent-encodes like the AWS SDKs', () => {
    const body = formBody(encodeQueryParams('SendMessage', { QueueUrl: Q, MessageBody: "a b+c&d=é!*'()~" }));
    expect(body.startsWith('Action=SendMessage&Version=2012-11-05&')).toBe(true);
    expect(body).toContain('MessageBody=a%20b%2Bc%26d%3D%C3%A9%21%2A%27%28%29~');
    expect(new URLSearchParams(body).get('MessageBody')).toBe("a b+c&d=é!*'()~");
  });
});

const wrap = (action: string, result: string) =>
  `<?xml version="1.0"?>\n<${action}Response xmlns="http://queue.amazonaws.com/doc/2012-11-05/">\n  <${action}Result>${result}</${action}Result>\n  <ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata>\n</${action}Response>`;

describe('Query decoder', () => {
  it('decodes ReceiveMessage into the JSON SDK shape', () => {
    const xml = wrap(
      'ReceiveMessage',
      `
    <Message>
      <MessageId>m-1</MessageId>
      <ReceiptHandle>rh-1</ReceiptHandle>
      <MD5OfBody>900150983cd24fb0d6963f7d28e17f72</MD5OfBody>
      <Body>  a &lt;b&gt; &amp; &#xD;\n</Body>
      <Attribute><Name>SenderId</Name><Value>AIDA</Value></Attribute>
      <Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>
      <MD5OfMessageAttributes>x</MD5OfMessageAttributes>
      <MessageAttribute><Name>s</Name><Value><StringValue>v</StringValue><DataType>String</DataType></Value></MessageAttribute>
      <MessageAttribute><Name>b</Name><Value><BinaryValue>AAEC</BinaryValue><DataType>Binary</DataType></Value></MessageAttribute>
    </Message>
    <Message><MessageId>m-2</MessageId><ReceiptHandle>rh-2</ReceiptHandle><MD5OfBody>y</MD5OfBody><Body></Body></Message>`,
    );
    const { output, requestId } = decodeQueryResponse('ReceiveMessage', xml);
    expect(requestId).toBe('req-1');
    expect(output).toEqual({
      Messages: [
        {
          MessageId: 'm-1',
          ReceiptHandle: 'rh-1',
          MD5OfBody: '900150983cd24fb0d6963f7d28e17f72',
          Body: '  a <b> & \r\n',
          Attributes: { SenderId: 'AIDA', ApproximateReceiveCount: '1' },
          MD5OfMessageAttributes: 'x',
          MessageAttributes: {
            s: { StringValue: 'v', DataType: 'String' },
            b: { BinaryValue: 'AAEC', DataType: 'Binary' },
          },
        },
        { MessageId: 'm-2', ReceiptHandle: 'rh-2', MD5OfBody: 'y', Body: '' },
      ],
    });
  });

  it('leaves keys out when a list is empty', () => {
    expect(decodeQueryResponse('ReceiveMessage', wrap('ReceiveMessage', '')).output).toEqual({});
    expect(decodeQueryResponse('ListQueues', wrap('ListQueues', '\n')).output).toEqual({});
    const noResult = '<DeleteMessageResponse><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteMessageResponse>';
    expect(decodeQueryResponse('DeleteMessage', noResult)).toEqual({ output: {}, requestId: 'r' });
  });

  it('decodes lists, maps and batch results', () => {
    expect(
      decodeQueryResponse('ListQueues', wrap('ListQueues', '<QueueUrl>http://h/1/a</QueueUrl><QueueUrl>http://h/1/b</QueueUrl><NextToken>t</NextToken>')).output,
    ).toEqual({ QueueUrls: ['http://h/1/a', 'http://h/1/b'], NextToken: 't' });
    expect(
      decodeQueryResponse('ListDeadLetterSourceQueues', wrap('ListDeadLetterSourceQueues', '<QueueUrl>http://h/1/a</QueueUrl>')).output,
    ).toEqual({ queueUrls: ['http://h/1/a'] });
    expect(
      decodeQueryResponse('GetQueueAttributes', wrap('GetQueueAttributes', '<Attribute><Name>DelaySeconds</Name><Value>0</Value></Attribute>')).output,
    ).toEqual({ Attributes: { DelaySeconds: '0' } });
    expect(decodeQueryResponse('ListQueueTags', wrap('ListQueueTags', '<Tag><Key>k</Key><Value>v</Value></Tag>')).output).toEqual({
      Tags: { k: 'v' },
    });
    expect(
      decodeQueryResponse(
        'SendMessageBatch',
        wrap(
          'SendMessageBatch',
          `<SendMessageBatchResultEntry><Id>a</Id><MessageId>m</MessageId><MD5OfMessageBody>h</MD5OfMessageBody></SendMessageBatchResultEntry>
           <BatchResultErrorEntry><Id>b</Id><SenderFault>true</SenderFault><Code>InvalidParameterValue</Code><Message>bad</Message></BatchResultErrorEntry>`,
        ),
      ).output,
    ).toEqual({
      Successful: [{ Id: 'a', MessageId: 'm', MD5OfMessageBody: 'h' }],
      Failed: [{ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue', Message: 'bad' }],
    });
    expect(
      decodeQueryResponse('ListMessageMoveTasks', wrap('ListMessageMoveTasks', '<ListMessageMoveTasksResultEntry><Status>RUNNING</Status><ApproximateNumberOfMessagesMoved>3</ApproximateNumberOfMessagesMoved><StartedTimestamp>1700000000000</StartedTimestamp></ListMessageMoveTasksResultEntry>')).output,
    ).toEqual({ Results: [{ Status: 'RUNNING', ApproximateNumberOfMessagesMoved: 3, StartedTimestamp: 1700000000000 }] });
    expect(decodeQueryResponse('CreateQueue', wrap('CreateQueue', '<QueueUrl>http://h/1/q</QueueUrl>')).output).toEqual({
      QueueUrl: 'http://h/1/q',
    });
  });

  it('decodes an ErrorResponse into a ServiceError', () => {
    const xml = `<?xml version="1.0"?><ErrorResponse xmlns="http://queue.amazonaws.com/doc/2012-11-05/"><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code><Message>The specified queue does not exist.</Message><Detail/></Error><RequestId>r-9</RequestId></ErrorResponse>`;
    const body = decodeQueryError(xml);
    expect(body).toEqual({
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      type: 'Sender',
      message: 'The specified queue does not exist.',
      requestId: 'r-9',
    });
    expect(queryServiceError(body!, 400)).toEqual({
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      type: 'QueueDoesNotExist',
      message: 'The specified queue does not exist.',
      httpStatus: 400,
      senderFault: true,
    });
    // An unknown code keeps no type; the EC2-style <Response><Errors> envelope is read too.
    const other = decodeQueryError('<Response><Errors><Error><Code>Weird</Code><Message>m</Message></Error></Errors></Response>');
    expect(queryServiceError(other!, 403)).toEqual({ code: 'Weird', message: 'm', httpStatus: 403, senderFault: true });
    expect(decodeQueryError('not xml at all')).toBeUndefined();
    expect(decodeQueryError('<html><body>502</body></html>')).toBeUndefined();
  });

  it('refuses an error document as a success', () => {
    expect(() => decodeQueryResponse('GetQueueUrl', '<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>')).toThrow(/error document/);
  });
});
