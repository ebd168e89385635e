import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { moderationKeys } from '../../server/src/features/moderation/moderation.keys.js';
import { createInvite } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { appointModerator } from '../support/moderators.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { queueOf, waitForQueue } from '../support/queue.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { request } from '../support/socket.js';

/*
 * After the review of 2026-12-06 (tests/abuse/README.md): the moderation and safety flow, two nodes on one real
 * Redis. Each case failed against the code before the fix.
 */
let redis: TestRedis;
let nodes: [TestNode, TestNode];
let admin: TestMember;
let moderator: TestMember;
let memberInvite: string;
let moderatorInvite: string;
const everyone: TestMember[] = [];
const env = { SEND_LIMIT_PER_10S: '10000', JOIN_LIMIT_PER_MINUTE: '10000', EVENT_BUDGET_PER_10S: '1000000' };

const RISKS = [
  "I've been thinking about ending it. I don't want to be here anymore.",
  'I have a plan to kill myself tonight.',
  'Everyone would be better off without me, I just want to die.',
];

async function member(node = 0, invite = memberInvite): Promise<TestMember> {
  const m = await TestMember.signUp(nodes[node]!.url, invite);
  everyone.push(m);
  return m;
}

async function joinAndOpen(m: TestMember, groupId: string): Promise<string> {
  const ack = await m.transport.request('group:join', { groupId, acceptGuidelines: true });
  if (!ack.ok) throw new Error(ack.error.code);
  await m.open(groupId);
  return ack.data.me.tag;
}

/** A group with `mod` (default: `moderator`) appointed. */
async function createGroup(name: string, mod: TestMember = moderator): Promise<string> {
  const res = await admin.agent.post('/api/groups', {
    name: `${name} ${randomBytes(3).toString('hex')}`,
    topic: 'challenging-class',
    guidelines: 'Be kind.',
  });
  expect(res.status).toBe(201);
  const groupId = res.body.group.id as string;
  const tag = await joinAndOpen(mod, groupId);
  expect((await admin.transport.request('mod:moderator', { groupId, tag, on: true })).ok).toBe(true);
  return groupId;
}

async function holdFlagged(groupId: string): Promise<void> {
  const on = await moderator.transport.request('mod:settings', {
    groupId,
    holdFlagged: true,
    reason: 'hold flagged messages for review',
  });
  expect(on.ok).toBe(true);
  await new Promise((r) => setTimeout(r, 600));
}

const accountIdOf = async (m: TestMember) => (await m.agent.get('/api/me')).body.me.id as string;

beforeAll(async () => {
  redis = await startRedis();
  const a = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env });
  nodes = [a, await startNode({ redisUrl: redis.url, prefix: redis.prefix, env })];
  admin = await TestMember.signUp(a.url, a.bootstrapInvite as string);
  memberInvite = await createInvite(admin.agent, 'member', 200);
  moderatorInvite = await createInvite(admin.agent, 'moderator', 20);
  moderator = await TestMember.signUp(nodes[1].url, moderatorInvite);
  everyone.push(admin, moderator);
});

afterAll(async () => {
  for (const m of everyone) m.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis.stop();
});

