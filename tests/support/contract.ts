import type { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { startRedis, type TestRedis } from './redis.js';

/**
 * The two implementations a store contract runs against: embedded mode's memory store and the Redis store on
 * a private redis-server. Use with `describe.each(contractBackends(...))`; each call to the factory returns
 * fresh, empty stores (a new key prefix on Redis; one shared connection in subscriber mode for stores that
 * publish). Registers the Redis server's start and stop hooks.
 */
export function contractBackends<T>(
  memory: () => T,
  redisStores: (redis: Redis, prefix: string, subscriber: Redis) => T,
): [backend: string, make: () => T][] {
  let server: TestRedis | null = null;
  let client: Redis | null = null;
  let subscriber: Redis | null = null;
  let scopes = 0;
  beforeAll(async () => {
    server = await startRedis();
    client = server.client();
    subscriber = server.client();
  });
  afterAll(async () => {
    await Promise.all([client?.quit(), subscriber?.quit()]);
    await server?.stop();
  });
  return [
    ['memory', memory],
    [
      'redis',
      () => {
        if (!server || !client || !subscriber) throw new Error('Redis is started in beforeAll');
        scopes += 1;
        return redisStores(client, `${server.prefix}contract${scopes}:`, subscriber);
      },
    ],
  ];
}
