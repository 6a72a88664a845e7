// history: op and history types (invoke/ok/fail/info), pairing of invokes with completions, and the
// JSONL codec. PURE: imports nothing outside this folder; no clock, no I/O.
export * from './types.js';
export * from './pair.js';
export * from './jsonl.js';
