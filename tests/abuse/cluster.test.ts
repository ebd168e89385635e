import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from 'ioredis';
import { retentionClocksBackfill } from '../../server/src/features/consultations/consultations.backfill.js';
import { consultationKeys } from '../../server/src/features/consultations/consultations.keys.js';
import { hasRedisCluster, startRedisCluster, type TestRedisCluster } from '../support/redis-cluster.js';

/**
 * After the review of 2026-12-06, on a real Redis Cluster (3 primaries): work that used one script over keys of
 * several slots (CROSSSLOT at every start, or an erasure that locked its owner out) runs in per-slot steps.
 * Account erasure on the cluster: `tests/integration/store-contract-erasure.test.ts` (its redis-cluster backend).
 */
describe.skipIf(!hasRedisCluster())('Redis Cluster: per-slot steps', () => {
  let cluster: TestRedisCluster;
  let client: Cluster;

  beforeAll(async () => {
    cluster = await startRedisCluster({ replicas: 0 });
    client = cluster.client();
  });
  afterAll(async () => {
    await client?.quit();
    await cluster?.stop();
  });

  it('when the retention-clock backfill runs on a cluster, then old closed conversations and finished requests get their clock and index', async () => {
    const p = `${cluster.prefix}backfill:`;
    const k = consultationKeys(p);
    const closed = { id: 'conv-old', teacherId: 't', consultantId: 'c', status: 'closed', createdAt: 1 };
    const active = { ...closed, id: 'conv-active', status: 'active' };
    const matched = { id: 'req-old', teacherId: 't', status: 'matched', createdAt: 1 };
    await client.hset(
      k.conversations(),
      'conv-old',
      JSON.stringify(closed),
      'conv-active',
      JSON.stringify(active),
    );
    await client.hset(k.requests(), 'req-old', JSON.stringify(matched));
    const at = 1_700_000_000_000;
    // Before the fix: CROSSSLOT (the records hash and the index are in different slots).
    const result = await retentionClocksBackfill(client, p, () => at).run();
    expect(result).toEqual({ conversations: 1, requests: 1 });
    expect(JSON.parse((await client.hget(k.conversations(), 'conv-old'))!)).toMatchObject({ closedAt: at });
    expect(JSON.parse((await client.hget(k.conversations(), 'conv-active'))!).closedAt).toBeUndefined();
    expect(JSON.parse((await client.hget(k.requests(), 'req-old'))!)).toMatchObject({ finishedAt: at });
    expect(Number(await client.zscore(k.closedConversations(), 'conv-old'))).toBe(at);
    expect(Number(await client.zscore(k.finishedRequests(), 'req-old'))).toBe(at);
    expect(await client.zscore(k.closedConversations(), 'conv-active')).toBeNull();
    // Run again: nothing changes.
    expect(await retentionClocksBackfill(client, p, () => at + 1).run()).toEqual({
      conversations: 0,
      requests: 0,
    });
  });
});
