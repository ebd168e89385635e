import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import type { Migration } from '../../platform/startup/migrations.js';
import { createScript } from '../../platform/redis/script.js';
import { consultationKeys } from './consultations.keys.js';
import type { ConversationRecord, RequestRecord } from './consultations.store.js';

/**
 * KEYS: records hash, retention index zset. ARGV: id, the JSON read, the JSON with its retention clock, score.
 * Compare-and-set: a record changed since it was read is left to the live code (which indexes what it saves).
 */
const clockScript = createScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[2], 'NX', ARGV[4], ARGV[1])
return 1
`);

/** Cluster mode (the index is in another slot): the compare-and-set alone. KEYS: records hash. ARGV as above. */
const clockOnlyScript = createScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 1
`);

/**
 * Conversations closed and requests finished before retention existed have no retention clock (`closedAt`,
 * `finishedAt`) and are in no retention index, so the sweep would never delete them. Each gets the time of this
 * backfill as its clock (the real one is unknown; this never deletes anything sooner than promised) and joins
 * its index; `CONSULTATION_RETENTION_DAYS` later the sweep deletes it like any other.
 */
export function retentionClocksBackfill(redis: Redis, prefix: string, now = Date.now): Migration {
  const k = consultationKeys(prefix);
  const each = async (
    hash: string,
    index: string,
    at: number,
    stamp: (json: string) => string | null,
  ): Promise<number> => {
    let stamped = 0;
    let cursor = '0';
    do {
      const [next, flat] = await redis.hscan(hash, cursor, 'COUNT', 200);
      cursor = next;
      for (let i = 0; i + 1 < flat.length; i += 2) {
        const [id, json] = [flat[i] as string, flat[i + 1] as string];
        const updated = stamp(json);
        if (updated === null) continue;
        if (redis.isCluster) {
          // Two slots: index first (harmless if the record then changed: it is finished either way, and the
          // live code indexes what it saves), so an interruption never leaves a stamped record unindexed.
          await redis.zadd(index, 'NX', at, id);
          stamped += Number(await clockOnlyScript.run(redis, [hash], [id, json, updated]));
        } else {
          stamped += Number(await clockScript.run(redis, [hash, index], [id, json, updated, at]));
        }
      }
    } while (cursor !== '0');
    return stamped;
  };
  return {
    id: '2026-12-consultation-retention-clocks',
    async run() {
      const at = now();
      const conversations = await each(k.conversations(), k.closedConversations(), at, (json) => {
        const c = JSON.parse(json) as ConversationRecord;
        return c.status === 'closed' && c.closedAt === undefined
          ? JSON.stringify({ ...c, closedAt: at })
          : null;
      });
      const requests = await each(k.requests(), k.finishedRequests(), at, (json) => {
        const r = JSON.parse(json) as RequestRecord;
        return (r.status === 'matched' || r.status === 'withdrawn') && r.finishedAt === undefined
          ? JSON.stringify({ ...r, finishedAt: at })
          : null;
      });
      return { conversations, requests };
    },
  };
}
