// A cluster client too (REDIS_CLUSTER_NODES): see platform/redis/cluster-client.ts.
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { REACTIONS, type ReactionKind } from '@staffroom/shared/schemas/messages';
import { createScript } from '../../platform/redis/script.js';
import { trimStreamByTime } from '../../platform/redis/trim-by-time.js';
import { replicasOf } from '../../platform/redis/cluster-client.js';
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
 * channel, live, reactionsPrefix, crisis ('1' marks the message pending for an urgent item), pendingCrisisMax,
 * publish command ('PUBLISH' on `msgs:live`, or 'SPUBLISH' on the group's shard channel in cluster mode).
 * An empty client id (system messages) skips idempotency; a limit or slow window of 0 skips that check. The stream
 * is trimmed exactly to maxLen, and the text and reactions (which name the reacting accounts) of the message that
 * fell off are deleted with it. The reactions key is built here from its prefix, which carries the group's hash
 * tag, so it lives in the same cluster slot as the declared keys.
 * A stored message is published on the channel in the same step (see `liveMessage`): every node's subscription
 * receives it in seq order, and after the same AOF write as the reply.
 * Returns { 'stored' | 'duplicate', '<seq>:<ts>' } or { 'rate-limited' | 'slow-mode', '<ms>' }.
 * Cluster mode: the sender's rate key is in another slot, so `sendRateScript` spends it first (rateLimit 0 here)
 * and KEYS[4] is a key of the group's slot the script does not touch (a script's keys must share one slot).
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
redis.call(ARGV[18], ARGV[13], '{"seq":' .. seq .. ',"ts":' .. ARGV[1] .. ',' .. string.sub(ARGV[14], 2))
return { 'stored', result }
`);

/**
 * Cluster mode, before the append: spends one send from the account's window. KEYS: sendRate. ARGV: limit,
 * window ms. Returns 0, or the ms until the window ends when the limit is reached.
 */
const sendRateScript = createScript(`
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if n <= tonumber(ARGV[1]) then return 0 end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[2]); ttl = tonumber(ARGV[2]) end
return ttl
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

export interface RedisMessageStoreOptions {
  /** Cluster mode: how long an append waits for its shard's replica (`WAIT 1`) before it is acknowledged. */
  waitTimeoutMs?: number;
  /** Told when an append was acknowledged without its replica's confirmation (the wait timed out). */
  onUnreplicated?: () => void;
  /** Told of every stored message this node receives from Redis, with its size (for /metrics). */
  onReceived?: (bytes: number) => void;
}

/**
 * `subscriber` is a connection in subscriber mode (shared with other subscriptions): it carries `subscribe`.
 *
 * On a Redis Cluster (`redis.isCluster`) three things differ, each documented in docs/cluster.md: the sender's
 * rate limit is spent in its own step before the append (its key lives in the account's slot; a retry of a
 * stored message that meets the limit is still answered as the duplicate it is, and a duplicate gives its send
 * back); the append publishes with `SPUBLISH` on the group's shard channel, which this node receives only for
 * the groups it `follow`s; and when the shard has a replica the append waits for it (`WAIT 1`) before it is
 * acknowledged, so a failover never loses an acknowledged message.
 */
