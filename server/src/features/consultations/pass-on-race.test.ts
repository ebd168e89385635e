import { describe, expect, it } from 'vitest';
import { KDF_VERSION } from '@staffroom/shared/crypto/kdf-format';
import type { Principal } from '../../platform/principal.js';
import { createMemoryConsultationStore } from './consultations.memory-store.js';
import { createConsultationService } from './consultations.service.js';
import type { ConsultationStore, ConversationRecord } from './consultations.store.js';

/** Closing a conversation while the teacher's browser passes the intake note on: neither undoes the other. */
const teacher: Principal = {
  accountId: 'teacher',
  sessionId: 's-teacher',
  tokenHash: 'h-teacher',
  pseudonym: 'QuietOwl1',
  role: 'member',
};
const intake = {
  grades: ['2' as const],
  subjects: ['mathematics' as const],
  reasons: ['other' as const],
  focus: 'planning' as const,
  workStyles: ['messages' as const],
  preferredTimes: ['mon-pm'],
};
const assignedByHand: ConversationRecord = {
  id: 'c1',
  teacherId: 'teacher',
  consultantId: 'consultant',
  teacherName: 'QuietOwl1',
  consultantName: 'Mentor',
  createdAt: 1,
  status: 'active',
  closeProposedBy: null,
  feedbackDone: false,
  blocked: false,
  intake: { ...intake, noteNotPassedOn: true },
  noteFrom: 'req-1',
};
const consultantKey = 'k'.repeat(64);
const note = { requestId: 'req-1', ciphertext: 'c'.repeat(32), iv: 'i'.repeat(16) };

/** The service over a store whose first close, after reading the record, waits for `between` to run. */
async function setup(between: (service: ReturnType<typeof createConsultationService>) => Promise<void>) {
  const inner = createMemoryConsultationStore();
  await inner.saveKeys('consultant', {
    publicKey: consultantKey,
    wrappedPrivateKey: 'w'.repeat(64),
    wrapIv: 'v'.repeat(16),
    kdf: KDF_VERSION,
  });
  await inner.saveConversation(assignedByHand);
  let raced = false;
  const attempts: ConversationRecord['status'][] = [];
  const store: ConsultationStore = {
    ...inner,
    async replaceConversation(prev, next) {
      attempts.push(next.status);
      if (next.status === 'closed' && !raced) {
        raced = true;
        await between(service);
      }
      return inner.replaceConversation(prev, next);
    },
  };
  const service = createConsultationService({
    store,
    pepper: 'test-pepper-0123456789abcdefghijklmnopqrstuvwxyz',
    offerMs: 60_000,
    notify: { offers: () => {}, request: () => {}, conversation: () => {}, message: () => {} },
    roleOf: async () => 'consultant',
    isBanned: async () => false,
  });
  return { inner, service, attempts };
}

describe('closing while the intake note is passed on', () => {
  it('when the teacher ends the support on a record read before their browser passed the note on, then the close is decided again: closed, and the note stays passed on', async () => {
    const { inner, service, attempts } = await setup((s) =>
      s.passOnNote(teacher, 'c1', { ...note, recipientKey: consultantKey }),
    );
    await service.confirmClose(teacher, 'c1');
    const stored = await inner.getConversation('c1');
    expect(stored).toMatchObject({ status: 'closed', closeProposedBy: 'teacher', intake });
    expect(stored).not.toHaveProperty('noteFrom');
    expect(stored?.intake).not.toHaveProperty('noteNotPassedOn');
    expect(await inner.intakeNoteOf('c1')).toEqual(note);
    // The close's first try lost to the pass-on's, and was decided again on the fresh record.
    expect(attempts).toEqual(['closed', 'active', 'closed']);
  });

  it('when the note is passed on after the close was stored, then the pass-on is refused (read-only) and the close keeps the record as it was', async () => {
    const { inner, service } = await setup(async () => {});
    await service.confirmClose(teacher, 'c1');
    await expect(service.passOnNote(teacher, 'c1', { ...note, recipientKey: consultantKey })).rejects.toThrow(
      /ended/,
    );
    expect(await inner.getConversation('c1')).toMatchObject({ status: 'closed', noteFrom: 'req-1' });
    expect(await inner.intakeNoteOf('c1')).toBeNull();
  });
});
