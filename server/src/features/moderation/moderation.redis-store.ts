// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { AuditAction, ModerationSettings } from '@staffroom/shared/schemas/moderation';
import { trimStreamByTime } from '../../platform/redis/trim-by-time.js';
import { scanKeys } from '../../platform/redis/cluster-client.js';
import { createScript } from '../../platform/redis/script.js';
import { moderationKeys } from './moderation.keys.js';
import {
  awaitsAcknowledgement,
  DEFAULT_REPORT_RETENTION_MS,
  DEFAULT_SETTINGS,
  isOpenAlert,
  isPendingHeld,
  meetsExpectation,
  queueOf,
  reportDedupeKey,
  reportPriority,
  scrubAudit,
  scrubReport,
  type AuditRecord,
  type BanRecord,
  type ModerationStore,
  type MuteRecord,
  type ReportRecord,
} from './moderation.store.js';

const parse = <T>(json: string | null | undefined): T | null => (json ? (JSON.parse(json) as T) : null);
/** Ids read from a queue at a time when it is indexed again (`indexUrgent`). */
const INDEX_BATCH = 500;
/** In a queue, every urgent report's score is below this (`reportPriority`), every other one's above. */
const URGENT_BELOW = reportPriority({ urgent: false, createdAt: 0 });
/** A WITHSCORES reply as [member, score] pairs. */
const pairs = (flat: string[]): [string, number][] => {
  const out: [string, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i] as string, Number(flat[i + 1])]);
  return out;
};
const entriesOf = <T>(hash: Record<string, string>) =>
  new Map(Object.entries(hash).map(([k, v]) => [k, JSON.parse(v) as T]));

type StreamEntry = [id: string, fields: string[]];
function toAudit([id, fields]: StreamEntry): AuditRecord & { id: string } {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
  return {
    id,
    at: Number(f.at),
    actorId: f.actorId ?? '',
    actor: f.actor ?? '',
    action: AuditAction.parse(f.action),
    groupId: f.groupId || null,
    target: f.target ?? '',
    reason: f.reason ?? '',
  };
}

/** The fields of an audit entry, in the order `appendAudit` writes them. */
const auditFields = (e: AuditRecord): string[] => [
  'at',
  String(e.at),
  'actorId',
  e.actorId,
  'actor',
  e.actor,
  'action',
  e.action,
  'groupId',
  e.groupId ?? '',
  'target',
  e.target,
  'reason',
  e.reason,
];

/**
 * KEYS: audit. ARGV: the last id read, entries JSON ([[id, [field, value, …]], …]). Rebuilds the log under the
 * same ids (XDEL would leave the old bytes in the stream's listpacks, and so in a snapshot), only if nothing was
 * appended since it was read (else 0: read again).
 */
const rebuildAuditScript = createScript(`
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local lastId = nil
for i = 1, #info, 2 do if info[i] == 'last-generated-id' then lastId = info[i + 1] end end
if lastId ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1])
for _, e in ipairs(cjson.decode(ARGV[2])) do redis.call('XADD', KEYS[1], e[1], unpack(e[2])) end
redis.call('XSETID', KEYS[1], lastId)
return 1
`);

/**
 * KEYS: a report. ARGV: the JSON it was read as, the new JSON, a TTL in ms (0: none, an open report; -1: keep
 * the one it has). Writes only if nobody wrote in between (else 0: read again): the compare-and-set under
 * `updateReport` and erasure.
 */
const swapReportScript = createScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local ttl = tonumber(ARGV[3])
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
elseif ttl < 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
else
  redis.call('SET', KEYS[1], ARGV[2])
