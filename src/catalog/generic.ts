// Entries for the rules every check runs, whatever the suite: accounting (every received message was
// sent, unchanged), per-call validation against the model (the right error code, status and text),
// the shape of receive responses, and queue attributes read back. Suites add their own entries
// (conformance/suites/<area>/catalog.ts). ../shared/DESIGN.md section 2.
import { rec, sem } from './sources.js';
import type { CatalogEntries } from './types.js';

/** A call that used a receipt handle got an answer the outcome table does not allow (variant `handle`). */
export const HANDLE_OUTCOME = '{call} {verb} with a handle that was {status} {outcome}; SQS answers {expected}{capNote}.';

export const GENERIC_ENTRIES = {
  'message.unexpected': {
    area: 'lifecycle', rank: 11, strictness: 'guaranteed',
    summary: 'A receive returned a message that no send in this run produced.',
    rule: 'Only sent messages are delivered; each queue in a run is fresh and private to it.',
    source: sem('5.1'), implies: ['message.lost'],
    explain: { default: '{call} returned message {messageId} with body {body}, which no send in this run produced.' },
  },
  'message.body-changed': {
    area: 'lifecycle', rank: 12, strictness: 'guaranteed',
    summary: 'A message came back with a different body than was sent.',
    rule: 'Bodies come back byte-exact.',
    source: rec('A1 item 3'), implies: ['message.md5-mismatch'],
    explain: { default: '{call} returned {message} (sent by {send} with body {sentBody}) with body {body}.' },
  },
  'message.md5-mismatch': {
    area: 'lifecycle', rank: 13, strictness: 'guaranteed',
    summary: 'MD5OfMessageBody or MD5OfBody is not the MD5 of the UTF-8 body.',
    rule: 'MD5OfMessageBody / MD5OfBody = lower-case hex MD5 of the body bytes.',
    source: rec('A1 item 1'), implies: [],
    explain: { default: '{call} returned {field} {got}; the MD5 of the body is {expected}.' },
  },
  'message.id-changed': {
    area: 'lifecycle', rank: 14, strictness: 'guaranteed',
    summary: 'A received message carries a different MessageId than its send returned.',
    rule: 'MessageId is assigned by SendMessage and kept for the life of the message.',
    source: sem('2'), implies: ['message.unexpected', 'message.lost'],
    explain: { default: '{call} returned the body of {message} (sent by {send} as {sentId}) under MessageId {messageId}.' },
  },
  'message.duplicated': {
    area: 'receive', rank: 15, strictness: 'typical',
    summary: 'One receive response contained the same message twice.',
    rule: 'A standard-queue receive returns each message at most once per response (duplicates arrive in separate receives).',
    source: sem('8', 'inferred'), implies: ['visibility.redelivered-early'],
    explain: { default: '{call} contained message {messageId} twice.' },
  },
  'receive.too-many-messages': {
    area: 'receive', rank: 52, strictness: 'guaranteed',
    summary: 'A receive returned more messages than MaxNumberOfMessages.',
    rule: 'ReceiveMessage returns at most MaxNumberOfMessages (default 1) messages.',
    source: sem('4.9'), implies: [],
    explain: { default: '{call} returned {count} messages with MaxNumberOfMessages {max}.' },
  },
  'receive.handle-reused': {
    area: 'receive', rank: 53, strictness: 'guaranteed',
    summary: 'Two receives returned the same receipt handle.',
    rule: 'Every receive produces a new receipt handle.',
    source: rec('A1 item 17'), implies: [],
    explain: { default: '{call} returned a receipt handle that {prior} had already returned.' },
  },
  'receive.attribute-missing': {
    area: 'receive', rank: 54, strictness: 'guaranteed',
    summary: 'A requested system attribute is missing from a received message.',
    rule: 'Requested system attributes (ApproximateReceiveCount, SentTimestamp, ApproximateFirstReceiveTimestamp, …) are returned.',
    source: rec('A9 item 91'), implies: [],
    explain: { default: '{call} asked for {requested} but the message lacks {absent}.' },
  },
  'receive.attribute-unrequested': {
    area: 'receive', rank: 55, strictness: 'typical',
    summary: 'A received message carries system attributes that were not requested.',
    rule: 'Attributes appear only when requested.',
    source: rec('A1 item 10'), implies: [],
    explain: { default: '{call} returned system attributes that were not requested: {extra}.' },
  },
  'receive.missing-field': {
    area: 'receive', rank: 56, strictness: 'guaranteed',
    summary: 'A received message lacks MessageId, ReceiptHandle, MD5OfBody or Body.',
    rule: 'A received message always has MessageId, ReceiptHandle, MD5OfBody and Body.',
    source: rec('A1 item 10'), implies: [],
    explain: { default: '{call} returned a message without {missing}.' },
  },
  'validation.accepted-invalid': {
    area: 'validation', rank: 60, strictness: 'guaranteed',
    summary: 'A request with an invalid parameter was accepted.',
    rule: 'Invalid parameters are rejected with the documented error.',
    source: sem('3; 4'), implies: [],
    explain: { default: '{call} should fail with {expected} but succeeded.' },
  },
  'validation.rejected-valid': {
    area: 'validation', rank: 61, strictness: 'guaranteed',
    summary: 'A valid request was rejected.',
    rule: 'Requests within the documented limits succeed.',
    source: sem('3; 4; 13'), implies: ['message.lost'],
    explain: { default: '{call} is valid, yet it failed with {error}.' },
  },
  'error.wrong-code': {
    area: 'errors', rank: 62, strictness: 'guaranteed',
    summary: 'A request failed with a different error code than SQS returns.',
    rule: 'Each invalid request fails with the error code AWS returns for it.',
    source: sem('1.2-1.5'), implies: ['error.wrong-status', 'error.wrong-message'],
    explain: { default: '{call} failed with {error}; SQS answers {expected}.', handle: HANDLE_OUTCOME },
  },
  'error.wrong-status': {
    area: 'errors', rank: 63, strictness: 'guaranteed',
    summary: 'An error came back with a different HTTP status than SQS uses.',
    rule: 'Error shapes carry fixed HTTP statuses (e.g. ReceiptHandleIsInvalid 404, PurgeQueueInProgress 403).',
    source: sem('1.3'), implies: [],
    explain: { default: '{call} failed with {code} and HTTP {status}; SQS uses HTTP {expectedStatus}.' },
  },
  'error.wrong-message': {
    area: 'errors', rank: 64, strictness: 'typical',
    summary: 'An error message text differs from the text recorded against AWS.',
    rule: 'Error texts match the AWS recordings.',
    source: rec('A1-A15'), implies: [],
    explain: { default: '{call} failed with the text {got}; AWS says {expected}.' },
  },
  'attributes.default-wrong': {
    area: 'attributes', rank: 70, strictness: 'typical',
    summary: 'A new queue reports a default attribute value that differs from AWS.',
    rule: 'Defaults of a new standard queue: VisibilityTimeout 30, MessageRetentionPeriod 345600, DelaySeconds 0, ReceiveMessageWaitTimeSeconds 0, MaximumMessageSize 1048576.',
    source: rec('A10 item 96'), implies: [],
    explain: { default: '{call} reports the default {name}={value}; AWS uses {expected}.' },
  },
  'attributes.value-not-applied': {
    area: 'attributes', rank: 71, strictness: 'guaranteed',
    summary: 'GetQueueAttributes does not show a value that CreateQueue or SetQueueAttributes set.',
    rule: 'Attribute values set on a queue are returned by GetQueueAttributes.',
    source: sem('3; 4.4'), implies: [],
    explain: { default: '{call} reports {name}={value}, but {setBy} set {set}.' },
  },
  'handle.invalid-accepted': {
    area: 'lifecycle', rank: 33, strictness: 'guaranteed',
    summary: 'A receipt handle the service never issued was accepted.',
    rule: 'A malformed handle gives ReceiptHandleIsInvalid.',
    source: rec('A1 item 13; A2 item 23'), implies: [],
    explain: { default: '{call} should fail with {expected} but succeeded.' },
  },
} as const satisfies CatalogEntries;

export type GenericId = keyof typeof GENERIC_ENTRIES;
