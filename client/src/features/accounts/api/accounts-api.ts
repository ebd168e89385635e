import type {
  ChangePassphraseBody,
  LoginBody,
  Me,
  SessionInfo,
  SignupBody,
} from '@staffroom/shared/schemas/accounts';
import { api } from '../../../lib/api';

/** The accounts HTTP API (`server/src/features/accounts/accounts.routes.ts`). */
export const accountsApi = {
  /** Who is logged in on this browser, if anyone (null for a visitor: no 401 in the console at start). */
  session: () => api.get<{ me: Me | null }>('/api/session'),
  signUp: (body: SignupBody) => api.post<{ me: Me }>('/api/auth/signup', body),
  logIn: (body: LoginBody) => api.post<{ me: Me }>('/api/auth/login', body),
  changePassphrase: (body: ChangePassphraseBody) => api.post<{ ended: number }>('/api/auth/passphrase', body),
  logOut: () => api.post<{ ok: true }>('/api/auth/logout'),
  logOutEverywhere: () => api.post<{ ended: number }>('/api/auth/logout-all'),
  suggestions: () => api.get<{ suggestions: string[] }>('/api/pseudonyms/suggestions'),
  sessions: () => api.get<{ sessions: SessionInfo[] }>('/api/sessions'),
  endSession: (id: string) => api.del<{ ok: true }>(`/api/sessions/${encodeURIComponent(id)}`),
};
