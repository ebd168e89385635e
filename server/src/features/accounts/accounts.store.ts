import type { Role } from '@staffroom/shared/schemas/accounts';

export interface AccountRecord {
  id: string;
  pseudonym: string;
  /** The comparison form of the pseudonym (see `pseudonymSkeleton`). */
  skeleton: string;
  role: Role;
  passHash: string;
  createdAt: number;
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
  /** Stores a session that expires after `ttlMs` unless touched. */
  createSession(session: SessionRecord, ttlMs: number): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  touchSession(tokenHash: string, now: number, ttlMs: number): Promise<void>;
  /** The account's live sessions (expired ones are pruned on the way). */
  listSessions(accountId: string): Promise<SessionRecord[]>;
  deleteSessions(accountId: string, sessions: readonly SessionRecord[]): Promise<void>;
  /** True exactly once per deployment: whoever gets it prints the first admin invite. */
  claimBootstrap(): Promise<boolean>;
  /** Throws when the store is not reachable. */
  ping(): Promise<void>;
}
