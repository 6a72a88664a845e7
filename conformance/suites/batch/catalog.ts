// The batch suite's divergence ids: how SendMessageBatch, DeleteMessageBatch and
// ChangeMessageVisibilityBatch answer (src/check/rules/batch.ts). Per-entry and whole-request error
// codes and texts are the generic validation ids; what each entry does to its message, the
// lifecycle ids.
import { rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { BatchId } from '../../../src/check/rules/batch.js';

export const entries: CatalogEntries<BatchId> = {
  'batch.entry-missing': {
    area: 'batch', rank: 201, strictness: 'guaranteed',
    summary: 'A batch answer left a requested entry out of both Successful and Failed.',
    rule: 'Every entry of an answered batch is reported once, in Successful or in Failed (both are members of every answer).',
    source: sem('4.8; 12'), implies: [],
    explain: { default: '{call} reported entry {entry} neither as Successful nor as Failed: what became of it cannot be known.' },
  },
  'batch.entry-twice': {
    area: 'batch', rank: 202, strictness: 'guaranteed',
    summary: 'A batch answer reported one entry more than once.',
    rule: 'Every entry of an answered batch is reported once, in Successful or in Failed.',
    source: sem('4.8; 12'), implies: [],
    explain: { default: '{call} reported entry {entry} more than once.' },
  },
  'batch.entry-unknown': {
    area: 'batch', rank: 203, strictness: 'guaranteed',
    summary: 'A batch answer reported an entry Id the request did not contain.',
    rule: 'A batch answer reports the entries of the request, under their Ids.',
    source: sem('4.8; 12'), implies: [],
    explain: { default: '{call} reported an entry {entry}, which the request did not contain.' },
  },
  'batch.request-not-rejected': {
    area: 'batch', rank: 204, strictness: 'guaranteed',
    summary: 'A batch request SQS rejects as a whole was answered entry by entry.',
    rule: 'No entries, more than 10, repeated or malformed entry Ids, or a payload over 1 MiB fail the whole request; nothing is carried out.',
    source: rec('A8 items 78-81; sqs-semantics.md 4.8'), implies: ['validation.accepted-invalid'],
    explain: { default: '{call} should fail as a whole with {expected}, but it was answered entry by entry.' },
  },
  'batch.request-rejected-for-entry': {
    area: 'batch', rank: 205, strictness: 'guaranteed',
    summary: 'A batch request failed as a whole because some of its entries were invalid.',
    rule: 'An entry that breaks a rule of its own (size, characters, parameters, receipt handle) fails alone with HTTP 200; the other entries are carried out.',
    source: rec('A8 items 82-83; sqs-semantics.md 4.8, 12'),
    implies: ['validation.rejected-valid', 'delete.rejected', 'delete.stale-handle-rejected', 'visibility.change-rejected', 'visibility.change-stale-handle-rejected'],
    explain: { default: '{call} failed as a whole with {error}; only its entries {entries} are invalid: SQS fails them alone and carries out the other {valid}.' },
  },
  'batch.sender-fault-wrong': {
    area: 'batch', rank: 206, strictness: 'guaranteed',
    summary: 'A Failed batch entry the caller got wrong did not say SenderFault true.',
    rule: 'A Failed entry says whether the caller is at fault: SenderFault is true for an invalid entry (false means the service failed; retry).',
    source: rec('A8 item 82; sqs-semantics.md 12'), implies: [],
    explain: { default: '{call} failed with {code} and SenderFault {got}; an entry the caller got wrong has SenderFault true.' },
  },
  'batch.successful-incomplete': {
    area: 'batch', rank: 207, strictness: 'guaranteed',
    summary: 'A Successful SendMessageBatch entry lacks its MessageId or MD5OfMessageBody.',
    rule: 'A Successful SendMessageBatch entry has Id, MessageId and MD5OfMessageBody.',
    source: rec('A8 item 84'), implies: ['message.md5-mismatch'],
    explain: { default: '{call} is Successful without {missing}.' },
  },
  'batch.message-id-repeated': {
    area: 'batch', rank: 208, strictness: 'guaranteed',
    summary: 'Two Successful entries of one standard-queue SendMessageBatch answered the same MessageId.',
    rule: 'On a standard queue each entry of a batch is a message of its own, with a MessageId of its own.',
    source: sem('4.8; 2'), implies: ['message.lost', 'message.id-changed'],
    explain: { default: '{call} answered MessageId {messageId}, which entry {first} of the same batch answered too.' },
  },
};
