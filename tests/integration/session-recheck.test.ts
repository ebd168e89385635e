import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountKeys } from '../../server/src/features/accounts/accounts.keys.js';
import { sha256 } from '../../server/src/features/accounts/accounts.service.js';
import { signUpFresh, startCluster, type TestCluster } from '../support/cluster.js';
import { createInvite, type Agent } from '../support/http.js';
import type { TestNode } from '../support/node.js';
import { sleep } from '../support/ports.js';
import { connect, disconnected, request, type TestSocket } from '../support/socket.js';

/**
 * The per-node session check (one timer per node, every open socket's session checked once per
 * `SESSION_RECHECK_SECONDS` in pipelined slices) against a real Redis and two server processes. A session that
 * ends without the notice reaching the nodes (its key gone, or past its maximum age) is cut off on both within
 * the interval; the others are left connected and slid.
 */
const RECHECK_SECONDS = 1;
let cluster: TestCluster;
let A: TestNode;
let B: TestNode;
let redis: Redis;
let admin: Agent;

const opened: TestSocket[] = [];
afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

beforeAll(async () => {
  cluster = await startCluster({ nodes: 2, env: { SESSION_RECHECK_SECONDS: String(RECHECK_SECONDS) } });
  [A, B] = cluster.nodes as [TestNode, TestNode];
  redis = cluster.redis.client();
  admin = (await signUpFresh(A.url, cluster.bootstrapInvite, 'RecheckLead')).agent;
});

afterAll(async () => {
  await redis?.quit();
  await cluster?.stop();
});

/** A new member with one socket on each node; the Redis key of their session. */
async function memberOnBothNodes() {
  const { agent } = await signUpFresh(A.url, await createInvite(admin, 'member', 1));
  const cookie = agent.cookie();
  const token = /(?:^|;\s*)(?:__Host-)?sr_session=([^;]+)/.exec(cookie)?.[1] ?? '';
  const sockets = await Promise.all([connect(A.url, { cookie }), connect(B.url, { cookie })]);
  opened.push(...sockets);
  const events: string[][] = sockets.map(() => []);
  sockets.forEach((s, i) => s.onAny((event: string) => events[i]?.push(event)));
  return { sockets, events, key: accountKeys(cluster.redis.prefix).session(sha256(token)) };
}

describe('session re-check, batched per node', () => {
  it('when a session’s key disappears without a notice, then its sockets on both nodes are ended within the interval and other sessions stay', async () => {
    const gone = await memberOnBothNodes();
    const stays = await memberOnBothNodes();
    const seenBefore = Number(await redis.hget(stays.key, 'lastSeenAt'));
    const ended = gone.sockets.map(disconnected);

    const started = Date.now();
    await redis.del(gone.key);
    await Promise.all(ended);
    // One interval, plus a tick of slack for a loaded machine (the check is spread over ten ticks).
    expect(Date.now() - started).toBeLessThan(RECHECK_SECONDS * 1000 * 3);
    for (const events of gone.events) expect(events).toEqual(['session:ended']);

    await sleep(RECHECK_SECONDS * 1000 * 1.2);
    for (const socket of stays.sockets) {
      expect(socket.connected).toBe(true);
      expect((await request(socket, 'me:get', {})).ok).toBe(true);
    }
    // The open sockets count as activity: the check slid the live session.
    expect(Number(await redis.hget(stays.key, 'lastSeenAt'))).toBeGreaterThan(seenBefore);
    expect(await redis.pttl(stays.key)).toBeGreaterThan(0);
  });

  it('when a session passes its maximum age, then its sockets on both nodes are ended', async () => {
    const old = await memberOnBothNodes();
    const ended = old.sockets.map(disconnected);
    await redis.hset(old.key, 'createdAt', String(Date.now() - 13 * 3600_000)); // SESSION_MAX_HOURS is 12
    await Promise.all(ended);
    for (const events of old.events) expect(events).toEqual(['session:ended']);
  });
});
