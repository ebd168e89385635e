import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { HistoryPage, OpenedGroup } from '@staffroom/shared/protocol/client-events';
import { GROUP_LIMITS } from '@staffroom/shared/limits';
import type { MemberView } from '@staffroom/shared/schemas/groups';
import {
  decodeMessageText,
  type Message,
  type ReactionKind,
  type SupportResource,
} from '@staffroom/shared/schemas/messages';
import { AppError } from '../../platform/errors.js';
import { approxBytes, fitBytes } from '../../platform/page-budget.js';
import type { Principal } from '../../platform/principal.js';
import { cleanMessageText } from './message-text.js';
import {
  groupIdOf,
  type MessageStore,
  type ReactionSummary,
  type RemovedBy,
  type StoredMessage,
} from './messages.store.js';

/** A message the policy lets through: the member's slow-mode window, and what the guards decided. */
export interface PostAdmission {
  slowMs: number;
  crisis: boolean;
  /** The group holds flagged messages for review, and this one is flagged. */
  hold: boolean;
}

/** What decides whether and how a member may post (from moderation, composed in app.ts). */
export interface PostingPolicy {
  /** Throws BANNED / MUTED / GROUP_LOCKED; returns the member's slow-mode window. */
  postingPolicy(p: Principal, groupId: string): Promise<{ slowMs: number }>;
  /**
   * `postingPolicy`, then the guards on the text as members will read it: throws what `postingPolicy` throws,
   * then BLOCKED_TERM / PRIVACY_CONFIRM_REQUIRED. The crisis check runs before the guards that refuse: a
   * refused message that suggests risk still alerts moderators (`sender` says who, and the client id makes
   * that alert idempotent on retry) and carries the resources in the error. Synchronous (no promise) when
   * the node's cache holds what it needs, so the send path costs no microtasks for it.
   */
  admit(
    p: Principal,
    groupId: string,
    text: string,
    confirmIdentifying: boolean,
    sender: { accountId: string; clientId: string },
  ): PostAdmission | Promise<PostAdmission>;
  /**
   * The group holds flagged messages for review: keep this one (with its urgent item, in one step) instead of
   * posting it. Idempotent by client id; `seq` is set once a moderator released it.
   */
  hold(
    groupId: string,
    held: { accountId: string; tag: string; name: string; text: string; clientId: string },
  ): Promise<{ ts: number; seq: number | null; duplicate: boolean; support: SupportResource[] }>;
  /**
   * A stored message suggests risk: raise its urgent item for moderators unless it exists (the item's id derives
   * from groupId and seq, so any number of calls raise one); returns what to show the sender.
   */
  raiseCrisis(groupId: string, seq: number): Promise<SupportResource[]>;
  /**
   * A message refused before the guards ran (longer than the limit) that suggests risk: its urgent item is raised
   * (without its text; idempotent by client id) and the resources come back to show the sender. Null: no risk.
   */
  refusedRisk(
    groupId: string,
    text: string,
    sender: { accountId: string; clientId: string },
  ): Promise<SupportResource[] | null>;
}

export interface MessageServiceDeps {
  store: MessageStore;
  policy: PostingPolicy;
  /** Sends allowed per account per window, cluster-wide. */
  sendLimit: number;
  sendWindowMs: number;
  now?: () => number;
  /** After a new message was stored (not a duplicate): synchronous and cheap (programme counters held in memory). */
  onStored?: (accountId: string, groupId: string) => void;
}

/** The wire form: the author's account never leaves the server, only the per-group tag and name. */
export function toWire(m: StoredMessage, reactions?: ReactionSummary): Message {
  return {
    groupId: m.groupId,
    seq: m.seq,
    ts: m.ts,
    kind: m.kind,
    author: m.tag ? { tag: m.tag, name: m.name } : null,
    text: m.text,
    ...(m.removedBy ? { removedBy: m.removedBy } : {}),
    ...(m.clientId ? { clientId: m.clientId } : {}),
    ...(reactions ? { reactions: reactions.counts, mine: reactions.mine } : {}),
  };
}

