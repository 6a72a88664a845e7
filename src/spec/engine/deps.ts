// The engine's one doorway into the validation layer of src/spec (md5.ts, attributes.ts,
// operations.ts), so a change in those signatures is absorbed here. PURE.
export { md5Hex, md5OfMessageAttributes, md5OfMessageSystemAttributes } from '../md5.js';
export { defaultAttributes, isTrue, queueAttributeSpec, queueConfigFromAttributes } from '../attributes.js';
export type { QueueSettings } from '../attributes.js';
export {
  validateCreateQueue,
  validateSendMessage,
  validateSendMessageBatch,
  validateReceiveMessage,
  validateDeleteMessage,
  validateChangeMessageVisibility,
  validateDeleteMessageBatch,
  validateDeleteMessageBatchEntry,
  validateChangeMessageVisibilityBatch,
  validateChangeMessageVisibilityBatchEntry,
  validateGetQueueAttributes,
  validateSetQueueAttributes,
} from '../operations.js';
