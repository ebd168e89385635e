import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisGroupStore } from '../../server/src/features/groups/groups.redis-store.js';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * Workshops and focus groups on two nodes sharing a real Redis: sign-up counts, one "was this useful?" answer
 * per member per session, the aggregate hidden below k = 5 and shown at 5, and no account id near an answer.
 */
let redis: TestRedis;
let r: Redis;
let nodes: [TestNode, TestNode];
let admin: TestMember;
let host: TestMember;
const members: TestMember[] = [];
let outsider: TestMember;
let groupId: string;

const base = (meetingId: string) => `/api/groups/${groupId}/meetings/${meetingId}`;

beforeAll(async () => {
  redis = await startRedis();
  r = redis.client();
  const a = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
  nodes = [a, await startNode({ redisUrl: redis.url, prefix: redis.prefix })];
  admin = await TestMember.signUp(a.url, a.bootstrapInvite as string);
  const invite = await createInvite(admin.agent, 'member', 20);
  const group = await admin.agent.post('/api/groups', {
    name: 'Planning together',
    topic: 'workload-stress',
    description: 'Sessions on planning.',
    guidelines: 'Be kind.',
    visibility: 'listed',
  });
  groupId = group.body.group.id as string;
  host = await TestMember.signUp(a.url, invite);
  await host.join(groupId);
  for (let i = 0; i < 6; i++) {
    const m = await TestMember.signUp((nodes[i % 2] as TestNode).url, invite);
    await m.join(groupId);
    members.push(m);
  }
  outsider = await TestMember.signUp(a.url, invite);
}, 120_000);

afterAll(async () => {
  for (const m of [admin, host, outsider, ...members]) m?.close();
  await Promise.all((nodes ?? []).map((n) => n.stop()));
  await r?.quit();
  await redis?.stop();
});

