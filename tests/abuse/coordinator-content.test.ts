import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientEventName, ClientPayload } from '@staffroom/shared/protocol/client-events';
import { httpRoutes } from '@staffroom/shared/protocol/http-routes';
import { conversationKey, createIdentity } from '../../client/src/lib/e2e-crypto.js';
import { browserWrappingKey, createInvite, GOOD_PASSPHRASE, uniquePseudonym } from '../support/http.js';
import { TestMember } from '../support/member.js';
import { appointModerator } from '../support/moderators.js';
import { startNode, type TestNode } from '../support/node.js';
import { sleep, waitFor } from '../support/ports.js';
import { requestPaced } from '../support/paced.js';
import { waitForQueue } from '../support/queue.js';
import { everythingStored, startRedis, type TestRedis } from '../support/redis.js';
import { sealAs } from '../support/sealing.js';

/*
 * PRODUCT.md, "Users": a coordinator (admin) never sees message content. Members write a canary into everything a
 * member can write that staff might read (an ordinary message, a reported one and the report's note, crisis alerts
 * posted and held for review, a removed message); then a coordinator calls every socket event and every HTTP route
 * with payloads naming those groups, reports and conversations, and listens to every event it receives. The canary
 * appears in none of it. The moderators, who must read it, do see it.
 *
 * RELIABILITY.md P4: one-to-one content reaches nobody but its two participants. A consultant's canary, sealed as
 * the browser seals it and reported by the teacher (also by a hostile client sending its text in the report), is
 * given to no program moderator, coordinator or other account, and is never stored in the clear.
 */
const CANARY = `Quokkamarmalade${randomBytes(4).toString('hex')}`;
const RISK = "I've been thinking about ending it. I don't want to be here anymore.";
const env = {
  SEND_LIMIT_PER_10S: '10000',
  JOIN_LIMIT_PER_MINUTE: '10000',
  EVENT_BUDGET_PER_10S: '100000',
  CRISIS_ESCALATE_MINUTES: '0.02',
};

let redis: TestRedis;
let node: TestNode;
let admin: TestMember;
const everyone: TestMember[] = [];
const heard: { event: string; payload: string }[] = [];

const has = (x: unknown) =>
  JSON.stringify(x ?? null)
    .toLowerCase()
    .includes(CANARY.toLowerCase());

async function person(invite: string): Promise<TestMember> {
  const m = await TestMember.signUp(node.url, invite);
  everyone.push(m);
  return m;
}

beforeAll(async () => {
  redis = await startRedis();
  node = await startNode({ redisUrl: redis.url, prefix: redis.prefix, env });
  admin = await TestMember.signUp(node.url, node.bootstrapInvite as string);
  everyone.push(admin);
  admin.socket.onAny((event: string, ...args: unknown[]) =>
    heard.push({ event, payload: JSON.stringify(args) }),
  );
});

afterAll(async () => {
  for (const m of everyone) m.close();
  await node.stop();
  await redis.stop();
});

