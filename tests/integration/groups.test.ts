import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, createInvite, signUp, type Agent } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { connect, request } from '../support/socket.js';

let redis: TestRedis;
let nodes: TestNode[];
let admin: Agent;
let invite: string;
const members: TestMember[] = [];

async function createGroup(name: string, visibility: 'listed' | 'invite-only' = 'listed'): Promise<string> {
  const res = await admin.post('/api/groups', {
    name,
    topic: 'workload-stress',
    description: 'Talking about marking loads.',
    guidelines: 'Be kind. Do not name students, colleagues or schools.',
    visibility,
  });
  expect(res.status).toBe(201);
  return res.body.group.id as string;
}

async function member(nodeIndex: number): Promise<TestMember> {
  const node = nodes[nodeIndex] as TestNode;
  const m = await TestMember.signUp(node.url, invite);
  members.push(m);
  return m;
}

beforeAll(async () => {
  redis = await startRedis();
  const env = { SEND_LIMIT_PER_10S: '10000', JOIN_LIMIT_PER_MINUTE: '10000', PRESENCE_TTL_SECONDS: '2' };
  const first = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env });
  nodes = [first, await startNode({ redisUrl: redis.url, prefix: redis.prefix, env })];
  admin = await signUp(first.url, first.bootstrapInvite as string);
  invite = await createInvite(admin, 'member', 1000);
});

afterAll(async () => {
  for (const m of members) m.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis.stop();
});

describe('groups across nodes', () => {
  it('when a member on node 1 sends, then a member on node 2 receives each message once, in order', async () => {
    const groupId = await createGroup('Marking mountains');
    const [a, b] = [await member(0), await member(1)];
    for (const m of [a, b]) {
      await m.join(groupId);
      await m.open(groupId);
    }
    const sent: number[] = [];
    for (let i = 0; i < 20; i++) sent.push((await a.send(groupId, `hello ${i}`)).seq);
    await waitFor(() => b.seqs(groupId).length === 20, { what: 'b to receive 20' });
    expect(b.seqs(groupId)).toEqual(sent);
    expect(b.received.filter((m) => m.groupId === groupId).length).toBe(20);
    expect(b.syncs.get(groupId)?.feed.messages.map((m) => m.text)).toEqual(sent.map((_, i) => `hello ${i}`));
  });

  it('when the same client id is sent twice, then one message exists', async () => {
    const groupId = await createGroup('Retry room');
    const a = await member(0);
    await a.join(groupId);
    await a.open(groupId);
    const first = await a.send(groupId, 'only once', 'client-id-0001');
    const second = await a.send(groupId, 'only once', 'client-id-0001');
    expect(second).toEqual({ ...first, duplicate: true });
    const history = await a.transport.request('group:history', { groupId, limit: 50 });
    expect(history.ok && history.data.messages.map((m) => m.text)).toEqual(['only once']);
  });

  it('when text contains markup, then it is stored escaped and never as markup', async () => {
    const groupId = await createGroup('Markup room');
    const a = await member(1);
    await a.join(groupId);
    const sync = await a.open(groupId);
    await a.send(groupId, 'a <img src=x onerror=alert(1)> & <script>alert(1)</script>b > c');
    await waitFor(() => sync.feed.messages.length === 1);
    expect(sync.feed.messages[0]?.text).toBe('a  &amp; b &gt; c');
  });

  it('when a non-member opens, sends or reads history, then it gets NOT_FOUND and nothing', async () => {
    const groupId = await createGroup('Closed door');
    const outsider = await member(0);
    const open = await outsider.transport.request('group:open', { groupId });
    expect(!open.ok && open.error.code).toBe('NOT_FOUND');
    const send = await outsider.transport.request('message:send', {
      groupId,
      clientId: 'abcdefgh12',
      text: 'hi',
    });
    expect(!send.ok && send.error.code).toBe('NOT_FOUND');
    const history = await outsider.transport.request('group:history', { groupId, limit: 10 });
    expect(!history.ok && history.error.code).toBe('NOT_FOUND');
  });
});

