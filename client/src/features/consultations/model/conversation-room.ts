import { GROUP_LIMITS } from '@staffroom/shared/limits';
import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import type { ErrorInfo } from '@staffroom/shared/protocol/errors';
import type { ServerEventName, ServerPayload } from '@staffroom/shared/protocol/server-events';
import type {
  CheckIn,
  ConversationView,
  Sealed,
  SealedGoal,
  SealedMessage,
} from '@staffroom/shared/schemas/consultations';
import type { ReportReason } from '@staffroom/shared/schemas/moderation';
import { conversationKey, seal, unseal, type Identity } from '../../../lib/e2e-crypto';
import { parseGoal, serializeGoal, type GoalContent } from './goal';
import { formatStart } from './format';

/** What a conversation needs from the connection. The app's socket provides one; a test can pass a fake. */
export interface ConvoConnection {
  request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack<ClientResult<E>>>;
  isConnected(): boolean;
  on<E extends ServerEventName>(event: E, handler: (payload: ServerPayload<E>) => void): () => void;
  /** Called with `true` when the connection becomes usable again and `false` when it is lost. */
  onConnectionChange(handler: (connected: boolean) => void): () => void;
}

export type Side = 'teacher' | 'consultant';

/** A message as shown: `text` is null when it cannot be decrypted on this device (keys were reset). */
export interface ShownMessage {
  seq: number;
  ts: number;
  from: Side;
  mine: boolean;
  text: string | null;
}

/** A goal as shown: `content` is null when it cannot be decrypted here. */
export interface ShownGoal {
  id: string;
  updatedAt: number;
  content: GoalContent | null;
}

/** A check-in as shown: `noteText` is undefined without a note, null when the note cannot be decrypted. */
export interface ShownCheckIn extends Omit<CheckIn, 'note'> {
  noteText: string | null | undefined;
}

/**
 * A message of mine on its way:
 * - `pending`: waiting for the connection (or for its turn)
 * - `sending`: emitted, no answer yet
 * - `sent`: acknowledged; shown until the feed holds it
 * - `failed`: refused; retry or discard
 */
export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed';

export interface OutboxEntry {
  clientId: string;
  text: string;
  createdAt: number;
  state: OutboxState;
  error?: string;
}

export type ConvoStatus = 'opening' | 'open' | 'unavailable';

export interface ConvoSnapshot {
  status: ConvoStatus;
  error: string | null;
  view: ConversationView | null;
  messages: readonly ShownMessage[];
  goals: readonly ShownGoal[];
  checkIns: readonly ShownCheckIn[];
  outbox: readonly OutboxEntry[];
  /** The other person has no key yet: nothing can be sealed for them. */
  peerKeyMissing: boolean;
  /** The latest polite announcement for screen readers, with an id per change. */
  announcement: { id: number; text: string } | null;
}

interface QueuedEntry extends OutboxEntry {
  sealed: Sealed | null;
}

const RETRY_MS = 3_000;
const FILL_AFTER_MS = 1_500;
const HISTORY_PAGE = 500;

export function newClientId(): string {
  return crypto.randomUUID();
}

/** Why a conversation action did not work, in words. */
export function actionErrorText(error: ErrorInfo): string {
  switch (error.code) {
    case 'UNAVAILABLE':
      return 'Staffroom cannot be reached right now. Check your connection and try again.';
    case 'FORBIDDEN':
      return error.message || 'This is not possible in this conversation any more.';
    case 'NOT_FOUND':
      return error.message || 'This is no longer available.';
    case 'CONFLICT':
      return error.message || 'This just changed. Look again.';
    case 'RATE_LIMITED':
      return 'That was a lot at once. Wait a moment and try again.';
    default:
      return error.message || 'Something went wrong. Try again.';
  }
}

/**
 * One open one-to-one conversation: it opens on the connection, decrypts in the browser, follows live updates,
 * catches up from the last contiguous seq after a reconnect (deduped by seq, ordered by seq) and sends my
 * messages in order, each with a client id the server deduplicates on. Plaintext stays in this object's memory
 * for as long as the page is open; nothing decrypted is written anywhere.
 */
export class ConversationRoom {
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private running = false;
  private live = false;
  private syncToken = 0;
  /** Decryption and state changes happen one at a time, in arrival order. */
  private chain: Promise<void> = Promise.resolve();
  /** Sealing keeps the order messages were written in. */
  private sealChain: Promise<void> = Promise.resolve();
  private flushing = false;
  private status: ConvoStatus = 'opening';
  private error: string | null = null;
  private view: ConversationView | null = null;
  private key: CryptoKey | null = null;
  private keyFor: string | null = null;
  private readonly bySeq = new Map<number, ShownMessage>();
  private messages: ShownMessage[] = [];
  /** Every seq up to this one is here: the `since` of the next catch-up. */
  private contiguous = 0;
  private goals: ShownGoal[] = [];
  private checkIns: ShownCheckIn[] = [];
  private readonly decrypted = new Map<string, string | null>();
  private outbox: QueuedEntry[] = [];
  /** The seq the server gave each acknowledged send, until the feed holds it. */
  private readonly sentSeq = new Map<string, number>();
  private fillPending = false;
  private announcement: { id: number; text: string } | null = null;
  private snapshot: ConvoSnapshot;

