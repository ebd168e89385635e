import { GroupSync, SyncError, type SyncTransport } from '@staffroom/shared/feed/group-sync';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { HistoryGap } from '@staffroom/shared/protocol/client-events';
import type { ErrorInfo } from '@staffroom/shared/protocol/errors';
import type {
  GroupRemovedReason,
  ServerEventName,
  ServerPayload,
} from '@staffroom/shared/protocol/server-events';
import type { MemberView } from '@staffroom/shared/schemas/groups';
import type { ReportReason } from '@staffroom/shared/schemas/moderation';
import {
  decodeMessageText,
  type Message,
  type ReactionKind,
  type SupportResource,
} from '@staffroom/shared/schemas/messages';
import { loadCrisisGuard } from '../../../lib/crisis-guard';
import { riskExcerpt } from '../../../lib/risk-excerpt';
import { formatNames } from './format';
import { loadDraft, loadOutbox, saveDraft, saveOutbox, type StoredOutboxEntry } from './tab-storage';

/** What a room needs from the connection. The app's socket provides one; unit tests pass a fake. */
export interface RoomConnection extends SyncTransport {
  /** True while events can be sent (connected and the device online). */
  isConnected(): boolean;
  /** Subscribes to a server event; returns the unsubscribe. */
  on<E extends ServerEventName>(event: E, handler: (payload: ServerPayload<E>) => void): () => void;
  /** Called with `true` when the connection becomes usable again and `false` when it is lost. */
  onConnectionChange(handler: (connected: boolean) => void): () => void;
}

/**
 * A message of mine on its way:
 * - `pending`: waiting for the connection (or for the group to reopen after a reconnect)
 * - `sending`: emitted, no ack yet
 * - `sent`: acknowledged; shown until the feed holds it
 * - `waiting`: slow mode or rate limit; sent again by itself at `retryAt`
 * - `confirm`: the privacy guard asks "send anyway?"
 * - `failed`: refused; the member retries, edits or discards it
 */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'waiting' | 'confirm' | 'failed';

export interface OutboxEntry {
  clientId: string;
  text: string;
  createdAt: number;
  state: OutboxState;
  confirmIdentifying: boolean;
  seq?: number;
  error?: ErrorInfo;
  retryAt?: number;
}

export type RoomStatus = 'opening' | 'open' | 'unavailable' | 'removed';

/**
 * A message of mine held for review (the group holds messages the crisis guard flags): only I and the moderators
 * see it. `kept`: a moderator decided to keep it hidden (shown until I dismiss it or reload).
 */
export interface HeldEntry {
  clientId: string;
  text: string;
  ts: number;
  outcome: 'pending' | 'kept';
}

export interface RoomSnapshot {
  status: RoomStatus;
  /** Why the group cannot be shown (`unavailable`). */
  error: string | null;
  /** Why this account no longer receives the group (`removed`). */
  removed: GroupRemovedReason | null;
  me: MemberView | null;
  messages: readonly Message[];
  gaps: readonly HistoryGap[];
  /** Where the "new messages" line goes: the last seq read when the page opened (null: nothing was unread). */
  readSeq: number | null;
  /** True while older history may exist above the first message. */
  olderMore: boolean;
  loadingOlder: boolean;
  present: readonly MemberView[];
  typing: readonly MemberView[];
  /** Lock and slow mode as last announced by a moderator (unknown until then). */
  locked: boolean;
  slowSeconds: number;
  mutedUntil: number | null;
  outbox: readonly OutboxEntry[];
  /** Crisis resources to show privately after my message suggested risk. */
  support: readonly SupportResource[] | null;
  /** The message that brought `support` was refused (a blocked term, a mute, a locked group), not posted. */
  supportRefused: boolean;
  /** Why it was refused (the error code), for the wording. Null when it was not refused. */
  supportRefusedCode: string | null;
  /** The message that brought `support` was held for review, not posted (yet). */
  supportHeld: boolean;
  /** My messages held for review here, oldest first. */
  held: readonly HeldEntry[];
  /** A moderator pinned the "how to respond to a colleague in distress" card. */
  careCard: boolean;
  /** The latest polite announcement for screen readers ("New message from Ana"), with an id per change. */
  announcement: { id: number; text: string } | null;
  /** A passing problem (a reaction that did not save), with an id per change. */
  notice: { id: number; text: string } | null;
}

