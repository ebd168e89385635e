import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { pseudonymSkeleton } from '@staffroom/shared/rules/pseudonym';
import type { Migration } from '../../platform/startup/migrations.js';
import { createScript } from '../../platform/redis/script.js';
import { groupKeys } from './groups.keys.js';
import type { MembershipRecord } from './groups.store.js';

/**
 * KEYS: members, aliases. ARGV: accountId, the membership JSON read, the same with its skeleton, the skeleton.
 * Compare-and-set: a membership changed (or gone) since it was read is left alone.
 * @returns 'indexed' | 'conflict' (another member already shows that name) | 'changed'
 */
const indexScript = createScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 'changed' end
local owner = redis.call('HGET', KEYS[2], ARGV[4])
if owner and owner ~= ARGV[1] then return 'conflict' end
redis.call('HSET', KEYS[2], ARGV[4], ARGV[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return 'indexed'
`);

/**
 * Memberships from before shown names were reserved per group (they have no `aliasSkeleton`, and nothing in the
 * group's `aliases` index): each gets its shown name's skeleton, so nobody can join later showing the same name.
 * Two members who already show the same name keep it (the first one found holds the index entry); they are
 * counted in the log, by group count only, for a moderator to sort out.
 */
export function nameSkeletonsBackfill(redis: Redis, prefix: string): Migration {
  const k = groupKeys(prefix);
  return {
    id: '2026-12-group-name-skeletons',
    async run() {
      let indexed = 0;
      let conflicts = 0;
      for (const groupId of await redis.smembers(k.all())) {
        const members = await redis.hgetall(k.members(groupId));
        for (const [accountId, json] of Object.entries(members)) {
          const m = JSON.parse(json) as MembershipRecord;
          if (m.aliasSkeleton) continue;
          const skeleton = pseudonymSkeleton(m.name);
          const next = JSON.stringify({ ...m, aliasSkeleton: skeleton });
          const outcome = await indexScript.run(
            redis,
            [k.members(groupId), k.aliases(groupId)],
            [accountId, json, next, skeleton],
          );
          if (outcome === 'indexed') indexed++;
          else if (outcome === 'conflict') conflicts++;
        }
      }
      return { indexed, conflicts };
    },
  };
}
