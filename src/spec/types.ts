// Shared vocabulary of the reference model. PURE.

/** How a rule is known (../shared/reference/sqs-semantics.md section 0 and aws-recorded-facts.md tags). */
export type Evidence =
  | 'recorded' // literal AWS response in ../shared/aws-recorded ([S]) or an AWS-validated test ([V])
  | 'documented' // AWS docs or the API model ([M], [DG], [API])
  | 'observed' // real-SQS behaviour quoted in public threads (OBS, [I])
  | 'inferred'; // a deduction (INF)

/** Where a rule comes from: a file under ../shared/reference and a section or item. */
export interface SourceRef {
  file: 'sqs-semantics.md' | 'aws-recorded-facts.md' | 'settings-rules.md' | 'DESIGN.md' | 'sqs.json';
  section: string;
  evidence: Evidence;
}

/**
 * `guaranteed`: a documented promise (a message is not lost within retention, an invalid parameter
 * is rejected with a given error). `typical`: what AWS does in practice and emulators should copy.
 * ../shared/DESIGN.md section 2.
 */
export type Strictness = 'guaranteed' | 'typical';

/** An error the model expects, in both protocols' terms. */
export interface ExpectedError {
  /** Query-protocol code (also the `x-amzn-query-error` code), e.g. `InvalidParameterValue`. */
  code: string;
  /** JSON `__type` short name, e.g. `InvalidParameterValueException`, `QueueDoesNotExist`. */
  type: string;
  httpStatus: number;
  /** The text AWS sends. Compared exactly only when `messageEvidence` is `recorded`. */
  message: string;
  messageEvidence: Evidence;
  source: SourceRef;
}

export type Validation = { ok: true } | { ok: false; error: ExpectedError };

/** The queue settings that shape the lifecycle, as numbers (attribute values travel as strings). */
export interface QueueConfig {
  name: string;
  fifo: boolean;
  visibilityTimeout: number;
  messageRetentionPeriod: number;
  delaySeconds: number;
  receiveMessageWaitTimeSeconds: number;
  maximumMessageSize: number;
  redrivePolicy?: { deadLetterTargetArn: string; maxReceiveCount: number };
}

/** Message attribute value as sent or received (SDK shape; BinaryValue base64 on the wire, bytes here). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array;
}

/** What is wrong with a RedrivePolicy value or the queue it names (sqs-semantics.md 3; 5.5). */
export type RedrivePolicyProblem =
  | { kind: 'not-json' }
  | { kind: 'missing'; attribute: 'maxReceiveCount' | 'deadLetterTargetArn' }
  | { kind: 'max-receive-count'; given: unknown }
  | { kind: 'arn' }
  | { kind: 'extra-attributes' }
  | { kind: 'target-missing' }
  | { kind: 'type-mismatch' }
  | { kind: 'not-allowed' };

/** Looks a queue up by ARN: null when none, undefined when not known (then the target is not judged). */
export type DeadLetterLookup = (arn: string) => { fifo: boolean; redriveAllowPolicy?: string } | null | undefined;
