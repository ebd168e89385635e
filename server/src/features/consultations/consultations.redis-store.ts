// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import type {
  CheckIn,
  PinnedIntakeNote,
  Sealed,
  SealedGoal,
  SealedMessage,
  SealedResource,
  SealMeta,
} from '@staffroom/shared/schemas/consultations';
import { KDF_VERSION } from '@staffroom/shared/crypto/kdf-format';
import { createScript } from '../../platform/redis/script.js';
import { deleteIf } from '../../platform/redis/delete-if.js';
import { consultationKeys } from './consultations.keys.js';
import type {
  ConsultantRecord,
  ConsultationStore,
  ConversationRecord,
  FeedbackRecord,
  IntakeNoteCopy,
  RequestRecord,
} from './consultations.store.js';
import { endForErasure, FEEDBACK_KEPT, transitionOf, type Role } from './consultations.store.js';

/**
 * Compare-and-set of a request. KEYS: requests, offers, waiting, openRequest(teacher), finishedRequests.
 * ARGV: id, expected status, expected offeredTo ('' = none), next JSON, next status, offer expiry ('' = none),
 * finish time (the retention clock of a matched or withdrawn request).
 */
const updateRequestScript = createScript(`
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local r = cjson.decode(current)
local offered = r.offeredTo
if type(offered) ~= 'string' then offered = '' end
if r.status ~= ARGV[2] or offered ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
if ARGV[5] == 'offered' then redis.call('ZADD', KEYS[2], ARGV[6], ARGV[1]) else redis.call('ZREM', KEYS[2], ARGV[1]) end
if ARGV[5] == 'waiting' then redis.call('SADD', KEYS[3], ARGV[1]) else redis.call('SREM', KEYS[3], ARGV[1]) end
if (ARGV[5] == 'matched' or ARGV[5] == 'withdrawn') and redis.call('GET', KEYS[4]) == ARGV[1] then
  redis.call('DEL', KEYS[4])
end
if ARGV[5] == 'matched' or ARGV[5] == 'withdrawn' then redis.call('ZADD', KEYS[5], ARGV[7], ARGV[1]) end
return 1
`);

/**
 * KEYS: stream, seq, clientId, counters. ARGV: from, ciphertext, iv, clientId, now, clientIdTtl, meta JSON ('' =
 * none), counter ('' = none). Returns "<seq>:<ts>:<0|1>", or "stale" when the counter is not above the sender's
 * last one (a retried client id answers its first result before that check).
 */
const appendScript = createScript(`
local previous = redis.call('GET', KEYS[3])
if previous then return previous .. ':1' end
if ARGV[8] ~= '' then
  local last = tonumber(redis.call('HGET', KEYS[4], ARGV[1]) or '0')
  if tonumber(ARGV[8]) <= last then return 'stale' end
  redis.call('HSET', KEYS[4], ARGV[1], ARGV[8])
end
local seq = redis.call('INCR', KEYS[2])
redis.call('XADD', KEYS[1], seq .. '-0', 'f', ARGV[1], 'c', ARGV[2], 'i', ARGV[3], 'k', ARGV[4], 't', ARGV[5], 'm', ARGV[7])
local result = seq .. ':' .. ARGV[5]
redis.call('SET', KEYS[3], result, 'EX', ARGV[6])
return result .. ':0'
`);

/**
 * KEYS: resources, documents (one conversation: same slot). ARGV: id, JSON, max, document ('' = none). Adds the
 * resource and its document unless the conversation holds `max` already; returns 1 when added.
 */
const addResourceScript = createScript(`
if redis.call('HLEN', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
if ARGV[4] ~= '' then redis.call('HSET', KEYS[2], ARGV[1], ARGV[4]) end
return 1
`);

/**
 * Cluster mode, the compare-and-set alone (the request's indexes are in other slots): KEYS: requests. ARGV: id,
 * expected status, expected offeredTo, next JSON. Returns 1 when applied.
 */
const setRequestScript = createScript(`
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local r = cjson.decode(current)
local offered = r.offeredTo
if type(offered) ~= 'string' then offered = '' end
if r.status ~= ARGV[2] or offered ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[4])
return 1
`);

/**
 * KEYS: conversations. ARGV: id, next JSON, expected
 * "status|closeProposedBy|blocked|feedbackDone|noteFrom|noteNotPassedOn" (as `transitionOf`). Saves only while the stored conversation matches; 1 when saved.
 */
