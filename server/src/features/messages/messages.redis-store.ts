import type { Redis } from 'ioredis';
import { REACTIONS, type ReactionKind } from '@staffroom/shared/schemas/messages';
import { createScript } from '../../platform/redis/script.js';
import { messageKeys } from './messages.keys.js';
import {
  CLIENT_ID_TTL_SECONDS,
  type MessageStore,
  type RangeResult,
  type ReactionSummary,
  type StoredMessage,
} from './messages.store.js';

/**
 * The hot path in one round trip. KEYS: stream, seq, clientId, sendRate.
 * ARGV: now, rateLimit, rateWindowMs, maxLen, clientIdTtl, kind, accountId, tag, name, text, clientId.
 * An empty client id (system messages) skips the idempotency key; a limit of 0 skips the rate limit.
 * Returns { 'stored' | 'duplicate', '<seq>:<ts>' } or { 'rate-limited', '<ms>' }.
 */
const appendScript = createScript(`
local hasClientId = ARGV[11] ~= ''
if hasClientId then
  local previous = redis.call('GET', KEYS[3])
  if previous then return { 'duplicate', previous } end
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
redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[4], seq .. '-0',
  'k', ARGV[6], 'a', ARGV[7], 'g', ARGV[8], 'n', ARGV[9], 'x', ARGV[10], 'c', ARGV[11], 't', ARGV[1])
local result = seq .. ':' .. ARGV[1]
if hasClientId then redis.call('SET', KEYS[3], result, 'EX', ARGV[5]) end
return { 'stored', result }
`);

/**
 * KEYS: reactions hash, stream. ARGV: kind, accountId, on ('1'/'0'), seq.
 * Returns the new count, or -1 when the message does not exist.
 */
const reactionScript = createScript(`
if #redis.call('XRANGE', KEYS[2], ARGV[4] .. '-0', ARGV[4] .. '-0') == 0 then return -1 end
local marker = 'm:' .. ARGV[1] .. ':' .. ARGV[2]
local count = 'c:' .. ARGV[1]
if ARGV[3] == '1' then
  if redis.call('HSETNX', KEYS[1], marker, 1) == 1 then return redis.call('HINCRBY', KEYS[1], count, 1) end
elseif redis.call('HDEL', KEYS[1], marker) == 1 then
  return redis.call('HINCRBY', KEYS[1], count, -1)
end
return tonumber(redis.call('HGET', KEYS[1], count) or '0')
`);

type StreamEntry = [id: string, fields: string[]];

function toMessage(groupId: string, [id, fields]: StreamEntry): StoredMessage {
  const f: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i] as string] = fields[i + 1] as string;
  return {
    groupId,
    seq: Number(id.slice(0, id.indexOf('-'))),
    ts: Number(f.t),
    kind: (f.k as StoredMessage['kind']) ?? 'text',
    accountId: f.a ?? '',
    tag: f.g ?? '',
    name: f.n ?? '',
    text: f.x ?? '',
    clientId: f.c ?? '',
  };
}

/** Splits "<seq>:<ts>". */
const seqTs = (value: string) => {
  const [seq = '0', ts = '0'] = value.split(':');
  return { seq: Number(seq), ts: Number(ts) };
};

export function createRedisMessageStore(redis: Redis, prefix: string, maxLen: number): MessageStore {
  const k = messageKeys(prefix);

  async function appendRaw(keys: string[], args: (string | number)[]) {
    const [status, value] = (await appendScript.run(redis, keys, args)) as [string, string];
    return { status, value };
  }

  return {
    async append(m) {
      const { status, value } = await appendRaw(
        [k.stream(m.groupId), k.seq(m.groupId), k.clientId(m.groupId, m.accountId, m.clientId), k.sendRate(m.accountId)],
        [m.now, m.rateLimit, m.rateWindowMs, maxLen, CLIENT_ID_TTL_SECONDS, 'text', m.accountId, m.tag, m.name, m.text, m.clientId],
      );
      if (status === 'rate-limited') return { status, retryAfterMs: Number(value) };
      return { status: status === 'duplicate' ? 'duplicate' : 'stored', ...seqTs(value) };
    },
    async appendSystem(groupId, kind, text, now) {
      // No client id and no rate limit: the script touches neither key, but Redis wants them declared.
      const stream = k.stream(groupId);
      const { value } = await appendRaw(
        [stream, k.seq(groupId), k.clientId(groupId, 'system', 'none'), k.sendRate('system')],
        [now, 0, 1, maxLen, 1, kind, '', '', '', text, ''],
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
        const messages = entries.slice(0, q.limit).map((e) => toMessage(groupId, e));
        const latestSeq = Number(latest ?? 0);
        const first = messages[0]?.seq ?? latestSeq + 1;
        const gap = first > q.after + 1 && q.after < latestSeq ? { from: q.after + 1, to: first - 1 } : null;
        return { messages, more: entries.length > q.limit, gap };
      }
      const end = q.before !== undefined ? `(${q.before}-0` : '+';
      const entries = (await redis.xrevrange(stream, end, '-', 'COUNT', count)) as StreamEntry[];
      const messages = entries
        .slice(0, q.limit)
        .map((e) => toMessage(groupId, e))
        .reverse();
      return { messages, more: entries.length > q.limit, gap: null };
    },
    async latestSeqs(groupIds) {
      if (groupIds.length === 0) return [];
      const values = await redis.mget(...groupIds.map((id) => k.seq(id)));
      return values.map((v) => Number(v ?? 0));
    },
    async setReaction(groupId, seq, kind, accountId, on) {
      const count = Number(
        await reactionScript.run(redis, [k.reactions(groupId, seq), k.stream(groupId)], [kind, accountId, on ? '1' : '0', seq]),
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
  };
}
