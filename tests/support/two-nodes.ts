import { expect } from 'vitest';
import { createInvite } from './http.js';
import { TestMember } from './member.js';
import { appointModerator } from './moderators.js';
import { startNode, type TestNode } from './node.js';
import { startRedis, type TestRedis } from './redis.js';

/**
 * Two server nodes sharing one real Redis, a coordinator signed up on the first, a moderator appointed to every
 * group it creates (coordinators read no group), and a member invite: the deployment the crisis-flow tests run on. `stop()` closes every member it signed up, then the nodes and Redis.
 */
export interface TwoNodes {
  redis: TestRedis;
  nodes: [TestNode, TestNode];
  admin: TestMember;
  /** An account invited as a moderator, appointed to (and joined in) every group `createGroup` makes. */
  moderator: TestMember;
  /** Signs up a member on node `node` (0 or 1). */
  member(node?: number): Promise<TestMember>;
  /** A group the coordinator creates (topic challenging-class), with `moderator` appointed. */
  createGroup(name: string): Promise<string>;
  /** Joins and opens the group; answers the member's tag in it. */
  joinAndOpen(m: TestMember, groupId: string): Promise<string>;
  /** A member signed up elsewhere, closed by `stop()` too. */
  adopt(m: TestMember): TestMember;
  stop(): Promise<void>;
}

export async function startTwoNodes(env: Record<string, string>): Promise<TwoNodes> {
  const redis = await startRedis();
  const a = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env });
  const nodes: [TestNode, TestNode] = [
    a,
    await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }),
  ];
  const admin = await TestMember.signUp(a.url, a.bootstrapInvite as string);
  const moderator = await TestMember.signUp(a.url, await createInvite(admin.agent, 'moderator', 1));
  const everyone: TestMember[] = [admin, moderator];
  const memberInvite = await createInvite(admin.agent, 'member', 100);
  return {
    redis,
    nodes,
    admin,
    moderator,
    async member(node = 0) {
      const m = await TestMember.signUp(nodes[node]!.url, memberInvite);
      everyone.push(m);
      return m;
    },
    async createGroup(name) {
      const res = await admin.agent.post('/api/groups', {
        name,
        topic: 'challenging-class',
        guidelines: 'Be kind.',
      });
      expect(res.status).toBe(201);
      const groupId = res.body.group.id as string;
      await appointModerator(admin, moderator, groupId);
      return groupId;
    },
    async joinAndOpen(m, groupId) {
      const ack = await m.transport.request('group:join', { groupId, acceptGuidelines: true });
      if (!ack.ok) throw new Error(ack.error.code);
      await m.open(groupId);
      return ack.data.me.tag;
    },
    adopt(m) {
      everyone.push(m);
      return m;
    },
    async stop() {
      for (const m of everyone) m.close();
      await Promise.all(nodes.map((n) => n.stop()));
      await redis.stop();
    },
  };
}
