import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ConversationView,
  IntakeBody,
  MyRequest,
  UnmatchedRequest,
} from '@staffroom/shared/schemas/consultations';
import type { Identity } from '../../client/src/lib/e2e-crypto.js';
import { openIntakeNote, sealIntakeNote } from '../../client/src/features/consultations/model/intake-seal.js';
import type { TestMember } from '../support/member.js';
import { startProgramme, withKeys, type Programme } from '../support/programme.js';
import { everythingStored } from '../support/redis.js';

/**
 * A coordinator assigns a waiting request by hand to a consultant who never held a copy of its note. The
 * teacher's browser passes the note on from its own sealed copy (`convo:intake-note`): the server keeps only
 * ciphertext, only from the teacher of that conversation, for that conversation's request, sealed to its
 * consultant's current key, once. Two nodes on one Redis: the teacher and the consultant are on different nodes.
 */
let programme: Programme;
let admin: TestMember;

/** A consultant nobody's request is offered to on its own (grade 11 French), so only a hand assignment reaches them. */
const consultant = (displayName: string, node: number): Promise<TestMember> =>
  programme.consultant(
    {
      displayName,
      grades: ['11'],
      subjects: ['french'],
      areas: ['assessment'],
      school: 'Hillcrest Secondary',
    },
    node,
  );

const intake: IntakeBody = {
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['messages'],
  preferredTimes: ['mon-pm'],
  hasNote: true,
};

/**
 * A teacher with keys asks for support with a note that no consultant covers; their browser seals the note to
 * themself (nobody else may be offered it). A coordinator on the other node then assigns `to` by hand.
 */
async function assignedByHand(teacher: TestMember, key: Identity, to: string, note: string) {
  const asked = await teacher.agent.post('/api/support-request', intake);
  expect(asked.status).toBe(201);
  const request = asked.body.request as MyRequest;
  expect(request.status).toBe('waiting');
  const put = await teacher.agent.request('PUT', '/api/support-request/notes', {
    requestId: request.id,
    self: await sealIntakeNote(key, key.publicKey, request.id, note),
    copies: [],
  });
  expect(put.status).toBe(200);
  const row = ((await admin.agent.get('/api/programme/unmatched')).body.requests as UnmatchedRequest[]).find(
    (r) => r.requestId === request.id,
  );
  const choice = row?.consultants.find((c) => c.name === to);
  expect(choice).toBeDefined();
  const assigned = await admin.agent.post(`/api/programme/unmatched/${request.id}/assign`, {
    consultant: choice!.id,
  });
  expect(assigned.status).toBe(200);
  return { requestId: request.id, conversationId: assigned.body.conversationId as string };
}

async function viewOf(m: TestMember, conversationId: string): Promise<ConversationView> {
  const opened = await m.transport.request('convo:open', { conversationId });
  if (!opened.ok) throw new Error(`convo:open failed: ${opened.error.code}`);
  return opened.data.view;
}

beforeAll(async () => {
  programme = await startProgramme({ nodes: 2, coordinatorNode: 1 });
  admin = programme.admin;
});

afterAll(async () => {
  await programme?.stop();
});

