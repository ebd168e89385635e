import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '@staffroom/shared/protocol/ack';
import { startCluster, type TestCluster } from '../support/cluster.js';
import { createInvite } from '../support/http.js';
import { signUpFresh } from '../support/cluster.js';
import { TestMember } from '../support/member.js';
import { appointModerator } from '../support/moderators.js';
import { sleep, waitFor } from '../support/ports.js';
import { connect, request, type TestSocket } from '../support/socket.js';

/**
 * Floods and starvation (issue 12), against two nodes on real Redis: one socket or one script must not starve
 * anyone else, grow a node's memory, or bury other groups' reports.
 */

/** Resident memory of a node process, in MB, after a full GC (the nodes run with --expose-gc; SIGUSR2 runs it). */
async function settledRssMb(pid: number): Promise<number> {
  process.kill(pid, 'SIGUSR2');
  await sleep(1_000);
  process.kill(pid, 'SIGUSR2');
  await sleep(500);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** Redis's count of calls to `command` so far (INFO commandstats). */
async function callsOf(redis: Redis, command: string): Promise<number> {
  const info = await redis.info('commandstats');
  return Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info)?.[1] ?? 0);
}

const everyone: TestMember[] = [];
const sockets: TestSocket[] = [];

/** Someone signed up on a fresh connection (as separate people arrive), with a connected socket. */
async function person(url: string, invite: string): Promise<TestSocket> {
  const { agent } = await signUpFresh(url, invite);
  const socket = await connect(url, { cookie: agent.cookie() });
  sockets.push(socket);
  return socket;
}

async function createGroup(admin: TestMember, name: string): Promise<string> {
  const res = await admin.agent.post('/api/groups', {
    name,
    topic: 'challenging-class',
    guidelines: 'Be kind.',
  });
  expect(res.status).toBe(201);
  return res.body.group.id as string;
}

async function joinAndOpen(socket: TestSocket, groupId: string): Promise<void> {
  const joined = await request(socket, 'group:join', { groupId, acceptGuidelines: true });
  if (!joined.ok) throw new Error(`join: ${joined.error.code}`);
  const opened = await request(socket, 'group:open', { groupId });
  if (!opened.ok) throw new Error(`open: ${opened.error.code}`);
}

const closeAll = () => {
  for (const m of everyone.splice(0)) m.close();
  for (const s of sockets.splice(0)) s.close();
};

