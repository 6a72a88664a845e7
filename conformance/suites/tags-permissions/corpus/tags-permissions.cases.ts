// Tags set and removed, and the Policy statements of AddPermission and RemovePermission
// (aws-recorded-facts.md A10 item 103, A11 item 112).
import { history, type FailSpec } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { CORPUS_ACCOUNT, QUEUE_ERRORS, queueArn } from '../../../facts.js';
import { built, urlOf } from '../../management-corpus.js';

const SUITE = 'tags-permissions';

/** `q` created with `tags` by setup, `more` calls, then ListQueueTags answering `answer`. */
function tagged(tags: Record<string, string>, answer: Record<string, string>, untag?: string[]) {
  let b = history().call('setup', 'CreateQueue', 'q', { QueueName: 'q', tags }, { QueueUrl: urlOf('q') });
  if (untag) b = b.at(100).call('p1', 'UntagQueue', 'q', { QueueUrl: 'q', TagKeys: untag });
  return built(b.at(200).call('p1', 'ListQueueTags', 'q', { QueueUrl: 'q' }, Object.keys(answer).length > 0 ? { Tags: answer } : {}), SUITE);
}

/** The statement AddPermission writes for label l1 granting SendMessage to account 111111111111 (item 103). */
const statement = (effect = 'Allow') => ({ Sid: 'l1', Effect: effect, Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'SQS:SendMessage', Resource: queueArn('q') });
const policy = (statements: unknown[]) => JSON.stringify({ Version: '2008-10-17', Id: `${queueArn('q')}/SQSDefaultPolicy`, Statement: statements });

/** AddPermission l1 on q, then Policy read back 70 s later (past the 60 s propagation, N14) as `answer` (undefined: no Policy key). */
function permitted(answer: string | undefined) {
  return built(
    history()
      .create('q')
      .at(100).call('p1', 'AddPermission', 'q', { QueueUrl: 'q', Label: 'l1', AWSAccountIds: ['111111111111'], Actions: ['SendMessage'] })
      .at(70_000).call('p1', 'GetQueueAttributes', 'q', { QueueUrl: 'q', AttributeNames: ['Policy'] }, answer === undefined ? {} : { Attributes: { Policy: answer } }),
    SUITE,
  );
}

/** AddPermission l1 twice; the second answered `fail` or ok. */
function addedTwice(fail?: FailSpec) {
  const add = { QueueUrl: 'q', Label: 'l1', AWSAccountIds: [CORPUS_ACCOUNT], Actions: ['SendMessage'] };
  return built(history().create('q').at(100).call('p1', 'AddPermission', 'q', add).at(200).call('p1', 'AddPermission', 'q', add, {}, fail ? { fail } : {}), SUITE);
}

export const tagPermissionCases: CorpusCase[] = [
  {
    id: 'tags.not-applied',
    bad: 'q created with tags {env: a}; ListQueueTags shows none',
    good: 'it shows env=a',
    source: 'aws-recorded-facts.md A11 item 112 (tags at CreateQueue)',
    badHistory: tagged({ env: 'a' }, {}),
    goodHistory: tagged({ env: 'a' }, { env: 'a' }),
  },
  {
    id: 'tags.untag-not-applied',
    bad: 'UntagQueue env succeeds; ListQueueTags still shows env',
    good: 'it shows no tags (no Tags key)',
    source: 'aws-recorded-facts.md A11 item 112',
    badHistory: tagged({ env: 'a' }, { env: 'a' }, ['env']),
    goodHistory: tagged({ env: 'a' }, {}, ['env']),
  },
  {
    id: 'tags.unexpected',
    bad: 'a queue created without tags lists x=1',
    good: 'it lists none',
    source: 'sqs-semantics.md 4.13; aws-recorded-facts.md A11 item 112',
    badHistory: tagged({}, { x: '1' }),
    goodHistory: tagged({}, {}),
  },
  {
    id: 'permissions.policy-not-updated',
    bad: 'AddPermission l1 succeeds; GetQueueAttributes Policy answers no Policy',
    good: 'Policy holds the statement l1',
    source: 'aws-recorded-facts.md A10 item 103',
    badHistory: permitted(undefined),
    goodHistory: permitted(policy([statement()])),
  },
  {
    id: 'permissions.statement-shape',
    bad: 'the statement l1 says Effect Deny',
    good: 'it says Allow',
    source: 'aws-recorded-facts.md A10 item 103',
    badHistory: permitted(policy([statement('Deny')])),
    goodHistory: permitted(policy([statement()])),
  },
  {
    id: 'permissions.label-state-ignored',
    bad: 'AddPermission with the label l1 again succeeds',
    good: 'it fails: "Value l1 for parameter Label is invalid. Reason: Already exists."',
    source: 'aws-recorded-facts.md A10 item 103',
    badHistory: addedTwice(),
    goodHistory: addedTwice(QUEUE_ERRORS.labelExists('l1')),
  },
];
