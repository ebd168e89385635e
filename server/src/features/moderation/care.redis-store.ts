// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { CareMessage } from '@staffroom/shared/schemas/moderation';
import { careKeys } from './care.keys.js';
import { CARE_INBOX_MAX, CARE_TTL_SECONDS, type CareStore } from './care.store.js';

export function createRedisCareStore(redis: Redis, prefix: string): CareStore {
  const k = careKeys(prefix);
  const read = async (accountId: string) =>
    (await redis.lrange(k.inbox(accountId), 0, -1)).flatMap((json) => {
      const parsed = CareMessage.safeParse(JSON.parse(json));
      return parsed.success ? [{ json, message: parsed.data }] : [];
    });
  return {
    async add(accountId, message) {
      const key = k.inbox(accountId);
      await redis
        .multi()
        .lpush(key, JSON.stringify(message))
        .ltrim(key, 0, CARE_INBOX_MAX - 1)
        .expire(key, CARE_TTL_SECONDS)
        .exec();
    },
    async list(accountId) {
      return (await read(accountId)).map((e) => e.message).reverse();
    },
    async eraseAccount(accountId) {
      await redis.del(k.inbox(accountId));
    },
    async claimEscalation(reportId) {
      return (await redis.set(k.escalated(reportId), '1', 'EX', CARE_TTL_SECONDS, 'NX')) === 'OK';
    },
    async remove(accountId, id) {
      const found = (await read(accountId)).find((e) => e.message.id === id);
      if (found) await redis.lrem(k.inbox(accountId), 0, found.json);
    },
  };
}
