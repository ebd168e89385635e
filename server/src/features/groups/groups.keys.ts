/** Every Redis key the groups capability owns. `p` is the deployment prefix from config. */
export const groupKeys = (p: string) => ({
  /** set: every group id. */
  all: () => `${p}groups`,
  /** hash: the group record. */
  group: (id: string) => `${p}grp:{${id}}`,
  /** string: group id an invite-only join code opens. */
  joinCode: (code: string) => `${p}grp-code:${code}`,
  /** hash: account id → membership JSON. */
  members: (id: string) => `${p}grp:{${id}}:members`,
  /** hash: membership tag → account id. */
  tags: (id: string) => `${p}grp:{${id}}:tags`,
  /** hash: alias skeleton → account id, so two members cannot share a per-group name. */
  aliases: (id: string) => `${p}grp:{${id}}:aliases`,
  /** hash: meeting id → meeting JSON. */
  meetings: (id: string) => `${p}grp:{${id}}:meetings`,
  /** zset: "groupId meetingId" by start time, for announcing meetings as they start. */
  meetingsDue: () => `${p}meetings-due`,
  /** zset: "tag|node|name" by expiry time: who has the group open, per node, with heartbeats. */
  presence: (id: string) => `${p}grp:{${id}}:presence`,
  /** set: group ids this account is a member of. */
  accountGroups: (accountId: string) => `${p}account:${accountId}:groups`,
  /** hash: group id → seq read up to. */
  readMarks: (accountId: string) => `${p}account:${accountId}:read`,
  /** hash: group id → guidelines version accepted. */
  accepted: (accountId: string) => `${p}account:${accountId}:guidelines`,
});
