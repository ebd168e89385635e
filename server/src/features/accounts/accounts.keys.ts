/** Every Redis key the accounts capability owns. `p` is the deployment prefix from config. */
export const accountKeys = (p: string) => ({
  /** hash: an invite, found by the SHA-256 of its code (the code itself is never stored). */
  invite: (codeHash: string) => `${p}invite:${codeHash}`,
  /** hash: invite id → code hash, the admin's list. */
  inviteIndex: () => `${p}invites`,
  /** string: account id owning this pseudonym skeleton (uniqueness). */
  pseudonym: (skeleton: string) => `${p}pseudonym:${skeleton}`,
  /** hash: the account record. */
  account: (id: string) => `${p}account:${id}`,
  /** hash: public session id → token hash, for listing and revoking an account's sessions. */
  accountSessions: (accountId: string) => `${p}account:${accountId}:sessions`,
  /** hash with TTL: a session, found by the SHA-256 of its token. */
  session: (tokenHash: string) => `${p}session:${tokenHash}`,
  /**
   * string, no TTL: the deployment's public passphrase-salt value (SET NX once; kept as long as the accounts,
   * since every account's secrets depend on it).
   */
  kdfSalt: () => `${p}kdf-salt`,
  /** string: set once when the first admin invite has been printed. */
  bootstrap: () => `${p}bootstrap`,
  /** rate-limiter-flexible prefix for failed logins per pseudonym. */
  loginFailures: () => `${p}login-fail`,
});
