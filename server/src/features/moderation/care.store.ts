import type { CareMessage } from '@staffroom/shared/schemas/moderation';

/** How many unread messages from moderation teams one account keeps (the oldest go first). */
export const CARE_INBOX_MAX = 20;
/** How long an unread message is kept: someone at risk may not log in for a while, but not forever. */
export const CARE_TTL_SECONDS = 30 * 24 * 3600;

/** Private messages from moderation teams to one member, kept until that member reads them. Memory and Redis. */
export interface CareStore {
  add(accountId: string, message: CareMessage): Promise<void>;
  /** Unread, oldest first. */
  list(accountId: string): Promise<CareMessage[]>;
  /** Read: deleted for good. Idempotent. */
  remove(accountId: string, id: string): Promise<void>;
  /** Account erasure: the whole inbox. Idempotent. */
  eraseAccount(accountId: string): Promise<void>;
  /** True for exactly one caller per report, cluster-wide: that node alerts coordinators about it. */
  claimEscalation(reportId: string): Promise<boolean>;
}
