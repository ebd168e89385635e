import { keyFor } from '@staffroom/shared/privacy/registry';

/**
 * Every Redis key the groups capability owns, built through the registry of stored data
 * (`shared/src/privacy/registry.ts`), where each one's contents, owner, retention and erasure are declared.
 */
export const groupKeys = (p: string) => ({
  /** retention: until the group is deleted. */
  all: () => keyFor(p, 'groups.all'),
  /** retention: until the group is deleted. */
  group: (id: string) => keyFor(p, 'groups.group', { groupId: id }),
  /** retention: until the code is replaced or the group deleted. */
  joinCode: (code: string) => keyFor(p, 'groups.joinCode', { code }),
  /** retention: an entry leaves with the member (leave, kick, ban). */
  members: (id: string) => keyFor(p, 'groups.members', { groupId: id }),
  /** retention: an entry leaves with the member. */
  tags: (id: string) => keyFor(p, 'groups.tags', { groupId: id }),
  /** retention: an entry leaves with the member. */
  aliases: (id: string) => keyFor(p, 'groups.aliases', { groupId: id }),
  /** retention: a meeting is deleted a day after it ended (when the group's meetings are listed or saved). */
  meetings: (id: string) => keyFor(p, 'groups.meetings', { groupId: id }),
  /** retention: an entry is popped when its meeting starts (or removed with the meeting). */
  meetingsDue: () => keyFor(p, 'groups.meetingsDue'),
  /** retention: entries expire `PRESENCE_TTL_SECONDS` after their node's last heartbeat. */
  presence: (id: string) => keyFor(p, 'groups.presence', { groupId: id }),
  /** retention: an id leaves with the membership. */
  accountGroups: (accountId: string) => keyFor(p, 'groups.accountGroups', { accountId }),
  /** retention: as long as the account (one field per group joined). */
  readMarks: (accountId: string) => keyFor(p, 'groups.readMarks', { accountId }),
  /** retention: as long as the account (one field per group). */
  accepted: (accountId: string) => keyFor(p, 'groups.accepted', { accountId }),
});
