// scenario: the scenario data types and the step vocabulary: each step kind is one unit (its
// fast-check arbitrary, how it runs through a StepContext the runner provides, which actions it
// records). No I/O of its own: imports fast-check, src/spec and src/history types.
export * from './types.js';
export * from './bodies.js';
export * from './defaults.js';
export * from './steps/index.js';
export { StepRegistry } from './vocabulary.js';
export { processes, enumerated } from './compose.js';
export * from './limit-probes.js';
