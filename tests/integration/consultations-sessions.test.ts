import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionNoteTemplate, type IntakeBody } from '@staffroom/shared/schemas/consultations';
import { conversationKey } from '../../client/src/lib/e2e-crypto.js';
import { consultationKeys } from '../../server/src/features/consultations/consultations.keys.js';
import { openAs, sealAs } from '../support/sealing.js';
import { startProgramme, withKeys, type Programme } from '../support/programme.js';
import { everythingStored } from '../support/redis.js';

let programme: Programme;

const intake: IntakeBody = {
  grades: ['4'],
  subjects: ['science'],
  reasons: ['new-strategy'],
  focus: 'planning',
  workStyles: ['check-ins'],
  preferredTimes: ['tue-pm'],
};

beforeAll(async () => {
  programme = await startProgramme();
});

afterAll(async () => {
  await programme?.stop();
});

describe('session types and the record of support', () => {
  it('when a consultant schedules a classroom visit with a note from its template, then the teacher opens it, Redis holds only ciphertext, and the record of support names nobody', async () => {
    const c = await programme.consultant({
      displayName: 'Science Four Mentor',
      grades: ['4'],
      subjects: ['science'],
      areas: ['planning'],
      capacity: 2,
      availability: ['tue-pm'],
    });
    const t = await programme.person('member');
    const [cKeys, tKeys] = [await withKeys(c), await withKeys(t)];
    expect((await t.agent.post('/api/support-request', intake)).status).toBe(201);
    const offer = (await c.agent.get('/api/consultant/offers')).body.offers[0];
    const { conversationId } = (await c.agent.post(`/api/consultant/offers/${offer.requestId}/accept`)).body;
    const openC = await c.transport.request('convo:open', { conversationId });
    const openT = await t.transport.request('convo:open', { conversationId });
    const peerOfC = openC.ok ? openC.data.view.peer.publicKey! : '';
    const peerOfT = openT.ok ? openT.data.view.peer.publicKey! : '';
    const teacherAlias = openC.ok ? openC.data.view.peer.name : '';
    expect(teacherAlias).not.toBe('');
    const keyC = await conversationKey(cKeys, peerOfC, conversationId);
    const keyT = await conversationKey(tKeys, peerOfT, conversationId);

    // The observation note, written from its template: headings that describe, never judge.
    const template = sessionNoteTemplate('observation');
    expect(template).toContain('What I noticed:');
    expect(template).toContain('One thing to try:');
    const canary = `canary-observation-${Math.random().toString(36).slice(2)}`;
    const noteText = template.replace('What I noticed:\n', `What I noticed:\n${canary}\n`);
    const visit = await c.transport.request('convo:checkin', {
      conversationId,
      type: 'observation',
      startsAt: Date.now() + 86_400_000,
      durationMinutes: 45,
      note: await sealAs(cKeys, peerOfC, keyC, conversationId, 'checkin', 1, noteText),
    });
    expect(visit.ok && visit.data.type).toBe('observation');

    // A type the product does not know, or a note over the sealed item limit, is refused with a typed error.
    const unknownType = await c.transport.request('convo:checkin', {
      conversationId,
      type: 'evaluation' as 'observation',
      startsAt: Date.now() + 86_400_000,
      durationMinutes: 45,
    });
    expect(!unknownType.ok && unknownType.error.code).toBe('INVALID_PAYLOAD');
    const big = await sealAs(cKeys, peerOfC, keyC, conversationId, 'checkin', 2, 'x'.repeat(20_000));
    const tooBig = await c.transport.request('convo:checkin', {
      conversationId,
      type: 'co-planning',
      startsAt: Date.now() + 86_400_000,
      durationMinutes: 60,
      note: big,
    });
    expect(!tooBig.ok && tooBig.error.code).toBe('INVALID_PAYLOAD');

    // The teacher sees the type and opens the note.
    const view = await t.transport.request('convo:open', { conversationId });
    const shown = view.ok
      ? view.data.view.checkIns.find((x) => x.id === (visit.ok ? visit.data.id : ''))
      : null;
    expect(shown?.type).toBe('observation');
    expect(await openAs(keyT, conversationId, shown!.note!)).toBe(noteText);
    expect((await redisHas(canary)) || (await redisHas('What I noticed'))).toBe(false);

    // A session held last month (stored as the flow stores it: the server refuses to plan in the past).
    const held = Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 14, 15, 0);
    const raw = programme.redis.client();
    await raw.hset(
      consultationKeys(programme.redis.prefix).checkIns(conversationId),
      'heldvisit1',
      JSON.stringify({
        id: 'heldvisit1',
        type: 'co-planning',
        startsAt: held,
        durationMinutes: 90,
        proposedBy: 'teacher',
        status: 'accepted',
        note: null,
      }),
    );
    await raw.quit();

    const record = (await c.agent.get('/api/consultant/recognition')).body.record;
    const heldMonth = new Date(held).toISOString().slice(0, 7);
    expect(record.months).toContainEqual({ month: heldMonth, hours: 1.5, sessions: 1, teachers: 1 });
    expect(record.totals).toEqual({ hours: 1.5, sessions: 1, teachers: 1 });
    const csv = await c.agent.get('/api/consultant/recognition.csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(String(csv.body)).toContain(`${heldMonth},1.5,1,1`);
    expect(String(csv.body)).toContain('total,1.5,1,1');

    // No teacher identifiable: not the pseudonym, the account id, the conversation's alias or id, nor a day.
    const teacherId: unknown = (await t.agent.get('/api/me')).body.me.id;
    expect(typeof teacherId).toBe('string');
    const day = new Date(held).toISOString().slice(0, 10);
    for (const out of [JSON.stringify(record), String(csv.body)]) {
      for (const secret of [
        t.pseudonym,
        String(teacherId),
        teacherAlias,
        conversationId,
        offer.requestId,
        day,
      ]) {
        expect(out.includes(secret), secret).toBe(false);
      }
    }

    // The teacher supported nobody: their record is empty.
    const own = (await t.agent.get('/api/consultant/recognition')).body.record;
    expect(own).toEqual({ months: [], totals: { hours: 0, sessions: 0, teachers: 0 } });
  });
});

async function redisHas(text: string): Promise<boolean> {
  return (await everythingStored(programme.redis)).includes(text);
}
