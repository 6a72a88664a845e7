// Helpers the rules share to read a settings model: attribute values with the AWS defaults of
// src/spec, dead-letter pairs in both directions, consumers of a queue. PURE.
import { DEFAULTS } from '../spec/model/defaults.js';
import type { AttributeValue, ConsumerModel, QueueModel, QueueRef, SettingsModel } from './types.js';

/** AWS defaults of the settable numeric attributes (stated once in src/spec/model/defaults.ts). */
export const NUMERIC_DEFAULTS: Readonly<Record<string, number>> = {
  VisibilityTimeout: DEFAULTS.visibilityTimeout,
  MessageRetentionPeriod: DEFAULTS.messageRetentionPeriod,
  DelaySeconds: DEFAULTS.delaySeconds,
  ReceiveMessageWaitTimeSeconds: DEFAULTS.receiveMessageWaitTimeSeconds,
  KmsDataKeyReusePeriodSeconds: DEFAULTS.kmsDataKeyReusePeriodSeconds,
};

export function isUnresolved(v: AttributeValue | undefined): v is { unresolved: string } {
  return typeof v === 'object' && v !== null;
}

/** The attribute as a string; undefined when absent or unresolved. */
export function attr(q: QueueModel, name: string): string | undefined {
  const v = q.attributes[name];
  return typeof v === 'string' ? v : undefined;
}

/**
 * A numeric attribute: the given value, else the AWS default (`defaulted: true`); undefined when
 * it is unresolved or not an integer (the range rules report those).
 */
export function numAttr(q: QueueModel, name: string): { value: number; defaulted: boolean } | undefined {
  const v = q.attributes[name];
  if (v === undefined) {
    const d = NUMERIC_DEFAULTS[name];
    return d === undefined ? undefined : { value: d, defaulted: true };
  }
  if (isUnresolved(v) || !/^[+-]?\d+$/.test(v.trim())) return undefined;
  return { value: Number.parseInt(v, 10), defaulted: false };
}

export function queueById(model: SettingsModel, ref: QueueRef | undefined): QueueModel | undefined {
  if (!ref || !('id' in ref)) return undefined;
  return model.queues.find((q) => q.id === ref.id);
}

/** The dead-letter queue of `q` when it is in the model. */
export function deadLetterQueueOf(model: SettingsModel, q: QueueModel): QueueModel | undefined {
  return queueById(model, q.redrive?.target);
}

/** Queues of the model whose RedrivePolicy names `q`. */
export function sourcesOf(model: SettingsModel, q: QueueModel): QueueModel[] {
  return model.queues.filter((s) => s.redrive && 'id' in s.redrive.target && s.redrive.target.id === q.id);
}

/**
 * Whether `q` serves as a dead-letter queue: another queue or a Lambda function names it, SQS says
 * it has sources (live), or it carries a RedriveAllowPolicy that lets sources in (Control Tower's
 * test, CT.SQS.PR.1).
 */
export function isDeadLetterQueue(model: SettingsModel, q: QueueModel): boolean {
  if (sourcesOf(model, q).length > 0) return true;
  if ((q.knownDeadLetterFor ?? 0) > 0) return true;
  if (model.lambdaDeadLetterTargets.some((r) => 'id' in r && r.id === q.id)) return true;
  const permission = q.redriveAllow?.permission;
  return permission === 'byQueue' || permission === 'allowAll';
}

export function consumersOf(model: SettingsModel, q: QueueModel): ConsumerModel[] {
  return model.consumers.filter((c) => 'id' in c.queue && c.queue.id === q.id);
}

export function lambdaConsumers(model: SettingsModel, q: QueueModel): ConsumerModel[] {
  return consumersOf(model, q).filter((c) => c.kind === 'lambda-esm');
}

/** `name` for messages: the queue name when known, else the id. */
export function label(q: QueueModel): string {
  return q.name ?? q.location.logicalId ?? q.id;
}

export function describeRef(model: SettingsModel, ref: QueueRef): string {
  const q = queueById(model, ref);
  if (q) return label(q);
  return 'external' in ref ? ref.external : ref.id;
}

export function emptyModel(source: SettingsModel['source']): SettingsModel {
  return { source, queues: [], consumers: [], lambdaDeadLetterTargets: [], alarmedQueues: new Set(), alarmsKnown: false, notes: [] };
}
