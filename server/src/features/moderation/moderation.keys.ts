/** Every Redis key the moderation capability owns. */
export const moderationKeys = (p: string) => ({
  /** hash: locked, slowSeconds, blockedTerms (JSON), careCard, holdFlagged. retention: as long as the group. */
  settings: (groupId: string) => `${p}grp:{${groupId}}:moderation`,
  /** set: account ids of the group's moderators. retention: as long as the group. */
  moderators: (groupId: string) => `${p}grp:{${groupId}}:moderators`,
  /** hash: account id → mute JSON. retention: an entry is deleted on unmute; one per muted member at most. */
  mutes: (groupId: string) => `${p}grp:{${groupId}}:mutes`,
  /** hash: account id → ban JSON (group bans). retention: an entry is deleted on unban. */
  bans: (groupId: string) => `${p}grp:{${groupId}}:bans`,
  /** hash: account id → ban JSON (bans from Staffroom). retention: an entry is deleted on unban. */
  globalBans: () => `${p}bans`,
  /**
   * hash: ban id → "groupId|accountId" ("*" for global), to unban by the id moderators see.
   * retention: an entry is deleted on unban.
   */
  banIds: () => `${p}ban-ids`,
  /** set: groups this account moderates. retention: an id leaves when the role is removed. */
  moderates: (accountId: string) => `${p}account:${accountId}:moderates`,
  /**
   * string: one report's JSON (a message held for review lives in its report, and is erased at the decision).
   * retention: kept while open; deleted `REPORT_RETENTION_DAYS` after it is handled (TTL set on resolve).
   */
  report: (id: string) => `${p}report:${id}`,
  /**
   * hash: report id → report JSON. Legacy (before one key per report): read as a fallback, never written; an
   * entry leaves when its report is handled, so the hash drains.
   * retention: drained on resolve (no new entries).
   */
  reports: () => `${p}reports`,
  /**
   * zset: open report ids of one queue (a group, or `~convo`) by priority (urgent first, then oldest).
   * retention: an id leaves when its report is handled; the key disappears with its last member.
   */
  openReports: (queue: string) => `${p}reports:open:{${queue}}`,
  /**
   * zset: open report ids of every group, by priority. Legacy (before per-group queues): read, never added to.
   * retention: drained on resolve.
   */
  legacyOpenReports: () => `${p}reports:open`,
  /**
   * string: the id of the report this reporter filed on this message (dedupe).
   * retention: TTL `REPORT_RETENTION_DAYS` from the report.
   */
  reportOnce: (dedupeKey: string) => `${p}report-once:${dedupeKey}`,
  /**
   * zset: this reporter's report ids by time.
   * retention: the newest 100 are kept; the key expires `REPORT_RETENTION_DAYS` after the reporter's last report.
   */
  reportsBy: (accountId: string) => `${p}account:${accountId}:reports`,
  /**
   * stream: the append-only audit log. No code path edits or deletes its entries.
   * retention: kept (the record of every moderator action; the deployment's policy may trim it with XTRIM).
   */
  audit: () => `${p}audit`,
});
