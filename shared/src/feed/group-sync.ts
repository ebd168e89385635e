import type { Ack } from '../protocol/ack.js';
import type {
  ClientEventName,
  ClientPayload,
  ClientResult,
  HistoryPage,
  OpenedGroup,
} from '../protocol/client-events.js';
import { REACTIONS, type Message, type ReactionCounts, type ReactionKind } from '../schemas/messages.js';
import { GROUP_LIMITS } from '../limits.js';
import { GroupFeed } from './group-feed.js';

/** What a sync needs from the connection: request/ack. The React client and the tests both provide one. */
export interface SyncTransport {
  request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack<ClientResult<E>>>;
}

export class SyncError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** With RATE_LIMITED: how long the server asks the client to wait before asking again. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

function unwrap<T>(ack: Ack<T>): T {
  if (!ack.ok) throw new SyncError(ack.error.code, ack.error.message, ack.error.retryAfterMs);
  return ack.data;
}

const sameCounts = (a: ReactionCounts, b: ReactionCounts): boolean =>
  REACTIONS.every((kind) => (a[kind] ?? 0) === (b[kind] ?? 0));
const sameKinds = (a: readonly ReactionKind[], b: readonly ReactionKind[]): boolean =>
  a.length === b.length && a.every((kind) => b.includes(kind));

/** Asking again sooner than the server said only spends more of the budget (a refused event still costs). */
const WAIT_CAP_MS = 60_000;
function waitBefore(err: unknown, fallbackMs: number): number {
  const asked = err instanceof SyncError && err.code === 'RATE_LIMITED' ? (err.retryAfterMs ?? 0) : 0;
  return Math.min(WAIT_CAP_MS, Math.max(fallbackMs, asked));
}

/**
 * Keeps one group's feed complete over an unreliable live channel: opens the group (first page, or exactly what
 * was missed since `lastSeq` after a reconnect), applies live messages, and fetches history when a hole shows.
 * Call `open()` on every (re)connection and `onMessage()` for every `message:new` of this group.
 */
export class GroupSync {
  readonly feed = new GroupFeed();
  opened: OpenedGroup | null = null;
  private fillTimer: ReturnType<typeof setTimeout> | null = null;
  /** Set while a failed fill waits out the server's `retryAfterMs`: no request goes out before it. */
  private fillRetry: ReturnType<typeof setTimeout> | null = null;
  private fillRetryAt = 0;
  private resuming = 0;
  private disposed = false;
  private filling: Promise<void> | null = null;

  constructor(
    private readonly transport: SyncTransport,
    readonly groupId: string,
    private readonly onChange: () => void = () => {},
    /** How long a hole may stay before history is fetched (out-of-order arrivals usually fill it first). */
    private readonly fillDelayMs = 300,
  ) {}

  /** Opens (or re-opens after a reconnect) and catches up completely. */
  async open(): Promise<OpenedGroup> {
    const since = this.feed.hasBase ? this.feed.lastSeq : undefined;
    // With what it has (`from`..`since`), the server also says which of those were removed while it was away.
    const from = since !== undefined && this.feed.messages.length > 0 ? this.feed.firstSeq : undefined;
    const opened = unwrap(
      await this.transport.request('group:open', {
        groupId: this.groupId,
        since,
        ...(from !== undefined ? { from } : {}),
      }),
    );
    this.opened = opened;
    if (since === undefined) {
      this.feed.setBase(opened.messages, opened.latestSeq);
    } else {
      for (const { seq, by } of opened.removed ?? []) {
        const shown = this.feed.find(seq);
        if (shown && shown.kind !== 'removed')
          this.feed.update({ ...shown, kind: 'removed', text: '', removedBy: by, reactions: {}, mine: [] });
      }
      if (opened.reactions) this.setReactions(opened.reactions, since);
      this.apply(opened);
      // The group is open either way: a rate-limited catch-up finishes by itself after `retryAfterMs`.
      if (opened.more)
        await this.fill().catch((err: unknown) => {
          if (!(err instanceof SyncError && err.code === 'RATE_LIMITED')) throw err;
        });
    }
    this.onChange();
    return opened;
  }

