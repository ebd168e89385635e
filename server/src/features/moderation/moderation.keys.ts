/** Every Redis key the moderation capability owns. */
export const moderationKeys = (p: string) => ({
  /** hash: locked, slowSeconds, blockedTerms (JSON). */
  settings: (groupId: string) => `${p}grp:{${groupId}}:moderation`,
  /** set: account ids of the group's moderators. */
  moderators: (groupId: string) => `${p}grp:{${groupId}}:moderators`,
  /** hash: account id → mute JSON. */
  mutes: (groupId: string) => `${p}grp:{${groupId}}:mutes`,
  /** hash: account id → ban JSON (group bans). */
  bans: (groupId: string) => `${p}grp:{${groupId}}:bans`,
  /** hash: account id → ban JSON (bans from Staffroom). */
  globalBans: () => `${p}bans`,
  /** hash: ban id → "groupId|accountId" ("*" for global), to unban by the id moderators see. */
  banIds: () => `${p}ban-ids`,
  /** set: groups this account moderates. */
  moderates: (accountId: string) => `${p}account:${accountId}:moderates`,
  /** hash: report id → report JSON. */
  reports: () => `${p}reports`,
  /** zset: open report ids by priority (urgent first, then oldest). */
  openReports: () => `${p}reports:open`,
  /** zset: this reporter's report ids by time. */
  reportsBy: (accountId: string) => `${p}account:${accountId}:reports`,
  /** stream: the append-only audit log. No code path edits or deletes its entries. */
  audit: () => `${p}audit`,
});
