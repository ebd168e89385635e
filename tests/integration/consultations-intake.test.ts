import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IntakeBody, IntakeSealWork, Offer } from '@staffroom/shared/schemas/consultations';
import { consultationKeys } from '../../server/src/features/consultations/consultations.keys.js';
import type { Identity } from '../../client/src/lib/e2e-crypto.js';
import { openIntakeNote, sealIntakeNote } from '../../client/src/features/consultations/model/intake-seal.js';
import type { TestMember } from '../support/member.js';
import { startProgramme, withKeys, type Programme } from '../support/programme.js';
import { storedEntries } from '../support/redis.js';

/**
 * Issue 10, item 5: the intake note is sealed in the teacher's browser to each consultant it may be offered to,
 * and the consultant sees a per-request name. The offer time is the default (a day), so nothing passes on by
 * itself while the test runs.
 */
let programme: Programme;

const intake: IntakeBody = {
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['messages'],
  preferredTimes: ['mon-pm'],
  hasNote: true,
};

const offersOf = async (m: TestMember): Promise<Offer[]> =>
  (await m.agent.get('/api/consultant/offers')).body.offers;
const workOf = async (m: TestMember): Promise<IntakeSealWork | null> =>
  (await m.agent.get('/api/support-request/notes')).body.work;

/** The keys the consultations feature owns (`consultations.keys.ts`), by their shape. */
function isConsultationKey(key: string): boolean {
  const rest = key.slice(programme.redis.prefix.length);
  return (
    /^(consultants|requests|conversations|feedback)(:|$)/.test(rest) ||
    /^(request|convo):/.test(rest) ||
    /^account:[^:]+:(open-request|conversations|keys)$/.test(rest)
  );
}

beforeAll(async () => {
  programme = await startProgramme();
});

afterAll(async () => {
  await programme?.stop();
});

