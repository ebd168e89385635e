import type { Role } from '@staffroom/shared/schemas/accounts';
import type { EraseMessages } from '@staffroom/shared/schemas/privacy';

/**
 * Set once when the owner asks to erase the account, before anything is erased: from then on nobody can log in
 * or use a session of it, and a retry by the owner (same passphrase) finishes the erasure with the same choices.
 */
export interface ErasingState {
  messages: EraseMessages;
  /** The names the account was shown under (pseudonym, group aliases), to take out of the audit log. */
  names: string[];
  since: number;
}

export interface AccountRecord {
  id: string;
  pseudonym: string;
  /** The comparison form of the pseudonym (see `pseudonymSkeleton`). */
  skeleton: string;
  role: Role;
  passHash: string;
  createdAt: number;
  /** Present while the account is being erased (see `ErasingState`). */
  erasing?: ErasingState;
}

export interface InviteRecord {
  id: string;
  codeHash: string;
  role: Role;
  maxUses: number;
  uses: number;
  expiresAt: number;
  createdAt: number;
  revoked: boolean;
  note?: string | undefined;
}

export interface SessionRecord {
  tokenHash: string;
  /** Public id, shown in settings and used as the socket room that revocation disconnects. */
  id: string;
  accountId: string;
  createdAt: number;
  lastSeenAt: number;
  /** A coarse label like "Firefox on Windows"; never the user agent string itself. */
  device: string;
}

/** The stored key bundle's fields a passphrase change rewrites (its public key must not change). */
export interface RewrappedKey {
  publicKey: string;
  wrappedPrivateKey: string;
  wrapIv: string;
  kdf: string;
}

/**
 * Where the account's key bundle lives. The consultations capability owns it; app.ts hands its location here so
 * a passphrase change rewrites the auth hash and the wrapped key in one store operation.
 */
export interface KeyBundleSlot {
  /** Redis: the key of the bundle hash. */
  redisKey?: (accountId: string) => string;
  /** Memory: the very map the memory consultation store keeps bundles in. */
  map?: Map<string, RewrappedKey>;
}

export type PassphraseChangeOutcome = 'ok' | 'stale' | 'key-changed';

export type SignUpOutcome =
  { ok: true; role: Role } | { ok: false; reason: 'invite-invalid' | 'pseudonym-taken' };

/** Persistence for accounts, invites and sessions. Implemented in memory (embedded) and on Redis. */
export interface AccountStore {
  saveInvite(invite: InviteRecord): Promise<void>;
  listInvites(): Promise<InviteRecord[]>;
  /** Marks an invite revoked; false when there is no such invite. */
  revokeInvite(id: string): Promise<boolean>;
  /**
   * Atomically: checks the invite is usable at `now`, reserves the pseudonym skeleton, uses the invite once and
   * stores the account with the invite's role.
   */
  signUp(codeHash: string, account: Omit<AccountRecord, 'role'>, now: number): Promise<SignUpOutcome>;
  /** A cheap look before the expensive hash: true when the invite could be used at `now` (`signUp` re-checks). */
  isInviteUsable(codeHash: string, now: number): Promise<boolean>;
  isPseudonymTaken(skeleton: string): Promise<boolean>;
  getAccount(id: string): Promise<AccountRecord | null>;
  findAccountBySkeleton(skeleton: string): Promise<AccountRecord | null>;
  /**
   * Accounts that signed up with an invite of this role (not being erased), at most `limit`, oldest first. Rare
   * (a coordinator choosing whom to appoint): the Redis store scans the pseudonym keys.
   */
  listAccountsByRole(role: Role, limit: number): Promise<AccountRecord[]>;
  /** Stores a session that expires after `ttlMs` unless touched. */
  createSession(session: SessionRecord, ttlMs: number): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  touchSession(tokenHash: string, now: number, ttlMs: number): Promise<void>;
  /**
   * For sockets that stay open: which of these sessions are still live (they exist, and were created less than
   * `maxMs` before `now`); each live one is touched and its expiry slid to `min(idleMs, createdAt + maxMs - now)`.
   * One round trip for all of them. An expired session is never revived; one whose check failed (a store error)
   * counts as live, so a socket is only cut off on a definite answer.
   */
  renewSessions(
    tokenHashes: readonly string[],
    now: number,
    idleMs: number,
    maxMs: number,
  ): Promise<boolean[]>;
  /** The account's live sessions (expired ones are pruned on the way). */
  listSessions(accountId: string): Promise<SessionRecord[]>;
  deleteSessions(accountId: string, sessions: readonly SessionRecord[]): Promise<void>;
  /**
   * Atomically, only while the account's hash is still `expectedPassHash` (else 'stale') and the stored key
   * bundle has `keys.publicKey` (or, with `keys` null, there is no bundle; else 'key-changed'): replaces the hash
   * and the wrapped private key together. Nothing changes unless the answer is 'ok'.
   */
  changePassphrase(
    accountId: string,
    expectedPassHash: string,
    newPassHash: string,
    keys: RewrappedKey | null,
  ): Promise<PassphraseChangeOutcome>;
  /**
   * The deployment's public passphrase-salt value: the first caller's `candidate` is kept for good (every node,
   * every restart reads the same one); later calls return it.
   */
  kdfSalt(candidate: string): Promise<string>;
  /** True exactly once per deployment: whoever gets it prints the first admin invite. */
  claimBootstrap(): Promise<boolean>;
  /**
   * Marks the account as being erased unless it already is; returns the state that holds (the first one wins,
   * so a retry finishes what was started), or null when there is no such account.
   */
  markErasing(accountId: string, state: ErasingState): Promise<ErasingState | null>;
  /**
   * The last step of an erasure: the account record with its auth hash, its pseudonym, its session index and
   * every session left. Idempotent.
   */
  deleteAccount(accountId: string): Promise<void>;
  /** Throws when the store is not reachable. */
  ping(): Promise<void>;
}
