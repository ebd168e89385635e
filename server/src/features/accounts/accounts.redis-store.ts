// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import { randomUUID } from 'node:crypto';
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { Role } from '@staffroom/shared/schemas/accounts';
import { scanKeys } from '../../platform/redis/cluster-client.js';
import { createScript } from '../../platform/redis/script.js';
import { deleteIf } from '../../platform/redis/delete-if.js';
import { accountKeys } from './accounts.keys.js';
import type {
  AccountRecord,
  AccountStore,
  ErasingState,
  InviteRecord,
  KeyBundleSlot,
  PassphraseChangeOutcome,
  SessionRecord,
} from './accounts.store.js';

/** An account's session index is pruned of ended sessions when a new session finds more entries than this. */
const SESSION_INDEX_PRUNE_AT = 20;

/** Invites are kept this long after they expire so the admin list can still show them, then Redis drops them. */
const INVITE_GRACE_MS = 7 * 24 * 3600_000;

/**
 * KEYS: invite, pseudonym, account. ARGV: now, id, pseudonym, skeleton, passHash, createdAt.
 * Returns the granted role, or 'invite-invalid' / 'pseudonym-taken'.
 */
const signUpScript = createScript(`
local inv = redis.call('HMGET', KEYS[1], 'maxUses', 'uses', 'expiresAt', 'revoked', 'role')
if not inv[1] or inv[4] == '1' or tonumber(inv[3]) <= tonumber(ARGV[1]) or tonumber(inv[2]) >= tonumber(inv[1]) then
  return 'invite-invalid'
end
if redis.call('EXISTS', KEYS[2]) == 1 then return 'pseudonym-taken' end
redis.call('HINCRBY', KEYS[1], 'uses', 1)
redis.call('SET', KEYS[2], ARGV[2])
redis.call('HSET', KEYS[3], 'id', ARGV[2], 'pseudonym', ARGV[3], 'skeleton', ARGV[4], 'passHash', ARGV[5],
  'createdAt', ARGV[6], 'role', inv[5])
return 'role:' .. inv[5]
`);

/** KEYS: session. ARGV: now, ttlMs. Never resurrects a session that has just expired. */
const touchScript = createScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[1])
return redis.call('PEXPIRE', KEYS[1], ARGV[2])
`);

/**
 * KEYS: session. ARGV: now, idleMs, maxMs. 1 and the session touched (expiry slid, capped at its maximum age)
 * while it exists and is younger than maxMs; else 0. Never resurrects a session that has just expired.
 */
const renewScript = createScript(`
local createdAt = tonumber(redis.call('HGET', KEYS[1], 'createdAt'))
if not createdAt then return 0 end
local left = createdAt + tonumber(ARGV[3]) - tonumber(ARGV[1])
if left <= 0 then return 0 end
redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[1])
redis.call('PEXPIRE', KEYS[1], math.max(1, math.floor(math.min(tonumber(ARGV[2]), left))))
return 1
`);

/**
 * KEYS: invite. Marks it revoked only while its record still exists. A plain HSET on an invite Redis has already
 * dropped (past its grace period, still in the index) used to create a stray one-field hash with no TTL.
 */
const revokeScript = createScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], 'revoked', '1')
return 1
`);

/**
 * KEYS: account, key bundle. ARGV: expected passHash, new passHash, has keys ('1'/'0'), publicKey,
 * wrappedPrivateKey, wrapIv, kdf. Compare-and-set of the hash and the wrapped key together: a concurrent change
 * or key reset makes it refuse rather than pair a hash with a key wrapped under another passphrase.
 */
const changePassphraseScript = createScript(`
if redis.call('HGET', KEYS[1], 'passHash') ~= ARGV[1] then return 'stale' end
local pk = redis.call('HGET', KEYS[2], 'publicKey')
if ARGV[3] == '1' then
  if pk ~= ARGV[4] then return 'key-changed' end
  redis.call('HSET', KEYS[2], 'wrappedPrivateKey', ARGV[5], 'wrapIv', ARGV[6], 'kdf', ARGV[7])
elseif pk then
  return 'key-changed'
end
redis.call('HSET', KEYS[1], 'passHash', ARGV[2])
return 'ok'
`);

/** KEYS: account. ARGV: erasing JSON. Sets it once; returns the state that holds, or false without an account. */
const markErasingScript = createScript(`
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
redis.call('HSETNX', KEYS[1], 'erasing', ARGV[1])
return redis.call('HGET', KEYS[1], 'erasing')
`);

