import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { workshopKeys } from './workshops.keys.js';
import { SCORES, type WorkshopStore } from './workshops.store.js';

/** Workshops in Redis: token sets and a score histogram per session. Keys in `workshops.keys.ts`. */
export function createRedisWorkshopStore(redis: Redis, prefix: string): WorkshopStore {
  const k = workshopKeys(prefix);
  const at = (ms: number) => Math.ceil(ms / 1000);
  return {
    async signUp(s, token, expiresAt) {
      const key = k.signups(s.groupId, s.meetingId);
      const res = (await redis.multi().sadd(key, token).expireat(key, at(expiresAt)).scard(key).exec()) ?? [];
      return Number(res[2]?.[1] ?? 0);
    },
    async withdraw(s, token) {
      const key = k.signups(s.groupId, s.meetingId);
      const res = (await redis.multi().srem(key, token).scard(key).exec()) ?? [];
      return Number(res[1]?.[1] ?? 0);
    },
    async signUpStatus(s, token) {
      const key = k.signups(s.groupId, s.meetingId);
      const [signedUp, count] = await Promise.all([redis.sismember(key, token), redis.scard(key)]);
      return { signedUp: signedUp === 1, count };
    },
    async answer(s, token, score, expiresAt) {
      // Only the SADD result decides whether the score is counted; the two keys never name each other.
      const answered = k.answered(s.groupId, s.meetingId);
      const useful = k.useful(s.groupId, s.meetingId);
      const added = await redis.sadd(answered, token);
      await redis.expireat(answered, at(expiresAt));
      if (added !== 1) return false;
      await redis.multi().hincrby(useful, String(score), 1).expireat(useful, at(expiresAt)).exec();
      return true;
    },
    async hasAnswered(s, token) {
      return (await redis.sismember(k.answered(s.groupId, s.meetingId), token)) === 1;
    },
    async scores(s) {
      const raw = await redis.hgetall(k.useful(s.groupId, s.meetingId));
      return SCORES.map((score) => Number(raw[String(score)] ?? 0));
    },
  };
}
