import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { scanKeys } from '../../platform/redis/cluster-client.js';
import type { Migration } from '../../platform/startup/migrations.js';
import { moderationKeys } from './moderation.keys.js';
import { awaitsAcknowledgement, queueOf, reportPriority, type ReportRecord } from './moderation.store.js';

/** Ids read from a queue at a time. */
const BATCH = 500;
/** In a queue, every urgent report's score is below this (`reportPriority`), every other one's above. */
const URGENT_BELOW = reportPriority({ urgent: false, createdAt: 0 });

/**
 * Urgent items filed before each queue had its urgent index (`reports:urgent:{queue}`) are in no index, so the
 * badge would not count them and nobody would escalate them. Every open report of every queue (and of the queue
 * of older versions) that still awaits an acknowledgement joins its queue's index (`ZADD NX`). Safe against the
 * live code: an item acknowledged or handled after it was read here is taken out by the next reader of the index
 * (the report says so), and adding what is there changes nothing, so it may run again.
 */
export function urgentIndexBackfill(redis: Redis, prefix: string): Migration {
  const k = moderationKeys(prefix);
  /** Indexes these ids' reports that await an acknowledgement; returns how many joined an index. */
  const indexIds = async (ids: readonly string[]): Promise<number> => {
    if (ids.length === 0) return 0;
    const own = await redis.mget(...ids.map((id) => k.report(id)));
    const missing = ids.filter((_, i) => !own[i]);
    const legacy = missing.length > 0 ? await redis.hmget(k.reports(), ...missing) : [];
    const legacyById = new Map(missing.map((id, i) => [id, legacy[i]]));
    let added = 0;
    for (const [i, id] of ids.entries()) {
      const json = own[i] ?? legacyById.get(id);
      if (!json) continue;
      const r = JSON.parse(json) as ReportRecord;
      if (awaitsAcknowledgement(r))
        added += await redis.zadd(k.urgentReports(queueOf(r)), 'NX', r.createdAt, r.id);
    }
    return added;
  };
  /**
   * Every id of a queue scored up to `max`, paged by score (never by rank: reports handled meanwhile leave the
   * queue, and a rank would then skip one still open). A page restarts at its last score, read again whole.
   */
  const index = async (queueKey: string, max: string): Promise<number> => {
    let added = 0;
    for (let min = '-inf'; ;) {
      const flat = await redis.zrangebyscore(queueKey, min, max, 'WITHSCORES', 'LIMIT', 0, BATCH);
      const page: [string, string][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) page.push([flat[i] as string, flat[i + 1] as string]);
      const last = page.at(-1)?.[1];
      if (page.length < BATCH || last === undefined) return added + (await indexIds(page.map(([id]) => id)));
      if (page[0]?.[1] === last) {
        // A whole page of one score: that score whole, then on past it.
        added += await indexIds(await redis.zrangebyscore(queueKey, last, last));
        min = `(${last}`;
      } else {
        added += await indexIds(page.filter(([, score]) => score !== last).map(([id]) => id));
        min = last;
      }
    }
  };
  return {
    id: '2026-12-urgent-index',
    async run() {
      let added = await index(k.legacyOpenReports(), '+inf');
      // Every primary on a Redis Cluster, the one server otherwise. Urgent items sort first (`reportPriority`).
      for await (const keys of scanKeys(redis, k.openReports('*')))
        for (const key of keys) added += await index(key, `(${URGENT_BELOW}`);
      return { added };
    },
  };
}
