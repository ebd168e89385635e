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
  const env = { SEND_LIMIT_PER_10S: '10000', JOIN_LIMIT_PER_MINUTE: '10000' };
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
    const send = await outsider.transport.request('message:send', { groupId, clientId: 'abcdefgh12', text: 'hi' });
    expect(!send.ok && send.error.code).toBe('NOT_FOUND');
    const history = await outsider.transport.request('group:history', { groupId, limit: 10 });
    expect(!history.ok && history.error.code).toBe('NOT_FOUND');
  });
});

describe('unauthenticated', () => {
  it('when there is no session, then the handshake fails', async () => {
    await expect(connect((nodes[0] as TestNode).url)).rejects.toMatchObject({ data: { code: 'UNAUTHENTICATED' } });
    void request;
    void createAgent;
  });
});