end
return 1
`);

/** KEYS: a hash. ARGV: field, the value it was read as. Deletes the field only if nobody changed it since. */
const hdelIfScript = createScript(`
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0
`);

export function createRedisModerationStore(
  redis: Redis,
  prefix: string,
  reportRetentionMs = DEFAULT_REPORT_RETENTION_MS,
): ModerationStore {
  const k = moderationKeys(prefix);
  const banLocation = (ban: BanRecord) => `${ban.groupId ?? '*'}|${ban.accountId}`;
  const banHash = (groupId: string | null) => (groupId ? k.bans(groupId) : k.globalBans());

  /** Reports by id, from their own keys, or the legacy hash for ones filed before; missing ones are skipped. */
  async function reportsByIds(ids: readonly string[]): Promise<ReportRecord[]> {
    if (ids.length === 0) return [];
    const own = await redis.mget(...ids.map((id) => k.report(id)));
    const missing = ids.filter((_, i) => !own[i]);
    const legacy = missing.length > 0 ? await redis.hmget(k.reports(), ...missing) : [];
    const legacyById = new Map(missing.map((id, i) => [id, legacy[i]]));
    return ids.flatMap((id, i) => parse<ReportRecord>(own[i] ?? legacyById.get(id)) ?? []);
  }
  /** The reporter's list keeps the newest 100 and goes when the reporter has filed nothing for a retention. */
  async function listForReporter(r: ReportRecord): Promise<void> {
    await redis
      .multi()
      .zadd(k.reportsBy(r.reporterId), r.createdAt, r.id)
      .zremrangebyrank(k.reportsBy(r.reporterId), 0, -101)
      .pexpire(k.reportsBy(r.reporterId), reportRetentionMs)
      .exec();
  }

  /**
   * One queue's urgent index from `first` (its first page) on, as `awaitingAcknowledgement` describes. Paged by
   * score, never by rank: each page starts at a createdAt boundary, so ids leaving the index while it is read
   * (acknowledged elsewhere) never make a later one be skipped.
   */
  async function* readIndex(
    queue: string,
    max: string,
    batch: number,
    first: [string, number][],
  ): AsyncGenerator<ReportRecord[]> {
    const key = k.urgentReports(queue);
    let page = first;
    for (;;) {
      if (page.length === 0) return;
      let take = page;
      let next: string | null = null;
      if (page.length >= batch) {
        const last = (page.at(-1) as [string, number])[1];
        if ((page[0] as [string, number])[1] === last) {
          // More than a batch raised in one millisecond: that millisecond whole, then on past it.
          take = pairs(await redis.zrangebyscore(key, last, last, 'WITHSCORES'));
          next = `(${last}`;
        } else {
          take = page.filter(([, score]) => score < last);
          next = String(last);
        }
      }
      const found = await reportsByIds(take.map(([id]) => id));
      const byId = new Map(found.map((r) => [r.id, r]));
      const waiting: ReportRecord[] = [];
      const stale: string[] = [];
      const forgotten = Date.now() - reportRetentionMs;
      for (const [id, score] of take) {
        const r = byId.get(id);
        if (r && awaitsAcknowledgement(r)) {
          if (queueOf(r) === queue) waiting.push(r);
        }
        // Left by a node that died between a report's update and its index's: the report says it is done. An
        // id without a report goes only once no report being written could have that createdAt.
        else if (r || score < forgotten) stale.push(id);
      }
      if (stale.length > 0) await redis.zrem(key, ...stale);
      if (waiting.length > 0) yield waiting;
      if (next === null) return;
      page = pairs(await redis.zrangebyscore(key, next, max, 'WITHSCORES', 'LIMIT', 0, batch));
    }
  }

  /**
   * Indexes these ids' reports that await an acknowledgement (returns how many joined that index), and their open
   * alerts in their member's index.
   */
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
      if (isOpenAlert(r)) await redis.sadd(k.alertsAbout(r.groupId, r.subjectId ?? ''), r.id);
    }
    return added;
  };
  /**
   * Every id of a queue scored up to `max`, paged by score (never by rank: reports handled meanwhile leave the
   * queue, and a rank would then skip one still open). A page restarts at its last score, read again whole.
   */
  const indexQueue = async (queueKey: string, max: string): Promise<number> => {
    let added = 0;
    for (let min = '-inf'; ;) {
      const flat = await redis.zrangebyscore(queueKey, min, max, 'WITHSCORES', 'LIMIT', 0, INDEX_BATCH);
      const page: [string, string][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) page.push([flat[i] as string, flat[i + 1] as string]);
      const last = page.at(-1)?.[1];
      if (page.length < INDEX_BATCH || last === undefined)
        return added + (await indexIds(page.map(([id]) => id)));
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
    async groupState(groupId) {
      const results = (await redis
        .pipeline()
        .hgetall(k.settings(groupId))
        .smembers(k.moderators(groupId))
        .hgetall(k.mutes(groupId))
        .hgetall(k.bans(groupId))
        .exec()) as [Error | null, unknown][];
      const [settings, moderators, mutes, bans] = results.map(([err, v]) => {
        if (err) throw err;
        return v;
      }) as [Record<string, string>, string[], Record<string, string>, Record<string, string>];
      return {
        settings: settings.locked
          ? ModerationSettings.parse({
              locked: settings.locked === '1',
              slowSeconds: Number(settings.slowSeconds ?? 0),
              blockedTerms: JSON.parse(settings.blockedTerms ?? '[]'),
              careCard: settings.careCard === '1',
              holdFlagged: settings.holdFlagged === '1',
            })
          : { ...DEFAULT_SETTINGS },
        moderators: new Set(moderators),
        mutes: entriesOf<MuteRecord>(mutes),
        bans: entriesOf<BanRecord>(bans),
      };
    },
    async saveSettings(groupId, s) {
      await redis.hset(k.settings(groupId), {
        locked: s.locked ? '1' : '0',
        slowSeconds: s.slowSeconds,
        blockedTerms: JSON.stringify(s.blockedTerms),
        careCard: s.careCard ? '1' : '0',
        holdFlagged: s.holdFlagged ? '1' : '0',
      });
    },
    async setModerator(groupId, accountId, on) {
      const multi = redis.multi();
      if (on) multi.sadd(k.moderators(groupId), accountId).sadd(k.moderates(accountId), groupId);
      else multi.srem(k.moderators(groupId), accountId).srem(k.moderates(accountId), groupId);
      await multi.exec();
    },
    moderatedGroups: (accountId) => redis.smembers(k.moderates(accountId)),
    async setMute(groupId, accountId, mute) {
      if (mute) await redis.hset(k.mutes(groupId), accountId, JSON.stringify(mute));
      else await redis.hdel(k.mutes(groupId), accountId);
    },
    async saveBan(ban) {
      await redis
        .multi()
        .hset(banHash(ban.groupId), ban.accountId, JSON.stringify(ban))
        .hset(k.banIds(), ban.id, banLocation(ban))
        .exec();
    },
    async findBan(banId) {
      const location = await redis.hget(k.banIds(), banId);
      if (!location) return null;
      const [groupId = '*', accountId = ''] = location.split('|');
      const ban = parse<BanRecord>(await redis.hget(banHash(groupId === '*' ? null : groupId), accountId));
      return ban?.id === banId ? ban : null;
    },
    async deleteBan(ban) {
      await redis.multi().hdel(banHash(ban.groupId), ban.accountId).hdel(k.banIds(), ban.id).exec();
    },
    async globalBan(accountId) {
      return parse<BanRecord>(await redis.hget(k.globalBans(), accountId));
    },
    async listGlobalBans() {
      return Object.values(await redis.hgetall(k.globalBans())).map((json) => JSON.parse(json) as BanRecord);
    },

    async createReport(r, dedupeKey) {
      const claimed = await redis.set(k.reportOnce(dedupeKey), r.id, 'PX', reportRetentionMs, 'NX');
      if (claimed === null) {
        const previous = await redis.get(k.reportOnce(dedupeKey));
        if (previous) return { id: previous, duplicate: true };
      }
      const multi = redis
        .multi()
        .set(k.report(r.id), JSON.stringify(r))
        .zadd(k.openReports(queueOf(r)), reportPriority(r), r.id);
      if (awaitsAcknowledgement(r)) multi.zadd(k.urgentReports(queueOf(r)), r.createdAt, r.id);
      // The member's indexes in the same MULTI (per slot on a cluster): no node can die between the report and them.
      if (isPendingHeld(r)) multi.sadd(k.heldBy(r.groupId, r.subjectId ?? ''), r.id);
      if (isOpenAlert(r)) multi.sadd(k.alertsAbout(r.groupId, r.subjectId ?? ''), r.id);
      await multi.exec();
      if (r.reporterId) await listForReporter(r);
      return { id: r.id, duplicate: false };
    },
    async saveReport(r) {
      const multi = redis.multi();
      if (awaitsAcknowledgement(r)) multi.zadd(k.urgentReports(queueOf(r)), r.createdAt, r.id);
      else multi.zrem(k.urgentReports(queueOf(r)), r.id);
      if (r.status === 'received') {
        multi.set(k.report(r.id), JSON.stringify(r)).zadd(k.openReports(queueOf(r)), reportPriority(r), r.id);
      } else {
        multi
          .set(k.report(r.id), JSON.stringify(r), 'PX', reportRetentionMs)
          .zadd(k.resolvedReports(), r.resolvedAt ?? Date.now(), r.id)
          .zrem(k.openReports(queueOf(r)), r.id)
          .zrem(k.legacyOpenReports(), r.id)
          .hdel(k.reports(), r.id);
      }
      if (!isPendingHeld(r) && r.subjectId) multi.srem(k.heldBy(r.groupId, r.subjectId), r.id);
      if (isOpenAlert(r)) multi.sadd(k.alertsAbout(r.groupId, r.subjectId ?? ''), r.id);
      else if (r.subjectId) multi.srem(k.alertsAbout(r.groupId, r.subjectId), r.id);
      await multi.exec();
      if (r.reporterId) await listForReporter(r);
    },
    async getReport(id) {
      return (await reportsByIds([id]))[0] ?? null;
    },
    async updateReport(id, expected, change) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const raw = await redis.get(k.report(id));
        if (raw === null) {
          // Filed before one key per report: moved to its own key first (once), then updated like any other.
          const legacy = await redis.hget(k.reports(), id);
          if (!legacy) return { ok: false, current: null };
          await redis.set(k.report(id), legacy, 'NX');
          await redis.hdel(k.reports(), id); // read only while its own key is missing: never again
          continue;
        }
        const current = JSON.parse(raw) as ReportRecord;
        if (!meetsExpectation(current, expected)) return { ok: false, current };
        const next = change({ ...current });
        const handled = next.status !== 'received';
        const swapped = await swapReportScript.run(
          redis,
          [k.report(id)],
          [raw, JSON.stringify(next), handled ? reportRetentionMs : 0],
        );
        if (Number(swapped) !== 1) continue;
        // The indexes follow in one MULTI (per slot on a cluster). A node dying before it leaves an entry its
        // readers skip (they check the report) or one the periodic re-index adds.
        const multi = redis.multi();
        let changes = 0;
        if (handled) {
          multi
            .zadd(k.resolvedReports(), next.resolvedAt ?? Date.now(), id)
            .zrem(k.openReports(queueOf(next)), id)
            .zrem(k.legacyOpenReports(), id)
            .hdel(k.reports(), id);
          changes++;
        }
        // Acknowledged or handled: out of the urgent index.
        if (awaitsAcknowledgement(current) && !awaitsAcknowledgement(next)) {
          multi.zrem(k.urgentReports(queueOf(current)), id);
          changes++;
        }
        if (isPendingHeld(current) !== isPendingHeld(next)) {
          const held = k.heldBy(next.groupId, next.subjectId ?? '');
          if (isPendingHeld(next)) multi.sadd(held, id);
          else multi.srem(held, id);
          changes++;
        }
        if (isOpenAlert(current) !== isOpenAlert(next)) {
          const alerts = k.alertsAbout(next.groupId, next.subjectId ?? '');
          if (isOpenAlert(next)) multi.sadd(alerts, id);
          else multi.srem(alerts, id);
          changes++;
        }
        if (changes > 0) await multi.exec(); // nothing is sent before exec
        if (next.reporterId) await listForReporter(next);
        return { ok: true, report: next };
      }
      throw new Error('a report kept changing during an update');
    },
    async openReports(queues, perQueue) {
      if (queues.length === 0) return [];
      const pipe = redis.pipeline();
      for (const queue of queues) pipe.zrange(k.openReports(queue), 0, perQueue - 1);
      pipe.zrange(k.legacyOpenReports(), 0, 499);
      const results = ((await pipe.exec()) ?? []).map(([err, ids]) => {
        if (err) throw err;
        return ids as string[];
      });
      const legacyIds = results.pop() ?? [];
      const fresh = await reportsByIds(results.flat());
      // Reports filed before per-group queues, until they are handled: bounded by the same per-queue share.
      const wanted = new Set(queues);
      const perLegacyQueue = new Map<string, number>();
      const legacy = (await reportsByIds(legacyIds)).filter((r) => {
        const queue = queueOf(r);
        const n = perLegacyQueue.get(queue) ?? 0;
        if (r.status !== 'received' || !wanted.has(queue) || n >= perQueue) return false;
        perLegacyQueue.set(queue, n + 1);
        return true;
      });
      return [...fresh, ...legacy];
    },
    async heldBy(groupId, accountId) {
      const key = k.heldBy(groupId, accountId);
      const ids = await redis.smembers(key);
      const found = await reportsByIds(ids);
      const pending = found.filter((r) => isPendingHeld(r) && r.subjectId === accountId);
      // Self-healing: an id whose report was decided (or is gone) leaves the index.
      const stale = ids.filter((id) => !pending.some((r) => r.id === id));
      if (stale.length > 0) await redis.srem(key, ...stale);
      return pending.sort((a, b) => a.createdAt - b.createdAt);
    },
    async openAlertsAbout(groupId, accountId) {
      const key = k.alertsAbout(groupId, accountId);
      const ids = await redis.smembers(key);
      const found = await reportsByIds(ids);
      const open = found.filter((r) => isOpenAlert(r) && r.groupId === groupId && r.subjectId === accountId);
      // Self-healing: an id whose alert was handled (or is gone) leaves the index.
      const stale = ids.filter((id) => !open.some((r) => r.id === id));
      if (stale.length > 0) await redis.srem(key, ...stale);
      return open.sort((a, b) => reportPriority(a) - reportPriority(b));
    },
    async reportsBy(accountId) {
      const ids = await redis.zrevrange(k.reportsBy(accountId), 0, 99);
      return reportsByIds(ids);
    },
    async *awaitingAcknowledgement(queues, upTo, batch) {
      if (queues.length === 0) return;
      const max = Number.isFinite(upTo) ? String(upTo) : '+inf';
      // Every queue's first page in one round trip (most indexes are empty or short).
      const pipe = redis.pipeline();
      for (const queue of queues)
        pipe.zrangebyscore(k.urgentReports(queue), '-inf', max, 'WITHSCORES', 'LIMIT', 0, batch);
      const firsts = ((await pipe.exec()) ?? []).map(([err, flat]) => {
        if (err) throw err;
        return pairs(flat as string[]);
      });
      for (const [i, queue] of queues.entries()) yield* readIndex(queue, max, batch, firsts[i] ?? []);
    },

    async indexUrgent(queues) {
      // The older single queue (drained as reports are handled) whole; each queue's urgent part (they sort first).
      let added = await indexQueue(k.legacyOpenReports(), '+inf');
      for (const queue of queues) added += await indexQueue(k.openReports(queue), `(${URGENT_BELOW}`);
      return added;
    },

    async claimCoordinatorOpen(accountId, groupId, windowMs) {
      return (await redis.set(k.coordinatorOpen(accountId, groupId), '1', 'PX', windowMs, 'NX')) === 'OK';
    },

    async eraseAccount(accountId, names, groupIds, formerName) {
      const groups = [...new Set([...(await redis.smembers(k.moderates(accountId))), ...groupIds])];
      const multi = redis.multi().del(k.moderates(accountId), k.reportsBy(accountId));
      for (const g of groups)
        multi.srem(k.moderators(g), accountId).hdel(k.mutes(g), accountId).del(k.heldBy(g, accountId));
      await multi.exec();
      for (const groupId of [...groups, null]) {
        const ban = parse<BanRecord>(await redis.hget(banHash(groupId), accountId));
        if (ban) await redis.multi().hdel(banHash(groupId), accountId).hdel(k.banIds(), ban.id).exec();
      }
      // Every report, whatever its state (SCAN: reports live in their own keys, some with a TTL to keep).
      for await (const keys of scanKeys(redis, k.report('*'))) {
        for (const key of keys) {
          // Compare-and-set, like every report update: a decision stored meanwhile is kept, then scrubbed.
          for (let attempt = 0; attempt < 50; attempt++) {
            const raw = await redis.get(key);
            const r = parse<ReportRecord>(raw);
            const clean = r && scrubReport(r, accountId);
            if (!r || !clean) break;
            if (r.reporterId === accountId) await redis.del(k.reportOnce(reportDedupeKey(r, accountId)));
            // Nobody left to reach: out of the urgent index first (a retry finds the subject still named).
            if (r.subjectId === accountId)
              await redis
                .multi()
                .zrem(k.urgentReports(queueOf(r)), r.id)
                .srem(k.alertsAbout(r.groupId, accountId), r.id)
                .exec();
            const swapped = await swapReportScript.run(redis, [key], [raw ?? '', JSON.stringify(clean), -1]);
            if (Number(swapped) === 1) break;
          }
        }
      }
      for (const [id, json] of Object.entries(await redis.hgetall(k.reports()))) {
        const r = parse<ReportRecord>(json);
        const clean = r && scrubReport(r, accountId);
        if (r?.subjectId === accountId)
          await redis
            .multi()
            .zrem(k.urgentReports(queueOf(r)), id)
            .srem(k.alertsAbout(r.groupId, accountId), id)
            .exec();
        if (clean) await redis.hset(k.reports(), id, JSON.stringify(clean));
      }
      for (let attempt = 0; attempt < 10; attempt++) {
        const entries = (await redis.xrange(k.audit(), '-', '+')) as StreamEntry[];
        const records = entries.map(toAudit);
        const cleaned = records.map((e) => scrubAudit(e, accountId, names, formerName));
        if (cleaned.every((c) => c === null)) return;
        const rows = records.map((e, i) => [e.id, auditFields(cleaned[i] ?? e)]);
        const lastId = records.at(-1)?.id ?? '0-0';
        if (Number(await rebuildAuditScript.run(redis, [k.audit()], [lastId, JSON.stringify(rows)])) === 1)
          return;
      }
      throw new Error('the audit log kept changing during an erasure');
    },
    async appendAudit(e) {
      const id = await redis.xadd(
        k.audit(),
        '*',
        'at',
        e.at,
        'actorId',
        e.actorId,
        'actor',
        e.actor,
        'action',
        e.action,
        'groupId',
        e.groupId ?? '',
        'target',
        e.target,
        'reason',
        e.reason,
      );
      return id ?? '';
    },
    async purgeExpiredSanctions(groupIds, now) {
      let removed = 0;
      const ended = (json: string) => {
        const until = (JSON.parse(json) as { until: number | null }).until;
        return until !== null && until <= now;
      };
      for (const hash of [...groupIds.flatMap((g) => [k.mutes(g), k.bans(g)]), k.globalBans()]) {
        for (const [field, json] of Object.entries(await redis.hgetall(hash))) {
          if (!ended(json)) continue;
          // Only the entry as read: a new mute or ban written since stays.
          if (Number(await hdelIfScript.run(redis, [hash], [field, json])) !== 1) continue;
          removed++;
          const banId = (JSON.parse(json) as { id?: string }).id;
          if (banId) await redis.hdel(k.banIds(), banId);
        }
      }
      return removed;
    },
    async purgeResolvedReports(cutoff, limit) {
      const ids = await redis.zrangebyscore(k.resolvedReports(), '-inf', cutoff, 'LIMIT', 0, limit);
      if (ids.length === 0) return 0;
      const multi = redis.multi();
      for (const id of ids) multi.del(k.report(id)).hdel(k.reports(), id);
      await multi.zrem(k.resolvedReports(), ...ids).exec();
      return ids.length;
    },
    trimAudit: (cutoff, limit) =>
      trimStreamByTime(redis, { stream: k.audit(), timeField: 'at', cutoff, limit }),
    async readAudit(q) {
      const found: (AuditRecord & { id: string })[] = [];
      let end = q.before ? `(${q.before}` : '+';
      // Filters are applied while paging back; stop after a bounded scan so a rare filter cannot run forever.
      for (let scanned = 0; found.length <= q.limit && scanned < 20_000;) {
        const batch = (await redis.xrevrange(k.audit(), end, '-', 'COUNT', 500)) as StreamEntry[];
        if (batch.length === 0) break;
        scanned += batch.length;
        for (const raw of batch) {
          const entry = toAudit(raw);
          if (q.accept(entry)) found.push(entry);
          if (found.length > q.limit) break;
        }
        end = `(${batch.at(-1)?.[0] ?? '0-0'}`;
      }
      return { entries: found.slice(0, q.limit), more: found.length > q.limit };
    },
  };
}
