import type { CreateInviteBody, CreatedInvite, InviteInfo } from '@staffroom/shared/schemas/accounts';
import { api } from '../../../lib/api';

/** Invite codes; admin only (the server checks the role on every call). */
export const invitesApi = {
  create: (body: CreateInviteBody) => api.post<{ invite: CreatedInvite }>('/api/invites', body),
  list: () => api.get<{ invites: InviteInfo[] }>('/api/invites'),
  revoke: (id: string) => api.del<{ ok: true }>(`/api/invites/${encodeURIComponent(id)}`),
};
