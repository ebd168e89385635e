import type {
  CreateGroupBody,
  CreateMeetingBody,
  GroupDetail,
  GroupSummary,
  Meeting,
  Topic,
  UpdateGroupBody,
  WeekMeeting,
  SignUpStatus,
  UsefulStatus,
  UsefulSummary,
} from '@staffroom/shared/schemas/groups';
import { api } from '../../../lib/api';

const groupPath = (id: string) => `/api/groups/${encodeURIComponent(id)}`;

export interface GroupsQuery {
  topic?: Topic | undefined;
  q?: string | undefined;
}

/** Browsing and administering groups over HTTP (`shared/src/protocol/http-routes.ts`); live traffic is on the socket. */
export const groupsApi = {
  list(query: GroupsQuery = {}) {
    const params = new URLSearchParams();
    if (query.topic) params.set('topic', query.topic);
    if (query.q?.trim()) params.set('q', query.q.trim());
    const search = params.toString();
    return api.get<{ groups: GroupSummary[] }>(`/api/groups${search ? `?${search}` : ''}`);
  },
  get: (id: string) => api.get<{ group: GroupDetail }>(groupPath(id)),
  week: () => api.get<{ meetings: WeekMeeting[] }>('/api/meetings/week'),

  /** Coordinators (admins) only; the server checks the role on every call. */
  create: (body: CreateGroupBody) => api.post<{ group: GroupDetail }>('/api/groups', body),
  update: (id: string, body: UpdateGroupBody) => api.patch<{ group: GroupDetail }>(groupPath(id), body),
  addMeeting: (id: string, body: CreateMeetingBody) =>
    api.post<{ meeting: Meeting }>(`${groupPath(id)}/meetings`, body),
  cancelMeeting: (id: string, meetingId: string) =>
    api.del<{ ok: true }>(`${groupPath(id)}/meetings/${encodeURIComponent(meetingId)}`),
  signUpStatus: (id: string, meetingId: string) =>
    api.get<SignUpStatus>(`${sessionPath(id, meetingId)}/signup`),
  signUp: (id: string, meetingId: string) => api.put<SignUpStatus>(`${sessionPath(id, meetingId)}/signup`),
  withdraw: (id: string, meetingId: string) => api.del<SignUpStatus>(`${sessionPath(id, meetingId)}/signup`),
  usefulStatus: (id: string, meetingId: string) =>
    api.get<UsefulStatus>(`${sessionPath(id, meetingId)}/useful`),
  answerUseful: (id: string, meetingId: string, score: number) =>
    api.post<{ ok: true }>(`${sessionPath(id, meetingId)}/useful`, { score }),
  usefulSummary: (id: string, meetingId: string) =>
    api.get<UsefulSummary>(`${sessionPath(id, meetingId)}/useful/summary`),
};

function sessionPath(id: string, meetingId: string): string {
  return `${groupPath(id)}/meetings/${encodeURIComponent(meetingId)}`;
}
