// Message attributes: checksums on send and receive, the subset MessageAttributeNames selects, values
// byte-exact, size counting, AWSTraceHeader and its checksum (sqs-semantics.md 4.7-4.9, 6.2-6.4;
// aws-recorded-facts.md A9 items 85-94). The attributes and MD5s are the ones recorded against AWS
// in item 90 (General, Hello, Help.Me) and item 93 (a trace header).
import { history, md5, type HistoryBuilder } from '../../../../src/history/builder.js';
import type { CorpusCase } from '../../../../src/suite/index.js';
import { ERRORS, ITEM_90, ITEM_93 } from '../../../facts.js';

const Q = 'q';
const attrs = ITEM_90.attributes;
const pick = (...names: (keyof typeof attrs)[]) => Object.fromEntries(names.map((n) => [n, attrs[n]]));

/** `msg` sent at 0 with the three attributes of item 90 (the answer's MD5 as recorded). */
function sent(sendMd5: string = ITEM_90.md5.all): HistoryBuilder {
  return history()
    .create(Q, { MaximumMessageSize: '1024' })
    .at(0).send('p1', Q, ITEM_90.body, { id: 'A', input: { MessageAttributes: attrs }, output: { MD5OfMessageAttributes: sendMd5 } });
}

/** A receive of `msg` asking for `names`, returning `returned` with MD5OfMessageAttributes `md5Of`. */
function receivedWith(names: string[] | undefined, returned: Record<string, unknown> | undefined, md5Of: string | undefined): HistoryBuilder {
  const extra: Record<string, unknown> = {};
  if (returned !== undefined) extra.MessageAttributes = returned;
  if (md5Of !== undefined) extra.MD5OfMessageAttributes = md5Of;
  return sent().at(100).receive('p2', Q, [{ id: 'A', body: ITEM_90.body, handle: 'h1', extra }], { VisibilityTimeout: 0, ...(names !== undefined ? { MessageAttributeNames: names } : {}) });
}

/** `body` of `bytes` bytes sent with the item-90 attributes, answered as `outcome` says. */
function sized(bytes: number, outcome: 'ok' | 'rejected'): HistoryBuilder {
  const body = 'b'.repeat(bytes);
  return history()
    .create(Q, { MaximumMessageSize: '1024' })
    .at(0)
    .send('p1', Q, body, {
      id: 'A',
      input: { MessageAttributes: attrs },
      ...(outcome === 'ok' ? { output: { MD5OfMessageAttributes: ITEM_90.md5.all } } : { fail: ERRORS.messageTooLong(1024) }),
    });
}

const trace = { AWSTraceHeader: { DataType: 'String', StringValue: ITEM_93.traceHeader } };
function traced(systemMd5: string | undefined, back: Record<string, string> | undefined): HistoryBuilder {
  return history()
    .create(Q)
    .at(0).send('p1', Q, 'm-a', { id: 'A', input: { MessageSystemAttributes: trace }, output: systemMd5 !== undefined ? { MD5OfMessageSystemAttributes: systemMd5 } : {} })
    .at(100).receive('p2', Q, [{ id: 'A', body: 'm-a', handle: 'h1', ...(back ? { attrs: back } : {}) }], { VisibilityTimeout: 0, MessageSystemAttributeNames: ['AWSTraceHeader'] });
}

