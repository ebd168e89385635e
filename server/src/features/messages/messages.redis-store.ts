import type { Redis } from 'ioredis';
import { REACTIONS, type ReactionKind } from '@staffroom/shared/schemas/messages';
import { createScript } from '../../platform/redis/script.js';
import { trimStreamByTime } from '../../platform/redis/trim-by-time.js';
import { messageKeys } from './messages.keys.js';
import {
  CLIENT_ID_TTL_SECONDS,
  PENDING_CRISIS_MAX,
  type MessageStore,
  type RangeResult,
  type ReactionSummary,
  type RemovedBy,
  type StoredMessage,
} from './messages.store.js';

/** A text value that is a tombstone: NUL never survives cleaning, so no real text starts with it. */
const TOMBSTONE = '\u0000removed:';

/**
 * The hot path in one round trip. KEYS: stream, seq, clientId, sendRate, slowRate, texts, crisis.
 * ARGV: now, rateLimit, rateWindowMs, maxLen, clientIdTtl, kind, accountId, tag, name, text, clientId, slowMs,
 * channel, live, reactionsPrefix, crisis ('1' marks the message pending for an urgent item), pendingCrisisMax.
 * An empty client id (system messages) skips idempotency; a limit or slow window of 0 skips that check. The stream
 * is trimmed exactly to maxLen, and the text and reactions (which name the reacting accounts) of the message that
 * fell off are deleted with it. The reactions key is built here from its prefix, which carries the group's hash
 * tag, so it lives in the same cluster slot as the declared keys.
 * A stored message is published on the channel in the same step (see `liveMessage`): every node's subscription
 * receives it in seq order, and after the same AOF write as the reply.
 * Returns { 'stored' | 'duplicate', '<seq>:<ts>' } or { 'rate-limited' | 'slow-mode', '<ms>' }.
 */
const appendScript = createScript(`
local hasClientId = ARGV[11] ~= ''
if hasClientId then
  local previous = redis.call('GET', KEYS[3])
  if previous then return { 'duplicate', previous } end
end
local slow = tonumber(ARGV[12])
if slow > 0 and not redis.call('SET', KEYS[5], '1', 'PX', slow, 'NX') then
  return { 'slow-mode', tostring(redis.call('PTTL', KEYS[5])) }
end
local limit = tonumber(ARGV[2])
if limit > 0 then
  local n = redis.call('INCR', KEYS[4])
  if n == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[3]) end
  if n > limit then
    local ttl = redis.call('PTTL', KEYS[4])
    if ttl < 0 then redis.call('PEXPIRE', KEYS[4], ARGV[3]); ttl = tonumber(ARGV[3]) end
    return { 'rate-limited', tostring(ttl) }
  end
end
local seq = redis.call('INCR', KEYS[2])
local maxLen = tonumber(ARGV[4])
redis.call('XADD', KEYS[1], 'MAXLEN', maxLen, seq .. '-0',
  'k', ARGV[6], 'a', ARGV[7], 'g', ARGV[8], 'n', ARGV[9], 'c', ARGV[11], 't', ARGV[1])
redis.call('HSET', KEYS[6], seq, ARGV[10])
if seq > maxLen then
  redis.call('HDEL', KEYS[6], seq - maxLen)
  redis.call('DEL', ARGV[15] .. (seq - maxLen))
end
if ARGV[16] == '1' then
  redis.call('ZADD', KEYS[7], seq, seq)
  redis.call('ZREMRANGEBYRANK', KEYS[7], 0, -tonumber(ARGV[17]) - 1)
end
local result = seq .. ':' .. ARGV[1]
if hasClientId then redis.call('SET', KEYS[3], result, 'EX', ARGV[5]) end
redis.call('PUBLISH', ARGV[13], '{"seq":' .. seq .. ',"ts":' .. ARGV[1] .. ',' .. string.sub(ARGV[14], 2))
return { 'stored', result }
`);

/**
 * KEYS: reactions hash, texts. ARGV: kind, accountId, on ('1'/'0'), seq.
 * Returns the new count, or -1 when the message does not exist or was removed.
 */
