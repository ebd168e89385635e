import type {
  Area,
  CheckIn,
  ConsultantProfile,
  Grade,
  KeyBundle,
  Reason,
  RequestStatus,
  Sealed,
  SealedGoal,
  SealMeta,
  SealedMessage,
  Slot,
  Subject,
  SupportKind,
  PinnedIntake,
  ReciprocalSide,
  Widen,
  PinnedIntakeNote,
  SealedResource,
  WorkStyle,
} from '@staffroom/shared/schemas/consultations';

export type Role = 'teacher' | 'consultant';

export interface ConsultantRecord extends Omit<
  ConsultantProfile,
  'hasSchool' | 'hasDistrict' | 'active' | 'kinds'
> {
  accountId: string;
  /** The kinds of support offered. Absent on profiles saved before kinds existed: peer support only. */
  kinds?: SupportKind[];
  /** HMAC of the normalised school and district (empty when not given): comparable, never readable. */
  schoolHash: string;
  districtHash: string;
  updatedAt: number;
}

export interface RequestRecord {
  id: string;
  teacherId: string;
  grades: Grade[];
  subjects: Subject[];
  reasons: Reason[];
  focus: Area;
  workStyles: WorkStyle[];
  preferredTimes: Slot[];
  /** The note itself is only ever stored sealed, per recipient (`IntakeNoteCopy`). */
  hasNote: boolean;
  /** Marked by the teacher's browser (risk in the note). Absent on requests stored before it existed. */
  urgent?: boolean;
  /** Peer support or mentorship. Absent on requests stored before kinds existed: peer support. */
  kind?: SupportKind;
  /** Kept only while the request is open (for exclusion), then erased. */
  schoolHash: string;
  districtHash: string;
  status: RequestStatus;
  createdAt: number;
  offeredTo: string | null;
  offerExpiresAt: number | null;
  matchedOn: string;
  passed: string[];
  conversationId: string | null;
  /** When it was matched or withdrawn: the retention clock (`CONSULTATION_RETENTION_DAYS`). */
  finishedAt?: number;
  /**
   * A reciprocal mentorship opt-in: paired with another teacher whose offers and needs cross, never offered to a
   * consultant. Its grades, subjects and other intake fields are empty.
   */
  reciprocal?: ReciprocalSide;
  /** The teacher agreed to a consultant in another grade band (`grade`) or another subject (`subject`). */
  widen?: Widen;
}

export interface ConversationRecord {
  id: string;
  teacherId: string;
  consultantId: string;
  /** The conversation's own name for the teacher (from the request id), never the account pseudonym. */
  teacherName: string;
  consultantName: string;
  createdAt: number;
  status: 'active' | 'closing' | 'closed';
  closeProposedBy: Role | null;
  feedbackDone: boolean;
  /** Closed by a block: these two are never matched again. */
  blocked: boolean;
  /** When it closed: the retention clock (`CONSULTATION_RETENTION_DAYS`). */
  closedAt?: number;
  /**
   * Set when one side erased their account (its id and name are gone from this record): that side's public key,
   * so the other person can still open what they wrote themselves.
   */
  erasedKey?: string;
  /** The kind of support asked for. Absent on conversations opened before kinds existed: peer support. */
  kind?: SupportKind;
  /** The request's structured intake, pinned for both parties. Absent on conversations opened before. */
  intake?: PinnedIntake;
  /**
   * Reciprocal mentorship between two teachers (both learners): each side's offer and need. The `consultant` side
   * is the second teacher, who holds no consultant role.
   */
  reciprocal?: { teacher: ReciprocalSide; consultant: ReciprocalSide };
  /**
   * Assigned by hand while the consultant held no copy of the note: the request whose teacher's own sealed copy
   * (`INTAKE_SELF`) is kept until the teacher's browser passes the note on. Cleared once it did.
   */
  noteFrom?: string;
}

/** Holder of the teacher's own copy of a sealed intake note (account ids never contain a colon). */
export const INTAKE_SELF = ':self';

/** One sealed copy of an intake note: readable only by its holder (a consultant, or the teacher). */
export interface IntakeNoteCopy {
  ciphertext: string;
  iv: string;
  /** Fingerprints of the teacher's and the holder's public keys it was sealed between: stale once either changes. */
  keys: string;
}

