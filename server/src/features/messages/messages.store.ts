import type { HistoryGap } from '@staffroom/shared/protocol/client-events';
import type { ReactionKind } from '@staffroom/shared/schemas/messages';
import type { EraseMessages } from '@staffroom/shared/schemas/privacy';

/** A message as stored: the wire `Message` plus the author's account, which never leaves the server. */
export interface StoredMessage {
  groupId: string;
  seq: number;
  ts: number;
  kind: 'text' | 'meeting' | 'removed';
  /** For tombstones: who removed it. */
  removedBy?: RemovedBy;
  /** Empty for system messages. */
  accountId: string;
  tag: string;
  name: string;
  text: string;
  clientId: string;
}

export interface AppendInput {
  groupId: string;
  accountId: string;
  tag: string;
  name: string;
  /** Already sanitised. */
  text: string;
  clientId: string;
  now: number;
  /** Sends allowed per account per window (0 = unlimited, for system messages). */
  rateLimit: number;
  rateWindowMs: number;
  /** Slow mode: one message per this many ms per member in this group (0 = off). */
  slowWindowMs: number;
  /** The message as members receive it, without `seq` and `ts`: a JSON object, published when stored. */
  live: string;
  /**
   * The crisis guard flagged it: the store marks it pending in the same atomic step as the append, so an urgent
   * item can always be raised for it later (`pendingCrisis`), even if this node dies before raising it.
   */
  crisis?: boolean;
}

export type AppendResult =
  | { status: 'stored'; seq: number; ts: number }
  | { status: 'duplicate'; seq: number; ts: number }
  | { status: 'rate-limited'; retryAfterMs: number }
  | { status: 'slow-mode'; retryAfterMs: number };

/** Who took a message down; the tombstone says so. */
export type RemovedBy = 'moderator' | 'author';

export type RemoveResult =
  { status: 'removed'; accountId: string } | { status: 'already-removed' } | { status: 'not-found' };

export interface RangeQuery {
  after?: number | undefined;
  before?: number | undefined;
  limit: number;
}

export interface RangeResult {
  messages: StoredMessage[];
  more: boolean;
  gap: HistoryGap | null;
}

export interface ReactionSummary {
  counts: Partial<Record<ReactionKind, number>>;
  mine: ReactionKind[];
}

