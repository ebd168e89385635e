import type { Ack } from '@staffroom/shared/protocol/ack';
import type { ClientEventName, ClientPayload, ClientResult } from '@staffroom/shared/protocol/client-events';
import { ErrorCode, type ErrorInfo } from '@staffroom/shared/protocol/errors';
import type { ServerEventName, ServerPayload } from '@staffroom/shared/protocol/server-events';
import type {
  CheckIn,
  ConversationView,
  PinnedIntakeNote,
  Sealed,
  SealedGoal,
  SealedMessage,
  SealedV2,
  SealKind,
  SealMeta,
  SealedResource,
  SessionType,
  ShareResourceBody,
} from '@staffroom/shared/schemas/consultations';
import type { ReportReason } from '@staffroom/shared/schemas/moderation';
import { conversationKey, type Identity } from '../../../lib/e2e-crypto';
import {
  decodeMessageBody,
  encodeMessageBody,
  keyFingerprint,
  openItem,
  openPin,
  sealItem,
  sealPin,
} from '../../../lib/e2e-seal';
import { crisisNotice, signalsRisk, type CrisisNotice } from './crisis-check';
import { parseGoal, serializeGoal, type GoalContent } from './goal';
import { formatStart } from './format';
import { openIntakeNote, sealIntakeNote } from './intake-seal';
import { memoryPinStore, type PinStore } from './pins';
import {
  openDocument,
  parseResource,
  sealDocument,
  serializeResource,
  type DocumentType,
  type ResourceContent,
} from './resources';

/** Sharing and fetching resources (HTTP in the app: a document does not fit a socket frame). */
export interface ResourceTransport {
  share(conversationId: string, body: ShareResourceBody): Promise<Ack<SealedResource>>;
  /** A document's sealed body; null when it cannot be fetched. */
  document(conversationId: string, resourceId: string): Promise<ArrayBuffer | null>;
}

/** What a conversation needs from the connection. The app's socket provides one; a test can pass a fake. */
export interface ConvoConnection {
  request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<Ack<ClientResult<E>>>;
  isConnected(): boolean;
  on<E extends ServerEventName>(event: E, handler: (payload: ServerPayload<E>) => void): () => void;
  /** Called with `true` when the connection becomes usable again and `false` when it is lost. */
  onConnectionChange(handler: (connected: boolean) => void): () => void;
}

export type Side = 'teacher' | 'consultant';

/**
 * Why an item is not shown. None of these is ever displayed as genuine:
 * - `legacy`: sealed by an earlier version without authenticated context: it cannot be verified
 * - `kind`: sealed as something else (a goal's ciphertext put into the feed, say)
 * - `reflected`: sealed by one side but presented as the other's (my own message sent back as theirs)
 * - `replayed`: the sender's counter was already used by another item (a copy)
 * - `reordered`: out of the order its sender sealed it in
 * - `tampered`: does not open with its context: changed on the way, or sealed before a key reset
 * - `unreadable`: sealed with a key this device does not hold or has not accepted
 */
export type Refusal = 'legacy' | 'kind' | 'reflected' | 'replayed' | 'reordered' | 'tampered' | 'unreadable';

/** A message as shown: `text` is null exactly when it is refused (`refusal` says why). */
export interface ShownMessage {
  seq: number;
  ts: number;
  from: Side;
  mine: boolean;
  text: string | null;
  refusal: Refusal | null;
  /**
   * A message from the teacher that may signal risk, seen by the consultant's browser (the crisis guard runs here:
   * the server cannot read the conversation). Always false for my own messages and the consultant's.
   */
  signalsRisk: boolean;
}

/** A goal as shown: `content` is null when it is refused (or is not a goal). */
export interface ShownGoal {
  id: string;
  updatedAt: number;
  content: GoalContent | null;
  refusal: Refusal | null;
  /**
   * In the consultant's browser, a goal the teacher last sealed whose text may signal that they are at risk
   * (`self`) or that they worry about someone else (`other`): the crisis guard runs here, as for messages.
   * Always null in the teacher's browser, and for a version the consultant sealed.
   */
  signals: CrisisNotice;
}

