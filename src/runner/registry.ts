// Every queue this run created, so that success, failure and Ctrl-C all end with them deleted, and
// nothing else is ever touched: a queue is deleted only if this run created it and its name
// carries the run prefix. Deletes are retried until decided or a deadline passes.
import { realClock, type Clock } from '../clock/index.js';
import type { SqsPort } from '../target/index.js';
import { deleteQueue } from './sweep.js';

/** How long deleting one queue may keep retrying (ms). */
export const DELETE_DEADLINE_MS = 20_000;

export class QueueRegistry {
  private readonly live = new Set<string>();
  private abandoned = false;
  constructor(
    readonly prefix: string,
    private readonly clock: Clock = realClock,
  ) {}

  add(url: string): void {
    this.live.add(url);
  }

  /** Queues created by this run and not deleted yet. */
  pending(): string[] {
    return [...this.live];
  }

  owns(url: string): boolean {
    const name = url.slice(url.lastIndexOf('/') + 1);
    return this.live.has(url) && name.startsWith(this.prefix);
  }

  /** The target stopped answering: deleting would only wait for timeouts (`cleanup --run` can do it later). */
  abandon(): void {
    this.abandoned = true;
  }

  async deleteAll(urls: Iterable<string>, port: SqsPort, deadlineMs = DELETE_DEADLINE_MS): Promise<void> {
    for (const url of [...urls]) {
      if (this.abandoned) return;
      if (!this.owns(url)) continue;
      const r = await deleteQueue(port, url, this.clock, deadlineMs);
      // Gone either way: deleted now, or already missing.
      if (r.status !== 'failed') this.live.delete(url);
    }
  }

  /** Deletes everything still pending (Ctrl-C, failure). */
  async cleanup(port: SqsPort, deadlineMs = DELETE_DEADLINE_MS): Promise<void> {
    await this.deleteAll(this.pending(), port, deadlineMs);
  }
}
