import { afterAll, beforeAll } from 'vitest';
import type { RedisClient as Redis } from '../../server/src/platform/redis/connect.js';
import { startRedis, type TestRedis } from './redis.js';
import { hasRedisCluster, startRedisCluster, type TestRedisCluster } from './redis-cluster.js';

/** One Redis Cluster (3 primaries, no replicas) per test file, shared by its contract suites. */
let sharedCluster: Promise<TestRedisCluster> | null = null;
let clusterUsers = 0;

/**
 * The implementations a store contract runs against: embedded mode's memory store, the Redis store on a private
 * redis-server, and the same Redis store on a private Redis Cluster (`redis-cluster`, when redis-cli is there to
 * create one). Use with `describe.each(contractBackends(...))`; each call to the factory returns
 * fresh, empty stores (a new key prefix on Redis; one shared connection in subscriber mode for stores that
 * publish). Registers the Redis server's start and stop hooks.
 */
export function contractBackends<T>(
  memory: () => T,
  redisStores: (redis: Redis, prefix: string, subscriber: Redis) => T,
  /** `cluster: false` for a store not yet written for Redis Cluster (say why where it is used). */
  opts: { cluster?: boolean } = {},
): [backend: string, make: () => T][] {
  let server: TestRedis | null = null;
  let client: Redis | null = null;
  let subscriber: Redis | null = null;
  let scopes = 0;
  const withCluster = opts.cluster !== false && hasRedisCluster();
  let clusterClient: Redis | null = null;
  let clusterSubscriber: Redis | null = null;
  beforeAll(async () => {
    server = await startRedis();
    client = server.client();
    subscriber = server.client();
    if (withCluster) {
      clusterUsers += 1;
      sharedCluster ??= startRedisCluster({ replicas: 0 });
      const cluster = await sharedCluster;
      clusterClient = cluster.client();
      clusterSubscriber = cluster.client({ subscriber: true });
    }
  });
  afterAll(async () => {
    await Promise.all([client?.quit(), subscriber?.quit(), clusterClient?.quit(), clusterSubscriber?.quit()]);
    await server?.stop();
    if (withCluster && --clusterUsers === 0 && sharedCluster) {
      const cluster = sharedCluster;
      sharedCluster = null;
      await (await cluster).stop();
    }
  });
  const clusterBackend: [string, () => T][] = withCluster
    ? [
        [
          'redis-cluster',
          () => {
            if (!clusterClient || !clusterSubscriber) throw new Error('the cluster is started in beforeAll');
            scopes += 1;
            return redisStores(clusterClient, `sr:contract${scopes}:`, clusterSubscriber);
          },
        ],
      ]
    : [];
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
    ...clusterBackend,
  ];
}
