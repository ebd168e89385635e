import type {
  AccountRecord,
  AccountStore,
  InviteRecord,
  KeyBundleSlot,
  RewrappedKey,
  SessionRecord,
} from './accounts.store.js';

/** Embedded mode: everything in this process, gone at exit. Same contract as the Redis store. */
export function createMemoryAccountStore(
  clock: () => number = Date.now,
  slot: KeyBundleSlot = {},
): AccountStore {
  const bundles = slot.map ?? new Map<string, RewrappedKey>();
  let kdfSalt: string | null = null;
  const invites = new Map<string, InviteRecord>();
  const accounts = new Map<string, AccountRecord>();
  const bySkeleton = new Map<string, string>();
  const sessions = new Map<string, { record: SessionRecord; expiresAt: number }>();
  const accountSessions = new Map<string, Set<string>>();
  let bootstrapped = false;

  const liveSession = (tokenHash: string) => {
    const entry = sessions.get(tokenHash);
    if (!entry) return null;
    if (entry.expiresAt <= clock()) {
      sessions.delete(tokenHash);
      return null;
    }
    return entry;
  };

  return {
    async saveInvite(invite) {
      invites.set(invite.codeHash, { ...invite });
    },
    async listInvites() {
      return [...invites.values()].map((i) => ({ ...i }));
    },
    async revokeInvite(id) {
      const invite = [...invites.values()].find((i) => i.id === id);
      if (!invite) return false;
      invite.revoked = true;
      return true;
    },
    async isInviteUsable(codeHash, now) {
      const invite = invites.get(codeHash);
      return !!invite && !invite.revoked && invite.expiresAt > now && invite.uses < invite.maxUses;
    },
    async signUp(codeHash, account, now) {
      const invite = invites.get(codeHash);
      if (!invite || invite.revoked || invite.expiresAt <= now || invite.uses >= invite.maxUses) {
        return { ok: false, reason: 'invite-invalid' };
      }
      if (bySkeleton.has(account.skeleton)) return { ok: false, reason: 'pseudonym-taken' };
      invite.uses += 1;
      bySkeleton.set(account.skeleton, account.id);
      accounts.set(account.id, { ...account, role: invite.role });
      return { ok: true, role: invite.role };
    },
    async isPseudonymTaken(skeleton) {
      return bySkeleton.has(skeleton);
    },
    async getAccount(id) {
      const account = accounts.get(id);
      return account ? { ...account } : null;
    },
    async findAccountBySkeleton(skeleton) {
      const id = bySkeleton.get(skeleton);
      const account = id === undefined ? undefined : accounts.get(id);
      return account ? { ...account } : null;
    },
    async listAccountsByRole(role, limit) {
      return [...accounts.values()]
        .filter((a) => a.role === role && !a.erasing)
        .sort((a, b) => a.createdAt - b.createdAt)
        .slice(0, limit)
        .map((a) => ({ ...a }));
    },
    async createSession(session, ttlMs) {
      sessions.set(session.tokenHash, { record: { ...session }, expiresAt: clock() + ttlMs });
      const set = accountSessions.get(session.accountId) ?? new Set();
      set.add(session.tokenHash);
      accountSessions.set(session.accountId, set);
    },
    async getSession(tokenHash) {
      const entry = liveSession(tokenHash);
      return entry ? { ...entry.record } : null;
    },
    async touchSession(tokenHash, now, ttlMs) {
      const entry = liveSession(tokenHash);
      if (!entry) return;
      entry.record.lastSeenAt = now;
      entry.expiresAt = clock() + ttlMs;
    },
    async renewSessions(tokenHashes, now, idleMs, maxMs) {
      return tokenHashes.map((tokenHash) => {
        const entry = liveSession(tokenHash);
        if (!entry || entry.record.createdAt + maxMs <= now) return false;
        entry.record.lastSeenAt = now;
        entry.expiresAt = clock() + Math.min(idleMs, entry.record.createdAt + maxMs - now);
        return true;
      });
    },
    async listSessions(accountId) {
      const set = accountSessions.get(accountId) ?? new Set<string>();
      const live: SessionRecord[] = [];
      for (const tokenHash of set) {
        const entry = liveSession(tokenHash);
        if (entry) live.push({ ...entry.record });
        else set.delete(tokenHash);
      }
      return live;
    },
    async deleteSessions(accountId, list) {
      for (const s of list) {
        sessions.delete(s.tokenHash);
        accountSessions.get(accountId)?.delete(s.tokenHash);
      }
    },
    async changePassphrase(accountId, expectedPassHash, newPassHash, keys) {
      // No await between the checks and the writes: atomic in this process.
      const account = accounts.get(accountId);
      if (!account || account.passHash !== expectedPassHash) return 'stale';
      const stored = bundles.get(accountId);
      if (keys ? stored?.publicKey !== keys.publicKey : stored) return 'key-changed';
      if (keys && stored) bundles.set(accountId, { ...stored, ...keys });
      account.passHash = newPassHash;
      return 'ok';
    },
    async markErasing(accountId, state) {
      const account = accounts.get(accountId);
      if (!account) return null;
      account.erasing ??= { ...state, names: [...state.names] };
      return { ...account.erasing, names: [...account.erasing.names] };
    },
    async deleteAccount(accountId) {
      for (const tokenHash of accountSessions.get(accountId) ?? []) sessions.delete(tokenHash);
      accountSessions.delete(accountId);
      const account = accounts.get(accountId);
      if (account && bySkeleton.get(account.skeleton) === accountId) bySkeleton.delete(account.skeleton);
      accounts.delete(accountId);
    },
    async kdfSalt(candidate) {
      kdfSalt ??= candidate;
      return kdfSalt;
    },
    async claimBootstrap() {
      if (bootstrapped) return false;
      bootstrapped = true;
      return true;
    },
    async ping() {},
  };
}
