// Dead-letter queues: which queue may be a source's DLQ, when a message moves, and what it carries
// (../shared/reference/sqs-semantics.md 3 RedrivePolicy, 4.15, 5.5, 17; aws-recorded-facts.md
// A6 items 40-51). PURE.
import type { MessageAttributeValue, RedrivePolicyProblem } from '../types.js';

/**
 * The DLQ a RedrivePolicy names must exist (SQS never creates it) and be of the source's type,
 * standard↔standard and FIFO↔FIFO, same account and region (section 3; 5.5 [M, DG23]).
 * `target` is the queue the ARN names, when there is one.
 */
export function redriveTargetProblem(sourceFifo: boolean, target: { fifo: boolean } | undefined): RedrivePolicyProblem | undefined {
  if (target === undefined) return { kind: 'target-missing' };
  if (target.fifo !== sourceFifo) return { kind: 'type-mismatch' };
  return undefined;
}

/**
 * A DLQ's RedriveAllowPolicy decides which sources may name it (sqs-semantics.md 3 [M]): allowAll
 * (the default), denyAll, or byQueue with the allowed source ARNs. Undefined when allowed, or when
 * the source's ARN is not known.
 */
export function redriveAllowProblem(policy: string | undefined, sourceArn: string | undefined): RedrivePolicyProblem | undefined {
  if (policy === undefined || policy === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(policy);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  const p = parsed as { redrivePermission?: unknown; sourceQueueArns?: unknown };
  if (p.redrivePermission === 'denyAll') return { kind: 'not-allowed' };
  if (p.redrivePermission === 'byQueue' && sourceArn !== undefined) {
    const arns = Array.isArray(p.sourceQueueArns) ? p.sourceQueueArns : [];
    if (!arns.includes(sourceArn)) return { kind: 'not-allowed' };
  }
  return undefined;
}

/**
 * The move is lazy: a message at its limit stays in the source until a receive would hand it out
 * for the (maxReceiveCount+1)th time; that receive moves it instead (items 40-41; 5.5; 14 N18).
 */
export function movesOnReceive(receiveCount: number, maxReceiveCount: number | undefined): boolean {
  return maxReceiveCount !== undefined && receiveCount >= maxReceiveCount;
}

export interface RedrivenFields {
  /** The source queue's ARN, shown as the DeadLetterQueueSourceArn system attribute (item 41). */
  deadLetterSourceArn: string;
  /** Retention origin in the DLQ: the original send for standard, the move for FIFO (5.5; 17). */
  enqueuedMs: number;
  /** FIFO: the deduplication id becomes the message id (5.5; 17). */
  dedupId?: string;
}

/**
 * What changes when a message moves to its DLQ. Everything else is kept: MessageId, body,
 * attributes, SentTimestamp, ApproximateReceiveCount (not reset: item 41), AWSTraceHeader.
 */
export function deadLetterMove(dlqFifo: boolean, m: { messageId: string; enqueuedMs: number }, sourceArn: string, nowMs: number): RedrivenFields {
  if (!dlqFifo) return { deadLetterSourceArn: sourceArn, enqueuedMs: m.enqueuedMs };
  return { deadLetterSourceArn: sourceArn, enqueuedMs: nowMs, dedupId: m.messageId };
}

/** A send request as a move task issues it (the fields of SendMessageBatchRequestEntry it uses). */
export interface RedriveEntry {
  MessageBody: string;
  DelaySeconds: number;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  MessageSystemAttributes?: Record<string, MessageAttributeValue>;
  MessageGroupId?: string;
  MessageDeduplicationId?: string;
}

/**
 * A move task (redrive out of a DLQ) sends each message as a NEW message: new MessageId, enqueue
 * time and retention, no delay; oldest first (4.15; 17). It keeps body, attributes, trace header
 * and group; a FIFO destination deduplicates by the old message id (INF, as for the DLQ move).
 */
export function redriveEntry(
  m: { messageId: string; body: string; attributes?: Record<string, MessageAttributeValue> | undefined; traceHeader?: string | undefined; groupId?: string | undefined },
  destFifo: boolean,
): RedriveEntry {
  const e: RedriveEntry = { MessageBody: m.body, DelaySeconds: 0 };
  if (m.attributes !== undefined) e.MessageAttributes = m.attributes;
  if (m.traceHeader !== undefined) e.MessageSystemAttributes = { AWSTraceHeader: { DataType: 'String', StringValue: m.traceHeader } };
  if (m.groupId !== undefined) e.MessageGroupId = m.groupId;
  if (destFifo) e.MessageDeduplicationId = m.messageId;
  return e;
}
