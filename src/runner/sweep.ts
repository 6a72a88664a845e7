// Finding and deleting the kit's queues: every queue a run creates has the run's prefix
// (`sqsc-<run id>-`) and the run tag (`sqs-conformance:run` = run id). A run ends with a sweep of
// its own prefix (a queue whose CreateQueue answer was lost is deleted too); `cleanup` deletes what
// a crashed run left, and only queues that carry both the kit's prefix and its tag.
import type { Clock } from '../clock/index.js';
import { queueNameFromUrl, QUEUE_PREFIX_ROOT, RUN_TAG_KEY, type CallResult, type SqsPort } from '../target/index.js';
import { retrying } from './retry.js';

export interface KitQueue {
  url: string;
  name: string;
}

/** NonExistentQueue in either protocol: the queue is gone. */
export function isGone(r: CallResult): boolean {
  return r.type === 'fail' && /NonExistentQueue|QueueDoesNotExist/.test(`${r.value.code} ${r.value.type ?? ''}`);
}

const describe = (r: CallResult): string => (r.type === 'fail' ? `${r.value.code}${r.value.message ? `: ${r.value.message}` : ''}` : r.type === 'info' ? `${r.value.reason}: ${r.value.detail}` : 'ok');

/** Every queue whose name starts with `prefix` (ListQueues pages of 1,000). Throws a one-line error when the listing fails. */
export async function listQueues(port: SqsPort, prefix: string, clock: Clock, deadlineMs = 30_000): Promise<KitQueue[]> {
  const out: KitQueue[] = [];
  let token: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const input: Record<string, unknown> = { QueueNamePrefix: prefix, MaxResults: 1000, ...(token !== undefined ? { NextToken: token } : {}) };
    const r = await retrying(() => port.call('ListQueues', input), { clock, deadlineMs });
    if (r.type !== 'ok') throw new Error(`ListQueues ${prefix}* failed (${describe(r)})`);
    const urls = Array.isArray(r.value.QueueUrls) ? (r.value.QueueUrls as unknown[]).filter((u): u is string => typeof u === 'string') : [];
    for (const url of urls) {
      const name = queueNameFromUrl(url);
      // Some servers ignore the prefix: filter again.
      if (name.startsWith(prefix)) out.push({ url, name });
    }
    token = typeof r.value.NextToken === 'string' && r.value.NextToken !== '' ? r.value.NextToken : undefined;
    if (token === undefined) break;
  }
  return out;
}

/** The run id in a queue's kit tag, `null` when it has none, undefined when the tags could not be read. */
export async function runTagOf(port: SqsPort, url: string, clock: Clock, deadlineMs = 15_000): Promise<string | null | undefined> {
  const r = await retrying(() => port.call('ListQueueTags', { QueueUrl: url }), { clock, deadlineMs });
  if (r.type !== 'ok') return undefined;
  const tags = r.value.Tags as Record<string, unknown> | undefined;
  const v = tags?.[RUN_TAG_KEY];
  return typeof v === 'string' ? v : null;
}

export type DeleteOutcome = { status: 'deleted' | 'gone' } | { status: 'failed'; why: string };

/** DeleteQueue, retried until decided or the deadline passes. */
export async function deleteQueue(port: SqsPort, url: string, clock: Clock, deadlineMs: number): Promise<DeleteOutcome> {
  const r = await retrying(() => port.call('DeleteQueue', { QueueUrl: url }), { clock, deadlineMs });
  if (r.type === 'ok') return { status: 'deleted' };
  if (isGone(r)) return { status: 'gone' };
  return { status: 'failed', why: describe(r) };
}

/** What `cleanup` is asked to remove: one run's queues, or every kit run's. */
export type CleanupScope = { run: string } | { allRuns: true };

export interface CleanupItem extends KitQueue {
  /** The run its tag names (null: no kit tag; undefined: tags unreadable). */
  run: string | null | undefined;
  action: 'delete' | 'keep';
  /** Why a queue is kept (foreign: no kit tag, another run, tags unreadable). */
  reason?: string;
  outcome?: DeleteOutcome;
}

/**
 * Lists the queues with the kit's prefix (the run's, or every run's) and decides each: deleted
 * only when its name has the prefix and its tag says a kit run (that run) made it. With `dryRun`
 * nothing is deleted.
 */
export async function cleanupQueues(port: SqsPort, scope: CleanupScope, o: { clock: Clock; dryRun?: boolean; deadlineMs?: number; log?: (line: string) => void }): Promise<CleanupItem[]> {
  const prefix = 'run' in scope ? `${QUEUE_PREFIX_ROOT}${scope.run}-` : QUEUE_PREFIX_ROOT;
  const items: CleanupItem[] = [];
  for (const q of await listQueues(port, prefix, o.clock)) {
    const run = await runTagOf(port, q.url, o.clock);
    let reason: string | undefined;
    if (run === undefined) reason = 'its tags could not be read';
    else if (run === null) reason = `no ${RUN_TAG_KEY} tag: not made by the kit`;
    else if ('run' in scope && run !== scope.run) reason = `tagged for run ${run}`;
    else if (!q.name.startsWith(`${QUEUE_PREFIX_ROOT}${run}-`)) reason = `its tag names run ${run}, its name another prefix`;
    items.push({ ...q, run, action: reason === undefined ? 'delete' : 'keep', ...(reason !== undefined ? { reason } : {}) });
  }
  if (o.dryRun) return items;
  for (const item of items) {
    if (item.action !== 'delete') continue;
    item.outcome = await deleteQueue(port, item.url, o.clock, o.deadlineMs ?? 30_000);
    o.log?.(`${item.outcome.status === 'failed' ? `not deleted (${item.outcome.why})` : item.outcome.status}: ${item.name}`);
  }
  return items;
}
