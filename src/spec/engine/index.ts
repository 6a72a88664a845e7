// The operational SQS engine (reference model run forward): one method per SQS action, time as a
// parameter, identifiers injected. PURE. Served over HTTP by src/server.
export { createEngine, ENGINE_ACTIONS, QUEUE_RECREATE_BLOCK_MS, PURGE_BLOCK_MS, DEDUP_WINDOW_MS } from './engine.js';
export type { Engine, EngineAction, EngineOptions } from './engine.js';
export { randomIds, sequentialIds } from './ids.js';
export { encodeHandle, parseHandle } from './handles.js';
export type { HandleFields } from './handles.js';
export { NON_EXISTENT_QUEUE_MESSAGE, NON_EXISTENT_QUEUE_MESSAGE_QUERY } from './errors.js';
export type * from './types.js';
