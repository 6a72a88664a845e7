// Every queue this run created, so that success, failure and Ctrl-C all end with them deleted, and
// nothing else is ever touched: a queue is deleted only if this run created it and its name
// carries the run prefix.
import type { SqsPort } from '../target/index.js';

export class QueueRegistry {
  private readonly live = new Set<string>();
  constructor(readonly prefix: string) {}

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

  async deleteAll(urls: Iterable<string>, port: SqsPort): Promise<void> {
    for (const url of [...urls]) {
      if (!this.owns(url)) continue;
      const r = await port.call('DeleteQueue', { QueueUrl: url });
      // Gone either way: deleted now, or already missing.
      if (r.type === 'ok' || (r.type === 'fail' && /NonExistentQueue|QueueDoesNotExist/.test(`${r.value.code} ${r.value.type ?? ''}`))) this.live.delete(url);
    }
  }

  /** Deletes everything still pending (Ctrl-C, failure). */
  async cleanup(port: SqsPort): Promise<void> {
    await this.deleteAll(this.pending(), port);
  }
}
