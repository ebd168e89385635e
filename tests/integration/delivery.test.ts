import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createInvite, signUp } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, TEST_PEPPER, type TestNode } from '../support/node.js';
import { sleep, waitFor } from '../support/ports.js';
import { startNginx } from '../support/nginx.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { startRedisCluster, type TestRedisCluster } from '../support/redis-cluster.js';

/**
 * The promise: no message acknowledged to its sender is ever lost or duplicated, across reconnects, node loss
 * and a Redis crash (AOF, appendfsync always). "Received" means shown by the member's feed — the same GroupSync
 * code the React client runs — once, in seq order.
 */

const ENV = { SEND_LIMIT_PER_10S: '100000', JOIN_LIMIT_PER_MINUTE: '100000' };
let cleanup: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn().catch(() => {});
  cleanup = [];
});

/**
 * Where the nodes keep their data: one Redis (`REDIS_URL`), or a Redis Cluster of 3 primaries with a replica
 * each (`REDIS_CLUSTER_NODES`), started once for the cluster tests below, each test under its own key prefix.
 */
type Backend = 'redis' | 'redis-cluster';
let redisCluster: TestRedisCluster | null = null;
let prefixes = 0;

async function cluster(
  count: number,
  backend: Backend = 'redis',
): Promise<{ redis: TestRedis | null; nodes: TestNode[]; invite: string; groupId: string; prefix: string }> {
  let redis: TestRedis | null = null;
  let store: Record<string, string>;
  let prefix: string;
  if (backend === 'redis-cluster') {
    if (!redisCluster) throw new Error('the Redis Cluster is started in beforeAll');
    prefix = `d${++prefixes}:`;
    store = {
      REDIS_CLUSTER_NODES: redisCluster.nodes,
      PASSPHRASE_PEPPER: TEST_PEPPER,
      REDIS_KEY_PREFIX: prefix,
    };
  } else {
    const started = await startRedis();
    redis = started;
    cleanup.push(() => started.stop());
    prefix = started.prefix;
    store = {};
  }
  const nodes: TestNode[] = [];
  for (let i = 0; i < count; i++) {
    const node = await startNode(
      redis ? { redisUrl: redis.url, prefix: redis.prefix, env: ENV } : { env: { ...ENV, ...store } },
    );
    nodes.push(node);
    cleanup.push(async () => void (await node.kill()));
  }
  const admin = await signUp(nodes[0]!.url, nodes[0]!.bootstrapInvite!);
  const invite = await createInvite(admin, 'member', 1000);
  const res = await admin.post('/api/groups', {
    name: `Delivery ${Date.now()}`,
    topic: 'general',
    guidelines: 'Be kind.',
  });
  return { redis, nodes, invite, groupId: res.body.group.id as string, prefix };
}

async function members(
  nodes: TestNode[],
  invite: string,
  groupId: string,
  perNode: number,
): Promise<TestMember[]> {
  const list: TestMember[] = [];
  for (const node of nodes) {
    for (let i = 0; i < perNode; i++) {
      const m = await TestMember.signUp(node.url, invite);
      cleanup.push(async () => m.close());
      await m.join(groupId);
      await m.open(groupId);
      list.push(m);
    }
  }
  return list;
}

/** Asserts every member shows exactly the acked seqs' messages once, in order; prints the counts. */
async function expectAllDelivered(
  label: string,
  everyone: TestMember[],
  groupId: string,
  acked: Map<number, string>,
) {
  const want = [...acked.keys()].sort((a, b) => a - b);
  for (const m of everyone) {
    await waitFor(
      () => {
        // No explicit catch-up here: the client logic (reconnect, gap fill, resync hint) must get there alone.
        const have = new Set(m.seqs(groupId));
        return want.every((s) => have.has(s));
      },
      { timeoutMs: 20_000, what: `${m.pseudonym} to show all ${want.length} acked messages` },
    ).catch((err: unknown) => {
      const feed = m.syncs.get(groupId)?.feed;
      const state = {
        connected: m.socket.connected,
        active: m.socket.active,
        lastConnectError: m.lastConnectError,
        shown: feed?.messages.length,
        lastSeq: feed?.lastSeq,
        needsFill: feed?.needsFill(),
        reconnects: m.reconnects,
        disconnects: m.disconnectReasons,
      };
      throw new Error(`${String(err)}\n${JSON.stringify(state)}`);
    });
  }
  const rows = everyone.map((m) => {
    const feed = m.syncs.get(groupId)!.feed;
    const seqs = feed.messages.map((x) => x.seq);
    const clientIds = feed.messages.map((x) => x.clientId);
    return {
      member: m.pseudonym,
      shown: seqs.length,
      wireDeliveries: m.received.filter((x) => x.groupId === groupId).length,
      reconnects: m.reconnects,
      inOrder: seqs.every((s, i) => i === 0 || s > seqs[i - 1]!),
      duplicates: seqs.length - new Set(seqs).size + (clientIds.length - new Set(clientIds).size),
      textsMatch: feed.messages.every((x) => !acked.has(x.seq) || acked.get(x.seq) === x.text),
    };
  });
  console.log(`\n${label}: ${acked.size} acknowledged messages`);
  console.table(rows);
  for (const row of rows) {
    expect(row.inOrder, row.member).toBe(true);
    expect(row.duplicates, row.member).toBe(0);
    expect(row.textsMatch, row.member).toBe(true);
    expect(row.shown, row.member).toBe(acked.size);
  }
}

