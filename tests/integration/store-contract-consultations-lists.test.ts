import { describe, expect, it } from 'vitest';
import { createMemoryConsultationStore } from '../../server/src/features/consultations/consultations.memory-store.js';
import { createRedisConsultationStore } from '../../server/src/features/consultations/consultations.redis-store.js';
import type {
  ConsultationStore,
  ConversationRecord,
  RequestRecord,
} from '../../server/src/features/consultations/consultations.store.js';
import { contractBackends } from '../support/contract.js';

/** The consultations store's list reads (the programme's weekly aggregates): one behaviour in both modes. */
const backends = contractBackends<ConsultationStore>(
  createMemoryConsultationStore,
  createRedisConsultationStore,
);

const request = (id: string, teacherId: string): RequestRecord => ({
  id,
  teacherId,
  grades: ['2'],
  subjects: ['mathematics'],
  reasons: ['other'],
  focus: 'planning',
  workStyles: ['messages'],
  preferredTimes: [],
  hasNote: false,
  schoolHash: '',
  districtHash: '',
  status: 'waiting',
  createdAt: 5,
  offeredTo: null,
  offerExpiresAt: null,
  matchedOn: '',
  passed: [],
  conversationId: null,
});
const conversation = (id: string, extra: Partial<ConversationRecord> = {}): ConversationRecord => ({
  id,
  teacherId: 'teacher',
  consultantId: 'consultant',
  teacherName: 'QuietOwl1',
  consultantName: 'Mentor',
  createdAt: 7,
  status: 'active',
  closeProposedBy: null,
  feedbackDone: false,
  blocked: false,
  ...extra,
});
const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

describe.each(backends)('consultations store lists: %s', (_name, make) => {
  it('lists every request and conversation kept, and nothing once the retention sweep has run', async () => {
    const store = make();
    expect(await store.listRequests()).toEqual([]);
    expect(await store.listConversations()).toEqual([]);
    await store.createRequest(request('r1', 't1'));
    await store.createRequest(request('r2', 't2'));
    const closed = conversation('c2', { status: 'closed', closedAt: 9, closeProposedBy: 'teacher' });
    await store.saveConversation(conversation('c1'));
    await store.saveConversation(closed);
    expect(byId(await store.listRequests())).toEqual([request('r1', 't1'), request('r2', 't2')]);
    expect(byId(await store.listConversations())).toEqual([conversation('c1'), closed]);
    await store.purgeFinished(10, 10);
    expect(byId(await store.listConversations())).toEqual([conversation('c1')]);
  });
});
