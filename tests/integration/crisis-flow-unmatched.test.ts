import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBody, MyRequest, UnmatchedRequest } from '@staffroom/shared/schemas/consultations';
import type { TestMember } from '../support/member.js';
import { startProgramme, type Programme } from '../support/programme.js';

/**
 * Issue 11: an urgent intake that no consultant can be offered is not left waiting in silence. Coordinators see
 * it (never its note, never the teacher's pseudonym) with the reason, and can assign a consultant by hand; the
 * conversation then opens for both. Two nodes on one Redis: the coordinator works on the other node.
 */
let programme: Programme;
let admin: TestMember;

const intake: IntakeBody = {
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['messages'],
  preferredTimes: ['mon-pm'],
  hasNote: true,
  urgent: true,
  school: 'Elm Park Primary',
};

const unmatched = async (m: TestMember) => m.agent.get('/api/programme/unmatched');

beforeAll(async () => {
  programme = await startProgramme({ nodes: 2, coordinatorNode: 1 });
  admin = programme.admin;
});

afterAll(async () => {
  await programme?.stop();
});

describe('urgent intake with no matching consultant', () => {
  it('when an urgent request fits only a consultant from the teacher’s school, then it waits with that reason, coordinators see it without the teacher, and a manual assignment opens the conversation for both', async () => {
    const sameSchool = await programme.consultant({
      displayName: 'Same School Mentor',
      school: 'Elm Park Primary',
    });
    const other = await programme.consultant({
      displayName: 'Far Away Mentor',
      grades: ['11'],
      subjects: ['french'],
      areas: ['assessment'],
      school: 'Hillcrest Secondary',
    });
    const teacher = await programme.person('member');

    const asked = await teacher.agent.post('/api/support-request', intake);
    expect(asked.status).toBe(201);
    const request = asked.body.request as MyRequest;
    // Honest status for the teacher: waiting, and why.
    expect(request).toMatchObject({ status: 'waiting', urgent: true, waitingReason: 'excluded' });
    expect((await sameSchool.agent.get('/api/consultant/offers')).body.offers).toEqual([]);

    // Only coordinators see the list.
    expect((await unmatched(teacher)).status).toBe(403);
    expect((await unmatched(other)).status).toBe(403);
    const listed = await unmatched(admin);
    expect(listed.status).toBe(200);
    const requests = listed.body.requests as UnmatchedRequest[];
    const row = requests.find((r) => r.requestId === request.id);
    expect(row).toMatchObject({
      alias: request.alias,
      urgent: true,
      reason: 'excluded',
      grades: ['2'],
      subjects: ['mathematics'],
    });
    // Never the teacher's pseudonym, never a consultant the school excludes.
    expect(JSON.stringify(listed.body)).not.toContain(teacher.pseudonym);
    expect(row!.consultants.map((c) => c.name)).toEqual(['Far Away Mentor']);

    // Only a consultant offered in the list: another id is refused, and nothing changed.
    const wrong = await admin.agent.post(`/api/programme/unmatched/${request.id}/assign`, {
      consultant: 'not-a-consultant-id',
    });
    expect(wrong.status).toBe(404);
    expect((await teacher.agent.get('/api/support-request')).body.request).toMatchObject({
      status: 'waiting',
    });
    // A teacher cannot assign.
    const byTeacher = await teacher.agent.post(`/api/programme/unmatched/${request.id}/assign`, {
      consultant: row!.consultants[0]!.id,
    });
    expect(byTeacher.status).toBe(403);

    const assigned = await admin.agent.post(`/api/programme/unmatched/${request.id}/assign`, {
      consultant: row!.consultants[0]!.id,
    });
    expect(assigned.status).toBe(200);
    const conversationId = assigned.body.conversationId as string;

    // Open for both: the teacher and the consultant each see it, the teacher's request is no longer open.
    expect((await teacher.agent.get('/api/support-request')).body.request).toBeNull();
    const theirs = (await teacher.agent.get('/api/conversations')).body.conversations as { id: string }[];
    const mine = (await other.agent.get('/api/conversations')).body.conversations as {
      id: string;
      peerName: string;
    }[];
    expect(theirs.map((c) => c.id)).toEqual([conversationId]);
    expect(mine).toEqual([expect.objectContaining({ id: conversationId, peerName: request.alias })]);
    expect((await sameSchool.agent.get('/api/conversations')).body.conversations).toEqual([]);
    const opened = await other.transport.request('convo:open', { conversationId });
    expect(opened.ok && opened.data.view.status).toBe('active');
    // The intake is pinned for both, as after an accepted offer, and says "urgent" (never why).
    expect(opened.ok && opened.data.view.intake).toEqual({
      grades: ['2'],
      subjects: ['mathematics'],
      reasons: ['challenging-class'],
      focus: 'classroom-management',
      workStyles: ['messages'],
      preferredTimes: ['mon-pm'],
      urgent: true,
      // Its note was sealed only to consultants it could be offered to: both are told it did not reach this one.
      noteNotPassedOn: true,
    });

    // It left the list, and a second assignment finds nothing to assign.
    const after = (await unmatched(admin)).body.requests as UnmatchedRequest[];
    expect(after.find((r) => r.requestId === request.id)).toBeUndefined();
    const again = await admin.agent.post(`/api/programme/unmatched/${request.id}/assign`, {
      consultant: row!.consultants[0]!.id,
    });
    expect(again.status).toBe(404);

    // Feedback once it has ended: the privacy guard asks before identifying details reach coordinators, and a
    // comment that suggests risk brings the contacts back to the teacher.
    expect((await teacher.transport.request('convo:close', { conversationId })).ok).toBe(true);
    const feedback = (comment: string, confirmIdentifying?: boolean) =>
      teacher.agent.post(`/api/conversations/${conversationId}/feedback`, {
        helpfulness: 4,
        recommend: true,
        comment,
        ...(confirmIdentifying ? { confirmIdentifying } : {}),
      });
    const identifying = await feedback('Thank you! Write to me at jo.taylor@example.org any time.');
    expect(identifying.status).toBe(428);
    expect(identifying.body).toMatchObject({
      error: 'PRIVACY_CONFIRM_REQUIRED',
      findings: [expect.objectContaining({ kind: 'email' })],
    });
    const risky = await feedback('It helped a bit, but honestly I still want to end it all.');
    expect(risky.status).toBe(201);
    expect(risky.body.support.length).toBeGreaterThan(0);
    expect((await feedback('Thanks again')).status).toBe(409);

    // The audit log says a coordinator assigned it, naming only the request.
    const audit = await admin.transport.request('mod:audit', { action: 'assign-consultant', limit: 10 });
    expect(audit.ok && audit.data.entries).toEqual([
      expect.objectContaining({ target: `request ${request.alias}` }),
    ]);
  });

  it('when a consultant’s display name holds identifying details, then saving it needs an explicit "anyway"', async () => {
    const c = await programme.person('consultant');
    const profile = {
      displayName: 'mentor.jo@example.org',
      grades: ['3'],
      subjects: ['science'],
      areas: ['planning'],
      capacity: 1,
      availability: [],
      paused: true,
    };
    const refused = await c.agent.request('PUT', '/api/consultant/profile', profile);
    expect(refused.status).toBe(428);
    expect(refused.body).toMatchObject({
      error: 'PRIVACY_CONFIRM_REQUIRED',
      field: 'displayName',
    });
    const saved = await c.agent.request('PUT', '/api/consultant/profile', {
      ...profile,
      confirmIdentifying: true,
    });
    expect(saved.status).toBe(200);
    expect(saved.body.profile).not.toHaveProperty('confirmIdentifying');
  });

  it('when two coordinators assign the same urgent request at once, to different consultants, then one wins and the teacher has one conversation', async () => {
    await programme.consultant({
      displayName: 'Own School Mentor',
      grades: ['4'],
      school: 'Birch Lane Primary',
    });
    const a = await programme.consultant({
      displayName: 'Mentor Ash',
      grades: ['11'],
      subjects: ['french'],
      areas: ['assessment'],
      school: 'Ash Secondary',
    });
    const b = await programme.consultant({
      displayName: 'Mentor Beech',
      grades: ['11'],
      subjects: ['french'],
      areas: ['assessment'],
      school: 'Beech Secondary',
    });
    const teacher = await programme.person('member');
    const asked = await teacher.agent.post('/api/support-request', {
      ...intake,
      grades: ['4'],
      school: 'Birch Lane Primary',
    });
    expect(asked.status).toBe(201);
    const request = asked.body.request as MyRequest;
    expect(request).toMatchObject({ status: 'waiting', waitingReason: 'excluded' });
    const row = ((await unmatched(admin)).body.requests as UnmatchedRequest[]).find(
      (r) => r.requestId === request.id,
    );
    const ids = ['Mentor Ash', 'Mentor Beech'].map((n) => row!.consultants.find((c) => c.name === n)!.id);
    const answers = await Promise.all(
      ids.map((consultant) =>
        admin.agent.post(`/api/programme/unmatched/${request.id}/assign`, { consultant }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = answers.find((r) => r.status !== 200)!;
    expect(loser.body.error).toBe('CONFLICT');
    const caseloads = await Promise.all(
      [a, b].map(async (c) => (await c.agent.get('/api/consultant/caseload')).body.caseload),
    );
    expect(caseloads.map((c) => JSON.stringify(c)).filter((c) => c.includes(request.alias))).toHaveLength(1);
    const mine = (await teacher.agent.get('/api/conversations')).body.conversations as unknown[];
    expect(mine).toHaveLength(1);
  });

  it('when nobody covers the request, then the teacher and the coordinators are told so', async () => {
    const teacher = await programme.person('member', 1);
    const asked = await teacher.agent.post('/api/support-request', {
      ...intake,
      grades: ['K'],
      subjects: ['music'],
      // Nobody in this file offers it (the paused consultant above covers planning: that would be 'unavailable').
      focus: 'wellbeing',
      urgent: false,
      school: undefined,
    });
    expect(asked.status).toBe(201);
    expect(asked.body.request).toMatchObject({ status: 'waiting', waitingReason: 'no-coverage' });
    const requests = (await unmatched(admin)).body.requests as UnmatchedRequest[];
    expect(requests.find((r) => r.requestId === asked.body.request.id)).toMatchObject({
      urgent: false,
      reason: 'no-coverage',
    });
  });
});
