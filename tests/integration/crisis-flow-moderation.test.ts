import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgent, createInvite, GOOD_PASSPHRASE, passphraseSecrets } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { startNode, type TestNode } from '../support/node.js';
import { waitFor } from '../support/ports.js';
import { queueOf, waitForQueue } from '../support/queue.js';
import { startRedis, type TestRedis } from '../support/redis.js';

/**
 * Issue 11, the moderators' side of the crisis flow, on two nodes sharing one real Redis: alerts about one
 * member are one item; "I am on it" acknowledges; a "how to respond" card for peers; messages held for review.
 */
let redis: TestRedis;
let nodes: [TestNode, TestNode];
let admin: TestMember;
let moderator: TestMember;
let memberInvite: string;
const everyone: TestMember[] = [];
const env = { SEND_LIMIT_PER_10S: '10000', JOIN_LIMIT_PER_MINUTE: '10000' };

const RISKS = [
  "I've been thinking about ending it. I don't want to be here anymore.",
  'I have a plan to kill myself tonight.',
  'Everyone would be better off without me, I just want to die.',
];

async function member(node = 0): Promise<TestMember> {
  const m = await TestMember.signUp(nodes[node]!.url, memberInvite);
  everyone.push(m);
  return m;
}

/** A group with `moderator` appointed (a moderator, not a coordinator, acts in these tests). */
async function createGroup(name: string): Promise<string> {
  const res = await admin.agent.post('/api/groups', {
    name,
    topic: 'challenging-class',
    guidelines: 'Be kind.',
  });
  expect(res.status).toBe(201);
  const groupId = res.body.group.id as string;
  const tag = await joinAndOpen(moderator, groupId);
  expect((await admin.transport.request('mod:moderator', { groupId, tag, on: true })).ok).toBe(true);
  return groupId;
}

async function joinAndOpen(m: TestMember, groupId: string): Promise<string> {
  const ack = await m.transport.request('group:join', { groupId, acceptGuidelines: true });
  if (!ack.ok) throw new Error(ack.error.code);
  await m.open(groupId);
  return ack.data.me.tag;
}

const settle = () => new Promise((r) => setTimeout(r, 600));

beforeAll(async () => {
  redis = await startRedis();
  const a = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env });
  nodes = [a, await startNode({ redisUrl: redis.url, prefix: redis.prefix, env })];
  admin = await TestMember.signUp(a.url, a.bootstrapInvite as string);
  memberInvite = await createInvite(admin.agent, 'member', 100);
  moderator = await TestMember.signUp(nodes[1].url, await createInvite(admin.agent, 'moderator', 1));
  everyone.push(admin, moderator);
});

afterAll(async () => {
  for (const m of everyone) m.close();
  await Promise.all(nodes.map((n) => n.stop()));
  await redis.stop();
});

describe('alerts about one person are grouped', () => {
  it('when one member sends three messages that suggest risk, then moderators see one item with the three messages; another member has their own; acting on it acts on all three', async () => {
    const groupId = await createGroup('Grouped alerts');
    const atRisk = await member(0);
    const other = await member(1);
    const tag = await joinAndOpen(atRisk, groupId);
    await joinAndOpen(other, groupId);
    const sent = [];
    for (const text of RISKS) sent.push((await atRisk.send(groupId, text)).seq);
    await other.send(groupId, RISKS[0]!);

    const items = await waitForQueue(moderator, groupId, (q) =>
      q.length === 2 && q.some((i) => i.alerts?.length === 3) ? q : null,
    );
    const grouped = items.find((i) => i.subject?.tag === tag)!;
    expect(grouped).toMatchObject({ urgent: true, automatic: true, reason: 'crisis', acknowledged: null });
    expect(grouped.alerts!.map((a) => a.message?.seq).sort((x, y) => x! - y!)).toEqual(sent);
    expect(grouped.alerts!.map((a) => a.message?.text).sort()).toEqual([...RISKS].sort());
    expect(items.find((i) => i.id !== grouped.id)!.alerts).toHaveLength(1);
    // The badge counts people, not alerts.
    const badge = await moderator.transport.request('mod:urgent', {});
    expect(badge.ok && badge.data.unacknowledged).toBe(2);

    // Reaching out once acknowledges every alert about that member.
    const reached = await moderator.transport.request('mod:reach-out', {
      reportId: grouped.id,
      text: 'We are here for you.',
    });
    expect(reached.ok).toBe(true);
    const acknowledged = (await queueOf(moderator, groupId)).find((i) => i.id === grouped.id)!;
    expect(acknowledged.acknowledged).toMatchObject({ by: moderator.pseudonym });
    const after = await moderator.transport.request('mod:urgent', {});
    expect(after.ok && after.data.unacknowledged).toBe(1);

    // Reviewed once: all three leave the queue; the other member's item stays.
    const done = await moderator.transport.request('mod:resolve', {
      reportId: grouped.id,
      action: 'dismiss',
      reason: 'checked in with them',
    });
    expect(done.ok).toBe(true);
    const left = await queueOf(moderator, groupId);
    expect(left).toHaveLength(1);
    expect(left[0]!.subject?.tag).not.toBe(tag);
    // A new alert about the same member is a new item (the handled ones are not reopened).
    await atRisk.send(groupId, RISKS[1]!);
    const next = await waitForQueue(moderator, groupId, (q) => q.find((i) => i.subject?.tag === tag) ?? null);
    expect(next.alerts).toHaveLength(1);
  });
});

