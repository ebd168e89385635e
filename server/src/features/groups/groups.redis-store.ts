// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { Meeting, Topic, Visibility, type MemberView } from '@staffroom/shared/schemas/groups';
import { createScript } from '../../platform/redis/script.js';
import { groupKeys } from './groups.keys.js';
import type { GroupRecord, GroupStore, MembershipRecord, PresenceStore } from './groups.store.js';
import { hostedByOneOf, meetingEnded } from './groups.store.js';

/**
 * KEYS: members, aliases, accountGroups, tags. ARGV: accountId, membership JSON, alias skeleton ('' for none),
 * groupId, tag, '1' to leave the account index alone.
 * Cluster mode: the account index is in the account's slot, so the store passes the members key as KEYS[3]
 * (untouched) and adds the group to the index in a second step (`addMember`).
 * @returns 'added' | 'already-member' | 'alias-taken'
 */
const addMemberScript = createScript(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 'already-member' end
if ARGV[3] ~= '' then
  local owner = redis.call('HGET', KEYS[2], ARGV[3])
  if owner and owner ~= ARGV[1] then return 'alias-taken' end
  redis.call('HSET', KEYS[2], ARGV[3], ARGV[1])
end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[6] ~= '1' then redis.call('SADD', KEYS[3], ARGV[4]) end
redis.call('HSET', KEYS[4], ARGV[5], ARGV[1])
return 'added'
`);

/** KEYS: read marks. ARGV: groupId, seq. Only ever moves forward. */
const markReadScript = createScript(`
local current = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) > current then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 1
`);

/** KEYS: due zset. ARGV: now. Pops up to 50 started meetings; each node gets distinct ones. */
/** KEYS: hash. ARGV: field, expected value, new value. Replaces the field only if it still holds the expected. */
const replaceFieldScript = createScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  return 1
end
return 0
`);
const claimDueScript = createScript(`
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 50)
if #due > 0 then redis.call('ZREM', KEYS[1], unpack(due)) end
return due
`);

function toGroup(h: Record<string, string>): GroupRecord | null {
  if (!h.id) return null;
  return {
    id: h.id,
    name: h.name ?? '',
    topic: Topic.parse(h.topic),
    description: h.description ?? '',
    guidelines: h.guidelines ?? '',
    guidelinesVersion: Number(h.guidelinesVersion ?? 1),
    visibility: Visibility.parse(h.visibility),
    joinCode: h.joinCode ?? '',
    createdAt: Number(h.createdAt),
    updatedAt: Number(h.updatedAt),
  };
}

const parseMembership = (json: string | null | undefined): MembershipRecord | null =>
  json ? (JSON.parse(json) as MembershipRecord) : null;

