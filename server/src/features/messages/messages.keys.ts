/** Every Redis key the messages capability owns. Hash tags keep one group's keys in one cluster slot. */
export const messageKeys = (p: string) => ({
  /**
   * stream: the group's messages (metadata only); entry id `<seq>-0`.
   * retention: the newest `HISTORY_MAX_MESSAGES` (trimmed exactly by the append script).
   */
  stream: (groupId: string) => `${p}grp:{${groupId}}:msgs`,
  /**
   * hash: seq → text. Kept apart from the stream so removing a message really erases its text (stream entries
   * cannot be rewritten, and XDEL leaves the bytes in place until the whole stream node goes).
   * retention: the text of a trimmed message is deleted in the same script; a removed one becomes a tombstone.
   */
  texts: (groupId: string) => `${p}grp:{${groupId}}:texts`,
  /** string: the group's last assigned seq. retention: as long as the group. */
  seq: (groupId: string) => `${p}grp:{${groupId}}:seq`,
  /**
   * string with TTL: "<seq>:<ts>" of a message already stored for this sender's client id (idempotency).
   * retention: TTL `CLIENT_ID_TTL_SECONDS`.
   */
  clientId: (groupId: string, accountId: string, clientId: string) =>
    `${p}grp:{${groupId}}:cid:${accountId}:${clientId}`,
  /**
   * hash: reactions on one message: `c:<kind>` counts and `m:<kind>:<accountId>` markers.
   * retention: deleted with its message: when the message is removed, and when it is trimmed (append script).
   */
  reactions: (groupId: string, seq: number) => `${p}grp:{${groupId}}:rx:${seq}`,
  /**
   * zset: seqs of crisis-flagged messages whose urgent moderator item is not yet known to exist (score = seq).
   * Written by the append script. retention: an entry goes once the item is raised; at most PENDING_CRISIS_MAX.
   */
  crisis: (groupId: string) => `${p}grp:{${groupId}}:crisis`,
  /**
   * pub/sub channel: every stored message, as members receive it (published by the append script).
   * retention: none needed (a channel stores nothing).
   */
  live: () => `${p}msgs:live`,
  /**
   * shard channel (Redis Cluster mode): this group's stored messages, published with `SPUBLISH` by the append
   * script. The group's hash tag puts it in the slot of the group's keys, as a script's publication must be.
   * retention: none needed (a channel stores nothing).
   */
  liveShard: (groupId: string) => `${p}grp:{${groupId}}:live`,
  /**
   * string with TTL: sends by this account in the current window (cluster-wide rate limit).
   * retention: TTL of the window (10 s).
   */
  sendRate: (accountId: string) => `${p}rate:send:${accountId}`,
  /** string with TTL: this account's last send in a group under slow mode. retention: TTL of the slow window. */
  slowRate: (groupId: string, accountId: string) => `${p}grp:{${groupId}}:slow:${accountId}`,
});