/** A shared resource as shown: `content` is null when it is refused (`refusal` says why). */
export interface ShownResource {
  id: string;
  from: Side;
  mine: boolean;
  ts: number;
  content: ResourceContent | null;
  refusal: Refusal | null;
}

/** A check-in as shown: `noteText` is undefined without a note, null when the note is refused. */
export interface ShownCheckIn extends Omit<CheckIn, 'note'> {
  noteText: string | null | undefined;
  noteRefusal: Refusal | null;
  /** As `ShownGoal.signals`, for a note the teacher sealed, read in the consultant's browser. */
  noteSignals: CrisisNotice;
}

type Verdict = { ok: true; text: string; meta: SealMeta } | { ok: false; refusal: Refusal };
const refuse = (refusal: Refusal): Verdict => ({ ok: false, refusal });

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
  resources: readonly ShownResource[];
  /** The teacher's intake note: undefined when there is none here, null when it cannot be opened. */
  intakeNote: string | null | undefined;
  outbox: readonly OutboxEntry[];
  /** The other person has no key yet: nothing can be sealed for them. */
  peerKeyMissing: boolean;
  /**
   * The server now gives another key for the other person than the one pinned here. Until acknowledged, items
   * are opened and sealed with the pinned key only, so nothing can be sent to the new one.
   */
  keyChanged: boolean;
  /** The latest polite announcement for screen readers, with an id per change. */
  announcement: { id: number; text: string } | null;
}

