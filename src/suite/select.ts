// Which suites and properties a run plays against a target: those named (or all), minus those the
// target's profile lacks a capability for. Everything left out is listed with the reason.
import type { PropertyDefinition, SuiteDefinition } from './types.js';

export interface Skipped {
  suite: string;
  /** Absent when the whole suite was left out. */
  property?: string;
  reason: string;
}

export interface Selection {
  suites: { suite: SuiteDefinition; properties: PropertyDefinition[] }[];
  skipped: Skipped[];
}

export interface SelectOptions {
  /** Names given with --suite (default: every suite). */
  suites?: readonly string[];
  /** Names given with --property (default: every property of the selected suites). */
  properties?: readonly string[];
  /** The target profile's capabilities. */
  capabilities: readonly string[];
}

export class UnknownSuiteError extends Error {
  override readonly name = 'UnknownSuiteError';
}

export function selectSuites(all: readonly SuiteDefinition[], o: SelectOptions): Selection {
  const byName = new Map(all.map((s) => [s.name, s]));
  for (const n of o.suites ?? []) if (!byName.has(n)) throw new UnknownSuiteError(`unknown suite "${n}" (known: ${[...byName.keys()].join(', ')})`);
  const has = new Set(o.capabilities);
  const missing = (req: readonly string[] | undefined) => (req ?? []).filter((c) => !has.has(c));
  const out: Selection = { suites: [], skipped: [] };
  for (const suite of all) {
    if (o.suites && !o.suites.includes(suite.name)) {
      out.skipped.push({ suite: suite.name, reason: 'not selected (--suite)' });
      continue;
    }
    const lack = missing(suite.requires);
    if (lack.length > 0) {
      out.skipped.push({ suite: suite.name, reason: `target lacks capability ${lack.join(', ')}` });
      continue;
    }
    const properties: PropertyDefinition[] = [];
    for (const p of suite.properties) {
      if (o.properties && !o.properties.includes(p.name)) {
        out.skipped.push({ suite: suite.name, property: p.name, reason: 'not selected (--property)' });
        continue;
      }
      const lackP = missing(p.requires);
      if (lackP.length > 0) {
        out.skipped.push({ suite: suite.name, property: p.name, reason: `target lacks capability ${lackP.join(', ')}` });
        continue;
      }
      properties.push(p);
    }
    if (properties.length > 0) out.suites.push({ suite, properties });
  }
  return out;
}
