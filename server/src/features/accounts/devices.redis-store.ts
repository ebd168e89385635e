import type { Redis } from 'ioredis';
import { createScript } from '../../platform/redis/script.js';
import { accountKeys } from './accounts.keys.js';
import type { DeviceStore } from './devices.store.js';

/**
 * KEYS: account's device zset, device key. ARGV: device hash, expiresAt, max, account id, device-key prefix.
 * Scores are expiry times, so expired devices and the least recently used beyond `max` are the lowest.
 */
const trustScript = createScript(`
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', nowMs)
local extra = redis.call('ZCARD', KEYS[1]) - #gone - tonumber(ARGV[3])
if extra > 0 then
  for _, h in ipairs(redis.call('ZRANGE', KEYS[1], #gone, #gone + extra - 1)) do table.insert(gone, h) end
end
for _, h in ipairs(gone) do
  redis.call('ZREM', KEYS[1], h)
  local key = ARGV[5] .. h
  if redis.call('GET', key) == ARGV[4] then redis.call('DEL', key) end
end
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[4], 'PXAT', ARGV[2])
return 1
`);

/** KEYS: account's device zset. ARGV: account id, device-key prefix. */
const forgetScript = createScript(`
for _, h in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local key = ARGV[2] .. h
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
redis.call('DEL', KEYS[1])
return 1
`);

/** Every key expires with the last device it holds (`PEXPIREAT`), so nothing outlives its trust. */
export function createRedisDeviceStore(redis: Redis, prefix: string): DeviceStore {
  const k = accountKeys(prefix);
  return {
    async trust(accountId, deviceHash, expiresAt, max) {
      await trustScript.run(
        redis,
        [k.accountDevices(accountId), k.device(deviceHash)],
        [deviceHash, expiresAt, max, accountId, k.device('')],
      );
    },
    async isTrusted(accountId, deviceHash, now) {
      const score = await redis.zscore(k.accountDevices(accountId), deviceHash);
      return score !== null && Number(score) > now;
    },
    async forgetAll(accountId) {
      await forgetScript.run(redis, [k.accountDevices(accountId)], [accountId, k.device('')]);
    },
    async isKnown(deviceHash) {
      return (await redis.exists(k.device(deviceHash))) === 1;
    },
  };
}
