import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { retentionKeys } from './retention.keys.js';
import type { GroupRetentionStore } from './retention.store.js';

export function createRedisRetentionStore(redis: Redis, prefix: string): GroupRetentionStore {
  const k = retentionKeys(prefix);
  return {
    async groupDays(groupIds) {
      if (groupIds.length === 0) return [];
      // One GET per group (each key is in its group's cluster slot), in one pipeline.
      const pipe = redis.pipeline();
      for (const id of groupIds) pipe.get(k.groupDays(id));
      return ((await pipe.exec()) ?? []).map(([err, value]) => {
        if (err) throw err;
        const n = Number(value);
        return typeof value === 'string' && Number.isInteger(n) && n > 0 ? n : null;
      });
    },
    async setGroupDays(groupId, days) {
      if (days === null) await redis.del(k.groupDays(groupId));
      else await redis.set(k.groupDays(groupId), String(days));
    },
  };
}