describe('after the review, 2026-12-06', () => {
  it('when someone who may not act on a crisis alert probes it, then every action answers as for a missing report, and its id cannot be derived from the group and seq', async () => {
    const groupId = await createGroup('Probe');
    const otherModerator = await member(0, moderatorInvite);
    await createGroup('Someone else’s', otherModerator);
    const atRisk = await member(0);
    const bystander = await member(1);
    await joinAndOpen(atRisk, groupId);
    await joinAndOpen(bystander, groupId);
    const { seq } = await atRisk.send(groupId, RISKS[0]!);
    const [item] = await waitForQueue(moderator, groupId, (q) => (q.length === 1 ? q : null));
    // Before: 'cr' + sha256(groupId, seq), which anyone in the group could compute.
    const publicDerivation =
      'cr' + createHash('sha256').update(`${groupId}\u0000${seq}`).digest('base64url').slice(0, 22);
    expect(item!.id).not.toBe(publicDerivation);
    expect(item!.id.startsWith('cr')).toBe(true);

    const probes = (reportId: string) => [
      { event: 'mod:acknowledge', payload: { reportId } },
      { event: 'mod:resolve', payload: { reportId, action: 'dismiss', reason: 'probe' } },
      { event: 'mod:held', payload: { reportId, decision: 'keep' } },
      { event: 'mod:reach-out', payload: { reportId, text: 'Are you alright?' } },
    ];
    const missing = 'cr' + randomBytes(16).toString('base64url').slice(0, 22);
    for (const who of [bystander, otherModerator]) {
      for (const reportId of [item!.id, missing, publicDerivation]) {
        for (const { event, payload } of probes(reportId)) {
          const ack = await request(who.socket, event as 'mod:acknowledge', payload as { reportId: string });
          expect(
            ack.ok ? 'ok' : ack.error.code,
            `${event} ${reportId === item!.id ? 'real' : 'missing'}`,
          ).toBe('NOT_FOUND');
        }
      }
    }
    // The group's moderator still acts on it.
    expect((await moderator.transport.request('mod:acknowledge', { reportId: item!.id })).ok).toBe(true);
  }, 60_000);

  it('when a resolve and an acknowledgement race, then the report stays handled and its held text erased', async () => {
    const groupId = await createGroup('Resolve races acknowledge');
    await holdFlagged(groupId);
    const raw = redis.client();
    try {
      for (let round = 0; round < 6; round++) {
        const atRisk = await member(round % 2);
        await joinAndOpen(atRisk, groupId);
        const text = `${RISKS[round % RISKS.length]!} (round ${round})`;
        const sent = await atRisk.transport.request('message:send', {
          groupId,
          clientId: `race-round-${round}`,
          text,
        });
        expect(sent.ok && sent.data.held, JSON.stringify(sent)).toBe(true);
        const item = await waitForQueue(moderator, groupId, (q) => q.find((i) => i.message?.text === text));
        // Reaching out acknowledges (after its own work), "I am on it" too: both race the resolve, each with a
        // copy of the report read before the resolve stored its outcome.
        const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
        const [resolved, reached, acknowledged] = await Promise.all([
          delay(round % 3).then(() =>
            moderator.transport.request('mod:resolve', {
              reportId: item.id,
              action: 'dismiss',
              reason: 'seen',
            }),
          ),
          admin.transport.request('mod:reach-out', { reportId: item.id, text: 'We are here for you.' }),
          admin.transport.request('mod:acknowledge', { reportId: item.id }),
        ]);
        expect(resolved.ok, JSON.stringify(resolved)).toBe(true);
        expect(reached.ok, JSON.stringify(reached)).toBe(true);
        expect(acknowledged.ok || acknowledged.error.code === 'CONFLICT').toBe(true);
        const stored = JSON.parse((await raw.get(moderationKeys(redis.prefix).report(item.id))) ?? '{}');
        expect(stored.status, `round ${round}`).toBe('reviewed');
        expect(stored.heldText).toBeUndefined();
        expect(await raw.zscore(moderationKeys(redis.prefix).openReports(groupId), item.id)).toBeNull();
        expect((await queueOf(moderator, groupId)).map((i) => i.id)).not.toContain(item.id);
      }
    } finally {
      raw.disconnect();
    }
  }, 120_000);

  it('when two moderators keep and release the same held message at once, then exactly one decides, and a kept message is never posted', async () => {
    const groupId = await createGroup('Keep races release');
    const second = await member(1, moderatorInvite);
    await appointModerator(admin, second, groupId);
    await holdFlagged(groupId);
    const atRisk = await member(0);
    const reader = await member(1);
    await joinAndOpen(atRisk, groupId);
    await joinAndOpen(reader, groupId);
    for (let round = 0; round < 8; round++) {
      const text = `${RISKS[round % RISKS.length]!} (held ${round})`;
      const sent = await atRisk.transport.request('message:send', {
        groupId,
        clientId: `held-round-${round}`,
        text,
      });
      expect(sent.ok && sent.data.held, JSON.stringify(sent)).toBe(true);
      const alert = await waitForQueue(moderator, groupId, (q) =>
        q.flatMap((i) => i.alerts ?? []).find((a) => a.message?.text === text),
      );
      const [keep, release] = await Promise.all([
        moderator.transport.request('mod:held', { reportId: alert.id, decision: 'keep' }),
        second.transport.request('mod:held', { reportId: alert.id, decision: 'release' }),
      ]);
      expect([keep.ok, release.ok].filter(Boolean), `round ${round}`).toHaveLength(1);
      for (const lost of [keep, release]) if (!lost.ok) expect(lost.error.code).toBe('CONFLICT');
      const history = await reader.transport.request('group:history', { groupId, after: 0, limit: 100 });
      const posted = history.ok && history.data.messages.some((m) => m.text === text);
      expect(posted, `round ${round}: ${keep.ok ? 'kept' : 'released'}`).toBe(release.ok);
    }
  }, 120_000);

  it('when a moderator is banned from Staffroom, then from the moment the ban is stored they cannot post, mute or unban, while their rights are still being taken away', async () => {
    const groups: string[] = [];
    const banned = await member(1, moderatorInvite);
    for (let i = 0; i < 30; i++) groups.push(await createGroup(`Window ${i}`, banned));
    const groupId = groups[0]!;
    const target = await member(0);
    const targetTag = await joinAndOpen(target, groupId);
    const other = await member(0);
    const otherTag = await joinAndOpen(other, groupId);
    await appointModerator(admin, moderator, groupId);
    const groupBan = await moderator.transport.request('mod:ban', {
      groupId,
      tag: otherTag,
      minutes: null,
      reason: 'spam',
    });
    const banId = groupBan.ok ? groupBan.data.banId : '';
    const accountId = await accountIdOf(banned);
    const raw = redis.client();
    const globalBans = moderationKeys(redis.prefix).globalBans();
    let storedAt = Infinity;
    let polling = true;
    const poller = (async () => {
      while (polling && storedAt === Infinity) {
        if (await raw.hexists(globalBans, accountId)) storedAt = performance.now();
      }
    })();
    const accepted: { what: string; sentAt: number }[] = [];
    const refusals: string[] = [];
    let acting = true;
    const actor = (async () => {
      for (let i = 0; acting && banned.socket.connected; i++) {
        const sentAt = performance.now();
        // Unban is tried from the moment the ban is stored (before, it would simply succeed once).
        const what = storedAt < Infinity && i % 3 === 2 ? 'unban' : i % 2 ? 'mute' : 'send';
        const ack =
          what === 'send'
            ? await request(
                banned.socket,
                'message:send',
                { groupId, clientId: `window-${i}-abc`, text: `still here ${i}` },
                2_000,
              )
            : what === 'mute'
              ? await request(
                  banned.socket,
                  'mod:mute',
                  { groupId, tag: targetTag, minutes: 1, reason: 'cool off please' },
                  2_000,
                )
              : await request(banned.socket, 'mod:unban', { banId, reason: 'let them back' }, 2_000);
        if (ack.ok) accepted.push({ what, sentAt });
        else refusals.push(`${what}:${ack.error.code}`);
      }
    })().catch(() => {});
    await new Promise((r) => setTimeout(r, 300));
    const ack = await admin.transport.request('mod:ban-account', {
      pseudonym: banned.pseudonym,
      minutes: 60,
      reason: 'harassment',
    });
    expect(ack.ok).toBe(true);
    await waitFor(() => !banned.socket.connected, { timeoutMs: 10_000 });
    acting = false;
    polling = false;
    await Promise.all([actor, poller]);
    raw.disconnect();
    const afterStored = accepted.filter((a) => a.sentAt > storedAt);
    console.info('global ban window', {
      accepted: accepted.length,
      afterStored,
      refusals: refusals.slice(0, 10),
    });
    expect(storedAt).toBeLessThan(Infinity);
    // Only what was already on its way when the ban reached the node (one request at most, in practice).
    expect(afterStored.length).toBeLessThanOrEqual(2);
    expect(afterStored.some((a) => a.what === 'unban')).toBe(false);
  }, 120_000);

  it('when a group has more than 50 open urgent reports, then a member’s held messages are still capped at 10 and still listed for them', async () => {
    const groupId = await createGroup('Busy queue');
    const loud = await member(0);
    await joinAndOpen(loud, groupId);
    for (let i = 0; i < 55; i++) await loud.send(groupId, `${RISKS[i % RISKS.length]!} (${i})`);
    const raw = redis.client();
    try {
      await waitFor(async () => (await raw.zcard(moderationKeys(redis.prefix).openReports(groupId))) >= 55, {
        timeoutMs: 30_000,
        what: '55 open alerts',
      });
    } finally {
      raw.disconnect();
    }
    await holdFlagged(groupId);
    const writer = await member(1);
    await joinAndOpen(writer, groupId);
    const codes: string[] = [];
    for (let i = 0; i < 12; i++) {
      const ack = await writer.transport.request('message:send', {
        groupId,
        clientId: `capped-${String(i).padStart(2, '0')}`,
        text: `${RISKS[i % RISKS.length]!} [${i}]`,
      });
      codes.push(ack.ok ? (ack.data.held ? 'held' : 'posted') : ack.error.code);
    }
    expect(codes).toEqual([...Array(10).fill('held'), 'RATE_LIMITED', 'RATE_LIMITED']);
    const open = await writer.transport.request('group:open', { groupId });
    expect(open.ok && open.data.held?.map((h) => h.clientId)).toEqual(
      Array.from({ length: 10 }, (_, i) => `capped-${String(i).padStart(2, '0')}`),
    );
  }, 180_000);
});
