import type {
  Area,
  CheckIn,
  ConsultantProfile,
  Grade,
  KeyBundle,
  Reason,
  RequestStatus,
  SealedGoal,
  SealedMessage,
  Slot,
  Subject,
  WorkStyle,
} from '@staffroom/shared/schemas/consultations';

export type Role = 'teacher' | 'consultant';

export interface ConsultantRecord extends Omit<ConsultantProfile, 'hasSchool' | 'hasDistrict' | 'active'> {
  accountId: string;
  /** HMAC of the normalised school and district (empty when not given): comparable, never readable. */
  schoolHash: string;
  districtHash: string;
  updatedAt: number;
}

export interface RequestRecord {
  id: string;
  teacherId: string;
  teacherName: string;
  grades: Grade[];
  subjects: Subject[];
  reasons: Reason[];
  focus: Area;
  workStyles: WorkStyle[];
  preferredTimes: Slot[];
  note: string;
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
}

export interface ConversationRecord {
  id: string;
  teacherId: string;
  consultantId: string;
  teacherName: string;
  consultantName: string;
  createdAt: number;
  status: 'active' | 'closing' | 'closed';
  closeProposedBy: Role | null;
  feedbackDone: boolean;
  /** Closed by a block: these two are never matched again. */
  blocked: boolean;
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

  saveConversation(c: ConversationRecord): Promise<void>;
  getConversation(id: string): Promise<ConversationRecord | null>;
  conversationsOf(accountId: string): Promise<ConversationRecord[]>;

  /** Appends sealed content; a repeated client id answers the first result. */
  appendMessage(
    conversationId: string,
    m: { from: Role; ciphertext: string; iv: string; clientId: string; now: number },
  ): Promise<{ seq: number; ts: number; duplicate: boolean }>;
  messages(
    conversationId: string,
    after: number,
    limit: number,
  ): Promise<{ messages: SealedMessage[]; more: boolean }>;
  /** Keeps about the newest `keep` messages (whole storage nodes on Redis, so possibly a few more). */
  trimMessages(conversationId: string, keep: number): Promise<void>;
  saveGoal(conversationId: string, goal: SealedGoal): Promise<void>;
  goals(conversationId: string): Promise<SealedGoal[]>;
  saveCheckIn(conversationId: string, checkIn: CheckIn): Promise<void>;
  checkIns(conversationId: string): Promise<CheckIn[]>;

  saveKeys(accountId: string, keys: KeyBundle): Promise<void>;
  getKeys(accountId: string): Promise<KeyBundle | null>;

  addFeedback(f: FeedbackRecord): Promise<void>;
  feedback(): Promise<FeedbackRecord[]>;
}

/** Anonymous feedback entries kept (the newest); older ones are trimmed (retention). */
export const FEEDBACK_KEPT = 10_000;
