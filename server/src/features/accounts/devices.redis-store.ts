// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { createScript } from '../../platform/redis/script.js';
import { deleteIf } from '../../platform/redis/delete-if.js';
import { accountKeys } from './accounts.keys.js';
import type { DeviceStore } from './devices.store.js';

/**
 * KEYS: account's device zset, device key. ARGV: device hash, expiresAt, max, account id, device-key prefix,
 * '1' for cluster mode. Scores are expiry times, so expired devices and the least recently used beyond `max`
 * are the lowest. Cluster mode: the device keys are in other slots, so the script only keeps the zset (KEYS[2]
 * is the zset again, untouched) and returns the hashes it dropped; the store then deletes their device keys
 * and sets the new one, one slot at a time (`trust`).
 */
const trustScript = createScript(`
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local cluster = ARGV[6] == '1'
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
local gone = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', nowMs)
local extra = redis.call('ZCARD', KEYS[1]) - #gone - tonumber(ARGV[3])
if extra > 0 then
  for _, h in ipairs(redis.call('ZRANGE', KEYS[1], #gone, #gone + extra - 1)) do table.insert(gone, h) end
end
for _, h in ipairs(gone) do
  redis.call('ZREM', KEYS[1], h)
  local key = ARGV[5] .. h
  if not cluster and redis.call('GET', key) == ARGV[4] then redis.call('DEL', key) end
end
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
if cluster then return gone end
redis.call('SET', KEYS[2], ARGV[4], 'PXAT', ARGV[2])
return 1
`);

/** KEYS: account's device zset. ARGV: account id, device-key prefix, '1' for cluster mode (see trustScript). */
const forgetScript = createScript(`
local hashes = redis.call('ZRANGE', KEYS[1], 0, -1)
redis.call('DEL', KEYS[1])
if ARGV[3] == '1' then return hashes end
for _, h in ipairs(hashes) do
  local key = ARGV[2] .. h
  if redis.call('GET', key) == ARGV[1] then redis.call('DEL', key) end
end
return 1
`);

/** Every key expires with the last device it holds (`PEXPIREAT`), so nothing outlives its trust. */
export function createRedisDeviceStore(redis: Redis, prefix: string): DeviceStore {
  const k = accountKeys(prefix);
  return {
    async trust(accountId, deviceHash, expiresAt, max) {
      if (!redis.isCluster) {
        await trustScript.run(
          redis,
          [k.accountDevices(accountId), k.device(deviceHash)],
          [deviceHash, expiresAt, max, accountId, k.device(''), '0'],
        );
        return;
      }
      // Cluster: the account's zset first, then each device key in its own slot. A crash in between leaves a
      // device trusted in the zset but not yet known by hash (it is known at its next log-in), or a dropped
      // device's key until its own expiry: never a device trusted that the account did not trust.
      const gone = (await trustScript.run(
        redis,
        [k.accountDevices(accountId), k.accountDevices(accountId)],
        [deviceHash, expiresAt, max, accountId, k.device(''), '1'],
      )) as string[];
      await Promise.all(gone.map((h) => deleteIf(redis, k.device(h), accountId)));
      await redis.set(k.device(deviceHash), accountId, 'PXAT', expiresAt);
    },
    async isTrusted(accountId, deviceHash, now) {
      const score = await redis.zscore(k.accountDevices(accountId), deviceHash);
      return score !== null && Number(score) > now;
    },
    async forgetAll(accountId) {
      const cluster = redis.isCluster;
      const hashes = await forgetScript.run(
        redis,
        [k.accountDevices(accountId)],
        [accountId, k.device(''), cluster ? '1' : '0'],
      );
      // Cluster: the device keys, each in its own slot, after the zset (a crash in between leaves keys that
      // still expire with their trust).
      if (cluster) {
        await Promise.all((hashes as string[]).map((h) => deleteIf(redis, k.device(h), accountId)));
      }
    },
    async isKnown(deviceHash) {
      return (await redis.exists(k.device(deviceHash))) === 1;
    },
  };
}