/** The page cut to `GROUP_LIMITS.pageBytes`, keeping the end the reader continues from. */
function fitPage(
  range: { messages: StoredMessage[]; more: boolean },
  keep: 'first' | 'last',
): { messages: StoredMessage[]; more: boolean } {
  const fitted = fitBytes(range.messages, (m) => approxBytes(m.text, m.name), GROUP_LIMITS.pageBytes, keep);
  return { messages: fitted.items, more: range.more || fitted.cut };
}

/** `from`..`to`, inclusive (empty when `to` < `from`). */
const seqsBetween = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

export function createMessageService(deps: MessageServiceDeps) {
  const { store } = deps;
  const now = deps.now ?? Date.now;

  async function withReactions(p: Principal, groupId: string, messages: StoredMessage[]): Promise<Message[]> {
    const reactions = await store.reactions(
      groupId,
      messages.map((m) => m.seq),
      p.accountId,
    );
    return messages.map((m, i) => toWire(m, reactions[i]));
  }

  return {
    /**
     * Stores a message, which the store publishes to every node (`onMessage`). The store decides duplicates and
     * the rate limit atomically, so a retry after a lost ack gets the first answer back and nothing is
     * published twice.
     */
    async send(
      p: Principal,
      member: MemberView,
      input: {
        groupId: string;
        clientId: string;
        text: string;
        confirmIdentifying: boolean;
        tooLong?: true | undefined;
      },
    ): Promise<{
      seq: number;
      ts: number;
      duplicate: boolean;
      support?: SupportResource[];
      held?: boolean;
    }> {
      const cleaned = cleanMessageText(input.text);
      // `tooLong`: the part of a message the browser stopped as too long even to send, which suggests risk there.
      if (input.tooLong || (!cleaned.ok && cleaned.reason === 'too-long')) {
        // Refused, but a long message that suggests risk must not go unheard: resources, and moderators told.
        const support = await deps.policy.refusedRisk(input.groupId, input.text.normalize('NFC'), {
          accountId: p.accountId,
          clientId: input.clientId,
        });
        throw new AppError(
          ErrorCode.MESSAGE_TOO_LONG,
          `Messages can be at most ${GROUP_LIMITS.messageMax.toLocaleString('en')} characters.`,
          { field: 'text', ...(support ? { support } : {}) },
        );
      }
      if (!cleaned.ok)
        throw new AppError(ErrorCode.MESSAGE_EMPTY, 'There is nothing to send.', { field: 'text' });
      let admitted: PostAdmission;
      try {
        const decided = deps.policy.admit(
          p,
          input.groupId,
          // Entities all start with `&`: most texts have none, and skip the four replaces.
          cleaned.text.includes('&') ? decodeMessageText(cleaned.text) : cleaned.text,
          input.confirmIdentifying,
          {
            accountId: p.accountId,
            clientId: input.clientId,
          },
        );
        admitted = 'then' in decided ? await decided : decided;
      } catch (err) {
        // A retry of a message stored before the member was muted (or the group locked) keeps its first answer.
        const previous = await store.findByClientId(input.groupId, p.accountId, input.clientId);
        if (previous) return { ...previous, duplicate: true };
        throw err;
      }
      const { slowMs, crisis, hold } = admitted;
      if (hold) {
        // Not posted: only the sender (with the contacts) and the moderators see it until a moderator decides.
        const held = await deps.policy.hold(input.groupId, {
          accountId: p.accountId,
          tag: member.tag,
          name: member.name,
          text: cleaned.text,
          clientId: input.clientId,
        });
        if (held.seq !== null) return { seq: held.seq, ts: held.ts, duplicate: true, support: held.support };
        return { seq: 0, ts: held.ts, duplicate: held.duplicate, support: held.support, held: true };
      }
      const live: Omit<Message, 'seq' | 'ts'> = {
        groupId: input.groupId,
        kind: 'text',
        author: { tag: member.tag, name: member.name },
        text: cleaned.text,
        clientId: input.clientId,
      };
      const result = await store.append({
        groupId: input.groupId,
        accountId: p.accountId,
        tag: member.tag,
        name: member.name,
        text: cleaned.text,
        clientId: input.clientId,
        now: now(),
        rateLimit: deps.sendLimit,
        rateWindowMs: deps.sendWindowMs,
        slowWindowMs: slowMs,
        live: JSON.stringify(live),
        crisis,
      });
      if (result.status === 'rate-limited') {
        throw new AppError(ErrorCode.RATE_LIMITED, 'You are sending very fast. Wait a moment.', {
          retryAfterMs: result.retryAfterMs,
        });
      }
      if (result.status === 'slow-mode') {
        throw new AppError(
          ErrorCode.SLOW_MODE,
          'Slow mode is on in this group. Wait a moment before your next message.',
          {
            retryAfterMs: result.retryAfterMs,
          },
        );
      }
      const duplicate = result.status === 'duplicate';
      if (!duplicate) deps.onStored?.(p.accountId, input.groupId);
      // The store marked a flagged message pending in the append itself; raising is idempotent, so a retry after
      // a lost ack (a duplicate) raises the item if the first attempt could not, and gets the resources again.
      // Should this throw, the mark stays and `sweepCrisis` raises it later.
      let support: SupportResource[] | undefined;
      if (crisis) {
        support = await deps.policy.raiseCrisis(input.groupId, result.seq);
        await store.clearCrisis(input.groupId, result.seq);
      }
      return { seq: result.seq, ts: result.ts, duplicate, ...(support ? { support } : {}) };
    },

    /**
     * Every message stored in any group, by any node, in seq order per group (the store publishes it with the
     * append), with its group and its JSON as published (UTF-8). At most once: clients fill holes from history.
     */
    onMessage(listener: (groupId: string, json: Buffer) => void): Promise<void> {
      return store.subscribe((json) => {
        const groupId = groupIdOf(json);
        // `json` is the wire form as published (`liveMessage`): delivery writes its bytes as they are.
        if (groupId !== null) listener(groupId, json);
      });
    },

    /**
     * Raises the urgent item of every flagged message still marked pending (a node died between storing and
     * raising, or Redis failed in between). Idempotent, so every node may run it; returns how many it raised.
     */
    /** Retention (the sweeper): the group's oldest messages written before `cutoff` go, with text and reactions. */
    trimBefore: (groupId: string, cutoff: number, limit: number) => store.trimBefore(groupId, cutoff, limit),

    async sweepCrisis(groupIds: readonly string[]): Promise<number> {
      let raised = 0;
      for (const groupId of groupIds) {
        for (const seq of await store.pendingCrisis(groupId)) {
          await deps.policy.raiseCrisis(groupId, seq);
          await store.clearCrisis(groupId, seq);
          raised++;
        }
      }
      return raised;
    },

    /**
     * The latest page, or exactly what came after `since` (bounded; `more` says there is more), and for the
     * messages the client may still show (`from`..`since`): which were removed meanwhile (at most
     * `removedLookback` of them), and the reactions now on the newest (at most `reactionsLookback`). A removal
     * or a reaction it missed while away must not stay wrong on its screen.
     */
    async open(
      p: Principal,
      groupId: string,
      query: { since?: number | undefined; from?: number | undefined },
    ): Promise<HistoryPage & Pick<OpenedGroup, 'latestSeq' | 'removed' | 'reactions'>> {
      const { since } = query;
      const lowest = (lookback: number) =>
        since === undefined ? 0 : Math.max(1, query.from ?? 0, since - lookback + 1);
      const reactedFrom = lowest(GROUP_LIMITS.reactionsLookback);
      const shown = since === undefined ? [] : seqsBetween(reactedFrom, since);
      const [range, [latestSeq = 0], removed, reactions] = await Promise.all([
        store.range(groupId, {
          after: since,
          limit: since === undefined ? GROUP_LIMITS.openPage : GROUP_LIMITS.historyPageMax,
        }),
        store.latestSeqs([groupId]),
        since === undefined
          ? Promise.resolve([])
          : store.removedAmong(groupId, lowest(GROUP_LIMITS.removedLookback), since),
        store.reactions(groupId, shown, p.accountId),
      ]);
      const page = fitPage(range, since === undefined ? 'last' : 'first');
      const reacted = shown.flatMap((seq, i) => {
        const r = reactions[i];
        return r && Object.keys(r.counts).length > 0 ? [{ seq, reactions: r.counts, mine: r.mine }] : [];
      });
      return {
        messages: await withReactions(p, groupId, page.messages),
        more: page.more,
        gap: range.gap,
        latestSeq,
        ...(removed.length > 0 ? { removed } : {}),
        ...(shown.length > 0 ? { reactions: { from: reactedFrom, of: reacted } } : {}),
      };
    },

    async history(
      p: Principal,
      groupId: string,
      query: { before?: number | undefined; after?: number | undefined; limit: number },
    ): Promise<HistoryPage> {
      const range = await store.range(groupId, query);
      const page = fitPage(range, query.after !== undefined ? 'first' : 'last');
      return { messages: await withReactions(p, groupId, page.messages), more: page.more, gap: range.gap };
    },

    async react(
      p: Principal,
      groupId: string,
      seq: number,
      kind: ReactionKind,
      on: boolean,
    ): Promise<number> {
      // A reaction reaches the whole group like a message: not while muted or while the group is locked.
      await deps.policy.postingPolicy(p, groupId);
      const count = await store.setReaction(groupId, seq, kind, p.accountId, on);
      if (count === null) throw new AppError(ErrorCode.NOT_FOUND, 'No such message.');
      return count;
    },

    latestSeqs: (groupIds: readonly string[]) => store.latestSeqs(groupIds),

    /** This node receives the group's messages from now on (see `MessageStore.follow`). */
    follow: (groupId: string) => store.follow(groupId),
    unfollow: (groupId: string) => store.unfollow(groupId),

    /** One message with its author's account (for moderation; never sent to clients as is). */
    async get(groupId: string, seq: number): Promise<(Message & { accountId: string }) | null> {
      const m = await store.get(groupId, seq);
      return m ? { ...toWire(m), accountId: m.accountId } : null;
    },

    async remove(groupId: string, seq: number, by: RemovedBy) {
      return (await store.remove(groupId, seq, by)).status;
    },

    /** Up to `n` messages either side of `seq` (the report queue's context). */
    async around(groupId: string, seq: number, n: number): Promise<{ before: Message[]; after: Message[] }> {
      const [before, after] = await Promise.all([
        store.range(groupId, { before: seq, limit: n }),
        store.range(groupId, { after: seq, limit: n }),
      ]);
      return { before: before.messages.map((m) => toWire(m)), after: after.messages.map((m) => toWire(m)) };
    },

    /**
     * Posts a message a moderator released from review, as its author wrote it. Its client id makes it
     * idempotent (a second release, or the author's retry, finds the first). Not flagged again: its item exists.
     */
    async release(
      groupId: string,
      held: { accountId: string; tag: string; name: string; text: string; clientId: string },
    ): Promise<{ seq: number }> {
      const live: Omit<Message, 'seq' | 'ts'> = {
        groupId,
        kind: 'text',
        author: { tag: held.tag, name: held.name },
        text: held.text,
        clientId: held.clientId,
      };
      const result = await store.append({
        ...held,
        groupId,
        now: now(),
        rateLimit: 0,
        rateWindowMs: deps.sendWindowMs,
        slowWindowMs: 0,
        live: JSON.stringify(live),
      });
      if (result.status === 'stored' || result.status === 'duplicate') return { seq: result.seq };
      throw new AppError(ErrorCode.RATE_LIMITED, 'The group is busy. Try again in a moment.', {
        retryAfterMs: result.retryAfterMs,
      });
    },

    /** A system message in the group (a meeting starting). Text goes through the same cleaning as members'. */
    async announce(groupId: string, text: string): Promise<void> {
      const cleaned = cleanMessageText(text, GROUP_LIMITS.messageMax * 2);
      const body = cleaned.ok ? cleaned.text : 'A meeting is starting.';
      const live: Omit<Message, 'seq' | 'ts'> = { groupId, kind: 'meeting', author: null, text: body };
      await store.appendSystem(groupId, 'meeting', body, now(), JSON.stringify(live));
    },
  };
}

export type MessageService = ReturnType<typeof createMessageService>;