describe('the sealed intake note', () => {
  it('when a teacher seals the note to the consultants who fit, then each offered one reads it and Redis never holds it, nor the pseudonym', async () => {
    // Best fit first (grade, subject, area), then the grade band, subject and area, then the grade band and
    // subject only; the last has no key yet.
    const c1 = await programme.consultant({ grades: ['1', '2'], subjects: ['mathematics', 'science'] });
    const c2 = await programme.consultant({ grades: ['3'] });
    const c3 = await programme.consultant({ grades: ['1'], areas: ['assessment'] });
    const teacher = await programme.person('member');
    const [k1, k2, kT] = [await withKeys(c1), await withKeys(c2), await withKeys(teacher)];
    const canary = `canary-intake-${Math.random().toString(36).slice(2)} — thirty and no aide`;

    const asked = await teacher.agent.post('/api/support-request', intake);
    expect(asked.status).toBe(201);
    const { id: requestId, alias } = asked.body.request as { id: string; alias: string };
    expect(alias).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{3}$/);
    expect(alias).not.toBe(teacher.pseudonym);
    // The plaintext field is gone: a client that still sends it is refused at the edge.
    expect((await teacher.agent.post('/api/support-request', { ...intake, note: canary })).status).toBe(400);

    // Offered before the browser sealed anything: the consultant is told the note is on its way.
    const [before] = await offersOf(c1);
    expect(before).toMatchObject({ requestId, teacher: alias, noteState: 'pending', note: null });

    // The browser learns whom to seal to: opaque ids and public keys of those with keys, never a name.
    const work = (await workOf(teacher))!;
    expect(work.requestId).toBe(requestId);
    expect(work.self).toBeNull();
    expect(work.recipients.map((r) => r.publicKey).sort()).toEqual([k1.publicKey, k2.publicKey].sort());
    expect(JSON.stringify(work)).not.toMatch(/Mentor|Consultant/);
    // Opaque and particular to the request: not the consultants' account ids.
    for (const c of [c1, c2]) {
      const { id } = (await c.agent.get('/api/me')).body.me as { id: string };
      expect(id.length).toBeGreaterThan(5);
      expect(JSON.stringify(work)).not.toContain(id);
    }
    const idOf = (k: Identity) => work.recipients.find((r) => r.publicKey === k.publicKey)!.consultantId;

    // Another member cannot write copies for this request.
    const intruder = await programme.person('member');
    const sealedFor1 = await sealIntakeNote(kT, k1.publicKey, requestId, canary);
    const noRequest = await intruder.agent.request('PUT', '/api/support-request/notes', {
      requestId,
      copies: [{ consultantId: idOf(k1), publicKey: k1.publicKey, ...sealedFor1 }],
    });
    expect(noRequest.status).toBe(404);
    expect(noRequest.body).toMatchObject({ error: 'NOT_FOUND' });

    const put = await teacher.agent.request('PUT', '/api/support-request/notes', {
      requestId,
      self: await sealIntakeNote(kT, kT.publicKey, requestId, canary),
      copies: [
        ...(await Promise.all(
          [k1, k2].map(async (k) => ({
            consultantId: idOf(k),
            publicKey: k.publicKey,
            ...(await sealIntakeNote(kT, k.publicKey, requestId, canary)),
          })),
        )),
        // Not kept: a consultant id the request cannot reach, and a copy to a key that is not theirs.
        { consultantId: 'someone-else', publicKey: k1.publicKey, ...sealedFor1 },
      ],
    });
    expect(put.status).toBe(200);
    expect(put.body.stored).toBe(2);
    expect((await workOf(teacher))!.recipients).toEqual([]);

    const [offer1] = await offersOf(c1);
    expect(offer1).toMatchObject({ teacher: alias, noteState: 'sealed', teacherPublicKey: kT.publicKey });
    expect(await openIntakeNote(k1, offer1!.teacherPublicKey!, requestId, offer1!.note!)).toBe(canary);
    expect(await offersOf(c2)).toEqual([]);

    // Declined: the next consultant reads their own copy; the one who declined keeps nothing.
    expect((await c1.agent.post(`/api/consultant/offers/${requestId}/decline`)).status).toBe(200);
    const [offer2] = await offersOf(c2);
    expect(offer2).toMatchObject({ requestId, teacher: alias, noteState: 'sealed' });
    expect(await openIntakeNote(k2, offer2!.teacherPublicKey!, requestId, offer2!.note!)).toBe(canary);
    await expect(openIntakeNote(k1, kT.publicKey, requestId, offer2!.note!)).rejects.toBeTruthy();

    // Declined again: the third has no key, and is told so honestly.
    expect((await c2.agent.post(`/api/consultant/offers/${requestId}/decline`)).status).toBe(200);
    expect((await offersOf(c3))[0]).toMatchObject({ noteState: 'no-key', note: null });
    const k3 = await withKeys(c3);
    expect((await offersOf(c3))[0]).toMatchObject({ noteState: 'pending', note: null });
    // The teacher's browser, next time it is open, opens its own copy and seals again to the one missing.
    const later = (await workOf(teacher))!;
    expect(later.recipients.map((r) => r.publicKey)).toEqual([k3.publicKey]);
    const again = await openIntakeNote(kT, kT.publicKey, requestId, later.self!);
    expect(again).toBe(canary);
    expect(
      (
        await teacher.agent.request('PUT', '/api/support-request/notes', {
          requestId,
          copies: [
            {
              consultantId: later.recipients[0]!.consultantId,
              publicKey: k3.publicKey,
              ...(await sealIntakeNote(kT, k3.publicKey, requestId, again)),
            },
          ],
        })
      ).body.stored,
    ).toBe(1);
    const [offer3] = await offersOf(c3);
    expect(await openIntakeNote(k3, offer3!.teacherPublicKey!, requestId, offer3!.note!)).toBe(canary);

    // While the request is open: no canary anywhere, no account pseudonym in any consultation key.
    const k = consultationKeys(programme.redis.prefix);
    const open = await storedEntries(programme.redis);
    expect(open.some((e) => e.key === k.intakeNotes(requestId))).toBe(true);
    expect(open.filter((e) => isConsultationKey(e.key)).length).toBeGreaterThan(5);
    for (const e of open) expect(e.text.includes(canary) || e.key.includes(canary), e.key).toBe(false);
    for (const e of open.filter((x) => isConsultationKey(x.key))) {
      expect(`${e.key}\n${e.text}`.includes(teacher.pseudonym), e.key).toBe(false);
    }

    // Accepted: the conversation carries the alias both ways, and every copy of the note is gone.
    const { conversationId } = (await c3.agent.post(`/api/consultant/offers/${requestId}/accept`)).body;
    const asConsultant = await c3.transport.request('convo:open', { conversationId });
    const asTeacher = await teacher.transport.request('convo:open', { conversationId });
    expect(asConsultant.ok && asConsultant.data.view.peer.name).toBe(alias);
    expect(asTeacher.ok && asTeacher.data.view.seenAs).toBe(alias);
    const summaries = (await c3.agent.get('/api/conversations')).body.conversations;
    expect(summaries[0]).toMatchObject({ id: conversationId, peerName: alias });
    const after = await storedEntries(programme.redis);
    expect(after.some((e) => e.key === k.intakeNotes(requestId))).toBe(false);
    for (const e of after) expect(e.text.includes(canary), e.key).toBe(false);
    for (const e of after.filter((x) => isConsultationKey(x.key))) {
      expect(`${e.key}\n${e.text}`.includes(teacher.pseudonym), e.key).toBe(false);
    }
    // The matched request takes no more copies.
    const late = await teacher.agent.request('PUT', '/api/support-request/notes', { requestId, copies: [] });
    expect(late.status).toBe(404);
  });

  it('when a request is withdrawn, then its sealed copies are deleted; each request has its own name', async () => {
    // An area nobody else offers: this request reaches only this consultant.
    const only = { grades: ['11'], subjects: ['music'], focus: 'resources' } as const;
    const c = await programme.consultant({ ...only, focus: undefined, areas: ['resources'] });
    const teacher = await programme.person('member');
    const [kc, kT] = [await withKeys(c), await withKeys(teacher)];
    const first = (await teacher.agent.post('/api/support-request', { ...intake, ...only })).body.request;
    expect(first.status).toBe('offered');
    const work = (await workOf(teacher))!;
    const mine = work.recipients.find((r) => r.publicKey === kc.publicKey)!;
    await teacher.agent.request('PUT', '/api/support-request/notes', {
      requestId: first.id,
      copies: [{ ...mine, ...(await sealIntakeNote(kT, kc.publicKey, first.id, 'to be withdrawn')) }],
    });
    const k = consultationKeys(programme.redis.prefix);
    const raw = programme.redis.client();
    expect(await raw.exists(k.intakeNotes(first.id))).toBe(1);
    expect((await teacher.agent.del('/api/support-request')).status).toBe(200);
    expect(await raw.exists(k.intakeNotes(first.id))).toBe(0);
    await raw.quit();
    const second = (await teacher.agent.post('/api/support-request', { ...intake, ...only, hasNote: false }))
      .body.request;
    expect(second.alias).not.toBe(first.alias);
    expect((await offersOf(c)).find((o) => o.requestId === second.id)).toMatchObject({
      noteState: 'none',
      teacher: second.alias,
    });
    expect(await workOf(teacher)).toBeNull();
    await teacher.agent.del('/api/support-request');
  });
});

