// The message-attributes suite's divergence ids: checksums of attributes on send and receive, the
// attributes a receive returns, their size, AWSTraceHeader and its checksum
// (src/check/rules/message-attributes.ts). Name, type, value and count rules are the generic
// validation ids.
import { rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { MessageAttributeId } from '../../../src/check/rules/message-attributes.js';

export const entries: CatalogEntries<MessageAttributeId> = {
  'message-attributes.send-md5-wrong': {
    area: 'message-attributes', rank: 301, strictness: 'guaranteed',
    summary: 'A send answered an MD5OfMessageAttributes that is not the MD5 of the attributes sent.',
    rule: 'MD5OfMessageAttributes is the MD5 of the attributes sent by the exact encoding (names sorted; length-prefixed name, data type and value, a transport byte); system attributes do not change it.',
    source: rec('A9 items 89, 93; A8 item 84; sqs-semantics.md 6.4'), implies: [],
    explain: {
      default: '{call} answered MD5OfMessageAttributes {got}; the MD5 of the attributes it sent ({names}) is {expected}.',
      missing: '{call} sent the attributes {names} but answered no MD5OfMessageAttributes; their MD5 is {expected}.',
    },
  },
  'message-attributes.value-changed': {
    area: 'message-attributes', rank: 302, strictness: 'guaranteed',
    summary: 'A received message attribute differs from the one sent (data type or value), or was never sent.',
    rule: 'Attributes come back as sent: the data type with its custom label, String values and Binary bytes exactly; a Number as sent (or with its leading and trailing zeros stripped, 16.4).',
    source: rec('A9 item 89; sqs-semantics.md 6.3'), implies: ['message-attributes.receive-md5-wrong'],
    explain: {
      value: '{call} returned attribute {name} of {message} as {got}; {send} sent {sent}.',
      type: '{call} returned attribute {name} of {message} as {got}, another data type than {send} sent: {sent}.',
      invented: '{call} returned {message} with the attributes {names}, which {send} did not send.',
    },
  },
  'message-attributes.not-returned': {
    area: 'message-attributes', rank: 303, strictness: 'guaranteed',
    summary: 'A receive did not return a message attribute its MessageAttributeNames asked for.',
    rule: 'A receive returns every attribute of the message that its MessageAttributeNames select: All, * and .* select all, prefix.* those that start with the prefix, a name itself.',
    source: rec('A9 item 90; sqs-semantics.md 4.9'), implies: ['message-attributes.receive-md5-wrong'],
    explain: { default: '{call} asked for {filter} but returned {message} without {missing}, which {send} sent.' },
  },
  'message-attributes.unrequested': {
    area: 'message-attributes', rank: 304, strictness: 'typical',
    summary: 'A receive returned message attributes its MessageAttributeNames did not ask for.',
    rule: 'A receive returns only the attributes its MessageAttributeNames select; none without the member, with an empty list, or with unknown or illegal names.',
    source: rec('A1 item 10; A9 item 90'), implies: ['message-attributes.receive-md5-wrong'],
    explain: { default: '{call} asked for {filter} but returned {message} with {extra}.' },
  },
  'message-attributes.receive-md5-wrong': {
    area: 'message-attributes', rank: 305, strictness: 'guaranteed',
    summary: 'A received message’s MD5OfMessageAttributes is not the MD5 of the attributes returned with it.',
    rule: 'On receive, MD5OfMessageAttributes is the MD5 of the attributes returned (the subset asked for), by the exact encoding.',
    source: rec('A9 item 90; sqs-semantics.md 6.4'), implies: [],
    explain: {
      default: '{call} returned {message} with MD5OfMessageAttributes {got}; the MD5 of the attributes it returned ({names}) is {expected}.',
      missing: '{call} returned {message} with the attributes {names} but no MD5OfMessageAttributes; their MD5 is {expected}.',
    },
  },
  'message-attributes.md5-without-attributes': {
    area: 'message-attributes', rank: 306, strictness: 'typical',
    summary: 'An MD5OfMessageAttributes came without any message attributes.',
    rule: 'MD5OfMessageAttributes is left out when a send has no attributes and when a received message comes back without any.',
    source: rec('A1 item 10; A9 item 90; sqs-semantics.md 4.7'), implies: [],
    explain: {
      send: '{call} sent no message attributes but answered MD5OfMessageAttributes {got}.',
      receive: '{call} returned a message without message attributes but with MD5OfMessageAttributes {got}.',
    },
  },
  'message-attributes.size-miscounted': {
    area: 'message-attributes', rank: 307, strictness: 'guaranteed',
    summary: 'Message attributes were not counted toward MaximumMessageSize as SQS counts them.',
    rule: 'A message’s size is the UTF-8 bytes of its body plus, per attribute, of its name, data type and value (Binary: its bytes); the limit is inclusive.',
    source: rec('A9 item 85; A8 item 84; sqs-semantics.md 6.2'), implies: ['validation.accepted-invalid', 'validation.rejected-valid'],
    explain: {
      accepted: '{call} was accepted, but its body ({body} bytes) and attributes ({attributes} bytes) make {size} bytes, over MaximumMessageSize {max}.',
      rejected: '{call} failed with {error}, but its body ({body} bytes) and attributes ({attributes} bytes) make {size} bytes, within MaximumMessageSize {max}.',
    },
  },
  'message-attributes.trace-header-lost': {
    area: 'message-attributes', rank: 308, strictness: 'guaranteed',
    summary: 'A message sent with an AWSTraceHeader came back without it, or with another value, when it was asked for.',
    rule: 'The AWSTraceHeader message system attribute of a send is returned as sent when a receive asks for it (AWSTraceHeader or All).',
    source: rec('A9 item 94; sqs-semantics.md 4.7, 4.9'), implies: [],
    explain: {
      missing: '{call} asked for AWSTraceHeader but returned {message} without it; {send} sent {sent}.',
      changed: '{call} returned {message} with AWSTraceHeader {got}; {send} sent {sent}.',
    },
  },
  'message-attributes.system-md5-wrong': {
    area: 'message-attributes', rank: 309, strictness: 'typical',
    summary: 'MD5OfMessageSystemAttributes is not the MD5 of the system attributes sent.',
    rule: 'A send with message system attributes answers MD5OfMessageSystemAttributes, their MD5 by the encoding of message attributes; a send without them answers none.',
    source: rec('A9 item 93; sqs-semantics.md 6.4'), implies: [],
    explain: {
      default: '{call} answered MD5OfMessageSystemAttributes {got}; the MD5 of the system attributes it sent is {expected}.',
      missing: '{call} sent system attributes but answered no MD5OfMessageSystemAttributes; their MD5 is {expected}.',
      unexpected: '{call} sent no system attributes but answered MD5OfMessageSystemAttributes {got}.',
    },
  },
};
