import type {
  CheckIn,
  KeyBundle,
  PinnedIntakeNote,
  Sealed,
  SealedGoal,
  SealedMessage,
  SealedResource,
} from '@staffroom/shared/schemas/consultations';
import type {
  ConsultantRecord,
  ConsultationStore,
  ConversationRecord,
  FeedbackRecord,
  IntakeNoteCopy,
  RequestRecord,
} from './consultations.store.js';
import { endForErasure, FEEDBACK_KEPT, transitionOf, type Role } from './consultations.store.js';

/** How long a message's client id answers a retry with its first result (the Redis store's TTL). */
const CLIENT_ID_MS = 24 * 3600_000;

/** Embedded mode: consultations in this process, gone at exit. Same contract as the Redis store. */
/** `keys` may be shared with the memory account store, which rewrites a bundle on a passphrase change. */
export function createMemoryConsultationStore(keys = new Map<string, KeyBundle>()): ConsultationStore {
  const consultants = new Map<string, ConsultantRecord>();
  const requests = new Map<string, RequestRecord>();
  const openRequest = new Map<string, string>();
  const conversations = new Map<string, ConversationRecord>();
  const logs = new Map<string, SealedMessage[]>();
  const clientIds = new Map<string, { seq: number; ts: number }>();
  const goals = new Map<string, Map<string, SealedGoal>>();
  const checkIns = new Map<string, Map<string, CheckIn>>();
  /** "<conversation> <role>" → last counter, and → sealed pin. */
  const counters = new Map<string, number>();
  const pins = new Map<string, Sealed>();
  /** Conversation → resource id → sealed description, and → sealed document. */
  const resources = new Map<string, Map<string, SealedResource>>();
  const documents = new Map<string, Map<string, string>>();
  const pinnedNotes = new Map<string, PinnedIntakeNote>();
  const feedback: FeedbackRecord[] = [];
  const intakeNotes = new Map<string, Map<string, IntakeNoteCopy>>();
  /** Closed conversation id → closing time: what the retention sweep still has to purge. */
  const closedIndex = new Map<string, number>();

  const copy = <T>(x: T): T => structuredClone(x);
  const inner = <T>(map: Map<string, Map<string, T>>, id: string) => {
    let m = map.get(id);
    if (!m) map.set(id, (m = new Map()));
    return m;
  };

  return {
    async saveConsultant(c) {
      consultants.set(c.accountId, copy(c));
    },
    async getConsultant(accountId) {
      const c = consultants.get(accountId);
      return c ? copy(c) : null;
    },
    async listConsultants() {
      return [...consultants.values()].map(copy);
    },

    async createRequest(r) {
      if (openRequest.has(r.teacherId)) return false;
      openRequest.set(r.teacherId, r.id);
      requests.set(r.id, copy(r));
      return true;
    },
    async getRequest(id) {
      const r = requests.get(id);
      return r ? copy(r) : null;
    },
    async openRequestOf(teacherId) {
      const id = openRequest.get(teacherId);
      const r = id ? requests.get(id) : undefined;
      return r ? copy(r) : null;
    },
    async updateRequest(expected, next) {
      const current = requests.get(next.id);
      if (!current || current.status !== expected.status || current.offeredTo !== expected.offeredTo)
        return false;
      requests.set(next.id, copy(next));
      if (
        (next.status === 'matched' || next.status === 'withdrawn') &&
        openRequest.get(next.teacherId) === next.id
      ) {
        openRequest.delete(next.teacherId);
      }
      return true;
    },
    async offersFor(consultantId) {
      return [...requests.values()]
        .filter((r) => r.status === 'offered' && r.offeredTo === consultantId)
        .map(copy);
    },
    async waitingRequests() {
      return [...requests.values()]
        .filter((r) => r.status === 'waiting')
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(copy);
    },
    async expiredOffers(now) {
      return [...requests.values()]
        .filter((r) => r.status === 'offered' && (r.offerExpiresAt ?? 0) <= now)
        .map(copy);
    },

    async saveIntakeNotes(requestId, copies, drop) {
      const held = inner(intakeNotes, requestId);
      for (const [holder, c] of Object.entries(copies)) held.set(holder, copy(c));
      for (const holder of drop) held.delete(holder);
      if (held.size === 0) intakeNotes.delete(requestId);
    },
    async intakeNotes(requestId) {
      return Object.fromEntries([...(intakeNotes.get(requestId) ?? [])].map(([h, c]) => [h, copy(c)]));
    },
    async intakeNote(requestId, holder) {
      const c = intakeNotes.get(requestId)?.get(holder);
      return c ? copy(c) : null;
    },
    async dropIntakeNotes(requestId) {
      intakeNotes.delete(requestId);
    },

    async saveConversation(c) {
      conversations.set(c.id, copy(c));
      if (c.status === 'closed') closedIndex.set(c.id, c.closedAt ?? c.createdAt);
    },
    async replaceConversation(prev, next) {
      const current = conversations.get(prev.id);
      if (!current || transitionOf(current) !== transitionOf(prev)) return false;
      await this.saveConversation(next);
      return true;
    },
    async getConversation(id) {
      const c = conversations.get(id);
      return c ? copy(c) : null;
    },
    async conversationsOf(accountId) {
      return [...conversations.values()]
        .filter((c) => c.teacherId === accountId || c.consultantId === accountId)
        .map(copy);
    },

    async appendMessage(id, m) {
      // Client ids are kept 24 h, as in Redis (a TTL there): the oldest are first in the map.
      for (const [key, entry] of clientIds) {
        if (m.now - entry.ts < CLIENT_ID_MS) break;
        clientIds.delete(key);
      }
      const previous = clientIds.get(`${id} ${m.clientId}`);
      if (previous) return { ...previous, duplicate: true };
      if (m.meta) {
        if (m.meta.counter <= (counters.get(`${id} ${m.from}`) ?? 0))
          return { seq: 0, ts: 0, duplicate: false, stale: true };
        counters.set(`${id} ${m.from}`, m.meta.counter);
      }
      const log = logs.get(id) ?? [];
      logs.set(id, log);
      const seq = (log.at(-1)?.seq ?? 0) + 1; // not the length: the oldest may have been trimmed
      log.push({
        conversationId: id,
        seq,
        ts: m.now,
        from: m.from,
        ciphertext: m.ciphertext,
        iv: m.iv,
        ...(m.meta ? { meta: copy(m.meta) } : {}),
        clientId: m.clientId,
      });
      clientIds.set(`${id} ${m.clientId}`, { seq, ts: m.now });
      return { seq, ts: m.now, duplicate: false };
    },
    async messages(id, after, limit) {
      const rest = (logs.get(id) ?? []).filter((m) => m.seq > after);
      return { messages: rest.slice(0, limit).map(copy), more: rest.length > limit };
    },
    async lastMessageAt(id) {
      return logs.get(id)?.at(-1)?.ts ?? null;
    },
    async trimMessages(id, keep) {
      const log = logs.get(id);
      if (log && log.length > keep) log.splice(0, log.length - keep);
    },
    async saveGoal(id, goal) {
      inner(goals, id).set(goal.id, copy(goal));
    },
    async goals(id) {
      return [...inner(goals, id).values()].map(copy);
    },
    async saveCheckIn(id, checkIn) {
      inner(checkIns, id).set(checkIn.id, copy(checkIn));
    },
    async checkIns(id) {
      return [...inner(checkIns, id).values()].map(copy);
    },

    async addResource(id, r, document, max) {
      const list = inner(resources, id);
      if (list.size >= max) return false;
      list.set(r.id, copy(r));
      if (document !== null) inner(documents, id).set(r.id, document);
      return true;
    },
    async resources(id) {
      return [...inner(resources, id).values()].map(copy);
    },
    async resourceDocument(id, resourceId) {
      return documents.get(id)?.get(resourceId) ?? null;
    },
    async removeResource(id, resourceId) {
      resources.get(id)?.delete(resourceId);
      documents.get(id)?.delete(resourceId);
    },
    async pinIntakeNote(id, note) {
      pinnedNotes.set(id, copy(note));
    },
    async pinIntakeNoteOnce(id, note) {
      if (pinnedNotes.has(id)) return false;
      pinnedNotes.set(id, copy(note));
      return true;
    },
    async intakeNoteOf(id) {
      const note = pinnedNotes.get(id);
      return note ? copy(note) : null;
    },

    async claimCounter(id, role, counter) {
      if (counter <= (counters.get(`${id} ${role}`) ?? 0)) return false;
      counters.set(`${id} ${role}`, counter);
      return true;
    },
    async lastCounter(id, role) {
      return counters.get(`${id} ${role}`) ?? 0;
    },
    async savePin(id, role, pin) {
      pins.set(`${id} ${role}`, copy(pin));
    },
    async getPin(id, role) {
      const pin = pins.get(`${id} ${role}`);
      return pin ? copy(pin) : null;
    },

    async saveKeys(accountId, bundle) {
      keys.set(accountId, copy(bundle));
    },
    async getKeys(accountId) {
      const b = keys.get(accountId);
      return b ? copy(b) : null;
    },

    async purgeFinished(cutoff, limit) {
      let purged = 0;
      for (const r of [...requests.values()]) {
        if (purged >= limit) break;
        if ((r.status !== 'matched' && r.status !== 'withdrawn') || (r.finishedAt ?? r.createdAt) > cutoff)
          continue;
        requests.delete(r.id);
        intakeNotes.delete(r.id);
        purged++;
      }
      let closed = 0;
      for (const [id, at] of [...closedIndex]) {
        if (closed >= limit) break;
        if (at > cutoff) continue;
        closedIndex.delete(id);
        logs.delete(id);
        goals.delete(id);
        checkIns.delete(id);
        resources.delete(id);
        documents.delete(id);
        pinnedNotes.delete(id);
        for (const role of ['teacher', 'consultant']) {
          counters.delete(`${id} ${role}`);
          pins.delete(`${id} ${role}`);
        }
        for (const key of [...clientIds.keys()]) if (key.startsWith(`${id} `)) clientIds.delete(key);
        // A blocked pair stays apart: that bare record (no content) is kept as long as the accounts.
        if (!conversations.get(id)?.blocked) conversations.delete(id);
        closed++;
      }
      return purged + closed;
    },

    async requestsOf(teacherId) {
      return [...requests.values()].filter((r) => r.teacherId === teacherId).map(copy);
    },
    async eraseAccount(accountId, now, formerName) {
      const publicKey = keys.get(accountId)?.publicKey ?? null;
      const ended: { conversationId: string; peerId: string }[] = [];
      for (const c of [...conversations.values()]) {
        const next = endForErasure(c, accountId, now, formerName, publicKey);
        if (!next) continue;
        const role: Role = c.teacherId === accountId ? 'teacher' : 'consultant';
        const log = logs.get(c.id) ?? [];
        for (const m of log) if (m.from === role && m.clientId) clientIds.delete(`${c.id} ${m.clientId}`);
        logs.set(
          c.id,
          log.filter((m) => m.from !== role),
        );
        goals.delete(c.id);
        for (const [id, x] of checkIns.get(c.id) ?? [])
          if (x.proposedBy === role) checkIns.get(c.id)?.delete(id);
        for (const [id, x] of resources.get(c.id) ?? [])
          if (x.from === role) {
            resources.get(c.id)?.delete(id);
            documents.get(c.id)?.delete(id);
          }
        pinnedNotes.delete(c.id);
        pins.delete(`${c.id} ${role}`);
        counters.delete(`${c.id} ${role}`);
        conversations.set(c.id, next);
        closedIndex.set(c.id, next.closedAt ?? now);
        ended.push({ conversationId: c.id, peerId: role === 'teacher' ? c.consultantId : c.teacherId });
      }
      for (const r of [...requests.values()]) {
        if (r.teacherId === accountId) {
          requests.delete(r.id);
          intakeNotes.delete(r.id);
        } else {
          intakeNotes.get(r.id)?.delete(accountId);
        }
      }
      openRequest.delete(accountId);
      keys.delete(accountId);
      consultants.delete(accountId);
      return ended;
    },
    async addFeedback(f) {
      feedback.push(copy(f));
      if (feedback.length > FEEDBACK_KEPT) feedback.splice(0, feedback.length - FEEDBACK_KEPT);
    },
    async feedback() {
      return feedback.map(copy);
    },
    async listRequests() {
      return [...requests.values()].map(copy);
    },
    async listConversations() {
      return [...conversations.values()].map(copy);
    },
  };
}