export const attributeCases: CorpusCase[] = [
  {
    id: 'message-attributes.send-md5-wrong',
    bad: 'a send of the three attributes of item 90 answers the MD5 of {Hello, General} only',
    good: 'it answers the MD5 of all three, 4c360f3f…',
    source: 'aws-recorded-facts.md A9 item 90 (send_message_response)',
    badHistory: sent(ITEM_90.md5.helloGeneral).build(),
    goodHistory: sent().build(),
  },
  {
    id: 'message-attributes.value-changed',
    bad: 'a receive asking for All returns Hello as "there" (sent as "There")',
    good: 'it returns the three attributes as sent',
    source: 'aws-recorded-facts.md A9 items 89-90',
    badHistory: receivedWith(['All'], { ...attrs, Hello: { DataType: 'String', StringValue: 'there' } }, ITEM_90.md5.all).build(),
    goodHistory: receivedWith(['All'], attrs, ITEM_90.md5.all).build(),
  },
  {
    id: 'message-attributes.value-changed',
    bad: 'a receive asking for All returns Hello with the data type String.x',
    good: 'it returns the data type as sent',
    source: 'aws-recorded-facts.md A9 item 90; sqs-semantics.md 6.3 (labels kept verbatim)',
    badHistory: receivedWith(['All'], { ...attrs, Hello: { DataType: 'String.x', StringValue: 'There' } }, ITEM_90.md5.all).build(),
    goodHistory: receivedWith(['.*'], attrs, ITEM_90.md5.all).build(),
  },
  {
    id: 'message-attributes.not-returned',
    bad: 'a receive asking for Hel.* returns Hello but not Help.Me',
    good: 'it returns Hello and Help.Me',
    source: 'aws-recorded-facts.md A9 item 90 (prefix_filter)',
    badHistory: receivedWith(['Hel.*'], pick('Hello'), ITEM_90.md5.hello).build(),
    goodHistory: receivedWith(['Hel.*'], pick('Hello', 'Help.Me'), ITEM_90.md5.helloHelpMe).build(),
  },
  {
    id: 'message-attributes.unrequested',
    bad: 'a receive asking for Hello returns Hello and General',
    good: 'it returns Hello only',
    source: 'aws-recorded-facts.md A9 item 90 (existing_and_non_existing); A1 item 10',
    badHistory: receivedWith(['Hello', 'NotExisting'], pick('Hello', 'General'), ITEM_90.md5.helloGeneral).build(),
    goodHistory: receivedWith(['Hello', 'NotExisting'], pick('Hello'), ITEM_90.md5.hello).build(),
  },
  {
    id: 'message-attributes.receive-md5-wrong',
    bad: 'a receive asking for Hello and General returns them with the MD5 of all three attributes',
    good: 'it returns the MD5 of the two returned, fca02660…',
    source: 'aws-recorded-facts.md A9 item 90 (only_existing)',
    badHistory: receivedWith(['Hello', 'General'], pick('Hello', 'General'), ITEM_90.md5.all).build(),
    goodHistory: receivedWith(['Hello', 'General'], pick('Hello', 'General'), ITEM_90.md5.helloGeneral).build(),
  },
  {
    id: 'message-attributes.md5-without-attributes',
    bad: 'a receive asking for no message attributes returns none but an MD5OfMessageAttributes',
    good: 'it returns neither',
    source: 'aws-recorded-facts.md A9 item 90 (empty_filter); A1 item 10',
    badHistory: receivedWith([], undefined, ITEM_90.md5.all).build(),
    goodHistory: receivedWith([], undefined, undefined).build(),
  },
  {
    id: 'message-attributes.size-miscounted',
    bad: 'a body of 975 bytes with the item-90 attributes (50 bytes: 1025 in all, MaximumMessageSize 1024) is accepted',
    good: 'it fails with "Message must be shorter than 1024 bytes."',
    source: 'aws-recorded-facts.md A9 item 85',
    badHistory: sized(975, 'ok').build(),
    goodHistory: sized(975, 'rejected').build(),
  },
  {
    id: 'message-attributes.size-miscounted',
    bad: 'a body of 974 bytes with the item-90 attributes (1024 in all) is rejected as too long',
    good: 'it is accepted: the limit is inclusive',
    source: 'aws-recorded-facts.md A9 item 85; A8 item 84',
    badHistory: sized(974, 'rejected').build(),
    goodHistory: sized(974, 'ok').build(),
  },
  {
    id: 'message-attributes.trace-header-lost',
    bad: 'a message sent with the AWSTraceHeader of item 93 comes back without it although AWSTraceHeader was asked for',
    good: 'it comes back with the header as sent',
    source: 'aws-recorded-facts.md A9 items 93-94; sqs-semantics.md 4.9',
    badHistory: traced(ITEM_93.md5, undefined).build(),
    goodHistory: traced(ITEM_93.md5, { AWSTraceHeader: ITEM_93.traceHeader }).build(),
  },
  {
    id: 'message-attributes.system-md5-wrong',
    bad: 'the send with the trace header of item 93 answers MD5OfMessageSystemAttributes of the body',
    good: 'it answers 5ae4d5d7…, the value recorded',
    source: 'aws-recorded-facts.md A9 item 93',
    badHistory: traced(md5('m-a'), { AWSTraceHeader: ITEM_93.traceHeader }).build(),
    goodHistory: traced(ITEM_93.md5, { AWSTraceHeader: ITEM_93.traceHeader }).build(),
  },
];
