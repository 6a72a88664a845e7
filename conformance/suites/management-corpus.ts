// Building blocks of the queue-management corpora: the histories are hand-built (src/history/
// builder.ts) and carry their suite as origin, as the runner writes it, since the queue-management
// rules judge only their suites' histories (src/check/rules/queues).
import { wallAt, type HistoryBuilder } from '../../src/history/builder.js';
import type { History, OpMeta } from '../../src/history/index.js';

/** The history with `suite` as its origin. */
export function inSuite(h: History, suite: string): History {
  return { ...h, header: { ...h.header, origin: { ...h.header.origin, suite } } };
}

/** Builds, merges `meta` into the completion of the call labelled `label`, and sets the origin. */
export function built(b: HistoryBuilder, suite: string, patches: Record<string, Partial<OpMeta>> = {}): History {
  const h = b.build();
  for (const [label, meta] of Object.entries(patches)) {
    const [, done] = b.indicesOf(label);
    const op = h.ops[done!]!;
    if (op.type !== 'invoke') op.meta = { ...op.meta, ...meta };
  }
  return inSuite(h, suite);
}

/** The queue URL the builder's CreateQueue answers. */
export const urlOf = (name: string): string => `http://sqs.local/000000000000/${name}`;

/** Epoch seconds of a history time (ms), as SQS writes CreatedTimestamp. */
export const secondsAt = (ms: number): number => Math.floor(wallAt(ms) / 1000);