describe('membership', () => {
  it('when a member joins for the first time, then they must accept the guidelines, and membership is kept', async () => {
    const groupId = await createGroup('Guidelines first');
    const a = await member(0);
    const refused = await a.transport.request('group:join', { groupId });
    expect(!refused.ok && refused.error.code).toBe('GUIDELINES_REQUIRED');
    await a.join(groupId);
    const list = await a.agent.get('/api/groups');
    expect(list.body.groups.find((g: { id: string }) => g.id === groupId)).toMatchObject({
      isMember: true,
      memberCount: 1,
    });
    const detail = await a.agent.get(`/api/groups/${groupId}`);
    expect(detail.body.group).toMatchObject({ guidelinesAccepted: true, isMember: true });
    expect(detail.body.group.joinCode).toBeUndefined();
  });

  it('when guidelines change, then a member who left must accept the new version to rejoin', async () => {
    const groupId = await createGroup('Changing rules');
    const a = await member(0);
    await a.join(groupId);
    expect((await a.transport.request('group:leave', { groupId })).ok).toBe(true);
    await admin.request('PATCH', `/api/groups/${groupId}`, { guidelines: 'New rules: be kinder still.' });
    const refused = await a.transport.request('group:join', { groupId });
    expect(!refused.ok && refused.error.code).toBe('GUIDELINES_REQUIRED');
  });

  it('when a member browses, then topic filter and name search work and invite-only groups stay hidden', async () => {
    const listed = await createGroup('Zebra crossing club');
    const hidden = await createGroup('Secret staffroom corner', 'invite-only');
    const a = await member(1);
    const byName = await a.agent.get('/api/groups?q=zebra');
    expect(byName.body.groups.map((g: { id: string }) => g.id)).toEqual([listed]);
    const byTopic = await a.agent.get('/api/groups?topic=workload-stress');
    expect(byTopic.body.groups.map((g: { id: string }) => g.id)).toContain(listed);
    const byOther = await a.agent.get('/api/groups?topic=first-year-evaluation');
    expect(byOther.body.groups.map((g: { id: string }) => g.id)).not.toContain(listed);
    expect((await a.agent.get('/api/groups')).body.groups.map((g: { id: string }) => g.id)).not.toContain(
      hidden,
    );
    expect((await a.agent.get(`/api/groups/${hidden}`)).status).toBe(404);
    const byId = await a.transport.request('group:join', { groupId: hidden, acceptGuidelines: true });
    expect(!byId.ok && byId.error.code).toBe('NOT_FOUND');
    const code = (await admin.get(`/api/groups/${hidden}`)).body.group.joinCode as string;
    const byCode = await a.transport.request('group:join', { code, acceptGuidelines: true });
    expect(byCode.ok && byCode.data.group.id).toBe(hidden);
    expect((await a.agent.get('/api/groups')).body.groups.map((g: { id: string }) => g.id)).toContain(hidden);
  });

  it('when a member uses a per-group name, then others see only that name and tag, and it must not impersonate', async () => {
    const groupId = await createGroup('Alias room');
    const [a, b] = [await member(0), await member(1)];
    const taken = await a.transport.request('group:join', {
      groupId,
      acceptGuidelines: true,
      alias: b.pseudonym,
    });
    expect(!taken.ok && taken.error.code).toBe('PSEUDONYM_TAKEN');
    const joined = await a.transport.request('group:join', {
      groupId,
      acceptGuidelines: true,
      alias: 'QuietLantern7',
    });
    expect(joined.ok && joined.data.me.name).toBe('QuietLantern7');
    await b.join(groupId);
    await a.open(groupId);
    const syncB = await b.open(groupId);
    await a.send(groupId, 'hello from a lantern');
    await waitFor(() => syncB.feed.messages.length === 1);
    const seen = JSON.stringify(syncB.feed.messages[0]);
    expect(syncB.feed.messages[0]?.author?.name).toBe('QuietLantern7');
    expect(seen).not.toContain(a.pseudonym);
    const me = await a.agent.get('/api/me');
    expect(seen).not.toContain(me.body.me.id);
  });
});