export interface FeedbackRecord {
  helpfulness: number;
  recommend: boolean;
  comment: string;
  /** Month only ("2026-11"), so an entry cannot be tied to a conversation's closing time. */
  month: string;
}

/** Persistence for consultants, requests, conversations (ciphertext only) and keys. Memory and Redis. */
export interface ConsultationStore {
  saveConsultant(c: ConsultantRecord): Promise<void>;
  getConsultant(accountId: string): Promise<ConsultantRecord | null>;
  listConsultants(): Promise<ConsultantRecord[]>;

  /** Creates the teacher's request unless one is open; false when there already is one. */
  createRequest(r: RequestRecord): Promise<boolean>;
  getRequest(id: string): Promise<RequestRecord | null>;
  openRequestOf(teacherId: string): Promise<RequestRecord | null>;
  /**
   * Replaces a request if it is still in the state the caller saw (status and offeredTo), so an accept and an
   * expiry cannot both win. Keeps the offer index, the waiting set and the teacher's open-request slot in step.
   */
  updateRequest(expected: Pick<RequestRecord, 'status' | 'offeredTo'>, next: RequestRecord): Promise<boolean>;
  offersFor(consultantId: string): Promise<RequestRecord[]>;
  waitingRequests(): Promise<RequestRecord[]>;
  expiredOffers(now: number): Promise<RequestRecord[]>;

  /** Stores sealed copies of a request's note (holder id → copy) and removes the copies of `drop`. */
  saveIntakeNotes(requestId: string, copies: Record<string, IntakeNoteCopy>, drop: string[]): Promise<void>;
  /** Every copy of a request's note, by holder. */
  intakeNotes(requestId: string): Promise<Record<string, IntakeNoteCopy>>;
  intakeNote(requestId: string, holder: string): Promise<IntakeNoteCopy | null>;
  /** With the match or the withdrawal: no copy of the note outlives the open request. */
  dropIntakeNotes(requestId: string): Promise<void>;

  saveConversation(c: ConversationRecord): Promise<void>;
  /**
   * Compare-and-set: saves `next` only while the stored conversation still has `prev`'s status, close proposer,
   * blocked and feedback flags and note to pass on (`transitionOf`: a close, a block, a feedback and the note's
   * pass-on never undo each other). True when saved.
   */
  replaceConversation(prev: ConversationRecord, next: ConversationRecord): Promise<boolean>;
  getConversation(id: string): Promise<ConversationRecord | null>;
  conversationsOf(accountId: string): Promise<ConversationRecord[]>;

  /**
   * Appends sealed content; a repeated client id answers the first result. With `meta`, its counter must be above
   * the sender's last one (checked and raised in the same step as the append): otherwise nothing is stored and
   * the answer is `stale`.
   */
  appendMessage(
    conversationId: string,
    m: { from: Role; ciphertext: string; iv: string; meta?: SealMeta; clientId: string; now: number },
  ): Promise<{ seq: number; ts: number; duplicate: boolean; stale?: true }>;
  messages(
    conversationId: string,
    after: number,
    limit: number,
  ): Promise<{ messages: SealedMessage[]; more: boolean }>;
  /** When the newest message was sent (null before any). */
  lastMessageAt(conversationId: string): Promise<number | null>;
  /** Keeps about the newest `keep` messages (whole storage nodes on Redis, so possibly a few more). */
  trimMessages(conversationId: string, keep: number): Promise<void>;
  saveGoal(conversationId: string, goal: SealedGoal): Promise<void>;
  goals(conversationId: string): Promise<SealedGoal[]>;
  saveCheckIn(conversationId: string, checkIn: CheckIn): Promise<void>;
  checkIns(conversationId: string): Promise<CheckIn[]>;

  /**
   * Adds a shared resource (its sealed description) and, for a document, its sealed body, unless the
   * conversation already holds `max`: false then, and nothing is stored.
   */
  addResource(
    conversationId: string,
    r: SealedResource,
    document: string | null,
    max: number,
  ): Promise<boolean>;
  resources(conversationId: string): Promise<SealedResource[]>;
  /** A document's sealed body (base64), null when there is none. */
  resourceDocument(conversationId: string, resourceId: string): Promise<string | null>;
  removeResource(conversationId: string, resourceId: string): Promise<void>;
  /** The intake note's copy for the matched consultant, kept with the conversation (as long as it). */
  pinIntakeNote(conversationId: string, note: PinnedIntakeNote): Promise<void>;
  /** Pins the note only if the conversation holds none yet; false when it already did (never overwritten). */
  pinIntakeNoteOnce(conversationId: string, note: PinnedIntakeNote): Promise<boolean>;
  intakeNoteOf(conversationId: string): Promise<PinnedIntakeNote | null>;

