// Scenarios of the tags-permissions suite: tags at CreateQueue, TagQueue merging and overwriting,
// UntagQueue ignoring unknown keys, ListQueueTags; AddPermission and RemovePermission as Policy
// statements, their label rules and errors; and the bounds of tags, labels and actions. Fixed
// calls, values from the seed, one process on queues of its own.
import fc from 'fast-check';
import { RUN_TAG_KEY } from '../../../src/target/safety.js';
import { manage, type ManageStep, type Scenario } from '../../../src/scenario/index.js';
import { limitScenario, single } from '../management.js';

const tagValue = fc.string({ minLength: 0, maxLength: 12 }).map((s) => s.replace(/[^A-Za-z0-9 _.:/=+@-]/g, ''));

/** Tags at CreateQueue, TagQueue (merge, overwrite, case-sensitive keys, empty values), UntagQueue (unknown keys ignored) and ListQueueTags without tags (item 112). */
export const tagsScenario: fc.Arbitrary<Scenario> = fc.record({ a: tagValue, b: tagValue, c: tagValue }).map(({ a, b, c }): Scenario => {
  const T = 'tg';
  const U = 'tu';
  const steps: ManageStep[] = [
    manage('CreateQueue', T, { tags: { env: a, Empty: '', Case: 'upper' } }),
    manage('ListQueueTags', T),
    manage('TagQueue', T, { Tags: { env: b, case: 'lower', added: c } }),
    manage('ListQueueTags', T),
    manage('UntagQueue', T, { TagKeys: ['env', 'no-such-key'] }),
    manage('ListQueueTags', T),
    manage('TagQueue', T, { Tags: {} }),
    manage('TagQueue', T, { Tags: { 'aws:reserved': 'x' } }),
    manage('UntagQueue', T, { TagKeys: [] }),
    manage('ListQueueTags', T),
    // A queue without tags has no Tags key: the run's tag is taken off for a moment, then put back.
    manage('CreateQueue', U),
    manage('UntagQueue', U, { TagKeys: [RUN_TAG_KEY] }),
    manage('ListQueueTags', U),
    manage('TagQueue', U, { Tags: { [RUN_TAG_KEY]: '' } }),
    manage('UntagQueue', U, { TagKeys: [RUN_TAG_KEY] }),
    manage('TagQueue', U, { Tags: { [RUN_TAG_KEY]: 'back' } }),
    manage('ListQueueTags', U),
  ];
  return single(steps);
});

const account = fc.integer({ min: 100_000_000_000, max: 999_999_999_999 }).map(String);
const ACTIONS = ['SendMessage', 'ReceiveMessage', 'DeleteMessage', 'ChangeMessageVisibility', 'GetQueueAttributes', 'GetQueueUrl', 'PurgeQueue'] as const;

/** AddPermission builds Policy statements; duplicate and unknown labels; removing the last label removes Policy (item 103); label and action rules. */
export const permissionsScenario: fc.Arbitrary<Scenario> = fc
  .record({ one: account, two: fc.tuple(account, account), actions: fc.subarray([...ACTIONS], { minLength: 2, maxLength: 4 }), single: fc.constantFrom(...ACTIONS) })
  .map(({ one, two, actions, single: action }): Scenario => {
    const P = 'pm';
    const get = manage('GetQueueAttributes', P, { AttributeNames: ['Policy'] });
    const steps: ManageStep[] = [
      manage('CreateQueue', P),
      manage('AddPermission', P, { Label: 'first', AWSAccountIds: [one], Actions: [action] }),
      get,
      manage('AddPermission', P, { Label: 'second', AWSAccountIds: [...two], Actions: actions }),
      get,
      manage('AddPermission', P, { Label: 'first', AWSAccountIds: [one], Actions: [action] }),
      manage('AddPermission', P, { Label: 'all', AWSAccountIds: [{ $account: true }], Actions: ['*'] }),
      manage('RemovePermission', P, { Label: 'all' }),
      manage('RemovePermission', P, { Label: 'first' }),
      get,
      manage('RemovePermission', P, { Label: 'first' }),
      manage('AddPermission', P, { Label: 'bad label', AWSAccountIds: [one], Actions: [action] }),
      manage('AddPermission', P, { Label: 'bad-action', AWSAccountIds: [one], Actions: ['Foo'] }),
      manage('AddPermission', P, { Label: 'no-accounts', Actions: [action] }),
      manage('AddPermission', P, { Label: 'no-actions', AWSAccountIds: [one] }),
      manage('RemovePermission', P, {}),
      manage('RemovePermission', P, { Label: 'second' }),
      manage('GetQueueAttributes', P, { AttributeNames: ['All'] }),
    ];
    return single(steps);
  });

/** Tag keys and values and tags per queue at their bounds. */
export const tagLimitsScenario: fc.Arbitrary<Scenario> = limitScenario('tags');
/** Labels and actions per AddPermission at their bounds. */
export const permissionLimitsScenario: fc.Arbitrary<Scenario> = limitScenario('permissions');
