import { KDF_VERSION } from '@staffroom/shared/crypto/passphrase-kdf';
import { describe, expect, it } from 'vitest';
import { createMemoryConsultationStore } from '../../server/src/features/consultations/consultations.memory-store.js';
import { createRedisConsultationStore } from '../../server/src/features/consultations/consultations.redis-store.js';
import type {
  ConsultationStore,
  ConversationRecord,
  RequestRecord,
} from '../../server/src/features/consultations/consultations.store.js';
import { FEEDBACK_KEPT } from '../../server/src/features/consultations/consultations.store.js';
import { contractBackends } from '../support/contract.js';

/** The consultations store: one behaviour for embedded (memory) and Redis mode. */
const backends = contractBackends<ConsultationStore>(
  createMemoryConsultationStore,
  createRedisConsultationStore,
);

const request = (id: string, extra: Partial<RequestRecord> = {}): RequestRecord => ({
  id,
  teacherId: 'teacher',
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['other'],
  focus: 'planning',
  workStyles: ['messages'],
  preferredTimes: [],
  hasNote: true,
  schoolHash: 'h1',
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
const conversation = (id: string): ConversationRecord => ({
  id,
  teacherId: 'teacher',
  consultantId: 'consultant',
  teacherName: 'QuietOwl1',
  consultantName: 'Mentor',
  createdAt: 1,
  status: 'active',
  closeProposedBy: null,
  feedbackDone: false,
  blocked: false,
});

describe.each(backends)('consultations store contract: %s', (_name, make) => {
  it('issue 16: the kind of support and the pinned intake round-trip with requests, conversations and consultant profiles', async () => {
    const store = make();
    const intake = {
      grades: ['2' as const],
      subjects: ['mathematics' as const],
      reasons: ['other' as const],
      focus: 'planning' as const,
      workStyles: ['messages' as const],
      preferredTimes: ['mon-am'],
    };
    expect(await store.createRequest(request('kind-r', { kind: 'mentorship' }))).toBe(true);
    expect((await store.getRequest('kind-r'))?.kind).toBe('mentorship');
    expect((await store.waitingRequests()).find((r) => r.id === 'kind-r')?.kind).toBe('mentorship');
    await store.saveConversation({ ...conversation('kind-c'), kind: 'mentorship', intake });
    expect(await store.getConversation('kind-c')).toMatchObject({ kind: 'mentorship', intake });
    expect((await store.conversationsOf('teacher')).find((c) => c.id === 'kind-c')?.intake).toEqual(intake);
    // Stored before kinds existed: nothing is invented on read.
    await store.saveConversation(conversation('old-c'));
    const old = await store.getConversation('old-c');
    expect(old?.kind).toBeUndefined();
    expect(old?.intake).toBeUndefined();
    await store.saveConsultant({
      accountId: 'mentor',
      displayName: 'Mentor',
      grades: ['2'],
      subjects: ['mathematics'],
      areas: ['planning'],
      capacity: 3,
      availability: [],
      paused: false,
      kinds: ['mentorship'],
      schoolHash: '',
      districtHash: '',
      updatedAt: 1,
    });
    expect((await store.getConsultant('mentor'))?.kinds).toEqual(['mentorship']);
    expect((await store.listConsultants()).find((c) => c.accountId === 'mentor')?.kinds).toEqual([
      'mentorship',
    ]);
  });

  it('issue 16: shared resources (capped per conversation, removed with their document) and the pinned intake note go with the conversation and with an erased side', async () => {
    const store = make();
    const res = (id: string, from: 'teacher' | 'consultant', documentSize = 0) => ({
      id,
      from,
      ts: 5,
      ciphertext: 'QUJD',
      iv: 'AAAAAAAAAAAAAAAA',
      documentSize,
    });
    await store.saveConversation(conversation('res-c'));
    expect(await store.addResource('res-c', res('r1', 'teacher'), null, 3)).toBe(true);
    expect(await store.addResource('res-c', res('r2', 'consultant', 8), 'RE9DVU1FTlQ=', 3)).toBe(true);
    expect(await store.addResource('res-c', res('r3', 'teacher'), null, 3)).toBe(true);
    // The cap: nothing more is stored, document included.
    expect(await store.addResource('res-c', res('r4', 'teacher', 8), 'RE9DVU1FTlQ=', 3)).toBe(false);
    expect(await store.resourceDocument('res-c', 'r4')).toBeNull();
    expect((await store.resources('res-c')).map((r) => r.id).sort()).toEqual(['r1', 'r2', 'r3']);
    expect(await store.resourceDocument('res-c', 'r2')).toBe('RE9DVU1FTlQ=');
    await store.removeResource('res-c', 'r3');
    expect((await store.resources('res-c')).map((r) => r.id).sort()).toEqual(['r1', 'r2']);
    const note = { requestId: 'req-1', ciphertext: 'Tk9URQ==', iv: 'AAAAAAAAAAAAAAAA' };
    await store.pinIntakeNote('res-c', note);
    expect(await store.intakeNoteOf('res-c')).toEqual(note);

    // The consultant erases their account: what they shared and the note go; the teacher's link stays.
    await store.eraseAccount('consultant', 50, 'A former consultant');
    expect((await store.resources('res-c')).map((r) => r.id)).toEqual(['r1']);
    expect(await store.resourceDocument('res-c', 'r2')).toBeNull();
    expect(await store.intakeNoteOf('res-c')).toBeNull();

    // Retention: a closed conversation past the cutoff goes with its resources and note.
    await store.saveConversation({ ...conversation('res-old'), status: 'closed', closedAt: 100 });
    await store.addResource('res-old', res('d1', 'teacher', 8), 'RE9DVU1FTlQ=', 3);
    await store.pinIntakeNote('res-old', note);
    await store.purgeFinished(200, 100);
    expect(await store.resources('res-old')).toEqual([]);
    expect(await store.resourceDocument('res-old', 'd1')).toBeNull();
    expect(await store.intakeNoteOf('res-old')).toBeNull();
  });

  it('a note passed on after a hand assignment is pinned once: a second copy never replaces the first, and the record keeps where it came from until cleared', async () => {
    const store = make();
    const record: ConversationRecord = { ...conversation('once-c'), noteFrom: 'req-9' };
    await store.saveConversation(record);
    expect((await store.getConversation('once-c'))?.noteFrom).toBe('req-9');
    const first = { requestId: 'req-9', ciphertext: 'RklSU1Q=', iv: 'AAAAAAAAAAAAAAAA' };
    expect(await store.pinIntakeNoteOnce('once-c', first)).toBe(true);
    expect(await store.pinIntakeNoteOnce('once-c', { ...first, ciphertext: 'U0VDT05E' })).toBe(false);
    expect(await store.intakeNoteOf('once-c')).toEqual(first);
    const { noteFrom: _from, ...cleared } = record;
    expect(await store.replaceConversation(record, cleared)).toBe(true);
    expect(await store.getConversation('once-c')).not.toHaveProperty('noteFrom');
  });

  it('a close decided on a record read before the note was passed on is refused (the note fields are compared): it never writes back the note to pass on', async () => {
    const store = make();
    const intake = {
      grades: ['2' as const],
      subjects: ['mathematics' as const],
      reasons: ['other' as const],
      focus: 'planning' as const,
      workStyles: ['messages' as const],
      preferredTimes: ['mon-pm' as const],
    };
    const before: ConversationRecord = {
      ...conversation('race-c'),
      noteFrom: 'req-9',
      intake: { ...intake, noteNotPassedOn: true },
    };
    await store.saveConversation(before);
    const passedOn: ConversationRecord = { ...conversation('race-c'), intake };
    expect(await store.replaceConversation(before, passedOn)).toBe(true);
    expect(await store.replaceConversation(before, { ...before, status: 'closed', closedAt: 2 })).toBe(false);
    expect(await store.getConversation('race-c')).toEqual(passedOn);
    // Decided again on the fresh record, it goes through.
    expect(await store.replaceConversation(passedOn, { ...passedOn, status: 'closed', closedAt: 2 })).toBe(
      true,
    );
    // Only the flag left to clear (a record written by an older version): compared as well.
    const flagOnly: ConversationRecord = {
      ...conversation('flag-c'),
      intake: { ...intake, noteNotPassedOn: true },
    };
    await store.saveConversation(flagOnly);
    expect(await store.replaceConversation(flagOnly, { ...flagOnly, intake })).toBe(true);
    expect(await store.replaceConversation(flagOnly, { ...flagOnly, status: 'closed' })).toBe(false);
  });

  it('retention (issue 12): a trimmed stream keeps about the newest `keep` messages; feedback keeps the newest FEEDBACK_KEPT', async () => {
    const store = make();
    for (let i = 1; i <= 600; i++) {
      await store.appendMessage('long', {
        from: i % 2 ? 'teacher' : 'consultant',
        ciphertext: 'QUJD',
        iv: 'AAAAAAAAAAAAAAAA',
        clientId: `trim-${i}`,
        now: i,
      });
    }
    // The caseload's last activity: the newest message's time, before and after trimming; null with none.
    expect(await store.lastMessageAt('long')).toBe(600);
    expect(await store.lastMessageAt('never-written')).toBeNull();
    await store.trimMessages('long', 100);
    expect(await store.lastMessageAt('long')).toBe(600);
    const left = await store.messages('long', 0, 1_000);
    // Whole storage nodes on Redis (about 100 entries each): at least `keep`, never much more, always the newest.
    expect(left.messages.length).toBeGreaterThanOrEqual(100);
    expect(left.messages.length).toBeLessThanOrEqual(250);
    expect(left.messages.at(-1)?.seq).toBe(600);
    const seqs = left.messages.map((m) => m.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => 601 - seqs.length + i));

    for (let i = 0; i < FEEDBACK_KEPT + 25; i++)
      await store.addFeedback({
        helpfulness: (i % 5) + 1,
        recommend: i % 2 === 0,
        comment: `entry ${i}`,
        month: '2026-11',
      });
    const kept = await store.feedback();
    expect(kept).toHaveLength(FEEDBACK_KEPT);
    expect(kept.at(-1)?.comment).toBe(`entry ${FEEDBACK_KEPT + 24}`);
    expect(kept[0]?.comment).toBe('entry 25');
  }, 120_000);

  it('intake notes: sealed copies per holder, replaced, dropped by holder, dropped with the request', async () => {
    const store = make();
    const copy = (n: number) => ({ ciphertext: `c${n}`, iv: `i${n}`, keys: `k${n}` });
    await store.saveIntakeNotes('r1', { ':self': copy(0), c1: copy(1), c2: copy(2) }, []);
    await store.saveIntakeNotes('r2', { c1: copy(9) }, []);
    expect(await store.intakeNote('r1', 'c1')).toEqual(copy(1));
    expect(await store.intakeNote('r1', 'c3')).toBeNull();
    await store.saveIntakeNotes('r1', { c1: copy(3) }, ['c2']);
    expect(await store.intakeNotes('r1')).toEqual({ ':self': copy(0), c1: copy(3) });
    await store.dropIntakeNotes('r1');
    expect(await store.intakeNotes('r1')).toEqual({});
    expect(await store.intakeNote('r1', ':self')).toBeNull();
    expect(await store.intakeNotes('r2')).toEqual({ c1: copy(9) });
  });

  it('requests: one open per teacher; compare-and-set transitions; offer and waiting indexes follow', async () => {
    const store = make();
    expect(await store.createRequest(request('r1'))).toBe(true);
    expect(await store.createRequest(request('r2'))).toBe(false);
    expect((await store.waitingRequests()).map((r) => r.id)).toEqual(['r1']);
    const offered = request('r1', { status: 'offered', offeredTo: 'c1', offerExpiresAt: 100 });
    expect(await store.updateRequest({ status: 'waiting', offeredTo: null }, offered)).toBe(true);
    // A second transition from the stale state loses.
    expect(
      await store.updateRequest(
        { status: 'waiting', offeredTo: null },
        request('r1', { status: 'withdrawn' }),
      ),
    ).toBe(false);
    expect((await store.offersFor('c1')).map((r) => r.id)).toEqual(['r1']);
    expect(await store.offersFor('c2')).toEqual([]);
    expect(await store.waitingRequests()).toEqual([]);
    expect((await store.expiredOffers(50)).map((r) => r.id)).toEqual([]);
    expect((await store.expiredOffers(100)).map((r) => r.id)).toEqual(['r1']);
    const [accept, expire] = await Promise.all([
      store.updateRequest(
        { status: 'offered', offeredTo: 'c1' },
        { ...offered, status: 'matched', conversationId: 'x' },
      ),
      store.updateRequest(
        { status: 'offered', offeredTo: 'c1' },
        { ...offered, offeredTo: 'c2', passed: ['c1'] },
      ),
    ]);
    expect([accept, expire].filter(Boolean)).toHaveLength(1);
    if (accept) {
      expect(await store.openRequestOf('teacher')).toBeNull();
      expect(await store.createRequest(request('r3'))).toBe(true);
    }
    expect((await store.getRequest('r1'))?.status).toBe(accept ? 'matched' : 'offered');
  });

  it('conversations: listed for both parties; messages get seqs, a repeated client id answers the first result', async () => {
    const store = make();
    await store.saveConversation(conversation('v1'));
    expect((await store.conversationsOf('teacher')).map((c) => c.id)).toEqual(['v1']);
    expect((await store.conversationsOf('consultant')).map((c) => c.id)).toEqual(['v1']);
    expect(await store.conversationsOf('nobody')).toEqual([]);
    const first = await store.appendMessage('v1', {
      from: 'teacher',
      ciphertext: 'QUJD',
      iv: 'AAAAAAAAAAAAAAAA',
      clientId: 'cid-0001',
      now: 5,
    });
    expect(first).toEqual({ seq: 1, ts: 5, duplicate: false });
    expect(
      await store.appendMessage('v1', {
        from: 'teacher',
        ciphertext: 'WFla',
        iv: 'AAAAAAAAAAAAAAAA',
        clientId: 'cid-0001',
        now: 9,
      }),
    ).toEqual({
      seq: 1,
      ts: 5,
      duplicate: true,
    });
    await store.appendMessage('v1', {
      from: 'consultant',
      ciphertext: 'REVG',
      iv: 'BBBBBBBBBBBBBBBB',
      clientId: 'cid-0002',
      now: 6,
    });
    const page = await store.messages('v1', 0, 1);
    expect(page.more).toBe(true);
    expect(page.messages[0]).toMatchObject({ seq: 1, from: 'teacher', ciphertext: 'QUJD' });
    expect((await store.messages('v1', 1, 10)).messages.map((m) => [m.seq, m.from])).toEqual([
      [2, 'consultant'],
    ]);
  });

  it('goals, check-ins, keys and anonymous feedback round-trip', async () => {
    const store = make();
    await store.saveGoal('v1', { id: 'g1', ciphertext: 'QQ==', iv: 'AAAAAAAAAAAAAAAA', updatedAt: 1 });
    await store.saveGoal('v1', { id: 'g1', ciphertext: 'Qg==', iv: 'AAAAAAAAAAAAAAAA', updatedAt: 2 });
    expect(await store.goals('v1')).toEqual([
      { id: 'g1', ciphertext: 'Qg==', iv: 'AAAAAAAAAAAAAAAA', updatedAt: 2 },
    ]);
    const checkIn = {
      id: 'k1',
      startsAt: 10,
      durationMinutes: 30,
      proposedBy: 'teacher' as const,
      status: 'proposed' as const,
      note: null,
    };
    await store.saveCheckIn('v1', checkIn);
    expect(await store.checkIns('v1')).toEqual([checkIn]);
    expect(await store.getKeys('a')).toBeNull();
    const bundle = {
      publicKey: 'p'.repeat(60),
      wrappedPrivateKey: 'w'.repeat(60),
      wrapIv: 'AAAAAAAAAAAAAAAA',
      kdf: KDF_VERSION,
    };
    await store.saveKeys('a', bundle);
    expect(await store.getKeys('a')).toEqual(bundle);
    await store.addFeedback({ helpfulness: 4, recommend: true, comment: '', month: '2026-11' });
    expect(await store.feedback()).toEqual([
      { helpfulness: 4, recommend: true, comment: '', month: '2026-11' },
    ]);
  });

  it('per-sender counters: a message or a claim at or below the last one is refused and changes nothing', async () => {
    const store = make();
    const meta = (counter: number) => ({
      v: 2 as const,
      kind: 'message' as const,
      sender: 'A'.repeat(43),
      recipient: 'D'.repeat(43),
      counter,
      commitment: 'C'.repeat(43),
    });
    const send = (counter: number, clientId: string, from: 'teacher' | 'consultant' = 'teacher') =>
      store.appendMessage('n1', {
        from,
        ciphertext: 'QUJD',
        iv: 'AAAAAAAAAAAAAAAA',
        meta: meta(counter),
        clientId,
        now: 1,
      });
    expect(await send(3, 'cid-a')).toEqual({ seq: 1, ts: 1, duplicate: false });
    expect((await send(3, 'cid-b')).stale).toBe(true); // the same counter again
    expect((await send(2, 'cid-c')).stale).toBe(true); // a lower one
    expect(await send(3, 'cid-a')).toEqual({ seq: 1, ts: 1, duplicate: true }); // a retry is not a replay
    expect(await send(1, 'cid-d', 'consultant')).toMatchObject({ seq: 2, duplicate: false }); // per side
    expect((await store.messages('n1', 0, 10)).messages.map((m) => m.meta?.counter)).toEqual([3, 1]);
    expect(await store.lastCounter('n1', 'teacher')).toBe(3);
    expect(await store.claimCounter('n1', 'teacher', 3)).toBe(false);
    expect(await store.claimCounter('n1', 'teacher', 4)).toBe(true);
    expect((await send(4, 'cid-e')).stale).toBe(true);
    expect(await store.lastCounter('n1', 'teacher')).toBe(4);
    expect(await store.lastCounter('other', 'teacher')).toBe(0);
  });

  it('pins: one sealed pin per side of a conversation, replaced on save', async () => {
    const store = make();
    expect(await store.getPin('p1', 'teacher')).toBeNull();
    await store.savePin('p1', 'teacher', { ciphertext: 'QUJD', iv: 'AAAAAAAAAAAAAAAA' });
    await store.savePin('p1', 'teacher', { ciphertext: 'REVG', iv: 'AAAAAAAAAAAAAAAA' });
    expect(await store.getPin('p1', 'teacher')).toEqual({ ciphertext: 'REVG', iv: 'AAAAAAAAAAAAAAAA' });
    expect(await store.getPin('p1', 'consultant')).toBeNull();
  });

  it('retention: finished requests and closed conversations past the cutoff go with all they hold', async () => {
    const store = make();
    const fill = async (id: string) => {
      await store.appendMessage(id, {
        from: 'teacher',
        ciphertext: 'QUJD',
        iv: 'AAAAAAAAAAAAAAAA',
        clientId: `cid-${id}`,
        now: 5,
      });
      await store.saveGoal(id, { id: 'g1', ciphertext: 'QQ==', iv: 'AAAAAAAAAAAAAAAA', updatedAt: 1 });
      await store.saveCheckIn(id, {
        id: 'k1',
        startsAt: 10,
        durationMinutes: 30,
        proposedBy: 'teacher',
        status: 'proposed',
        note: null,
      });
      await store.savePin(id, 'teacher', { ciphertext: 'QUJD', iv: 'AAAAAAAAAAAAAAAA' });
      await store.claimCounter(id, 'consultant', 7);
    };
    const emptied = async (id: string) => {
      expect((await store.messages(id, 0, 10)).messages).toEqual([]);
      expect(await store.goals(id)).toEqual([]);
      expect(await store.checkIns(id)).toEqual([]);
      expect(await store.getPin(id, 'teacher')).toBeNull();
      expect(await store.lastCounter(id, 'consultant')).toBe(0);
    };
    for (const id of ['old', 'recent', 'open', 'blocked']) {
      await store.saveConversation(conversation(id));
      await fill(id);
    }
    await store.saveConversation({ ...conversation('old'), status: 'closed', closedAt: 100 });
    await store.saveConversation({ ...conversation('recent'), status: 'closed', closedAt: 300 });
    await store.saveConversation({
      ...conversation('blocked'),
      status: 'closed',
      closedAt: 100,
      blocked: true,
    });
    // Requests: one withdrawn long ago (with a stray intake copy), one matched recently, one still waiting.
    await store.createRequest(request('r-old'));
    await store.saveIntakeNotes('r-old', { ':self': { ciphertext: 'c', iv: 'i', keys: 'k' } }, []);
    await store.updateRequest(
      { status: 'waiting', offeredTo: null },
      request('r-old', { status: 'withdrawn', finishedAt: 100 }),
    );
    await store.createRequest(request('r-new', { teacherId: 'teacher2' }));
    await store.updateRequest(
      { status: 'waiting', offeredTo: null },
      request('r-new', { teacherId: 'teacher2', status: 'matched', finishedAt: 300 }),
    );
    await store.createRequest(request('r-open', { teacherId: 'teacher3', createdAt: 0 }));

    expect(await store.purgeFinished(200, 100)).toBe(3); // r-old, old, blocked
    expect(await store.getRequest('r-old')).toBeNull();
    expect(await store.intakeNotes('r-old')).toEqual({});
    expect((await store.getRequest('r-new'))?.status).toBe('matched');
    expect((await store.getRequest('r-open'))?.status).toBe('waiting');
    expect(await store.getConversation('old')).toBeNull();
    await emptied('old');
    // Its client id is forgotten too: the same id now stores a new message instead of answering the old one.
    expect(
      (
        await store.appendMessage('old', {
          from: 'teacher',
          ciphertext: 'QUJD',
          iv: 'AAAAAAAAAAAAAAAA',
          clientId: 'cid-old',
          now: 9,
        })
      ).duplicate,
    ).toBe(false);
    // The blocked pair keeps its bare record (so they are never matched again), without content.
    expect(await store.getConversation('blocked')).toMatchObject({ blocked: true, status: 'closed' });
    await emptied('blocked');
    expect((await store.conversationsOf('teacher')).map((c) => c.id).sort()).toEqual([
      'blocked',
      'open',
      'recent',
    ]);
    expect((await store.goals('recent')).length).toBe(1);
    expect((await store.messages('open', 0, 10)).messages.length).toBe(1);
    // A second sweep (another node) with the same cutoff finds nothing left to do.
    expect(await store.purgeFinished(200, 100)).toBe(0);
    // Later, the recent ones go as well; the open request and the active conversation stay.
    expect(await store.purgeFinished(1_000, 100)).toBe(2);
    expect(await store.getRequest('r-new')).toBeNull();
    expect(await store.getConversation('recent')).toBeNull();
    await emptied('recent');
    expect((await store.getRequest('r-open'))?.status).toBe('waiting');
    expect((await store.conversationsOf('consultant')).map((c) => c.id).sort()).toEqual(['blocked', 'open']);
  });

  it('retention: a sweep takes at most `limit` of each kind', async () => {
    const store = make();
    for (const id of ['a', 'b', 'c']) {
      await store.saveConversation({ ...conversation(id), status: 'closed', closedAt: 1 });
    }
    expect(await store.purgeFinished(10, 2)).toBe(2);
    expect(await store.purgeFinished(10, 2)).toBe(1);
    expect(await store.conversationsOf('teacher')).toEqual([]);
  });

  it('review 2026-12-06: a close saved from a read older than a block does not undo it (compare-and-set)', async () => {
    const store = make();
    const active = conversation('cas');
    await store.saveConversation(active);
    const blocked: ConversationRecord = { ...active, status: 'closed', closedAt: 5, blocked: true };
    expect(await store.replaceConversation(active, blocked)).toBe(true);
    // The close was decided from `active`, before the block landed.
    const closed: ConversationRecord = {
      ...active,
      status: 'closed',
      closedAt: 6,
      closeProposedBy: 'teacher',
    };
    expect(await store.replaceConversation(active, closed)).toBe(false);
    expect(await store.getConversation('cas')).toMatchObject({ blocked: true, closedAt: 5 });
    // From the fresh record, a feedback claim goes through once.
    const fresh = (await store.getConversation('cas'))!;
    expect(await store.replaceConversation(fresh, { ...fresh, feedbackDone: true })).toBe(true);
    expect(await store.replaceConversation(fresh, { ...fresh, feedbackDone: true })).toBe(false);
    expect((await store.conversationsOf('teacher')).map((c) => c.id)).toEqual(['cas']);
    expect(await store.replaceConversation(conversation('missing'), conversation('missing'))).toBe(false);
  });
});
