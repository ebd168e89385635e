import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBody } from '@staffroom/shared/schemas/consultations';
import { conversationKey } from '../../client/src/lib/e2e-crypto.js';
import { openAs, sealAs } from '../support/sealing.js';
import type { TestMember } from '../support/member.js';
import { startProgramme, withKeys, type Programme } from '../support/programme.js';
import { everythingStored } from '../support/redis.js';

/**
 * Reciprocal mentorship (two teachers paired both ways), volunteer and released consultants (caps, term end,
 * caseload), and matching honesty (nearer matches only with the teacher's consent). Two nodes, one Redis.
 */
let programme: Programme;
let admin: TestMember;

const profile = (extra: Record<string, unknown> = {}) => ({
  displayName: 'Grade Nine Science Guide',
  grades: ['9'],
  subjects: ['science'],
  areas: ['assessment'],
  capacity: 3,
  availability: ['wed-pm'],
  paused: false,
  school: 'Harbour Secondary',
  district: 'Coastal District',
  ...extra,
});
const consultant = (extra: Record<string, unknown> = {}, node = 0): Promise<TestMember> =>
  programme.consultant(profile(extra), node);
const intake = (extra: Partial<IntakeBody> = {}): IntakeBody => ({
  grades: ['9'],
  subjects: ['science'],
  reasons: ['new-assignment'],
  focus: 'assessment',
  workStyles: ['messages'],
  preferredTimes: ['wed-pm'],
  ...extra,
});

beforeAll(async () => {
  programme = await startProgramme({ nodes: 2 });
  admin = programme.admin;
});

afterAll(async () => {
  await programme?.stop();
});

