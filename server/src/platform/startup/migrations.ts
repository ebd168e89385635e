import { randomBytes } from 'node:crypto';
import type { RedisClient as Redis } from '../redis/connect.js';
import type { Logger } from '../log.js';
import { deleteIf } from '../redis/delete-if.js';
import { migrationKeys } from './migrations.keys.js';

/**
 * A one-time change to data written by an older version (a backfill). `run` must be idempotent: it may be
 * interrupted (a node killed half-way) and run again from the start on the next start, and its writes must be
 * safe against the live code writing the same keys (compare-and-set, NX).
 */
export interface Migration {
  /** Stable id, recorded once done; never reuse one. */
  id: string;
  /** Does the work; resolves with counts for the log (ids and counts only). */
  run(): Promise<Record<string, number>>;
}

/**
 * Runs each migration not yet recorded as done, one node at a time: a node takes the migration's lock
 * (SET NX with a TTL, so a node killed half-way does not block it forever), runs it, records it done, and
 * releases the lock. A node that finds the lock taken leaves the migration to its holder. A failed migration is
 * logged and left unrecorded, so the next start runs it again (they are idempotent). Never rejects.
 */
export async function runMigrations(
  redis: Redis,
  prefix: string,
  migrations: readonly Migration[],
  log: Logger,
  lockMs = 10 * 60_000,
): Promise<void> {
  const k = migrationKeys(prefix);
  for (const m of migrations) {
    const token = randomBytes(12).toString('base64url');
    try {
      if ((await redis.hexists(k.done(), m.id)) === 1) continue;
      if ((await redis.set(k.lock(m.id), token, 'PX', lockMs, 'NX')) !== 'OK') {
        log.info({ migration: m.id }, 'migration: another node is running it');
        continue;
      }
    } catch (err) {
      log.warn({ migration: m.id, err: String(err) }, 'migration not started: it runs at the next start');
      continue;
    }
    try {
      // Checked again under the lock: another node may have finished it between the look above and the lock.
      if ((await redis.hexists(k.done(), m.id)) === 1) continue;
      const started = Date.now();
      const counts = await m.run();
      await redis.hset(k.done(), m.id, new Date().toISOString());
      log.info({ migration: m.id, ms: Date.now() - started, ...counts }, 'migration done');
    } catch (err) {
      log.warn({ migration: m.id, err: String(err) }, 'migration failed: it runs again at the next start');
    } finally {
      await deleteIf(redis, k.lock(m.id), token).catch(() => undefined);
    }
  }
}
