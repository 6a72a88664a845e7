// catalog: divergence ids with summaries, rules, sources, strictness and the implies-graph.
// Imports only src/spec types.
export * from './catalog.js';
