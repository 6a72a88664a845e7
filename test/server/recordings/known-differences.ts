// Recorded entries our replay does not reproduce exactly, each with the precise reason. The
// recordings test fails when an entry listed here starts to reproduce (remove it then) and when
// any entry not listed here stops reproducing. Never list an entry to hide a server or model bug.
const PROVIDER = 'tests/aws/services/sqs/test_sqs.py::TestSqsProvider::';
const MOVE_TASK = 'tests/aws/services/sqs/test_sqs_move_task.py::';

const PRINCIPAL_ORDER =
  'AddPermission with AWSAccountIds [own account, 668614515564]: AWS listed the statement principals as ' +
  '[668614515564, own account]. One recording cannot tell the rule (reversed, sorted by the real account id, or ' +
  'unordered); our model keeps the request order. Every later step reproduces.';

export const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  [`${PROVIDER}test_sqs_permission_lifecycle[sqs]`]: PRINCIPAL_ORDER,
  [`${PROVIDER}test_sqs_permission_lifecycle[sqs_query]`]: PRINCIPAL_ORDER,
  [`${PROVIDER}test_list_queues_pagination`]:
    'not AWS data: the recording was rewritten to LocalStack form (README): queue URLs ' +
    'http://sqs.<region>.localhost.localstack.cloud:4566/…, a fixed name prefix 7f7df0f5 and a NextToken that is the ' +
    'base64 of the last URL of the page; our URLs and NextToken differ by design.',
  [`${MOVE_TASK}test_move_task_cancel`]:
    'AWS cancels asynchronously: CancelMessageMoveTask answered ApproximateNumberOfMessagesMoved 2 (reproduced), yet ' +
    'the later list shows 8 moved at 1/s before CANCELLED; our model stops at the cancel (2). LocalStack skips this ' +
    'count as non-deterministic.',
  [`${MOVE_TASK}test_move_task_delete_destination_queue_while_running`]:
    'AWS moved 3 messages (1/s) before it noticed the deleted destination and failed the task; our model fails the ' +
    'task at the first move after the delete, with 1 moved. Status FAILED and FailureReason reproduce; LocalStack ' +
    'skips this count as non-deterministic.',
};

/** Snapshot files whose entries are not SQS API replays. */
export const NOT_APPLICABLE_FILES: Readonly<Record<string, string>> = {
  'test_aws_sqs_queue.snapshot.json': 'CloudFormation resource provider (AWS::SQS::Queue): stack operations, not SQS API calls',
  'test_aws_sqs_queuepolicy.snapshot.json': 'CloudFormation resource provider (AWS::SQS::QueuePolicy): stack operations, not SQS API calls',
  'test_aws_sqs_queueinlinepolicy.snapshot.json': 'CloudFormation resource provider (AWS::SQS::QueueInlinePolicy): stack operations, not SQS API calls',
};
