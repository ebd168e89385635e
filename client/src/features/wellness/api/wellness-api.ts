import type {
  FeedbackBoxResult,
  ProgrammeWellness,
  PulseBody,
  PulseStatus,
  SealedHistory,
} from '@staffroom/shared/schemas/wellness';
import { api } from '../../../lib/api';

/** The wellness HTTP API (`server/src/features/wellness/wellness.routes.ts`). */
export const wellnessApi = {
  status: () => api.get<PulseStatus>('/api/pulse'),
  answer: (body: PulseBody) => api.post<{ ok: true }>('/api/pulse', body),
  history: () => api.get<{ history: SealedHistory | null }>('/api/pulse/history'),
  saveHistory: (sealed: SealedHistory) => api.put<{ ok: true }>('/api/pulse/history', sealed),
  deleteHistory: () => api.del<{ ok: true }>('/api/pulse/history'),
  leaveFeedback: (text: string, confirmIdentifying = false) =>
    api.post<FeedbackBoxResult>('/api/pulse/feedback', {
      text,
      ...(confirmIdentifying ? { confirmIdentifying } : {}),
    }),
  programme: (weeks = 12) => api.get<ProgrammeWellness>(`/api/programme/wellness?weeks=${weeks}`),
};