describe('alerts about one person in a long queue', () => {
  it('when an acknowledged alert about a member sits behind more than 50 open reports, then the console shows it in that member’s item, and resolving the item closes every alert and removes every message', async () => {
    const groupId = await createGroup('Long queue');
    const atRisk = await member(0);
    const flood = await member(1);
    const tag = await joinAndOpen(atRisk, groupId);
    await joinAndOpen(flood, groupId);
    // Alerts sort urgent first, oldest first: `early` leads, 55 alerts about someone else, then `acked`, `last`.
    const early = (await atRisk.send(groupId, RISKS[0]!)).seq;
    for (let i = 0; i < 55; i++) await flood.send(groupId, `${RISKS[i % RISKS.length]!} (${i})`);
    const acked = (await atRisk.send(groupId, RISKS[1]!)).seq;
    const first = await waitForQueue(moderator, groupId, (q) =>
      q.find((i) => i.subject?.tag === tag && i.alerts?.length === 2),
    );
    expect((await moderator.transport.request('mod:acknowledge', { reportId: first.id })).ok).toBe(true);
    const last = (await atRisk.send(groupId, RISKS[2]!)).seq;

    // One item for the member, with all three alerts (the acknowledged one far down the queue included).
    const item = await waitForQueue(moderator, groupId, (q) =>
      q.find((i) => i.subject?.tag === tag && i.alerts?.length === 3),
    );
    expect(item.id).toBe(first.id);
    expect(item.alerts!.map((a) => a.message?.seq)).toEqual([early, acked, last]);
    expect((await queueOf(moderator, groupId)).filter((i) => i.subject?.tag === tag)).toHaveLength(1);
    const raw = redis.client();
    const alertIndexes = () => raw.keys(`${redis.prefix}grp:{${groupId}}:alerts:*`);
    expect(await alertIndexes()).toHaveLength(2);

    const done = await moderator.transport.request('mod:resolve', {
      reportId: item.id,
      action: 'remove',
      reason: 'checked in with them',
    });
    expect(done.ok).toBe(true);
    const left = await queueOf(moderator, groupId);
    expect(left.filter((i) => i.subject?.tag === tag)).toEqual([]);
    expect(left).toHaveLength(1);
    const history = await flood.transport.request('group:history', { groupId, after: 0, limit: 100 });
    if (!history.ok) throw new Error(history.error.code);
    const removed = history.data.messages.filter((m) => m.kind === 'removed').map((m) => m.seq);
    expect(removed).toEqual([early, acked, last]);
    // The member's index went with its last alert; the other member's stays.
    expect(await alertIndexes()).toHaveLength(1);
    raw.disconnect();
  });
});