describe('a coordinator never sees what members wrote', () => {
  it('when members write a canary everywhere staff could read, then no socket event, route or pushed event gives it to a coordinator; moderators see it', async () => {
    const invite = (role: 'member' | 'consultant' | 'moderator') => createInvite(admin.agent, role, 20);
    const [memberInvite, consultantInvite, moderatorInvite] = await Promise.all([
      invite('member'),
      invite('consultant'),
      invite('moderator'),
    ]);
    const group = async (visibility: 'listed' | 'invite-only') => {
      const res = await admin.agent.post('/api/groups', {
        name: `Canary ${uniquePseudonym('G')}`,
        topic: 'challenging-class',
        guidelines: 'Be kind.',
        visibility,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { id: res.body.group.id as string, joinCode: res.body.group.joinCode as string };
    };
    const listed = await group('listed');
    const closed = await group('invite-only');
    const moderator = await person(moderatorInvite);
    await appointModerator(admin, moderator, listed.id);
    await appointModerator(admin, moderator, closed.id, closed.joinCode);
    const held = await moderator.transport.request('mod:settings', {
      groupId: closed.id,
      holdFlagged: true,
      reason: 'hold flagged messages for review',
    });
    expect(held.ok).toBe(true);

    const [alice, bob, carol] = [
      await person(memberInvite),
      await person(memberInvite),
      await person(memberInvite),
    ];
    for (const m of [alice, bob, carol]) {
      await m.join(listed.id);
      const ack = await m.transport.request('group:join', { code: closed.joinCode, acceptGuidelines: true });
      expect(ack.ok).toBe(true);
      await m.open(listed.id);
      await m.open(closed.id);
    }
    // An ordinary message, one reported with a note, a removed one, and crisis alerts posted and held.
    const ordinary = await alice.send(listed.id, `An ordinary day ${CANARY} in class.`);
    const reported = await alice.send(closed.id, `A reported remark ${CANARY} about the staff room.`);
    const removed = await alice.send(listed.id, `Something I regret ${CANARY}.`);
    expect(
      (await alice.transport.request('message:remove', { groupId: listed.id, seq: removed.seq })).ok,
    ).toBe(true);
    const report = await bob.transport.request('report:create', {
      groupId: closed.id,
      seq: reported.seq,
      reason: 'harassment',
      note: `The note says ${CANARY} twice`,
    });
    expect(report.ok).toBe(true);
    await bob.send(listed.id, `${RISK} ${CANARY}`);
    const heldSend = await bob.transport.request('message:send', {
      groupId: closed.id,
      clientId: 'canary-held-0001',
      text: `${RISK} ${CANARY} held`,
    });
    expect(heldSend.ok && heldSend.data.held).toBe(true);

    // One-to-one: a teacher reports a conversation (a reason and their own note, never its text).
    const consultant = await person(consultantInvite);
    const profile = await consultant.agent.request('PUT', '/api/consultant/profile', {
      displayName: 'Canary Mentor',
      grades: ['2'],
      subjects: ['mathematics'],
      areas: ['classroom-management'],
      capacity: 3,
      availability: ['mon-pm'],
      paused: false,
    });
    expect(profile.status).toBe(200);
    const teacher = await person(memberInvite);
    const asked = await teacher.agent.post('/api/support-request', {
      grades: ['2'],
      subjects: ['mathematics'],
      reasons: ['challenging-class'],
      focus: 'classroom-management',
      workStyles: ['messages'],
      preferredTimes: ['mon-pm'],
    });
    expect(asked.status).toBe(201);
    const offer = (await consultant.agent.get('/api/consultant/offers')).body.offers[0];
    const accepted = await consultant.agent.post(`/api/consultant/offers/${offer.requestId}/accept`);
    const conversationId = accepted.body.conversationId as string;
    const sent = await consultant.transport.request('convo:send', {
      conversationId,
      clientId: 'canary-convo-0001',
      ciphertext: 'c2VhbGVkIHRleHQ=',
      iv: 'AAAAAAAAAAAAAAAA',
      meta: {
        v: 2,
        kind: 'message',
        sender: 'A'.repeat(43),
        recipient: 'B'.repeat(43),
        counter: 1,
        commitment: 'C'.repeat(43),
      },
    });
    expect(sent.ok).toBe(true);
    const convoReported = await teacher.transport.request('convo:report', {
      conversationId,
      seq: sent.ok ? sent.data.seq : 0,
      reason: 'harassment',
      note: `In my words: ${CANARY}, and I want to die`,
    });
    expect(convoReported.ok).toBe(true);
    // An urgent intake nobody could be offered (no consultant covers the grade): coordinators see that it waits.
    const urgentTeacher = await person(memberInvite);
    const intake = await urgentTeacher.agent.post('/api/support-request', {
      grades: ['12'],
      subjects: ['music'],
      reasons: ['challenging-class'],
      focus: 'classroom-management',
      workStyles: ['messages'],
      preferredTimes: ['mon-pm'],
      hasNote: true,
      urgent: true,
    });
    expect(intake.status, JSON.stringify(intake.body)).toBe(201);

    // The moderators do read it (the canary is really there), in both groups.
    const items = await waitForQueue(moderator, closed.id, (q) => (q.length >= 2 ? q : null));
    expect(has(items)).toBe(true);
    const listedItems = await waitForQueue(moderator, listed.id, (q) => (q.length >= 1 ? q : null));
    expect(has(listedItems)).toBe(true);
    // One-to-one reports' notes go to program moderators (accounts invited as moderators), not coordinators.
    const convoItems = await waitForQueue(moderator, '', (q) => (q.length >= 1 ? q : null));
    expect(has(convoItems)).toBe(true);
    const reportIds = [...items, ...listedItems].map((i) => i.id);
    const members = await moderator.transport.request('mod:members', { groupId: listed.id });
    const carolTag = members.ok
      ? (members.data.members.find((m) => m.name === carol.pseudonym)?.tag ?? '')
      : '';
    expect(carolTag).not.toBe('');
    const convoReport = convoReported.ok ? convoReported.data.id : '';

    // The coordinator is alerted to the overdue alerts (what, where and since when, never the text).
    await waitFor(() => heard.some((h) => h.event === 'mod:escalated') || null, {
      timeoutMs: 20_000,
      what: 'an escalation to coordinators',
    });

    // Everything a coordinator can call, with payloads naming the groups, reports and conversation above.
    const g = (groupId: string) => ({ groupId });
    const calls: { [E in ClientEventName]: ClientPayload<E>[] } = {
      'me:get': [{}],
      'group:preview': [{ code: closed.joinCode }],
      'group:join': [
        { groupId: listed.id, acceptGuidelines: true },
        { groupId: closed.id, acceptGuidelines: true },
        { code: closed.joinCode, acceptGuidelines: true },
      ],
      'group:open': [g(listed.id), g(closed.id), { groupId: listed.id, since: 0, from: 1 }],
      'group:history': [
        { groupId: listed.id, after: 0 },
        { groupId: closed.id, after: 0 },
        { groupId: listed.id, before: 100 },
      ],
      'group:read': [{ groupId: listed.id, seq: ordinary.seq }],
      'typing:start': [g(listed.id)],
      'reaction:set': [{ groupId: listed.id, seq: ordinary.seq, kind: 'heart', on: true }],
      'message:send': [{ groupId: listed.id, clientId: 'admin-canary-01', text: 'Hello everyone' }],
      'group:retention': [g(listed.id), g(closed.id)],
      'report:create': [{ groupId: listed.id, seq: ordinary.seq, reason: 'other', note: 'checking' }],
      'report:mine': [{}],
      'mod:groups': [{}],
      'mod:members': [g(listed.id), g(closed.id)],
      'mod:candidates': [g(listed.id), g(closed.id)],
      'mod:queue': [{}],
      'mod:urgent': [{}],
      'mod:audit': [{}, { groupId: listed.id }, { groupId: closed.id }],
      'care:inbox': [{}],
      'convo:open': [{ conversationId }],
      'convo:history': [{ conversationId, after: 0 }],
      'mod:acknowledge': reportIds.map((reportId) => ({ reportId })),
      'mod:reach-out': reportIds.map((reportId) => ({ reportId, text: 'Thinking of you; we are here.' })),
      'mod:held': reportIds.map((reportId) => ({ reportId, decision: 'release' as const })),
      'mod:resolve': [...reportIds, convoReport].map((reportId) => ({
        reportId,
        action: 'dismiss' as const,
        reason: 'checked',
      })),
      'mod:settings': [{ groupId: listed.id, slowSeconds: 5, reason: 'calm' }],
      'mod:retention': [{ groupId: listed.id, days: 30, reason: 'shorter' }],
      'mod:join-code': [{ groupId: closed.id, reason: 'leaked' }],
      'mod:mute': [{ groupId: listed.id, tag: carolTag, minutes: 5, reason: 'calm' }],
      'mod:unmute': [{ groupId: listed.id, tag: carolTag }],
      'mod:kick': [{ groupId: listed.id, tag: carolTag, reason: 'off topic' }],
      'mod:ban': [{ groupId: closed.id, tag: carolTag, minutes: 5, reason: 'spam' }],
      'mod:unban': [{ banId: 'no-such-ban', reason: 'lifted' }],
      'mod:ban-account': [{ pseudonym: 'nobody-here', minutes: 5, reason: 'spam' }],
      'mod:moderator': [{ groupId: listed.id, tag: carolTag, on: false }],
      'mod:appoint': [{ groupId: listed.id, pseudonym: moderator.pseudonym, on: true }],
      'message:remove': [{ groupId: listed.id, seq: ordinary.seq, reason: 'checked' }],
      'care:read': [{ id: 'no-such-message' }],
      'group:close': [g(listed.id), g(closed.id)],
      'group:leave': [g(listed.id), g(closed.id)],
      'convo:send': [],
      'convo:goal': [],
      'convo:checkin': [],
      'convo:checkin-answer': [],
      'convo:checkin-note': [],
      'convo:resource-remove': [{ conversationId, resourceId: 'nothing-here' }],
      'convo:close': [{ conversationId }],
      'convo:close-confirm': [{ conversationId }],
      'convo:block': [],
      'convo:report': [],
      'convo:pin': [],
      'convo:intake-note': [],
    };
    const leaks: string[] = [];
    const ask = async <E extends ClientEventName>(event: E, payload: ClientPayload<E>) => {
      const ack = await requestPaced(admin, event, payload);
      if (has(ack)) leaks.push(`${event} ${JSON.stringify(payload)}`);
    };
    for (const event of Object.keys(calls) as ClientEventName[]) {
      for (const payload of calls[event]) await ask(event, payload as never);
    }
    // Members keep writing while the coordinator has had every chance to join and open their groups.
    await alice.send(listed.id, `Later on ${CANARY} again.`);
    await alice.send(closed.id, `Later on ${CANARY} in the closed group.`);
    for (const event of ['mod:queue', 'mod:audit', 'group:history'] as const) {
      await ask(event, event === 'group:history' ? { groupId: listed.id, after: 0 } : {});
    }

    // Every HTTP route (those that end the session or the account last, not at all: nothing to read there).
    const ends = new Set(['/auth/logout', '/auth/logout-all', '/account/erase', '/auth/passphrase']);
    const idFor = (path: string) =>
      path.startsWith('/groups/')
        ? [listed.id, closed.id]
        : path.startsWith('/conversations/')
          ? [conversationId]
          : path.startsWith('/programme/unmatched/')
            ? [offer.requestId as string]
            : ['no-such-id'];
    for (const route of httpRoutes) {
      if (ends.has(route.path)) continue;
      for (const id of idFor(route.path)) {
        const path = `/api${route.path.replace(':id', id).replace(/:[a-zA-Z]+/g, 'no-such-id')}`;
        const res = await admin.agent.request(route.method, path, route.method === 'GET' ? undefined : {});
        if (has(res.body)) leaks.push(`${route.method} ${route.path}`);
      }
    }
    await sleep(1_500);
    for (const h of heard) if (has(h.payload)) leaks.push(`pushed ${h.event}`);
    expect([...new Set(leaks)]).toEqual([]);

    // What coordinators keep: escalation as metadata, and the urgent intake that waits without its text.
    expect(heard.some((h) => h.event === 'mod:escalated')).toBe(true);
    const metadata = await requestPaced(admin, 'mod:queue', {});
    const urgent = metadata.ok ? metadata.data.items : [];
    expect(urgent.length).toBeGreaterThanOrEqual(2);
    for (const item of urgent) {
      expect(item).toMatchObject({
        urgent: true,
        note: '',
        message: null,
        reporter: null,
        before: [],
        after: [],
      });
      expect(item.subject).toBeUndefined();
    }
    // The coordinator acknowledged them above ("I am on it" needs no content); moderators see who did.
    expect(urgent.some((i) => i.acknowledged?.by === admin.pseudonym)).toBe(true);
    const unmatched = await admin.agent.get('/api/programme/unmatched');
    expect(unmatched.status).toBe(200);
    expect(unmatched.body.requests.some((r: { urgent: boolean }) => r.urgent)).toBe(true);
  });
});

describe('one-to-one content reaches nobody but its two participants (P4)', () => {
  it('when a consultant’s sealed canary is reported, also as text by a hostile client, then no moderator, coordinator or other account gets it and it is never stored', async () => {
    const secret = `Wombatchutney${randomBytes(4).toString('hex')}`;
    const mine = (x: unknown) => JSON.stringify(x ?? null).includes(secret);
    const invite = (role: 'member' | 'consultant' | 'moderator') => createInvite(admin.agent, role, 5);
    const reviewer = await person(await invite('moderator'));
    const outsider = await person(await invite('member'));
    const consultant = await person(await invite('consultant'));
    const teacher = await person(await invite('member'));
    const keys = async (m: TestMember) => {
      const made = await createIdentity(await browserWrappingKey(m.agent, m.pseudonym, GOOD_PASSPHRASE));
      expect((await m.agent.request('PUT', '/api/keys', made.bundle)).status).toBe(200);
      return made.identity;
    };
    const [cIdentity] = [await keys(consultant), await keys(teacher)];
    const profile = await consultant.agent.request('PUT', '/api/consultant/profile', {
      displayName: 'Private Mentor',
      grades: ['7'],
      subjects: ['science'],
      areas: ['classroom-management'],
      capacity: 3,
      availability: ['mon-pm'],
      paused: false,
    });
    expect(profile.status).toBe(200);
    const asked = await teacher.agent.post('/api/support-request', {
      grades: ['7'],
      subjects: ['science'],
      reasons: ['challenging-class'],
      focus: 'classroom-management',
      workStyles: ['messages'],
      preferredTimes: ['mon-pm'],
    });
    expect(asked.status).toBe(201);
    const offer = (await consultant.agent.get('/api/consultant/offers')).body.offers[0];
    const accepted = await consultant.agent.post(`/api/consultant/offers/${offer.requestId}/accept`);
    const conversationId = accepted.body.conversationId as string;
    const opened = await consultant.transport.request('convo:open', { conversationId });
    const peerKey = opened.ok ? (opened.data.view.peer.publicKey ?? '') : '';
    const key = await conversationKey(cIdentity, peerKey, conversationId);
    // Sealed as the browser seals it: the server relays ciphertext it cannot open.
    const sealed = await sealAs(
      cIdentity,
      peerKey,
      key,
      conversationId,
      'message',
      1,
      `Between us: ${secret}`,
    );
    const sent = await consultant.transport.request('convo:send', {
      conversationId,
      clientId: 'p4-canary-0001',
      ...sealed,
    });
    expect(sent.ok).toBe(true);
    const seq = sent.ok ? sent.data.seq : 0;

    // A hostile client puts the decrypted text in the report, as the removed "reveal" did: refused, never stored.
    const hostile = [
      {
        conversationId,
        seq,
        reason: 'harassment',
        text: `They wrote: ${secret}`,
        frankingKey: 'K'.repeat(43),
      },
      { conversationId, seq, reason: 'harassment', note: 'rude', revealedText: secret },
    ];
    for (const payload of hostile) {
      const ack = await teacher.transport.request('convo:report', payload as never);
      expect(ack.ok ? 'filed' : ack.error.code, JSON.stringify(Object.keys(payload))).toBe('INVALID_PAYLOAD');
    }
    // What the web client sends: a reason and the teacher's own note.
    const honest = await teacher.transport.request('convo:report', {
      conversationId,
      seq,
      reason: 'harassment',
      note: 'They dismissed my class in a hurtful way.',
    });
    expect(honest.ok).toBe(true);
    const reportId = honest.ok ? honest.data.id : '';

    // The report reached program moderators (the note) and coordinators (metadata), and nobody got the canary.
    const reviewed = await waitForQueue(reviewer, '', (q) => (q.some((i) => i.id === reportId) ? q : null));
    expect(reviewed.find((i) => i.id === reportId)).toMatchObject({
      note: 'They dismissed my class in a hurtful way.',
      message: null,
    });
    const coordinated = await requestPaced(admin, 'mod:queue', {});
    expect(coordinated.ok && coordinated.data.items.find((i) => i.id === reportId)).toMatchObject({
      note: '',
      message: null,
    });
    const leaks: string[] = [];
    for (const [who, m] of [
      ['program moderator', reviewer],
      ['coordinator', admin],
      ['another member', outsider],
    ] as const) {
      const events: { [E in ClientEventName]?: ClientPayload<E>[] } = {
        'mod:queue': [{}],
        'mod:urgent': [{}],
        'mod:audit': [{}],
        'report:mine': [{}],
        'care:inbox': [{}],
        'convo:open': [{ conversationId }],
        'convo:history': [{ conversationId, after: 0 }],
        'mod:resolve': [{ reportId, action: 'dismiss', reason: 'checked' }],
      };
      for (const [event, payloads] of Object.entries(events)) {
        for (const payload of payloads ?? []) {
          if (mine(await requestPaced(m, event as ClientEventName, payload as never)))
            leaks.push(`${who}: ${event}`);
        }
      }
      for (const route of httpRoutes.filter((r) => r.method === 'GET')) {
        const path = `/api${route.path.replace(':id', conversationId).replace(/:[a-zA-Z]+/g, 'no-such-id')}`;
        if (mine((await m.agent.get(path)).body)) leaks.push(`${who}: GET ${route.path}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(mine(await everythingStored(redis))).toBe(false);
  });
});
