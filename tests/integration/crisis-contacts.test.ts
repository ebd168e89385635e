import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/** Crisis contacts a coordinator sets in the app, on two nodes sharing one real Redis. */
let redis: TestRedis;
let nodes: [TestNode, TestNode];
let admin: TestMember;
let teacher: TestMember;

const DISTRICT = {
  name: 'Northfield District EAP',
  contact: 'Call 0800 555 0100, or text',
  hours: '24/7',
  call: '08005550100',
  text: '+447700900123',
};
const HELPLINE = { name: 'National helpline', contact: 'Call 116 123', hours: '24/7', call: '116123' };

beforeAll(async () => {
  redis = await startRedis();
  const env = { SEND_LIMIT_PER_10S: '10000', JOIN_LIMIT_PER_MINUTE: '10000' };
  nodes = [
    await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }),
    await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }),
  ];
  admin = await TestMember.signUp(nodes[0].url, nodes[0].bootstrapInvite as string);
  teacher = await TestMember.signUp(nodes[1].url, await createInvite(admin.agent, 'member', 1));
});

afterAll(async () => {
  admin.close();
  teacher.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis.stop();
});

const infoOn = async (node: TestNode) =>
  (await createAgent(node.url).get('/api/info')).body.crisisResources as { name: string }[];

describe('crisis contacts set by a coordinator', () => {
  it('are refused to anyone but coordinators, and refused when malformed, changing nothing', async () => {
    expect((await teacher.agent.get('/api/settings/crisis-contacts')).status).toBe(403);
    const byTeacher = await teacher.agent.request('PUT', '/api/settings/crisis-contacts', {
      resources: [DISTRICT],
    });
    expect(byTeacher.status).toBe(403);
    expect(byTeacher.body.error).toBe('FORBIDDEN');
    expect((await teacher.agent.del('/api/settings/crisis-contacts')).status).toBe(403);
    expect((await createAgent(nodes[0].url).get('/api/settings/crisis-contacts')).status).toBe(401);

    const bad = [
      { resources: [] },
      { resources: [{ ...DISTRICT, call: 'call-me' }] },
      { resources: [{ ...DISTRICT, url: 'javascript:alert(1)' }] },
      { resources: [{ ...DISTRICT, url: 'http://example.org' }] },
      { resources: [{ ...DISTRICT, extra: 'field' }] },
      { resources: Array.from({ length: 9 }, (_, i) => ({ ...HELPLINE, name: `Line ${i}` })) },
      { resources: [{ name: '', contact: 'x', hours: '' }] },
      [DISTRICT],
    ];
    for (const body of bad) {
      const res = await admin.agent.request('PUT', '/api/settings/crisis-contacts', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error).toBe('INVALID_PAYLOAD');
    }
    const view = await admin.agent.get('/api/settings/crisis-contacts');
    expect(view.status).toBe(200);
    expect(view.body.source).toBe('deployment');
    expect(view.body.updatedAt).toBeNull();
    expect((await infoOn(nodes[1])).map((r) => r.name)).not.toContain(DISTRICT.name);
  });

  it('reach every node and the message path within seconds, and can be reset to the deployment’s', async () => {
    const saved = await admin.agent.request('PUT', '/api/settings/crisis-contacts', {
      resources: [DISTRICT, HELPLINE],
    });
    expect(saved.status).toBe(200);
    expect(saved.body.source).toBe('coordinator');
    expect(saved.body.resources).toEqual([DISTRICT, HELPLINE]);

    // The other node's copy refreshes within its 5-second window.
    await waitFor(async () => ((await infoOn(nodes[1]))[0]?.name === DISTRICT.name ? true : null), {
      timeoutMs: 10_000,
      intervalMs: 250,
    });

    // A crisis message refused for a blocked term, sent on node B, carries the new contacts.
    const res = await admin.agent.post('/api/groups', {
      name: 'Contacts reach the message path',
      topic: 'workload-stress',
      guidelines: 'Be kind.',
    });
    const groupId = res.body.group.id as string;
    expect(
      (await admin.transport.request('mod:settings', { groupId, blockedTerms: ['bloody'], reason: 'rules' }))
        .ok,
    ).toBe(true);
    const joined = await teacher.transport.request('group:join', { groupId, acceptGuidelines: true });
    expect(joined.ok).toBe(true);
    await teacher.open(groupId);
    let attempt = 0;
    const support = await waitFor(
      async () => {
        attempt += 1;
        const ack = await teacher.transport.request('message:send', {
          groupId,
          clientId: `contacts-${attempt}`,
          text: 'I hate this bloody job, I want to kill myself tonight.',
        });
        const list = !ack.ok ? (ack.error.support ?? []) : [];
        return list[0]?.name === DISTRICT.name ? list : null;
      },
      { timeoutMs: 10_000, intervalMs: 500 },
    );
    expect(support[0]).toMatchObject({ call: DISTRICT.call, text: DISTRICT.text });

    // The feedback box (after the review, 2026-12-06): a risky comment shows the contacts set in the app.
    const feedback = await teacher.agent.post('/api/pulse/feedback', {
      text: 'Honestly I want to kill myself tonight, this term has broken me.',
    });
    expect(feedback.status, JSON.stringify(feedback.body)).toBe(201);
    expect((feedback.body.support as { name: string }[] | undefined)?.[0]?.name).toBe(DISTRICT.name);

    const reset = await admin.agent.del('/api/settings/crisis-contacts');
    expect(reset.status).toBe(200);
    expect(reset.body.source).toBe('deployment');
    await waitFor(async () => ((await infoOn(nodes[1]))[0]?.name !== DISTRICT.name ? true : null), {
      timeoutMs: 10_000,
      intervalMs: 250,
    });
  });
});
