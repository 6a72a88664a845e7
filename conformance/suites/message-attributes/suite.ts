// The message-attributes suite: String, Number and Binary attributes with custom labels, their
// names and counts, MD5OfMessageAttributes on send and over the subset a receive returns, the
// MessageAttributeNames filters, size counting toward MaximumMessageSize, AWSTraceHeader and
// MD5OfMessageSystemAttributes (../shared/reference/sqs-semantics.md 2, 4.7-4.9, 6.2-6.4;
// aws-recorded-facts.md A9 items 85-94).
import { lifecycleRule, messageAttributesRule } from '../../../src/check/index.js';
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { entries } from './catalog.js';
import { roundTripScenario, sizeScenario, traceScenario, validationScenario } from './scenarios.js';

export const messageAttributes: SuiteDefinition = {
  name: 'message-attributes',
  description: 'Message attributes: checksums on send and receive, MessageAttributeNames filters, values byte-exact, size counting, AWSTraceHeader.',
  requires: ['message-attributes'],
  catalog: entries,
  rules: [lifecycleRule, messageAttributesRule],
  actions: ['CreateQueue', 'GetQueueAttributes', 'SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteQueue'],
  sources: ['sqs-semantics.md 2, 4.7-4.9, 6.2-6.4', 'aws-recorded-facts.md A1 item 10, A8 item 84, A9 items 85-94'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'round-trip', runs: 5, arbitrary: roundTripScenario, description: 'Messages with 1–10 generated attributes of every type and label, alone and by batch, received with All, an empty list and generated filters (names, prefixes, unknown and illegal names).' },
    { name: 'size', runs: 2, arbitrary: sizeScenario, description: 'Body and attributes exactly at MaximumMessageSize and one byte over, alone and as batch entries.' },
    { name: 'validation', runs: 2, arbitrary: validationScenario, description: 'Attribute names, types, values and counts past the rules and at their limits.' },
    { name: 'trace', runs: 1, requires: ['message-system-attributes'], arbitrary: traceScenario, description: 'AWSTraceHeader sent alone and by batch, asked for by name, by All and not at all; MD5OfMessageSystemAttributes.' },
  ],
};
