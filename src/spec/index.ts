// src/spec is the reference model of SQS; PURE: imports nothing outside src/spec; no SDK, no clock,
// no network; time is a parameter. (node:crypto is allowed in md5.ts: hashing is pure computation.)
// It holds the shared vocabulary (types), the error catalogue, the limits and queue attribute
// tables, the per-operation parameter validation, the MD5 and size rules, and the message
// lifecycle tables (./model). Every rule cites ../shared/reference (file and section or item).
export * from './types.js';
export * from './errors.js';
export * from './md5.js';
export * from './message.js';
export * from './limits.js';
export * from './attributes.js';
export * from './operations.js';
// The one lifecycle: rule tables read by the engine and the checker.
export * from './model/index.js';
// The operational engine (the model run forward, one method per SQS action; served by src/server).
export * from './engine/index.js';
