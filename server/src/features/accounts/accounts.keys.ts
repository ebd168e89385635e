/** Every Redis key the accounts capability owns. `p` is the deployment prefix from config. */
export const accountKeys = (p: string) => ({
  /**
   * hash: an invite, found by the SHA-256 of its code (the code itself is never stored).
   * retention: expires a grace period after the invite does (PEXPIREAT at save).
   */
  invite: (codeHash: string) => `${p}invite:${codeHash}`,
  /**
   * hash: invite id → code hash, the admin's list.
   * retention: entries whose invite key has expired are dropped when the list is read.
   */
  inviteIndex: () => `${p}invites`,
  /** string: account id owning this pseudonym skeleton (uniqueness). retention: as long as the account. */
  pseudonym: (skeleton: string) => `${p}pseudonym:${skeleton}`,
  /** hash: the account record. retention: until the account is deleted (by its owner or an admin). */
  account: (id: string) => `${p}account:${id}`,
  /**
   * hash: public session id → token hash, for listing and revoking an account's sessions.
   * retention: entries of ended sessions are pruned when listed and whenever a new session finds more than
   * `SESSION_INDEX_PRUNE_AT` entries, so it holds the live sessions plus at most that many.
   */
  accountSessions: (accountId: string) => `${p}account:${accountId}:sessions`,
  /**
   * hash with TTL: a session, found by the SHA-256 of its token.
   * retention: TTL `SESSION_IDLE_MINUTES`, renewed by activity, never past `SESSION_MAX_HOURS`.
   */
  session: (tokenHash: string) => `${p}session:${tokenHash}`,
  /**
   * string, no TTL: the deployment's public passphrase-salt value (SET NX once). retention: kept as long as the
   * accounts, since every account's secrets depend on it.
   */
  kdfSalt: () => `${p}kdf-salt`,
  /** string: set once when the first admin invite has been printed. retention: kept (one key). */
  bootstrap: () => `${p}bootstrap`,
  /**
   * hash {n, next, since}: one log-in throttle (`p:<skeleton>`, `c:<device hash>` or `anonymous`); expires when
   * both its wait and its counting window are over.
   */
  loginThrottle: (key: string) => `${p}login:${key}`,
  /** zset, expires with its last device: device token hash → trusted-until (ms), at most a few per account. */
  accountDevices: (accountId: string) => `${p}account:${accountId}:devices`,
  /** string, expires with its trust: the account that last trusted this device token hash (a known client). */
  device: (deviceHash: string) => `${p}device:${deviceHash}`,
  /**
   * string with TTL (Redis Cluster mode only): held while a passphrase change of this account runs its two
   * steps, so two changes never interleave. retention: deleted at the end of the change, TTL 10 s at most.
   */
  passphraseLock: (accountId: string) => `${p}account:${accountId}:passphrase-lock`,
});
