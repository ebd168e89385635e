import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';

/** Counts failed logins per pseudonym, cluster-wide when on Redis. */
export interface LoginLimiter {
  /** Milliseconds until the pseudonym may try again, or 0 when it is not locked. */
  lockedFor(key: string): Promise<number>;
  /** Records a failure; returns the lock in ms when this failure locked the pseudonym, else 0. */
  recordFailure(key: string): Promise<number>;
  reset(key: string): Promise<void>;
}

export function createLoginLimiter(opts: {
  redis: Redis | null;
  keyPrefix: string;
  maxFailures: number;
  windowSeconds: number;
}): LoginLimiter {
  const settings = {
    keyPrefix: opts.keyPrefix,
    points: opts.maxFailures,
    duration: opts.windowSeconds,
    blockDuration: opts.windowSeconds,
  };
  const limiter: RateLimiterAbstract = opts.redis
    ? new RateLimiterRedis({ ...settings, storeClient: opts.redis, useRedisPackage: false })
    : new RateLimiterMemory(settings);

  return {
    async lockedFor(key) {
      const res = await limiter.get(key);
      return res && res.consumedPoints >= opts.maxFailures ? Math.max(1, res.msBeforeNext) : 0;
    },
    async recordFailure(key) {
      try {
        const res = await limiter.consume(key);
        if (res.remainingPoints > 0) return 0;
        // The failure that reaches the limit starts a full lock, not just the rest of the counting window.
        await limiter.block(key, opts.windowSeconds);
        return opts.windowSeconds * 1000;
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
        throw rejection;
      }
    },
    async reset(key) {
      await limiter.delete(key);
    },
  };
}