  constructor(
    readonly conversationId: string,
    private readonly identity: Identity,
    private readonly conn: ConvoConnection,
    private readonly now: () => number = Date.now,
  ) {
    this.snapshot = this.build();
  }

  // ---- lifecycle -------------------------------------------------------------------------------------------

  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe.push(
      this.conn.on('convo:message', (m) => {
        if (m.conversationId === this.conversationId) this.enqueue(() => this.addMessages([m], true));
      }),
      this.conn.on('convo:changed', (p) => {
        if (p.conversationId === this.conversationId) this.sync();
      }),
      this.conn.onConnectionChange((connected) => {
        if (connected) this.sync();
        else this.live = false;
      }),
    );
    if (this.conn.isConnected()) this.sync();
  }

  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.live = false;
    this.syncToken += 1;
    for (const off of this.unsubscribe.splice(0)) off();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.fillPending = false;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ConvoSnapshot => this.snapshot;

  /**
   * Opens (or re-opens after a reconnect, or refreshes after `convo:changed`) with `since` = the last contiguous
   * seq: the state, and exactly the messages after it, paging until there are no more.
   */
  sync(): void {
    if (!this.running) return;
    const token = ++this.syncToken;
    this.enqueue(async () => {
      if (token !== this.syncToken || !this.running) return;
      const ack = await this.conn.request('convo:open', {
        conversationId: this.conversationId,
        since: this.contiguous,
      });
      if (token !== this.syncToken || !this.running) return;
      if (!ack.ok) {
        if (ack.error.code === 'UNAVAILABLE') {
          this.later(() => this.conn.isConnected() && token === this.syncToken && this.sync(), RETRY_MS);
          return;
        }
        this.status = 'unavailable';
        this.error =
          ack.error.code === 'NOT_FOUND'
            ? 'This conversation does not exist, or it is not yours to open.'
            : actionErrorText(ack.error);
        this.changed();
        return;
      }
      await this.applyView(ack.data.view);
      await this.addMessages(ack.data.messages, false);
      let more = ack.data.more;
      while (more && token === this.syncToken) {
        const page = await this.conn.request('convo:history', {
          conversationId: this.conversationId,
          after: this.contiguous,
          limit: HISTORY_PAGE,
        });
        if (!page.ok) break;
        await this.addMessages(page.data.messages, false);
        more = page.data.more && page.data.messages.length > 0;
      }
      this.status = 'open';
      this.error = null;
      this.live = this.conn.isConnected();
      this.changed();
      void this.flush();
    });
  }

  // ---- state -----------------------------------------------------------------------------------------------

  private enqueue(work: () => Promise<void>): void {
    this.chain = this.chain.then(work).catch(() => undefined);
  }

  private later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (this.running) fn();
    }, ms);
    this.timers.add(timer);
  }

  private get role(): Side | null {
    return this.view?.role ?? null;
  }

  private get peerName(): string {
    return this.view?.peer.name ?? 'The other person';
  }

  private async open(sealed: Sealed): Promise<string | null> {
    const cacheKey = `${this.keyFor ?? ''}|${sealed.iv}|${sealed.ciphertext.length}|${sealed.ciphertext.slice(0, 32)}`;
    if (this.decrypted.has(cacheKey)) return this.decrypted.get(cacheKey) ?? null;
    let text: string | null = null;
    if (this.key) {
      try {
        text = await unseal(this.key, sealed);
      } catch {
        text = null;
      }
    }
    this.decrypted.set(cacheKey, text);
    return text;
  }

  private async applyView(view: ConversationView): Promise<void> {
    const before = this.view;
    const peerKey = view.peer.publicKey;
    if (peerKey !== this.keyFor) {
      this.keyFor = peerKey;
      this.key = null;
      if (peerKey) {
        try {
          this.key = await conversationKey(this.identity, peerKey, this.conversationId);
        } catch {
          this.key = null;
        }
      }
    }
    this.view = view;
    this.goals = await Promise.all(
      view.goals.map(async (g: SealedGoal) => {
        const text = await this.open(g);
        return { id: g.id, updatedAt: g.updatedAt, content: text === null ? null : parseGoal(text) };
      }),
    );
    this.checkIns = await Promise.all(
      view.checkIns.map(async ({ note, ...rest }) => ({
        ...rest,
        noteText: note ? await this.open(note) : undefined,
      })),
    );
    if (before) this.announceChanges(before, view);
    this.changed();
  }

  /** Says what the other person changed, politely (a screen reader does not see the side panel update). */
  private announceChanges(before: ConversationView, after: ConversationView): void {
    const peer = this.peerName;
    const known = new Set(before.checkIns.map((c) => `${c.id}:${c.status}`));
    for (const c of after.checkIns) {
      if (known.has(`${c.id}:${c.status}`)) continue;
      if (c.status === 'proposed' && c.proposedBy !== after.role) {
        this.announce(`${peer} proposed a check-in for ${formatStart(c.startsAt)}.`);
      } else if (c.status === 'accepted' && c.proposedBy === after.role) {
        this.announce(`${peer} accepted the check-in for ${formatStart(c.startsAt)}.`);
      } else if (c.status === 'declined' && c.proposedBy === after.role) {
        this.announce(`${peer} declined the check-in for ${formatStart(c.startsAt)}.`);
      }
    }
    if (after.status === 'closing' && before.status !== 'closing' && after.closeProposedBy !== after.role) {
      this.announce(`${peer} proposed to taper off and end the support.`);
    }
    if (after.status === 'closed' && before.status !== 'closed') {
      this.announce('This conversation has ended. It stays here to read.');
    }
  }

  private announce(text: string): void {
    this.announcement = { id: (this.announcement?.id ?? 0) + 1, text };
  }

  private async addMessages(list: readonly SealedMessage[], live: boolean): Promise<void> {
    if (!this.view) return;
    let added = false;
    let fromPeer = 0;
    for (const m of [...list].sort((a, b) => a.seq - b.seq)) {
      if (m.conversationId !== this.conversationId || this.bySeq.has(m.seq)) continue;
      const mine = m.from === this.role;
      const shown: ShownMessage = { seq: m.seq, ts: m.ts, from: m.from, mine, text: await this.open(m) };
      this.bySeq.set(m.seq, shown);
      added = true;
      if (mine && m.clientId) this.outbox = this.outbox.filter((e) => e.clientId !== m.clientId);
      if (live && !mine) fromPeer += 1;
    }
    if (!added) return;
    this.messages = [...this.bySeq.values()].sort((a, b) => a.seq - b.seq);
    while (this.bySeq.has(this.contiguous + 1)) this.contiguous += 1;
    // Delivered sends whose message is now in the feed leave the outbox.
    this.outbox = this.outbox.filter((e) => {
      const seq = this.sentSeq.get(e.clientId);
      return seq === undefined || !this.bySeq.has(seq);
    });
    if (fromPeer > 0)
      this.announce(
        fromPeer === 1
          ? `New message from ${this.peerName}`
          : `${fromPeer} new messages from ${this.peerName}`,
      );
    // A live message beyond a hole: something was missed; fetch what is between.
    if (live && this.messages.length > 0 && (this.messages.at(-1)?.seq ?? 0) > this.contiguous)
      this.scheduleFill();
    this.changed();
  }

  private scheduleFill(): void {
    if (this.fillPending) return;
    this.fillPending = true;
    this.later(() => {
      this.fillPending = false;
      this.enqueue(async () => {
        const page = await this.conn.request('convo:history', {
          conversationId: this.conversationId,
          after: this.contiguous,
          limit: HISTORY_PAGE,
        });
        if (page.ok) await this.addMessages(page.data.messages, false);
      });
    }, FILL_AFTER_MS);
  }

  // ---- sending ---------------------------------------------------------------------------------------------

  /** True when messages, goals and notes can be sealed for the other person. */
  canSeal(): boolean {
    return this.key !== null;
  }

  /** Queues a message; it is sealed at once and sent as soon as possible, in order. */
  send(text: string): void {
    const entry: QueuedEntry = {
      clientId: newClientId(),
      text,
      createdAt: this.now(),
      state: 'pending',
      sealed: null,
    };
    this.outbox = [...this.outbox, entry];
    this.changed();
    this.sealChain = this.sealChain.then(async () => {
      const key = this.key;
      if (!key) {
        this.patch(entry.clientId, { state: 'failed', error: 'It could not be encrypted on this device.' });
        return;
      }
      const sealed = await seal(key, text);
      this.outbox = this.outbox.map((e) => (e.clientId === entry.clientId ? { ...e, sealed } : e));
      this.changed();
      void this.flush();
    });
  }

  retry(clientId: string): void {
    this.patch(clientId, { state: 'pending', error: undefined });
    void this.flush();
  }

  discard(clientId: string): void {
    this.outbox = this.outbox.filter((e) => e.clientId !== clientId);
    this.changed();
  }

  private patch(clientId: string, change: Partial<QueuedEntry>): void {
    this.outbox = this.outbox.map((e) => (e.clientId === clientId ? { ...e, ...change } : e));
    this.changed();
  }

  private async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.live && this.running) {
        const entry = this.outbox.find((e) => e.state === 'pending');
        if (!entry?.sealed) break; // nothing waiting, or the next one is still being sealed
        this.patch(entry.clientId, { state: 'sending' });
        const ack = await this.conn.request('convo:send', {
          conversationId: this.conversationId,
          clientId: entry.clientId,
          ...entry.sealed,
        });
        if (ack.ok) {
          if (this.bySeq.has(ack.data.seq)) this.discard(entry.clientId);
          else {
            this.sentSeq.set(entry.clientId, ack.data.seq);
            this.patch(entry.clientId, { state: 'sent' });
            this.scheduleFill();
          }
        } else if (ack.error.code === 'UNAVAILABLE' || ack.error.code === 'RATE_LIMITED') {
          this.patch(entry.clientId, { state: 'pending' });
          this.later(() => void this.flush(), RETRY_MS);
          break;
        } else {
          this.patch(entry.clientId, { state: 'failed', error: actionErrorText(ack.error) });
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  // ---- goals, check-ins, closing ---------------------------------------------------------------------------

  private async sealed(text: string): Promise<Sealed | null> {
    return this.key ? seal(this.key, text) : null;
  }

  private noKey(): Ack<never> {
    return {
      ok: false,
      error: { code: 'FORBIDDEN', message: `Nothing can be encrypted for ${this.peerName} yet.` },
    };
  }

  /** After a change of mine: the server also says `convo:changed`; refreshing here makes it immediate. */
  private async after<T>(ack: Ack<T>): Promise<Ack<T>> {
    if (ack.ok) this.sync();
    return ack;
  }

  /** Adds a goal (no `goalId`) or replaces one; the whole goal is sealed. */
  async saveGoal(goal: GoalContent, goalId?: string): Promise<Ack<unknown>> {
    const sealed = await this.sealed(serializeGoal(goal));
    if (!sealed) return this.noKey();
    return this.after(
      await this.conn.request('convo:goal', {
        conversationId: this.conversationId,
        ...(goalId ? { goalId } : {}),
        ...sealed,
      }),
    );
  }

  async proposeCheckIn(startsAt: number, durationMinutes: number, note: string): Promise<Ack<unknown>> {
    let sealedNote: Sealed | null = null;
    if (note.trim()) {
      sealedNote = await this.sealed(note.trim());
      if (!sealedNote) return this.noKey();
    }
    return this.after(
      await this.conn.request('convo:checkin', {
        conversationId: this.conversationId,
        startsAt,
        durationMinutes,
        note: sealedNote,
      }),
    );
  }

  async answerCheckIn(checkInId: string, action: 'accept' | 'decline' | 'cancel'): Promise<Ack<unknown>> {
    return this.after(
      await this.conn.request('convo:checkin-answer', {
        conversationId: this.conversationId,
        checkInId,
        action,
      }),
    );
  }

  async proposeClose(): Promise<Ack<unknown>> {
    return this.after(await this.conn.request('convo:close', { conversationId: this.conversationId }));
  }

  async confirmClose(): Promise<Ack<unknown>> {
    return this.after(
      await this.conn.request('convo:close-confirm', { conversationId: this.conversationId }),
    );
  }

  async block(): Promise<Ack<unknown>> {
    return this.after(await this.conn.request('convo:block', { conversationId: this.conversationId }));
  }

  /** Reveals this one message's text to the coordinators, by the participant's choice. */
  async report(seq: number, reason: ReportReason): Promise<Ack<unknown>> {
    const text = this.bySeq.get(seq)?.text;
    if (!text)
      return { ok: false, error: { code: 'NOT_FOUND', message: 'This message cannot be read here.' } };
    return this.conn.request('convo:report', {
      conversationId: this.conversationId,
      seq,
      text: text.trim().slice(0, GROUP_LIMITS.messageMax),
      reason,
    });
  }

  // ---- snapshot --------------------------------------------------------------------------------------------

  private build(): ConvoSnapshot {
    return {
      status: this.status,
      error: this.error,
      view: this.view,
      messages: this.messages,
      goals: this.goals,
      checkIns: this.checkIns,
      outbox: this.outbox.map(({ sealed: _sealed, ...e }) => e),
      peerKeyMissing: this.view !== null && this.view.peer.publicKey === null,
      announcement: this.announcement,
    };
  }

  private changed(): void {
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }
}
