// Catalogue vocabulary: a divergence id's entry (summary, rule, source, strictness, rank, the ids it
// implies) and the text templates a report fills with a divergence's bindings. PURE: types only.
import type { SourceRef, Strictness } from '../spec/types.js';

export interface CatalogEntry {
  /** Stable id, `<area>.<what-went-wrong>`, e.g. `visibility.redelivered-early`. */
  id: string;
  /** The suite area that owns the id (`lifecycle`, `fifo`, …) or a generic area (`message`, `errors`, …). */
  area: string;
  summary: string;
  rule: string;
  strictness: Strictness;
  source: SourceRef;
  /** Ids whose occurrences on the same message or op this one explains. */
  implies: string[];
  /** Lower ranks are more basic: reported first, and tried first when attributing a failure. */
  rank: number;
  /**
   * The conclusion of an explanation ("Then …"), per variant of the finding (`default` when the
   * rule has one). `{name}` placeholders are filled from the divergence's bindings by src/report.
   */
  explain: Readonly<Record<string, string>>;
  /**
   * The one wire protocol whose answers this rule reads (an x-amzn-query-error header exists only
   * over JSON, an ErrorResponse document only over Query): a run over the other protocol cannot
   * exercise it, so it is neither a coverage target nor a gap there. Absent: every protocol.
   */
  protocol?: 'json' | 'query';
}

/** An entry as a suite writes it: the id is the key of the record it sits in. */
export type EntryBody = Omit<CatalogEntry, 'id'>;

/** A suite's entries for exactly the ids `Id` (TypeScript checks that none is missing or extra). */
export type CatalogEntries<Id extends string = string> = Readonly<Record<Id, EntryBody>>;
