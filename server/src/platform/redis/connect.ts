import { Redis, type Cluster } from 'ioredis';
import type { Logger } from '../log.js';

export type { Redis };

/**
 * What the stores talk to: one Redis, or a Redis Cluster (`REDIS_CLUSTER_NODES`, see cluster-client.ts). Both
 * take the same commands; `isCluster` tells them apart where a store must work differently on a cluster.
 */
export type RedisClient = Redis | Cluster;

/**
 * Opens a command connection. Commands fail fast while Redis is away (the caller answers UNAVAILABLE and the
 * client retries with the same idempotency key) and the connection comes back by itself when Redis does.
 */
export function connectRedis(url: string, log: Logger, name: string, onRestored?: () => void): Redis {
  const redis = new Redis(url, {
    connectionName: `staffroom:${name}`,
    maxRetriesPerRequest: 1,
    enableReadyCheck: true,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let down = false;
  redis.on('error', (err: Error) => {
    if (!down) log.warn({ conn: name, err: err.message }, 'redis connection error');
    down = true;
  });
  // A connection the server closes (`CLIENT KILL`, a timeout, a proxy) ends without an error: it is down all the
  // same until ready again, and a subscriber missed everything published meanwhile.
  redis.on('reconnecting', () => {
    if (!down) log.warn({ conn: name }, 'redis connection lost: reconnecting');
    down = true;
  });
  redis.on('ready', () => {
    if (down) {
      log.info({ conn: name }, 'redis connection restored');
      onRestored?.();
    }
    down = false;
  });
  return redis;
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export async function waitReady(redis: RedisClient, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not reachable within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}
