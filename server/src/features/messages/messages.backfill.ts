import type { Redis } from 'ioredis';
import type { Migration } from '../../platform/startup/migrations.js';
import { messageKeys } from './messages.keys.js';

/**
 * Reactions of messages trimmed before trimming deleted them (they name the reacting accounts): every
 * `grp:{id}:rx:<seq>` whose seq is older than the group's oldest kept message is deleted. Deleting what is
 * already gone changes nothing, so it may run again.
 */
export function trimmedReactionsBackfill(redis: Redis, prefix: string): Migration {
  const k = messageKeys(prefix);
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped}grp:\\{(.+)\\}:rx:(\\d+)$`);
  return {
    id: '2026-12-trimmed-reactions',
    async run() {
      /** The seq of each group's oldest kept message (Infinity: nothing kept). */
      const oldest = new Map<string, number>();
      const oldestOf = async (groupId: string) => {
        let seq = oldest.get(groupId);
        if (seq === undefined) {
          const [first] = (await redis.xrange(k.stream(groupId), '-', '+', 'COUNT', 1)) as [
            string,
            string[],
          ][];
          seq = first ? Number(first[0].split('-')[0]) : Infinity;
          oldest.set(groupId, seq);
        }
        return seq;
      };
      let deleted = 0;
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}grp:{*}:rx:*`, 'COUNT', 500);
        cursor = next;
        const stale: string[] = [];
        for (const key of keys) {
          const match = pattern.exec(key);
          if (!match) continue;
          if (Number(match[2]) < (await oldestOf(match[1] as string))) stale.push(key);
        }
        if (stale.length > 0) deleted += await redis.unlink(...stale);
      } while (cursor !== '0');
      return { deleted };
    },
  };
}
