// The ids the queue-management rules raise (issue 12), one list per suite that catalogues them:
// queue-attributes (ranks 600-699), queues (700-799), tags-permissions (800-899) and the error
// contract (900-999).
export const QUEUE_ATTRIBUTE_IDS = [
  'queue-attributes.key-missing',
  'queue-attributes.key-unexpected',
  'queue-attributes.format-wrong',
  'queue-attributes.default-wrong',
  'queue-attributes.create-not-applied',
  'queue-attributes.set-not-applied',
  'queue-attributes.timestamp-wrong',
  'queue-attributes.set-not-effective',
] as const;

export const QUEUE_IDS = [
  'queues.create-not-idempotent',
  'queues.create-conflict-accepted',
  'queues.recreate-block-missing',
  'queues.url-wrong',
  'queues.not-found',
  'queues.non-existent-accepted',
  'queues.list-missing',
  'queues.list-unexpected',
  'queues.list-paging-wrong',
] as const;

export const TAG_PERMISSION_IDS = [
  'tags.not-applied',
  'tags.untag-not-applied',
  'tags.unexpected',
  'permissions.policy-not-updated',
  'permissions.statement-shape',
  'permissions.label-state-ignored',
] as const;

export const ENVELOPE_IDS = [
  'envelope.unparseable',
  'envelope.query-error-missing',
  'envelope.query-error-wrong',
  'envelope.type-wrong',
  'envelope.fault-wrong',
  'envelope.xml-wrong',
  'envelope.content-type-wrong',
  'envelope.request-id-missing',
] as const;

export type QueueAttributeId = (typeof QUEUE_ATTRIBUTE_IDS)[number];
export type QueueId = (typeof QUEUE_IDS)[number];
export type TagPermissionId = (typeof TAG_PERMISSION_IDS)[number];
export type EnvelopeId = (typeof ENVELOPE_IDS)[number];
