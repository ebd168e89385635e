import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { workshopKeys } from './workshops.keys.js';
import { SCORES, type WorkshopStore } from './workshops.store.js';
import { createScript } from '../../platform/redis/script.js';

/**
 * KEYS: useful hash. ARGV: score, expiry (s), publishEvery. Counts the answer; when the total reaches a multiple
 * of publishEvery, freezes the histogram as `shown:<score>` (what the host sees), all in one step.
 */
const countScript = createScript(`
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('EXPIREAT', KEYS[1], ARGV[2])
local counts, total = {}, 0
for s = 1, 5 do
  counts[s] = tonumber(redis.call('HGET', KEYS[1], tostring(s)) or '0')
  total = total + counts[s]
end
if total % tonumber(ARGV[3]) == 0 then
  for s = 1, 5 do redis.call('HSET', KEYS[1], 'shown:' .. s, counts[s]) end
end
return total
`);

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
    async answer(s, token, score, expiresAt, publishEvery) {
      // Only the SADD result decides whether the score is counted; the two keys never name each other.
      const answered = k.answered(s.groupId, s.meetingId);
      const useful = k.useful(s.groupId, s.meetingId);
      const res = (await redis.multi().sadd(answered, token).expireat(answered, at(expiresAt)).exec()) ?? [];
      if (Number(res[0]?.[1] ?? 0) !== 1) return false;
      await countScript.run(redis, [useful], [score, at(expiresAt), publishEvery]);
      return true;
    },
    async hasAnswered(s, token) {
      return (await redis.sismember(k.answered(s.groupId, s.meetingId), token)) === 1;
    },
    async scores(s) {
      const raw = await redis.hgetall(k.useful(s.groupId, s.meetingId));
      return SCORES.map((score) => Number(raw[String(score)] ?? 0));
    },
    async publishedScores(s) {
      const raw = await redis.hgetall(k.useful(s.groupId, s.meetingId));
      return SCORES.map((score) => Number(raw[`shown:${score}`] ?? 0));
    },
  };
}
