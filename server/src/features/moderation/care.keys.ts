import { keyFor } from '@staffroom/shared/privacy/registry';

/** Redis keys of the care inbox (moderation capability), built through the registry of stored data. */
export const careKeys = (p: string) => ({
  /** retention: at most CARE_INBOX_MAX entries; expires CARE_TTL_SECONDS after the last message; read ones go. */
  inbox: (accountId: string) => keyFor(p, 'moderation.care', { accountId }),
  /** retention: TTL CARE_TTL_SECONDS. */
  escalated: (reportId: string) => keyFor(p, 'moderation.escalated', { reportId }),
});
