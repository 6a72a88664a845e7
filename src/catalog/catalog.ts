// The catalogue of divergences: stable ids, one-line summaries, the rule and its source, the
// strictness, and the implies-graph (an entry lists the ids it explains, so a report leads with
// the most basic broken guarantee). ../shared/DESIGN.md section 2.
import type { SourceRef, Strictness } from '../spec/types.js';

export interface CatalogEntry {
  id: string;
  area: 'lifecycle' | 'validation' | 'errors' | 'attributes' | 'receive';
  summary: string;
  rule: string;
  strictness: Strictness;
  source: SourceRef;
  /** Ids whose occurrences on the same message or op this one explains. */
  implies: string[];
  /** Lower ranks are more basic and are reported first. */
  rank: number;
}

const sem = (section: string, evidence: SourceRef['evidence'] = 'documented'): SourceRef => ({ file: 'sqs-semantics.md', section, evidence });
const rec = (section: string): SourceRef => ({ file: 'aws-recorded-facts.md', section, evidence: 'recorded' });

const entries: CatalogEntry[] = [
  {
    id: 'message.lost', area: 'lifecycle', rank: 10, strictness: 'guaranteed',
    summary: 'A message that was sent and never deleted did not come back before its retention ended.',
    rule: 'A message is kept until it is deleted or its retention period passes; repeated receives eventually return every visible message.',
    source: sem('5.1; 5.7; 7'), implies: ['receive.empty-while-visible', 'visibility.invisible-too-long', 'delay.invisible-too-long'],
  },
  {
    id: 'message.unexpected', area: 'lifecycle', rank: 11, strictness: 'guaranteed',
    summary: 'A receive returned a message that no send in this run produced.',
    rule: 'Only sent messages are delivered; each queue in a run is fresh and private to it.',
    source: sem('5.1'), implies: ['message.lost'],
  },
  {
    id: 'message.body-changed', area: 'lifecycle', rank: 12, strictness: 'guaranteed',
    summary: 'A message came back with a different body than was sent.',
    rule: 'Bodies come back byte-exact.',
    source: rec('A1 item 3'), implies: ['message.md5-mismatch'],
  },
  {
    id: 'message.md5-mismatch', area: 'lifecycle', rank: 13, strictness: 'guaranteed',
    summary: 'MD5OfMessageBody or MD5OfBody is not the MD5 of the UTF-8 body.',
    rule: 'MD5OfMessageBody / MD5OfBody = lower-case hex MD5 of the body bytes.',
    source: rec('A1 item 1'), implies: [],
  },
  {
    id: 'message.id-changed', area: 'lifecycle', rank: 14, strictness: 'guaranteed',
    summary: 'A received message carries a different MessageId than its send returned.',
    rule: 'MessageId is assigned by SendMessage and kept for the life of the message.',
    source: sem('2'), implies: ['message.unexpected', 'message.lost'],
  },
  {
    id: 'message.duplicated', area: 'receive', rank: 15, strictness: 'typical',
    summary: 'One receive response contained the same message twice.',
    rule: 'A standard-queue receive returns each message at most once per response (duplicates arrive in separate receives).',
    source: sem('8', 'inferred'), implies: ['visibility.redelivered-early'],
  },
  {
    id: 'delay.visible-early', area: 'lifecycle', rank: 20, strictness: 'guaranteed',
    summary: 'A delayed message was received before its delay had passed.',
    rule: 'A message sent with DelaySeconds d (or the queue default) is invisible for d seconds after it is sent.',
    source: sem('5.2; 14 N8'), implies: [],
  },
  {
    id: 'delay.invisible-too-long', area: 'lifecycle', rank: 21, strictness: 'typical',
    summary: 'A delayed message stayed invisible after its delay had passed.',
    rule: 'A delayed message becomes visible when its delay ends (within the tolerance).',
    source: sem('5.2; 14 N8'), implies: [],
  },
  {
    id: 'visibility.redelivered-early', area: 'lifecycle', rank: 22, strictness: 'typical',
    summary: 'A message was received again while its visibility timeout was still running.',
    rule: 'A received message stays invisible until call time + VisibilityTimeout (standard queues may rarely redeliver, so this is typical, not guaranteed).',
    source: sem('5.3; 14 N1'), implies: [],
  },
  {
    id: 'visibility.invisible-too-long', area: 'lifecycle', rank: 23, strictness: 'typical',
    summary: 'A message stayed invisible after its visibility timeout had passed.',
    rule: 'When the visibility timeout ends the message is visible again (within the tolerance).',
    source: sem('5.1; 14 N7'), implies: [],
  },
  {
    id: 'visibility.change-not-applied', area: 'lifecycle', rank: 24, strictness: 'typical',
    summary: 'ChangeMessageVisibility succeeded but the message did not follow the new timeout.',
    rule: 'ChangeMessageVisibility sets the deadline to call time + VisibilityTimeout; 0 makes the message visible at once.',
    source: rec('A2 items 18-19'), implies: ['visibility.redelivered-early', 'visibility.invisible-too-long'],
  },
  {
    id: 'visibility.change-rejected', area: 'lifecycle', rank: 25, strictness: 'guaranteed',
    summary: 'ChangeMessageVisibility with a usable receipt handle failed.',
    rule: 'ChangeMessageVisibility with the newest handle of an in-flight message succeeds; after the timeout lapsed it still returns 200.',
    source: rec('A2 items 18-21'), implies: [],
  },
  {
    id: 'visibility.change-stale-handle-rejected', area: 'lifecycle', rank: 26, strictness: 'typical',
    summary: 'ChangeMessageVisibility with an older receipt handle of a re-received message failed.',
    rule: 'On a standard queue an old handle still works for ChangeMessageVisibility.',
    source: rec('A2 item 20'), implies: [],
  },
  {
    id: 'visibility.change-deleted-accepted', area: 'lifecycle', rank: 27, strictness: 'typical',
    summary: 'ChangeMessageVisibility on a deleted message succeeded.',
    rule: 'ChangeMessageVisibility after the message was deleted fails with InvalidParameterValue.',
    source: rec('A2 item 22'), implies: [],
  },
  {
    id: 'visibility.cap-not-enforced', area: 'lifecycle', rank: 28, strictness: 'guaranteed',
    summary: 'ChangeMessageVisibility beyond the 12-hour cap from the receive was accepted.',
    rule: 'Total invisibility is capped at 43,200 s from the ReceiveMessage that issued the handle; SQS rejects, it does not clamp.',
    source: sem('4.11; 5.3'), implies: [],
  },
  {
    id: 'visibility.cap-rejected-early', area: 'lifecycle', rank: 29, strictness: 'guaranteed',
    summary: 'ChangeMessageVisibility within the 12-hour cap was rejected.',
    rule: 'A new timeout that keeps total invisibility within 43,200 s from the receive is accepted.',
    source: sem('4.11; 5.3'), implies: [],
  },
  {
    id: 'delete.rejected', area: 'lifecycle', rank: 30, strictness: 'guaranteed',
    summary: 'DeleteMessage with a receipt handle the service issued failed.',
    rule: 'DeleteMessage succeeds with the current handle, with a handle whose timeout lapsed, with an older handle, and when the message is already deleted.',
    source: rec('A1 item 12; A3 items 26, 29'), implies: [],
  },
  {
    id: 'delete.stale-handle-rejected', area: 'lifecycle', rank: 31, strictness: 'guaranteed',
    summary: 'DeleteMessage with an older receipt handle of a re-received message failed.',
    rule: 'With a handle from an earlier receive the request succeeds (the message might not be deleted).',
    source: sem('4.10'), implies: [],
  },
  {
    id: 'delete.not-effective', area: 'lifecycle', rank: 32, strictness: 'typical',
    summary: 'A message was received again after a DeleteMessage that should have removed it succeeded.',
    rule: 'A successful DeleteMessage with the current (or lapsed) handle removes the message (standard queues may rarely redeliver).',
    source: rec('A3 item 26'), implies: ['visibility.redelivered-early'],
  },
  {
    id: 'handle.invalid-accepted', area: 'lifecycle', rank: 33, strictness: 'guaranteed',
    summary: 'A receipt handle the service never issued was accepted.',
    rule: 'A malformed handle gives ReceiptHandleIsInvalid.',
    source: rec('A1 item 13; A2 item 23'), implies: [],
  },
  {
    id: 'retention.expired-late', area: 'lifecycle', rank: 40, strictness: 'typical',
    summary: 'A message was received after its retention period had ended.',
    rule: 'Messages disappear once their age passes MessageRetentionPeriod, including messages in flight.',
    source: rec('A5 item 39'), implies: [],
  },
  {
    id: 'receive-count.too-low', area: 'lifecycle', rank: 41, strictness: 'guaranteed',
    summary: 'ApproximateReceiveCount is lower than the number of receives that returned the message.',
    rule: 'ApproximateReceiveCount counts every receive that handed out the message, including lost responses.',
    source: sem('5.4; 14 N17'), implies: ['receive-count.wrong'],
  },
  {
    id: 'receive-count.wrong', area: 'lifecycle', rank: 42, strictness: 'typical',
    summary: 'ApproximateReceiveCount does not match the receives of the message.',
    rule: 'ApproximateReceiveCount goes 1, 2, … across receives of a message.',
    source: rec('A7 item 76; A6 item 41'), implies: [],
  },
  {
    id: 'timestamp.sent-wrong', area: 'lifecycle', rank: 43, strictness: 'typical',
    summary: 'SentTimestamp is not the time the message was sent.',
    rule: 'SentTimestamp is the epoch-millisecond time the message was sent (compared with a clock tolerance).',
    source: rec('A1 item 9'), implies: [],
  },
  {
    id: 'timestamp.first-receive-wrong', area: 'lifecycle', rank: 44, strictness: 'typical',
    summary: 'ApproximateFirstReceiveTimestamp is not the time of the first receive.',
    rule: 'ApproximateFirstReceiveTimestamp is the epoch-millisecond time of the first receive and does not change.',
    source: sem('5.4'), implies: [],
  },
  {
    id: 'receive.empty-while-visible', area: 'receive', rank: 50, strictness: 'typical',
    summary: 'A long poll returned empty (or late) although a message was visible.',
    rule: 'A long poll returns as soon as at least one message is available.',
    source: rec('A13 items 115-116'), implies: [],
  },
  {
    id: 'receive.long-poll-returned-early', area: 'receive', rank: 51, strictness: 'typical',
    summary: 'A long poll returned empty before its wait time was up.',
    rule: 'An empty long poll returns when WaitTimeSeconds (or the queue default) has passed.',
    source: rec('A13 item 116'), implies: [],
  },
  {
    id: 'receive.too-many-messages', area: 'receive', rank: 52, strictness: 'guaranteed',
    summary: 'A receive returned more messages than MaxNumberOfMessages.',
    rule: 'ReceiveMessage returns at most MaxNumberOfMessages (default 1) messages.',
    source: sem('4.9'), implies: [],
  },
  {
    id: 'receive.handle-reused', area: 'receive', rank: 53, strictness: 'guaranteed',
    summary: 'Two receives returned the same receipt handle.',
    rule: 'Every receive produces a new receipt handle.',
    source: rec('A1 item 17'), implies: [],
  },
  {
    id: 'receive.attribute-missing', area: 'receive', rank: 54, strictness: 'guaranteed',
    summary: 'A requested system attribute is missing from a received message.',
    rule: 'Requested system attributes (ApproximateReceiveCount, SentTimestamp, ApproximateFirstReceiveTimestamp, …) are returned.',
    source: rec('A9 item 91'), implies: [],
  },
  {
    id: 'receive.attribute-unrequested', area: 'receive', rank: 55, strictness: 'typical',
    summary: 'A received message carries system attributes that were not requested.',
    rule: 'Attributes appear only when requested.',
    source: rec('A1 item 10'), implies: [],
  },
  {
    id: 'receive.missing-field', area: 'receive', rank: 56, strictness: 'guaranteed',
    summary: 'A received message lacks MessageId, ReceiptHandle, MD5OfBody or Body.',
    rule: 'A received message always has MessageId, ReceiptHandle, MD5OfBody and Body.',
    source: rec('A1 item 10'), implies: [],
  },
  {
    id: 'validation.accepted-invalid', area: 'validation', rank: 60, strictness: 'guaranteed',
    summary: 'A request with an invalid parameter was accepted.',
    rule: 'Invalid parameters are rejected with the documented error.',
    source: sem('3; 4'), implies: [],
  },
  {
    id: 'validation.rejected-valid', area: 'validation', rank: 61, strictness: 'guaranteed',
    summary: 'A valid request was rejected.',
    rule: 'Requests within the documented limits succeed.',
    source: sem('3; 4; 13'), implies: ['message.lost'],
  },
  {
    id: 'error.wrong-code', area: 'errors', rank: 62, strictness: 'guaranteed',
    summary: 'A request failed with a different error code than SQS returns.',
    rule: 'Each invalid request fails with the error code AWS returns for it.',
    source: sem('1.2-1.5'), implies: ['error.wrong-status', 'error.wrong-message'],
  },
  {
    id: 'error.wrong-status', area: 'errors', rank: 63, strictness: 'guaranteed',
    summary: 'An error came back with a different HTTP status than SQS uses.',
    rule: 'Error shapes carry fixed HTTP statuses (e.g. ReceiptHandleIsInvalid 404, PurgeQueueInProgress 403).',
    source: sem('1.3'), implies: [],
  },
  {
    id: 'error.wrong-message', area: 'errors', rank: 64, strictness: 'typical',
    summary: 'An error message text differs from the text recorded against AWS.',
    rule: 'Error texts match the AWS recordings.',
    source: rec('A1-A15'), implies: [],
  },
  {
    id: 'attributes.default-wrong', area: 'attributes', rank: 70, strictness: 'typical',
    summary: 'A new queue reports a default attribute value that differs from AWS.',
    rule: 'Defaults of a new standard queue: VisibilityTimeout 30, MessageRetentionPeriod 345600, DelaySeconds 0, ReceiveMessageWaitTimeSeconds 0, MaximumMessageSize 1048576.',
    source: rec('A10 item 96'), implies: [],
  },
  {
    id: 'attributes.value-not-applied', area: 'attributes', rank: 71, strictness: 'guaranteed',
    summary: 'GetQueueAttributes does not show a value that CreateQueue or SetQueueAttributes set.',
    rule: 'Attribute values set on a queue are returned by GetQueueAttributes.',
    source: sem('3; 4.4'), implies: [],
  },
];

export const CATALOG: ReadonlyMap<string, CatalogEntry> = new Map(entries.map((e) => [e.id, e]));

export function catalogEntry(id: string): CatalogEntry {
  const e = CATALOG.get(id);
  if (!e) throw new Error(`divergence id not in the catalogue: ${id}`);
  return e;
}

export function allEntries(): CatalogEntry[] {
  return [...entries].sort((a, b) => a.rank - b.rank);
}
