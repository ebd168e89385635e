/**
 * Trusted devices: browsers an account has logged in from, known by the SHA-256 of a random token kept in an
 * HttpOnly cookie. A trusted browser skips the per-pseudonym log-in throttle (see `login-limiter.ts`).
 */
export interface DeviceStore {
  /**
   * Trusts `deviceHash` for `accountId` until `expiresAt`, keeping at most `max` devices per account: the
   * least recently used ones beyond that are forgotten, and stop being known clients.
   */
  trust(accountId: string, deviceHash: string, expiresAt: number, max: number): Promise<void>;
  isTrusted(accountId: string, deviceHash: string, now: number): Promise<boolean>;
  /** True while some account trusts this device (it then has its own log-in budget). */
  isKnown(deviceHash: string, now: number): Promise<boolean>;
  /** Forgets every device of the account (log out everywhere, a ban): none of them skips the throttle any more. */
  forgetAll(accountId: string): Promise<void>;
}
