import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/** A Lua script run by `EVALSHA`, loaded with `EVAL` the first time a server (or a restarted one) lacks it. */
export interface Script {
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
}

/**
 * @see https://redis.io/docs/latest/commands/evalsha/
 */
export function createScript(lua: string): Script {
  const sha = createHash('sha1').update(lua).digest('hex');
  return {
    async run(redis, keys, args) {
      try {
        return await redis.evalsha(sha, keys.length, ...keys, ...args);
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('NOSCRIPT')) {
          return redis.eval(lua, keys.length, ...keys, ...args);
        }
        throw err;
      }
    },
  };
}
