import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import type { Message, ReactionKind } from '@staffroom/shared/schemas/messages';
import { GroupSync, SyncError, type SyncTransport } from '@staffroom/shared/feed/group-sync';

const msg = (seq: number): Message => ({
  groupId: 'g',
  seq,
  ts: seq,
  kind: 'text',
  author: { tag: 't', name: 'n' },
  text: `m${seq}`,
});

/**
 * A server holding messages 1…latest that answers `group:open` and `group:history` like the real one (pages of
 * at most `limit`), except that the next `refusals` requests are refused RATE_LIMITED with `retryAfterMs`.
 */
class RateLimitedServer implements SyncTransport {
  latest = 0;
  refusals = 0;
  /** Like `refusals`, for `group:history` only. */
  historyRefusals = 0;
  retryAfterMs = 4_000;
  /** Removed messages: a reopen lists those between its `from` and `since`. */
  readonly removed = new Map<number, 'moderator' | 'author'>();
  /** Reactions on each message now (counts, and the member's own); a reopen sends those from `from` to `since`. */
  readonly reactions = new Map<
    number,
    { reactions: Partial<Record<ReactionKind, number>>; mine: ReactionKind[] }
  >();
  /** The payload of every `group:open`. */
  readonly opens: ClientPayload<'group:open'>[] = [];
  /** Every request: its event and the (fake) time it was made. */
  readonly log: { event: string; at: number; refused: boolean }[] = [];

  async request<E extends ClientEventName>(
    event: E,
    payload: ClientPayload<E>,
  ): Promise<Ack<ClientResult<E>>> {
    const refused = this.refusals > 0 || (event === 'group:history' && this.historyRefusals > 0);
    this.log.push({ event, at: Date.now(), refused });
    if (refused) {
      if (this.refusals > 0) this.refusals -= 1;
      else this.historyRefusals -= 1;
      return {
        ok: false,
        error: { code: 'RATE_LIMITED', message: 'slow down', retryAfterMs: this.retryAfterMs },
      };
    }
    const page = (after: number, limit: number) => {
      const messages: Message[] = [];
      for (let s = after + 1; s <= Math.min(this.latest, after + limit); s++)
        messages.push({ ...msg(s), ...this.reactions.get(s) });
      return { messages, more: after + limit < this.latest, gap: null };
    };
    if (event === 'group:open') {
      const { since, from = 1 } = payload as ClientPayload<'group:open'>;
      this.opens.push(payload as ClientPayload<'group:open'>);
      const removed = [...this.removed]
        .filter(([seq]) => since !== undefined && seq >= from && seq <= since)
        .map(([seq, by]) => ({ seq, by }));
      const first = since === undefined ? page(Math.max(0, this.latest - 50), 50) : page(since, 100);
      const opened: ClientResult<'group:open'> = {
        ...first,
        ...(since === undefined ? { more: false } : {}),
        me: { tag: 'me', name: 'Me' },
        latestSeq: this.latest,
        readSeq: 0,
        present: [],
        posting: { locked: false, slowSeconds: 0, mutedUntil: null },
        ...(removed.length > 0 ? { removed } : {}),
        ...(since === undefined
          ? {}
          : {
              reactions: {
                from,
                of: [...this.reactions]
                  .filter(([seq]) => seq >= from && seq <= since)
                  .map(([seq, r]) => ({ seq, ...r })),
              },
            }),
      };
      return { ok: true, data: opened as ClientResult<E> };
    }
    if (event === 'group:history') {
      const { after = 0, limit = 50 } = payload as ClientPayload<'group:history'>;
      return { ok: true, data: page(after, limit) as ClientResult<E> };
    }
    throw new Error(`unexpected ${event}`);
  }

  /** Requests made after the first refusal, with how long after it. */
  afterRefusal(): { event: string; wait: number }[] {
    const first = this.log.findIndex((r) => r.refused);
    const at = this.log[first]?.at ?? 0;
    return this.log.slice(first + 1).map((r) => ({ event: r.event, wait: r.at - at }));
  }
}

