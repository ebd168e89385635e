/** Every Redis key the groups capability owns. `p` is the deployment prefix from config. */
export const groupKeys = (p: string) => ({
  /** set: every group id. retention: until the group is deleted. */
  all: () => `${p}groups`,
  /** hash: the group record. retention: until the group is deleted. */
  group: (id: string) => `${p}grp:{${id}}`,
  /** string: group id an invite-only join code opens. retention: until the code is replaced or the group deleted. */
  joinCode: (code: string) => `${p}grp-code:${code}`,
  /** hash: account id → membership JSON. retention: an entry leaves with the member (leave, kick, ban). */
  members: (id: string) => `${p}grp:{${id}}:members`,
  /** hash: membership tag → account id. retention: an entry leaves with the member. */
  tags: (id: string) => `${p}grp:{${id}}:tags`,
  /**
   * hash: alias skeleton → account id, so two members cannot share a per-group name.
   * retention: an entry leaves with the member.
   */
  aliases: (id: string) => `${p}grp:{${id}}:aliases`,
  /**
   * hash: meeting id → meeting JSON.
   * retention: a meeting is deleted a day after it ended (by the retention sweep, and when listed).
   */
  meetings: (id: string) => `${p}grp:{${id}}:meetings`,
  /**
   * zset: "groupId meetingId" by start time, for announcing meetings as they start.
   * retention: an entry is popped when its meeting starts (or removed with the meeting).
   */
  meetingsDue: () => `${p}meetings-due`,
  /**
   * zset: "tag|node|name" by expiry time: who has the group open, per node, with heartbeats.
   * retention: entries expire `PRESENCE_TTL_SECONDS` after their node's last heartbeat.
   */
  presence: (id: string) => `${p}grp:{${id}}:presence`,
  /** set: group ids this account is a member of. retention: an id leaves with the membership. */
  accountGroups: (accountId: string) => `${p}account:${accountId}:groups`,
  /** hash: group id → seq read up to. retention: as long as the account (one field per group joined). */
  readMarks: (accountId: string) => `${p}account:${accountId}:read`,
  /** hash: group id → guidelines version accepted. retention: as long as the account (one field per group). */
  accepted: (accountId: string) => `${p}account:${accountId}:guidelines`,
});
