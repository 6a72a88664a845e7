// check: history + reference model + tolerance → verdict (Conformant, Divergent, Unknown).
// Accounting, per-call checks, and a per-message search over difference constraints on event
// times. PURE: imports src/spec, src/history and src/catalog only; no SDK, no clock, no network.
export * from './types.js';
export { check, effectiveEpsilon, orderByImplication, DRAIN_PROCESS } from './checker.js';
export { Solver, at, UNBOUNDED, type Term } from './solver.js';
export { prepare, type Prepared, type TrackedMessage } from './prepare.js';
export { searchMessage } from './search.js';