describe('reciprocal mentorship', () => {
  it('pairs two teachers whose offers and needs cross (never the same school), and both set goals', async () => {
    const tech = { offers: ['classroom-technology'], wants: ['classroom-management'] };
    const veteranSide = { offers: ['classroom-management'], wants: ['classroom-technology'] };

    const newTeacher = await programme.person('member', 0);
    const opted = await newTeacher.agent.post('/api/support-request/reciprocal', {
      ...tech,
      school: 'Willow Creek Elementary',
    });
    expect(opted.status).toBe(201);
    expect(opted.body.request).toMatchObject({ status: 'waiting', reciprocal: tech, kind: 'mentorship' });

    // Crossing, but the same school: never paired.
    const sameSchool = await programme.person('member', 1);
    const sameRes = await sameSchool.agent.post('/api/support-request/reciprocal', {
      ...veteranSide,
      school: 'willow creek  elementary',
    });
    expect(sameRes.body.request.status).toBe('waiting');

    // Not crossing (offers what nobody wants): waits.
    const oneWay = await programme.person('member', 1);
    const oneWayRes = await oneWay.agent.post('/api/support-request/reciprocal', {
      offers: ['assessment'],
      wants: ['classroom-management'],
    });
    expect(oneWayRes.body.request.status).toBe('waiting');

    // An area both offered and wanted is refused; no free text is accepted.
    expect(
      (
        await oneWay.agent.post('/api/support-request/reciprocal', {
          offers: ['planning'],
          wants: ['planning'],
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await programme.person('member').then((m) =>
          m.agent.post('/api/support-request/reciprocal', {
            offers: ['my own words'],
            wants: ['planning'],
          }),
        )
      ).status,
    ).toBe(400);

    // A veteran from another school, on the other node: paired at once with the new teacher.
    const veteran = await programme.person('member', 1);
    const paired = await veteran.agent.post('/api/support-request/reciprocal', {
      ...veteranSide,
      school: 'Oak Hill Secondary',
    });
    expect(paired.status).toBe(201);
    expect(paired.body.request.status).toBe('matched');
    const conversationId: string = paired.body.request.conversationId;
    expect(typeof conversationId).toBe('string');
    expect((await newTeacher.agent.get('/api/support-request')).body.request).toBeNull();
    expect((await sameSchool.agent.get('/api/support-request')).body.request.status).toBe('waiting');
    expect((await oneWay.agent.get('/api/support-request')).body.request.status).toBe('waiting');

    // Both see the conversation as reciprocal, with their own and the other's offer and need.
    const list = (await newTeacher.agent.get('/api/conversations')).body.conversations;
    expect(list).toEqual([
      expect.objectContaining({ id: conversationId, reciprocal: true, kind: 'mentorship' }),
    ]);
    const [idA, idB] = [await withKeys(newTeacher), await withKeys(veteran)];
    const openA = await newTeacher.transport.request('convo:open', { conversationId });
    const openB = await veteran.transport.request('convo:open', { conversationId });
    if (!openA.ok || !openB.ok) throw new Error('convo:open failed');
    expect(openA.data.view.reciprocal).toEqual({ mine: tech, theirs: veteranSide });
    expect(openB.data.view.reciprocal).toEqual({ mine: veteranSide, theirs: tech });
    // Neither sees the other's account pseudonym: each has a name for this pairing only.
    expect(JSON.stringify(openB.data.view)).not.toContain(newTeacher.pseudonym);
    expect(JSON.stringify(openA.data.view)).not.toContain(veteran.pseudonym);

    // Both set a goal, sealed end to end; each opens both.
    const peerOfA = openA.data.view.peer.publicKey!;
    const peerOfB = openB.data.view.peer.publicKey!;
    const keyA = await conversationKey(idA, peerOfA, conversationId);
    const keyB = await conversationKey(idB, peerOfB, conversationId);
    const goalA = await newTeacher.transport.request('convo:goal', {
      conversationId,
      ...(await sealAs(idA, peerOfA, keyA, conversationId, 'goal', 1, '{"title":"canary-calm-routines"}')),
    });
    const goalB = await veteran.transport.request('convo:goal', {
      conversationId,
      ...(await sealAs(idB, peerOfB, keyB, conversationId, 'goal', 1, '{"title":"canary-slides-quiz"}')),
    });
    expect(goalA.ok && goalB.ok).toBe(true);
    const again = await veteran.transport.request('convo:open', { conversationId });
    if (!again.ok) throw new Error('convo:open failed');
    const titles = await Promise.all(again.data.view.goals.map((g) => openAs(keyB, conversationId, g)));
    expect(titles.sort()).toEqual(['{"title":"canary-calm-routines"}', '{"title":"canary-slides-quiz"}']);

    // Stored: no school in the clear, no goal text, and the pair's school fingerprints erased with the match.
    const stored = await everythingStored(programme.redis);
    expect(stored).not.toMatch(/willow|oak hill|canary-/i);

    // Peers: no feedback form about a consultant, and no record of support as one.
    expect(again.data.view.feedbackDone).toBe(true);
    expect((await veteran.agent.get('/api/consultant/recognition')).body.record.totals).toMatchObject({
      teachers: 0,
    });

    // Nobody else sees the opt-ins: no consultant offer, not in the coordinator's unmatched list.
    const unmatched = (await admin.agent.get('/api/programme/unmatched')).body.requests;
    expect(unmatched).toEqual([]);
  });
});

describe('ending a reciprocal pair', () => {
  /** Two teachers from different schools, paired at once: the first is the record's `teacher` side. */
  async function pair(offer: string, want: string) {
    const first = await programme.person('member', 0);
    const second = await programme.person('member', 1);
    const waiting = await first.agent.post('/api/support-request/reciprocal', {
      offers: [offer],
      wants: [want],
      school: 'Birch Lane Primary',
    });
    expect(waiting.body.request.status).toBe('waiting');
    const paired = await second.agent.post('/api/support-request/reciprocal', {
      offers: [want],
      wants: [offer],
      school: 'Quarry Road Academy',
    });
    expect(paired.body.request.status).toBe('matched');
    const conversationId: string = paired.body.request.conversationId;
    for (const m of [first, second]) {
      await withKeys(m);
      expect((await m.transport.request('convo:open', { conversationId })).ok).toBe(true);
    }
    return { first, second, conversationId };
  }
  /** Resolves when `m` is told of `event` (live, on whichever node its socket is). */
  const told = (m: TestMember, event: 'support:request' | 'convo:changed') =>
    new Promise<void>((resolve) => m.socket.once(event, () => resolve()));
  const viewOf = async (m: TestMember, conversationId: string) => {
    const opened = await m.transport.request('convo:open', { conversationId });
    if (!opened.ok) throw new Error(`convo:open failed: ${opened.error.code}`);
    return opened.data.view;
  };

  it('when either partner ends the pair, then it ends for both at once and both are told, whichever side they hold', async () => {
    // The second teacher holds the record's consultant side, yet is no consultant: ending is not a proposal
    // waiting on the other, it ends the pairing for both.
    const one = await pair('planning', 'differentiation');
    const toldFirst = Promise.all([told(one.first, 'convo:changed'), told(one.first, 'support:request')]);
    const toldSecond = told(one.second, 'support:request');
    expect(
      (await one.second.transport.request('convo:close', { conversationId: one.conversationId })).ok,
    ).toBe(true);
    await Promise.all([toldFirst, toldSecond]);
    for (const [m, role] of [
      [one.first, 'teacher'],
      [one.second, 'consultant'],
    ] as const) {
      const view = await viewOf(m, one.conversationId);
      expect(view).toMatchObject({ role, status: 'closed', closeProposedBy: 'consultant', blocked: false });
      const list = (await m.agent.get('/api/conversations')).body.conversations as {
        id: string;
        status: string;
      }[];
      expect(list).toEqual([expect.objectContaining({ id: one.conversationId, status: 'closed' })]);
    }
    // Read-only for both: nothing more to end or propose on either side.
    for (const m of [one.first, one.second]) {
      const again = await m.transport.request('convo:close', { conversationId: one.conversationId });
      expect(!again.ok && again.error.code).toBe('FORBIDDEN');
    }

    // The other way round: the first teacher ends it, and the second (consultant side) is told as well.
    const two = await pair('curriculum', 'wellbeing');
    const toldSecondToo = Promise.all([
      told(two.second, 'convo:changed'),
      told(two.second, 'support:request'),
    ]);
    expect(
      (await two.first.transport.request('convo:close-confirm', { conversationId: two.conversationId })).ok,
    ).toBe(true);
    await toldSecondToo;
    expect(await viewOf(two.second, two.conversationId)).toMatchObject({
      status: 'closed',
      closeProposedBy: 'teacher',
    });
    expect(await viewOf(two.first, two.conversationId)).toMatchObject({ status: 'closed' });

    // The second teacher may end it with the confirming event too (a client that shows "Confirm the end").
    const three = await pair('resources', 'wellbeing');
    expect(
      (await three.second.transport.request('convo:close-confirm', { conversationId: three.conversationId }))
        .ok,
    ).toBe(true);
    expect(await viewOf(three.first, three.conversationId)).toMatchObject({ status: 'closed' });

    // Both are free to opt in again (their requests finished with the pairing).
    for (const m of [one.first, one.second]) {
      expect((await m.agent.get('/api/support-request')).body.request).toBeNull();
    }
  });

  it('when a consultant (not a reciprocal pair) proposes to end, then only the teacher can end it', async () => {
    const c = await consultant({ displayName: 'Closing Rule Guide' });
    const teacher = await programme.person('member', 1);
    const asked = await teacher.agent.post('/api/support-request', intake());
    expect(asked.status).toBe(201);
    const requestId: string = asked.body.request.id;
    const accepted = await c.agent.post(`/api/consultant/offers/${requestId}/accept`);
    expect(accepted.status).toBe(200);
    const conversationId: string = accepted.body.conversationId;
    expect((await c.transport.request('convo:close', { conversationId })).ok).toBe(true);
    const confirm = await c.transport.request('convo:close-confirm', { conversationId });
    expect(!confirm.ok && confirm.error.code).toBe('FORBIDDEN');
    expect(await viewOf(teacher, conversationId)).toMatchObject({ status: 'closing' });
    expect((await teacher.transport.request('convo:close-confirm', { conversationId })).ok).toBe(true);
    expect(await viewOf(c, conversationId)).toMatchObject({ status: 'closed' });
    await programme.pauseConsultants();
  });
});

describe('volunteer and released consultants', () => {
  it('caps a volunteer at a few teachers, keeps a released consultant to their term, and shows the caseload', async () => {
    await programme.pauseConsultants();
    // A volunteer cannot take more than three at once; a released consultant must say when the term ends.
    const tooMany = await programme.person('consultant');
    expect(
      (
        await tooMany.agent.request(
          'PUT',
          '/api/consultant/profile',
          profile({ commitment: 'volunteer', capacity: 5 }),
        )
      ).status,
    ).toBe(400);
    expect(
      (await tooMany.agent.request('PUT', '/api/consultant/profile', profile({ commitment: 'released' })))
        .status,
    ).toBe(400);

    // A released consultant whose term is over takes no new request.
    const past = await consultant({
      displayName: 'Past Term Guide',
      commitment: 'released',
      capacity: 12,
      termEndsAt: '2020-06-30',
      school: 'Bay Secondary',
      district: 'Bay District',
    });
    const volunteer = await consultant({
      displayName: 'Evening Volunteer Guide',
      commitment: 'volunteer',
      capacity: 1,
      school: 'Cliff Secondary',
      district: 'Cliff District',
    });
    const first = await programme.person('member');
    await first.agent.post('/api/support-request', intake());
    const offers = (await volunteer.agent.get('/api/consultant/offers')).body.offers;
    expect(offers).toHaveLength(1);
    expect((await past.agent.get('/api/consultant/offers')).body.offers).toEqual([]);
    await volunteer.agent.post(`/api/consultant/offers/${offers[0].requestId}/accept`);
    // Full: the next request waits (both who cover it are unavailable).
    const second = await programme.person('member');
    const waiting = (await second.agent.post('/api/support-request', intake())).body.request;
    expect(waiting).toMatchObject({ status: 'waiting', waitingReason: 'unavailable' });

    // A released consultant whose term ends within three weeks: a larger cap, and every conversation suggests
    // tapering off.
    const soon = new Date(Date.now() + 10 * 24 * 3600_000).toISOString().slice(0, 10);
    const released = await consultant(
      {
        displayName: 'Released Term Guide',
        commitment: 'released',
        capacity: 12,
        termEndsAt: soon,
        school: 'Dune Secondary',
        district: 'Dune District',
      },
      1,
    );
    const got = (await released.agent.get('/api/consultant/offers')).body.offers;
    expect(got).toHaveLength(1);
    const { conversationId } = (
      await released.agent.post(`/api/consultant/offers/${got[0].requestId}/accept`)
    ).body;
    const mine = (await released.agent.get('/api/consultant/profile')).body.profile;
    expect(mine).toMatchObject({ commitment: 'released', termEndsAt: soon, capacity: 12 });

    const before = Date.now();
    const rIdentity = await withKeys(released);
    await withKeys(second);
    const open = await released.transport.request('convo:open', { conversationId });
    if (!open.ok) throw new Error('convo:open failed');
    const peer = open.data.view.peer.publicKey!;
    const key = await conversationKey(rIdentity, peer, conversationId);
    const sent = await released.transport.request('convo:send', {
      conversationId,
      clientId: 'caseload-hello-1',
      ...(await sealAs(rIdentity, peer, key, conversationId, 'message', 1, 'hello')),
    });
    expect(sent.ok).toBe(true);

    const caseload = (await released.agent.get('/api/consultant/caseload')).body.caseload;
    expect(caseload).toMatchObject({ commitment: 'released', termEndsAt: soon, capacity: 12 });
    expect(caseload.entries).toHaveLength(1);
    const [entry] = caseload.entries;
    expect(entry).toMatchObject({
      id: conversationId,
      peerName: waiting.alias,
      kind: 'peer-support',
      status: 'active',
      sessionsHeld: 0,
      taper: 'term-ending',
    });
    expect(entry.lastActivityAt).toBeGreaterThanOrEqual(before);
    expect(entry.lastActivityAt).toBeGreaterThanOrEqual(entry.startedAt);
    expect(JSON.stringify(caseload)).not.toContain(second.pseudonym);

    // The volunteer's caseload: one conversation, nothing to taper yet; teachers cannot read a caseload.
    const vol = (await volunteer.agent.get('/api/consultant/caseload')).body.caseload;
    expect(vol).toMatchObject({ commitment: 'volunteer', termEndsAt: null, capacity: 1 });
    expect(vol.entries.map((e: { taper: unknown }) => e.taper)).toEqual([null]);
    expect((await second.agent.get('/api/consultant/caseload')).status).toBe(403);
  });
});

describe('matching honesty', () => {
  it('says when nobody covers a request, offers the nearest match, and widens it only when the teacher agrees', async () => {
    await programme.pauseConsultants();
    // Only a secondary science consultant and an elementary music one: nobody covers grade 2 science.
    const secondaryScience = await consultant({
      displayName: 'Secondary Science Guide',
      school: 'Reef Secondary',
      district: 'Reef District',
    });
    await consultant({
      displayName: 'Elementary Music Guide',
      grades: ['1', '2'],
      subjects: ['music'],
      school: 'Lagoon Elementary',
      district: 'Lagoon District',
    });
    const teacher = await programme.person('member', 1);
    const asked = (await teacher.agent.post('/api/support-request', intake({ grades: ['2'] }))).body.request;
    expect(asked).toMatchObject({ status: 'waiting', waitingReason: 'no-coverage', widen: null });
    expect(asked.nearest).toEqual([
      { widen: 'grade', matchedOn: 'science, taught in grades 8 to 12' },
      { widen: 'subject', matchedOn: 'grade 2, in another subject' },
    ]);
    // Never who: no consultant's name in what the teacher sees.
    expect(JSON.stringify(asked)).not.toMatch(/Guide/);
    // Nothing was assigned silently.
    expect((await secondaryScience.agent.get('/api/consultant/offers')).body.offers).toEqual([]);

    // The teacher agrees to a consultant who covers the subject in another grade band: offered at once.
    const widened = await teacher.agent.post('/api/support-request/widen', { widen: 'grade' });
    expect(widened.status).toBe(200);
    expect(widened.body.request).toMatchObject({ status: 'offered', widen: 'grade' });
    const offers = (await secondaryScience.agent.get('/api/consultant/offers')).body.offers;
    expect(offers).toHaveLength(1);
    expect(offers[0].matchedOn).toContain('science');

    // Widening needs a waiting request with such a match.
    expect((await teacher.agent.post('/api/support-request/widen', { widen: 'subject' })).status).toBe(404);
    const other = await programme.person('member');
    expect((await other.agent.post('/api/support-request/widen', { widen: 'grade' })).status).toBe(404);
    await other.agent.post('/api/support-request', intake({ grades: ['5'], subjects: ['french'] }));
    expect((await other.agent.post('/api/support-request/widen', { widen: 'grade' })).status).toBe(409);
    expect((await other.agent.post('/api/support-request/widen', { widen: 'anything' })).status).toBe(400);
  });
});
