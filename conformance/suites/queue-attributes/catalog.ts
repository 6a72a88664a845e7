// The queue-attributes suite's divergence ids (ranks 600-699): what GetQueueAttributes shows, what
// SetQueueAttributes and CreateQueue change, and whether the change takes effect
// (src/check/rules/queues: the oracle and the attribute-effect rule).
import { rec, sem, type CatalogEntries } from '../../../src/catalog/index.js';
import type { QueueAttributeId } from '../../../src/check/index.js';

export const entries: CatalogEntries<QueueAttributeId> = {
  'queue-attributes.key-missing': {
    area: 'queue-attributes', rank: 600, strictness: 'guaranteed',
    summary: 'GetQueueAttributes left out an attribute the queue has.',
    rule: 'GetQueueAttributes returns every attribute asked for (All: every one) that the queue has; a new standard queue shows 12 keys.',
    source: rec('A10 items 96, 99'), implies: [],
    explain: { default: '{call} did not return {name} of queue {queue} ({why}); the model has {expected}.' },
  },
  'queue-attributes.key-unexpected': {
    area: 'queue-attributes', rank: 601, strictness: 'typical',
    summary: 'GetQueueAttributes returned an attribute AWS does not return there.',
    rule: 'Only attributes asked for and set are returned: Policy, RedrivePolicy and Kms* appear once set, FIFO attributes only on FIFO queues.',
    source: rec('A10 items 96, 97, 99'), implies: [],
    explain: { default: '{call} returned {name}={value} for queue {queue}, but {why}.' },
  },
  'queue-attributes.format-wrong': {
    area: 'queue-attributes', rank: 602, strictness: 'guaranteed',
    summary: 'An attribute value has the wrong format.',
    rule: 'Timestamps are epoch seconds, counts non-negative integers, QueueArn is arn:aws:sqs:<region>:<account>:<name> of the queue.',
    source: sem('2; 3'), implies: ['queue-attributes.timestamp-wrong'],
    explain: { default: '{call} returned {name}={value} for queue {queue}; expected {format}.' },
  },
  'queue-attributes.default-wrong': {
    area: 'queue-attributes', rank: 603, strictness: 'typical',
    summary: 'A new queue shows a default value that differs from AWS.',
    rule: 'Defaults: VisibilityTimeout 30, DelaySeconds 0, MaximumMessageSize 1048576, MessageRetentionPeriod 345600, ReceiveMessageWaitTimeSeconds 0, SqsManagedSseEnabled true; FIFO: ContentBasedDeduplication false, DeduplicationScope queue, FifoThroughputLimit perQueue.',
    source: rec('A10 item 96; A7 item 53'), implies: ['attributes.default-wrong'],
    explain: { default: '{call} reports the default {name}={value} for queue {queue}; AWS uses {expected}.' },
  },
  'queue-attributes.create-not-applied': {
    area: 'queue-attributes', rank: 604, strictness: 'guaranteed',
    summary: 'A value given at CreateQueue is not what GetQueueAttributes shows.',
    rule: 'Attributes given to CreateQueue are the queue\'s values.',
    source: sem('3; 4.1'), implies: ['attributes.value-not-applied'],
    explain: { default: '{call} reports {name}={value} for queue {queue}, but {setBy} created it with {expected}.' },
  },
  'queue-attributes.set-not-applied': {
    area: 'queue-attributes', rank: 605, strictness: 'guaranteed',
    summary: 'SetQueueAttributes succeeded but the value read back is not the one set.',
    rule: 'A successful SetQueueAttributes changes the values read back; "" removes Policy, RedrivePolicy, RedriveAllowPolicy and KmsMasterKeyId.',
    source: rec('A10 items 97, 102; A6 item 44'), implies: ['attributes.value-not-applied'],
    explain: { default: '{call} reports {name}={value} for queue {queue}, but {setBy} set {expected}.' },
  },
  'queue-attributes.timestamp-wrong': {
    area: 'queue-attributes', rank: 606, strictness: 'typical',
    summary: 'CreatedTimestamp or LastModifiedTimestamp is not the time of the create or the last change.',
    rule: 'CreatedTimestamp is when the queue was created and LastModifiedTimestamp when its attributes last changed, in epoch seconds (compared with a clock tolerance).',
    source: sem('3'), implies: [],
    explain: { default: '{call} reports {name}={value} ({onOurClock}) for queue {queue}, not within {skew} of {event}.' },
  },
  'queue-attributes.set-not-effective': {
    area: 'queue-attributes', rank: 607, strictness: 'typical',
    summary: 'SetQueueAttributes succeeded but messages kept following the old value.',
    rule: 'VisibilityTimeout, DelaySeconds, ReceiveMessageWaitTimeSeconds and MessageRetentionPeriod set on a queue govern its messages (after a propagation AWS allows itself, hence typical).',
    source: sem('3; 5; 7; 14 N14'), implies: [],
    explain: {
      delay: '{receive} returned {message} {early} after {send} began, but {set} set DelaySeconds to {value}.',
      visibility: '{receive} returned {message} again {gap} after {first} received it, but {set} set VisibilityTimeout to {value}.',
      quiet: '{receive} (WaitTimeSeconds {wait}) returned nothing although {message} was visible from {since} on ({set} set {name} to {value}).',
      wait: '{receive} left out WaitTimeSeconds and answered empty after {took}, but {set} set ReceiveMessageWaitTimeSeconds to {value}.',
      retention: '{receive} returned {message} {age} after {send}, but {set} set MessageRetentionPeriod to {value} (slack {slack}).',
    },
  },
};
