import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBody } from '@staffroom/shared/schemas/consultations';
import { conversationKey, createIdentity } from '../../client/src/lib/e2e-crypto.js';
import { browserWrappingKey, createInvite, GOOD_PASSPHRASE } from '../support/http.js';
import { sealAs } from '../support/sealing.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/** 0.0001 days is 8.6 s (the sweep then runs every 2.2 s on each node), so retention passes within a test. */
const RETENTION_DAYS = '0.0001';

let redis: TestRedis;
let nodes: TestNode[];
const people: TestMember[] = [];
const invites: Record<string, string> = {};

const intake = (): IntakeBody => ({
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['messages', 'check-ins'],
  preferredTimes: ['mon-pm'],
});

async function person(role: 'member' | 'consultant', node: number): Promise<TestMember> {
  const m = await TestMember.signUp(nodes[node]!.url, invites[role]!);
  people.push(m);
  return m;
}

async function withKeys(m: TestMember) {
  const made = await createIdentity(await browserWrappingKey(m.agent, m.pseudonym, GOOD_PASSPHRASE));
  expect((await m.agent.request('PUT', '/api/keys', made.bundle)).status).toBe(200);
  return made.identity;
}

/** Every key in Redis with its type and whether its value mentions `needle`. */
async function keysMentioning(needle: string): Promise<string[]> {
  const raw = redis.client();
  const found: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await raw.scan(cursor, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const value = (await raw.dumpBuffer(key))?.toString('latin1') ?? '';
      if (key.includes(needle) || value.includes(needle)) found.push(key);
    }
  } while (cursor !== '0');
  await raw.quit();
  return found.sort();
}

beforeAll(async () => {
  redis = await startRedis();
  // Two nodes: both sweep, at the same time, over the same data.
  const env = { CONSULTATION_RETENTION_DAYS: RETENTION_DAYS };
  nodes = [
    await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }),
    await startNode({ redisUrl: redis.url, prefix: redis.prefix, env }),
  ];
  const admin = await TestMember.signUp(nodes[0]!.url, nodes[0]!.bootstrapInvite as string);
  people.push(admin);
  for (const role of ['member', 'consultant'] as const)
    invites[role] = await createInvite(admin.agent, role as 'member', 50);
});

afterAll(async () => {
  for (const m of people) m.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis.stop();
});

describe('one-to-one retention', () => {
  it('when a conversation has been closed longer than the retention, then nothing of it or its request is left in Redis; an active one stays', async () => {
    const c = await person('consultant', 1);
    expect(
      (
        await c.agent.request('PUT', '/api/consultant/profile', {
          displayName: 'Ms Grade Two Mentor',
          grades: ['2'],
          subjects: ['mathematics'],
          areas: ['classroom-management'],
          capacity: 5,
          availability: ['mon-pm'],
          paused: false,
          school: 'Cedar Park Elementary',
          district: 'North Valley District',
        })
      ).status,
    ).toBe(200);
    const cIdentity = await withKeys(c);

    /** A teacher asks, the consultant accepts, both write: returns the conversation and request ids. */
    const startConversation = async (node: number) => {
      const t = await person('member', node);
      const tIdentity = await withKeys(t);
      expect((await t.agent.post('/api/support-request', intake())).status).toBe(201);
      const offer = (await c.agent.get('/api/consultant/offers')).body.offers[0];
      const requestId: string = offer.requestId;
      const { conversationId } = (await c.agent.post(`/api/consultant/offers/${requestId}/accept`)).body;
      const openT = await t.transport.request('convo:open', { conversationId });
      const openC = await c.transport.request('convo:open', { conversationId });
      const peerOfT = openT.ok ? openT.data.view.peer.publicKey! : '';
      const peerOfC = openC.ok ? openC.data.view.peer.publicKey! : '';
      const keyT = await conversationKey(tIdentity, peerOfT, conversationId);
      const keyC = await conversationKey(cIdentity, peerOfC, conversationId);
      for (let i = 1; i <= 3; i++) {
        const sent = await t.transport.request('convo:send', {
          conversationId,
          clientId: `ret-${conversationId.slice(0, 6)}-${i}`,
          ...(await sealAs(tIdentity, peerOfT, keyT, conversationId, 'message', i, `hello ${i}`)),
        });
        expect(sent.ok).toBe(true);
      }
      const goal = await c.transport.request('convo:goal', {
        conversationId,
        ...(await sealAs(cIdentity, peerOfC, keyC, conversationId, 'goal', 1, '{"title":"x"}')),
      });
      expect(goal.ok).toBe(true);
      const checkIn = await t.transport.request('convo:checkin', {
        conversationId,
        startsAt: Date.now() + 3600_000,
        durationMinutes: 30,
        note: null,
      });
      expect(checkIn.ok).toBe(true);
      return { t, conversationId: conversationId as string, requestId };
    };

    const closed = await startConversation(0);
    const active = await startConversation(1);
    expect((await c.transport.request('convo:close', { conversationId: closed.conversationId })).ok).toBe(
      true,
    );
    expect(
      (await closed.t.transport.request('convo:close-confirm', { conversationId: closed.conversationId })).ok,
    ).toBe(true);

    // Right after closing, its stream, seq, counters, goals, check-ins, client ids and index entries are there.
    const before = await keysMentioning(closed.conversationId);
    expect(before.length).toBeGreaterThanOrEqual(8);
    expect(before.some((k) => k.includes(':msgs'))).toBe(true);
    expect(before.some((k) => k.includes(':cid:'))).toBe(true);
    expect(await keysMentioning(closed.requestId)).not.toEqual([]);
    const activeBefore = await keysMentioning(active.conversationId);

    // After the retention (8.6 s) and a sweep: gone from every key and every value.
    await waitFor(async () => (await keysMentioning(closed.conversationId)).length === 0, {
      timeoutMs: 40_000,
      intervalMs: 500,
      what: 'the closed conversation to be purged',
    });
    await waitFor(async () => (await keysMentioning(closed.requestId)).length === 0, {
      timeoutMs: 10_000,
      intervalMs: 500,
      what: 'the matched request to be purged',
    });
    // The active conversation, as old, keeps everything; its request (matched as long ago) is gone.
    expect(await keysMentioning(active.conversationId)).toEqual(
      activeBefore.filter((k) => !k.endsWith(':requests:finished') && !k.endsWith(':requests')),
    );
    const list = (await closed.t.agent.get('/api/conversations')).body.conversations;
    expect(list).toEqual([]);
    const opened = await closed.t.transport.request('convo:open', { conversationId: closed.conversationId });
    expect(!opened.ok && opened.error.code).toBe('NOT_FOUND');
    const still = await active.t.transport.request('convo:history', {
      conversationId: active.conversationId,
      after: 0,
      limit: 10,
    });
    expect(still.ok && still.data.messages.length).toBe(3);
  }, 90_000);
});