/**
 * KEYS: account, pseudonym, account's session index. ARGV: account id, session key prefix.
 * Deletes the sessions still indexed, the pseudonym (only while it is still this account's) and the record.
 */
const deleteAccountScript = createScript(`
local index = redis.call('HVALS', KEYS[3])
for _, tokenHash in ipairs(index) do redis.call('DEL', ARGV[2] .. tokenHash) end
redis.call('DEL', KEYS[3])
if redis.call('GET', KEYS[2]) == ARGV[1] then redis.call('DEL', KEYS[2]) end
redis.call('DEL', KEYS[1])
return 1
`);

/**
 * Cluster mode, sign-up step 2 (the invite, the pseudonym and the account are in three slots): KEYS: invite.
 * ARGV: now. Spends one use of a usable invite; returns its role, or 'invite-invalid'.
 */
const useInviteScript = createScript(`
local inv = redis.call('HMGET', KEYS[1], 'maxUses', 'uses', 'expiresAt', 'revoked', 'role')
if not inv[1] or inv[4] == '1' or tonumber(inv[3]) <= tonumber(ARGV[1]) or tonumber(inv[2]) >= tonumber(inv[1]) then
  return 'invite-invalid'
end
redis.call('HINCRBY', KEYS[1], 'uses', 1)
return 'role:' .. inv[5]
`);

/**
 * Cluster mode, passphrase change step 1 (the account and its key bundle are in two slots): KEYS: key bundle.
 * ARGV: has keys ('1'/'0'), publicKey, wrappedPrivateKey, wrapIv, kdf. Checks the key pair as
 * changePassphraseScript does and re-wraps it; returns the previous wrap as { 'ok', wrapped, iv, kdf } (for
 * the undo), or { 'key-changed' }.
 */
const rewrapScript = createScript(`
local pk = redis.call('HGET', KEYS[1], 'publicKey')
if ARGV[1] == '1' then
  if pk ~= ARGV[2] then return { 'key-changed' } end
  local old = redis.call('HMGET', KEYS[1], 'wrappedPrivateKey', 'wrapIv', 'kdf')
  redis.call('HSET', KEYS[1], 'wrappedPrivateKey', ARGV[3], 'wrapIv', ARGV[4], 'kdf', ARGV[5])
  return { 'ok', old[1] or '', old[2] or '', old[3] or '' }
elseif pk then
  return { 'key-changed' }
end
return { 'ok' }
`);

/** Cluster mode, the undo of rewrapScript. KEYS: key bundle. ARGV: the wrap it wrote, then the one to restore. */
const unwrapScript = createScript(`
if redis.call('HGET', KEYS[1], 'wrappedPrivateKey') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'wrappedPrivateKey', ARGV[2], 'wrapIv', ARGV[3], 'kdf', ARGV[4])
return 1
`);

/** Cluster mode, passphrase change step 2: KEYS: account. ARGV: expected passHash, new passHash. */
const setPassHashScript = createScript(`
if redis.call('HGET', KEYS[1], 'passHash') ~= ARGV[1] then return 'stale' end
redis.call('HSET', KEYS[1], 'passHash', ARGV[2])
return 'ok'
`);

function toInvite(h: Record<string, string>): InviteRecord | null {
  if (!h.id || !h.codeHash) return null;
  return {
    id: h.id,
    codeHash: h.codeHash,
    role: Role.parse(h.role),
    maxUses: Number(h.maxUses),
    uses: Number(h.uses),
    expiresAt: Number(h.expiresAt),
    createdAt: Number(h.createdAt),
    revoked: h.revoked === '1',
    note: h.note || undefined,
  };
}

function toAccount(h: Record<string, string>): AccountRecord | null {
  if (!h.id) return null;
  return {
    id: h.id,
    pseudonym: h.pseudonym ?? '',
    skeleton: h.skeleton ?? '',
    role: Role.parse(h.role),
    passHash: h.passHash ?? '',
    createdAt: Number(h.createdAt),
    ...(h.erasing ? { erasing: JSON.parse(h.erasing) as ErasingState } : {}),
  };
}

