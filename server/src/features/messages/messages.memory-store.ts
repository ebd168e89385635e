import { REACTIONS, type ReactionKind } from '@staffroom/shared/schemas/messages';
import type { MessageStore, ReactionSummary, StoredMessage } from './messages.store.js';
import { CLIENT_ID_TTL_SECONDS, liveMessage, PENDING_CRISIS_MAX } from './messages.store.js';

interface GroupLog {
  seq: number;
  messages: StoredMessage[];
}

/** Embedded mode: messages in this process, gone at exit. Same contract as the Redis store. */
export function createMemoryMessageStore(maxLen: number, clock: () => number = Date.now): MessageStore {
  const logs = new Map<string, GroupLog>();
  const clientIds = new Map<string, { seq: number; ts: number; expiresAt: number }>();
  /** Client ids in the order they expire (all live equally long), so expired ones are dropped, not kept forever. */
  const expiryQueue: { key: string; expiresAt: number }[] = [];
  let expiryHead = 0;
  const forgetExpired = () => {
    const now = clock();
    while (expiryHead < expiryQueue.length && (expiryQueue[expiryHead]?.expiresAt ?? 0) <= now) {
      const { key } = expiryQueue[expiryHead++] ?? { key: '' };
      if ((clientIds.get(key)?.expiresAt ?? 0) <= now) clientIds.delete(key);
    }
    if (expiryHead > 1024 && expiryHead * 2 > expiryQueue.length) {
      expiryQueue.splice(0, expiryHead);
      expiryHead = 0;
    }
  };
  const windows = new Map<string, { count: number; resetAt: number }>();
  let sweepAt = 10_000;
  const reactions = new Map<string, Map<ReactionKind, Set<string>>>();
  /** Per group: crisis-flagged seqs awaiting their urgent item (insertion order is seq order). */
  const pendingCrisis = new Map<string, Set<number>>();
  const listeners: ((message: Buffer) => void)[] = [];
  const publish = (live: string, seq: number, ts: number) => {
    const message = Buffer.from(liveMessage(live, seq, ts));
    for (const listener of listeners) listener(message);
  };

  const logOf = (groupId: string) => {
    let log = logs.get(groupId);
    if (!log) logs.set(groupId, (log = { seq: 0, messages: [] }));
    return log;
  };
  const push = (log: GroupLog, m: Omit<StoredMessage, 'seq'>) => {
    log.seq += 1;
    log.messages.push({ ...m, seq: log.seq });
    if (log.messages.length > maxLen) {
      // The reactions of trimmed messages go with them: they name the accounts that reacted.
      for (const gone of log.messages.splice(0, log.messages.length - maxLen))
        reactions.delete(`${gone.groupId} ${gone.seq}`);
    }
    return log.seq;
  };
  /** A fixed-window counter; returns the wait when over the limit, else 0. */
  const spend = (key: string, limit: number, windowMs: number): number => {
    const now = clock();
    const w = windows.get(key);
    if (!w || w.resetAt <= now) {
      // Every window ends: sweep ended ones now and then so the map holds only current senders.
      if (windows.size > sweepAt) {
        for (const [k, v] of windows) if (v.resetAt <= now) windows.delete(k);
        sweepAt = Math.max(10_000, windows.size * 2); // amortised: a sweep per doubling
      }
      windows.set(key, { count: 1, resetAt: now + windowMs });
      return 0;
    }
    return ++w.count > limit ? w.resetAt - now : 0;
  };
  const find = (groupId: string, seq: number) => logs.get(groupId)?.messages.find((m) => m.seq === seq);

  return {
    async append(m) {
      const idKey = `${m.groupId} ${m.accountId} ${m.clientId}`;
      const previous = clientIds.get(idKey);
      if (previous && previous.expiresAt > clock())
        return { status: 'duplicate', seq: previous.seq, ts: previous.ts };
      if (m.slowWindowMs > 0) {
        const wait = spend(`slow ${m.groupId} ${m.accountId}`, 1, m.slowWindowMs);
        if (wait > 0) return { status: 'slow-mode', retryAfterMs: wait };
      }
      if (m.rateLimit > 0) {
        const wait = spend(`send ${m.accountId}`, m.rateLimit, m.rateWindowMs);
        if (wait > 0) return { status: 'rate-limited', retryAfterMs: wait };
      }
      const { groupId, accountId, tag, name, text, clientId, now } = m;
      const seq = push(logOf(groupId), {
        groupId,
        ts: now,
        kind: 'text',
        accountId,
        tag,
        name,
        text,
        clientId,
      });
      if (m.crisis) {
        let pending = pendingCrisis.get(groupId);
        if (!pending) pendingCrisis.set(groupId, (pending = new Set()));
        pending.add(seq);
        if (pending.size > PENDING_CRISIS_MAX) pending.delete(pending.values().next().value as number);
      }
      const expiresAt = clock() + CLIENT_ID_TTL_SECONDS * 1000;
      clientIds.set(idKey, { seq, ts: m.now, expiresAt });
      expiryQueue.push({ key: idKey, expiresAt });
      forgetExpired();
      publish(m.live, seq, m.now);
      return { status: 'stored', seq, ts: m.now };
    },
    async findByClientId(groupId, accountId, clientId) {
      const previous = clientIds.get(`${groupId} ${accountId} ${clientId}`);
      return previous && previous.expiresAt > clock() ? { seq: previous.seq, ts: previous.ts } : null;
    },
    async pendingCrisis(groupId) {
      return [...(pendingCrisis.get(groupId) ?? [])];
    },
    async clearCrisis(groupId, seq) {
      const pending = pendingCrisis.get(groupId);
      pending?.delete(seq);
      if (pending?.size === 0) pendingCrisis.delete(groupId);
    },
    async appendSystem(groupId, kind, text, now, live) {
      const seq = push(logOf(groupId), {
        groupId,
        ts: now,
        kind,
        accountId: '',
        tag: '',
        name: '',
        text,
        clientId: '',
      });
      publish(live, seq, now);
      return seq;
    },
    async range(groupId, q) {
      const log = logOf(groupId);
      const all = log.messages;
      if (q.after !== undefined) {
        const after = q.after;
        const rest = all.filter((m) => m.seq > after);
        const messages = rest.slice(0, q.limit).map((m) => ({ ...m }));
        const first = messages[0]?.seq ?? log.seq + 1;
        const gap = first > after + 1 && after < log.seq ? { from: after + 1, to: first - 1 } : null;
        return { messages, more: rest.length > q.limit, gap };
      }
      const before = q.before ?? Number.MAX_SAFE_INTEGER;
      const older = all.filter((m) => m.seq < before);
      return {
        messages: older.slice(Math.max(0, older.length - q.limit)).map((m) => ({ ...m })),
        more: older.length > q.limit,
        gap: null,
      };
    },
    async latestSeqs(groupIds) {
      return groupIds.map((id) => logs.get(id)?.seq ?? 0);
    },
    async get(groupId, seq) {
      const m = find(groupId, seq);
      return m ? { ...m } : null;
    },
    async remove(groupId, seq, by) {
      const m = find(groupId, seq);
      if (!m) return { status: 'not-found' };
      if (m.kind === 'removed') return { status: 'already-removed' };
      m.kind = 'removed';
      m.text = '';
      m.removedBy = by;
      reactions.delete(`${groupId} ${seq}`);
      return { status: 'removed', accountId: m.accountId };
    },
    async removedAmong(groupId, from, to) {
      return (logs.get(groupId)?.messages ?? [])
        .filter((m) => m.seq >= from && m.seq <= to && m.kind === 'removed')
        .map((m) => ({ seq: m.seq, by: m.removedBy ?? 'moderator' }));
    },
    async setReaction(groupId, seq, kind, accountId, on) {
      const m = find(groupId, seq);
      if (!m || m.kind === 'removed') return null;
      const key = `${groupId} ${seq}`;
      const byKind = reactions.get(key) ?? new Map<ReactionKind, Set<string>>();
      reactions.set(key, byKind);
      const who = byKind.get(kind) ?? new Set<string>();
      byKind.set(kind, who);
      if (on) who.add(accountId);
      else who.delete(accountId);
      return who.size;
    },
    async reactions(groupId, seqs, accountId) {
      return seqs.map((seq): ReactionSummary => {
        const byKind = reactions.get(`${groupId} ${seq}`);
        const counts: Partial<Record<ReactionKind, number>> = {};
        const mine: ReactionKind[] = [];
        for (const kind of REACTIONS) {
          const who = byKind?.get(kind);
          if (who && who.size > 0) counts[kind] = who.size;
          if (who?.has(accountId)) mine.push(kind);
        }
        return { counts, mine };
      });
    },
    async trimBefore(groupId, cutoff, limit) {
      const log = logs.get(groupId);
      if (!log) return 0;
      let n = 0;
      while (n < limit && n < log.messages.length && (log.messages[n]?.ts ?? cutoff) < cutoff) n++;
      for (const gone of log.messages.splice(0, n)) reactions.delete(`${groupId} ${gone.seq}`);
      return n;
    },
    async eraseAuthor(groupId, accountId, mode, former) {
      const touched: number[] = [];
      for (const m of logs.get(groupId)?.messages ?? []) {
        for (const who of reactions.get(`${groupId} ${m.seq}`)?.values() ?? []) who.delete(accountId);
        if (m.accountId !== accountId) continue;
        clientIds.delete(`${groupId} ${accountId} ${m.clientId}`);
        Object.assign(m, { accountId: '', tag: former.tag, name: former.name, clientId: '' });
        if (m.kind !== 'text') continue;
        touched.push(m.seq);
        if (mode === 'remove') {
          Object.assign(m, { kind: 'removed', text: '', removedBy: 'author' });
          reactions.delete(`${groupId} ${m.seq}`);
        }
      }
      for (const key of [...windows.keys()]) if (key.includes(accountId)) windows.delete(key);
      return touched;
    },
    async exportAuthor(groupId, accountId) {
      const all = logs.get(groupId)?.messages ?? [];
      const messages = all
        .filter((m) => m.accountId === accountId && m.kind === 'text')
        .map((m) => ({ ...m }));
      const mine = all.flatMap((m) =>
        REACTIONS.filter((kind) => reactions.get(`${groupId} ${m.seq}`)?.get(kind)?.has(accountId)).map(
          (kind) => ({ seq: m.seq, kind }),
        ),
      );
      return { messages, reactions: mine };
    },
    async subscribe(listener) {
      listeners.push(listener);
    },
    // One process receives every group's messages.
    async follow() {},
    unfollow() {},
  };
}
