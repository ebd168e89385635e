import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/principal.js';
import { createMemoryConsultationStore } from './consultations.memory-store.js';
import { createConsultationService } from './consultations.service.js';
import type { ConversationRecord } from './consultations.store.js';

const DAY = 24 * 3600_000;
const principal = (accountId: string, role: Principal['role']): Principal => ({
  accountId,
  sessionId: `s-${accountId}`,
  tokenHash: `h-${accountId}`,
  pseudonym: accountId,
  role,
});
const convo = (
  id: string,
  createdAt: number,
  extra: Partial<ConversationRecord> = {},
): ConversationRecord => ({
  id,
  teacherId: `teacher-${id}`,
  consultantId: 'consultant',
  teacherName: `Calm Heron ${id}`,
  consultantName: 'Guide',
  createdAt,
  status: 'active',
  closeProposedBy: null,
  feedbackDone: false,
  blocked: false,
  ...extra,
});

async function setUp(termEndsAt: string | null) {
  const store = createMemoryConsultationStore();
  let clock = Date.parse('2027-03-01T12:00:00Z');
  const service = createConsultationService({
    store,
    pepper: 'pepper',
    offerMs: DAY,
    notify: { offers() {}, request() {}, conversation() {}, message() {} },
    now: () => clock,
  });
  await store.saveConsultant({
    accountId: 'consultant',
    displayName: 'Guide',
    grades: ['2'],
    subjects: ['mathematics'],
    areas: ['planning'],
    capacity: 12,
    availability: [],
    paused: false,
    kinds: ['peer-support', 'mentorship'],
    ...(termEndsAt ? { commitment: 'released' as const, termEndsAt } : { commitment: 'volunteer' as const }),
    schoolHash: '',
    districtHash: '',
    updatedAt: clock,
  });
  return { store, service, at: (ms: number) => (clock = ms), now: () => clock };
}

describe('caseload', () => {
  it('says how long each has run, its last activity and the sessions held, and suggests tapering off a long one', async () => {
    const { store, service, now } = await setUp(null);
    const start = now();
    await store.saveConversation(convo('long', start - 11 * 7 * DAY));
    await store.saveConversation(convo('mentoring', start - 11 * 7 * DAY, { kind: 'mentorship' }));
    await store.saveConversation(convo('recent', start - 2 * DAY));
    await store.saveConversation(convo('ended', start - 20 * 7 * DAY, { status: 'closed', closedAt: start }));
    await store.saveConversation(convo('winding-down', start - 12 * 7 * DAY, { status: 'closing' }));
    // One session held (accepted and over), one proposed, one accepted but still ahead.
    for (const [id, startsAt, status] of [
      ['held', start - 3 * DAY, 'accepted'],
      ['proposed', start - 2 * DAY, 'proposed'],
      ['ahead', start + DAY, 'accepted'],
    ] as const) {
      await store.saveCheckIn('long', {
        id,
        type: 'follow-up',
        startsAt,
        durationMinutes: 30,
        proposedBy: 'consultant',
        status,
        note: null,
      });
    }
    await store.appendMessage('recent', {
      from: 'teacher',
      ciphertext: 'AAAA',
      iv: 'AAAAAAAAAAAAAAAA',
      clientId: 'm1',
      now: start - DAY,
    });

    const caseload = await service.caseload(principal('consultant', 'consultant'));
    expect(caseload).toMatchObject({ commitment: 'volunteer', termEndsAt: null, capacity: 3 });
    const byId = Object.fromEntries(caseload.entries.map((e) => [e.id, e]));
    expect(Object.keys(byId).sort()).toEqual(['long', 'mentoring', 'recent', 'winding-down']);
    expect(byId.long).toMatchObject({ sessionsHeld: 1, taper: 'long-running', peerName: 'Calm Heron long' });
    expect(byId.long?.lastActivityAt).toBe(start - 3 * DAY + 30 * 60_000);
    // Mentorship runs a school year: 11 weeks is not long.
    expect(byId.mentoring).toMatchObject({ kind: 'mentorship', taper: null, sessionsHeld: 0 });
    expect(byId.recent).toMatchObject({ taper: null, lastActivityAt: start - DAY });
    // Already tapering off: no reminder.
    expect(byId['winding-down']).toMatchObject({ status: 'closing', taper: null });
    // Longest-running first.
    expect(caseload.entries[0]?.id).toBe('winding-down');
  });

  it('suggests tapering off every conversation in the last weeks of a release, and only for consultants', async () => {
    const { store, service, now, at } = await setUp('2027-03-31');
    await store.saveConversation(convo('one', now() - DAY));
    expect((await service.caseload(principal('consultant', 'consultant'))).entries[0]?.taper).toBe(null);
    at(Date.parse('2027-03-15T09:00:00Z'));
    const caseload = await service.caseload(principal('consultant', 'consultant'));
    expect(caseload).toMatchObject({ commitment: 'released', termEndsAt: '2027-03-31', capacity: 12 });
    expect(caseload.entries[0]?.taper).toBe('term-ending');
    await expect(service.caseload(principal('teacher-one', 'member'))).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
