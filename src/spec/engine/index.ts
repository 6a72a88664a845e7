// The operational SQS engine (the reference model run forward): one method per SQS action, time as
// a parameter, identifiers injected, `choose: typical | random(seed)`. PURE. Served over HTTP by
// src/server, run in-process by src/target/engine-target.ts and by `simulate` (src/settings).
export { createEngine, ENGINE_ACTIONS } from './dispatch.js';
export type { Engine, EngineAction, EngineMethods, EngineOptions } from './dispatch.js';
export { createChooser, seededRandom } from './choose.js';
export type { Choose, Chooser } from './choose.js';
export { awaitReceive, ReceiveCall, Waiters, receiveWithWait } from './long-poll.js';
export type { LongPollClock, ReceiveStep } from './long-poll.js';
export { randomIds, sequentialIds } from './ids.js';
export { encodeHandle, parseHandle } from './handles.js';
export type { HandleFields } from './handles.js';
export { NON_EXISTENT_QUEUE_MESSAGE, NON_EXISTENT_QUEUE_MESSAGE_QUERY } from './errors.js';
export type * from './types.js';
