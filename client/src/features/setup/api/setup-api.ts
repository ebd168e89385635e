import type { InviteInfo } from '@staffroom/shared/schemas/accounts';
import type { GroupSummary } from '@staffroom/shared/schemas/groups';
import type { SupportResource } from '@staffroom/shared/schemas/messages';
import type { CrisisContacts } from '@staffroom/shared/schemas/settings';
import { api } from '../../../lib/api';

const CRISIS = '/api/settings/crisis-contacts';

/** What a coordinator's first-run checklist and the deployment settings read and write (HTTP only). */
export const setupApi = {
  crisisContacts: () => api.get<CrisisContacts>(CRISIS),
  saveCrisisContacts: (resources: SupportResource[]) => api.put<CrisisContacts>(CRISIS, { resources }),
  resetCrisisContacts: () => api.del<CrisisContacts>(CRISIS),
  groups: () => api.get<{ groups: GroupSummary[] }>('/api/groups').then((r) => r.groups),
  invites: () => api.get<{ invites: InviteInfo[] }>('/api/invites').then((r) => r.invites),
};
