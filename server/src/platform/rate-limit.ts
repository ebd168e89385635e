import type { RedisClient as Redis } from './redis/connect.js';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { AppError } from './errors.js';

export interface RateLimit {
  /** Spends `points` (default 1) for `key`, or throws RATE_LIMITED with the wait. */
  consume(key: string, points?: number): Promise<void>;
}

/**
 * A cluster-wide limit when on Redis (one per process in embedded mode). Once a key is over its budget, this
 * node answers it from memory until the window ends, so a flood costs no Redis round trips.
 */
export function createRateLimit(opts: {
  redis: Redis | null;
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  message: string;
}): RateLimit {
  const settings = { keyPrefix: opts.keyPrefix, points: opts.points, duration: opts.durationSeconds };
  const limiter: RateLimiterAbstract = opts.redis
    ? new RateLimiterRedis({
        ...settings,
        storeClient: opts.redis,
        useRedisPackage: false,
        inMemoryBlockOnConsumed: opts.points + 1,
      })
    : new RateLimiterMemory(settings);
  return {
    async consume(key, points = 1) {
      try {
        await limiter.consume(key, points);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          throw new AppError(ErrorCode.RATE_LIMITED, opts.message, { retryAfterMs: rejection.msBeforeNext });
        }
        throw rejection;
      }
    },
  };
}