describe('live presence, typing, reactions, unread', () => {
  it('when members open a group on different nodes, then each sees the other present, and typing crosses nodes', async () => {
    const groupId = await createGroup('Presence room');
    const [a, b] = [await member(0), await member(1)];
    await a.join(groupId);
    await b.join(groupId);
    const presentForA: string[][] = [];
    a.socket.on(
      'presence:update',
      (u) => u.groupId === groupId && presentForA.push(u.present.map((m) => m.name)),
    );
    await a.open(groupId);
    await b.open(groupId);
    await waitFor(() => presentForA.at(-1)?.includes(b.pseudonym), { what: 'a to see b' });
    expect(presentForA.at(-1)).toContain(a.pseudonym);
    const typing = new Promise<string>((resolve) => a.socket.once('typing', (t) => resolve(t.member.name)));
    await b.transport.request('typing:start', { groupId });
    expect(await typing).toBe(b.pseudonym);
    await b.transport.request('group:close', { groupId });
    await waitFor(() => presentForA.at(-1) && !presentForA.at(-1)?.includes(b.pseudonym), {
      what: 'b to leave presence',
    });
  });

  it('when a node dies without warning, then its members drop out of presence within the TTL', async () => {
    const groupId = await createGroup('Crash presence');
    const extra = await startNode({
      redisUrl: redis.url,
      prefix: redis.prefix,
      env: { PRESENCE_TTL_SECONDS: '2' },
    });
    const a = await member(0);
    const c = await TestMember.signUp(extra.url, invite);
    members.push(c);
    await a.join(groupId);
    await c.join(groupId);
    let present: string[] = [];
    a.socket.on('presence:update', (u) => {
      if (u.groupId === groupId) present = u.present.map((m) => m.name);
    });
    await a.open(groupId);
    await c.open(groupId);
    await waitFor(() => present.includes(c.pseudonym), { what: 'c present' });
    const killedAt = Date.now();
    await extra.kill();
    await waitFor(() => !present.includes(c.pseudonym), {
      timeoutMs: 10_000,
      what: 'c to expire from presence',
    });
    const ms = Date.now() - killedAt;
    console.log(`presence cleared ${ms} ms after SIGKILL (TTL 2 s)`);
    expect(ms).toBeLessThan(10_000);
  });

  it('when members react, then counts update live on both nodes, one of each kind per member', async () => {
    const groupId = await createGroup('Reaction room');
    const [a, b] = [await member(0), await member(1)];
    for (const m of [a, b]) {
      await m.join(groupId);
      await m.open(groupId);
    }
    const { seq } = await a.send(groupId, 'I finally finished my report cards');
    const updates: number[] = [];
    a.socket.on('reaction:update', (u) => u.kind === 'hug' && updates.push(u.count));
    expect(await b.transport.request('reaction:set', { groupId, seq, kind: 'hug', on: true })).toEqual({
      ok: true,
      data: { count: 1 },
    });
    expect(await b.transport.request('reaction:set', { groupId, seq, kind: 'hug', on: true })).toEqual({
      ok: true,
      data: { count: 1 },
    });
    expect(await a.transport.request('reaction:set', { groupId, seq, kind: 'hug', on: true })).toEqual({
      ok: true,
      data: { count: 2 },
    });
    await waitFor(() => updates.includes(2), { what: 'live reaction count' });
    const page = await b.transport.request('group:history', { groupId, limit: 10 });
    expect(page.ok && page.data.messages[0]).toMatchObject({ reactions: { hug: 2 }, mine: ['hug'] });
    const missing = await b.transport.request('reaction:set', {
      groupId,
      seq: seq + 1000,
      kind: 'hug',
      on: true,
    });
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  });

  it('when messages arrive while a member is away, then unread counts show it across sessions until read', async () => {
    const groupId = await createGroup('Unread room');
    const [a, b] = [await member(0), await member(1)];
    await a.join(groupId);
    await b.join(groupId);
    await a.open(groupId);
    for (let i = 0; i < 3; i++) await a.send(groupId, `news ${i}`);
    const unread = async () =>
      (await b.agent.get('/api/groups')).body.groups.find((g: { id: string }) => g.id === groupId)
        .unread as number;
    expect(await unread()).toBe(3);
    expect((await b.transport.request('group:read', { groupId, seq: 2 })).ok).toBe(true);
    expect(await unread()).toBe(1);
    await b.transport.request('group:read', { groupId, seq: 1 }); // an older device reporting late
    expect(await unread()).toBe(1);
  });
});

