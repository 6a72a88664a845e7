// The tags-permissions suite (issue 12): TagQueue, UntagQueue, ListQueueTags and tags at
// CreateQueue; AddPermission and RemovePermission as Policy statements, their label rules and
// errors; and the bounds of tag keys, values and counts, labels and actions (sqs-semantics.md 2,
// 4.12, 4.13, 13; aws-recorded-facts.md A10 item 103, A11 item 112).
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { MANAGEMENT } from '../management.js';
import { entries } from './catalog.js';
import { permissionLimitsScenario, permissionsScenario, tagLimitsScenario, tagsScenario } from './scenarios.js';

export const tagsPermissions: SuiteDefinition = {
  name: 'tags-permissions',
  description: 'Tags (TagQueue, UntagQueue, ListQueueTags, tags at CreateQueue) and permissions (AddPermission, RemovePermission as Policy statements).',
  requires: [],
  catalog: entries,
  rules: MANAGEMENT.all,
  actions: ['CreateQueue', 'TagQueue', 'UntagQueue', 'ListQueueTags', 'AddPermission', 'RemovePermission', 'GetQueueAttributes', 'ReceiveMessage', 'DeleteQueue'],
  sources: ['sqs-semantics.md 2, 4.12, 4.13, 13', 'aws-recorded-facts.md A10 item 103, A11 item 112'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'tags', runs: 2, requires: ['tags'], arbitrary: tagsScenario, description: 'Tags at CreateQueue, TagQueue merging and overwriting, UntagQueue with unknown keys, case-sensitive keys, empty values, a queue without tags.' },
    { name: 'permissions', runs: 2, requires: ['permissions'], arbitrary: permissionsScenario, description: 'AddPermission and RemovePermission read back as Policy statements; duplicate and unknown labels; label, action and missing-parameter errors.' },
    { name: 'tag-limits', runs: 1, requires: ['tags'], arbitrary: tagLimitsScenario, description: 'Tag key and value lengths and tags per queue just below, at and just above each bound.' },
    { name: 'permission-limits', runs: 1, requires: ['permissions'], arbitrary: permissionLimitsScenario, description: 'Label length and actions per AddPermission just below, at and just above each bound.' },
  ],
};