const TYPING_SHOWN_MS = 4_000;
const TYPING_EVERY_MS = 3_000;
const READ_EVERY_MS = 1_500;
const RESEND_AFTER_MS = 3_000;
const ANNOUNCE_AFTER_MS = 1_200;

/** A client id: unguessable, and within the protocol's `[A-Za-z0-9_-]{8,64}`. */
export function newClientId(): string {
  return crypto.randomUUID();
}

/** The client id of the part of a too-long message sent for the crisis check: the same part, the same id. */
async function excerptId(text: string): Promise<string> {
  try {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
    const bytes = String.fromCharCode(...new Uint8Array(digest).slice(0, 18));
    return `long-${btoa(bytes).replace(/\+/g, '-').replace(/\//g, '_')}`;
  } catch {
    return newClientId();
  }
}

/**
 * One open group: its feed (through the shared `GroupSync`, which orders, dedupes and catches up), who is here
 * and typing, moderation state, and my outbox. It knows nothing of React: the page subscribes to snapshots.
 *
 * Sending never loses or doubles a message: each gets a client id at once, is kept (also in sessionStorage)
 * until acknowledged, and every resend uses the same id, which the server answers with the first result.
 */
export class GroupRoom {
  private sync: GroupSync;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private snapshot: RoomSnapshot;
  private running = false;
  /** The group is open on the current connection: sends may go. */
  private live = false;
  private openToken = 0;
  private flushing = false;
  private status: RoomStatus = 'opening';
  private error: string | null = null;
  private removed: GroupRemovedReason | null = null;
  private me: MemberView | null = null;
  private readSeq: number | null = null;
  private olderMore = false;
  private loadingOlder = false;
  private present: MemberView[] = [];
  private readonly typing = new Map<string, { member: MemberView; until: number }>();
  private typingTimer: ReturnType<typeof setTimeout> | null = null;
  private lastTypingSent = 0;
  private locked = false;
  private slowSeconds = 0;
  private mutedUntil: number | null = null;
  private outbox: OutboxEntry[];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private support: SupportResource[] | null = null;
  private supportRefused = false;
  private supportRefusedCode: string | null = null;
  private supportHeld = false;
  private held: HeldEntry[] = [];
  private careCard = false;
  private announcement: { id: number; text: string } | null = null;
  private notice: { id: number; text: string } | null = null;
  private noticeCount = 0;
  private unannounced: string[] = [];
  private announceTimer: ReturnType<typeof setTimeout> | null = null;
  private readSent = 0;
  private readWanted = 0;
  private readTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly groupId: string,
    private readonly conn: RoomConnection,
    private readonly now: () => number = Date.now,
  ) {
    this.sync = new GroupSync(conn, groupId, () => this.changed());
    // Unacknowledged messages from before a reload go again with the same id; refused ones stay refused.
    this.outbox = loadOutbox(groupId).map((e) => ({
      clientId: e.clientId,
      text: e.text,
      createdAt: e.createdAt,
      confirmIdentifying: e.confirmIdentifying,
      state: e.failed ? 'failed' : 'pending',
      ...(e.failed ? { error: { code: 'INTERNAL', message: 'This message was not sent.' } } : {}),
    }));
    this.snapshot = this.build();
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------

  /** Opens the group now (or as soon as connected) and follows it live. Safe to call again after `stop()`. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.status = 'opening';
    this.sync = new GroupSync(this.conn, this.groupId, () => this.changed());
    const on = <E extends ServerEventName>(event: E, handler: (p: ServerPayload<E>) => void) =>
      this.unsubscribe.push(this.conn.on(event, handler));
    on('message:new', (m) => this.onMessage(m));
    on('message:batch', (p) => {
      if (p.groupId !== this.groupId) return;
      for (const m of p.messages) this.onMessage(m);
    });
    on('message:removed', (p) => p.groupId === this.groupId && this.tombstone(p.seq, p.by));
    on('reaction:update', (p) => p.groupId === this.groupId && this.applyReaction(p.seq, p.kind, p.count));
    on('presence:update', (p) => {
      if (p.groupId !== this.groupId) return;
      this.present = p.present;
      this.changed();
    });
    on('typing', (p) => p.groupId === this.groupId && this.onTyping(p.member));
    // This node's Redis subscriber was away: whatever was published meanwhile (a removal, a reaction, lock or slow
    // mode, a kick) never reached this socket. Reopen as after a reconnect: the answer says what was removed among
    // what is shown, brings what came after it, and the group's posting state; a group gone for me shows as such.
    // Sends keep going meanwhile: the connection is fine, and the group is still open on it.
    on('groups:resync', () => this.reopen(true));
    on('group:moderation', (p) => {
      if (p.groupId !== this.groupId) return;
      this.locked = p.locked;
      this.slowSeconds = p.slowSeconds;
      if (p.careCard !== undefined) this.careCard = p.careCard;
      this.changed();
    });
    on('message:held', (p) => {
      if (p.groupId !== this.groupId) return;
      // Released: it arrives in the feed as a message; kept: it stays here, marked, until dismissed.
      this.held =
        p.outcome === 'released'
          ? this.held.filter((h) => h.clientId !== p.clientId)
          : this.held.map((h) => (h.clientId === p.clientId ? { ...h, outcome: 'kept' } : h));
      this.changed();
    });
    on('moderation:notice', (p) => {
      if (p.groupId !== this.groupId) return;
      if (p.kind === 'muted') this.mutedUntil = p.until ?? this.now() + 3_600_000;
      if (p.kind === 'unmuted') this.mutedUntil = null;
      this.changed();
    });
    on('group:removed', (p) => {
      if (p.groupId !== this.groupId) return;
      this.status = 'removed';
      this.removed = p.reason;
      this.live = false;
      this.changed();
    });
    this.unsubscribe.push(
      this.conn.onConnectionChange((connected) => {
        if (connected) this.reopen();
        else this.live = false;
      }),
    );
    if (this.conn.isConnected()) this.reopen();
    this.changed();
  }

  /** Stops following the group (the page closed). Drafts and unsent messages stay in this tab. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.live = false;
    this.openToken += 1;
    this.sync.dispose();
    for (const off of this.unsubscribe.splice(0)) off();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const timer of [this.typingTimer, this.announceTimer, this.readTimer])
      if (timer) clearTimeout(timer);
    this.typingTimer = this.announceTimer = this.readTimer = null;
    this.flushRead();
    if (this.status !== 'removed') void this.conn.request('group:close', { groupId: this.groupId });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RoomSnapshot => this.snapshot;

  /**
   * (Re)opens on this connection, catches up exactly what was missed, then sends what is waiting. `resync`: the
   * connection stayed up (the server's `groups:resync`), so a group already live stays live while it reopens.
   */
  private reopen(resync = false): void {
    if (!this.running || this.status === 'removed') return;
    const token = ++this.openToken;
    if (!resync) this.live = false;
    const first = !this.sync.feed.hasBase;
    this.sync.resume(1_000).then(
      () => {
        if (token !== this.openToken || !this.running) return;
        const opened = this.sync.opened;
        if (opened) {
          this.me = opened.me;
          this.present = opened.present;
          this.locked = opened.posting.locked;
          this.slowSeconds = opened.posting.slowSeconds;
          this.mutedUntil = opened.posting.mutedUntil;
          this.careCard = opened.posting.careCard === true;
          // What the server still holds for review, and what this page learnt was kept hidden.
          const pending: HeldEntry[] = (opened.held ?? []).map((h) => ({
            clientId: h.clientId,
            text: decodeMessageText(h.text),
            ts: h.ts,
            outcome: 'pending',
          }));
          const kept = this.held.filter(
            (h) => h.outcome === 'kept' && !pending.some((p) => p.clientId === h.clientId),
          );
          this.held = [...pending, ...kept].sort((a, b) => a.ts - b.ts);
          if (first) {
            // The "new messages" line: only when something was unread when the page opened, and not for a
            // first visit (everything is new then; the newest is the place to start).
            this.readSeq = opened.readSeq > 0 && opened.readSeq < opened.latestSeq ? opened.readSeq : null;
            this.readSent = opened.readSeq;
            this.olderMore = opened.more;
          }
        }
        this.status = 'open';
        this.live = true;
        this.changed();
        void this.flush();
      },
      (err: unknown) => {
        if (token !== this.openToken) return;
        this.live = false;
        this.status = 'unavailable';
        this.error =
          err instanceof SyncError && err.code === 'FORBIDDEN'
            ? 'You cannot take part in this group.'
            : 'This group is no longer available to you.';
        this.changed();
      },
    );
  }

  // ---- live events -----------------------------------------------------------------------------------------

  private onMessage(message: Message): void {
    if (message.groupId !== this.groupId) return;
    const fresh = this.status === 'open' && !this.sync.feed.find(message.seq);
    if (message.author) this.typing.delete(message.author.tag);
    this.sync.onMessage(message);
    if (!fresh) return;
    if (message.kind === 'meeting') {
      this.setAnnouncement(`Session starting: ${decodeMessageText(message.text)}`);
    } else if (message.author && message.author.tag !== this.me?.tag) {
      this.announce(message.author.name);
    }
  }

  private tombstone(seq: number, by: 'moderator' | 'author'): void {
    const m = this.sync.feed.find(seq);
    if (!m) return; // not here yet: history will bring the tombstone
    this.sync.feed.update({ ...m, kind: 'removed', text: '', removedBy: by, reactions: {}, mine: [] });
    this.changed();
  }

  private applyReaction(seq: number, kind: ReactionKind, count: number, mine?: boolean): void {
    const m = this.sync.feed.find(seq);
    if (!m) return;
    const had = new Set(m.mine ?? []);
    if (mine === true) had.add(kind);
    if (mine === false) had.delete(kind);
    this.sync.feed.update({ ...m, reactions: { ...m.reactions, [kind]: count }, mine: [...had] });
    this.changed();
  }

  private onTyping(member: MemberView): void {
    if (member.tag === this.me?.tag) return; // my other tab
    this.typing.set(member.tag, { member, until: this.now() + TYPING_SHOWN_MS });
    this.scheduleTypingExpiry();
    this.changed();
  }

  private scheduleTypingExpiry(): void {
    if (this.typingTimer) clearTimeout(this.typingTimer);
    if (this.typing.size === 0) return;
    const next = Math.min(...[...this.typing.values()].map((t) => t.until));
    this.typingTimer = setTimeout(
      () => {
        this.typingTimer = null;
        const at = this.now();
        for (const [tag, t] of this.typing) if (t.until <= at) this.typing.delete(tag);
        this.scheduleTypingExpiry();
        this.changed();
      },
      Math.max(50, next - this.now()),
    );
  }

  /** Gathers arrivals for a moment, so a burst is one announcement ("3 new messages from Ana and Ben"). */
  private announce(name: string): void {
    this.unannounced.push(name);
    if (this.announceTimer) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      const names = [...new Set(this.unannounced)];
      const n = this.unannounced.length;
      this.unannounced = [];
      const from = formatNames(names);
      this.setAnnouncement(n === 1 ? `New message from ${from}` : `${n} new messages from ${from}`);
    }, ANNOUNCE_AFTER_MS);
  }

  private setAnnouncement(text: string): void {
    this.announcement = { id: (this.announcement?.id ?? 0) + 1, text };
    this.changed();
  }

  // ---- actions ---------------------------------------------------------------------------------------------

  /** Queues a message and sends it as soon as possible. */
  send(text: string): void {
    const entry: OutboxEntry = {
      clientId: newClientId(),
      text,
      createdAt: this.now(),
      state: 'pending',
      confirmIdentifying: false,
    };
    this.outbox = [...this.outbox, entry];
    this.persistOutbox();
    this.changed();
    void this.flush();
  }

  /** "Try again" on a failed message (same client id). */
  retry(clientId: string): void {
    this.patchEntry(clientId, { state: 'pending', error: undefined, retryAt: undefined });
    void this.flush();
  }

  /** "Send anyway" after the privacy warning: the same message, same client id, confirmed. */
  confirmSend(clientId: string): void {
    this.patchEntry(clientId, {
      state: 'pending',
      confirmIdentifying: true,
      error: undefined,
      retryAt: undefined,
    });
    void this.flush();
  }

  /** Takes a message back out of the outbox ("Edit" or "Discard"); returns its text. */
  takeBack(clientId: string): string {
    const entry = this.outbox.find((e) => e.clientId === clientId);
    this.outbox = this.outbox.filter((e) => e.clientId !== clientId);
    this.persistOutbox();
    this.changed();
    return entry?.text ?? '';
  }

  async react(seq: number, kind: ReactionKind): Promise<void> {
    const m = this.sync.feed.find(seq);
    if (!m || m.kind !== 'text') return;
    const on = !(m.mine ?? []).includes(kind);
    const ack = await this.conn.request('reaction:set', { groupId: this.groupId, seq, kind, on });
    if (ack.ok) this.applyReaction(seq, kind, ack.data.count, on);
    else this.setNotice('Your reaction could not be saved. Check your connection and try again.');
  }

  /** Removes one of my messages (it becomes a tombstone for everyone). */
  async remove(seq: number): Promise<Ack<unknown>> {
    const ack = await this.conn.request('message:remove', { groupId: this.groupId, seq });
    if (ack.ok) this.tombstone(seq, 'author');
    return ack;
  }

  report(seq: number, reason: ReportReason, note: string, confirmIdentifying = false) {
    return this.conn.request('report:create', {
      groupId: this.groupId,
      seq,
      reason,
      note,
      ...(confirmIdentifying ? { confirmIdentifying } : {}),
    });
  }

  /** Leaves the group; every tab of mine hears `group:removed`. */
  leave() {
    return this.conn.request('group:leave', { groupId: this.groupId });
  }

  /** The composer changed: say "typing" at most every few seconds. */
  typed(): void {
    const at = this.now();
    if (!this.live || at - this.lastTypingSent < TYPING_EVERY_MS) return;
    this.lastTypingSent = at;
    void this.conn.request('typing:start', { groupId: this.groupId });
  }

  /** The newest message up to `seq` is on screen: mark it read (throttled). */
  seen(seq: number): void {
    if (seq <= this.readWanted && seq <= this.readSent) return;
    this.readWanted = Math.max(this.readWanted, seq);
    if (this.readTimer || this.readWanted <= this.readSent) return;
    this.readTimer = setTimeout(() => {
      this.readTimer = null;
      this.flushRead();
    }, READ_EVERY_MS);
  }

  /** Saves the read mark now (the page is being hidden or closed: the throttle may not get to it). */
  markReadNow(): void {
    if (this.readTimer) clearTimeout(this.readTimer);
    this.readTimer = null;
    this.flushRead();
  }

  private flushRead(): void {
    if (this.readWanted <= this.readSent || !this.conn.isConnected()) return;
    const seq = this.readWanted;
    this.readSent = seq;
    void this.conn.request('group:read', { groupId: this.groupId, seq });
  }

  /** Loads a page of older messages (scrolling up). */
  async loadOlder(): Promise<void> {
    if (this.loadingOlder || !this.olderMore || !this.live) return;
    this.loadingOlder = true;
    this.changed();
    try {
      this.olderMore = await this.sync.loadOlder();
    } catch {
      this.setNotice('Earlier messages could not be loaded. Try again in a moment.');
    } finally {
      this.loadingOlder = false;
      this.changed();
    }
  }

  /** Takes a message a moderator kept hidden off my screen. */
  dismissHeld(clientId: string): void {
    this.held = this.held.filter((h) => h.clientId !== clientId || h.outcome === 'pending');
    this.changed();
  }

  /**
   * A message too long even to send (over `SENDABLE_CHARS`) is stopped in this browser, but must not hide risk:
   * the crisis guard runs here on it (loaded on demand). When it suggests risk, the contacts the deployment
   * configured (`resources`) show at once, as for an over-long message the server refused, and the part that
   * suggests it goes to the server marked `tooLong`: never posted, it raises the moderators' urgent item (without
   * the text) when the server's own check agrees. The client id derives from that part, so pressing Send again
   * raises nothing more; the server's budget for sends and its alerts about one person bound the rest. Answers
   * whether the text suggested risk (false, too, when the guard could not load).
   */
  async refuseTooLong(text: string, resources: readonly SupportResource[]): Promise<boolean> {
    let excerpt: string | null;
    try {
      const { detectCrisis } = await loadCrisisGuard();
      // Each window too, as `crisisInWholeText` reads a long paste: ordinary text around the words can dilute the
      // whole text's reading.
      excerpt = riskExcerpt(text, (part) => detectCrisis(part).risk);
      if (excerpt === null && !detectCrisis(text).risk) return false;
    } catch {
      return false;
    }
    if (resources.length > 0) this.showSupport([...resources], 'MESSAGE_TOO_LONG');
    if (excerpt) void this.sendTooLong(excerpt, await excerptId(excerpt), 0);
    return true;
  }

  private async sendTooLong(text: string, clientId: string, attempt: number): Promise<void> {
    if (!this.running) return;
    const again = () => {
      if (attempt < 5) this.later(RESEND_AFTER_MS, () => void this.sendTooLong(text, clientId, attempt + 1));
    };
    if (!this.live || !this.conn.isConnected()) return again();
    const ack = await this.conn.request('message:send', {
      groupId: this.groupId,
      clientId,
      text,
      tooLong: true,
    });
    if (ack.ok) return;
    if (ack.error.support?.length) this.showSupport(ack.error.support, ack.error.code);
    else if (ack.error.code === 'UNAVAILABLE' || ack.error.code === 'INTERNAL') again();
  }

  private showSupport(support: SupportResource[], refusedCode: string | null): void {
    this.support = support;
    this.supportRefused = refusedCode !== null;
    this.supportRefusedCode = refusedCode;
    this.supportHeld = false;
    this.changed();
  }

  dismissSupport(): void {
    this.support = null;
    this.changed();
  }

  loadDraft(): string {
    return loadDraft(this.groupId);
  }

  saveDraft(text: string): void {
    saveDraft(this.groupId, text);
  }

  // ---- the outbox ------------------------------------------------------------------------------------------

  private patchEntry(clientId: string, patch: Partial<OutboxEntry>): void {
    this.outbox = this.outbox.map((e) => {
      if (e.clientId !== clientId) return e;
      const next: OutboxEntry = { ...e, ...patch };
      if (patch.error === undefined && 'error' in patch) delete next.error;
      if (patch.retryAt === undefined && 'retryAt' in patch) delete next.retryAt;
      return next;
    });
    this.persistOutbox();
    this.changed();
  }

  private persistOutbox(): void {
    // After `stop()` (page left, or logged out and the tab's data forgotten) a late ack must not write it back.
    if (!this.running) return;
    const kept: StoredOutboxEntry[] = this.outbox
      .filter((e) => e.state !== 'sent')
      .map((e) => ({
        clientId: e.clientId,
        text: e.text,
        createdAt: e.createdAt,
        confirmIdentifying: e.confirmIdentifying,
        failed: e.state === 'failed',
      }));
    saveOutbox(this.groupId, kept);
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  /** Sends pending messages one at a time, in the order they were written. */
  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (;;) {
        if (!this.running || !this.live || !this.conn.isConnected()) return;
        const next = this.outbox.find((e) => e.state === 'pending');
        if (!next) return;
        if (!(await this.sendOne(next))) return;
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Sends one message; false when sending should pause (no connection, slow mode). */
  private async sendOne(entry: OutboxEntry): Promise<boolean> {
    const token = this.openToken;
    this.patchEntry(entry.clientId, { state: 'sending' });
    const ack = await this.conn.request('message:send', {
      groupId: this.groupId,
      clientId: entry.clientId,
      text: entry.text,
      ...(entry.confirmIdentifying ? { confirmIdentifying: true } : {}),
    });
    const support = ack.ok ? ack.data.support : ack.error.support;
    // The privacy question shows the resources it carries itself (the entry keeps the error), at once.
    if (support?.length && (ack.ok || ack.error.code !== 'PRIVACY_CONFIRM_REQUIRED')) {
      // Crisis resources come with the ack only (the broadcast may have settled the entry already), and with a
      // refusal too: a blocked term, a mute or a locked group must not hide them.
      this.support = support;
      this.supportRefused = !ack.ok;
      this.supportRefusedCode = ack.ok ? null : ack.error.code;
      this.supportHeld = ack.ok && ack.data.held === true;
      this.changed();
    }
    if (ack.ok && ack.data.held) {
      // Not posted: it leaves the outbox and stays visible to me (and the moderators) as held.
      this.outbox = this.outbox.filter((e) => e.clientId !== entry.clientId);
      this.persistOutbox();
      if (!this.held.some((h) => h.clientId === entry.clientId))
        this.held = [
          ...this.held,
          { clientId: entry.clientId, text: entry.text, ts: ack.data.ts, outcome: 'pending' },
        ];
      this.changed();
      return true;
    }
    if (!this.outbox.some((e) => e.clientId === entry.clientId)) return true; // arrived in the feed meanwhile
    if (ack.ok) {
      this.patchEntry(entry.clientId, { state: 'sent', seq: ack.data.seq });
      return true;
    }
    const error = ack.error;
    switch (error.code) {
      case 'UNAVAILABLE':
      case 'INTERNAL':
        // No answer or the store is down: nothing was stored twice, so send again with the same id.
        this.patchEntry(entry.clientId, { state: 'pending' });
        if (this.conn.isConnected()) this.later(RESEND_AFTER_MS, () => void this.flush());
        return false;
      case 'NOT_FOUND':
        if (token !== this.openToken || !this.live) {
          // The connection changed under the send: the group reopens, then this goes again.
          this.patchEntry(entry.clientId, { state: 'pending' });
          return false;
        }
        this.patchEntry(entry.clientId, { state: 'failed', error });
        return true;
      case 'SLOW_MODE':
      case 'RATE_LIMITED': {
        const wait = error.retryAfterMs ?? 5_000;
        this.patchEntry(entry.clientId, { state: 'waiting', error, retryAt: this.now() + wait });
        this.later(wait, () => {
          const still = this.outbox.find((e) => e.clientId === entry.clientId);
          if (still?.state === 'waiting') this.retry(entry.clientId);
        });
        return false;
      }
      case 'PRIVACY_CONFIRM_REQUIRED':
        this.patchEntry(entry.clientId, { state: 'confirm', error });
        return true;
      case 'MUTED':
        this.mutedUntil = error.until ?? null;
        this.patchEntry(entry.clientId, { state: 'failed', error });
        return true;
      case 'GROUP_LOCKED':
        this.locked = true;
        this.patchEntry(entry.clientId, { state: 'failed', error });
        return true;
      default:
        this.patchEntry(entry.clientId, { state: 'failed', error });
        return true;
    }
  }

  /** Drops outbox entries the feed now holds (by seq after the ack, or by client id when the ack was lost). */
  private settleOutbox(): void {
    if (this.outbox.length === 0) return;
    const recent = new Set<string>();
    const messages = this.sync.feed.messages;
    for (let i = messages.length - 1; i >= 0 && i >= messages.length - 200; i--) {
      const id = messages[i]?.clientId;
      if (id) recent.add(id);
    }
    const left = this.outbox.filter(
      (e) => !recent.has(e.clientId) && !(e.seq !== undefined && this.sync.feed.find(e.seq)),
    );
    if (left.length !== this.outbox.length) {
      this.outbox = left;
      this.persistOutbox();
    }
  }

  private setNotice(text: string): void {
    this.noticeCount += 1;
    this.notice = { id: this.noticeCount, text };
    this.changed();
  }

  // ---- snapshots -------------------------------------------------------------------------------------------

  private changed(): void {
    this.settleOutbox();
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }

  private build(): RoomSnapshot {
    const feed = this.sync.feed;
    return {
      status: this.status,
      error: this.error,
      removed: this.removed,
      me: this.me,
      messages: [...feed.messages],
      gaps: [...feed.gaps],
      readSeq: this.readSeq,
      olderMore: this.olderMore,
      loadingOlder: this.loadingOlder,
      present: this.present,
      typing: [...this.typing.values()].map((t) => t.member),
      locked: this.locked,
      slowSeconds: this.slowSeconds,
      mutedUntil: this.mutedUntil,
      outbox: this.outbox,
      support: this.support,
      supportRefused: this.supportRefused,
      supportRefusedCode: this.supportRefusedCode,
      supportHeld: this.supportHeld,
      held: this.held,
      careCard: this.careCard,
      announcement: this.announcement,
      notice: this.notice,
    };
  }
}