const seqs = (sync: GroupSync) => sync.feed.messages.map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('GroupSync under RATE_LIMITED', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('when a hole fill is refused, then it asks again only after retryAfterMs and keeps every live message meanwhile', async () => {
    const server = new RateLimitedServer();
    server.latest = 10;
    const sync = new GroupSync(server, 'g', () => {}, 300);
    await sync.open();
    expect(seqs(sync)).toEqual(range(1, 10));

    // Messages 11–14 are missed; 15 arrives live and shows the hole; the fill is refused.
    server.latest = 15;
    server.refusals = 1;
    sync.onMessage(msg(15));
    await vi.advanceTimersByTimeAsync(300);
    expect(server.log.at(-1)).toMatchObject({ event: 'group:history', refused: true });

    // More arrives live while it waits: nothing is dropped, nothing is asked for.
    server.latest = 17;
    sync.onMessage(msg(16));
    sync.onMessage(msg(17));
    await vi.advanceTimersByTimeAsync(server.retryAfterMs - 10);
    expect(server.afterRefusal()).toEqual([]);
    await expect(sync.fill()).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(server.afterRefusal()).toEqual([]);

    await vi.advanceTimersByTimeAsync(20);
    expect(server.afterRefusal()).toEqual([{ event: 'group:history', wait: server.retryAfterMs }]);
    expect(seqs(sync)).toEqual(range(1, 17));
    sync.dispose();
  });

  it('when a resync fill (no visible hole) is refused, then it is retried by itself after retryAfterMs', async () => {
    const server = new RateLimitedServer();
    server.latest = 5;
    const sync = new GroupSync(server, 'g');
    await sync.open();
    server.latest = 8; // published while this node's subscriber was away: nothing shows a hole
    server.refusals = 1;
    await expect(sync.fill()).rejects.toBeInstanceOf(SyncError);
    await vi.advanceTimersByTimeAsync(server.retryAfterMs - 1);
    expect(seqs(sync)).toEqual(range(1, 5));
    await vi.advanceTimersByTimeAsync(1);
    expect(seqs(sync)).toEqual(range(1, 8));
    expect(server.afterRefusal().map((r) => r.wait)).toEqual([server.retryAfterMs]);
    sync.dispose();
  });

  it('when refusals repeat, then each retry waits its own retryAfterMs and the feed still ends complete', async () => {
    const server = new RateLimitedServer();
    server.latest = 3;
    const sync = new GroupSync(server, 'g');
    await sync.open();
    server.latest = 450; // three pages of 200 behind
    server.refusals = 3;
    server.retryAfterMs = 2_500;
    await expect(sync.fill()).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 2_500 });
    await vi.advanceTimersByTimeAsync(3 * 2_500);
    expect(seqs(sync)).toEqual(range(1, 450));
    const gaps = server.log
      .filter((r) => r.event === 'group:history')
      .map((r, i, all) => (i === 0 ? 0 : r.at - all[i - 1]!.at));
    // Refused at 0, 2.5 s, 5 s; the successful run at 7.5 s takes three pages at once.
    expect(gaps).toEqual([0, 2_500, 2_500, 2_500, 0, 0]);
    sync.dispose();
  });

  it('when reopening after a reconnect is refused, then resume waits retryAfterMs (not its own shorter delay) before the next open', async () => {
    const server = new RateLimitedServer();
    server.latest = 4;
    const sync = new GroupSync(server, 'g');
    await sync.open();
    server.latest = 6;
    server.refusals = 2;
    server.retryAfterMs = 3_000;
    const resumed = sync.resume(250);
    await vi.advanceTimersByTimeAsync(6_000);
    await resumed;
    expect(server.afterRefusal().map((r) => r.wait)).toEqual([3_000, 6_000]);
    expect(seqs(sync)).toEqual(range(1, 6));
    sync.dispose();
  });

  it('when the catch-up after a reopen is refused, then the group is open at once and the rest arrives after retryAfterMs', async () => {
    const server = new RateLimitedServer();
    server.latest = 2;
    const sync = new GroupSync(server, 'g');
    await sync.open();
    server.latest = 302; // the reopen brings 100 of the 300 missed; the catch-up of the rest is refused
    server.historyRefusals = 1;
    const opened = await sync.open();
    expect(opened.latestSeq).toBe(302);
    expect(sync.feed.lastSeq).toBe(102);
    await vi.advanceTimersByTimeAsync(server.retryAfterMs - 1);
    expect(sync.feed.lastSeq).toBe(102);
    await vi.advanceTimersByTimeAsync(1);
    expect(seqs(sync)).toEqual(range(1, 302));
    sync.dispose();
  });

  it('when disposed while waiting, then nothing more is asked', async () => {
    const server = new RateLimitedServer();
    server.latest = 1;
    const sync = new GroupSync(server, 'g');
    await sync.open();
    server.latest = 3;
    server.refusals = 1;
    await expect(sync.fill()).rejects.toBeInstanceOf(SyncError);
    const before = server.log.length;
    sync.dispose();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.log.length).toBe(before);
  });
});

describe('GroupSync after a reconnect (red team, 2026-12-07)', () => {
  it('when messages it shows were removed while it was away, then the reopen turns them into tombstones and adds what is new', async () => {
    const server = new RateLimitedServer();
    server.latest = 5;
    const sync = new GroupSync(server, 'g');
    await sync.open();
    expect(sync.feed.find(3)?.text).toBe('m3');
    server.removed.set(3, 'moderator');
    server.removed.set(5, 'author');
    server.latest = 7;
    await sync.open();
    expect(server.opens.at(-1)).toEqual({ groupId: 'g', since: 5, from: 1 });
    expect(sync.feed.find(3)).toMatchObject({ kind: 'removed', text: '', removedBy: 'moderator' });
    expect(sync.feed.find(5)).toMatchObject({ kind: 'removed', text: '', removedBy: 'author' });
    expect(sync.feed.find(4)?.text).toBe('m4');
    expect(sync.feed.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('when reactions changed while it was away, then the reopen shows the counts and my own as they are now', async () => {
    const server = new RateLimitedServer();
    server.latest = 5;
    server.reactions.set(2, { reactions: { heart: 2 }, mine: ['heart'] });
    server.reactions.set(4, { reactions: { hug: 1 }, mine: [] });
    const sync = new GroupSync(server, 'g');
    await sync.open();
    expect(sync.feed.find(2)).toMatchObject({ reactions: { heart: 2 }, mine: ['heart'] });
    // Meanwhile: I took my heart back on another device, someone added an idea to 3, the hug on 4 was taken back.
    server.reactions.set(2, { reactions: { heart: 1 }, mine: [] });
    server.reactions.set(3, { reactions: { idea: 1 }, mine: [] });
    server.reactions.delete(4);
    server.latest = 6;
    await sync.open();
    expect(sync.feed.find(2)).toMatchObject({ reactions: { heart: 1 }, mine: [] });
    expect(sync.feed.find(3)).toMatchObject({ reactions: { idea: 1 }, mine: [] });
    expect(sync.feed.find(4)?.reactions ?? {}).toEqual({});
    expect(sync.feed.find(1)?.reactions ?? {}).toEqual({});
    expect(sync.feed.find(6)?.text).toBe('m6');
  });
});