const reactionScript = createScript(`
local text = redis.call('HGET', KEYS[2], ARGV[4])
if not text or string.sub(text, 1, 1) == '\0' then return -1 end
local marker = 'm:' .. ARGV[1] .. ':' .. ARGV[2]
local count = 'c:' .. ARGV[1]
if ARGV[3] == '1' then
  if redis.call('HSETNX', KEYS[1], marker, 1) == 1 then return redis.call('HINCRBY', KEYS[1], count, 1) end
elseif redis.call('HDEL', KEYS[1], marker) == 1 then
  return redis.call('HINCRBY', KEYS[1], count, -1)
end
return tonumber(redis.call('HGET', KEYS[1], count) or '0')
`);

/**
 * KEYS: texts, reactions, stream. ARGV: seq, tombstone value.
 * Overwrites the text with a tombstone (Redis frees the old value) and drops the reactions.
 * Returns { 'removed', authorAccountId } | { 'already-removed' } | { 'not-found' }.
 */
const removeScript = createScript(`
local text = redis.call('HGET', KEYS[1], ARGV[1])
if not text then return { 'not-found' } end
if string.sub(text, 1, 1) == '\\0' then return { 'already-removed' } end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('DEL', KEYS[2])
local entry = redis.call('XRANGE', KEYS[3], ARGV[1] .. '-0', ARGV[1] .. '-0')[1]
local author = ''
if entry then
  for i = 1, #entry[2], 2 do if entry[2][i] == 'a' then author = entry[2][i + 1] end end
end
return { 'removed', author }
`);

/**
 * Account erasure in one group. KEYS: stream, texts. ARGV: accountId, mode ('remove' | 'de-attribute'), tombstone,
 * reactions prefix, client-id prefix (the account's), former name, former tag, then the reaction kinds.
 * Stream entries cannot be edited and XDEL leaves their bytes in the listpack (and so in a snapshot), so when the
 * account wrote anything here the whole stream is rebuilt under the same ids (and last id) with the author fields
 * replaced. Returns the seqs that were the account's and not already removed.
 */
const eraseAuthorScript = createScript(`
local entries = redis.call('XRANGE', KEYS[1], '-', '+')
local mine = {}
local touched = {}
for _, e in ipairs(entries) do
  local f = e[2]
  local seq = string.sub(e[1], 1, string.find(e[1], '-') - 1)
  for i = 1, #f, 2 do
    if f[i] == 'a' and f[i + 1] == ARGV[1] then mine[#mine + 1] = e; break end
  end
  for k = 8, #ARGV do
    local rx = ARGV[4] .. seq
    if redis.call('HDEL', rx, 'm:' .. ARGV[k] .. ':' .. ARGV[1]) == 1 then
      redis.call('HINCRBY', rx, 'c:' .. ARGV[k], -1)
    end
  end
end
if #mine == 0 then return touched end
local info = redis.call('XINFO', 'STREAM', KEYS[1])
local lastId = nil
for i = 1, #info, 2 do if info[i] == 'last-generated-id' then lastId = info[i + 1] end end
redis.call('DEL', KEYS[1])
for _, e in ipairs(entries) do
  local f = e[2]
  local out = {}
  local isMine = false
  for i = 1, #f, 2 do if f[i] == 'a' and f[i + 1] == ARGV[1] then isMine = true end end
  for i = 1, #f, 2 do
    local name, value = f[i], f[i + 1]
    if isMine then
      if name == 'a' then value = '' end
      if name == 'g' then value = ARGV[7] end
      if name == 'n' then value = ARGV[6] end
      if name == 'c' then
        if value ~= '' then redis.call('DEL', ARGV[5] .. value) end
        value = ''
      end
    end
    out[#out + 1] = name
    out[#out + 1] = value
  end
  redis.call('XADD', KEYS[1], e[1], unpack(out))
  if isMine then
    local seq = string.sub(e[1], 1, string.find(e[1], '-') - 1)
    local text = redis.call('HGET', KEYS[2], seq)
    if text and string.sub(text, 1, 1) ~= '\0' then
      touched[#touched + 1] = tonumber(seq)
      if ARGV[2] == 'remove' then
        redis.call('HSET', KEYS[2], seq, ARGV[3])
        redis.call('DEL', ARGV[4] .. seq)
      end
    end
  end
end
if lastId then redis.call('XSETID', KEYS[1], lastId) end
return touched
`);

type StreamEntry = [id: string, fields: string[]];

