// A catalogue: the union of the generic entries and the entries of every registered suite. Ids are
// unique across suites; the checker's gate turns a rule on only when its id is in the catalogue.
import type { CatalogEntries, CatalogEntry } from './types.js';
import { GENERIC_ENTRIES } from './generic.js';

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

export class Catalog {
  private readonly byId: ReadonlyMap<string, CatalogEntry>;

  private constructor(entries: CatalogEntry[], complete: boolean) {
    const byId = new Map<string, CatalogEntry>();
    for (const e of entries) {
      if (byId.has(e.id)) throw new CatalogError(`divergence id catalogued twice: ${e.id}`);
      for (const variant of Object.keys(e.explain)) if (!e.explain[variant]) throw new CatalogError(`${e.id}: empty explanation template "${variant}"`);
      byId.set(e.id, e);
    }
    // A whole catalogue names only catalogued ids; a report's subset may leave implied ones out.
    if (complete) {
      for (const e of byId.values()) {
        for (const implied of e.implies) if (!byId.has(implied)) throw new CatalogError(`${e.id} implies an id that is not catalogued: ${implied}`);
      }
    }
    this.byId = byId;
  }

  /** The generic entries plus each suite's own (`entries` from `conformance/suites/<area>/catalog.ts`). */
  static of(...suites: readonly CatalogEntries[]): Catalog {
    const list: CatalogEntry[] = [...toEntries(GENERIC_ENTRIES)];
    for (const s of suites) list.push(...toEntries(s));
    return new Catalog(list, true);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): CatalogEntry | undefined {
    return this.byId.get(id);
  }

  /** The entry of an id the caller knows is catalogued (a bug otherwise). */
  entry(id: string): CatalogEntry {
    const e = this.byId.get(id);
    if (!e) throw new CatalogError(`divergence id not in the catalogue: ${id}`);
    return e;
  }

  rank(id: string): number {
    return this.byId.get(id)?.rank ?? Number.MAX_SAFE_INTEGER;
  }

  /** Every entry, most basic first. */
  entries(): CatalogEntry[] {
    return [...this.byId.values()].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
  }

  /** Only these ids (e.g. the ones a report mentions), for a self-contained report. */
  subset(ids: Iterable<string>): CatalogEntry[] {
    const out: CatalogEntry[] = [];
    for (const id of new Set(ids)) {
      const e = this.byId.get(id);
      if (e) out.push(e);
    }
    return out.sort((a, b) => a.rank - b.rank);
  }

  /** A catalogue from entries carried by a report. */
  static fromEntries(entries: readonly CatalogEntry[]): Catalog {
    return new Catalog([...entries], false);
  }
}

export function toEntries(record: CatalogEntries): CatalogEntry[] {
  return Object.entries(record).map(([id, body]) => ({ id, ...body }));
}