interface QueuedEntry extends OutboxEntry {
  sealed: SealedV2 | null;
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
  /** The peer key the conversation key is derived from: the pinned one, never silently the server's latest. */
  private keyFor: string | null = null;
  private myFp: string | null = null;
  private pinnedFp: string | null = null;
  /** The key the server gives now when it is not the pinned one (waiting for acknowledgement). */
  private changedKey: string | null = null;
  /** My next counter: above every one of mine seen here and above the server's record of mine. */
  private nextCounter = 1;
  /** "<sender fingerprint> <counter>" → the item that used it (`m:<seq>`, `g:<id>`, `c:<id>`). */
  private readonly used = new Map<string, string>();
  /** Per sender, accepted messages as [seq, counter] in seq order: counters must grow with seq. */
  private readonly order = new Map<string, [number, number][]>();
  /** "<goal id> <sender>" → the last counter accepted: an older version of theirs coming back is a rollback. */
  private readonly goalCounters = new Map<string, number>();
  /** How often each queued message was sealed again after a counter conflict (bounded: a server can lie). */
  private readonly resealed = new Map<string, number>();
  private opened!: Promise<void>;
  private markOpened!: () => void;
  private readonly bySeq = new Map<number, ShownMessage>();
  private messages: ShownMessage[] = [];
  /** Every seq up to this one is here: the `since` of the next catch-up. */
  private contiguous = 0;
  private goals: ShownGoal[] = [];
  private checkIns: ShownCheckIn[] = [];
  private resources: ShownResource[] = [];
  private intakeNote: string | null | undefined = undefined;
  /** "<requestId> <iv> <peer key>" → the opened note (or null), so a refresh does not open it again. */
  private readonly openedNotes = new Map<string, string | null>();
  /** "<requestId> <iv> <peer key>" of my own note copies already passed on (or being), so each goes once. */
  private readonly passedOn = new Set<string>();
  /** The latest attempt to pass my note on (settled when it is done, whatever the answer). */
  private noteWork: Promise<void> = Promise.resolve();
  private readonly decrypted = new Map<string, string | null>();
  /** `readerNotice`'s answers by text (bounded). */
  private readonly readerNotices = new Map<string, CrisisNotice>();
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
    private readonly pins: PinStore = memoryPinStore(),
    private readonly transport: ResourceTransport | null = null,
  ) {
    this.resetOpened();
    this.snapshot = this.build();
  }

  private resetOpened(): void {
    this.opened = new Promise((resolve) => (this.markOpened = resolve));
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
      this.nextCounter = Math.max(this.nextCounter, ack.data.view.myCounter + 1);
      this.markOpened();
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

  /**
   * Reciprocal mentorship pairs two teachers (one of them in the record's consultant place): each writes about
   * themself and reads the other, so each gets the writer's check and the reader's banner.
   */
  private get reciprocal(): boolean {
    return !!this.view?.reciprocal;
  }

  /** This browser's writer may be a teacher at risk: their own texts are checked before sealing. */
  private get writesAsTeacher(): boolean {
    return this.role === 'teacher' || this.reciprocal;
  }

  /** Whether what `side` wrote is read for risk here: a teacher's words, read by the other person. */
  private readsForRisk(side: Side): boolean {
    return side !== this.role && (side === 'teacher' || this.reciprocal);
  }

  /**
   * The consultant's browser reading what the teacher wrote in a goal or a check-in's note (sealed: the server
   * cannot check it): what the crisis guard makes of it, once per text (a refresh opens every goal again).
   * Null in the teacher's browser, and when the guard could not load.
   */
  private async readerNotice(text: string): Promise<CrisisNotice> {
    if (!this.readsForRisk(this.role === 'teacher' ? 'consultant' : 'teacher') || !text.trim()) return null;
    const known = this.readerNotices.get(text);
    if (known !== undefined) return known;
    const notice = await crisisNotice(text).catch(() => undefined);
    if (notice === undefined) return null;
    if (this.readerNotices.size >= 500) this.readerNotices.clear();
    this.readerNotices.set(text, notice);
    return notice;
  }

  private get peerName(): string {
    return this.view?.peer.name ?? 'The other person';
  }

  /** AES-GCM with the item's context as additional data; null when it does not open (cached per item). */
  private async decrypt(sealed: Sealed & { meta: SealMeta }): Promise<string | null> {
    if (!this.key) return null;
    const cacheKey = `${this.keyFor ?? ''}|${sealed.iv}|${sealed.ciphertext}|${JSON.stringify(sealed.meta)}`;
    if (this.decrypted.has(cacheKey)) return this.decrypted.get(cacheKey) ?? null;
    const text = await openItem(this.key, this.conversationId, sealed).catch(() => null);
    this.decrypted.set(cacheKey, text);
    return text;
  }

  /**
   * Opens an item shown as `kind`, said by the server to come from `side` (null: either of us, as for goals):
   * refused unless its authenticated context says the same. Replays and order are checked by the caller, which
   * knows where the item sits.
   */
  private async verify(sealed: Sealed, kind: SealKind, side: Side | null): Promise<Verdict> {
    const meta = sealed.meta;
    if (!meta) return refuse('legacy');
    if (meta.kind !== kind) return refuse('kind');
    const mine = this.myFp;
    const peer = this.pinnedFp;
    if (side) {
      const expected = side === this.role ? mine : peer;
      const other = side === this.role ? peer : mine;
      if (meta.sender !== expected) return refuse(meta.sender === other ? 'reflected' : 'unreadable');
    } else if (meta.sender !== mine && meta.sender !== peer) return refuse('unreadable');
    // Sealed for a key that is not ours now (before a key reset on either side): it cannot open here.
    if (meta.recipient !== (meta.sender === mine ? peer : mine)) return refuse('unreadable');
    if (!this.key) return refuse('unreadable');
    const plain = await this.decrypt({ ...sealed, meta });
    if (plain === null) return refuse('tampered');
    // Authentic and mine: whatever happens to it next, my next counter must be above it.
    if (meta.sender === mine) this.nextCounter = Math.max(this.nextCounter, meta.counter + 1);
    if (kind !== 'message') return { ok: true, text: plain, meta };
    const body = decodeMessageBody(plain);
    if (!body) return refuse('tampered');
    return { ok: true, text: body.text, meta };
  }

  /** `replayed` when the sender's counter already belongs to another item; otherwise claims it for this one. */
  private claim(meta: SealMeta, item: string): Refusal | null {
    const key = `${meta.sender} ${meta.counter}`;
    const owner = this.used.get(key);
    if (owner !== undefined && owner !== item) return 'replayed';
    this.used.set(key, item);
    return null;
  }

  /**
   * A message's counter must sit between those of the same sender's accepted messages before and after it (a
   * message that arrives late to fill a hole is fine; one whose counter contradicts its place is not).
   */
  private misordered(meta: SealMeta, seq: number): boolean {
    const list = this.order.get(meta.sender) ?? [];
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.[0] ?? 0) < seq) lo = mid + 1;
      else hi = mid;
    }
    const before = list[lo - 1];
    const after = list[lo];
    return (
      (before !== undefined && before[1] >= meta.counter) || (after !== undefined && after[1] <= meta.counter)
    );
  }

  private placeInOrder(meta: SealMeta, seq: number): void {
    const list = this.order.get(meta.sender) ?? [];
    this.order.set(meta.sender, list);
    list.push([seq, meta.counter]);
    list.sort((a, b) => a[0] - b[0]);
  }

  /**
   * The key to use for the other person: the pin on this device, else my sealed copy from the server (which only
   * my key opens), else (first use) the key the server gives now, pinned at once on both.
   */
  private async pinnedKey(view: ConversationView, peerKey: string): Promise<string> {
    const owner = (this.myFp ??= await keyFingerprint(this.identity.publicKey));
    const local = await this.pins.load(owner, this.conversationId);
    if (local) {
      if (!view.myPin) void this.uploadPin(local);
      return local;
    }
    const restored = view.myPin ? await openPin(this.identity, this.conversationId, view.myPin) : null;
    if (restored) {
      await this.pins.save(owner, this.conversationId, restored);
      return restored;
    }
    await this.pins.save(owner, this.conversationId, peerKey);
    void this.uploadPin(peerKey);
    return peerKey;
  }

  private async uploadPin(peerKey: string): Promise<void> {
    try {
      const pin = await sealPin(this.identity, this.conversationId, peerKey);
      await this.conn.request('convo:pin', { conversationId: this.conversationId, pin });
    } catch {
      // The device copy stands; the next open tries again.
    }
  }

  /**
   * The person confirmed they have seen the notice about the other person's new key: pin it, and open the
   * conversation afresh with it (older items sealed with the previous key can no longer be opened).
   */
  acknowledgeKeyChange(): void {
    const next = this.changedKey;
    if (!next) return;
    this.enqueue(async () => {
      const owner = (this.myFp ??= await keyFingerprint(this.identity.publicKey));
      await this.pins.save(owner, this.conversationId, next);
      await this.uploadPin(next);
      this.changedKey = null;
      this.keyFor = null;
      this.key = null;
      this.used.clear();
      this.order.clear();
      this.goalCounters.clear();
      this.bySeq.clear();
      this.messages = [];
      this.contiguous = 0;
      this.changed();
    });
    this.sync();
  }

  private async applyView(given: ConversationView): Promise<void> {
    // A server from before resources and the pinned note (a rolling deploy) sends neither.
    const partial = given as Omit<ConversationView, 'resources' | 'intakeNote' | 'noteToPass'> &
      Partial<Pick<ConversationView, 'resources' | 'intakeNote' | 'noteToPass'>>;
    const view: ConversationView = {
      ...partial,
      resources: partial.resources ?? [],
      intakeNote: partial.intakeNote ?? null,
      noteToPass: partial.noteToPass ?? null,
    };
    const before = this.view;
    const peerKey = view.peer.publicKey;
    let useKey: string | null = null;
    this.changedKey = null;
    if (peerKey) {
      try {
        useKey = await this.pinnedKey(view, peerKey);
        const [pinned, given] = await Promise.all([keyFingerprint(useKey), keyFingerprint(peerKey)]);
        this.pinnedFp = pinned;
        if (given !== pinned) this.changedKey = peerKey;
      } catch {
        useKey = null;
      }
    }
    if (useKey !== this.keyFor) {
      this.keyFor = useKey;
      this.key = null;
      if (useKey) {
        try {
          this.key = await conversationKey(this.identity, useKey, this.conversationId);
        } catch {
          this.key = null;
        }
      }
    }
    this.view = view;
    // Goals in the order they were last changed; a copy of another goal is a replay, an older version a rollback.
    const goals: ShownGoal[] = [];
    for (const g of [...view.goals].sort((a: SealedGoal, b: SealedGoal) => a.updatedAt - b.updatedAt)) {
      const verdict = await this.verify(g, 'goal', null);
      let refusal = verdict.ok ? null : verdict.refusal;
      if (verdict.ok) {
        // Counters are per sender, so a rollback is seen per goal and sender (either side may update a goal).
        const version = `${g.id} ${verdict.meta.sender}`;
        const last = this.goalCounters.get(version) ?? 0;
        refusal = verdict.meta.counter < last ? 'reordered' : this.claim(verdict.meta, `g:${g.id}`);
        if (!refusal) this.goalCounters.set(version, verdict.meta.counter);
      }
      const content = verdict.ok && !refusal ? parseGoal(verdict.text) : null;
      const byPeer = verdict.ok && verdict.meta.sender !== this.myFp;
      goals.push({
        id: g.id,
        updatedAt: g.updatedAt,
        content,
        refusal: content ? null : (refusal ?? 'kind'),
        signals:
          content && byPeer
            ? await this.readerNotice([content.title, ...content.notes.map((n) => n.text)].join('\n'))
            : null,
      });
    }
    this.goals = goals;
    const checkIns: ShownCheckIn[] = [];
    for (const { note, ...rest } of view.checkIns) {
      if (!note) {
        checkIns.push({ ...rest, noteText: undefined, noteRefusal: null, noteSignals: null });
        continue;
      }
      const author = rest.noteBy ?? rest.proposedBy;
      const verdict = await this.verify(note, 'checkin', author);
      const refusal = verdict.ok ? this.claim(verdict.meta, `c:${rest.id}`) : verdict.refusal;
      const noteText = verdict.ok && !refusal ? verdict.text : null;
      checkIns.push({
        ...rest,
        noteText,
        noteRefusal: refusal,
        noteSignals:
          noteText !== null && this.readsForRisk(author) ? await this.readerNotice(noteText) : null,
      });
    }
    this.checkIns = checkIns;
    const resources: ShownResource[] = [];
    for (const r of view.resources) {
      const verdict = await this.verify(r, 'resource', r.from);
      const refusal = verdict.ok ? this.claim(verdict.meta, `r:${r.id}`) : verdict.refusal;
      const content = verdict.ok && !refusal ? parseResource(verdict.text) : null;
      resources.push({
        id: r.id,
        from: r.from,
        mine: r.from === view.role,
        ts: r.ts,
        content,
        refusal: content ? null : (refusal ?? 'kind'),
      });
    }
    this.resources = resources;
    this.intakeNote = await this.openNote(view);
    // Assigned by hand: my own copy of the note goes to the consultant, sealed only to the key pinned here for
    // them, never to a key the server gives now and I have not acknowledged.
    if (view.role === 'teacher' && view.noteToPass && !view.intakeNote && this.keyFor && !this.changedKey) {
      this.noteWork = this.passOnNote(view.noteToPass, this.keyFor).catch(() => undefined);
    }
    if (before) this.announceChanges(before, view);
    this.changed();
  }

  /**
   * The intake note kept with the conversation: sealed between the teacher's and the consultant's keys for the
   * request, so it opens with my key and the pinned key of the other person (never the server's latest).
   */
  private async openNote(view: ConversationView): Promise<string | null | undefined> {
    const note = view.intakeNote;
    if (!note) return undefined;
    if (!this.keyFor) return null;
    const cacheKey = `${note.requestId} ${note.iv} ${this.keyFor}`;
    if (this.openedNotes.has(cacheKey)) return this.openedNotes.get(cacheKey) ?? null;
    const text = await openIntakeNote(this.identity, this.keyFor, note.requestId, note).catch(() => null);
    this.openedNotes.set(cacheKey, text);
    return text;
  }

  /**
   * Settles once the conversation has opened and any pass-on of my note it started is done: for a room opened
   * only to pass the note on (`IntakeResealer`, while the teacher is on another page).
   */
  async notePassedOn(): Promise<void> {
    await this.opened;
    await this.chain;
    await this.noteWork;
  }

  /**
   * Opens my own copy of the intake note (sealed to my own key for its request) and seals it again between my key
   * and `peerKey`, the pinned key of the consultant, for the same request: the server keeps it once, pinned for
   * both. A copy that does not open (sealed under a key I no longer have) is not passed on.
   */
  private async passOnNote(own: PinnedIntakeNote, peerKey: string): Promise<void> {
    const attempt = `${own.requestId} ${own.iv} ${peerKey}`;
    if (this.passedOn.has(attempt)) return;
    this.passedOn.add(attempt);
    let sealed: { ciphertext: string; iv: string };
    try {
      const note = await openIntakeNote(this.identity, this.identity.publicKey, own.requestId, own);
      sealed = await sealIntakeNote(this.identity, peerKey, own.requestId, note);
    } catch {
      return;
    }
    const ack = await this.conn.request('convo:intake-note', {
      conversationId: this.conversationId,
      requestId: own.requestId,
      recipientKey: peerKey,
      ...sealed,
    });
    // Offline or over budget: tried again at the next sync. Refused (kept already, not mine): not again.
    if (!ack.ok && ack.error.code !== ErrorCode.CONFLICT && ack.error.code !== ErrorCode.FORBIDDEN) {
      this.passedOn.delete(attempt);
    }
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
    const knownResources = new Set(before.resources.map((r) => r.id));
    const shared = after.resources.filter((r) => !knownResources.has(r.id) && r.from !== after.role).length;
    if (shared > 0) this.announce(`${peer} shared ${shared === 1 ? 'a resource' : `${shared} resources`}.`);
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
      const verdict = await this.verify(m, 'message', m.from);
      let refusal = verdict.ok ? null : verdict.refusal;
      if (verdict.ok) {
        refusal = this.misordered(verdict.meta, m.seq) ? 'reordered' : this.claim(verdict.meta, `m:${m.seq}`);
        if (refusal === 'reordered' && this.used.get(`${verdict.meta.sender} ${verdict.meta.counter}`))
          refusal = 'replayed'; // a copy of an earlier one is a replay, whatever its place
        if (!refusal) this.placeInOrder(verdict.meta, m.seq);
      }
      const text = verdict.ok && !refusal ? verdict.text : null;
      const risk =
        text !== null && !mine && this.readsForRisk(m.from) && (await signalsRisk(text).catch(() => false));
      const shown: ShownMessage = {
        seq: m.seq,
        ts: m.ts,
        from: m.from,
        mine,
        text,
        refusal,
        signalsRisk: risk,
      };
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
    return this.key !== null && this.changedKey === null;
  }

  /**
   * Seals with the full context: my fingerprint, my next counter (taken before any await, so two seals never
   * share one); a message's text goes inside as a message body. Waits for the first
   * open (which tells the counters already used); null while there is no key or a key change is unacknowledged.
   */
  private async sealFor(kind: SealKind, text: string): Promise<SealedV2 | null> {
    await this.opened;
    const key = this.key;
    const sender = this.myFp;
    const recipient = this.pinnedFp;
    if (!key || !sender || !recipient || !this.canSeal()) return null;
    const counter = this.nextCounter++;
    const plaintext = kind === 'message' ? encodeMessageBody({ text }) : text;
    return sealItem(key, this.conversationId, { v: 2, kind, sender, recipient, counter }, plaintext);
  }

  /**
   * Queues a message; it is sealed at once and sent as soon as possible, in order. Answers what the teacher should
   * see privately about it (`crisisNotice`, checked here on the plaintext before sealing): the message is sent
   * either way, and nothing about the check leaves the browser. The consultant's own messages are not checked:
   * they often reflect the teacher's words back, and their side has the protocol banner instead. The message is
   * queued at once; the answer comes once the crisis guard is loaded (at once when it already is), and is null if
   * its chunk cannot be loaded (it is tried again at the next message).
   */
  send(text: string): Promise<CrisisNotice> {
    const notice: Promise<CrisisNotice> = this.writesAsTeacher
      ? crisisNotice(text).catch(() => null)
      : Promise.resolve(null);
    const entry: QueuedEntry = {
      clientId: newClientId(),
      text,
      createdAt: this.now(),
      state: 'pending',
      sealed: null,
    };
    this.outbox = [...this.outbox, entry];
    this.changed();
    this.reseal(entry.clientId);
    return notice;
  }

  /** (Re)seals a queued message, in writing order, with a fresh counter. */
  private reseal(clientId: string): void {
    this.sealChain = this.sealChain
      .then(async () => {
        const entry = this.outbox.find((e) => e.clientId === clientId);
        if (!entry) return;
        const sealed = await this.sealFor('message', entry.text);
        if (!sealed) {
          this.patch(clientId, {
            state: 'failed',
            error: this.changedKey
              ? 'Read the notice about the other person’s key first.'
              : 'It could not be encrypted on this device.',
          });
          return;
        }
        this.outbox = this.outbox.map((e) => (e.clientId === clientId ? { ...e, sealed } : e));
        this.changed();
        void this.flush();
      })
      .catch(() => undefined);
  }

  retry(clientId: string): void {
    const entry = this.outbox.find((e) => e.clientId === clientId);
    this.resealed.delete(clientId);
    this.patch(clientId, { state: 'pending', error: undefined });
    if (entry?.sealed) void this.flush();
    else this.reseal(clientId);
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
        } else if (ack.error.code === 'CONFLICT' && ack.error.field === 'counter') {
          // Another device of mine used this counter meanwhile: learn the server's record, then seal again.
          const times = (this.resealed.get(entry.clientId) ?? 0) + 1;
          this.resealed.set(entry.clientId, times);
          if (times > 3) {
            this.patch(entry.clientId, { state: 'failed', sealed: null, error: actionErrorText(ack.error) });
            continue;
          }
          this.patch(entry.clientId, { state: 'pending', sealed: null });
          this.sync();
          this.enqueue(async () => this.reseal(entry.clientId));
          break;
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

  private noKey(): Ack<never> {
    return {
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: this.changedKey
          ? `Read the notice about ${this.peerName}’s security key first.`
          : `Nothing can be encrypted for ${this.peerName} yet.`,
      },
    };
  }

  /**
   * After a change of mine: the server also says `convo:changed`; refreshing here makes it immediate. A counter
   * conflict (another device of mine) refreshes too, so trying again uses a fresh one.
   */
  private async after<T>(ack: Ack<T>): Promise<Ack<T>> {
    if (ack.ok || (ack.error.code === 'CONFLICT' && ack.error.field === 'counter')) this.sync();
    return ack;
  }

  /** Adds a goal (no `goalId`) or replaces one; the whole goal is sealed. */
  async saveGoal(goal: GoalContent, goalId?: string): Promise<Ack<unknown>> {
    const sealed = await this.sealFor('goal', serializeGoal(goal));
    if (!sealed) return this.noKey();
    return this.after(
      await this.conn.request('convo:goal', {
        conversationId: this.conversationId,
        ...(goalId ? { goalId } : {}),
        ...sealed,
      }),
    );
  }

  async proposeCheckIn(
    startsAt: number,
    durationMinutes: number,
    note: string,
    type: SessionType = 'check-in',
  ): Promise<Ack<unknown>> {
    let sealedNote: SealedV2 | null = null;
    if (note.trim()) {
      sealedNote = await this.sealFor('checkin', note.trim());
      if (!sealedNote) return this.noKey();
    }
    return this.after(
      await this.conn.request('convo:checkin', {
        conversationId: this.conversationId,
        type,
        startsAt,
        durationMinutes,
        note: sealedNote,
      }),
    );
  }

  /** Adds or completes a check-in's note (after the session too); sealed like everything here. */
  async saveCheckInNote(checkInId: string, note: string): Promise<Ack<unknown>> {
    const sealed = await this.sealFor('checkin', note.trim());
    if (!sealed) return this.noKey();
    return this.after(
      await this.conn.request('convo:checkin-note', {
        conversationId: this.conversationId,
        checkInId,
        note: sealed,
      }),
    );
  }

  /** Shares a link: its title and address are sealed; nothing is fetched from it, here or on the server. */
  async shareLink(title: string, url: string): Promise<Ack<unknown>> {
    return this.share({ type: 'link', title: title.trim(), url: url.trim() }, null);
  }

  /** Shares a document (checked by the caller): sealed under a fresh key its sealed description holds. */
  async shareDocument(
    title: string,
    name: string,
    mime: DocumentType,
    bytes: Uint8Array,
  ): Promise<Ack<unknown>> {
    const doc = await sealDocument(bytes);
    return this.share(
      {
        type: 'document',
        title: title.trim() || name,
        name,
        mime,
        bytes: bytes.length,
        key: doc.key,
        iv: doc.iv,
      },
      doc.ciphertext,
    );
  }

  private async share(content: ResourceContent, document: string | null): Promise<Ack<unknown>> {
    if (!this.transport)
      return { ok: false, error: { code: 'UNAVAILABLE', message: 'Sharing is not possible here.' } };
    const header = await this.sealFor('resource', serializeResource(content));
    if (!header) return this.noKey();
    return this.after(
      await this.transport.share(this.conversationId, { header, ...(document ? { document } : {}) }),
    );
  }

  /** Fetches and opens a shared document in this browser; null when it cannot be fetched or opened. */
  async openSharedDocument(resourceId: string): Promise<Blob | null> {
    const content = this.resources.find((r) => r.id === resourceId)?.content;
    if (!this.transport || content?.type !== 'document') return null;
    const sealed = await this.transport.document(this.conversationId, resourceId);
    if (!sealed) return null;
    try {
      const bytes = await openDocument(sealed, content.key, content.iv);
      if (bytes.length !== content.bytes) return null;
      return new Blob([bytes], { type: content.mime });
    } catch {
      return null;
    }
  }

  async removeResource(resourceId: string): Promise<Ack<unknown>> {
    return this.after(
      await this.conn.request('convo:resource-remove', { conversationId: this.conversationId, resourceId }),
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

  /**
   * Reports this conversation at one message (by number): a reason and the reporter's own note, never any message
   * text (the conversation stays private; moderators read the note, coordinators only that a report was made).
   */
  report(seq: number, reason: ReportReason, note: string, confirmIdentifying = false) {
    return this.conn.request('convo:report', {
      conversationId: this.conversationId,
      seq,
      reason,
      note,
      ...(confirmIdentifying ? { confirmIdentifying } : {}),
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
      resources: this.resources,
      intakeNote: this.intakeNote,
      outbox: this.outbox.map(({ sealed: _sealed, ...e }) => e),
      peerKeyMissing: this.view !== null && this.view.peer.publicKey === null,
      keyChanged: this.changedKey !== null,
      announcement: this.announcement,
    };
  }

  private changed(): void {
    this.snapshot = this.build();
    for (const listener of this.listeners) listener();
  }
}