describe('an alert about a member who has since deleted their account', () => {
  it('when the member erases their account, then the item stays for review but waits for nobody: no badge, no acknowledge, marked as gone; resolving closes it', async () => {
    const groupId = await createGroup('Left since');
    const atRisk = await member(0);
    await joinAndOpen(atRisk, groupId);
    await atRisk.send(groupId, RISKS[1]!);
    const [raised] = await waitForQueue(moderator, groupId, (q) => (q.length === 1 ? q : null));
    expect(raised).toMatchObject({ urgent: true, acknowledged: null });
    // The badge counts every group this moderator sees (earlier tests leave alerts open): this one adds one.
    const before = await moderator.transport.request('mod:urgent', {});
    if (!before.ok) throw new Error(before.error.code);

    const { authSecret } = await passphraseSecrets(nodes[0].url, atRisk.pseudonym, GOOD_PASSPHRASE);
    const erased = await createAgent(nodes[0].url).post('/api/account/erase', {
      pseudonym: atRisk.pseudonym,
      authSecret,
    });
    expect(erased.status, JSON.stringify(erased.body)).toBe(200);

    const [item] = await waitForQueue(moderator, groupId, (q) => (q[0]?.subjectErased ? q : null));
    expect(item).toMatchObject({ id: raised!.id, urgent: true, subjectErased: true, status: 'received' });
    expect(item!.acknowledged).toBeUndefined();
    expect(item!.subject ?? null).toBeNull();
    const badge = await moderator.transport.request('mod:urgent', {});
    expect(badge.ok && badge.data.unacknowledged).toBe(before.data.unacknowledged - 1);
    const done = await moderator.transport.request('mod:resolve', {
      reportId: item!.id,
      action: 'dismiss',
      reason: 'member left Staffroom',
    });
    expect(done.ok).toBe(true);
    expect(await queueOf(moderator, groupId)).toEqual([]);
  });
});

describe('acknowledging an urgent item', () => {
  it('when a moderator says they are on it, then every alert about that member is acknowledged, coordinators see who, and it is audited', async () => {
    const groupId = await createGroup('Acknowledged');
    const atRisk = await member(0);
    const bystander = await member(0);
    await joinAndOpen(atRisk, groupId);
    await joinAndOpen(bystander, groupId);
    await atRisk.send(groupId, RISKS[0]!);
    await atRisk.send(groupId, RISKS[2]!);
    const [item] = await waitForQueue(moderator, groupId, (q) =>
      q.length === 1 && q[0]!.alerts?.length === 2 ? q : null,
    );

    // Not theirs: the answer a missing report gets (nobody learns whether a message raised an alert).
    const notAllowed = await bystander.transport.request('mod:acknowledge', { reportId: item!.id });
    expect(!notAllowed.ok && notAllowed.error.code).toBe('NOT_FOUND');
    expect((await moderator.transport.request('mod:acknowledge', { reportId: item!.id })).ok).toBe(true);
    // Idempotent: acknowledging again changes nothing and is not audited twice.
    expect((await moderator.transport.request('mod:acknowledge', { reportId: item!.id })).ok).toBe(true);

    const seen = (await queueOf(admin, groupId))[0]!;
    expect(seen.acknowledged).toEqual({ by: moderator.pseudonym, at: expect.any(Number) });
    expect((await queueOf(admin, groupId)).filter((i) => i.urgent && !i.acknowledged)).toEqual([]);
    const audit = await admin.transport.request('mod:audit', { groupId, action: 'acknowledge', limit: 10 });
    expect(audit.ok && audit.data.entries).toEqual([
      expect.objectContaining({ actor: moderator.pseudonym, target: expect.stringContaining('2 alerts') }),
    ]);
  });
});

describe('a "how to respond" card for peers', () => {
  it('when a moderator pins the card, then members on the other node see it live and on opening; unpinning takes it away', async () => {
    const groupId = await createGroup('Peers card');
    const peer = await member(0);
    await joinAndOpen(peer, groupId);
    const live: (boolean | undefined)[] = [];
    peer.socket.on('group:moderation', (p) => p.groupId === groupId && live.push(p.careCard));

    const notAllowed = await peer.transport.request('mod:settings', {
      groupId,
      careCard: true,
      reason: 'a card for peers',
    });
    expect(!notAllowed.ok && notAllowed.error.code).toBe('FORBIDDEN');
    const pinned = await moderator.transport.request('mod:settings', {
      groupId,
      careCard: true,
      reason: 'a card for peers',
    });
    expect(pinned.ok && pinned.data.careCard).toBe(true);
    await waitFor(() => live.includes(true), { what: 'the card, live on node A' });
    const opened = await peer.transport.request('group:open', { groupId });
    expect(opened.ok && opened.data.posting.careCard).toBe(true);

    const unpinned = await moderator.transport.request('mod:settings', {
      groupId,
      careCard: false,
      reason: 'things are calmer',
    });
    expect(unpinned.ok && unpinned.data.careCard).toBe(false);
    await waitFor(() => live.at(-1) === false, { what: 'the unpinning, live' });
    const reopened = await peer.transport.request('group:open', { groupId });
    expect(reopened.ok && reopened.data.posting.careCard).toBe(false);
    const audit = await admin.transport.request('mod:audit', { groupId, action: 'care-card', limit: 10 });
    expect(audit.ok && audit.data.entries.map((e) => e.target)).toEqual(['unpinned', 'pinned']);
  });
});