export function createRedisGroupStore(redis: Redis, prefix: string): GroupStore {
  const k = groupKeys(prefix);
  return {
    async saveGroup(g) {
      const previous = await redis.hget(k.group(g.id), 'joinCode');
      const multi = redis
        .multi()
        .hset(k.group(g.id), { ...g })
        .sadd(k.all(), g.id)
        .set(k.joinCode(g.joinCode), g.id);
      if (previous && previous !== g.joinCode) multi.del(k.joinCode(previous));
      await multi.exec();
    },
    async getGroup(id) {
      return toGroup(await redis.hgetall(k.group(id)));
    },
    async listGroups() {
      const ids = await redis.smembers(k.all());
      if (ids.length === 0) return [];
      const pipe = redis.pipeline();
      for (const id of ids) pipe.hgetall(k.group(id));
      const results = (await pipe.exec()) ?? [];
      return results.flatMap(([err, h]) => {
        const g = err ? null : toGroup(h as Record<string, string>);
        return g ? [g] : [];
      });
    },
    async findGroupByJoinCode(code) {
      const id = await redis.get(k.joinCode(code));
      return id ? toGroup(await redis.hgetall(k.group(id))) : null;
    },

    async addMember(m) {
      const cluster = redis.isCluster;
      const result = (await addMemberScript.run(
        redis,
        [
          k.members(m.groupId),
          k.aliases(m.groupId),
          cluster ? k.members(m.groupId) : k.accountGroups(m.accountId),
          k.tags(m.groupId),
        ],
        [m.accountId, JSON.stringify(m), m.aliasSkeleton ?? '', m.groupId, m.tag, cluster ? '1' : '0'],
      )) as 'added' | 'already-member' | 'alias-taken';
      // Cluster: the account's index follows in its own slot. A crash in between leaves a member the index
      // misses; joining again answers 'already-member' and repairs it here.
      if (cluster && result !== 'alias-taken') await redis.sadd(k.accountGroups(m.accountId), m.groupId);
      return result;
    },
    async removeMember(groupId, accountId) {
      const m = parseMembership(await redis.hget(k.members(groupId), accountId));
      if (!m) return null;
      const multi = redis
        .multi()
        .hdel(k.members(groupId), accountId)
        .srem(k.accountGroups(accountId), groupId)
        .hdel(k.tags(groupId), m.tag);
      if (m.aliasSkeleton) multi.hdel(k.aliases(groupId), m.aliasSkeleton);
      await multi.exec();
      return m;
    },
    async eraseAccount(accountId) {
      const removed: MembershipRecord[] = [];
      for (const groupId of await redis.smembers(k.accountGroups(accountId))) {
        const m = await this.removeMember(groupId, accountId);
        if (m) removed.push(m);
      }
      await redis.del(k.accountGroups(accountId), k.readMarks(accountId), k.accepted(accountId));
      return removed;
    },
    async getMembership(groupId, accountId) {
      return parseMembership(await redis.hget(k.members(groupId), accountId));
    },
    async findMemberByTag(groupId, tag) {
      const accountId = await redis.hget(k.tags(groupId), tag);
      return accountId ? parseMembership(await redis.hget(k.members(groupId), accountId)) : null;
    },
    async listMembers(groupId) {
      return Object.values(await redis.hgetall(k.members(groupId))).flatMap(
        (json) => parseMembership(json) ?? [],
      );
    },
    async memberCounts(groupIds) {
      if (groupIds.length === 0) return [];
      const pipe = redis.pipeline();
      for (const id of groupIds) pipe.hlen(k.members(id));
      return ((await pipe.exec()) ?? []).map(([err, n]) => (err ? 0 : Number(n)));
    },
    accountGroupIds: (accountId) => redis.smembers(k.accountGroups(accountId)),
    async touchedGroupIds(accountId) {
      const [now, accepted, read] = await Promise.all([
        redis.smembers(k.accountGroups(accountId)),
        redis.hkeys(k.accepted(accountId)),
        redis.hkeys(k.readMarks(accountId)),
      ]);
      return [...new Set([...now, ...accepted, ...read])];
    },

    async acceptGuidelines(accountId, groupId, version) {
      await redis.hset(k.accepted(accountId), groupId, version);
    },
    async acceptedVersion(accountId, groupId) {
      return Number((await redis.hget(k.accepted(accountId), groupId)) ?? 0);
    },
    async markRead(accountId, groupId, seq) {
      await markReadScript.run(redis, [k.readMarks(accountId)], [groupId, seq]);
    },
    async readMarks(accountId, groupIds) {
      if (groupIds.length === 0) return [];
      const values = await redis.hmget(k.readMarks(accountId), ...groupIds);
      return values.map((v) => Number(v ?? 0));
    },

    async saveMeeting(m) {
      await redis
        .multi()
        .hset(k.meetings(m.groupId), m.id, JSON.stringify(m))
        .zadd(k.meetingsDue(), m.startsAt, `${m.groupId} ${m.id}`)
        .exec();
    },
    async removeMeeting(groupId, meetingId) {
      const results = await redis
        .multi()
        .hdel(k.meetings(groupId), meetingId)
        .zrem(k.meetingsDue(), `${groupId} ${meetingId}`)
        .exec();
      return Number(results?.[0]?.[1]) === 1;
    },
    async listMeetings(groupIds) {
      if (groupIds.length === 0) return [];
      const pipe = redis.pipeline();
      for (const id of groupIds) pipe.hvals(k.meetings(id));
      const results = (await pipe.exec()) ?? [];
      const all = results.flatMap(([err, values]) =>
        err ? [] : (values as string[]).map((v) => Meeting.parse(JSON.parse(v))),
      );
      // Retention: a meeting is deleted a day after it ended.
      const ended = all.filter((m) => meetingEnded(m, Date.now()));
      if (ended.length > 0) {
        const pipe = redis.pipeline();
        for (const m of ended) pipe.hdel(k.meetings(m.groupId), m.id);
        await pipe.exec();
      }
      return all.filter((m) => !meetingEnded(m, Date.now()));
    },
    async deattributeMeetings(groupIds, names, formerName) {
      let changed = 0;
      for (const id of groupIds) {
        for (const [meetingId, json] of Object.entries(await redis.hgetall(k.meetings(id)))) {
          const m = Meeting.parse(JSON.parse(json));
          if (!hostedByOneOf(m.host, names)) continue;
          // Only if it is still the same meeting (a cancel or an edit in between wins).
          const replaced = await replaceFieldScript.run(
            redis,
            [k.meetings(id)],
            [meetingId, json, JSON.stringify({ ...m, host: formerName })],
          );
          if (Number(replaced) === 1) changed++;
        }
      }
      return changed;
    },
    async pruneMeetings(groupIds, now) {
      let pruned = 0;
      for (const id of groupIds) {
        const ended = Object.entries(await redis.hgetall(k.meetings(id)))
          .map(([meetingId, json]) => ({ meetingId, m: Meeting.parse(JSON.parse(json)) }))
          .filter(({ m }) => meetingEnded(m, now));
        if (ended.length === 0) continue;
        const multi = redis.multi();
        for (const { meetingId } of ended) {
          multi.hdel(k.meetings(id), meetingId).zrem(k.meetingsDue(), `${id} ${meetingId}`);
        }
        await multi.exec();
        pruned += ended.length;
      }
      return pruned;
    },
    async claimStartedMeetings(now) {
      const due = (await claimDueScript.run(redis, [k.meetingsDue()], [now])) as string[];
      const meetings: Meeting[] = [];
      for (const entry of due) {
        const [groupId = '', meetingId = ''] = entry.split(' ');
        const json = await redis.hget(k.meetings(groupId), meetingId);
        if (json) meetings.push(Meeting.parse(JSON.parse(json)));
      }
      return meetings;
    },
  };
}