/** Persistence for group messages. Memory and Redis implement it; one contract suite checks both. */
export interface MessageStore {
  /**
   * In one atomic step: refuse a client id already stored (answer the first result), apply the sender's rate
   * limit, assign the next seq, append, remember the client id. The caller acks only after this resolves.
   */
  append(input: AppendInput): Promise<AppendResult>;
  /** The stored result for a sender's client id, if that message exists (the retry path). */
  findByClientId(
    groupId: string,
    accountId: string,
    clientId: string,
  ): Promise<{ seq: number; ts: number } | null>;
  /** Appends a system message (a meeting starting) and publishes `live` like `append`; returns its seq. */
  appendSystem(groupId: string, kind: 'meeting', text: string, now: number, live: string): Promise<number>;
  /** Latest page (no after/before), a page after a seq (catching up) or before one (scrolling up). */
  range(groupId: string, query: RangeQuery): Promise<RangeResult>;
  latestSeqs(groupIds: readonly string[]): Promise<number[]>;
  /** One message (for reports and authorization), or null. */
  get(groupId: string, seq: number): Promise<StoredMessage | null>;
  /** Erases a message's text and reactions for good, leaving a tombstone; idempotent. */
  remove(groupId: string, seq: number, by: RemovedBy): Promise<RemoveResult>;
  /** The removed messages among seqs `from`..`to` (inclusive; the caller bounds the span), in order. */
  removedAmong(groupId: string, from: number, to: number): Promise<{ seq: number; by: RemovedBy }[]>;
  /** Sets one member's reaction; returns the new count, or null when the message does not exist. */
  setReaction(
    groupId: string,
    seq: number,
    kind: ReactionKind,
    accountId: string,
    on: boolean,
  ): Promise<number | null>;
  reactions(groupId: string, seqs: readonly number[], accountId: string): Promise<ReactionSummary[]>;
  /**
   * Every message appended from now on, by any node, as `{"seq":S,"ts":T,…live}`: published in the same atomic
   * step as the append (so nothing is published that was not stored, and a duplicate is not published again),
   * in seq order per group. At most once: a node whose subscription was interrupted catches up from `range`.
   * Resolves once the subscription is in place. The message comes as the UTF-8 bytes Redis sent (no string is
   * made of it on the way: delivery splices these bytes into its frames); the listener may keep it.
   */
  subscribe(listener: (message: Buffer) => void): Promise<void>;
  /**
   * Account erasure in one group, idempotent: every message the account wrote loses its author (account, tag,
   * name and client id are replaced by `former`; the stored entries are rewritten, so nothing of the old ones
   * is left for a snapshot), and with `remove` its text becomes a tombstone and its reactions go; the account's
   * reactions on any message are taken back, and its idempotency and slow-mode keys deleted. Returns the seqs
   * that were the account's and were not already removed.
   */
  eraseAuthor(
    groupId: string,
    accountId: string,
    mode: EraseMessages,
    former: { tag: string; name: string },
  ): Promise<number[]>;
  /** The account's own messages in the group that are still there, and its reactions, for its export. */
  exportAuthor(
    groupId: string,
    accountId: string,
  ): Promise<{ messages: StoredMessage[]; reactions: { seq: number; kind: ReactionKind }[] }>;
  /**
   * Deliver this group's messages to `subscribe` from now on (resolves once they will be). On one Redis and in
   * memory every group's are delivered anyway; on a Redis Cluster a node subscribes (`SSUBSCRIBE`) only to the
   * groups its sockets have open. Idempotent.
   */
  follow(groupId: string): Promise<void>;
  /** The last socket of this node closed the group: stop receiving its messages (cluster). Idempotent. */
  unfollow(groupId: string): void;
  /** Seqs of crisis-flagged messages whose urgent item is not yet known to be raised, oldest first (bounded). */
  pendingCrisis(groupId: string): Promise<number[]>;
  /** The urgent item for this flagged message exists: forget the mark. Idempotent. */
  clearCrisis(groupId: string, seq: number): Promise<void>;
  /**
   * Retention: deletes up to `limit` of the group's oldest messages written before `cutoff` (ms), with their text
   * and reactions, stopping at the first newer one. Returns how many went. History then starts after them, and a
   * client catching up across them is told of a gap.
   */
  trimBefore(groupId: string, cutoff: number, limit: number): Promise<number>;
}

/** At most this many pending crisis marks are kept per group (the oldest go first; the sweep clears them). */
export const PENDING_CRISIS_MAX = 1000;

/** What `subscribe` delivers: the stored message's seq and ts spliced into the front of its `live` object. */
export const liveMessage = (live: string, seq: number, ts: number): string =>
  `{"seq":${seq},"ts":${ts},${live.slice(1)}`;

const GROUP_ID_KEY = Buffer.from('"groupId":"');
/** Bytes of `{"seq":S,"ts":T,`: what may come before the live object's first key. */
const PREFIX_BYTE = new Uint8Array(128);
for (const c of '{"seqts:,0123456789') PREFIX_BYTE[c.charCodeAt(0)] = 1;

/**
 * The group of a message as `subscribe` delivers it (`liveMessage`'s bytes), read without parsing the rest:
 * every live object's first key is `groupId`, right after the spliced seq and ts. Anything else (another shape,
 * an escaped or non-ASCII id) is parsed as JSON; `null` when it is no message of ours.
 */
export function groupIdOf(json: Buffer): string | null {
  const at = json.indexOf(GROUP_ID_KEY);
  if (at > 0 && at <= 48) {
    let plain = true;
    for (let i = 0; i < at && plain; i++) plain = PREFIX_BYTE[json[i] as number] === 1;
    const from = at + GROUP_ID_KEY.length;
    const to = plain ? json.indexOf(0x22, from) : -1;
    if (to > from) {
      for (let i = from; i < to && plain; i++) {
        const b = json[i] as number;
        plain = b !== 0x5c && b < 0x80;
      }
      if (plain) return json.toString('latin1', from, to);
    }
  }
  try {
    const message = JSON.parse(json.toString('utf8')) as { groupId?: unknown } | null;
    return typeof message === 'object' && message !== null && typeof message.groupId === 'string'
      ? message.groupId
      : null;
  } catch {
    return null; // not ours (only the append script publishes here): never let it break the subscription
  }
}

/** How long a client id is remembered: a client retrying a send after this long gets a second message. */
export const CLIENT_ID_TTL_SECONDS = 24 * 3600;
