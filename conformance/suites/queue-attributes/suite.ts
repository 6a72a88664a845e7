// The queue-attributes suite (issue 12): GetQueueAttributes and SetQueueAttributes against the
// model: key sets and defaults of standard and FIFO queues, named and unknown names, values set and
// read back (LastModifiedTimestamp too), read-only and FIFO-only names, Policy, RedrivePolicy,
// RedriveAllowPolicy, server-side encryption, FifoQueue on a set, every integer attribute at its
// bounds, and the behaviour the values govern (sqs-semantics.md 3, 4.4, 11, 14 N14;
// aws-recorded-facts.md A10).
import type { SuiteDefinition } from '../../../src/suite/index.js';
import { MANAGEMENT } from '../management.js';
import { entries } from './catalog.js';
import { attributeLimitsScenario, attributesScenario, effectScenario, fifoAttributesScenario, retentionEffectScenario } from './scenarios.js';

export const queueAttributes: SuiteDefinition = {
  name: 'queue-attributes',
  description: 'GetQueueAttributes / SetQueueAttributes: key sets, defaults, values read back, invalid values, policies, SSE, bounds, and their effect on messages.',
  requires: [],
  catalog: entries,
  rules: MANAGEMENT.all,
  actions: ['CreateQueue', 'GetQueueAttributes', 'SetQueueAttributes', 'SendMessage', 'ReceiveMessage', 'DeleteMessage', 'DeleteQueue'],
  sources: ['sqs-semantics.md 3, 4.4, 11, 13, 14 N14', 'aws-recorded-facts.md A10 items 96-104, A7 item 53'],
  corpus: async () => (await import('./corpus/index.js')).cases,
  properties: [
    { name: 'attributes', runs: 2, arbitrary: attributesScenario, description: 'A standard queue: GetQueueAttributes All, named and unknown names; every writable attribute set and read back; read-only, unknown and FIFO-only names refused; Policy set and removed with ""; RedrivePolicy and RedriveAllowPolicy valid and malformed; SSE and its exclusion.' },
    { name: 'fifo-attributes', runs: 1, requires: ['fifo'], arbitrary: fifoAttributesScenario, description: 'A FIFO queue: its defaults, ContentBasedDeduplication, DeduplicationScope and FifoThroughputLimit set and read back, FifoQueue on a set.' },
    { name: 'effect', runs: 2, arbitrary: effectScenario, description: 'VisibilityTimeout, DelaySeconds and ReceiveMessageWaitTimeSeconds set by a step change how messages behave, not only the value read back.' },
    { name: 'retention-effect', runs: 1, arbitrary: retentionEffectScenario, description: 'MessageRetentionPeriod set to 60 s by a step: a message sent after it is gone a little after 60 s.' },
    { name: 'attribute-limits', runs: 1, arbitrary: attributeLimitsScenario, description: 'Every integer attribute just below, at and just above each bound on CreateQueue and SetQueueAttributes; maxReceiveCount, RedriveAllowPolicy source ARNs and Policy size and statements at their bounds.' },
  ],
};
