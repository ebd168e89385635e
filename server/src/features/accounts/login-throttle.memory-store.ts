import { throttleStep, type ThrottleStore } from './login-throttle.store.js';

/** Embedded mode. Bounded: entries are dropped once both their wait and their window are over. */
export function createMemoryThrottleStore(clock: () => number = Date.now): ThrottleStore {
  const keys = new Map<string, { n: number; next: number; since: number; until: number }>();
  let sweptAt = 0;
  const sweep = (now: number) => {
    if (now - sweptAt < 60_000) return;
    sweptAt = now;
    for (const [key, state] of keys) if (state.until <= now) keys.delete(key);
  };
  return {
    async acquire(key, rule) {
      const now = clock();
      sweep(now);
      const step = throttleStep(keys.get(key) ?? null, rule, now);
      if ('wait' in step) return step.wait;
      keys.set(key, { ...step, until: Math.max(step.next, step.since + rule.windowMs) });
      return 0;
    },
    async refund(key) {
      const state = keys.get(key);
      if (state && state.n > 0) state.n -= 1;
    },
    async reset(key) {
      keys.delete(key);
    },
  };
}
