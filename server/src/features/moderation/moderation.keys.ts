import { keyFor } from '@staffroom/shared/privacy/registry';

/**
 * Every Redis key the moderation capability owns, built through the registry of stored data
 * (`shared/src/privacy/registry.ts`), where each one's contents, owner, retention and erasure are declared.
 */
export const moderationKeys = (p: string) => ({
  /** retention: as long as the group. */
  settings: (groupId: string) => keyFor(p, 'moderation.settings', { groupId }),
  /** retention: as long as the group. */
  moderators: (groupId: string) => keyFor(p, 'moderation.moderators', { groupId }),
  /** retention: an entry is deleted on unmute; one per muted member at most. */
  mutes: (groupId: string) => keyFor(p, 'moderation.mutes', { groupId }),
  /** retention: an entry is deleted on unban. */
  bans: (groupId: string) => keyFor(p, 'moderation.bans', { groupId }),
  /** retention: an entry is deleted on unban. */
  globalBans: () => keyFor(p, 'moderation.globalBans'),
  /** retention: an entry is deleted on unban. */
  banIds: () => keyFor(p, 'moderation.banIds'),
  /** retention: an id leaves when the role is removed. */
  moderates: (accountId: string) => keyFor(p, 'moderation.moderates', { accountId }),
  /** retention: an id leaves when a moderator decides on the held message; the key goes with its last id. */
  heldBy: (groupId: string, accountId: string) => keyFor(p, 'moderation.heldBy', { groupId, accountId }),
  /** retention: an id leaves when its alert is handled or its member erased; the key goes with its last id. */
  alertsAbout: (groupId: string, accountId: string) =>
    keyFor(p, 'moderation.alertsAbout', { groupId, accountId }),
  /** retention: kept while open; deleted `REPORT_RETENTION_DAYS` after it is handled (TTL set on resolve). */
  report: (id: string) => keyFor(p, 'moderation.report', { reportId: id }),
  /** Legacy (before one key per report): read as a fallback, never written. retention: drained on resolve. */
  reports: () => keyFor(p, 'moderation.reports'),
  /** retention: an id leaves when its report is handled; the key disappears with its last member. */
  openReports: (queue: string) => keyFor(p, 'moderation.openReports', { queue }),
  /**
   * The queue's urgent items nobody acknowledged, by createdAt: the badge and the escalation read only this. Same
   * hash tag as `openReports(queue)`, so a report's queue and index entries change in one per-slot MULTI.
   * retention: an id leaves when its item is acknowledged, handled or its member erased; the key goes with its last id.
   */
  urgentReports: (queue: string) => keyFor(p, 'moderation.urgentReports', { queue }),
  /** Legacy (before per-group queues): read, never added to. retention: drained on resolve. */
  legacyOpenReports: () => keyFor(p, 'moderation.legacyOpenReports'),
  /** retention: TTL `REPORT_RETENTION_DAYS` from the report. */
  reportOnce: (dedupeKey: string) => keyFor(p, 'moderation.reportOnce', { dedupe: dedupeKey }),
  /** retention: the newest 100; expires `REPORT_RETENTION_DAYS` after the reporter's last report. */
  reportsBy: (accountId: string) => keyFor(p, 'moderation.reportsBy', { accountId }),
  /** retention: TTL of the window (an hour): one audit entry per coordinator, group and window. */
  coordinatorOpen: (accountId: string, groupId: string) =>
    keyFor(p, 'moderation.coordinatorOpen', { accountId, groupId }),
  /** retention: an entry goes with its report (the retention sweep, `REPORT_RETENTION_DAYS` after handling). */
  resolvedReports: () => keyFor(p, 'moderation.resolvedReports'),
  /**
   * The append-only audit log. No code path edits its entries. retention: the retention sweep deletes entries
   * older than `AUDIT_RETENTION_DAYS`.
   */
  audit: () => keyFor(p, 'moderation.audit'),
});
