/** Every Redis key the messages capability owns. Hash tags keep one group's keys in one cluster slot. */
export const messageKeys = (p: string) => ({
  /** stream: the group's messages (metadata only); entry id `<seq>-0`. */
  stream: (groupId: string) => `${p}grp:{${groupId}}:msgs`,
  /**
   * hash: seq → text. Kept apart from the stream so removing a message really erases its text (stream entries
   * cannot be rewritten, and XDEL leaves the bytes in place until the whole stream node goes).
   */
  texts: (groupId: string) => `${p}grp:{${groupId}}:texts`,
  /** string: the group's last assigned seq. */
  seq: (groupId: string) => `${p}grp:{${groupId}}:seq`,
  /** string with TTL: "<seq>:<ts>" of a message already stored for this sender's client id (idempotency). */
  clientId: (groupId: string, accountId: string, clientId: string) =>
    `${p}grp:{${groupId}}:cid:${accountId}:${clientId}`,
  /** hash: reactions on one message: `c:<kind>` counts and `m:<kind>:<accountId>` markers. */
  reactions: (groupId: string, seq: number) => `${p}grp:{${groupId}}:rx:${seq}`,
  /**
   * zset: seqs of crisis-flagged messages whose urgent moderator item is not yet known to exist (score = seq).
   * Written by the append script; an entry goes once the item is raised; at most PENDING_CRISIS_MAX entries.
   */
  crisis: (groupId: string) => `${p}grp:{${groupId}}:crisis`,
  /** pub/sub channel: every stored message, as members receive it (published by the append script). */
  live: () => `${p}msgs:live`,
  /** string with TTL: sends by this account in the current window (cluster-wide rate limit). */
  sendRate: (accountId: string) => `${p}rate:send:${accountId}`,
  /** string with TTL: this account's last send in a group under slow mode. */
  slowRate: (groupId: string, accountId: string) => `${p}grp:{${groupId}}:slow:${accountId}`,
});
