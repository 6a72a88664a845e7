// Queue-management propagation (sqs-semantics.md 11 and 14 N11-N14): after CreateQueue,
// DeleteQueue and SetQueueAttributes, real SQS may answer for a while as if the call had not
// happened yet. The engine takes the AWS-typical outcome (at once, nondeterminism.ts); the checker
// allows the other answers listed here only at `guaranteed` strictness, within the window after the
// call. PURE.
import { WINDOWS_MS } from './defaults.js';

/** What a queue-management call may look like it has not done yet, and for how long. */
export type PropagationEvent = 'create' | 'delete' | 'set-attributes' | 'set-retention' | 'recreate-block';

export interface PropagationRule {
  /** The sqs-semantics.md 14 item. */
  item: 'N11' | 'N12' | 'N13' | 'N14';
  event: PropagationEvent;
  /** How long after the call (its completion) the answers below stay possible, in ms. */
  windowMs: number;
  /** The answers allowed inside the window besides the typical one. */
  allows: string;
  source: string;
}

export const PROPAGATION: Readonly<Record<PropagationEvent, PropagationRule>> = {
  create: {
    item: 'N12',
    event: 'create',
    windowMs: 60_000,
    allows: 'QueueDoesNotExist from calls on the new queue; ListQueues without it; GetQueueUrl failing',
    source: 'sqs-semantics.md 11 (wait >= 1 s); 14 N12 (ListQueues/GetQueueUrl may lag)',
  },
  delete: {
    item: 'N11',
    event: 'delete',
    windowMs: 60_000,
    allows: 'calls on the deleted queue succeeding; ListQueues still naming it',
    source: 'sqs-semantics.md 4.5; 11; 14 N11',
  },
  'recreate-block': {
    item: 'N13',
    event: 'recreate-block',
    // "observed up to ~70 s" (sqs-semantics.md 4.1, 11).
    windowMs: WINDOWS_MS.queueRecreateBlock + 10_000,
    allows: 'QueueDeletedRecently until about 70 s after the DeleteQueue',
    source: 'sqs-semantics.md 4.1; 11; 14 N13',
  },
  'set-attributes': {
    item: 'N14',
    event: 'set-attributes',
    windowMs: 60_000,
    allows: 'the previous value read back and governing behaviour',
    source: 'sqs-semantics.md 3 (changes take up to 60 s); 11; 14 N14',
  },
  'set-retention': {
    item: 'N14',
    event: 'set-retention',
    windowMs: 900_000,
    allows: 'the previous MessageRetentionPeriod read back and governing expiry',
    source: 'sqs-semantics.md 3 (MessageRetentionPeriod up to 15 min); 14 N14',
  },
};

/** True when `atMs` lies within the propagation window of an `event` that completed at `eventEndMs`. */
export function withinPropagation(event: PropagationEvent, eventEndMs: number, atMs: number): boolean {
  return atMs >= eventEndMs && atMs - eventEndMs <= PROPAGATION[event].windowMs;
}