  /**
   * Raises the sender's counter in a conversation to `counter` if it is above the last one (defence in depth:
   * receivers refuse replays themselves). False when it is not: nothing changes.
   */
  claimCounter(conversationId: string, role: Role, counter: number): Promise<boolean>;
  /** The last counter accepted from this side (0 before any). */
  lastCounter(conversationId: string, role: Role): Promise<number>;
  /** One side's pin of the other's key, sealed under that side's own key. Kept as long as the conversation. */
  savePin(conversationId: string, role: Role, pin: Sealed): Promise<void>;
  getPin(conversationId: string, role: Role): Promise<Sealed | null>;

  saveKeys(accountId: string, keys: KeyBundle): Promise<void>;
  getKeys(accountId: string): Promise<KeyBundle | null>;

  /**
   * Retention: deletes up to `limit` requests finished (matched or withdrawn) and conversations closed at or
   * before `cutoff`, with everything stored under them (messages, goals, check-ins, counters, pins, seq, recent
   * client ids, intake copies). A blocked conversation keeps only its bare record (participants, no content), which
   * is what keeps the two from being matched again. Idempotent: several nodes may sweep at once. Returns how many
   * requests and conversations it purged.
   */
  purgeFinished(cutoff: number, limit: number): Promise<number>;

  /** Every request the teacher made that is still stored (open or finished), for their export. */
  requestsOf(teacherId: string): Promise<RequestRecord[]>;
  /**
   * Account erasure, idempotent: the consultant profile, the key bundle, every request the account made (with its
   * note copies and index entries), note copies it holds; in each of its conversations its own messages (and their
   * client ids), the shared goals, the check-ins it proposed, its pin and counter are deleted, and the conversation
   * is closed with the account's id replaced by '' and its name by `formerName`. Returns the conversations ended
   * now and the other participant of each, to tell them.
   */
  eraseAccount(
    accountId: string,
    now: number,
    formerName: string,
  ): Promise<{ conversationId: string; peerId: string }[]>;

  addFeedback(f: FeedbackRecord): Promise<void>;
  feedback(): Promise<FeedbackRecord[]>;

  /** Every request kept (open, and finished within retention): for the programme's weekly aggregates. */
  listRequests(): Promise<RequestRecord[]>;
  /** Every conversation record kept (no content): for the programme's weekly aggregates. */
  listConversations(): Promise<ConversationRecord[]>;
}

/** Anonymous feedback entries kept (the newest); older ones are trimmed (retention). */
export const FEEDBACK_KEPT = 10_000;

/** A conversation record with an erased participant taken out and closed; null when it is not theirs. */
export function endForErasure(
  c: ConversationRecord,
  accountId: string,
  now: number,
  formerName: string,
  erasedKey: string | null,
): ConversationRecord | null {
  const role: Role | null =
    c.teacherId === accountId ? 'teacher' : c.consultantId === accountId ? 'consultant' : null;
  if (!role) return null;
  return {
    ...c,
    ...(role === 'teacher' ? { teacherId: '', teacherName: formerName } : {}),
    ...(role === 'consultant' ? { consultantId: '', consultantName: formerName } : {}),
    status: 'closed',
    closeProposedBy: null,
    closedAt: c.closedAt ?? now,
    ...(erasedKey ? { erasedKey } : {}),
  };
}

/**
 * What `replaceConversation` compares: the fields a close, a block, a feedback or the intake note's pass-on
 * change. Each writes back the whole record it read, so a field missing here could be put back as it was.
 */
export const transitionOf = (c: ConversationRecord): string =>
  [
    c.status,
    c.closeProposedBy ?? '',
    c.blocked ? '1' : '',
    c.feedbackDone ? '1' : '',
    c.noteFrom ?? '',
    c.intake?.noteNotPassedOn ? '1' : '',
  ].join('|');
