import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedisGroupStore } from '../../server/src/features/groups/groups.redis-store.js';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/*
 * PRODUCT.md: a coordinator (admin) runs groups and never takes part in one. The posting policy has no exemption
 * for them: they never reach it, because only a group they opened takes a post and they open none, not even with
 * a membership an older version let them make.
 */
let redis: TestRedis;
let client: Redis;
let node: TestNode;
let admin: TestMember;
let member: TestMember;

beforeAll(async () => {
  redis = await startRedis();
  client = redis.client();
  node = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
  admin = await TestMember.signUp(node.url, node.bootstrapInvite as string);
  member = await TestMember.signUp(node.url, await createInvite(admin.agent, 'member', 1));
});

afterAll(async () => {
  admin.close();
  member.close();
  client.quit();
  await node.stop();
  await redis.stop();
});

describe('a coordinator posts nowhere', () => {
  it('when a coordinator holds a membership from an older version and tries to open, post, react and type, then every step is refused and the group holds only what its member wrote', async () => {
    const res = await admin.agent.post('/api/groups', {
      name: 'Nobody from the staffroom office',
      topic: 'challenging-class',
      guidelines: 'Be kind.',
    });
    expect(res.status).toBe(201);
    const groupId = res.body.group.id as string;
    await member.join(groupId);
    await member.open(groupId);
    const { seq } = await member.send(groupId, 'A quiet Tuesday, for once.');

    // The membership an older version let a coordinator make.
    const adminId = (await admin.agent.get('/api/me')).body.me.id as string;
    const planted = await createRedisGroupStore(client, redis.prefix).addMember({
      groupId,
      accountId: adminId,
      tag: 'coordinator-tag',
      name: admin.pseudonym,
      aliasSkeleton: null,
      joinedAt: Date.now(),
    });
    expect(planted).toBe('added');

    const join = await admin.transport.request('group:join', { groupId, acceptGuidelines: true });
    expect(!join.ok && join.error.code).toBe('FORBIDDEN');
    const open = await admin.transport.request('group:open', { groupId });
    expect(!open.ok && open.error.code).toBe('FORBIDDEN');
    const sent = await admin.transport.request('message:send', {
      groupId,
      clientId: 'coordinator-post-01',
      text: 'Hello from the coordinator',
    });
    expect(!sent.ok && sent.error.code).toBe('NOT_FOUND');
    const reacted = await admin.transport.request('reaction:set', { groupId, seq, kind: 'heart', on: true });
    expect(!reacted.ok && reacted.error.code).toBe('NOT_FOUND');
    const typing = await admin.transport.request('typing:start', { groupId });
    expect(!typing.ok && typing.error.code).toBe('NOT_FOUND');

    const history = await member.transport.request('group:history', { groupId, after: 0 });
    if (!history.ok) throw new Error(history.error.code);
    expect(history.data.messages.map((m) => m.seq)).toEqual([seq]);
  });
});
