// catalog: the divergence catalogue's vocabulary (entry type, templates), the generic entries every
// check uses, and `Catalog`, the union of those with each registered suite's entries (rank order,
// implies-graph). Suites keep their own entries in conformance/suites/<area>/catalog.ts.
// Imports only src/spec types.
export * from './types.js';
export { Catalog, CatalogError, toEntries } from './catalog.js';
export { GENERIC_ENTRIES, HANDLE_OUTCOME, type GenericId } from './generic.js';
export { rec, sem } from './sources.js';
