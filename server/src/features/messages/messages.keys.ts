/** Every Redis key the messages capability owns. Hash tags keep one group's keys in one cluster slot. */
export const messageKeys = (p: string) => ({
  /** stream: the group's messages; entry id `<seq>-0`. */
  stream: (groupId: string) => `${p}grp:{${groupId}}:msgs`,
  /** string: the group's last assigned seq. */
  seq: (groupId: string) => `${p}grp:{${groupId}}:seq`,
  /** string with TTL: "<seq>:<ts>" of a message already stored for this sender's client id (idempotency). */
  clientId: (groupId: string, accountId: string, clientId: string) =>
    `${p}grp:{${groupId}}:cid:${accountId}:${clientId}`,
  /** hash: reactions on one message: `c:<kind>` counts and `m:<kind>:<accountId>` markers. */
  reactions: (groupId: string, seq: number) => `${p}grp:{${groupId}}:rx:${seq}`,
  /** string with TTL: sends by this account in the current window (cluster-wide rate limit). */
  sendRate: (accountId: string) => `${p}rate:send:${accountId}`,
});
