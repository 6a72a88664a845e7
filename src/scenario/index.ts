// scenario: fast-check arbitraries for commands and multi-process plans, and the scenario data
// types. No I/O: imports fast-check only.
export * from './types.js';
export * from './arbitraries.js';
export * from './bodies.js';