describe('hold for review', () => {
  it('when the group holds flagged messages, then a flagged message reaches only its sender and the moderators until released or kept hidden, and the sender is never sanctioned', async () => {
    const groupId = await createGroup('Held for review');
    const atRisk = await member(0);
    const bystander = await member(1);
    await joinAndOpen(atRisk, groupId);
    await joinAndOpen(bystander, groupId);
    const toldSender: { outcome: string; seq: number | null }[] = [];
    const toldOthers: string[] = [];
    atRisk.socket.on('message:held', (h) => toldSender.push({ outcome: h.outcome, seq: h.seq }));
    bystander.socket.on('message:held', (h) => toldOthers.push(h.outcome));
    const on = await moderator.transport.request('mod:settings', {
      groupId,
      holdFlagged: true,
      reason: 'hold flagged messages for review',
    });
    expect(on.ok && on.data.holdFlagged).toBe(true);
    await settle();

    // An ordinary message is posted as usual.
    await atRisk.send(groupId, 'Marking all weekend again.');
    // A flagged one is held: the sender gets the resources and "held", nobody else gets anything.
    const send = (clientId: string, text: string) =>
      atRisk.transport.request('message:send', { groupId, clientId, text });
    const held = await send('held-message-01', RISKS[0]!);
    expect(held.ok && held.data).toMatchObject({ seq: 0, held: true });
    expect(held.ok && held.data.support?.length).toBeGreaterThan(0);
    // A retry after a lost ack: the same answer, one item.
    const retry = await send('held-message-01', RISKS[0]!);
    expect(retry.ok && retry.data).toMatchObject({ seq: 0, held: true, duplicate: true });
    await send('held-message-02', RISKS[2]!);
    await settle();
    expect(bystander.received.map((m) => m.text)).toEqual(['Marking all weekend again.']);
    const history = await bystander.transport.request('group:history', { groupId, after: 0, limit: 50 });
    expect(history.ok && history.data.messages.map((m) => m.text)).toEqual(['Marking all weekend again.']);

    // The sender sees their own held messages on opening the group; the bystander does not.
    const mine = await atRisk.transport.request('group:open', { groupId });
    expect(mine.ok && mine.data.held?.map((h) => h.clientId)).toEqual(['held-message-01', 'held-message-02']);
    const theirs = await bystander.transport.request('group:open', { groupId });
    expect(theirs.ok && theirs.data.held).toBeUndefined();

    // Moderators see them as one item, with the held texts.
    const [item] = await waitForQueue(moderator, groupId, (q) =>
      q.length === 1 && q[0]!.alerts?.length === 2 ? q : null,
    );
    expect(item!.alerts!.map((a) => a.held)).toEqual(['pending', 'pending']);
    expect(item!.alerts!.map((a) => a.message?.text).sort()).toEqual([RISKS[0], RISKS[2]].sort());
    const first = item!.alerts!.find((a) => a.message?.text === RISKS[0])!;
    const second = item!.alerts!.find((a) => a.message?.text === RISKS[2])!;

    expect(
      (await bystander.transport.request('mod:held', { reportId: first.id, decision: 'release' })).ok,
    ).toBe(false);
    // Released: posted to the group under the sender's name; the sender is told the seq.
    const released = await moderator.transport.request('mod:held', {
      reportId: first.id,
      decision: 'release',
    });
    expect(released.ok && released.data.seq).toBeGreaterThan(0);
    const seq = released.ok ? released.data.seq : -1;
    await waitFor(() => bystander.received.some((m) => m.seq === seq), { what: 'the released message' });
    expect(bystander.received.find((m) => m.seq === seq)).toMatchObject({
      text: expect.stringContaining('ending it'),
      clientId: 'held-message-01',
    });
    await waitFor(() => toldSender.length === 1);
    expect(toldSender[0]).toEqual({ outcome: 'released', seq });
    // A second decision on it is refused; the sender's retry now answers the posted seq.
    const twice = await moderator.transport.request('mod:held', { reportId: first.id, decision: 'keep' });
    expect(!twice.ok && twice.error.code).toBe('CONFLICT');
    const late = await send('held-message-01', RISKS[0]!);
    expect(late.ok && late.data).toMatchObject({ seq, duplicate: true });

    // Kept hidden: never posted, the sender told, and its text erased from Redis.
    const kept = await moderator.transport.request('mod:held', { reportId: second.id, decision: 'keep' });
    expect(kept.ok && kept.data.seq).toBeNull();
    await waitFor(() => toldSender.length === 2);
    expect(toldSender[1]).toEqual({ outcome: 'kept', seq: null });
    expect(toldOthers).toEqual([]);
    const raw = redis.client();
    try {
      let cursor = '0';
      const found: string[] = [];
      do {
        const [next, keys] = await raw.scan(cursor, 'MATCH', `${redis.prefix}report:*`, 'COUNT', 500);
        cursor = next;
        for (const key of keys) if ((await raw.get(key))?.includes('better off without me')) found.push(key);
      } while (cursor !== '0');
      expect(found).toEqual([]);
    } finally {
      raw.disconnect();
    }
    const after = await atRisk.transport.request('group:open', { groupId });
    expect(after.ok && after.data.held).toBeUndefined();

    // Never sanctioned: the sender can still post, and is neither muted nor banned.
    const members = await moderator.transport.request('mod:members', { groupId });
    expect(members.ok && members.data.bans).toEqual([]);
    expect(members.ok && members.data.members.every((m) => m.mutedUntil === null)).toBe(true);
    // The item stays open for support until a moderator marks it reviewed.
    expect(await queueOf(moderator, groupId)).toHaveLength(1);
  });
});