/**
 * The tests that hold on one Redis and on a Redis Cluster alike (run for both, see the end of the file). On the
 * cluster they run smaller (`scale`), keeping the suite's time in budget: the cluster's own risk, a failover,
 * has its test below.
 */
function deliveryOn(backend: Backend, scale = 1) {
  const perSender = Math.round(250 * scale);
  it(`when ${(4 * perSender).toLocaleString('en')} messages flow while clients randomly drop and reconnect, then every member shows each acknowledged message once, in order`, async () => {
    const { nodes, invite, groupId } = await cluster(2, backend);
    const everyone = await members(nodes, invite, groupId, 3);
    const senders = everyone.slice(0, 4);
    const acked = new Map<number, string>();
    // Drop the transport under a random connected client: it reconnects by itself and catches up from its
    // lastSeq. (Closing an engine that is still opening is not a network failure socket.io-client recovers
    // from promptly: it waits for its connect timeout.)
    const dropSomeone = () => {
      const victim = everyone[Math.floor(Math.random() * everyone.length)]!;
      if (victim.socket.connected) victim.socket.io.engine.close();
    };
    await Promise.all(
      senders.map(async (sender, s) => {
        for (let i = 0; i < perSender; i++) {
          const text = `s${s}-m${i}`;
          const { seq } = await sender.send(groupId, text);
          acked.set(seq, text);
          if (i % 25 === 12) dropSomeone();
        }
      }),
    );
    expect(acked.size).toBe(4 * perSender);
    expect(everyone.reduce((n, m) => n + m.reconnects, 0)).toBeGreaterThanOrEqual((4 * perSender) / 50);
    await expectAllDelivered(`churn (${backend})`, everyone, groupId, acked);
  });

  it('when a node is killed with SIGKILL mid-stream, then its clients carry on from the other node and lose nothing', async () => {
    const { nodes, invite, groupId } = await cluster(2, backend);
    const [nodeA, nodeB] = nodes as [TestNode, TestNode];
    const everyone = await members(nodes, invite, groupId, 2);
    const acked = new Map<number, string>();
    let sending = true;
    const sends = everyone.map(async (sender, s) => {
      for (let i = 0; sending; i++) {
        const text = `n${s}-m${i}`;
        const { seq } = await sender.send(groupId, text);
        acked.set(seq, text);
        await sleep(5);
      }
    });
    const before = Math.round(100 * scale);
    await waitFor(() => acked.size >= before, { what: `${before} messages before the crash` });
    await nodeA.kill();
    // No load balancer here: clients of the dead node move to the live one, as nginx would send them.
    await Promise.all(everyone.filter((m) => m.url === nodeA.url).map((m) => m.moveTo(nodeB.url)));
    await waitFor(() => acked.size >= 3 * before, { what: `${2 * before} more messages after the crash` });
    sending = false;
    await Promise.all(sends);
    await expectAllDelivered(`node SIGKILL (${backend})`, everyone, groupId, acked);
  });
}

