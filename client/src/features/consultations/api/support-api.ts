import type {
  ConsultantProfile,
  ConsultantProfileBody,
  ConversationSummary,
  FeedbackSummary,
  IntakeBody,
  IntakeNotesBody,
  IntakeSealWork,
  Caseload,
  KeyBundle,
  MyRequest,
  ReciprocalBody,
  Widen,
  Offer,
  UnmatchedRequest,
  RecognitionRecord,
} from '@staffroom/shared/schemas/consultations';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { api } from '../../../lib/api';

/** What a coordinator sees of the programme: counts and k-suppressed feedback, never who or what. */
export interface Programme {
  /** null when fewer than K_MIN. */
  waiting: number | null;
  offered: number | null;
  active: number | null;
  feedback: FeedbackSummary;
}

export interface FeedbackInput {
  helpfulness: number;
  recommend: boolean;
  comment: string;
  /** The comment may identify someone: the teacher chose to send it anyway. */
  confirmIdentifying?: boolean;
}

const id = (value: string) => encodeURIComponent(value);

/** The consultations HTTP API (`server/src/features/consultations/consultations.routes.ts`). */
export const supportApi = {
  profile: () => api.get<{ profile: ConsultantProfile | null }>('/api/consultant/profile'),
  saveProfile: (body: ConsultantProfileBody) =>
    api.put<{ profile: ConsultantProfile }>('/api/consultant/profile', body),
  offers: () => api.get<{ offers: Offer[] }>('/api/consultant/offers'),
  accept: (requestId: string) =>
    api.post<{ conversationId: string | null }>(`/api/consultant/offers/${id(requestId)}/accept`),
  decline: (requestId: string) =>
    api.post<{ conversationId: string | null }>(`/api/consultant/offers/${id(requestId)}/decline`),

  myRequest: () => api.get<{ request: MyRequest | null }>('/api/support-request'),
  ask: (body: IntakeBody) => api.post<{ request: MyRequest }>('/api/support-request', body),
  withdraw: () => api.del<{ ok: true }>('/api/support-request'),
  /** Opt in as a reciprocal mentorship partner (paired at once when someone's offers and needs cross yours). */
  reciprocal: (body: ReciprocalBody) =>
    api.post<{ request: MyRequest }>('/api/support-request/reciprocal', body),
  /** The teacher agrees to a nearer match: never done without this. */
  widen: (widen: Widen) => api.post<{ request: MyRequest }>('/api/support-request/widen', { widen }),
  caseload: () => api.get<{ caseload: Caseload }>('/api/consultant/caseload'),
  noteWork: () => api.get<{ work: IntakeSealWork | null }>('/api/support-request/notes'),
  saveNotes: (body: IntakeNotesBody) => api.put<{ stored: number }>('/api/support-request/notes', body),

  conversations: () => api.get<{ conversations: ConversationSummary[] }>('/api/conversations'),
  feedback: (conversationId: string, body: FeedbackInput) =>
    api.post<{ ok: true; support?: SupportResource[] }>(
      `/api/conversations/${id(conversationId)}/feedback`,
      body,
    ),

  keys: () => api.get<{ keys: KeyBundle | null }>('/api/keys'),
  saveKeys: (bundle: KeyBundle) => api.put<{ ok: true }>('/api/keys', bundle),

  recognition: () => api.get<{ record: RecognitionRecord }>('/api/consultant/recognition'),
  /** The same record as a file: a plain link the browser downloads (same-origin, the session cookie goes). */
  recognitionCsvHref: '/api/consultant/recognition.csv',

  programme: () => api.get<Programme>('/api/programme/consultations'),
  unmatched: () => api.get<{ requests: UnmatchedRequest[] }>('/api/programme/unmatched'),
  assign: (requestId: string, consultant: string) =>
    api.post<{ conversationId: string }>(`/api/programme/unmatched/${id(requestId)}/assign`, { consultant }),
};
