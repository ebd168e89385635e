// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { createScript } from '../../platform/redis/script.js';
import type { ThrottleStore } from './login-throttle.store.js';

/**
 * `throttleStep` in Lua (keep the two the same). KEYS: the throttle's hash. ARGV: free, capMs, budget, windowMs.
 * Redis's clock, so nodes with drifting clocks agree. The key expires when both its wait and window are over.
 */
const acquireScript = createScript(`
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free, cap, budget, window = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local s = redis.call('HMGET', KEYS[1], 'n', 'next', 'since')
local n = tonumber(s[1]) or 0
local nextAt = tonumber(s[2]) or 0
local since = tonumber(s[3]) or now
if now - since >= window then n = 0; since = now end
if nextAt > now then return nextAt - now end
if n >= budget then return math.max(1, since + window - now) end
n = n + 1
local delay = 0
if n >= free then delay = math.min(cap, 1000 * 2 ^ math.min(n - free, 40)) end
nextAt = now + delay
redis.call('HSET', KEYS[1], 'n', n, 'next', nextAt, 'since', since)
redis.call('PEXPIREAT', KEYS[1], math.max(nextAt, since + window))
return 0
`);

/** KEYS: the throttle's hash. Never creates it (a refund after expiry has nothing to refund). */
const refundScript = createScript(`
local n = tonumber(redis.call('HGET', KEYS[1], 'n') or '0')
if n > 0 then redis.call('HSET', KEYS[1], 'n', n - 1) end
return 1
`);

/** `keyOf` maps a throttle key to its Redis key (built in accounts.keys.ts). */
export function createRedisThrottleStore(redis: Redis, keyOf: (key: string) => string): ThrottleStore {
  return {
    async acquire(key, rule) {
      return Number(
        await acquireScript.run(redis, [keyOf(key)], [rule.free, rule.capMs, rule.budget, rule.windowMs]),
      );
    },
    async refund(key) {
      await refundScript.run(redis, [keyOf(key)], []);
    },
    async reset(key) {
      await redis.del(keyOf(key));
    },
  };
}
