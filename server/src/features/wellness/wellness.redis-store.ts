// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { SealedHistory } from '@staffroom/shared/schemas/wellness';
import type { Histogram } from './aggregate.js';
import type { FrozenWeek } from './activity.js';
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
      const given = k.feedbackGiven(week);
      const res = (await redis.multi().sadd(given, token).expire(given, tokenTtl).exec()) ?? [];
      if (Number(res[0]?.[1] ?? 0) !== 1) return false;
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
    async feedbackCuts(weeks) {
      if (weeks.length === 0) return [];
      return redis.mget(...weeks.map((w) => k.feedbackCut(w)));
    },
    async markFeedbackCut(week, from, ttlSeconds) {
      await redis.set(k.feedbackCut(week), from, 'EX', ttlSeconds, 'NX');
    },
    async addActivity(week, counts, posters, groups, countsTtl, peopleTtl) {
      const multi = redis.multi();
      if (counts.messages) multi.hincrby(k.activity(week), 'messages', counts.messages);
      if (counts.meetings) multi.hincrby(k.activity(week), 'meetings', counts.meetings);
      multi.expire(k.activity(week), countsTtl);
      if (posters.length > 0) multi.pfadd(k.posters(week), ...posters).expire(k.posters(week), peopleTtl);
      if (groups.length > 0)
        multi.sadd(k.activeGroups(week), ...groups).expire(k.activeGroups(week), peopleTtl);
      await multi.exec();
    },
    async activityPeople(week) {
      const [[, posters], [, groups]] = (await redis
        .multi()
        .pfcount(k.posters(week))
        .scard(k.activeGroups(week))
        .exec()) as [[Error | null, number], [Error | null, number]];
      return { posters, activeGroups: groups };
    },
    async freezeActivity(week, frozen, ttlSeconds) {
      const [[, written]] = (await redis
        .multi()
        .hsetnx(k.activity(week), 'frozen', JSON.stringify(frozen))
        .expire(k.activity(week), ttlSeconds)
        .exec()) as [[Error | null, number], [Error | null, number]];
      return written === 1;
    },
    async activity(weeks) {
      if (weeks.length === 0) return [];
      const pipeline = redis.pipeline();
      for (const w of weeks) pipeline.hmget(k.activity(w), 'messages', 'meetings', 'frozen');
      return ((await pipeline.exec()) ?? []).map(([err, raw]) => {
        if (err) throw err;
        const [messages, meetings, frozen] = raw as (string | null)[];
        return {
          counts: { messages: Number(messages ?? 0), meetings: Number(meetings ?? 0) },
          frozen: frozen ? (JSON.parse(frozen) as FrozenWeek) : null,
        };
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