function toMessage(groupId: string, [id, fields]: StreamEntry, text: string | null): StoredMessage {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
  const base = {
    groupId,
    seq: Number(id.slice(0, id.indexOf('-'))),
    ts: Number(f.t),
    accountId: f.a ?? '',
    tag: f.g ?? '',
    name: f.n ?? '',
    clientId: f.c ?? '',
  };
  if (text?.startsWith(TOMBSTONE)) {
    return { ...base, kind: 'removed', text: '', removedBy: text.slice(TOMBSTONE.length) as RemovedBy };
  }
  return { ...base, kind: (f.k as StoredMessage['kind']) ?? 'text', text: text ?? '' };
}

/** Splits "<seq>:<ts>". */
const seqTs = (value: string) => {
  const [seq = '0', ts = '0'] = value.split(':');
  return { seq: Number(seq), ts: Number(ts) };
};

/**
 * `subscriber` is a connection in subscriber mode (shared with other subscriptions): it carries `subscribe`.
 */
export function createRedisMessageStore(
  redis: Redis,
  subscriber: Redis,
  prefix: string,
  maxLen: number,
): MessageStore {
  const k = messageKeys(prefix);
  const channel = k.live();
  /** `reactions(groupId, seq)` without the seq, for the append script to complete. */
  const reactionsPrefix = (groupId: string) => k.reactions(groupId, 0).slice(0, -1);

  async function appendRaw(keys: string[], args: (string | number)[]) {
    const [status, value] = (await appendScript.run(redis, keys, args)) as [string, string];
    return { status, value };
  }

  /** Stream entries joined with their texts (one more round trip for the texts). */
  async function withTexts(groupId: string, entries: StreamEntry[]): Promise<StoredMessage[]> {
    if (entries.length === 0) return [];
    const seqs = entries.map(([id]) => id.slice(0, id.indexOf('-')));
    const texts = await redis.hmget(k.texts(groupId), ...seqs);
    return entries.map((e, i) => toMessage(groupId, e, texts[i] ?? null));
  }

  return {
    async append(m) {
      const { status, value } = await appendRaw(
        [
          k.stream(m.groupId),
          k.seq(m.groupId),
          k.clientId(m.groupId, m.accountId, m.clientId),
          k.sendRate(m.accountId),
          k.slowRate(m.groupId, m.accountId),
          k.texts(m.groupId),
          k.crisis(m.groupId),
        ],
        [
          m.now,
          m.rateLimit,
          m.rateWindowMs,
          maxLen,
          CLIENT_ID_TTL_SECONDS,
          'text',
          m.accountId,
          m.tag,
          m.name,
          m.text,
          m.clientId,
          m.slowWindowMs,
          channel,
          m.live,
          reactionsPrefix(m.groupId),
          m.crisis ? '1' : '0',
          PENDING_CRISIS_MAX,
        ],
      );
      if (status === 'rate-limited' || status === 'slow-mode') return { status, retryAfterMs: Number(value) };
      return { status: status === 'duplicate' ? 'duplicate' : 'stored', ...seqTs(value) };
    },
    async findByClientId(groupId, accountId, clientId) {
      const value = await redis.get(k.clientId(groupId, accountId, clientId));
      return value ? seqTs(value) : null;
    },
    async appendSystem(groupId, kind, text, now, live) {
      const { value } = await appendRaw(
        [
          k.stream(groupId),
          k.seq(groupId),
          k.clientId(groupId, 'system', 'none'),
          k.sendRate('system'),
          k.slowRate(groupId, 'system'),
          k.texts(groupId),
          k.crisis(groupId),
        ],
        [
          now,
          0,
          1,
          maxLen,
          1,
          kind,
          '',
          '',
          '',
          text,
          '',
          0,
          channel,
          live,
          reactionsPrefix(groupId),
          '0',
          PENDING_CRISIS_MAX,
        ],
      );
      return seqTs(value).seq;
    },
    async range(groupId, q): Promise<RangeResult> {
      const stream = k.stream(groupId);
      const count = q.limit + 1;
      if (q.after !== undefined) {
        const [[, entries], [, latest]] = ((await redis
          .pipeline()
          .xrange(stream, `(${q.after}-0`, '+', 'COUNT', count)
          .get(k.seq(groupId))
          .exec()) ?? []) as [[unknown, StreamEntry[]], [unknown, string | null]];
        const messages = await withTexts(groupId, entries.slice(0, q.limit));
        const latestSeq = Number(latest ?? 0);
        const first = messages[0]?.seq ?? latestSeq + 1;
        const gap = first > q.after + 1 && q.after < latestSeq ? { from: q.after + 1, to: first - 1 } : null;
        return { messages, more: entries.length > q.limit, gap };
      }
      const end = q.before !== undefined ? `(${q.before}-0` : '+';
      const entries = (await redis.xrevrange(stream, end, '-', 'COUNT', count)) as StreamEntry[];
      const messages = await withTexts(groupId, entries.slice(0, q.limit).reverse());
      return { messages, more: entries.length > q.limit, gap: null };
    },
    async latestSeqs(groupIds) {
      if (groupIds.length === 0) return [];
      const values = await redis.mget(...groupIds.map((id) => k.seq(id)));
      return values.map((v) => Number(v ?? 0));
    },
    async get(groupId, seq) {
      const entries = (await redis.xrange(k.stream(groupId), `${seq}-0`, `${seq}-0`)) as StreamEntry[];
      const [message] = await withTexts(groupId, entries);
      return message ?? null;
    },
    async remove(groupId, seq, by) {
      const [status, accountId = ''] = (await removeScript.run(
        redis,
        [k.texts(groupId), k.reactions(groupId, seq), k.stream(groupId)],
        [seq, `${TOMBSTONE}${by}`],
      )) as [string, string?];
      if (status === 'removed') return { status, accountId };
      return { status: status === 'already-removed' ? 'already-removed' : 'not-found' };
    },
    async setReaction(groupId, seq, kind, accountId, on) {
      const count = Number(
        await reactionScript.run(
          redis,
          [k.reactions(groupId, seq), k.texts(groupId)],
          [kind, accountId, on ? '1' : '0', seq],
        ),
      );
      return count < 0 ? null : count;
    },
    async reactions(groupId, seqs, accountId) {
      if (seqs.length === 0) return [];
      const pipe = redis.pipeline();
      for (const seq of seqs) pipe.hgetall(k.reactions(groupId, seq));
      const results = (await pipe.exec()) ?? [];
      return results.map(([err, h]): ReactionSummary => {
        const hash = err ? {} : (h as Record<string, string>);
        const counts: Partial<Record<ReactionKind, number>> = {};
        const mine: ReactionKind[] = [];
        for (const kind of REACTIONS) {
          const n = Number(hash[`c:${kind}`] ?? 0);
          if (n > 0) counts[kind] = n;
          if (hash[`m:${kind}:${accountId}`]) mine.push(kind);
        }
        return { counts, mine };
      });
    },
    async eraseAuthor(groupId, accountId, mode, former) {
      const seqs = (await eraseAuthorScript.run(
        redis,
        [k.stream(groupId), k.texts(groupId)],
        [
          accountId,
          mode,
          `${TOMBSTONE}author`,
          reactionsPrefix(groupId),
          k.clientId(groupId, accountId, ''),
          former.name,
          former.tag,
          ...REACTIONS,
        ],
      )) as number[];
      await redis.del(k.slowRate(groupId, accountId), k.sendRate(accountId));
      return seqs.map(Number);
    },
    async exportAuthor(groupId, accountId) {
      const entries = (await redis.xrange(k.stream(groupId), '-', '+')) as StreamEntry[];
      const all = await withTexts(groupId, entries);
      const messages = all.filter((m) => m.accountId === accountId && m.kind === 'text');
      const pipe = redis.pipeline();
      for (const m of all)
        pipe.hmget(k.reactions(groupId, m.seq), ...REACTIONS.map((r) => `m:${r}:${accountId}`));
      const marks = (await pipe.exec()) ?? [];
      const reactions = all.flatMap((m, i) => {
        const values = (marks[i]?.[1] ?? []) as (string | null)[];
        return REACTIONS.filter((_, j) => values[j]).map((kind) => ({ seq: m.seq, kind }));
      });
      return { messages, reactions };
    },
    async pendingCrisis(groupId) {
      return (await redis.zrange(k.crisis(groupId), 0, -1)).map(Number);
    },
    async clearCrisis(groupId, seq) {
      await redis.zrem(k.crisis(groupId), String(seq));
    },
    trimBefore: (groupId, cutoff, limit) =>
      trimStreamByTime(redis, {
        stream: k.stream(groupId),
        values: k.texts(groupId),
        entryKeyPrefix: reactionsPrefix(groupId),
        timeField: 't',
        cutoff,
        limit,
      }),
    async subscribe(listener) {
      subscriber.on('message', (from: string, message: string) => {
        if (from === channel) listener(message);
      });
      // ioredis subscribes again after a reconnect; clients catch up on what was published meanwhile.
      await subscriber.subscribe(channel);
    },
  };
}
