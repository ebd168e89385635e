import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import type { Logger } from '../../platform/log.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * After an erasure, Redis's files still hold what was erased: the AOF logs the writes that are now deleted, and
 * the last snapshot (and an AOF base, which is a snapshot) holds the old values. This rewrites the AOF from the
 * data as it is now, then takes a new snapshot, one after the other, each after any that was already running
 * (one started before the erasure would have copied the old data). Resolves when both are done, or at `timeoutMs`
 * (logged: the next rewrite Redis makes by itself, or the next erasure, finishes the job).
 */
export async function rewriteRedisFiles(redis: Redis, log: Logger, timeoutMs = 45_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const info = async () => {
    const text = await redis.info('persistence');
    return new Map(
      text.split(/\r?\n/).flatMap((line) => {
        const at = line.indexOf(':');
        return at > 0 ? [[line.slice(0, at), line.slice(at + 1)] as const] : [];
      }),
    );
  };
  const waitUntil = async (done: (i: Map<string, string>) => boolean) => {
    while (Date.now() < deadline) {
      if (done(await info())) return true;
      await sleep(50);
    }
    return false;
  };
  /** Runs the command, again while Redis says one is already running; true once it was accepted. */
  const start = async (command: () => Promise<unknown>) => {
    while (Date.now() < deadline) {
      try {
        await command();
        return true;
      } catch (err) {
        if (!/in progress|already/i.test(String(err))) throw err;
        await sleep(100);
      }
    }
    return false;
  };
  const aofIdle = (i: Map<string, string>) =>
    i.get('aof_rewrite_in_progress') !== '1' && i.get('aof_rewrite_scheduled') !== '1';
  const rdbIdle = (i: Map<string, string>) => i.get('rdb_bgsave_in_progress') !== '1';
  try {
    if ((await info()).get('aof_enabled') === '1') {
      const ok = (await start(() => redis.bgrewriteaof())) && (await waitUntil(aofIdle));
      if (!ok) log.warn('erasure: the AOF rewrite did not finish in time');
    }
    await waitUntil(aofIdle);
    const saved = (await start(() => redis.bgsave())) && (await waitUntil(rdbIdle));
    if (!saved) log.warn('erasure: the snapshot did not finish in time');
  } catch (err) {
    log.warn({ err: String(err) }, 'erasure: rewriting the Redis files failed');
  }
}