describe('an intake marked urgent by the teacher’s browser', () => {
  it('when an urgent request waits behind an older one, then it is offered first, says urgent, and nothing more', async () => {
    // A grade and area nobody else offers, and no consultant yet: both requests wait.
    const only = { grades: ['9'], subjects: ['french'], focus: 'differentiation' } as const;
    const [calm, atRisk] = [await programme.person('member'), await programme.person('member')];
    const older = (await calm.agent.post('/api/support-request', { ...intake, ...only })).body.request;
    expect(older.status).toBe('waiting');
    // Only a boolean: the reason (the note) is sealed, and never a field of its own.
    const junk = await atRisk.agent.post('/api/support-request', { ...intake, ...only, urgent: 'yes' });
    expect(junk.status).toBe(400);
    const urgent = await atRisk.agent.post('/api/support-request', { ...intake, ...only, urgent: true });
    expect(urgent.status).toBe(201);
    expect(urgent.body.request).toMatchObject({ status: 'waiting', urgent: true });
    expect(older.urgent).toBe(false);

    // A consultant who fits both arrives: the urgent request leads their offers though it came later.
    const c = await programme.consultant({ ...only, focus: undefined, areas: ['differentiation'] });
    const offers = await offersOf(c);
    expect(offers.map((o) => [o.requestId, o.urgent])).toEqual([
      [urgent.body.request.id, true],
      [older.id, false],
    ]);
    for (const m of [calm, atRisk]) expect((await m.agent.del('/api/support-request')).status).toBe(200);
  });
});
