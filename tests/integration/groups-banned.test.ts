import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { appointModerator } from '../support/moderators.js';
import { startNode, type TestNode } from '../support/node.js';
import { startRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
let nodes: [TestNode, TestNode];
let admin: TestMember;
let member: TestMember;
let moderator: TestMember;

beforeAll(async () => {
  redis = await startRedis();
  nodes = [
    await startNode({ redisUrl: redis.url, prefix: redis.prefix }),
    await startNode({ redisUrl: redis.url, prefix: redis.prefix }),
  ];
  admin = await TestMember.signUp(nodes[0].url, nodes[0].bootstrapInvite as string);
  member = await TestMember.signUp(nodes[1].url, await createInvite(admin.agent, 'member', 1));
  moderator = await TestMember.signUp(nodes[0].url, await createInvite(admin.agent, 'moderator', 1));
});

afterAll(async () => {
  admin.close();
  member.close();
  moderator.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis.stop();
});

async function createGroup(name: string): Promise<string> {
  const res = await admin.agent.post('/api/groups', {
    name,
    topic: 'workload-stress',
    guidelines: 'Be kind.',
  });
  expect(res.status).toBe(201);
  const groupId = res.body.group.id as string;
  await appointModerator(admin, moderator, groupId);
  return groupId;
}

describe('a group a member is banned from', () => {
  it('is listed as not joinable (with when the ban ends) on every node, and nobody else sees it', async () => {
    const [timed, forever, open] = [
      await createGroup('Timed ban'),
      await createGroup('Lasting ban'),
      await createGroup('Open door'),
    ];
    const tags: Record<string, string> = {};
    for (const groupId of [timed, forever]) {
      const joined = await member.transport.request('group:join', { groupId, acceptGuidelines: true });
      if (!joined.ok) throw new Error(joined.error.code);
      tags[groupId] = joined.data.me.tag;
    }
    const before = Date.now();
    const t = await moderator.transport.request('mod:ban', {
      groupId: timed,
      tag: tags[timed] as string,
      minutes: 60,
      reason: 'cooling off',
    });
    expect(t.ok).toBe(true);
    const f = await moderator.transport.request('mod:ban', {
      groupId: forever,
      tag: tags[forever] as string,
      minutes: null,
      reason: 'harassment',
    });
    expect(f.ok).toBe(true);

    // Read on the node the ban was not made on: moderation state is shared.
    const list = await member.agent.get('/api/groups');
    expect(list.status).toBe(200);
    const byId = new Map(
      (list.body.groups as { id: string; banned?: { until: number | null } }[]).map((g) => [g.id, g]),
    );
    const until = byId.get(timed)?.banned?.until ?? 0;
    expect(until).toBeGreaterThanOrEqual(before + 59 * 60_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
    expect(byId.get(forever)?.banned).toEqual({ until: null });
    expect(byId.get(open)?.banned).toBeUndefined();

    const detail = await member.agent.get(`/api/groups/${forever}`);
    expect(detail.body.group.banned).toEqual({ until: null });
    const refused = await member.transport.request('group:join', {
      groupId: forever,
      acceptGuidelines: true,
    });
    expect(refused.ok ? 'joined' : refused.error.code).toBe('BANNED');

    // Others never learn about this member's bans.
    const adminView = await admin.agent.get('/api/groups');
    for (const g of adminView.body.groups as { banned?: unknown }[]) expect(g.banned).toBeUndefined();
  });
});
