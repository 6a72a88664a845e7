// A scenario: a fresh queue, and k processes, each a sequence of SQS commands and waits. Data only,
// so fast-check can generate, shrink and print it, and a replay can rebuild it.

/** Queue attributes a scenario sets at CreateQueue (absent = AWS default). */
export interface QueueSetup {
  VisibilityTimeout?: number;
  MessageRetentionPeriod?: number;
  DelaySeconds?: number;
  ReceiveMessageWaitTimeSeconds?: number;
  MaximumMessageSize?: number;
}

/** Which receipt handle a delete or visibility change uses, resolved when the step runs. */
export type HandleRef =
  | { kind: 'latest' } // the newest handle this process received
  | { kind: 'stale' } // an older handle of a message this process or another received again since
  | { kind: 'other'; pick: number } // any handle received by any process (pick modulo count)
  | { kind: 'garbage'; text: string }; // a handle the service never issued

export type AttributeRequest = 'none' | 'all' | 'named' | 'legacy-all';

export type Step =
  | { op: 'send'; delaySeconds?: number; bodySize?: number; unicode?: boolean; /** Text appended to the unique body tag. */ content?: string }
  | { op: 'receive'; max?: number; visibilityTimeout?: number; waitSeconds?: number; attributes: AttributeRequest }
  | { op: 'delete'; handle: HandleRef }
  | { op: 'changeVisibility'; handle: HandleRef; visibilityTimeout: number }
  | { op: 'sleep'; ms: number }
  /** A request with parameters exactly at or just past a documented limit. */
  | { op: 'probe'; probe: Probe };

export type Probe =
  | { kind: 'send-delay'; delaySeconds: number }
  | { kind: 'send-size'; bytes: number } // body of this many bytes (against the queue's MaximumMessageSize)
  | { kind: 'send-empty' }
  | { kind: 'send-char'; codePoint: number }
  | { kind: 'receive-max'; max: number }
  | { kind: 'receive-wait'; waitSeconds: number }
  | { kind: 'receive-visibility'; visibilityTimeout: number }
  | { kind: 'change-visibility'; visibilityTimeout: number }
  | { kind: 'create-queue'; attribute: keyof QueueSetup; value: number };

export interface Scenario {
  queue: QueueSetup;
  processes: Step[][];
}
