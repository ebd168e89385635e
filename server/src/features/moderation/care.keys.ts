/** Redis keys of the care inbox (moderation capability). */
export const careKeys = (p: string) => ({
  /**
   * list: this account's unread messages from moderation teams (JSON, newest first). At most CARE_INBOX_MAX
   * entries; the key expires CARE_TTL_SECONDS after the last message; read messages are removed.
   */
  inbox: (accountId: string) => `${p}account:${accountId}:care`,
  /** string with TTL (CARE_TTL_SECONDS): this urgent item was escalated to coordinators, by the node that set it. */
  escalated: (reportId: string) => `${p}crisis:escalated:${reportId}`,
});