export function createRedisMessageStore(
  redis: Redis,
  subscriber: Redis,
  prefix: string,
  maxLen: number,
  options: RedisMessageStoreOptions = {},
): MessageStore {
  const k = messageKeys(prefix);
  const cluster = redis.isCluster;
  const channel = k.live();
  const channelOf = (groupId: string) => (cluster ? k.liveShard(groupId) : channel);
  const publishCommand = cluster ? 'SPUBLISH' : 'PUBLISH';
  /** `reactions(groupId, seq)` without the seq, for the append script to complete. */
  const reactionsPrefix = (groupId: string) => k.reactions(groupId, 0).slice(0, -1);
  const waitTimeoutMs = options.waitTimeoutMs ?? 500;

  async function appendRaw(keys: string[], args: (string | number)[]) {
    // KEYS[1] is the group's stream: its primary is the one the append runs on.
    if (cluster && replicasOf(redis, keys[0] as string) > 0) {
      const { reply, replicas } = await appendScript.runThenWait(redis, keys, args, 1, waitTimeoutMs);
      const [status, value] = reply as [string, string];
      if (replicas < 1 && (status === 'stored' || status === 'duplicate')) options.onUnreplicated?.();
      return { status, value };
    }
    const [status, value] = (await appendScript.run(redis, keys, args)) as [string, string];
    return { status, value };
  }

  /** Cluster mode: the groups this node receives, each with its `SSUBSCRIBE` (dropped if it failed). */
  const following = new Map<string, Promise<void>>();

  /** Stream entries joined with their texts (one more round trip for the texts). */
  async function withTexts(groupId: string, entries: StreamEntry[]): Promise<StoredMessage[]> {
    if (entries.length === 0) return [];
    const seqs = entries.map(([id]) => id.slice(0, id.indexOf('-')));
    const texts = await redis.hmget(k.texts(groupId), ...seqs);
    return entries.map((e, i) => toMessage(groupId, e, texts[i] ?? null));
  }

  return {
    async append(m) {
      let spent = false;
      if (cluster && m.rateLimit > 0) {
        const wait = Number(
          await sendRateScript.run(redis, [k.sendRate(m.accountId)], [m.rateLimit, m.rateWindowMs]),
        );
        if (wait > 0) {
          // A retry of a message stored before is answered as the duplicate it is, limit or not.
          const previous = m.clientId
            ? await redis.get(k.clientId(m.groupId, m.accountId, m.clientId))
            : null;
          if (previous) return { status: 'duplicate', ...seqTs(previous) };
          return { status: 'rate-limited', retryAfterMs: wait };
        }
        spent = true;
      }
      const { status, value } = await appendRaw(
        [
          k.stream(m.groupId),
          k.seq(m.groupId),
          k.clientId(m.groupId, m.accountId, m.clientId),
          // Cluster: a key of the group's slot the script leaves alone (rate limit 0, see the script).
          cluster ? k.slowRate(m.groupId, `${m.accountId}:unused`) : k.sendRate(m.accountId),
          k.slowRate(m.groupId, m.accountId),
          k.texts(m.groupId),
          k.crisis(m.groupId),
        ],
        [
          m.now,
          cluster ? 0 : m.rateLimit,
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
          channelOf(m.groupId),
          m.live,
          reactionsPrefix(m.groupId),
          m.crisis ? '1' : '0',
          PENDING_CRISIS_MAX,
          publishCommand,
        ],
      );
      // Only a message stored now costs a send: a duplicate or a slow-mode refusal gives it back.
      if (spent && status !== 'stored') await redis.decr(k.sendRate(m.accountId));
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
          // Rate limit 0: never touched; on a cluster it must still be a key of the group's slot.
          cluster ? k.slowRate(groupId, 'system:unused') : k.sendRate('system'),
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
          channelOf(groupId),
          live,
          reactionsPrefix(groupId),
          '0',
          PENDING_CRISIS_MAX,
          publishCommand,
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
    async removedAmong(groupId, from, to) {
      if (to < from) return [];
      const seqs = Array.from({ length: to - from + 1 }, (_, i) => from + i);
      const texts = await redis.hmget(k.texts(groupId), ...seqs.map(String));
      return seqs.flatMap((seq, i) => {
        const text = texts[i];
        return text?.startsWith(TOMBSTONE) ? [{ seq, by: text.slice(TOMBSTONE.length) as RemovedBy }] : [];
      });
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
      // The `…Buffer` events: ioredis makes no strings of the channel and message for them (it does for
      // `message`/`smessage` as soon as anything listens to those), and delivery wants the bytes anyway.
      if (cluster) {
        // Shard channels of the groups this node follows (ioredis subscribes again after a failover).
        const [head, tail] = k.liveShard('\n').split('\n') as [string, string];
        const headBytes = Buffer.from(head);
        const tailBytes = Buffer.from(tail);
        subscriber.on('smessageBuffer', (from: Buffer, message: Buffer) => {
          if (
            from.length < headBytes.length + tailBytes.length ||
            headBytes.compare(from, 0, headBytes.length) !== 0 ||
            tailBytes.compare(from, from.length - tailBytes.length) !== 0
          ) {
            return;
          }
          options.onReceived?.(message.length);
          listener(message);
        });
        return;
      }
      const channelBytes = Buffer.from(channel);
      subscriber.on('messageBuffer', (from: Buffer, message: Buffer) => {
        if (!channelBytes.equals(from)) return;
        options.onReceived?.(message.length);
        listener(message);
      });
      // ioredis subscribes again after a reconnect; clients catch up on what was published meanwhile.
      await subscriber.subscribe(channel);
    },
    follow(groupId) {
      if (!cluster) return Promise.resolve();
      let subscribed = following.get(groupId);
      if (!subscribed) {
        subscribed = subscriber.ssubscribe(channelOf(groupId)).then(() => undefined);
        following.set(groupId, subscribed);
        // A failed subscription is tried again by the next follow (the next open of the group).
        subscribed.catch(() => {
          if (following.get(groupId) === subscribed) following.delete(groupId);
        });
      }
      return subscribed;
    },
    unfollow(groupId) {
      if (!cluster || !following.delete(groupId)) return;
      subscriber.sunsubscribe(channelOf(groupId)).catch(() => {
        // The connection is gone, and its subscriptions with it.
      });
    },
  };
}
