import { describe, expect, it } from 'vitest';
import type { Principal } from '../../platform/principal.js';
import { createMemoryConsultationStore } from './consultations.memory-store.js';
import { createConsultationService } from './consultations.service.js';
import type { ConsultantRecord, RequestRecord } from './consultations.store.js';

/** After the review of 2026-12-06: matching honours the kind asked for and global bans; coordinator figures use k. */
const as = (accountId: string, role: Principal['role']): Principal => ({
  accountId,
  sessionId: `s-${accountId}`,
  tokenHash: `h-${accountId}`,
  pseudonym: accountId,
  role,
});
const admin = as('admin', 'admin');

const consultant = (accountId: string, extra: Partial<ConsultantRecord> = {}): ConsultantRecord => ({
  accountId,
  displayName: `Helper ${accountId}`,
  grades: ['2'],
  subjects: ['mathematics'],
  areas: ['classroom-management'],
  capacity: 3,
  availability: ['mon-pm'],
  paused: false,
  kinds: ['peer-support'],
  schoolHash: '',
  districtHash: '',
  updatedAt: 1,
  ...extra,
});
const waiting = (id: string, extra: Partial<RequestRecord> = {}): RequestRecord => ({
  id,
  teacherId: `teacher-${id}`,
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['challenging-class'],
  focus: 'classroom-management',
  workStyles: ['messages'],
  preferredTimes: ['mon-pm'],
  hasNote: false,
  schoolHash: 'school-x',
  districtHash: '',
  status: 'waiting',
  createdAt: 1,
  offeredTo: null,
  offerExpiresAt: null,
  matchedOn: '',
  passed: [],
  conversationId: null,
  ...extra,
});

function setup(opts: { banned?: string[]; now?: () => number } = {}) {
  const store = createMemoryConsultationStore();
  const banned = new Set(opts.banned ?? []);
  const service = createConsultationService({
    store,
    pepper: 'test-pepper-0123456789abcdefghijklmnopqrstuvwxyz',
    offerMs: 60_000,
    notify: { offers: () => {}, request: () => {}, conversation: () => {}, message: () => {} },
    roleOf: async () => 'consultant',
    isBanned: async (id) => banned.has(id),
    ...(opts.now ? { now: opts.now } : {}),
  });
  return { store, service };
}

describe('matching: the kind of support asked for', () => {
  it('when a request asks for mentorship, then only consultants offering it are listed, and assigning another is refused', async () => {
    const { store, service } = setup();
    await store.saveConsultant(consultant('peer-only', { paused: true }));
    await store.saveConsultant(consultant('mentor', { kinds: ['mentorship'], paused: true }));
    await store.createRequest(waiting('r1', { kind: 'mentorship' }));
    const [listed] = await service.unmatched(admin);
    expect(listed?.consultants.map((c) => c.name)).toEqual(['Helper mentor']);
    expect(listed?.reason).toBe('unavailable'); // the mentor is paused; the peer-only one does not count
    // A crafted form: the peer-only consultant's opaque id for this request (read while they offered it too).
    await store.saveConsultant(consultant('peer-only', { paused: true, kinds: ['mentorship'] }));
    const refs = Object.fromEntries(
      ((await service.unmatched(admin))[0]?.consultants ?? []).map((c) => [c.name, c.id]),
    );
    await store.saveConsultant(consultant('peer-only', { paused: true }));
    await expect(service.assign(admin, 'r1', refs['Helper peer-only']!)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(service.assign(admin, 'r1', refs['Helper mentor']!)).resolves.toMatchObject({
      conversationId: expect.any(String),
    });
  });
});

describe('matching: consultants banned from Staffroom', () => {
  it('when a consultant is banned, then requests are never offered to them, listed with them, or assigned to them', async () => {
    const { store, service } = setup({ banned: ['banned'] });
    await store.saveConsultant(consultant('banned'));
    await store.createRequest(waiting('r1'));
    // A profile save by anyone rematches every waiting request.
    await service.saveProfile(as('other', 'consultant'), {
      displayName: 'Helper other',
      grades: ['5'],
      subjects: ['science'],
      areas: ['planning'],
      capacity: 1,
      availability: [],
      paused: true,
      kinds: ['peer-support'],
    });
    expect((await store.getRequest('r1'))?.status).toBe('waiting');
    expect(await store.offersFor('banned')).toEqual([]);
    const [listed] = await service.unmatched(admin);
    expect(listed?.consultants.map((c) => c.name)).toEqual(['Helper other']);
    expect(listed?.reason).not.toBe('unavailable');
  });
});

describe('coordinator figures', () => {
  it('when fewer than k wait or are in support, then the counts are hidden; feedback shows only ended months with k answers', async () => {
    let now = Date.UTC(2026, 11, 6);
    const { store, service } = setup({ now: () => now });
    await store.createRequest(waiting('r1'));
    const few = await service.programme(admin);
    expect(few).toMatchObject({ waiting: null, offered: null, active: null });
    for (let i = 0; i < 5; i++)
      await store.addFeedback({ helpfulness: 4, recommend: true, comment: '', month: '2026-12' });
    await store.addFeedback({ helpfulness: 1, recommend: false, comment: '', month: '2026-11' });
    // This month is still open (a new answer would show its author's score); November has one answer.
    expect((await service.programme(admin)).feedback.responses).toBeNull();
    now = Date.UTC(2027, 0, 2);
    const january = await service.programme(admin);
    expect(january.feedback).toMatchObject({ responses: 5, meanHelpfulness: 4, recommendShare: 1 });
    // January's answers are not shown while January is open.
    await store.addFeedback({ helpfulness: 5, recommend: true, comment: '', month: '2027-01' });
    expect((await service.programme(admin)).feedback.responses).toBe(5);
    for (let i = 0; i < 5; i++) await store.createRequest(waiting(`w${i}`));
    expect((await service.programme(admin)).waiting).toBe(6);
  });
});

describe('embedded mode: client ids of messages', () => {
  it('when a client id is older than 24 h, then it is forgotten (as Redis expires it), so the map stays bounded', async () => {
    const store = createMemoryConsultationStore();
    const send = (clientId: string, now: number) =>
      store.appendMessage('c1', {
        from: 'teacher',
        ciphertext: 'QUJD',
        iv: 'AAAAAAAAAAAAAAAA',
        clientId,
        now,
      });
    expect(await send('cid-0001', 0)).toEqual({ seq: 1, ts: 0, duplicate: false });
    expect(await send('cid-0001', 3600_000)).toEqual({ seq: 1, ts: 0, duplicate: true });
    // A day later the first id is gone: the same id is a new message.
    expect(await send('cid-0002', 24 * 3600_000 + 1)).toMatchObject({ seq: 2, duplicate: false });
    expect(await send('cid-0001', 24 * 3600_000 + 2)).toMatchObject({ seq: 3, duplicate: false });
  });
});
