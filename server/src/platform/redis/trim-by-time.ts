import type { RedisClient as Redis } from './connect.js';
import { createScript } from './script.js';

/**
 * Trims a stream by time, whatever its entry ids are (`<seq>-0` for group messages, Redis time for the audit
 * log): reads the oldest entries, stops at the first whose time field is at or after the cutoff, and trims
 * everything before it with `XTRIM MINID` that entry's id (exact, not `~`). When every entry read is older, the
 * minimum id is the one right after the last of them.
 *
 * KEYS: stream, and optionally a hash of per-entry values keyed by the id's first part (a group's texts).
 * ARGV: cutoff (ms), limit, time field, prefix of a per-entry key deleted with the entry ('' for none; the
 * group's reactions: the prefix carries the group's hash tag, so the key lives in the same cluster slot).
 * Returns how many entries went (at most `limit`).
 */
const trimScript = createScript(`
local cutoff = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local entries = redis.call('XRANGE', KEYS[1], '-', '+', 'COUNT', limit + 1)
local removed = 0
local keep = nil
local last = nil
for i, entry in ipairs(entries) do
  local at = nil
  for j = 1, #entry[2], 2 do
    if entry[2][j] == ARGV[3] then at = tonumber(entry[2][j + 1]) end
  end
  if i > limit or at == nil or at >= cutoff then keep = entry[1]; break end
  local first = string.match(entry[1], '^(%d+)-')
  if KEYS[2] then redis.call('HDEL', KEYS[2], first) end
  if ARGV[4] ~= '' then redis.call('DEL', ARGV[4] .. first) end
  removed = removed + 1
  last = entry[1]
end
if removed == 0 then return 0 end
if not keep then
  local ms, n = string.match(last, '^(%d+)-(%d+)$')
  keep = ms .. '-' .. (tonumber(n) + 1)
end
redis.call('XTRIM', KEYS[1], 'MINID', keep)
return removed
`);

export interface TrimByTime {
  stream: string;
  /** Hash of per-entry values (HDEL by the id's first part) deleted with each entry. */
  values?: string;
  /** Prefix of a per-entry key (completed by the id's first part) deleted with each entry. */
  entryKeyPrefix?: string;
  /** The entry field holding its time in ms. */
  timeField: string;
  cutoff: number;
  limit: number;
}

/** Deletes up to `limit` of the oldest entries older than `cutoff`; returns how many went. */
export async function trimStreamByTime(redis: Redis, t: TrimByTime): Promise<number> {
  const keys = t.values ? [t.stream, t.values] : [t.stream];
  return Number(
    await trimScript.run(redis, keys, [Math.floor(t.cutoff), t.limit, t.timeField, t.entryKeyPrefix ?? '']),
  );
}
