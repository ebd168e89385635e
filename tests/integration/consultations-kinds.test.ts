import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBody } from '@staffroom/shared/schemas/consultations';
import type { TestMember } from '../support/member.js';
import { startProgramme, type Programme } from '../support/programme.js';

/** Peer support or mentorship: matching offers a request only to consultants offering its kind (two nodes). */
let programme: Programme;

const consultant = (name: string, kinds: string[] | undefined, node: number): Promise<TestMember> =>
  programme.consultant(
    {
      displayName: name,
      grades: ['4'],
      subjects: ['science'],
      areas: ['planning'],
      availability: ['tue-am'],
      ...(kinds ? { kinds } : {}),
    },
    node,
  );

const intake = (extra: Partial<IntakeBody> = {}): IntakeBody => ({
  grades: ['4'],
  subjects: ['science'],
  reasons: ['new-assignment'],
  focus: 'planning',
  workStyles: ['messages'],
  preferredTimes: ['tue-am'],
  ...extra,
});

beforeAll(async () => {
  programme = await startProgramme({ nodes: 2 });
});

afterAll(async () => {
  await programme?.stop();
});

describe('kinds of support', () => {
  it('when a teacher asks for mentorship, then only a consultant offering mentorship is offered it, and the conversation keeps the kind and the intake for both', async () => {
    // Sorted by id on a tie, so without the kind filter either could come first: both fit equally well.
    const peerOnly = await consultant('Peer Only Pat', undefined, 0);
    const mentor = await consultant('Mentor Morgan', ['peer-support', 'mentorship'], 1);
    expect((await peerOnly.agent.get('/api/consultant/profile')).body.profile.kinds).toEqual([
      'peer-support',
    ]);
    expect((await mentor.agent.get('/api/consultant/profile')).body.profile.kinds).toEqual([
      'peer-support',
      'mentorship',
    ]);

    const teacher = await programme.person('member', 0);
    const res = await teacher.agent.post('/api/support-request', intake({ kind: 'mentorship' }));
    expect(res.status).toBe(201);
    expect(res.body.request).toMatchObject({ status: 'offered', kind: 'mentorship' });
    expect((await peerOnly.agent.get('/api/consultant/offers')).body.offers).toEqual([]);
    const offers = (await mentor.agent.get('/api/consultant/offers')).body.offers;
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ kind: 'mentorship' });

    // The mentor declines: the peer-support-only consultant is still never offered it; it waits.
    expect((await mentor.agent.post(`/api/consultant/offers/${offers[0].requestId}/decline`)).status).toBe(
      200,
    );
    expect((await teacher.agent.get('/api/support-request')).body.request.status).toBe('waiting');
    expect((await peerOnly.agent.get('/api/consultant/offers')).body.offers).toEqual([]);
    await teacher.agent.del('/api/support-request');

    // The first mentor pauses; a second one starts offering mentorship (node 1): the new request reaches them.
    const mine = (await mentor.agent.get('/api/consultant/profile')).body.profile;
    const { hasSchool: _s, hasDistrict: _d, active: _a, ...rest } = mine;
    expect(
      (await mentor.agent.request('PUT', '/api/consultant/profile', { ...rest, paused: true })).status,
    ).toBe(200);
    const second = await consultant('Second Mentor Sam', ['mentorship'], 1);
    await teacher.agent.post('/api/support-request', intake({ kind: 'mentorship' }));
    const offer = (await second.agent.get('/api/consultant/offers')).body.offers[0];
    expect(offer).toMatchObject({ kind: 'mentorship' });
    const accepted = await second.agent.post(`/api/consultant/offers/${offer.requestId}/accept`);
    const { conversationId } = accepted.body;
    expect(typeof conversationId).toBe('string');

    // Both parties, each on their own node, see the kind and the structured intake pinned (never school or district).
    const pinned = {
      kind: 'mentorship',
      intake: {
        grades: ['4'],
        subjects: ['science'],
        reasons: ['new-assignment'],
        focus: 'planning',
        workStyles: ['messages'],
        preferredTimes: ['tue-am'],
      },
    };
    const asTeacher = await teacher.transport.request('convo:open', { conversationId });
    const asMentor = await second.transport.request('convo:open', { conversationId });
    expect(asTeacher.ok && asTeacher.data.view).toMatchObject({ role: 'teacher', ...pinned });
    expect(asMentor.ok && asMentor.data.view).toMatchObject({ role: 'consultant', ...pinned });
    const list = (await teacher.agent.get('/api/conversations')).body.conversations;
    expect(list[0]).toMatchObject({ id: conversationId, kind: 'mentorship' });

    // A third party learns nothing, not even that it exists.
    const other = await programme.person('member', 1);
    const intruder = await other.transport.request('convo:open', { conversationId });
    expect(intruder.ok).toBe(false);
  });

  it('when a teacher asks for peer support (or says nothing of the kind), then a consultant offering only mentorship is never offered it', async () => {
    const onlyMentor = await consultant('Only Mentor Ola', ['mentorship'], 1);
    const teacher = await programme.person('member', 1);
    const res = await teacher.agent.post(
      '/api/support-request',
      intake({ grades: ['4'], focus: 'planning' }),
    );
    expect(res.status).toBe(201);
    expect(res.body.request.kind).toBe('peer-support');
    expect((await onlyMentor.agent.get('/api/consultant/offers')).body.offers).toEqual([]);
    await teacher.agent.del('/api/support-request');
  });

  it('refuses a kind that does not exist, and a profile offering no kind', async () => {
    const teacher = await programme.person('member', 0);
    const bad = await teacher.agent.post('/api/support-request', { ...intake(), kind: 'therapy' });
    expect(bad.status).toBe(400);
    const c = await programme.person('consultant', 0);
    const none = await c.agent.request('PUT', '/api/consultant/profile', {
      displayName: 'No Kind Nell',
      grades: ['4'],
      subjects: ['science'],
      areas: ['planning'],
      capacity: 3,
      availability: [],
      paused: false,
      kinds: [],
    });
    expect(none.status).toBe(400);
  });
});