describe('floods on two nodes with the default admission settings', () => {
  let cluster: TestCluster;
  let admin: TestMember;
  /** Posts, and moderates the groups it is appointed to (coordinators read no group). */
  let moderator: TestMember;
  let invite: string;

  beforeAll(async () => {
    cluster = await startCluster({
      nodes: 2,
      // Joins and sends are limited elsewhere; the setup signs up and posts a lot.
      env: { NODE_OPTIONS: '--expose-gc', JOIN_LIMIT_PER_MINUTE: '10000', SEND_LIMIT_PER_10S: '10000' },
    });
    const [a] = cluster.nodes;
    admin = await TestMember.signUp(a!.url, cluster.bootstrapInvite);
    everyone.push(admin);
    invite = await createInvite(admin.agent, 'member', 500);
    moderator = await TestMember.signUp(a!.url, await createInvite(admin.agent, 'moderator', 1));
    everyone.push(moderator);
  });

  afterAll(async () => {
    closeAll();
    await cluster?.stop();
  });

  it('when one socket sends 10,000 history pages without waiting, then a bystander’s me:get is answered within 2 s and the node’s memory comes back within 50 MB', async () => {
    const node = cluster.nodes[0]!;
    const groupId = await createGroup(admin, 'History flood');
    await appointModerator(admin, moderator, groupId);
    await moderator.open(groupId);
    const line = 'A long note about marking, planning and the week ahead, written out in full. ';
    for (let i = 0; i < 220; i++) await moderator.send(groupId, `${i} ${line.repeat(4)}`);

    const flooder = await person(node.url, invite);
    const bystander = await person(node.url, invite);
    await joinAndOpen(flooder, groupId);
    const before = await settledRssMb(node.pid);

    const codes = new Map<string, number>();
    let answered = 0;
    const total = 10_000;
    for (let i = 0; i < total; i++) {
      flooder.emit('group:history', { groupId, limit: 200 }, (ack: Ack<unknown>) => {
        answered += 1;
        const code = ack.ok ? 'ok' : ack.error.code;
        codes.set(code, (codes.get(code) ?? 0) + 1);
      });
    }

    const waits: number[] = [];
    for (let i = 0; i < 10; i++) {
      const started = Date.now();
      const ack = await request(bystander, 'me:get', {}, 10_000);
      waits.push(Date.now() - started);
      expect(ack.ok).toBe(true);
      await sleep(100);
    }
    // The flood ends: every event answered, or the flooding socket cut off as a flood.
    await waitFor(() => answered === total || !flooder.connected || null, { timeoutMs: 60_000 });
    const after = await settledRssMb(node.pid);

    console.info('history flood', { waits, codes: Object.fromEntries(codes), before, after });
    expect(Math.max(...waits)).toBeLessThan(2_000);
    // Admitted pages are what the budget allows (a few dozen), never thousands; the rest were refused at once.
    expect(codes.get('ok') ?? 0).toBeLessThan(200);
    expect(codes.get('RATE_LIMITED') ?? 0).toBeGreaterThan(0);
    expect(after - before).toBeLessThan(50);
  });

  it('when reports flood one group, then they are limited and deduplicated, moderators get a few notices, and another group’s urgent and ordinary reports stay in the queue', async () => {
    const [a, b] = cluster.nodes;
    const flooded = await createGroup(admin, 'Flooded');
    const quiet = await createGroup(admin, 'Quiet');
    for (const g of [flooded, quiet]) {
      await appointModerator(admin, moderator, g);
      await moderator.open(g);
    }
    const seqs: number[] = [];
    for (let i = 0; i < 9; i++) seqs.push((await moderator.send(flooded, `message number ${i}`)).seq);
    const quietSeq = (await moderator.send(quiet, 'a quiet message')).seq;
    let notices = 0;
    moderator.socket.on('mod:queue-changed', () => (notices += 1));

    // One script, one account: 10,000 reports without waiting.
    const script = await person(b!.url, invite);
    await joinAndOpen(script, flooded);
    const ids = new Set<string>();
    let answered = 0;
    for (let i = 0; i < 10_000; i++) {
      script.emit(
        'report:create',
        { groupId: flooded, seq: seqs[i % seqs.length]!, reason: 'crisis', note: '' },
        (ack: Ack<{ id: string }>) => {
          answered += 1;
          if (ack.ok) ids.add(ack.data.id);
        },
      );
    }
    await waitFor(() => answered === 10_000 || !script.connected || null, { timeoutMs: 60_000 });
    expect(ids.size).toBeGreaterThan(0);
    expect(ids.size).toBeLessThanOrEqual(10);

    // Many accounts, each within its budget: 576 urgent reports on the flooded group, all older than the quiet
    // group's. Reporting the same message twice answers the first report's id.
    const reporters = await Promise.all(
      Array.from({ length: 64 }, (_, i) => person((i % 2 ? a : b)!.url, invite)),
    );
    for (const r of reporters) await joinAndOpen(r, flooded);
    await Promise.all(
      reporters.map(async (r) => {
        const first: string[] = [];
        for (const seq of seqs) {
          const ack = await request(r, 'report:create', {
            groupId: flooded,
            seq,
            reason: 'crisis',
            note: '',
          });
          if (!ack.ok) throw new Error(ack.error.code);
          first.push(ack.data.id);
        }
        const dup = await request(r, 'report:create', {
          groupId: flooded,
          seq: seqs[0]!,
          reason: 'spam',
          note: '',
        });
        expect(dup.ok ? dup.data.id : dup.error.code).toBe(first[0]);
      }),
    );

    const witness = await person(a!.url, invite);
    const other = await person(b!.url, invite);
    await joinAndOpen(witness, quiet);
    await joinAndOpen(other, quiet);
    const urgent = await request(witness, 'report:create', {
      groupId: quiet,
      seq: quietSeq,
      reason: 'crisis',
      note: 'please look',
    });
    const ordinary = await request(other, 'report:create', {
      groupId: quiet,
      seq: quietSeq,
      reason: 'spam',
      note: '',
    });
    expect(urgent.ok && ordinary.ok).toBe(true);

    await sleep(1_500); // the last coalesced notice
    const queue = await request(moderator.socket, 'mod:queue', {});
    if (!queue.ok) throw new Error(queue.error.code);
    const items = queue.data.items;
    console.info('report flood', { accepted: ids.size, notices, items: items.length });
    expect(items.filter((i) => i.groupId === quiet).map((i) => i.urgent)).toEqual([true, false]);
    // Urgent items come first, whichever group they are in.
    const firstOrdinary = items.findIndex((i) => !i.urgent);
    const quietUrgent = items.findIndex((i) => i.groupId === quiet && i.urgent);
    expect(quietUrgent).toBeLessThan(firstOrdinary === -1 ? Infinity : firstOrdinary);
    // Nearly 600 reports reached moderators as a handful of notices, not one each.
    expect(notices).toBeGreaterThan(0);
    expect(notices).toBeLessThan(120);
    // 66 sign-ups (an Argon2id derivation each, in this process) dominate the time on a busy machine.
  }, 180_000);
});

