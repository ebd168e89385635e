import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from 'ioredis';
import { replicasOf, scanKeys } from '../../server/src/platform/redis/cluster-client.js';
import { startRedisCluster, type TestRedisCluster } from '../support/redis-cluster.js';

/**
 * The cluster client's per-slot cutting (platform/redis/cluster-client.ts) on a real 3-primary cluster: what
 * the stores rely on when a MULTI, a pipeline or a multi-key command spans slots.
 */
let cluster: TestRedisCluster;
let redis: Cluster;
beforeAll(async () => {
  cluster = await startRedisCluster({ replicas: 0 });
  redis = cluster.client();
});
afterAll(async () => {
  await redis?.quit();
  await cluster?.stop();
});

/** Keys spread over every primary (and so over many slots). */
const keys = Array.from({ length: 30 }, (_, i) => `cc:key-${i}`);

describe('Redis Cluster client', () => {
  it('when keys span the primaries, then they really live on several of them', async () => {
    const owners = new Set(await Promise.all(keys.map((k) => cluster.primaryOf(k))));
    expect(owners.size).toBe(3);
  });

  it('when a MULTI spans slots, then every command runs and the replies come back in the order queued', async () => {
    const multi = redis.multi();
    keys.forEach((k, i) => multi.set(k, `v${i}`).get(k));
    const replies = (await multi.exec()) ?? [];
    expect(replies).toHaveLength(keys.length * 2);
    keys.forEach((_, i) => {
      expect(replies[2 * i]).toEqual([null, 'OK']);
      expect(replies[2 * i + 1]).toEqual([null, `v${i}`]);
    });
  });

  it('when MGET, EXISTS and DEL span slots, then values come back in the asked order and counts add up', async () => {
    const asked = [...keys].reverse().concat(['cc:missing']);
    expect(await redis.mget(...asked)).toEqual(
      [...keys.map((_, i) => `v${i}`)].reverse().concat([null as unknown as string]),
    );
    expect(await redis.exists(...keys, 'cc:missing')).toBe(keys.length);
    const pipe = redis
      .pipeline()
      .del(...keys.slice(0, 10))
      .mget(keys[0]!, keys[20]!);
    expect(await pipe.exec()).toEqual([
      [null, 10],
      [null, [null, 'v20']],
    ]);
  });

  it('when keys are scanned, then every primary is scanned', async () => {
    const found: string[] = [];
    for await (const batch of scanKeys(redis, 'cc:key-*', 5)) found.push(...batch);
    expect(found.sort()).toEqual(keys.slice(10).sort());
    expect(replicasOf(redis, keys[0]!)).toBe(0);
  });
});