function toSession(tokenHash: string, h: Record<string, string>): SessionRecord | null {
  if (!h.id || !h.accountId) return null;
  return {
    tokenHash,
    id: h.id,
    accountId: h.accountId,
    createdAt: Number(h.createdAt),
    lastSeenAt: Number(h.lastSeenAt),
    device: h.device ?? '',
  };
}

export function createRedisAccountStore(
  redis: Redis,
  prefix: string,
  slot: KeyBundleSlot = {},
): AccountStore {
  const k = accountKeys(prefix);

  /**
   * Cluster mode: the invite, the pseudonym and the account live in three slots, so sign-up is three guarded
   * steps instead of one script: claim the pseudonym (SET NX), spend a use of the invite (or give the
   * pseudonym back), write the account. Same answers as the script; a crash between the steps can leave a
   * pseudonym claimed by no account (it stays taken) — never an account without its invite.
   */
  async function signUpInSteps(
    codeHash: string,
    account: Parameters<AccountStore['signUp']>[1],
    now: number,
  ): ReturnType<AccountStore['signUp']> {
    const [maxUses, uses, expiresAt, revoked] = await redis.hmget(
      k.invite(codeHash),
      'maxUses',
      'uses',
      'expiresAt',
      'revoked',
    );
    const usable =
      maxUses !== null && revoked !== '1' && Number(expiresAt) > now && Number(uses) < Number(maxUses);
    if (!usable) return { ok: false, reason: 'invite-invalid' };
    if ((await redis.set(k.pseudonym(account.skeleton), account.id, 'NX')) !== 'OK') {
      return { ok: false, reason: 'pseudonym-taken' };
    }
    const used = String(await useInviteScript.run(redis, [k.invite(codeHash)], [now]));
    if (!used.startsWith('role:')) {
      await deleteIf(redis, k.pseudonym(account.skeleton), account.id);
      return { ok: false, reason: 'invite-invalid' };
    }
    const role = Role.parse(used.slice(5));
    await redis.hset(k.account(account.id), {
      id: account.id,
      pseudonym: account.pseudonym,
      skeleton: account.skeleton,
      passHash: account.passHash,
      createdAt: account.createdAt,
      role,
    });
    return { ok: true, role };
  }

  /**
   * Cluster mode: the account and its key bundle live in two slots, so the compare-and-set is two guarded
   * steps under a short per-account lock: re-wrap the key (checked as in the script), then swap the hash (if
   * the hash changed meanwhile, the re-wrap is undone). Concurrent changes still end with exactly one winner
   * whose key is stored. A node crash between the two steps would leave the key wrapped under the
   * new passphrase with the old hash in place (docs/cluster.md): the owner resets their key, as after a lost
   * device.
   */
  async function changePassphraseInSteps(
    bundleKey: string,
    accountId: string,
    expectedPassHash: string,
    newPassHash: string,
    keys: Parameters<AccountStore['changePassphrase']>[3],
  ): Promise<PassphraseChangeOutcome> {
    // Two changes of one account never interleave: the one that finds the other under way is refused as stale
    // (it raced a change from the same checked hash), as the script refuses it.
    const lock = k.passphraseLock(accountId);
    const token = randomUUID();
    if ((await redis.set(lock, token, 'PX', 10_000, 'NX')) !== 'OK') return 'stale';
    try {
      return await changeLocked(bundleKey, accountId, expectedPassHash, newPassHash, keys);
    } finally {
      await deleteIf(redis, lock, token);
    }
  }

  async function changeLocked(
    bundleKey: string,
    accountId: string,
    expectedPassHash: string,
    newPassHash: string,
    keys: Parameters<AccountStore['changePassphrase']>[3],
  ): Promise<PassphraseChangeOutcome> {
    if ((await redis.hget(k.account(accountId), 'passHash')) !== expectedPassHash) return 'stale';
    const [status, ...old] = (await rewrapScript.run(
      redis,
      [bundleKey],
      [
        keys ? '1' : '0',
        keys?.publicKey ?? '',
        keys?.wrappedPrivateKey ?? '',
        keys?.wrapIv ?? '',
        keys?.kdf ?? '',
      ],
    )) as string[];
    if (status !== 'ok') return 'key-changed';
    const swapped = String(
      await setPassHashScript.run(redis, [k.account(accountId)], [expectedPassHash, newPassHash]),
    );
    if (swapped === 'ok') return 'ok';
    if (keys) await unwrapScript.run(redis, [bundleKey], [keys.wrappedPrivateKey, ...old]);
    return 'stale';
  }

  return {
    async saveInvite(invite) {
      await redis
        .multi()
        .hset(k.invite(invite.codeHash), {
          id: invite.id,
          codeHash: invite.codeHash,
          role: invite.role,
          maxUses: invite.maxUses,
          uses: invite.uses,
          expiresAt: invite.expiresAt,
          createdAt: invite.createdAt,
          revoked: invite.revoked ? '1' : '0',
          note: invite.note ?? '',
        })
        .pexpireat(k.invite(invite.codeHash), invite.expiresAt + INVITE_GRACE_MS)
        .hset(k.inviteIndex(), invite.id, invite.codeHash)
        .exec();
    },
    async listInvites() {
      const index = await redis.hgetall(k.inviteIndex());
      const entries = Object.entries(index);
      if (entries.length === 0) return [];
      const pipe = redis.pipeline();
      for (const [, codeHash] of entries) pipe.hgetall(k.invite(codeHash));
      const results = (await pipe.exec()) ?? [];
      const invites: InviteRecord[] = [];
      const gone: string[] = [];
      results.forEach(([err, value], i) => {
        const invite = err ? null : toInvite(value as Record<string, string>);
        if (invite) invites.push(invite);
        else gone.push(entries[i]?.[0] ?? '');
      });
      if (gone.length > 0) await redis.hdel(k.inviteIndex(), ...gone);
      return invites;
    },
    async revokeInvite(id) {
      const codeHash = await redis.hget(k.inviteIndex(), id);
      if (!codeHash) return false;
      return (await revokeScript.run(redis, [k.invite(codeHash)], [])) === 1;
    },
    async signUp(codeHash, account, now) {
      if (redis.isCluster) return signUpInSteps(codeHash, account, now);
      const result = String(
        await signUpScript.run(
          redis,
          [k.invite(codeHash), k.pseudonym(account.skeleton), k.account(account.id)],
          [now, account.id, account.pseudonym, account.skeleton, account.passHash, account.createdAt],
        ),
      );
      if (result.startsWith('role:')) return { ok: true, role: Role.parse(result.slice(5)) };
      return { ok: false, reason: result === 'pseudonym-taken' ? 'pseudonym-taken' : 'invite-invalid' };
    },
    async isInviteUsable(codeHash, now) {
      const [maxUses, uses, expiresAt, revoked] = await redis.hmget(
        k.invite(codeHash),
        'maxUses',
        'uses',
        'expiresAt',
        'revoked',
      );
      if (maxUses === null || revoked === '1') return false;
      return Number(expiresAt) > now && Number(uses) < Number(maxUses);
    },
    async isPseudonymTaken(skeleton) {
      return (await redis.exists(k.pseudonym(skeleton))) === 1;
    },
    async getAccount(id) {
      return toAccount(await redis.hgetall(k.account(id)));
    },
    async findAccountBySkeleton(skeleton) {
      const id = await redis.get(k.pseudonym(skeleton));
      return id ? toAccount(await redis.hgetall(k.account(id))) : null;
    },
    async listAccountsByRole(role, limit) {
      // One pseudonym key per account (SCAN on every primary); each points at its account's hash.
      const found: AccountRecord[] = [];
      for await (const keys of scanKeys(redis, k.pseudonym('*'))) {
        const ids = await Promise.all(keys.map((key) => redis.get(key)));
        const roles = await Promise.all(
          ids.map((id) => (id ? redis.hget(k.account(id), 'role') : Promise.resolve(null))),
        );
        for (const [i, id] of ids.entries()) {
          if (!id || roles[i] !== role) continue;
          const account = toAccount(await redis.hgetall(k.account(id)));
          if (account && !account.erasing) found.push(account);
        }
        // Bounded: a deployment has a handful of staff; stop reading once far past the limit.
        if (found.length >= limit * 4) break;
      }
      return found.sort((a, b) => a.createdAt - b.createdAt).slice(0, limit);
    },
    async createSession(s, ttlMs) {
      const result = await redis
        .multi()
        .hset(k.session(s.tokenHash), {
          id: s.id,
          accountId: s.accountId,
          createdAt: s.createdAt,
          lastSeenAt: s.lastSeenAt,
          device: s.device,
        })
        .pexpire(k.session(s.tokenHash), ttlMs)
        .hset(k.accountSessions(s.accountId), s.id, s.tokenHash)
        .hlen(k.accountSessions(s.accountId))
        .exec();
      // Sessions end by TTL, which the index cannot see: prune it here too, not only when someone lists it.
      const size = Number(result?.at(-1)?.[1] ?? 0);
      if (size > SESSION_INDEX_PRUNE_AT) await this.listSessions(s.accountId);
    },
    async getSession(tokenHash) {
      return toSession(tokenHash, await redis.hgetall(k.session(tokenHash)));
    },
    async touchSession(tokenHash, now, ttlMs) {
      await touchScript.run(redis, [k.session(tokenHash)], [now, ttlMs]);
    },
    async renewSessions(tokenHashes, now, idleMs, maxMs) {
      const args = [now, idleMs, maxMs];
      const replies = await renewScript.runEach(
        redis,
        tokenHashes.map((tokenHash) => ({ keys: [k.session(tokenHash)], args })),
      );
      // An error (a shard away) counts as alive: the socket stays and the next check decides.
      return replies.map(([err, reply]) => err !== null || reply === 1);
    },
    async listSessions(accountId) {
      const index = await redis.hgetall(k.accountSessions(accountId));
      const entries = Object.entries(index);
      if (entries.length === 0) return [];
      const pipe = redis.pipeline();
      for (const [, tokenHash] of entries) pipe.hgetall(k.session(tokenHash));
      const results = (await pipe.exec()) ?? [];
      const live: SessionRecord[] = [];
      const gone: string[] = [];
      results.forEach(([err, value], i) => {
        const [id, tokenHash] = entries[i] ?? ['', ''];
        const session = err ? null : toSession(tokenHash, value as Record<string, string>);
        if (session) live.push(session);
        else gone.push(id);
      });
      if (gone.length > 0) await redis.hdel(k.accountSessions(accountId), ...gone);
      return live;
    },
    async deleteSessions(accountId, list) {
      if (list.length === 0) return;
      await redis
        .multi()
        .del(...list.map((s) => k.session(s.tokenHash)))
        .hdel(k.accountSessions(accountId), ...list.map((s) => s.id))
        .exec();
    },
    async changePassphrase(accountId, expectedPassHash, newPassHash, keys) {
      if (!slot.redisKey) throw new Error('changePassphrase needs the key bundle location');
      if (redis.isCluster) {
        return changePassphraseInSteps(
          slot.redisKey(accountId),
          accountId,
          expectedPassHash,
          newPassHash,
          keys,
        );
      }
      const result = await changePassphraseScript.run(
        redis,
        [k.account(accountId), slot.redisKey(accountId)],
        [
          expectedPassHash,
          newPassHash,
          keys ? '1' : '0',
          keys?.publicKey ?? '',
          keys?.wrappedPrivateKey ?? '',
          keys?.wrapIv ?? '',
          keys?.kdf ?? '',
        ],
      );
      return String(result) as PassphraseChangeOutcome;
    },
    async markErasing(accountId, state) {
      const stored = await markErasingScript.run(redis, [k.account(accountId)], [JSON.stringify(state)]);
      return typeof stored === 'string' ? (JSON.parse(stored) as ErasingState) : null;
    },
    async deleteAccount(accountId) {
      const skeleton = await redis.hget(k.account(accountId), 'skeleton');
      if (redis.isCluster) {
        // The sessions, the pseudonym and the record are in different slots: one step each, the record last, so
        // an interrupted erasure is resumed from the start by the owner's next attempt (each step idempotent).
        const tokenHashes = await redis.hvals(k.accountSessions(accountId));
        if (tokenHashes.length > 0) await redis.del(...tokenHashes.map((h) => k.session(h)));
        await redis.del(k.accountSessions(accountId));
        if (skeleton !== null) await deleteIf(redis, k.pseudonym(skeleton), accountId);
        await redis.del(k.account(accountId));
        return;
      }
      await deleteAccountScript.run(
        redis,
        [k.account(accountId), k.pseudonym(skeleton ?? ''), k.accountSessions(accountId)],
        [accountId, k.session('')],
      );
    },
    async kdfSalt(candidate) {
      await redis.set(k.kdfSalt(), candidate, 'NX');
      return (await redis.get(k.kdfSalt())) ?? candidate;
    },
    async claimBootstrap() {
      return (await redis.set(k.bootstrap(), String(Date.now()), 'NX')) === 'OK';
    },
    async ping() {
      await redis.ping();
    },
  };
}
