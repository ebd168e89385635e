// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { SealedHistory } from '@staffroom/shared/schemas/wellness';
import type { Histogram } from './aggregate.js';
import { wellnessKeys } from './wellness.keys.js';
import type { StoredWeek, WellnessStore } from './wellness.store.js';

const TEACHERS = '_teachers';

/** Wellness in Redis: per-week token sets and histograms, sealed histories. Keys in `wellness.keys.ts`. */
export function createRedisWellnessStore(redis: Redis, prefix: string): WellnessStore {
  const k = wellnessKeys(prefix);
  return {
    async claim(week, token, ttlSeconds) {
      const [[, added]] = (await redis
        .multi()
        .sadd(k.answered(week), token)
        .expire(k.answered(week), ttlSeconds)
        .exec()) as [[Error | null, number], [Error | null, number]];
      return added === 1;
    },
    async hasClaimed(week, token) {
      return (await redis.sismember(k.answered(week), token)) === 1;
    },
    async addCounts(week, counts, teachers, ttlSeconds) {
      // One transaction: a reader never sees half a batch.
      const multi = redis.multi();
      for (const [field, n] of Object.entries(counts))
        if (n !== 0) multi.hincrby(k.histogram(week), field, n);
      multi.hset(k.histogram(week), TEACHERS, teachers);
      multi.expire(k.histogram(week), ttlSeconds);
      await multi.exec();
    },
    async weeks(weeks) {
      if (weeks.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const w of weeks) pipeline.hgetall(k.histogram(w));
      const results = (await pipeline.exec()) ?? [];
      return results.map(([err, raw]): StoredWeek => {
        if (err) throw err;
        const histogram: Histogram = {};
        let teachers: number | null = null;
        for (const [field, value] of Object.entries(raw as Record<string, string>)) {
          if (field === TEACHERS) teachers = Number(value);
          else histogram[field] = Number(value);
        }
        return { histogram, teachers };
      });
    },
    async addFeedback(week, token, text, tokenTtl, textTtl) {
      // The token and the text go to separate keys; only the SADD result decides whether the text is kept.
      const added = await redis.sadd(k.feedbackGiven(week), token);
      await redis.expire(k.feedbackGiven(week), tokenTtl);
      if (added !== 1) return false;
      await redis.multi().rpush(k.feedback(week), text).expire(k.feedback(week), textTtl).exec();
      return true;
    },
    async feedback(weeks) {
      if (weeks.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const w of weeks) pipeline.lrange(k.feedback(w), 0, -1);
      return ((await pipeline.exec()) ?? []).map(([err, texts]) => {
        if (err) throw err;
        return texts as string[];
      });
    },
    async saveHistory(accountId, sealed, ttlSeconds) {
      await redis.set(k.history(accountId), JSON.stringify(sealed), 'EX', ttlSeconds);
    },
    async history(accountId) {
      const raw = await redis.get(k.history(accountId));
      if (!raw) return null;
      const parsed = SealedHistory.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : null;
    },
    async deleteHistory(accountId) {
      return (await redis.del(k.history(accountId))) === 1;
    },
    async testClock() {
      const raw = await redis.get(k.testClock());
      return raw === null ? null : Number(raw);
    },
  };
}
