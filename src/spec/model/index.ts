// The ONE lifecycle of SQS, as rule tables and pure functions (../shared/DESIGN.md section 3, "One
// model, two readings"): read operationally by the engine (../engine) and declaratively by the
// checker. Nothing outside restates these rules. PURE.
export * from './defaults.js';
export * from './message.js';
export * from './polling.js';
export * from './outcomes/index.js';
export * from './redrive.js';
export * from './fifo.js';
export * from './nondeterminism.js';
export * from './propagation.js';