const replaceConversationScript = createScript(`
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
local c = cjson.decode(current)
local function norm(v)
  if v == nil or v == cjson.null or v == false then return '' end
  if v == true then return '1' end
  return tostring(v)
end
local lost = ''
if type(c.intake) == 'table' then lost = norm(c.intake.noteNotPassedOn) end
local seen = norm(c.status) .. '|' .. norm(c.closeProposedBy) .. '|' .. norm(c.blocked) .. '|' .. norm(c.feedbackDone)
  .. '|' .. norm(c.noteFrom) .. '|' .. lost
if seen ~= ARGV[3] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`);

/** KEYS: counters. ARGV: role, counter. 1 when raised, 0 when not above the last one. */
const claimScript = createScript(`
local last = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
if tonumber(ARGV[2]) <= last then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`);

/**
 * KEYS: messages stream. ARGV: role, client-id key prefix. Rebuilds the stream under the same ids (and last id)
 * without that side's entries (XDEL would leave their bytes in the listpacks, and so in a snapshot), and deletes
 * their client-id keys. Returns how many entries went.
 */
const dropSideScript = createScript(`
local entries = redis.call('XRANGE', KEYS[1], '-', '+')
local keep, gone = {}, 0
for _, e in ipairs(entries) do
  local f, mine, cid = e[2], false, ''
  for i = 1, #f, 2 do
    if f[i] == 'f' and f[i + 1] == ARGV[1] then mine = true end
    if f[i] == 'k' then cid = f[i + 1] end
  end
  if mine then
    gone = gone + 1
    if cid ~= '' then redis.call('DEL', ARGV[2] .. cid) end
  else
    keep[#keep + 1] = e
  end
end
if gone == 0 then return 0 end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local lastId = nil
for i = 1, #info, 2 do if info[i] == 'last-generated-id' then lastId = info[i + 1] end end
redis.call('DEL', KEYS[1])
for _, e in ipairs(keep) do redis.call('XADD', KEYS[1], e[1], unpack(e[2])) end
if #keep > 0 and lastId then redis.call('XSETID', KEYS[1], lastId) end
return gone
`);

const parse = <T>(json: string | null | undefined): T | null => (json ? (JSON.parse(json) as T) : null);
type StreamEntry = [id: string, fields: string[]];

