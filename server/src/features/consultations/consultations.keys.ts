import { keyFor } from '@staffroom/shared/privacy/registry';

/**
 * Every Redis key the consultations capability owns, built through the registry of stored data
 * (`shared/src/privacy/registry.ts`), where each one's contents, owner, retention and erasure are declared.
 */
export const consultationKeys = (p: string) => ({
  /** retention: as long as the consultant's account. */
  consultants: () => keyFor(p, 'consultations.consultants'),
  /**
   * retention: open ones until they finish; deleted `CONSULTATION_RETENTION_DAYS` after matched or withdrawn
   * (the sweep reads `finishedRequests`). School and district fingerprints are blanked when it finishes.
   */
  requests: () => keyFor(p, 'consultations.requests'),
  /** retention: an id leaves when the sweep deletes its request. */
  finishedRequests: () => keyFor(p, 'consultations.finishedRequests'),
  /** retention: only while the request is open; deleted when it is matched or withdrawn (and by the sweep). */
  intakeNotes: (requestId: string) => keyFor(p, 'consultations.intakeNotes', { requestId }),
  /** SET NX guards "at most one". retention: deleted when it closes. */
  openRequest: (teacherId: string) => keyFor(p, 'consultations.openRequest', { accountId: teacherId }),
  /** retention: an id leaves when the offer is answered or lapses. */
  offers: () => keyFor(p, 'consultations.offers'),
  /** retention: an id leaves when matched or withdrawn. */
  waiting: () => keyFor(p, 'consultations.waiting'),
  /**
   * retention: deleted `CONSULTATION_RETENTION_DAYS` after it closed, with every `convo:{id}:*` key below; a
   * blocked one keeps only this bare record (no content) so the two are never matched again.
   */
  conversations: () => keyFor(p, 'consultations.conversations'),
  /** retention: an id leaves when the sweep purges it. */
  closedConversations: () => keyFor(p, 'consultations.closedConversations'),
  /** retention: as long as the account; an id leaves with its conversation. */
  accountConversations: (accountId: string) => keyFor(p, 'consultations.accountConversations', { accountId }),
  /** retention: about the newest `CONVO_MAX_MESSAGES` (XTRIM every 50 messages); all of it with the conversation. */
  messages: (id: string) => keyFor(p, 'consultations.messages', { conversationId: id }),
  /** retention: as long as the conversation (the sweep deletes it). */
  seq: (id: string) => keyFor(p, 'consultations.seq', { conversationId: id }),
  /** retention: TTL 24 h (recent ones deleted with the conversation). */
  clientId: (id: string, clientId: string) =>
    keyFor(p, 'consultations.clientId', { conversationId: id, clientId }),
  /** retention: as long as the conversation. */
  counters: (id: string) => keyFor(p, 'consultations.counters', { conversationId: id }),
  /** retention: as long as the conversation. */
  pins: (id: string) => keyFor(p, 'consultations.pins', { conversationId: id }),
  /** retention: at most 30 per conversation, as long as it. */
  goals: (id: string) => keyFor(p, 'consultations.goals', { conversationId: id }),
  /** retention: at most 60 per conversation, as long as it. */
  checkIns: (id: string) => keyFor(p, 'consultations.checkIns', { conversationId: id }),
  /** retention: at most `RESOURCE_LIMITS.perConversation` per conversation, as long as it. */
  resources: (id: string) => keyFor(p, 'consultations.resources', { conversationId: id }),
  /** retention: as long as its resource (removed with it) and the conversation. */
  documents: (id: string) => keyFor(p, 'consultations.documents', { conversationId: id }),
  /** retention: as long as the conversation; deleted when either participant erases their account. */
  intakeNote: (id: string) => keyFor(p, 'consultations.intakeNote', { conversationId: id }),
  /** retention: as long as the account. */
  keys: (accountId: string) => keyFor(p, 'consultations.keys', { accountId }),
  /** retention: the newest 10,000 (LTRIM). */
  feedback: () => keyFor(p, 'consultations.feedback'),
});
