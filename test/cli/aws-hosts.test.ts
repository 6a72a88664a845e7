// Queue URLs on AWS hosts (issue 12): the CLI reads them with target/safety.ts parseQueueUrl, so the
// dual-stack `sqs.<region>.api.aws` hosts are AWS too (sqs-semantics.md 17, "Endpoints").
import { describe, expect, it } from 'vitest';
import { awsQueueHost } from '../../src/cli/target.js';

describe('awsQueueHost', () => {
  it.each([
    ['https://sqs.eu-west-1.amazonaws.com/123456789012/q', { region: 'eu-west-1', endpoint: 'https://sqs.eu-west-1.amazonaws.com' }],
    ['https://sqs.eu-west-1.api.aws/123456789012/q', { region: 'eu-west-1', endpoint: 'https://sqs.eu-west-1.api.aws' }],
    ['https://eu-west-1.queue.amazonaws.com/123456789012/q', { region: 'eu-west-1', endpoint: 'https://sqs.eu-west-1.amazonaws.com' }],
    ['https://queue.amazonaws.com/123456789012/q', { region: 'us-east-1', endpoint: 'https://sqs.us-east-1.amazonaws.com' }],
    ['https://sqs.cn-north-1.amazonaws.com.cn/123456789012/q', { region: 'cn-north-1', endpoint: 'https://sqs.cn-north-1.amazonaws.com' }],
  ])('%s', (url, want) => expect(awsQueueHost(url)).toEqual(want));

  it('is undefined for other hosts; --region overrides', () => {
    expect(awsQueueHost('http://127.0.0.1:9324/000000000000/q')).toBeUndefined();
    expect(awsQueueHost('https://sqs.eu-west-1.api.aws/1/q', 'us-west-2')).toEqual({ region: 'us-west-2', endpoint: 'https://sqs.us-west-2.amazonaws.com' });
  });
});
