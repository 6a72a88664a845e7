// check: history + catalogue + rules + tolerance → verdict (Conformant, Divergent, Unknown).
// The generic machinery (prepare: messages, receives and handle uses, batches included; the gate;
// grading; the implies-graph) and the rules of each area in rules/<area>. Divergences are data;
// src/report renders them. PURE: imports src/spec, src/history and src/catalog only; no SDK, no
// clock, no network.
export * from './types.js';
export { check, effectiveEpsilon, networkEvidence, orderByImplication, GENERIC_RULES } from './checker.js';
export { createGate } from './gate.js';
export { Solver, at, UNBOUNDED, type Term } from './solver.js';
export { prepare, batchEntries, toMs, inputOf, outputOf, errorOf, type Prepared, type TrackedMessage, type HandleUse, type Hit, type EntryResult } from './prepare.js';
export { callRef, opIndices } from './refs.js';
export { compareWithValidation, validationRule, VALIDATION_IDS } from './rules/validation.js';
export { accountingRule, ACCOUNTING_IDS } from './rules/accounting.js';
export { responsesRule, RESPONSE_IDS, STANDARD_SYSTEM_ATTRIBUTES, FIFO_SYSTEM_ATTRIBUTES } from './rules/responses.js';
export { attributesRule, ATTRIBUTE_IDS } from './rules/attributes.js';
export { lifecycleRule, LIFECYCLE_IDS, DRAIN_PROCESS, type LifecycleId } from './rules/lifecycle/index.js';
export { searchMessage } from './rules/lifecycle/search.js';
export { fifoRule, FIFO_IDS, type FifoId } from './rules/fifo/index.js';
export { redriveRule, REDRIVE_IDS, type RedriveId } from './rules/redrive.js';
export { purgeRule, PURGE_IDS, type PurgeId } from './rules/purge.js';
export { moveTaskRule, MOVE_TASK_IDS, type MoveTaskId } from './rules/move-tasks.js';
export { countsRule, COUNT_IDS, type CountId } from './rules/counts.js';
export { batchRule, BATCH_IDS, type BatchId } from './rules/batch.js';
export { messageAttributesRule, MESSAGE_ATTRIBUTE_IDS, type MessageAttributeId } from './rules/message-attributes.js';
export { queueManagementRules, fromSuites, QUEUE_ATTRIBUTE_IDS, QUEUE_IDS, TAG_PERMISSION_IDS, ENVELOPE_IDS, type QueueAttributeId, type QueueId, type TagPermissionId, type EnvelopeId, type QueueManagementRules } from './rules/queues/index.js';
