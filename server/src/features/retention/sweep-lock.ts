import { randomBytes } from 'node:crypto';
import type { RedisClient as Redis } from '../../platform/redis/connect.js';
import { createScript } from '../../platform/redis/script.js';
import { deleteIf } from '../../platform/redis/delete-if.js';

/** One node at a time: who holds the lock sweeps; the others skip this round. */
export interface SweepLock {
  /** Takes the lock if nobody holds it; returns this holder's token, or null when another holds it. */
  acquire(): Promise<string | null>;
  /** Keeps holding for another lock period; false when the lock was lost (it expired and another took it). */
  extend(token: string): Promise<boolean>;
  /** Lets go, only if this token still holds it (never deletes another node's lock). */
  release(token: string): Promise<void>;
}

/** KEYS: lock. ARGV: token, ttl ms. Extends only the holder's own lock. */
const extendScript = createScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);

/**
 * A lock in Redis across every node: `SET key token NX PX ttl`, with a random token so that extending and
 * releasing are compare-and-act scripts: a node whose lock expired (a long pause) cannot release the next
 * holder's. A holder that dies leaves the lock to expire after `ttlMs`.
 */
export function createRedisSweepLock(redis: Redis, key: string, ttlMs: number): SweepLock {
  return {
    async acquire() {
      const token = randomBytes(16).toString('base64url');
      return (await redis.set(key, token, 'PX', ttlMs, 'NX')) === 'OK' ? token : null;
    },
    async extend(token) {
      return Number(await extendScript.run(redis, [key], [token, ttlMs])) === 1;
    },
    async release(token) {
      await deleteIf(redis, key, token); // only the holder's own lock
    },
  };
}

/** Embedded mode has one process: the lock only keeps two sweeps of this process from overlapping. */
export function createMemorySweepLock(): SweepLock {
  let holder: string | null = null;
  return {
    async acquire() {
      if (holder !== null) return null;
      holder = randomBytes(16).toString('base64url');
      return holder;
    },
    async extend(token) {
      return holder === token;
    },
    async release(token) {
      if (holder === token) holder = null;
    },
  };
}
