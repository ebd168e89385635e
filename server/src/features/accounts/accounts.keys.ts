import { keyFor } from '@staffroom/shared/privacy/registry';

/**
 * Every Redis key the accounts capability owns, built through the registry of stored data
 * (`shared/src/privacy/registry.ts`), where each one's contents, owner, retention and erasure are declared.
 * `p` is the deployment prefix from config.
 */
export const accountKeys = (p: string) => ({
  /** retention: expires a grace period after the invite does (PEXPIREAT at save). */
  invite: (codeHash: string) => keyFor(p, 'accounts.invite', { codeHash }),
  /** retention: entries whose invite key has expired are dropped when the list is read. */
  inviteIndex: () => keyFor(p, 'accounts.inviteIndex'),
  /** retention: as long as the account. */
  pseudonym: (skeleton: string) => keyFor(p, 'accounts.pseudonym', { skeleton }),
  /** retention: until the account is deleted. */
  account: (id: string) => keyFor(p, 'accounts.account', { accountId: id }),
  /**
   * retention: entries of ended sessions are pruned when listed and whenever a new session finds more than
   * `SESSION_INDEX_PRUNE_AT` entries, so it holds the live sessions plus at most that many.
   */
  accountSessions: (accountId: string) => keyFor(p, 'accounts.sessions', { accountId }),
  /** retention: TTL `SESSION_IDLE_MINUTES`, renewed by activity, never past `SESSION_MAX_HOURS`. */
  session: (tokenHash: string) => keyFor(p, 'accounts.session', { tokenHash }),
  /** retention: kept as long as the accounts, since every account's secrets depend on it. */
  kdfSalt: () => keyFor(p, 'accounts.kdfSalt'),
  /** retention: kept (one key). */
  bootstrap: () => keyFor(p, 'accounts.bootstrap'),
  /**
   * `p:<skeleton>`, `s:<skeleton>` (successes), `c:<device hash>` or `anonymous`; expires when its wait and counting
   * window are over.
   */
  loginThrottle: (key: string) => keyFor(p, 'accounts.loginThrottle', { throttle: key }),
  /** retention: expires with its last device. */
  accountDevices: (accountId: string) => keyFor(p, 'accounts.devices', { accountId }),
  /** retention: expires with its trust. */
  device: (deviceHash: string) => keyFor(p, 'accounts.device', { deviceHash }),
  /**
   * Redis Cluster mode only: held while a passphrase change of this account runs its two steps, so two changes
   * never interleave. retention: deleted at the end of the change, TTL 10 s at most.
   */
  passphraseLock: (accountId: string) => keyFor(p, 'accounts.passphraseLock', { accountId }),
});
