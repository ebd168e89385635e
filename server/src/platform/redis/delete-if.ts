import type { RedisClient as Redis } from './connect.js';
import { createScript } from './script.js';

/** KEYS: a key. ARGV: expected value. Deletes it only while it holds that value. */
const deleteIfScript = createScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * Compare-and-delete of a string key (a lock released by its holder only, an index entry only while it still
 * names this record): one key, so one slot on a cluster. Resolves true when it deleted the key.
 */
export async function deleteIf(redis: Redis, key: string, expected: string): Promise<boolean> {
  return Number(await deleteIfScript.run(redis, [key], [expected])) === 1;
}
