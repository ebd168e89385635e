import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, logInFresh, type TestCluster } from '../support/cluster.js';
import { createInvite, uniquePseudonym } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { appointModerator } from '../support/moderators.js';
import { sleep } from '../support/ports.js';
import { request } from '../support/socket.js';
import { signUpFresh } from '../support/cluster.js';
import { REACTIONS } from '@staffroom/shared/schemas/messages';

/**
 * Retention (issue 12): keys that used to grow forever now have a rule, observed on real Redis behind two nodes.
 */
let cluster: TestCluster;
let redis: Redis;
let admin: TestMember;
/** Posts, and moderates every group (coordinators read no group). */
let moderator: TestMember;
let member: TestMember;
let invite: string;

const HISTORY = 100;
const REACTION = REACTIONS[0];

beforeAll(async () => {
  cluster = await startCluster({
    nodes: 2,
    env: {
      HISTORY_MAX_MESSAGES: String(HISTORY),
      SEND_LIMIT_PER_10S: '10000',
      // The shortest retention the schema allows (about 8.6 s): observable as a TTL at once.
      REPORT_RETENTION_DAYS: '0.0001',
    },
  });
  redis = cluster.redis.client();
  const [a, b] = cluster.nodes;
  admin = await TestMember.signUp(a!.url, cluster.bootstrapInvite);
  invite = await createInvite(admin.agent, 'member', 20);
  member = await TestMember.signUp(b!.url, invite);
  moderator = await TestMember.signUp(a!.url, await createInvite(admin.agent, 'moderator', 1));
});

afterAll(async () => {
  admin?.close();
  moderator?.close();
  member?.close();
  await redis?.quit();
  await cluster?.stop();
});

async function group(name: string): Promise<string> {
  const res = await admin.agent.post('/api/groups', {
    name,
    topic: 'challenging-class',
    guidelines: 'Be kind.',
  });
  expect(res.status).toBe(201);
  const id = res.body.group.id as string;
  await appointModerator(admin, moderator, id);
  await moderator.open(id);
  await member.join(id);
  await member.open(id);
  return id;
}

describe('retention', () => {
  it('when a reacted message is trimmed from history, then its reactions (which name the reacting accounts) go with it', async () => {
    const groupId = await group('Trimmed reactions');
    const { seq } = await moderator.send(groupId, 'the first message');
    const reacted = await request(member.socket, 'reaction:set', { groupId, seq, kind: REACTION, on: true });
    expect(reacted.ok).toBe(true);
    const key = `${cluster.redis.prefix}grp:{${groupId}}:rx:${seq}`;
    expect(await redis.exists(key)).toBe(1);
    for (let i = 0; i < HISTORY; i++) await moderator.send(groupId, `later message ${i}`);
    expect(await redis.exists(key)).toBe(0);
    // Nothing can react to the trimmed message any more.
    const late = await request(member.socket, 'reaction:set', { groupId, seq, kind: REACTION, on: true });
    expect(late.ok ? 'reacted' : late.error.code).toBe('NOT_FOUND');
    expect(await redis.exists(key)).toBe(0);
  });

  it('when a report is handled, then it expires after REPORT_RETENTION_DAYS; an open report and its queue entry are kept', async () => {
    const groupId = await group('Report retention');
    const { seq } = await moderator.send(groupId, 'something to report');
    const other = await moderator.send(groupId, 'something else');
    const handled = await request(member.socket, 'report:create', { groupId, seq, reason: 'spam', note: '' });
    const open = await request(member.socket, 'report:create', {
      groupId,
      seq: other.seq,
      reason: 'spam',
      note: '',
    });
    if (!handled.ok || !open.ok) throw new Error('report refused');
    const resolved = await request(moderator.socket, 'mod:resolve', {
      reportId: handled.data.id,
      action: 'dismiss',
      reason: 'not spam',
    });
    expect(resolved.ok).toBe(true);
    const p = cluster.redis.prefix;
    const ttl = await redis.pttl(`${p}report:${handled.data.id}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(0.0001 * 24 * 3600_000);
    expect(await redis.pttl(`${p}report:${open.data.id}`)).toBe(-1);
    expect(await redis.zrange(`${p}reports:open:{${groupId}}`, 0, -1)).toEqual([open.data.id]);
    // The reporter's dedupe marker has the same retention: nothing about a report outlives it.
    const marker = await redis.pttl(`${p}report-once:${await myId(member)}:g:${groupId}:${seq}`);
    expect(marker).toBeGreaterThan(0);
  });

  it('when sessions end by themselves, then the account’s session index does not keep them', async () => {
    // A node with short sessions: each ends 0.6 s after its last use.
    // More log-ins than the per-pseudonym budget of successes allows by default (LOGIN_SUCCESSES_PER_10_MINUTES).
    const node = await cluster.addNode({
      SESSION_IDLE_MINUTES: '0.01',
      LOGIN_SUCCESSES_PER_10_MINUTES: '100',
    });
    const { pseudonym, me } = await signUpFresh(node.url, invite, uniquePseudonym('Sessions'));
    for (let i = 0; i < 24; i++) {
      const { res } = await logInFresh(node.url, pseudonym);
      expect(res.status).toBe(200);
      await sleep(150);
    }
    const size = await redis.hlen(`${cluster.redis.prefix}account:${me.id}:sessions`);
    expect(size).toBeLessThan(22);
  });

  it('when a meeting ended more than a day ago, then listing the group’s meetings deletes it; one still to come stays', async () => {
    const groupId = await group('Meeting retention');
    const key = `${cluster.redis.prefix}grp:{${groupId}}:meetings`;
    const meeting = (id: string, startsAt: number) =>
      JSON.stringify({
        id,
        groupId,
        title: `Workshop ${id}`,
        startsAt,
        durationMinutes: 60,
        host: 'GrudgeLead',
      });
    // An ended meeting left by a version without retention, beside one next week.
    await redis.hset(key, {
      'old-one': meeting('old-one', Date.now() - 3 * 24 * 3600_000),
      'next-one': meeting('next-one', Date.now() + 7 * 24 * 3600_000),
    });
    const listed = await member.agent.get(`/api/groups/${groupId}`);
    expect(listed.status).toBe(200);
    const week = await member.agent.get('/api/meetings/week');
    expect(week.status).toBe(200);
    expect(await redis.hkeys(key)).toEqual(['next-one']);
  });

  it('the shipped compose Redis refuses writes when full instead of evicting stored data', () => {
    const compose = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    expect(compose).toMatch(/'--maxmemory',\s*'[^']+',\s*'--maxmemory-policy',\s*'noeviction'/);
  });
});

async function myId(m: TestMember): Promise<string> {
  const me = await request(m.socket, 'me:get', {});
  if (!me.ok) throw new Error(me.error.code);
  return me.data.id;
}