export function createRedisConsultationStore(redis: Redis, prefix: string): ConsultationStore {
  const k = consultationKeys(prefix);
  const requestsByIds = async (ids: string[]) =>
    ids.length === 0
      ? []
      : (await redis.hmget(k.requests(), ...ids)).flatMap((j) => parse<RequestRecord>(j) ?? []);
  const listOfHash = async <T>(key: string) =>
    Object.values(await redis.hgetall(key)).map((j) => JSON.parse(j) as T);

  return {
    async saveConsultant(c) {
      await redis.hset(k.consultants(), c.accountId, JSON.stringify(c));
    },
    async getConsultant(accountId) {
      return parse<ConsultantRecord>(await redis.hget(k.consultants(), accountId));
    },
    listConsultants: () => listOfHash<ConsultantRecord>(k.consultants()),

    async createRequest(r) {
      if ((await redis.set(k.openRequest(r.teacherId), r.id, 'NX')) !== 'OK') return false;
      const multi = redis.multi().hset(k.requests(), r.id, JSON.stringify(r));
      if (r.status === 'offered') multi.zadd(k.offers(), r.offerExpiresAt ?? 0, r.id);
      if (r.status === 'waiting') multi.sadd(k.waiting(), r.id);
      await multi.exec();
      return true;
    },
    async getRequest(id) {
      return parse<RequestRecord>(await redis.hget(k.requests(), id));
    },
    async openRequestOf(teacherId) {
      const id = await redis.get(k.openRequest(teacherId));
      return id ? parse<RequestRecord>(await redis.hget(k.requests(), id)) : null;
    },
    async updateRequest(expected, next) {
      if (redis.isCluster) {
        // Cluster: the request hash is the authority and its compare-and-set stays atomic; the indexes (offers,
        // waiting, the teacher's open request, finished) follow, each in its own slot, each step idempotent.
        // A crash in between can leave an index one transition behind (docs/cluster.md).
        const applied = await setRequestScript.run(
          redis,
          [k.requests()],
          [next.id, expected.status, expected.offeredTo ?? '', JSON.stringify(next)],
        );
        if (Number(applied) !== 1) return false;
        const multi = redis.multi();
        if (next.status === 'offered') multi.zadd(k.offers(), next.offerExpiresAt ?? 0, next.id);
        else multi.zrem(k.offers(), next.id);
        if (next.status === 'waiting') multi.sadd(k.waiting(), next.id);
        else multi.srem(k.waiting(), next.id);
        if (next.status === 'matched' || next.status === 'withdrawn') {
          multi.zadd(k.finishedRequests(), next.finishedAt ?? next.createdAt, next.id);
        }
        await multi.exec();
        if (next.status === 'matched' || next.status === 'withdrawn') {
          await deleteIf(redis, k.openRequest(next.teacherId), next.id);
        }
        return true;
      }
      const applied = await updateRequestScript.run(
        redis,
        [k.requests(), k.offers(), k.waiting(), k.openRequest(next.teacherId), k.finishedRequests()],
        [
          next.id,
          expected.status,
          expected.offeredTo ?? '',
          JSON.stringify(next),
          next.status,
          next.offerExpiresAt ?? '',
          next.finishedAt ?? next.createdAt,
        ],
      );
      return Number(applied) === 1;
    },
    async offersFor(consultantId) {
      const all = await requestsByIds(await redis.zrange(k.offers(), 0, -1));
      return all.filter((r) => r.status === 'offered' && r.offeredTo === consultantId);
    },
    async waitingRequests() {
      const all = await requestsByIds(await redis.smembers(k.waiting()));
      return all.sort((a, b) => a.createdAt - b.createdAt);
    },
    async expiredOffers(now) {
      return requestsByIds(await redis.zrangebyscore(k.offers(), '-inf', now));
    },

    async saveIntakeNotes(requestId, copies, drop) {
      const multi = redis.multi();
      const entries = Object.entries(copies).map(([holder, c]) => [holder, JSON.stringify(c)]);
      if (entries.length > 0) multi.hset(k.intakeNotes(requestId), Object.fromEntries(entries));
      if (drop.length > 0) multi.hdel(k.intakeNotes(requestId), ...drop);
      await multi.exec();
    },
    async intakeNotes(requestId) {
      const all = await redis.hgetall(k.intakeNotes(requestId));
      return Object.fromEntries(Object.entries(all).map(([h, j]) => [h, JSON.parse(j) as IntakeNoteCopy]));
    },
    async intakeNote(requestId, holder) {
      return parse<IntakeNoteCopy>(await redis.hget(k.intakeNotes(requestId), holder));
    },
    async dropIntakeNotes(requestId) {
      await redis.del(k.intakeNotes(requestId));
    },

    async saveConversation(c) {
      const multi = redis
        .multi()
        .hset(k.conversations(), c.id, JSON.stringify(c))
        .sadd(k.accountConversations(c.teacherId), c.id)
        .sadd(k.accountConversations(c.consultantId), c.id);
      if (c.status === 'closed') multi.zadd(k.closedConversations(), c.closedAt ?? c.createdAt, c.id);
      await multi.exec();
    },
    async replaceConversation(prev, next) {
      const saved = await replaceConversationScript.run(
        redis,
        [k.conversations()],
        [prev.id, JSON.stringify(next), transitionOf(prev)],
      );
      if (Number(saved) !== 1) return false;
      // The indexes (other slots on a cluster) are only ever added to: idempotent after the swap.
      const multi = redis
        .multi()
        .sadd(k.accountConversations(next.teacherId), next.id)
        .sadd(k.accountConversations(next.consultantId), next.id);
      if (next.status === 'closed')
        multi.zadd(k.closedConversations(), next.closedAt ?? next.createdAt, next.id);
      await multi.exec();
      return true;
    },
    async getConversation(id) {
      return parse<ConversationRecord>(await redis.hget(k.conversations(), id));
    },
    async conversationsOf(accountId) {
      const ids = await redis.smembers(k.accountConversations(accountId));
      if (ids.length === 0) return [];
      return (await redis.hmget(k.conversations(), ...ids)).flatMap(
        (j) => parse<ConversationRecord>(j) ?? [],
      );
    },

    async appendMessage(id, m) {
      const result = String(
        await appendScript.run(
          redis,
          [k.messages(id), k.seq(id), k.clientId(id, m.clientId), k.counters(id)],
          [
            m.from,
            m.ciphertext,
            m.iv,
            m.clientId,
            m.now,
            24 * 3600,
            m.meta ? JSON.stringify(m.meta) : '',
            m.meta ? m.meta.counter : '',
          ],
        ),
      );
      if (result === 'stale') return { seq: 0, ts: 0, duplicate: false, stale: true };
      const [seq = '0', ts = '0', duplicate = '0'] = result.split(':');
      return { seq: Number(seq), ts: Number(ts), duplicate: duplicate === '1' };
    },
    async messages(id, after, limit) {
      const entries = (await redis.xrange(
        k.messages(id),
        `(${after}-0`,
        '+',
        'COUNT',
        limit + 1,
      )) as StreamEntry[];
      const messages = entries.slice(0, limit).map(([entryId, fields]): SealedMessage => {
        const f: Record<string, string> = {};
        for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
        return {
          conversationId: id,
          seq: Number(entryId.slice(0, entryId.indexOf('-'))),
          ts: Number(f.t),
          from: f.f === 'consultant' ? 'consultant' : 'teacher',
          ciphertext: f.c ?? '',
          iv: f.i ?? '',
          ...(f.m ? { meta: JSON.parse(f.m) as SealMeta } : {}),
          ...(f.k ? { clientId: f.k } : {}),
        };
      });
      return { messages, more: entries.length > limit };
    },
    async lastMessageAt(id) {
      const [last] = (await redis.xrevrange(k.messages(id), '+', '-', 'COUNT', 1)) as StreamEntry[];
      if (!last) return null;
      const fields = last[1];
      for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 't') return Number(fields[i + 1]);
      return null;
    },
    async trimMessages(id, keep) {
      await redis.xtrim(k.messages(id), 'MAXLEN', '~', keep);
    },
    async saveGoal(id, goal) {
      await redis.hset(k.goals(id), goal.id, JSON.stringify(goal));
    },
    goals: (id) => listOfHash<SealedGoal>(k.goals(id)),
    async saveCheckIn(id, checkIn) {
      await redis.hset(k.checkIns(id), checkIn.id, JSON.stringify(checkIn));
    },
    checkIns: (id) => listOfHash<CheckIn>(k.checkIns(id)),

    async addResource(id, r, document, max) {
      const added = Number(
        await addResourceScript.run(
          redis,
          [k.resources(id), k.documents(id)],
          [r.id, JSON.stringify(r), max, document ?? ''],
        ),
      );
      return added === 1;
    },
    resources: (id) => listOfHash<SealedResource>(k.resources(id)),
    async resourceDocument(id, resourceId) {
      return (await redis.hget(k.documents(id), resourceId)) ?? null;
    },
    async removeResource(id, resourceId) {
      await redis.multi().hdel(k.resources(id), resourceId).hdel(k.documents(id), resourceId).exec();
    },
    async pinIntakeNote(id, note) {
      await redis.set(k.intakeNote(id), JSON.stringify(note));
    },
    async pinIntakeNoteOnce(id, note) {
      return (await redis.set(k.intakeNote(id), JSON.stringify(note), 'NX')) === 'OK';
    },
    async intakeNoteOf(id) {
      return parse<PinnedIntakeNote>(await redis.get(k.intakeNote(id)));
    },

    async claimCounter(id, role, counter) {
      return Number(await claimScript.run(redis, [k.counters(id)], [role, counter])) === 1;
    },
    async lastCounter(id, role) {
      return Number((await redis.hget(k.counters(id), role)) ?? 0);
    },
    async savePin(id, role, pin) {
      await redis.hset(k.pins(id), role, JSON.stringify(pin));
    },
    async getPin(id, role) {
      return parse<Sealed>(await redis.hget(k.pins(id), role));
    },

    async saveKeys(accountId, keys) {
      await redis.hset(k.keys(accountId), { ...keys });
    },
    async getKeys(accountId) {
      const h = await redis.hgetall(k.keys(accountId));
      // A bundle from before the Argon2id scheme (PBKDF2, no `kdf`) cannot be opened by today's client.
      if (!h.publicKey || h.kdf !== KDF_VERSION) return null;
      return {
        publicKey: h.publicKey,
        wrappedPrivateKey: h.wrappedPrivateKey ?? '',
        wrapIv: h.wrapIv ?? '',
        kdf: KDF_VERSION,
      };
    },

    async purgeFinished(cutoff, limit) {
      // Each step deletes keys or removes members: repeating it (another node, a retry) changes nothing more.
      const requestIds = await redis.zrangebyscore(k.finishedRequests(), '-inf', cutoff, 'LIMIT', 0, limit);
      for (const id of requestIds) {
        await redis
          .multi()
          .hdel(k.requests(), id)
          .del(k.intakeNotes(id))
          .zrem(k.finishedRequests(), id)
          .exec();
      }
      const conversationIds = await redis.zrangebyscore(
        k.closedConversations(),
        '-inf',
        cutoff,
        'LIMIT',
        0,
        limit,
      );
      for (const id of conversationIds) {
        const c = parse<ConversationRecord>(await redis.hget(k.conversations(), id));
        // Client-id markers live 24 h; only the newest messages can still have one (bounded read).
        const recent = (await redis.xrevrange(k.messages(id), '+', '-', 'COUNT', 1000)) as StreamEntry[];
        const clientIds = recent.flatMap(([, fields]) => {
          const at = fields.indexOf('k');
          return at >= 0 && at % 2 === 0 && fields[at + 1] ? [k.clientId(id, fields[at + 1] as string)] : [];
        });
        const multi = redis
          .multi()
          .del(
            k.messages(id),
            k.seq(id),
            k.counters(id),
            k.pins(id),
            k.goals(id),
            k.checkIns(id),
            k.resources(id),
            k.documents(id),
            k.intakeNote(id),
            ...clientIds,
          )
          .zrem(k.closedConversations(), id);
        // A blocked pair stays apart: that bare record (no content) is kept as long as the accounts.
        if (c && !c.blocked) {
          multi
            .hdel(k.conversations(), id)
            .srem(k.accountConversations(c.teacherId), id)
            .srem(k.accountConversations(c.consultantId), id);
        }
        await multi.exec();
      }
      return requestIds.length + conversationIds.length;
    },

    async requestsOf(teacherId) {
      return (await listOfHash<RequestRecord>(k.requests())).filter((r) => r.teacherId === teacherId);
    },
    async eraseAccount(accountId, now, formerName) {
      const publicKey = (await redis.hget(k.keys(accountId), 'publicKey')) ?? null;
      const ended: { conversationId: string; peerId: string }[] = [];
      for (const id of await redis.smembers(k.accountConversations(accountId))) {
        const c = parse<ConversationRecord>(await redis.hget(k.conversations(), id));
        if (!c) continue;
        const role: Role = c.teacherId === accountId ? 'teacher' : 'consultant';
        const next = endForErasure(c, accountId, now, formerName, publicKey);
        await dropSideScript.run(redis, [k.messages(id)], [role, k.clientId(id, '')]);
        const proposed = (await listOfHash<CheckIn>(k.checkIns(id))).filter((x) => x.proposedBy === role);
        const shared = (await listOfHash<SealedResource>(k.resources(id))).filter((x) => x.from === role);
        const multi = redis
          .multi()
          .del(k.goals(id), k.intakeNote(id))
          .hdel(k.pins(id), role)
          .hdel(k.counters(id), role);
        if (proposed.length > 0) multi.hdel(k.checkIns(id), ...proposed.map((x) => x.id));
        if (shared.length > 0)
          multi
            .hdel(k.resources(id), ...shared.map((x) => x.id))
            .hdel(k.documents(id), ...shared.map((x) => x.id));
        if (next) {
          multi
            .hset(k.conversations(), id, JSON.stringify(next))
            .zadd(k.closedConversations(), next.closedAt ?? now, id);
          ended.push({ conversationId: id, peerId: role === 'teacher' ? c.consultantId : c.teacherId });
        }
        await multi.srem(k.accountConversations(accountId), id).exec();
      }
      for (const [id, json] of Object.entries(await redis.hgetall(k.requests()))) {
        const r = JSON.parse(json) as RequestRecord;
        if (r.teacherId === accountId) {
          await redis
            .multi()
            .hdel(k.requests(), id)
            .del(k.intakeNotes(id))
            .zrem(k.offers(), id)
            .srem(k.waiting(), id)
            .zrem(k.finishedRequests(), id)
            .exec();
        } else if (r.status === 'offered' || r.status === 'waiting') {
          await redis.hdel(k.intakeNotes(id), accountId);
        }
      }
      await redis.del(k.openRequest(accountId), k.accountConversations(accountId), k.keys(accountId));
      await redis.hdel(k.consultants(), accountId);
      return ended;
    },
    async addFeedback(f) {
      await redis
        .multi()
        .rpush(k.feedback(), JSON.stringify(f))
        .ltrim(k.feedback(), -FEEDBACK_KEPT, -1)
        .exec();
    },
    async feedback() {
      return (await redis.lrange(k.feedback(), 0, -1)).map((j) => JSON.parse(j) as FeedbackRecord);
    },
    async listRequests() {
      return Object.values(await redis.hgetall(k.requests())).map((j) => JSON.parse(j) as RequestRecord);
    },
    async listConversations() {
      return Object.values(await redis.hgetall(k.conversations())).map(
        (j) => JSON.parse(j) as ConversationRecord,
      );
    },
  };
}
