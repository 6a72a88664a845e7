// The tags-permissions suite's divergence ids (ranks 800-899): tags set and removed, and the Policy
// statements AddPermission and RemovePermission write (src/check/rules/queues: the oracle).
import { rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { TagPermissionId } from '../../../src/check/index.js';

export const entries: CatalogEntries<TagPermissionId> = {
  'tags.not-applied': {
    area: 'tags', rank: 800, strictness: 'guaranteed',
    summary: 'ListQueueTags does not show a tag that was set.',
    rule: 'Tags given at CreateQueue or by TagQueue (which merges, and overwrites a key) are listed with their values; keys are case-sensitive and values may be empty.',
    source: rec('A11 item 112'), implies: [],
    explain: { default: '{call} shows {key}={got} on queue {queue}, but {setBy} set {expected}.' },
  },
  'tags.untag-not-applied': {
    area: 'tags', rank: 801, strictness: 'guaranteed',
    summary: 'ListQueueTags still shows a tag that UntagQueue removed.',
    rule: 'UntagQueue removes the keys it names (and ignores unknown ones).',
    source: rec('A11 item 112'), implies: [],
    explain: { default: '{call} still shows the tag {key} on queue {queue}, which {removedBy} removed.' },
  },
  'tags.unexpected': {
    area: 'tags', rank: 802, strictness: 'guaranteed',
    summary: 'ListQueueTags shows a tag that was never set.',
    rule: 'A queue has exactly the tags set on it.',
    source: sem('4.13'), implies: [],
    explain: { default: '{call} shows the tag {key}={value} on queue {queue}, which nobody set.' },
  },
  'permissions.policy-not-updated': {
    area: 'permissions', rank: 803, strictness: 'guaranteed',
    summary: 'AddPermission or RemovePermission succeeded but the queue Policy does not show it.',
    rule: 'AddPermission adds a statement with the label as Sid; RemovePermission removes it, and removing the last one removes Policy.',
    source: rec('A10 item 103'), implies: [],
    explain: { default: '{call} shows a Policy of queue {queue} {what} after {by}.' },
  },
  'permissions.statement-shape': {
    area: 'permissions', rank: 804, strictness: 'typical',
    summary: 'A statement AddPermission wrote differs from the one AWS writes.',
    rule: 'Effect Allow, Principal.AWS the accounts (arn:aws:iam::<id>:root), Action SQS:<action>, Resource the queue ARN.',
    source: rec('A10 item 103'), implies: [],
    explain: { default: '{call} shows the statement {label} of queue {queue} with {field} {got}; AWS writes {expected}.' },
  },
  'permissions.label-state-ignored': {
    area: 'permissions', rank: 805, strictness: 'guaranteed',
    summary: 'AddPermission with a label in use, or RemovePermission with one not in use, succeeded.',
    rule: 'A label names one statement: adding it twice fails ("Already exists."), removing one that is not there fails ("can\'t find label.").',
    source: rec('A10 item 103'), implies: [],
    explain: { default: '{call} succeeded, but {why}; SQS answers {expected}.' },
  },
};
