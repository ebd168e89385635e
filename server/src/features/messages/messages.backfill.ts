import { keyPrefixFor, patternRegExp, STORED } from '@staffroom/shared/privacy/registry';
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { scanKeys } from '../../platform/redis/cluster-client.js';
import type { Migration } from '../../platform/startup/migrations.js';
import { messageKeys } from './messages.keys.js';

/**
 * Reactions of messages trimmed before trimming deleted them (they name the reacting accounts): every
 * `grp:{id}:rx:<seq>` whose seq is older than the group's oldest kept message is deleted. Deleting what is
 * already gone changes nothing, so it may run again.
 */
export function trimmedReactionsBackfill(redis: Redis, prefix: string): Migration {
  const k = messageKeys(prefix);
  // The declared key, as a SCAN pattern and as a matcher (groupId, seq).
  const pattern = patternRegExp(STORED['messages.reactions'].pattern, prefix);
  const scanPattern = `${keyPrefixFor(prefix, 'messages.reactions', { groupId: '*' })}:*`;
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
      // Every primary on a Redis Cluster, the one server otherwise.
      for await (const keys of scanKeys(redis, scanPattern)) {
        const stale: string[] = [];
        for (const key of keys) {
          const match = pattern.exec(key);
          if (!match) continue;
          if (Number(match[2]) < (await oldestOf(match[1] as string))) stale.push(key);
        }
        // One key at a time: on a cluster the stale keys of a batch live in different slots.
        for (const key of stale) deleted += await redis.unlink(key);
      }
      return { deleted };
    },
  };
}