describe('one-to-one and group fan-out', () => {
  let cluster: TestCluster;
  let admin: TestMember;
  /** Posts and moderates in the groups (coordinators read no group). */
  let moderator: TestMember;

  beforeAll(async () => {
    cluster = await startCluster({ nodes: 2 });
    admin = await TestMember.signUp(cluster.nodes[0]!.url, cluster.bootstrapInvite);
    moderator = await TestMember.signUp(
      cluster.nodes[0]!.url,
      await createInvite(admin.agent, 'moderator', 1),
    );
    everyone.push(admin, moderator);
  });

  afterAll(async () => {
    closeAll();
    await cluster?.stop();
  });

  /** A new teacher's request, accepted by this describe's one consultant: the conversation id and both. */
  let consultant: TestMember | null = null;
  async function openConversation(): Promise<{
    conversationId: string;
    teacher: TestMember;
    consultant: TestMember;
  }> {
    const [a, b] = cluster.nodes;
    if (!consultant) {
      consultant = await TestMember.signUp(b!.url, await createInvite(admin.agent, 'consultant', 1));
      everyone.push(consultant);
      const profile = await consultant.agent.request('PUT', '/api/consultant/profile', {
        displayName: 'Flood Mentor',
        grades: ['2'],
        subjects: ['mathematics'],
        areas: ['classroom-management'],
        capacity: 3,
        availability: ['mon-pm'],
        paused: false,
      });
      expect(profile.status).toBe(200);
    }
    const teacher = await TestMember.signUp(a!.url, await createInvite(admin.agent, 'member', 1));
    everyone.push(teacher);
    const asked = await teacher.agent.post('/api/support-request', {
      grades: ['2'],
      subjects: ['mathematics'],
      reasons: ['challenging-class'],
      focus: 'classroom-management',
      workStyles: ['messages'],
      preferredTimes: ['mon-pm'],
    });
    expect(asked.status).toBe(201);
    const offers = (await consultant.agent.get('/api/consultant/offers')).body.offers as {
      requestId: string;
    }[];
    const offer = offers.at(-1)!;
    const { conversationId } = (
      await consultant.agent.post(`/api/consultant/offers/${offer.requestId}/accept`)
    ).body as { conversationId: string };
    expect(conversationId).toBeTruthy();
    return { conversationId, teacher, consultant };
  }

  /** A group with the moderator appointed, and a new member (on the second node) joined: both have it open. */
  async function groupWithMember(name: string): Promise<{ groupId: string; member: TestMember }> {
    const member = await TestMember.signUp(
      cluster.nodes[1]!.url,
      await createInvite(admin.agent, 'member', 1),
    );
    everyone.push(member);
    const groupId = await createGroup(admin, name);
    await appointModerator(admin, moderator, groupId);
    await moderator.open(groupId);
    await member.join(groupId);
    await member.open(groupId);
    return { groupId, member };
  }

  it('when a participant floods a conversation, then sends are limited and one convo:open stays within the page budget', async () => {
    const { conversationId, teacher, consultant } = await openConversation();

    // Sealed messages of the largest size the schema allows, sent one after another (never more than in flight).
    const ciphertext = 'A'.repeat(24_000);
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) {
      const ack = await request(teacher.socket, 'convo:send', {
        conversationId,
        clientId: `flood-${i}-abcdef`,
        ciphertext,
        iv: 'AAAAAAAAAAAAAAAA',
        // The server relays the authenticated context without reading it: a growing counter is all it checks.
        meta: {
          v: 2,
          kind: 'message',
          sender: 'A'.repeat(43),
          recipient: 'B'.repeat(43),
          counter: i + 1,
          commitment: 'C'.repeat(43),
        },
      });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    const sent = codes.filter((c) => c === 'ok').length;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThanOrEqual(20);
    expect(codes).toContain('RATE_LIMITED');

    const opened = await request(consultant.socket, 'convo:open', { conversationId });
    if (!opened.ok) throw new Error(opened.error.code);
    const bytes = Buffer.byteLength(JSON.stringify(opened.data.messages));
    expect(bytes).toBeLessThan(400 * 1024);
    expect(opened.data.messages.length).toBeLessThan(sent);
    expect(opened.data.more).toBe(true);
  });

  it('when a member is muted or the group locked, then their typing notices and reactions are refused, not fanned out', async () => {
    const { groupId, member } = await groupWithMember('Quiet room');
    const { seq } = await moderator.send(groupId, 'hello');
    let typingSeen = 0;
    moderator.socket.on('typing', () => (typingSeen += 1));

    const locked = await request(moderator.socket, 'mod:settings', {
      groupId,
      locked: true,
      reason: 'a pause',
    });
    expect(locked.ok).toBe(true);
    const typing = await request(member.socket, 'typing:start', { groupId });
    expect(typing.ok ? 'relayed' : typing.error.code).toBe('GROUP_LOCKED');
    const reaction = await request(member.socket, 'reaction:set', { groupId, seq, kind: 'heart', on: true });
    expect(reaction.ok ? 'counted' : reaction.error.code).toBe('GROUP_LOCKED');
    expect(
      (await request(moderator.socket, 'mod:settings', { groupId, locked: false, reason: 'open again' })).ok,
    ).toBe(true);

    const joined = await request(member.socket, 'group:open', { groupId });
    if (!joined.ok) throw new Error(joined.error.code);
    const muted = await request(moderator.socket, 'mod:mute', {
      groupId,
      tag: joined.data.me.tag,
      minutes: 10,
      reason: 'cool down',
    });
    expect(muted.ok).toBe(true);
    const typingMuted = await request(member.socket, 'typing:start', { groupId });
    expect(typingMuted.ok ? 'relayed' : typingMuted.error.code).toBe('MUTED');
    const reactionMuted = await request(member.socket, 'reaction:set', {
      groupId,
      seq,
      kind: 'heart',
      on: true,
    });
    expect(reactionMuted.ok ? 'counted' : reactionMuted.error.code).toBe('MUTED');
    await sleep(300);
    expect(typingSeen).toBe(0);
  });

  it('when a participant floods goals, check-ins and reports, then each kind is limited and refused at once past its budget', async () => {
    const { conversationId, teacher, consultant: mentor } = await openConversation();
    const sealed = (kind: 'goal' | 'checkin', counter: number) => ({
      ciphertext: 'c2VhbGVkIGdvYWw=',
      iv: 'AAAAAAAAAAAAAAAA',
      meta: { v: 2 as const, kind, sender: 'A'.repeat(43), recipient: 'B'.repeat(43), counter },
    });
    const goals: string[] = [];
    for (let i = 0; i < 30; i++) {
      const ack = await request(teacher.socket, 'convo:goal', { conversationId, ...sealed('goal', 100 + i) });
      goals.push(ack.ok ? 'ok' : ack.error.code);
    }
    const checkIns: string[] = [];
    for (let i = 0; i < 16; i++) {
      const ack = await request(teacher.socket, 'convo:checkin', {
        conversationId,
        startsAt: Date.now() + (i + 1) * 3_600_000,
        durationMinutes: 30,
        note: sealed('checkin', 200 + i),
      });
      checkIns.push(ack.ok ? 'ok' : ack.error.code);
    }
    // Twelve messages from the consultant, each reported once by the teacher (a report per message is deduplicated).
    const seqs: number[] = [];
    for (let i = 0; i < 12; i++) {
      const sent = await request(mentor.socket, 'convo:send', {
        conversationId,
        clientId: `to-report-${i}-abcdef`,
        ciphertext: 'c2VhbGVkIHRleHQ=',
        iv: 'AAAAAAAAAAAAAAAA',
        meta: {
          v: 2,
          kind: 'message',
          sender: 'B'.repeat(43),
          recipient: 'A'.repeat(43),
          counter: 300 + i,
          commitment: 'C'.repeat(43),
        },
      });
      if (!sent.ok) throw new Error(sent.error.code);
      seqs.push(sent.data.seq);
    }
    const reports: string[] = [];
    for (const seq of seqs) {
      const ack = await request(teacher.socket, 'convo:report', {
        conversationId,
        seq,
        reason: 'harassment',
        note: 'They were rude to me.',
      });
      reports.push(ack.ok ? 'ok' : ack.error.code);
    }
    console.info('goal, check-in and report flood', { goals, checkIns, reports });
    // `convo:report` 10 per 10 minutes.
    expect(reports.slice(0, 10)).toEqual(Array(10).fill('ok'));
    expect(reports.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    // `convo:goal` 20 a minute, `convo:checkin` 10 a minute (shared/src/protocol/event-costs.ts), then RATE_LIMITED.
    expect(goals.filter((c) => c === 'ok').length).toBeGreaterThan(0);
    expect(goals.filter((c) => c === 'ok').length).toBeLessThanOrEqual(20);
    expect(goals.slice(20)).toEqual(Array(10).fill('RATE_LIMITED'));
    expect(checkIns.filter((c) => c === 'ok').length).toBeGreaterThan(0);
    expect(checkIns.filter((c) => c === 'ok').length).toBeLessThanOrEqual(10);
    expect(checkIns.slice(10)).toEqual(Array(6).fill('RATE_LIMITED'));
  });

  it('when a member floods reactions and typing notices, then each is limited and the group sees a bounded fan-out', async () => {
    const { groupId, member } = await groupWithMember('Busy room');
    const { seq } = await moderator.send(groupId, 'react to me');
    let updates = 0;
    let typing = 0;
    moderator.socket.on('reaction:update', () => (updates += 1));
    moderator.socket.on('typing', () => (typing += 1));

    const reactions: string[] = [];
    for (let i = 0; i < 45; i++) {
      const ack = await request(member.socket, 'reaction:set', {
        groupId,
        seq,
        kind: 'heart',
        on: i % 2 === 0,
      });
      reactions.push(ack.ok ? 'ok' : ack.error.code);
    }
    const notices: string[] = [];
    for (let i = 0; i < 20; i++) {
      const ack = await request(member.socket, 'typing:start', { groupId });
      notices.push(ack.ok ? 'ok' : ack.error.code);
    }
    await sleep(500);
    console.info('reaction and typing flood', { reactions, notices, updates, typing });
    // `reaction:set` 30 per 10 s, `typing:start` 10 per 10 s; typing is relayed at most every 2 s.
    const reacted = reactions.filter((c) => c === 'ok').length;
    expect(reacted).toBeGreaterThan(0);
    expect(reacted).toBeLessThanOrEqual(30);
    expect(reactions.slice(30)).toEqual(Array(15).fill('RATE_LIMITED'));
    expect(updates).toBeLessThanOrEqual(reacted);
    expect(notices.filter((c) => c === 'ok').length).toBeLessThanOrEqual(10);
    expect(notices.slice(10)).toEqual(Array(10).fill('RATE_LIMITED'));
    expect(typing).toBeGreaterThan(0);
    expect(typing).toBeLessThanOrEqual(3);
  });
});

describe('authorization before per-group work', () => {
  let cluster: TestCluster;
  let redis: Redis;
  let coordinator: TestMember | null = null;
  /** The bootstrap invite works once: the first test signs the coordinator up, the next reuse it. */
  const adminOf = async (url: string) => {
    if (!coordinator) {
      coordinator = await TestMember.signUp(url, cluster.bootstrapInvite);
      everyone.push(coordinator);
    }
    return coordinator;
  };

  beforeAll(async () => {
    // A budget high enough that only the authorization order is under test, not the admission layer.
    cluster = await startCluster({
      nodes: 1,
      env: { NODE_OPTIONS: '--expose-gc', EVENT_BUDGET_PER_10S: '1000000' },
    });
    redis = cluster.redis.client();
  });

  afterAll(async () => {
    closeAll();
    await redis?.quit();
    await cluster?.stop();
  });

  it('when a plain member sends moderator events for 10,000 random group ids, then no group state is read and the node’s memory does not grow', async () => {
    const node = cluster.nodes[0]!;
    const admin = await adminOf(node.url);
    const plain = await person(node.url, await createInvite(admin.agent, 'member', 5));
    const before = await settledRssMb(node.pid);
    const hgetallBefore = await callsOf(redis, 'hgetall');
    for (let batch = 0; batch < 1_250; batch++) {
      const acks = await Promise.all(
        Array.from({ length: 8 }, () =>
          request(plain, 'mod:members', { groupId: randomBytes(12).toString('base64url') }),
        ),
      );
      for (const ack of acks) expect(ack.ok ? 'ok' : ack.error.code).toBe('FORBIDDEN');
    }
    const hgetallAfter = await callsOf(redis, 'hgetall');
    const after = await settledRssMb(node.pid);
    console.info('random ids', { hgetall: hgetallAfter - hgetallBefore, before, after });
    expect(hgetallAfter - hgetallBefore).toBeLessThan(100);
    expect(after - before).toBeLessThan(50);
  });

  it('when a plain member removes messages in 5,000 random group ids, then each is NOT_FOUND and no group state is read (after the review, 2026-12-06)', async () => {
    const node = cluster.nodes[0]!;
    const admin = await adminOf(node.url);
    const plain = await person(node.url, await createInvite(admin.agent, 'member', 5));
    const hgetallBefore = await callsOf(redis, 'hgetall');
    for (let batch = 0; batch < 625; batch++) {
      const acks = await Promise.all(
        Array.from({ length: 8 }, () =>
          request(plain, 'message:remove', { groupId: randomBytes(12).toString('base64url'), seq: 1 }),
        ),
      );
      for (const ack of acks) expect(ack.ok ? 'ok' : ack.error.code).toBe('NOT_FOUND');
    }
    const hgetallAfter = await callsOf(redis, 'hgetall');
    console.info('random ids, message:remove', { hgetall: hgetallAfter - hgetallBefore });
    expect(hgetallAfter - hgetallBefore).toBeLessThan(100);
  });
});