describe('delivery', () => {
  deliveryOn('redis');

  it('when Redis is killed with SIGKILL mid-stream and restarted, then history, memberships and every acknowledged message survive', async () => {
    const { redis, nodes, invite, groupId } = await cluster(2);
    if (!redis) throw new Error('one Redis');
    const everyone = await members(nodes, invite, groupId, 2);
    const acked = new Map<number, string>();
    let sending = true;
    const sends = everyone.map(async (sender, s) => {
      for (let i = 0; sending; i++) {
        const text = `r${s}-m${i}`;
        const { seq } = await sender.send(groupId, text);
        acked.set(seq, text);
        await sleep(5);
      }
    });
    await waitFor(() => acked.size >= 150, { what: '150 messages before the crash' });
    await redis.crash();
    const ackedAtCrash = acked.size;
    await sleep(1_000);
    await redis.restart();
    await waitFor(() => acked.size >= ackedAtCrash + 150, { timeoutMs: 30_000, what: 'sending to resume' });
    sending = false;
    await Promise.all(sends);
    await expectAllDelivered('Redis SIGKILL', everyone, groupId, acked);
    // Memberships survived: a fresh open still works for everyone.
    for (const m of everyone) {
      const ack = await m.transport.request('group:open', { groupId });
      expect(ack.ok).toBe(true);
    }
  });

  it('when clients reach two nodes through nginx and one node is killed, then they reconnect through nginx by themselves and lose nothing', async () => {
    const { nodes, invite, groupId } = await cluster(2);
    const nginx = await startNginx({
      upstreams: [`127.0.0.1:${nodes[0]!.port}`, `127.0.0.1:${nodes[1]!.port}`],
    });
    cleanup.push(() => nginx.stop());
    const everyone: TestMember[] = [];
    for (let i = 0; i < 6; i++) {
      const m = await TestMember.signUp(nginx.url, invite);
      cleanup.push(async () => m.close());
      await m.join(groupId);
      await m.open(groupId);
      everyone.push(m);
    }
    const socketsOn = async (node: TestNode) => {
      const metrics = await (await fetch(`${node.url}/metrics`)).text();
      return Number(/^staffroom_connected_sockets (\d+)/m.exec(metrics)?.[1] ?? 0);
    };
    const counts = await Promise.all(nodes.map(socketsOn));
    const victim = counts[0]! >= counts[1]! ? nodes[0]! : nodes[1]!;
    const acked = new Map<number, string>();
    let sending = true;
    const sends = everyone.slice(0, 3).map(async (sender, s) => {
      for (let i = 0; sending; i++) {
        const text = `x${s}-m${i}`;
        const { seq } = await sender.send(groupId, text);
        acked.set(seq, text);
        await sleep(10);
      }
    });
    await waitFor(() => acked.size >= 60, { what: '60 messages before the crash' });
    await victim.kill();
    await waitFor(() => everyone.every((m) => m.socket.connected) && acked.size >= 200, {
      timeoutMs: 30_000,
      what: 'everyone reconnected through nginx and 140 more messages',
    });
    sending = false;
    await Promise.all(sends);
    console.log(
      `nginx: sockets per node before the crash ${counts.join(' / ')}; killed the node with ${Math.max(...counts)}`,
    );
    expect(Math.max(...counts)).toBeGreaterThan(0);
    expect(everyone.reduce((n, m) => n + m.reconnects, 0)).toBeGreaterThanOrEqual(Math.max(...counts));
    await expectAllDelivered('through nginx, node SIGKILL', everyone, groupId, acked);
  });
});

describe('delivery on a Redis Cluster (3 primaries, one replica each)', () => {
  beforeAll(async () => {
    redisCluster = await startRedisCluster({ replicas: 1 });
  });
  afterAll(async () => {
    await redisCluster?.stop();
    redisCluster = null;
  });

  deliveryOn('redis-cluster', 0.4);

  // Last: it leaves the cluster with one primary that has no replica.
  it('when the primary holding a group is killed with SIGKILL under load, then its replica takes over, no acknowledged message is lost, and clients carry on', async () => {
    const { nodes, invite, groupId, prefix } = await cluster(2, 'redis-cluster');
    const everyone = await members(nodes, invite, groupId, 2);
    const acked = new Map<number, string>();
    let sending = true;
    const sends = everyone.map(async (sender, s) => {
      for (let i = 0; sending; i++) {
        const text = `f${s}-m${i}`;
        const { seq } = await sender.send(groupId, text);
        acked.set(seq, text);
        await sleep(5);
      }
    });
    await waitFor(() => acked.size >= 100, { what: '100 messages before the failover' });
    const { killed, promoted } = await redisCluster!.killPrimaryOf(`${prefix}grp:{${groupId}}:msgs`);
    const ackedAtKill = acked.size;
    await waitFor(() => acked.size >= ackedAtKill + 150, {
      timeoutMs: 30_000,
      what: '150 more messages after the failover',
    });
    sending = false;
    await Promise.all(sends);
    console.log(
      `failover: primary :${killed} killed after ${ackedAtKill} acks, replica :${promoted} promoted; ${acked.size} acks in all`,
    );
    // Every acknowledged message is stored on the promoted replica (each append waited for it: WAIT 1).
    const client = redisCluster!.client();
    const texts = await client.hgetall(`${prefix}grp:{${groupId}}:texts`);
    await client.quit();
    const lost = [...acked].filter(([seq, text]) => texts[String(seq)] !== text);
    expect(lost).toEqual([]);
    await expectAllDelivered('Redis Cluster failover', everyone, groupId, acked);
  });
});
