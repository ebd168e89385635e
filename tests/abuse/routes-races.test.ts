import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBody } from '@staffroom/shared/schemas/consultations';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * After the review of 2026-12-06: the HTTP routes that cost work have per-account budgets, and the closing of a
 * conversation (close, block, feedback) is a compare-and-set, so parallel requests cannot undo a block or let
 * one teacher fill k alone. Two nodes on one real Redis.
 */
let redis: TestRedis;
let raw: Redis;
let nodes: [TestNode, TestNode];
let admin: TestMember;
const invites: Record<string, string> = {};
const people: TestMember[] = [];

async function person(role: 'member' | 'consultant', node = 0): Promise<TestMember> {
  const m = await TestMember.signUp(nodes[node]!.url, invites[role]!);
  people.push(m);
  return m;
}

const profile = (extra: Record<string, unknown> = {}) => ({
  displayName: 'Grade Two Mentor',
  grades: ['2'],
  subjects: ['mathematics'],
  areas: ['classroom-management'],
  capacity: 10,
  availability: ['mon-pm'],
  paused: false,
  school: 'Riverside Elementary',
  district: 'North Valley District',
  ...extra,
});
const intake: IntakeBody = {
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['messages', 'check-ins'],
  preferredTimes: ['mon-pm'],
};

beforeAll(async () => {
  redis = await startRedis();
  raw = redis.client();
  const a = await startNode({ redisUrl: redis.url, prefix: redis.prefix });
  nodes = [a, await startNode({ redisUrl: redis.url, prefix: redis.prefix })];
  admin = await TestMember.signUp(a.url, a.bootstrapInvite as string);
  people.push(admin);
  for (const role of ['member', 'consultant'])
    invites[role] = await createInvite(admin.agent, role as 'member', 200);
});

afterAll(async () => {
  for (const m of people) m.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await raw.quit();
  await redis.stop();
});

/** A conversation between `c` and a new teacher (on the other node), matched and accepted. */
async function conversationWith(c: TestMember): Promise<{ t: TestMember; conversationId: string }> {
  const t = await person('member', 1);
  expect((await t.agent.post('/api/support-request', intake)).status).toBe(201);
  const offers = (await c.agent.get('/api/consultant/offers')).body.offers as { requestId: string }[];
  expect(offers.length).toBeGreaterThan(0);
  const accepted = await c.agent.post(`/api/consultant/offers/${offers[0]!.requestId}/accept`);
  expect(accepted.status).toBe(200);
  return { t, conversationId: accepted.body.conversationId as string };
}

const storedConversation = async (id: string) =>
  JSON.parse((await raw.hget(`${redis.prefix}conversations`, id)) ?? 'null') as {
    status: string;
    blocked: boolean;
    feedbackDone: boolean;
  } | null;

describe('budgets on the HTTP routes that cost work', () => {
  it('when an account loops a costly route past its budget, then it is RATE_LIMITED with retryAfterMs, on every node, and others are not', async () => {
    const m = await person('member');
    // Export: three an hour, counted across nodes.
    for (let i = 0; i < 3; i++)
      expect((await m.agent.get('/api/account/export')).status, `export ${i + 1}`).toBe(200);
    const fourth = await m.agent.get('/api/account/export');
    expect(fourth.status).toBe(429);
    expect(fourth.body.error).toBe('RATE_LIMITED');
    expect(fourth.body.retryAfterMs).toBeGreaterThan(0);
    // Someone else's budget is their own.
    expect((await (await person('member')).agent.get('/api/account/export')).status).toBe(200);

    // A consultant's profile (each save rematches every waiting request): 20 a minute.
    const c = await person('consultant');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++)
      statuses.push(
        (await c.agent.request('PUT', '/api/consultant/profile', profile({ capacity: 1 }))).status,
      );
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);

    // A coordinator looking up waiting requests: 60 a minute; crisis contacts: 20 a minute, each audited.
    const looks: number[] = [];
    for (let i = 0; i < 61; i++) looks.push((await admin.agent.get('/api/programme/unmatched')).status);
    expect(looks.filter((s) => s === 200)).toHaveLength(60);
    expect(looks.at(-1)).toBe(429);
    const resources = [{ name: 'District counselling line', contact: '0800 000 000', hours: '24/7' }];
    const sets: number[] = [];
    for (let i = 0; i < 21; i++)
      sets.push((await admin.agent.request('PUT', '/api/settings/crisis-contacts', { resources })).status);
    expect(sets.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(sets[20]).toBe(429);
    const audit = await admin.transport.request('mod:audit', { action: 'crisis-contacts', limit: 50 });
    expect(audit.ok && audit.data.entries.length).toBe(20);

    // Erasure is proven by the passphrase, not a session: limited per browser (its device token), 5 an hour.
    const e = await person('member');
    let erase = 0;
    for (let i = 0; i < 6; i++)
      erase = (
        await e.agent.post('/api/account/erase', { pseudonym: 'nobody-here', authSecret: 'x'.repeat(43) })
      ).status;
    expect(erase).toBe(429);
  });
});

describe('closing a conversation: compare-and-set', () => {
  it('when a teacher sends the closing feedback 10 times in parallel, then one is stored and the rest are refused', async () => {
    const c = await person('consultant');
    expect((await c.agent.request('PUT', '/api/consultant/profile', profile())).status).toBe(200);
    const { t, conversationId } = await conversationWith(c);
    expect((await t.transport.request('convo:close', { conversationId })).ok).toBe(true);
    const before = await raw.llen(`${redis.prefix}feedback`);
    // Half on each node, each on its own connection, as parallel tabs or a script would send them.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        fetch(`${nodes[i % 2]!.url}/api/conversations/${conversationId}/feedback`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: t.agent.cookie(), connection: 'close' },
          body: JSON.stringify({ helpfulness: 5, recommend: true }),
        }),
      ),
    );
    const codes = answers.map((a) => a.status).sort();
    expect(codes.filter((s) => s === 201)).toHaveLength(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(9);
    expect((await raw.llen(`${redis.prefix}feedback`)) - before).toBe(1);
    await c.agent.request('PUT', '/api/consultant/profile', profile({ paused: true }));
  });

  it('when a block and a close race (each from its own node), then the block always stays', async () => {
    const c = await person('consultant');
    expect((await c.agent.request('PUT', '/api/consultant/profile', profile())).status).toBe(200);
    for (let round = 0; round < 8; round++) {
      const { t, conversationId } = await conversationWith(c);
      const close = () => t.transport.request('convo:close', { conversationId });
      const block = () => c.transport.request('convo:block', { conversationId });
      const [closed, blocked] =
        round % 2 ? await Promise.all([close(), block()]) : (await Promise.all([block(), close()])).reverse();
      expect(blocked?.ok, `round ${round}: block`).toBe(true);
      // The close either landed first or is refused because the conversation had ended.
      if (!closed?.ok) expect(closed?.error.code).toBe('FORBIDDEN');
      expect(await storedConversation(conversationId), `round ${round}`).toMatchObject({
        status: 'closed',
        blocked: true,
      });
    }
    await c.agent.request('PUT', '/api/consultant/profile', profile({ paused: true }));
  });
});
