import type { Meeting, MemberView, Topic, Visibility } from '@staffroom/shared/schemas/groups';

export interface GroupRecord {
  id: string;
  name: string;
  topic: Topic;
  description: string;
  guidelines: string;
  /** Bumped when the guidelines change: members accept the new version before their next join. */
  guidelinesVersion: number;
  visibility: Visibility;
  /** Lets someone join an invite-only group; shown to admins. */
  joinCode: string;
  createdAt: number;
  updatedAt: number;
}

export interface MembershipRecord {
  groupId: string;
  accountId: string;
  /** Opaque per-membership id shown to other members instead of anything account-wide. */
  tag: string;
  /** The name shown in this group: the account's pseudonym or a per-group alias. */
  name: string;
  /** Skeleton of the alias, when one is used (for uniqueness within the group). */
  aliasSkeleton: string | null;
  joinedAt: number;
}

/** Persistence for groups, memberships, meetings and per-account group state. Memory and Redis. */
export interface GroupStore {
  saveGroup(group: GroupRecord): Promise<void>;
  getGroup(id: string): Promise<GroupRecord | null>;
  listGroups(): Promise<GroupRecord[]>;
  findGroupByJoinCode(code: string): Promise<GroupRecord | null>;

  /** Adds the membership unless the account is already a member or the alias is taken; says which. */
  addMember(m: MembershipRecord): Promise<'added' | 'already-member' | 'alias-taken'>;
  /** Removes and returns the membership, or null when there was none. */
  removeMember(groupId: string, accountId: string): Promise<MembershipRecord | null>;
  getMembership(groupId: string, accountId: string): Promise<MembershipRecord | null>;
  /** The membership shown in the group under this tag (moderators act on what they see). */
  findMemberByTag(groupId: string, tag: string): Promise<MembershipRecord | null>;
  listMembers(groupId: string): Promise<MembershipRecord[]>;
  memberCounts(groupIds: readonly string[]): Promise<number[]>;
  accountGroupIds(accountId: string): Promise<string[]>;
  /** The groups the account is or was in (its groups, and those whose guidelines it accepted or it read). */
  touchedGroupIds(accountId: string): Promise<string[]>;

  acceptGuidelines(accountId: string, groupId: string, version: number): Promise<void>;
  acceptedVersion(accountId: string, groupId: string): Promise<number>;
  /** Moves the read mark forward only (several devices may report out of order). */
  markRead(accountId: string, groupId: string, seq: number): Promise<void>;
  readMarks(accountId: string, groupIds: readonly string[]): Promise<number[]>;

  /**
   * Account erasure: every membership of the account (with its tag and alias), its group list, read marks and
   * accepted guidelines. Idempotent; returns the memberships it removed.
   */
  eraseAccount(accountId: string): Promise<MembershipRecord[]>;

  saveMeeting(meeting: Meeting): Promise<void>;
  removeMeeting(groupId: string, meetingId: string): Promise<boolean>;
  listMeetings(groupIds: readonly string[]): Promise<Meeting[]>;
  /** Atomically takes meetings that have started and not been announced; each is returned to one caller. */
  claimStartedMeetings(now: number): Promise<Meeting[]>;
  /**
   * Erasure: meetings in these groups hosted under one of `names` (compared without case or outer spaces) show
   * `formerName` as their host from now on; returns how many changed.
   */
  deattributeMeetings(
    groupIds: readonly string[],
    names: readonly string[],
    formerName: string,
  ): Promise<number>;
  /** Retention: deletes these groups' meetings that ended over a day before `now`; returns how many went. */
  pruneMeetings(groupIds: readonly string[], now: number): Promise<number>;
}

/** Who has a group open, from per-node heartbeats that expire, so a dead node's entries vanish by themselves. */
export interface PresenceStore {
  /** Renews this node's entries until `now + ttlMs`, sweeping entries (of any node) that expired by `now`. */
  beat(
    entries: readonly { groupId: string; member: MemberView }[],
    nodeId: string,
    now: number,
    ttlMs: number,
  ): Promise<void>;
  drop(groupId: string, member: MemberView, nodeId: string): Promise<void>;
  list(groupIds: readonly string[], now: number): Promise<MemberView[][]>;
}

/** Meetings are kept this long after they end, then deleted (retention). */
export const MEETING_KEPT_AFTER_END_MS = 24 * 3600_000;
export const meetingEnded = (m: Pick<Meeting, 'startsAt' | 'durationMinutes'>, now: number) =>
  m.startsAt + m.durationMinutes * 60_000 + MEETING_KEPT_AFTER_END_MS < now;

/** Whether a meeting's host is one of an erased account's names. */
export const hostedByOneOf = (host: string, names: readonly string[]) => {
  const h = host.trim().toLowerCase();
  return h.length > 0 && names.some((n) => n.trim().toLowerCase() === h);
};