describe('workshops and focus groups', () => {
  it('a coordinator schedules a workshop with an agenda; the privacy guard checks the agenda', async () => {
    const body = {
      title: 'Marking without drowning',
      format: 'workshop',
      startsAt: Date.now() + 3600_000,
      durationMinutes: 45,
      host: host.pseudonym,
      signUp: true,
      agenda: 'Write to jane.doe@example.org for slides',
    };
    const flagged = await admin.agent.post(`/api/groups/${groupId}/meetings`, body);
    expect(flagged.status).toBe(428);
    expect(flagged.body.error).toBe('PRIVACY_CONFIRM_REQUIRED');
    const ok = await admin.agent.post(`/api/groups/${groupId}/meetings`, {
      ...body,
      agenda: 'Three habits that halve marking time; bring one piece of work.',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.meeting).toMatchObject({ format: 'workshop', signUp: true, host: host.pseudonym });
    const detail = await members[0]!.agent.get(`/api/groups/${groupId}`);
    const seen = (detail.body.group.meetings as { id: string; agenda?: string }[]).find(
      (m) => m.id === ok.body.meeting.id,
    );
    expect(seen?.agenda).toBe('Three habits that halve marking time; bring one piece of work.');
  });

  it('members sign up and withdraw on either node; everyone sees the same count, never who', async () => {
    const created = await admin.agent.post(`/api/groups/${groupId}/meetings`, {
      title: 'Parents evening focus group',
      format: 'focus-group',
      startsAt: Date.now() + 7200_000,
      durationMinutes: 30,
      host: host.pseudonym,
      signUp: true,
    });
    const id = created.body.meeting.id as string;
    for (const m of members.slice(0, 4))
      expect((await m.agent.request('PUT', `${base(id)}/signup`)).status).toBe(200);
    // Signing up twice counts once.
    expect((await members[0]!.agent.request('PUT', `${base(id)}/signup`)).body).toEqual({
      signedUp: true,
      count: 4,
    });
    expect((await members[1]!.agent.request('DELETE', `${base(id)}/signup`)).body).toEqual({
      signedUp: false,
      count: 3,
    });
    expect((await host.agent.get(`${base(id)}/signup`)).body).toEqual({ signedUp: false, count: 3 });
    expect((await members[2]!.agent.get(`${base(id)}/signup`)).body).toEqual({ signedUp: true, count: 3 });
    expect((await admin.agent.get(`${base(id)}/signup`)).body.count).toBe(3);
    // Not a member: refused before anything is looked up.
    const refused = await outsider.agent.request('PUT', `${base(id)}/signup`);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('FORBIDDEN');
    // A session without sign-up does not take any.
    const open = await admin.agent.post(`/api/groups/${groupId}/meetings`, {
      title: 'Drop-in',
      startsAt: Date.now() + 7200_000,
      durationMinutes: 30,
      host: host.pseudonym,
    });
    const noSignUp = await members[0]!.agent.request('PUT', `${base(open.body.meeting.id as string)}/signup`);
    expect(noSignUp.body.error).toBe('CONFLICT');
    // No account id in the sign-up set.
    const ids = await Promise.all(
      members.map(async (m) => (await m.agent.get('/api/me')).body.me.id as string),
    );
    const stored = await r.smembers(`${redis.prefix}grp:{${groupId}}:session:${id}:signups`);
    expect(stored).toHaveLength(3);
    for (const accountId of ids) expect(stored.join(' ')).not.toContain(accountId);
  });

  it('one answer per member per session; hidden below 5, shown at 5; no link from account to answer', async () => {
    // A session that has just ended, written through the real store (the API refuses a start in the past).
    const meetingId = 'endedSession1';
    await createRedisGroupStore(r, redis.prefix).saveMeeting({
      id: meetingId,
      groupId,
      title: 'Behaviour workshop',
      startsAt: Date.now() - 3600_000,
      durationMinutes: 45,
      host: host.pseudonym,
      format: 'workshop',
    });
    const future = await admin.agent.post(`/api/groups/${groupId}/meetings`, {
      title: 'Later',
      startsAt: Date.now() + 3600_000,
      durationMinutes: 30,
      host: host.pseudonym,
    });
    const early = await members[0]!.agent.post(`${base(future.body.meeting.id as string)}/useful`, {
      score: 4,
    });
    expect(early.body.error).toBe('CONFLICT');

    expect((await members[0]!.agent.get(`${base(meetingId)}/useful`)).body).toEqual({
      open: true,
      answered: false,
    });
    const scores = [5, 4, 4, 2];
    for (const [i, score] of scores.entries()) {
      expect((await members[i]!.agent.post(`${base(meetingId)}/useful`, { score })).status).toBe(200);
    }
    // A second answer, on the other node, is refused and not counted.
    await members[0]!.moveTo(nodes[1].url);
    const again = await members[0]!.agent.post(`${base(meetingId)}/useful`, { score: 1 });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('CONFLICT');
    expect((await members[0]!.agent.get(`${base(meetingId)}/useful`)).body.answered).toBe(true);
    const bad = await members[4]!.agent.post(`${base(meetingId)}/useful`, { score: 6 });
    expect(bad.status).toBe(400);
    expect((await outsider.agent.post(`${base(meetingId)}/useful`, { score: 3 })).status).toBe(403);

    // Four answers: the host and coordinators see only that there are not enough yet.
    const hidden = await host.agent.get(`${base(meetingId)}/useful/summary`);
    expect(hidden.body).toEqual({ k: 5, shown: false, responses: null, mean: null, scores: null });
    expect((await admin.agent.get(`${base(meetingId)}/useful/summary`)).body.shown).toBe(false);
    // A member who is not the host does not see it at all.
    expect((await members[5]!.agent.get(`${base(meetingId)}/useful/summary`)).status).toBe(403);

    expect((await members[4]!.agent.post(`${base(meetingId)}/useful`, { score: 5 })).status).toBe(200);
    const shown = await host.agent.get(`${base(meetingId)}/useful/summary`);
    expect(shown.body).toEqual({ k: 5, shown: true, responses: 5, mean: 4, scores: [0, 1, 0, 2, 2] });
    expect((await admin.agent.get(`${base(meetingId)}/useful/summary`)).body.responses).toBe(5);

    // Scan the whole store: nothing holding an account id or pseudonym of an answerer also holds a score of
    // this session, and the session's answer keys hold neither.
    const ids = await Promise.all(
      members.slice(0, 5).map(async (m) => (await m.agent.get('/api/me')).body.me.id as string),
    );
    let cursor = '0';
    const keys: string[] = [];
    do {
      const [next, batch] = await r.scan(cursor, 'MATCH', `${redis.prefix}*`, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    const sessionKeys = keys.filter((key) => key.includes(meetingId));
    expect(sessionKeys.sort()).toEqual(
      [
        `${redis.prefix}grp:{${groupId}}:session:${meetingId}:useful`,
        `${redis.prefix}grp:{${groupId}}:session:${meetingId}:useful-answered`,
      ].sort(),
    );
    const dump = JSON.stringify([
      await r.hgetall(`${redis.prefix}grp:{${groupId}}:session:${meetingId}:useful`),
      await r.smembers(`${redis.prefix}grp:{${groupId}}:session:${meetingId}:useful-answered`),
    ]);
    for (const [i, accountId] of ids.entries()) {
      expect(dump).not.toContain(accountId);
      expect(dump).not.toContain(members[i]!.pseudonym);
    }
    for (const key of keys) {
      if (sessionKeys.includes(key)) continue;
      const type = await r.type(key);
      const text =
        type === 'string'
          ? ((await r.get(key)) ?? '')
          : type === 'hash'
            ? JSON.stringify(await r.hgetall(key))
            : type === 'set'
              ? (await r.smembers(key)).join(' ')
              : '';
      // No other key names this session together with a score.
      expect(text.includes(meetingId) && /useful|score/.test(text)).toBe(false);
    }
    const ttl = await r.ttl(`${redis.prefix}grp:{${groupId}}:session:${meetingId}:useful`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(26 * 3600);
  });
});
