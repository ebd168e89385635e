import type { ThrottleRule, ThrottleStore } from './login-throttle.store.js';

/**
 * Log-in throttling (OWASP Authentication Cheat Sheet, RELIABILITY.md S4/S5), cluster-wide when on Redis.
 *
 * Every attempt takes a slot before its passphrase is evaluated (atomically, so parallel guesses cannot slip
 * through together) in:
 * - its pseudonym's throttle (by skeleton, known or not): the first failures cost nothing, then each one makes
 *   the next attempt wait, doubling from 1 s up to the cap, and at most `failuresPerHour` are evaluated in an
 *   hour (ASVS 2.2.1). Nothing is a fixed lock: once the guessing stops, the pseudonym is open within the cap.
 *   A browser the owner logged in from before (trusted device) skips it, so an attacker hammering a pseudonym
 *   never keeps its owner out of their own browsers;
 * - its client's throttle, for a browser carrying a device token we issued (twice the free failures, then the
 *   same doubling): one browser cannot spray a passphrase over many pseudonyms;
 * - for requests without a known device token, one budget shared by all of them (`anonymousPerMinute`):
 *   spraying from fresh cookie jars is capped cluster-wide, and its first refusal is the operator's alarm.
 * A success clears the pseudonym's throttle and gives the client its slot back; a failure keeps both counted.
 *
 * Successes are budgeted too (`successesPer10Minutes` per pseudonym, trusted browsers included): each attempt
 * also takes a slot there before its passphrase is evaluated, and a failure gives it back (failures are counted
 * above). Without it, the owner of one account (or a script with its passphrase) could log in without end, each
 * time a bcrypt evaluation and a new session: a few parallel loops held a node's bcrypt threads and made
 * everyone else's log-in wait seconds. Nobody without the passphrase can spend this budget.
 */
export interface LoginAttempt {
  /** The pseudonym's skeleton. */
  pseudonym: string;
  /** The hash of a device token some account trusts, or null (no cookie, or one we do not know). */
  client: string | null;
  /** True when `client` is trusted for the account behind `pseudonym`. */
  trusted: boolean;
}

export type LoginRefusal = {
  scope: 'pseudonym' | 'client' | 'anonymous' | 'successes';
  retryAfterMs: number;
};

export interface LoginLimiter {
  /**
   * Takes this attempt's slots, or says why it must not be evaluated now (then it holds none). `alarm` is true
   * for the first refusal of the anonymous budget in its window.
   */
  acquire(attempt: LoginAttempt): Promise<{ refusal: LoginRefusal | null; alarm: boolean }>;
  /** The attempt's passphrase was right. */
  succeeded(attempt: LoginAttempt): Promise<void>;
  /** The attempt's passphrase was wrong: its slot in the successes budget is given back. */
  failed(attempt: LoginAttempt): Promise<void>;
  /** Forgets the pseudonym's throttles (its account is erased). */
  forget(pseudonym: string): Promise<void>;
}

export interface LoginLimiterOptions {
  store: ThrottleStore;
  /** Failures on one pseudonym before delays start. */
  freeFailures: number;
  /** Longest delay between two evaluated attempts on one pseudonym (or from one browser). */
  capSeconds: number;
  /** Evaluated attempts per pseudonym (and per browser) per hour, whatever the delays. */
  failuresPerHour: number;
  /** Evaluated failures per minute across every request without a known device token. */
  anonymousPerMinute: number;
  /** Successful log-ins (and passphrase checks) per pseudonym per 10 minutes; default 20. */
  successesPer10Minutes?: number;
}

const HOUR_MS = 3600_000;
const ANONYMOUS = 'anonymous';

export function createLoginLimiter(opts: LoginLimiterOptions): LoginLimiter {
  const { store } = opts;
  const pseudonymRule: ThrottleRule = {
    free: opts.freeFailures,
    capMs: opts.capSeconds * 1000,
    budget: opts.failuresPerHour,
    windowMs: HOUR_MS,
  };
  // A teacher mistyping two pseudonyms is not a sprayer: a browser gets twice the free failures.
  const clientRule: ThrottleRule = { ...pseudonymRule, free: opts.freeFailures * 2 };
  // No growing delays on the shared budget: one sprayer must not make every new browser wait minutes.
  const anonymousRule: ThrottleRule = {
    free: Number.MAX_SAFE_INTEGER,
    capMs: 0,
    budget: opts.anonymousPerMinute,
    windowMs: 60_000,
  };
  const successRule: ThrottleRule = {
    free: Number.MAX_SAFE_INTEGER,
    capMs: 0,
    budget: opts.successesPer10Minutes ?? 20,
    windowMs: 600_000,
  };
  const successKey = (a: LoginAttempt) => `s:${a.pseudonym}`;
  let alarmedWindow = -1;

  const clientKey = (a: LoginAttempt) => (a.client ? `c:${a.client}` : ANONYMOUS);

  return {
    async acquire(a) {
      const clientWait = await store.acquire(clientKey(a), a.client ? clientRule : anonymousRule);
      if (clientWait > 0) {
        const scope = a.client ? 'client' : 'anonymous';
        // One warning per window and node (the window is the same on every node, so a few lines at most).
        const window = Math.floor(Date.now() / 60_000);
        const alarm = scope === 'anonymous' && window !== alarmedWindow;
        if (alarm) alarmedWindow = window;
        return { refusal: { scope, retryAfterMs: clientWait }, alarm };
      }
      if (!a.trusted) {
        const pseudonymWait = await store.acquire(`p:${a.pseudonym}`, pseudonymRule);
        if (pseudonymWait > 0) {
          // Refused before evaluation: the client's slot is given back (the wait it set, if any, stays).
          await store.refund(clientKey(a));
          return { refusal: { scope: 'pseudonym', retryAfterMs: pseudonymWait }, alarm: false };
        }
      }
      const successWait = await store.acquire(successKey(a), successRule);
      if (successWait > 0) {
        await Promise.all([
          store.refund(clientKey(a)),
          a.trusted ? Promise.resolve() : store.refund(`p:${a.pseudonym}`),
        ]);
        return { refusal: { scope: 'successes', retryAfterMs: successWait }, alarm: false };
      }
      return { refusal: null, alarm: false };
    },
    failed: (a) => store.refund(successKey(a)),
    async forget(pseudonym) {
      await Promise.all([store.reset(`p:${pseudonym}`), store.reset(`s:${pseudonym}`)]);
    },
    async succeeded(a) {
      // A trusted browser's success leaves the pseudonym's throttle alone: the owner's routine log-ins must not
      // hand an attacker a fresh set of free guesses.
      await Promise.all([
        store.refund(clientKey(a)),
        a.trusted ? Promise.resolve() : store.reset(`p:${a.pseudonym}`),
      ]);
    },
  };
}