  /**
   * `open()` after a reconnect, retried until it succeeds: the connection can drop again before the answer
   * comes back, and a group left closed would silently stop receiving. Gives up only when the group is gone
   * for this member (NOT_FOUND) or the sync was disposed. A RATE_LIMITED answer is waited out for its
   * `retryAfterMs` (never less than `retryMs`) before the next try.
   */
  async resume(retryMs = 250): Promise<void> {
    this.resuming += 1;
    const attempt = this.resuming;
    for (;;) {
      if (this.disposed || attempt !== this.resuming) return;
      try {
        await this.open();
        return;
      } catch (err) {
        if (err instanceof SyncError && (err.code === 'NOT_FOUND' || err.code === 'FORBIDDEN')) throw err;
        await new Promise<void>((resolve) => setTimeout(resolve, waitBefore(err, retryMs)));
      }
    }
  }

  onMessage(message: Message): void {
    if (message.groupId !== this.groupId) return;
    this.feed.receive(message);
    if (this.feed.needsFill()) this.scheduleFill();
    this.onChange();
  }

  /**
   * Fetches everything after `lastSeq` until caught up. Concurrent calls share one run. A run refused with
   * RATE_LIMITED is tried again by itself once the server's `retryAfterMs` has passed (and rejects meanwhile),
   * so nothing after `lastSeq` is given up on; while it waits, calls share the pending retry.
   */
  fill(): Promise<void> {
    if (this.fillRetry !== null) {
      const left = Math.max(0, this.fillRetryAt - Date.now());
      return Promise.reject(new SyncError('RATE_LIMITED', 'Waiting before asking for history again.', left));
    }
    if (!this.filling) {
      this.filling = this.runFill()
        .catch((err: unknown) => {
          if (err instanceof SyncError && err.code === 'RATE_LIMITED') this.retryFill(err);
          throw err;
        })
        .finally(() => {
          this.filling = null;
        });
    }
    return this.filling;
  }

  /** Loads one older page (scrolling up); resolves false when there is nothing older. */
  async loadOlder(limit = 50): Promise<boolean> {
    const page = unwrap(
      await this.transport.request('group:history', {
        groupId: this.groupId,
        before: this.feed.firstSeq,
        limit,
      }),
    );
    this.feed.prepend(page.messages);
    this.onChange();
    return page.more;
  }

  dispose(): void {
    this.disposed = true;
    if (this.fillTimer !== null) clearTimeout(this.fillTimer);
    if (this.fillRetry !== null) clearTimeout(this.fillRetry);
  }

  private scheduleFill(): void {
    if (this.fillTimer !== null || this.fillRetry !== null) return;
    this.fillTimer = setTimeout(() => {
      this.fillTimer = null;
      // A rate-limited fill retries by itself; any other failure tries again after the usual delay.
      if (this.feed.needsFill())
        this.fill().catch((err: unknown) => {
          if (!(err instanceof SyncError && err.code === 'RATE_LIMITED')) this.scheduleFill();
        });
    }, this.fillDelayMs);
  }

  /** Fills again once `retryAfterMs` has passed, whether or not a hole shows (a resync has none to show). */
  private retryFill(err: SyncError): void {
    if (this.disposed || this.fillRetry !== null) return;
    const wait = waitBefore(err, this.fillDelayMs);
    this.fillRetryAt = Date.now() + wait;
    this.fillRetry = setTimeout(() => {
      this.fillRetry = null;
      if (!this.disposed) this.fill().catch(() => undefined); // a further refusal schedules the next retry
    }, wait);
  }

  /** The reactions now on the shown messages `from`..`since` (a reopen's answer): any not listed has none. */
  private setReactions({ from, of }: NonNullable<OpenedGroup['reactions']>, since: number): void {
    const now = new Map(of.map((r) => [r.seq, r]));
    for (let seq = Math.max(from, since - GROUP_LIMITS.reactionsLookback + 1); seq <= since; seq++) {
      const shown = this.feed.find(seq);
      if (!shown || shown.kind === 'removed') continue;
      const r = now.get(seq);
      const reactions = r?.reactions ?? {};
      const mine = r?.mine ?? [];
      if (sameCounts(shown.reactions ?? {}, reactions) && sameKinds(shown.mine ?? [], mine)) continue;
      this.feed.update({ ...shown, reactions, mine });
    }
  }

  private apply(page: HistoryPage): void {
    if (page.gap) this.feed.skipGap(page.gap);
    this.feed.receiveMany(page.messages);
  }

  private async runFill(): Promise<void> {
    for (;;) {
      const page = unwrap(
        await this.transport.request('group:history', {
          groupId: this.groupId,
          after: this.feed.lastSeq,
          limit: 200,
        }),
      );
      this.apply(page);
      this.onChange();
      if (!page.more) return;
    }
  }
}
