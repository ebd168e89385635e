import { createHash } from 'node:crypto';
import type { RedisClient as Redis } from './connect.js';

/** A Lua script run by `EVALSHA`, loaded with `EVAL` the first time a server (or a restarted one) lacks it. */
export interface Script {
  run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown>;
  /**
   * Runs the script and then `WAIT replicas timeoutMs` in one pipeline on the same connection (WAIT counts the
   * replicas that confirmed every write this connection made before it). Resolves with the script's reply and
   * how many replicas confirmed. On a cluster the pipeline goes to the primary of the keys' slot.
   */
  runThenWait(
    redis: Redis,
    keys: readonly string[],
    args: readonly (string | number)[],
    replicas: number,
    timeoutMs: number,
  ): Promise<{ reply: unknown; replicas: number }>;
  /**
   * Runs the script once per call in one pipeline (on a cluster, one pipeline per slot). Answers each call's
   * error or reply, in order; calls the server answered NOSCRIPT are run again with `EVAL`.
   */
  runEach(
    redis: Redis,
    calls: readonly { keys: readonly string[]; args: readonly (string | number)[] }[],
  ): Promise<[Error | null, unknown][]>;
}

/**
 * @see https://redis.io/docs/latest/commands/evalsha/
 */
export function createScript(lua: string): Script {
  const sha = createHash('sha1').update(lua).digest('hex');
  return {
    // ioredis's own promise, not an async wrapper around it: this is on every message's path.
    run(redis, keys, args) {
      return redis.evalsha(sha, keys.length, ...keys, ...args).catch((err: unknown) => {
        if (err instanceof Error && err.message.startsWith('NOSCRIPT')) {
          return redis.eval(lua, keys.length, ...keys, ...args);
        }
        throw err;
      });
    },
    async runThenWait(redis, keys, args, replicas, timeoutMs) {
      for (const command of ['evalsha', 'eval'] as const) {
        const replies = await redis
          .pipeline()
          .call(command, command === 'evalsha' ? sha : lua, keys.length, ...keys, ...args)
          .call('wait', replicas, timeoutMs)
          .exec();
        const [[err, reply] = [null, null], [waitErr, confirmed] = [null, 0]] = replies ?? [];
        // A promoted replica has no script cache yet (scripts replicate as their effects): load it.
        if (command === 'evalsha' && err?.message.startsWith('NOSCRIPT')) continue;
        if (err) throw err;
        if (waitErr) throw waitErr;
        return { reply, replicas: Number(confirmed) };
      }
      throw new Error('unreachable: EVAL does not answer NOSCRIPT');
    },
    async runEach(redis, calls) {
      if (calls.length === 0) return [];
      const pipe = redis.pipeline();
      for (const { keys, args } of calls) pipe.evalsha(sha, keys.length, ...keys, ...args);
      const replies = ((await pipe.exec()) ?? []) as [Error | null, unknown][];
      const missing: number[] = [];
      replies.forEach(([err], i) => {
        if (err?.message.startsWith('NOSCRIPT')) missing.push(i);
      });
      if (missing.length === 0) return replies;
      const again = redis.pipeline();
      for (const i of missing) {
        const { keys, args } = calls[i] as (typeof calls)[number];
        again.eval(lua, keys.length, ...keys, ...args);
      }
      const retried = ((await again.exec()) ?? []) as [Error | null, unknown][];
      missing.forEach((i, j) => (replies[i] = retried[j] ?? [new Error('no reply'), null]));
      return replies;
    },
  };
}