describe('the guards on report notes and meeting titles', () => {
  it('when a report note says someone may be at risk, then the report is urgent and the reporter gets the contacts; identifying details in a note or a meeting title need an explicit "anyway"', async () => {
    const groupId = await createGroup('Other texts');
    const author = await member(0);
    const reporter = await member(1);
    await joinAndOpen(author, groupId);
    await joinAndOpen(reporter, groupId);
    const { seq } = await author.send(groupId, 'Rough day with year 9 again.');

    const identifying = await reporter.transport.request('report:create', {
      groupId,
      seq,
      reason: 'other',
      note: 'You can reach me at sam.okafor@example.org about this.',
    });
    expect(!identifying.ok && identifying.error).toMatchObject({
      code: 'PRIVACY_CONFIRM_REQUIRED',
      field: 'note',
      findings: [expect.objectContaining({ kind: 'email' })],
    });
    const worried = await reporter.transport.request('report:create', {
      groupId,
      seq,
      reason: 'other',
      note: 'They told me last week that they have a plan to kill themselves. I am scared for them.',
    });
    expect(worried.ok && worried.data.support?.length).toBeGreaterThan(0);
    const [item] = await waitForQueue(moderator, groupId, (q) => (q.length > 0 ? q : null));
    expect(item).toMatchObject({ urgent: true, automatic: false, reason: 'other' });

    const meeting = (confirmIdentifying?: boolean) =>
      admin.agent.post(`/api/groups/${groupId}/meetings`, {
        title: 'Coffee at 14 Elm Street, call 07700 900123',
        startsAt: Date.now() + 3_600_000,
        durationMinutes: 30,
        host: 'Calm Heron',
        ...(confirmIdentifying ? { confirmIdentifying } : {}),
      });
    const refused = await meeting();
    expect(refused.status).toBe(428);
    expect(refused.body).toMatchObject({
      error: 'PRIVACY_CONFIRM_REQUIRED',
      field: 'title',
    });
    const scheduled = await meeting(true);
    expect(scheduled.status).toBe(201);
    expect(scheduled.body.meeting).not.toHaveProperty('confirmIdentifying');
  });
});
