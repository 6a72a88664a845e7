// Moved: the lifecycle rules now live in ./model (outcome tables in model/outcomes, times and the
// 12-hour cap in model/message.ts, the wait time in model/polling.ts). This file keeps the old
// import path working for src/check until it imports ./model directly. PURE.
export type { HandleStatus } from './model/message.js';
export { VISIBILITY_CAP_SECONDS, withinVisibilityCap, visibilityCapError, effectiveVisibilityTimeout, effectiveDelay } from './model/message.js';
export { effectiveWaitTime } from './model/polling.js';
export type { Effect, Outcome } from './model/outcomes/index.js';
export { deleteMessageOutcomes, changeVisibilityOutcomes, invalidHandleError, notAvailableForVisibilityChange } from './model/outcomes/index.js';
