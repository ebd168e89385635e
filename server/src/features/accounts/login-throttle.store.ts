/** How one throttle spaces the attempts on one key (a pseudonym, a browser, or everyone without a cookie). */
export interface ThrottleRule {
  /** Attempts that cost nothing; from this one on, each makes the next wait, doubling from 1 s. */
  free: number;
  /** Longest wait. */
  capMs: number;
  /** Attempts counted per window, whatever the waits. */
  budget: number;
  windowMs: number;
}

/**
 * The state of the log-in throttles, shared by every node. `acquire` is one atomic step, so a burst of parallel
 * guesses cannot all pass a check before any of them is counted: each attempt takes its slot first and counts as
 * a failure until it is refunded or the key reset.
 */
export interface ThrottleStore {
  /** 0 when this attempt may be evaluated now (and is counted), else the milliseconds to wait. */
  acquire(key: string, rule: ThrottleRule): Promise<number>;
  /** Uncounts one attempt (it succeeded, or was refused elsewhere); the wait it set stays. */
  refund(key: string): Promise<void>;
  /** Forgets the key (a successful log-in on a pseudonym). */
  reset(key: string): Promise<void>;
}

/** The step `acquire` takes, shared by both stores so they cannot drift: the new state, or the wait. */
export function throttleStep(
  state: { n: number; next: number; since: number } | null,
  rule: ThrottleRule,
  now: number,
): { wait: number } | { n: number; next: number; since: number } {
  let n = state?.n ?? 0;
  let since = state?.since ?? now;
  if (now - since >= rule.windowMs) {
    n = 0;
    since = now;
  }
  const next = state?.next ?? 0;
  if (next > now) return { wait: next - now };
  if (n >= rule.budget) return { wait: Math.max(1, since + rule.windowMs - now) };
  n += 1;
  const delay = n >= rule.free ? Math.min(rule.capMs, 1000 * 2 ** Math.min(n - rule.free, 40)) : 0;
  return { n, next: now + delay, since };
}