describe('the intake note of a request assigned by hand', () => {
  it('when the teacher’s browser passes it on, then only the teacher, only to the assigned consultant’s key, only for this request, and once', async () => {
    const assignee = await consultant('Assigned French Guide', 1);
    const bystander = await consultant('Bystander Latin Guide', 0);
    const [kC, kB] = [await withKeys(assignee), await withKeys(bystander)];
    const teacher = await programme.person('member', 0);
    const kT = await withKeys(teacher);
    const canary = `canary-assigned-${Math.random().toString(36).slice(2)}: thirty and no aide`;
    const { requestId, conversationId } = await assignedByHand(teacher, kT, 'Assigned French Guide', canary);

    // Before: both are told the note has not reached the consultant yet, and that it is on its way. Only the
    // teacher is given their own copy (sealed to their own key), never the consultant.
    const teacherBefore = await viewOf(teacher, conversationId);
    expect(teacherBefore.intake).toMatchObject({ noteNotPassedOn: true, notePending: true });
    expect(teacherBefore.intakeNote).toBeNull();
    expect(teacherBefore.noteToPass).toMatchObject({ requestId });
    expect(await openIntakeNote(kT, kT.publicKey, requestId, teacherBefore.noteToPass!)).toBe(canary);
    const consultantBefore = await viewOf(assignee, conversationId);
    expect(consultantBefore.intake).toMatchObject({ noteNotPassedOn: true, notePending: true });
    expect(consultantBefore.intakeNote).toBeNull();
    expect(consultantBefore.noteToPass).toBeNull();
    expect(consultantBefore.peer.publicKey).toBe(kT.publicKey);
    // The teacher's list says so too (their browser passes it on from any page); the consultant's never does.
    const listed = async (m: TestMember) =>
      ((await m.agent.get('/api/conversations')).body.conversations as { id: string; notePending: boolean }[])
        .filter((c) => c.id === conversationId)
        .map((c) => c.notePending);
    expect(await listed(teacher)).toEqual([true]);
    expect(await listed(assignee)).toEqual([false]);

    const sealedForC = await sealIntakeNote(kT, kC.publicKey, requestId, canary);
    const passOn = (m: TestMember, body: Record<string, unknown>) =>
      m.transport.request('convo:intake-note', {
        conversationId,
        requestId,
        recipientKey: kC.publicKey,
        ...sealedForC,
        ...body,
      });

    // Not the consultant, and nobody outside the conversation (who does not even learn it exists).
    const byConsultant = await passOn(assignee, {});
    expect(!byConsultant.ok && byConsultant.error.code).toBe('FORBIDDEN');
    const outsider = await programme.person('member', 1);
    await withKeys(outsider);
    const byOutsider = await passOn(outsider, {});
    expect(!byOutsider.ok && byOutsider.error.code).toBe('NOT_FOUND');
    // Not to another key than the assigned consultant's (another consultant's, or the teacher's own).
    for (const key of [kB.publicKey, kT.publicKey]) {
      const wrongKey = await passOn(teacher, {
        recipientKey: key,
        ...(await sealIntakeNote(kT, key, requestId, canary)),
      });
      expect(!wrongKey.ok && wrongKey.error).toMatchObject({ code: 'CONFLICT', field: 'recipientKey' });
    }
    // Not for another request (a copy from elsewhere), not oversized.
    const otherRequest = await passOn(teacher, { requestId: 'another-request-id' });
    expect(!otherRequest.ok && otherRequest.error).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
    const oversized = await passOn(teacher, { ciphertext: 'A'.repeat(4_000) });
    expect(!oversized.ok && oversized.error.code).toBe('INVALID_PAYLOAD');
    // Nothing was kept by any of these.
    expect((await viewOf(assignee, conversationId)).intakeNote).toBeNull();

    // The teacher's own copy, opened and sealed again to the consultant's key: kept.
    expect((await passOn(teacher, {})).ok).toBe(true);
    const consultantAfter = await viewOf(assignee, conversationId);
    expect(consultantAfter.intakeNote).toEqual({ requestId, ...sealedForC });
    expect(await openIntakeNote(kC, kT.publicKey, requestId, consultantAfter.intakeNote!)).toBe(canary);
    // Neither is told any more that it did not reach the consultant; the teacher opens the same pinned copy.
    expect(consultantAfter.intake).not.toHaveProperty('noteNotPassedOn');
    expect(consultantAfter.intake).not.toHaveProperty('notePending');
    const teacherAfter = await viewOf(teacher, conversationId);
    expect(teacherAfter.intake).not.toHaveProperty('noteNotPassedOn');
    expect(teacherAfter.noteToPass).toBeNull();
    expect(await listed(teacher)).toEqual([false]);
    expect(await openIntakeNote(kT, kC.publicKey, requestId, teacherAfter.intakeNote!)).toBe(canary);

    // Once: a second copy (even a genuine one) never replaces the first.
    const again = await passOn(teacher, await sealIntakeNote(kT, kC.publicKey, requestId, 'something else'));
    expect(!again.ok && again.error.code).toBe('CONFLICT');
    expect((await viewOf(assignee, conversationId)).intakeNote).toEqual({ requestId, ...sealedForC });

    // The teacher's own copy is gone with its purpose, and Redis never held the note in the clear.
    const stored = await everythingStored(programme.redis);
    expect(stored).not.toContain(canary);
    expect(stored).not.toContain(`request:${requestId}:intake`);
  });

  it('when another teacher replays a copy into their own hand-assigned conversation, then it is refused', async () => {
    const assignee = await consultant('Second French Guide', 1);
    const kC = await withKeys(assignee);
    const [alice, bob] = [await programme.person('member', 0), await programme.person('member', 1)];
    const [kA, kBob] = [await withKeys(alice), await withKeys(bob)];
    const first = await assignedByHand(alice, kA, 'Second French Guide', 'canary-first-note');
    const second = await assignedByHand(bob, kBob, 'Second French Guide', 'canary-second-note');
    const alicesCopy = await sealIntakeNote(kA, kC.publicKey, first.requestId, 'canary-first-note');

    // Bob cannot write into Alice's conversation, nor pass Alice's request's copy off as his own conversation's.
    const intoAlices = await bob.transport.request('convo:intake-note', {
      conversationId: first.conversationId,
      requestId: first.requestId,
      recipientKey: kC.publicKey,
      ...alicesCopy,
    });
    expect(!intoAlices.ok && intoAlices.error.code).toBe('NOT_FOUND');
    const replayed = await bob.transport.request('convo:intake-note', {
      conversationId: second.conversationId,
      requestId: first.requestId,
      recipientKey: kC.publicKey,
      ...alicesCopy,
    });
    expect(!replayed.ok && replayed.error).toMatchObject({ code: 'CONFLICT', field: 'requestId' });
    // Were it stored under Bob's request anyway, it would not open: the request id is bound into the seal.
    await expect(openIntakeNote(kC, kBob.publicKey, second.requestId, alicesCopy)).rejects.toBeTruthy();
    await expect(openIntakeNote(kC, kA.publicKey, second.requestId, alicesCopy)).rejects.toBeTruthy();
    expect((await viewOf(assignee, second.conversationId)).intakeNote).toBeNull();
    expect((await viewOf(assignee, first.conversationId)).intakeNote).toBeNull();

    // Someone probing a conversation they are not in is cut off by the event's own budget.
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) {
      const ack = await bob.transport.request('convo:intake-note', {
        conversationId: first.conversationId,
        requestId: first.requestId,
        recipientKey: kC.publicKey,
        ...alicesCopy,
      });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(codes).toContain('RATE_LIMITED');
    expect(codes).not.toContain('ok');
  });

  it('when the teacher held no copy of their own, then both are told plainly that the note was not passed on', async () => {
    await consultant('Third French Guide', 1);
    const teacher = await programme.person('member', 0);
    await withKeys(teacher);
    const asked = await teacher.agent.post('/api/support-request', intake);
    const request = asked.body.request as MyRequest;
    const row = (
      (await admin.agent.get('/api/programme/unmatched')).body.requests as UnmatchedRequest[]
    ).find((r) => r.requestId === request.id);
    const choice = row!.consultants.find((c) => c.name === 'Third French Guide')!;
    const assigned = await admin.agent.post(`/api/programme/unmatched/${request.id}/assign`, {
      consultant: choice.id,
    });
    const view = await viewOf(teacher, assigned.body.conversationId as string);
    expect(view.intake).toMatchObject({ noteNotPassedOn: true });
    expect(view.intake).not.toHaveProperty('notePending');
    expect(view.noteToPass).toBeNull();
  });
});
