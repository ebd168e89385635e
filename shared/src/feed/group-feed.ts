import type { HistoryGap } from '../protocol/client-events.js';
import type { Message } from '../schemas/messages.js';

/**
 * One group's messages as a client shows them: each seq once, in seq order, whatever order they arrive in.
 *
 * Live messages can arrive out of order (two nodes publish through Redis independently) or not at all (Redis
 * pub/sub is at-most-once). The feed applies a message only when every earlier seq is applied; anything after
 * a hole waits in a buffer, and `needsFill()` tells the caller to fetch history after `lastSeq`. Seqs the
 * server reports as trimmed become a visible gap, never a silent skip.
 */
export class GroupFeed {
  /** Applied messages, ascending by seq, contiguous from `firstSeq` to `lastSeq` apart from reported gaps. */
  readonly messages: Message[] = [];
  readonly gaps: HistoryGap[] = [];
  private readonly buffer = new Map<number, Message>();
  private last = 0;
  private based = false;

  /** The highest seq such that every seq up to it has been applied (or reported as a gap). */
  get lastSeq(): number {
    return this.last;
  }

  /** The oldest seq held, for paging backwards. */
  get firstSeq(): number {
    return this.messages[0]?.seq ?? this.last + 1;
  }

  /** True once the first page (or a catch-up) has set where the feed starts. */
  get hasBase(): boolean {
    return this.based;
  }

  /**
   * Sets the starting point from a `group:open` answer without `since`: everything before the page is older
   * history (reachable by paging up), not a hole.
   */
  setBase(page: readonly Message[], latestSeq: number): void {
    this.based = true;
    const first = page[0]?.seq ?? latestSeq + 1;
    if (this.messages.length === 0) this.last = Math.max(this.last, first - 1);
    this.receiveMany(page);
    // Live messages that arrived before the page are in the buffer; they apply now if contiguous.
    this.drain();
  }

  /** Applies one message; returns false when it was a duplicate. */
  receive(message: Message): boolean {
    if (message.seq <= this.last || this.buffer.has(message.seq)) {
      this.update(message);
      return false;
    }
    this.buffer.set(message.seq, message);
    if (this.based) this.drain();
    return true;
  }

  receiveMany(messages: readonly Message[]): void {
    for (const m of messages) this.receive(m);
  }

  /** Records that seqs `gap.from..gap.to` no longer exist on the server, and moves past them. */
  skipGap(gap: HistoryGap): void {
    if (gap.to <= this.last) return;
    this.gaps.push({ from: Math.max(gap.from, this.last + 1), to: gap.to });
    this.last = gap.to;
    this.drain();
  }

  /** Adds older messages (paging up); they must end just before `firstSeq`. */
  prepend(older: readonly Message[]): void {
    const first = this.firstSeq;
    const fresh = older.filter((m) => m.seq < first).sort((a, b) => a.seq - b.seq);
    this.messages.unshift(...fresh);
  }

  /** True when messages after a hole are waiting: fetch history after `lastSeq`. */
  needsFill(): boolean {
    return this.buffer.size > 0;
  }

  /** Replaces a message in place (a reaction count or a removal tombstone for a seq already applied). */
  update(message: Message): void {
    const i = this.indexOf(message.seq);
    if (i >= 0) this.messages[i] = { ...this.messages[i], ...message };
  }

  find(seq: number): Message | undefined {
    const i = this.indexOf(seq);
    return i >= 0 ? this.messages[i] : undefined;
  }

  private drain(): void {
    for (let next = this.buffer.get(this.last + 1); next; next = this.buffer.get(this.last + 1)) {
      this.buffer.delete(next.seq);
      this.messages.push(next);
      this.last = next.seq;
    }
    for (const seq of this.buffer.keys()) if (seq <= this.last) this.buffer.delete(seq);
  }

  private indexOf(seq: number): number {
    // Messages are sorted by seq: binary search.
    let lo = 0;
    let hi = this.messages.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.messages[mid]?.seq ?? 0;
      if (s === seq) return mid;
      if (s < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