const encodePresence = (m: MemberView, nodeId: string) => `${m.tag}|${nodeId}|${m.name}`;

export function createRedisPresenceStore(redis: Redis, prefix: string): PresenceStore {
  const k = groupKeys(prefix);
  return {
    async beat(entries, nodeId, now, ttlMs) {
      if (entries.length === 0) return;
      // One ZADD per group for all of its members here (they share the score), not one per member.
      const byGroup = new Map<string, (string | number)[]>();
      const score = now + ttlMs;
      for (const { groupId, member } of entries) {
        const args = byGroup.get(groupId);
        if (args) args.push(score, encodePresence(member, nodeId));
        else byGroup.set(groupId, [score, encodePresence(member, nodeId)]);
      }
      const pipe = redis.pipeline();
      for (const [groupId, args] of byGroup) {
        const key = k.presence(groupId);
        pipe.zadd(key, ...args);
        // Entries of dead nodes expire by score; sweep them while we are here.
        pipe.zremrangebyscore(key, '-inf', now);
      }
      await pipe.exec();
    },
    async drop(groupId, member, nodeId) {
      await redis.zrem(k.presence(groupId), encodePresence(member, nodeId));
    },
    async list(groupIds, now) {
      if (groupIds.length === 0) return [];
      const pipe = redis.pipeline();
      for (const id of groupIds) pipe.zrangebyscore(k.presence(id), now, '+inf');
      const results = (await pipe.exec()) ?? [];
      return results.map(([err, values]) => {
        const byTag = new Map<string, MemberView>();
        for (const entry of err ? [] : (values as string[])) {
          const [tag = '', , ...name] = entry.split('|');
          byTag.set(tag, { tag, name: name.join('|') });
        }
        return [...byTag.values()];
      });
    },
  };
}
