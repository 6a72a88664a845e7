// The engine's index of a queue's messages, so that no action scans them all: which messages are
// visible (in receive order), which are hidden (delayed or in flight) and when each becomes
// visible, and in which order retention removes them. Three binary heaps, each message knowing its
// place in them (removal in O(log n)):
// - `ready`: messages visible when last looked at, by their position in the queue's receive order
//   (standard queues: the send, and each receive moves a message to the end; sqs-semantics.md 8);
// - `hidden`: delayed and in-flight messages, by the instant they become visible (model/message.ts:
//   the later of the delay's end and the visibility deadline);
// - `expiry`: every message, by its retention origin plus slack (the queue's retention period is
//   the same for all, so this is also the order of their retention deadlines, whatever the period).
// A message is in exactly one of `ready` and `hidden`. `promote(now)` moves the hidden messages
// whose instant has come to `ready`; whoever changes a message's timers calls `place`. The index
// holds no state of the model: it only says where to look (every use checks the message itself).
// PURE.

/** What the index keeps on each message. */
export interface Indexed {
  /** Position in the queue's receive order (smaller first). */
  pos: number;
  /** When it becomes visible (meaningful in `hidden`). */
  wakeMs: number;
  /** Retention origin + slack (the expiry key). */
  expiryKey: number;
  /** 0: in no heap of the two; 1: in `ready`; 2: in `hidden`. */
  where: 0 | 1 | 2;
  /** Index in `ready` or `hidden`, whichever `where` names. */
  slot: number;
  /** Index in `expiry`, -1 when not there. */
  expirySlot: number;
}

/** A binary min-heap whose items know their index (O(log n) removal and re-keying). */
abstract class IndexedHeap<T> {
  readonly items: T[] = [];
  protected abstract less(a: T, b: T): boolean;
  protected abstract setSlot(x: T, i: number): void;
  protected abstract slotOf(x: T): number;

  get size(): number {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  push(x: T): void {
    this.items.push(x);
    this.up(this.items.length - 1, x);
  }
  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }
  remove(x: T): void {
    this.removeAt(this.slotOf(x));
  }
  /** After the item's key changed. */
  update(x: T): void {
    const i = this.slotOf(x);
    if (i > 0 && this.less(x, this.items[(i - 1) >> 1] as T)) this.up(i, x);
    else this.down(i, x);
  }
  private removeAt(i: number): void {
    const items = this.items;
    const removed = items[i] as T;
    const last = items.pop() as T;
    this.setSlot(removed, -1);
    if (i === items.length) return;
    items[i] = last;
    this.setSlot(last, i);
    this.update(last);
  }
  private up(i: number, x: T): void {
    const items = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = items[p] as T;
      if (!this.less(x, parent)) break;
      items[i] = parent;
      this.setSlot(parent, i);
      i = p;
    }
    items[i] = x;
    this.setSlot(x, i);
  }
  private down(i: number, x: T): void {
    const items = this.items;
    const n = items.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && this.less(items[r] as T, items[l] as T) ? r : l;
      const child = items[c] as T;
      if (!this.less(child, x)) break;
      items[i] = child;
      this.setSlot(child, i);
      i = c;
    }
    items[i] = x;
    this.setSlot(x, i);
  }
}

/** `ready` and `hidden`: a message is in one of them at most, so they share its `slot`. */
abstract class SlotHeap extends IndexedHeap<Indexed> {
  protected setSlot(x: Indexed, i: number): void {
    x.slot = i;
  }
  protected slotOf(x: Indexed): number {
    return x.slot;
  }
}

class ByPosition extends SlotHeap {
  protected less(a: Indexed, b: Indexed): boolean {
    return a.pos < b.pos;
  }
}

class ByWake extends SlotHeap {
  protected less(a: Indexed, b: Indexed): boolean {
    return a.wakeMs < b.wakeMs || (a.wakeMs === b.wakeMs && a.pos < b.pos);
  }
}

class ByExpiry extends IndexedHeap<Indexed> {
  protected less(a: Indexed, b: Indexed): boolean {
    return a.expiryKey < b.expiryKey;
  }
  protected setSlot(x: Indexed, i: number): void {
    x.expirySlot = i;
  }
  protected slotOf(x: Indexed): number {
    return x.expirySlot;
  }
}

export class QueueIndex<M extends Indexed> {
  private readonly readyHeap = new ByPosition();
  private readonly hiddenHeap = new ByWake();
  private readonly expiryHeap = new ByExpiry();
  private nextPos = 0;

  /** A new message (or one moved here): at the end of the receive order. */
  add(m: M, expiryKey: number, visibleAtMs: number, now: number): void {
    m.where = 0;
    m.slot = -1;
    m.expiryKey = expiryKey;
    this.expiryHeap.push(m);
    this.moveToEnd(m, visibleAtMs, now);
  }

  /** Gives the message the last position in the receive order and places it. */
  moveToEnd(m: M, visibleAtMs: number, now: number): void {
    this.detach(m);
    m.pos = ++this.nextPos;
    this.place(m, visibleAtMs, now);
  }

  /** Puts the message where its visibility instant says (after any change of its timers). */
  place(m: M, visibleAtMs: number, now: number): void {
    if (visibleAtMs <= now) {
      if (m.where === 1) return;
      this.detach(m);
      m.where = 1;
      this.readyHeap.push(m);
    } else {
      m.wakeMs = visibleAtMs;
      if (m.where === 2) this.hiddenHeap.update(m);
      else {
        this.detach(m);
        m.where = 2;
        this.hiddenHeap.push(m);
      }
    }
  }

  remove(m: M): void {
    this.detach(m);
    if (m.expirySlot >= 0) this.expiryHeap.remove(m);
  }

  private detach(m: M): void {
    if (m.where === 1) this.readyHeap.remove(m);
    else if (m.where === 2) this.hiddenHeap.remove(m);
    m.where = 0;
  }

  /** Moves the hidden messages whose instant has come to `ready`. */
  promote(now: number): void {
    const hidden = this.hiddenHeap;
    for (let top = hidden.peek(); top !== undefined && top.wakeMs <= now; top = hidden.peek()) {
      hidden.pop();
      top.where = 1;
      this.readyHeap.push(top);
    }
  }

  /** The first message of `ready` in receive order, taken out of it (the caller places it again). */
  takeReady(): M | undefined {
    const m = this.readyHeap.pop() as M | undefined;
    if (m) m.where = 0;
    return m;
  }

  /** The hidden message that becomes visible first. */
  firstHidden(): M | undefined {
    return this.hiddenHeap.peek() as M | undefined;
  }

  /** The message retention removes first. */
  firstToExpire(): M | undefined {
    return this.expiryHeap.peek() as M | undefined;
  }

  get size(): number {
    return this.expiryHeap.size;
  }
}