describe('meetings', () => {
  it('when an admin schedules a meeting, then it shows on the group and this week, and is announced when it starts', async () => {
    const groupId = await createGroup('Workshop room');
    const a = await member(0);
    await a.join(groupId);
    const sync = await a.open(groupId);
    const startsAt = Date.now() + 1_500;
    const created = await admin.post(`/api/groups/${groupId}/meetings`, {
      title: 'Planning <b>units</b> together',
      startsAt,
      durationMinutes: 45,
      host: 'SteadyHeron12',
    });
    expect(created.status).toBe(201);
    const denied = await a.agent.post(`/api/groups/${groupId}/meetings`, {
      title: 'x',
      startsAt,
      durationMinutes: 30,
      host: 'Me',
    });
    expect(denied.status).toBe(403);
    const detail = await a.agent.get(`/api/groups/${groupId}`);
    expect(detail.body.group.meetings[0]).toMatchObject({
      title: 'Planning <b>units</b> together',
      durationMinutes: 45,
    });
    const week = await a.agent.get('/api/meetings/week');
    expect(week.body.meetings.some((m: { groupId: string }) => m.groupId === groupId)).toBe(true);
    await waitFor(() => sync.feed.messages.some((m) => m.kind === 'meeting'), {
      timeoutMs: 15_000,
      what: 'announcement',
    });
    const announcement = sync.feed.messages.find((m) => m.kind === 'meeting');
    expect(announcement?.author).toBeNull();
    expect(announcement?.text).toContain('Planning units together');
  });
});

describe('cluster-wide limits', () => {
  it('when a member sends and opens groups across two nodes, then the limits count both and answer with typed errors', async () => {
    const env = { SEND_LIMIT_PER_10S: '5', JOIN_LIMIT_PER_MINUTE: '4' };
    const limited = [
      await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }),
      await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }),
    ];
    try {
      const groupId = await createGroup('Limits room');
      const a = await TestMember.signUp(limited[0]!.url, invite);
      members.push(a);
      await a.join(groupId); // join 1
      await a.open(groupId); // open 2
      const onB = await connect(limited[1]!.url, { cookie: a.agent.cookie() });
      try {
        expect((await request(onB, 'group:open', { groupId })).ok).toBe(true); // open 3
        const results: string[] = [];
        for (let i = 0; i < 6; i++) {
          const socket = i % 2 ? onB : a.socket;
          const ack = await request(socket, 'message:send', {
            groupId,
            clientId: `limit-${i}-abcdef`,
            text: `n${i}`,
          });
          results.push(ack.ok ? 'ok' : ack.error.code);
          if (!ack.ok) expect(ack.error.retryAfterMs).toBeGreaterThan(0);
        }
        expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'RATE_LIMITED']);
        expect((await request(onB, 'group:open', { groupId })).ok).toBe(true); // open 4
        const fifth = await request(a.socket, 'group:open', { groupId });
        expect(!fifth.ok && fifth.error.code).toBe('RATE_LIMITED');
      } finally {
        onB.close();
      }
    } finally {
      await Promise.all(limited.map((n) => n.stop()));
    }
  });
});

describe('transports', () => {
  it('when a client can only long-poll, then it joins, sends and receives like a websocket client', async () => {
    const groupId = await createGroup('Polling room');
    const a = await member(0);
    await a.join(groupId);
    const poller = await connect((nodes[1] as TestNode).url, {
      cookie: a.agent.cookie(),
      transports: ['polling'],
    });
    try {
      const opened = await request(poller, 'group:open', { groupId });
      expect(opened.ok).toBe(true);
      const got = new Promise<string>((resolve) => poller.once('message:new', (m) => resolve(m.text)));
      const sent = await request(poller, 'message:send', {
        groupId,
        clientId: 'polling-0001',
        text: 'over polling',
      });
      expect(sent.ok).toBe(true);
      expect(await got).toBe('over polling');
    } finally {
      poller.close();
    }
  });
});

describe('unauthenticated', () => {
  it('when there is no session, then the handshake fails and no group route answers', async () => {
    await expect(connect((nodes[0] as TestNode).url)).rejects.toMatchObject({
      data: { code: 'UNAUTHENTICATED' },
    });
    const anonymous = createAgent((nodes[0] as TestNode).url);
    expect((await anonymous.get('/api/groups')).status).toBe(401);
  });
});
