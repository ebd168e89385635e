import type { Meeting, MemberView } from '@staffroom/shared/schemas/groups';
import type { GroupRecord, GroupStore, MembershipRecord, PresenceStore } from './groups.store.js';
import { hostedByOneOf, meetingEnded } from './groups.store.js';

/** Embedded mode: groups in this process, gone at exit. Same contract as the Redis store. */
export function createMemoryGroupStore(): GroupStore {
  const groups = new Map<string, GroupRecord>();
  const members = new Map<string, Map<string, MembershipRecord>>();
  const aliases = new Map<string, Map<string, string>>();
  const accountGroups = new Map<string, Set<string>>();
  const accepted = new Map<string, number>();
  const reads = new Map<string, number>();
  const meetings = new Map<string, Map<string, Meeting>>();
  const due = new Set<string>();

  const membersOf = (groupId: string) => members.get(groupId) ?? new Map<string, MembershipRecord>();
  const key = (a: string, b: string) => `${a} ${b}`;

  return {
    async saveGroup(g) {
      groups.set(g.id, { ...g });
    },
    async getGroup(id) {
      const g = groups.get(id);
      return g ? { ...g } : null;
    },
    async listGroups() {
      return [...groups.values()].map((g) => ({ ...g }));
    },
    async findGroupByJoinCode(code) {
      const g = [...groups.values()].find((x) => x.joinCode === code);
      return g ? { ...g } : null;
    },

    async addMember(m) {
      const list = membersOf(m.groupId);
      if (list.has(m.accountId)) return 'already-member';
      const groupAliases = aliases.get(m.groupId) ?? new Map<string, string>();
      if (m.aliasSkeleton) {
        const owner = groupAliases.get(m.aliasSkeleton);
        if (owner && owner !== m.accountId) return 'alias-taken';
        groupAliases.set(m.aliasSkeleton, m.accountId);
        aliases.set(m.groupId, groupAliases);
      }
      list.set(m.accountId, { ...m });
      members.set(m.groupId, list);
      accountGroups.set(m.accountId, (accountGroups.get(m.accountId) ?? new Set()).add(m.groupId));
      return 'added';
    },
    async removeMember(groupId, accountId) {
      const m = membersOf(groupId).get(accountId);
      if (!m) return null;
      members.get(groupId)?.delete(accountId);
      accountGroups.get(accountId)?.delete(groupId);
      if (m.aliasSkeleton) aliases.get(groupId)?.delete(m.aliasSkeleton);
      return { ...m };
    },
    async eraseAccount(accountId) {
      const removed: MembershipRecord[] = [];
      for (const groupId of [...(accountGroups.get(accountId) ?? [])]) {
        const m = await this.removeMember(groupId, accountId);
        if (m) removed.push(m);
      }
      accountGroups.delete(accountId);
      for (const map of [accepted, reads])
        for (const k of [...map.keys()]) if (k.startsWith(`${accountId} `)) map.delete(k);
      return removed;
    },
    async getMembership(groupId, accountId) {
      const m = membersOf(groupId).get(accountId);
      return m ? { ...m } : null;
    },
    async findMemberByTag(groupId, tag) {
      const m = [...membersOf(groupId).values()].find((x) => x.tag === tag);
      return m ? { ...m } : null;
    },
    async listMembers(groupId) {
      return [...membersOf(groupId).values()].map((m) => ({ ...m }));
    },
    async memberCounts(groupIds) {
      return groupIds.map((id) => membersOf(id).size);
    },
    async touchedGroupIds(accountId) {
      const ids = new Set(accountGroups.get(accountId) ?? []);
      for (const map of [accepted, reads])
        for (const k of map.keys()) if (k.startsWith(`${accountId} `)) ids.add(k.slice(accountId.length + 1));
      return [...ids];
    },
    async accountGroupIds(accountId) {
      return [...(accountGroups.get(accountId) ?? [])];
    },

    async acceptGuidelines(accountId, groupId, version) {
      accepted.set(key(accountId, groupId), version);
    },
    async acceptedVersion(accountId, groupId) {
      return accepted.get(key(accountId, groupId)) ?? 0;
    },
    async markRead(accountId, groupId, seq) {
      const k = key(accountId, groupId);
      if (seq > (reads.get(k) ?? 0)) reads.set(k, seq);
    },
    async readMarks(accountId, groupIds) {
      return groupIds.map((id) => reads.get(key(accountId, id)) ?? 0);
    },

    async saveMeeting(m) {
      const list = meetings.get(m.groupId) ?? new Map<string, Meeting>();
      list.set(m.id, { ...m });
      meetings.set(m.groupId, list);
      due.add(key(m.groupId, m.id));
    },
    async removeMeeting(groupId, meetingId) {
      due.delete(key(groupId, meetingId));
      return meetings.get(groupId)?.delete(meetingId) ?? false;
    },
    async listMeetings(groupIds) {
      const now = Date.now();
      for (const id of groupIds) {
        for (const m of meetings.get(id)?.values() ?? [])
          if (meetingEnded(m, now)) meetings.get(id)?.delete(m.id);
      }
      return groupIds.flatMap((id) => [...(meetings.get(id)?.values() ?? [])].map((m) => ({ ...m })));
    },
    async deattributeMeetings(groupIds, names, formerName) {
      let changed = 0;
      for (const id of groupIds) {
        for (const m of meetings.get(id)?.values() ?? []) {
          if (!hostedByOneOf(m.host, names)) continue;
          m.host = formerName;
          changed++;
        }
      }
      return changed;
    },
    async pruneMeetings(groupIds, now) {
      let pruned = 0;
      for (const id of groupIds) {
        for (const m of meetings.get(id)?.values() ?? []) {
          if (!meetingEnded(m, now)) continue;
          meetings.get(id)?.delete(m.id);
          due.delete(key(id, m.id));
          pruned++;
        }
      }
      return pruned;
    },
    async claimStartedMeetings(now) {
      const started: Meeting[] = [];
      for (const entry of due) {
        const [groupId = '', meetingId = ''] = entry.split(' ');
        const m = meetings.get(groupId)?.get(meetingId);
        if (!m) due.delete(entry);
        else if (m.startsAt <= now) {
          due.delete(entry);
          started.push({ ...m });
        }
      }
      return started;
    },
  };
}

export function createMemoryPresenceStore(): PresenceStore {
  /** groupId → "tag|node" → member and expiry. */
  const entries = new Map<string, Map<string, { member: MemberView; expiresAt: number }>>();
  return {
    async beat(list, nodeId, now, ttlMs) {
      for (const { groupId, member } of list) {
        const group = entries.get(groupId) ?? new Map();
        for (const [k, e] of group) if (e.expiresAt <= now) group.delete(k);
        group.set(`${member.tag}|${nodeId}`, { member: { ...member }, expiresAt: now + ttlMs });
        entries.set(groupId, group);
      }
    },
    async drop(groupId, member, nodeId) {
      entries.get(groupId)?.delete(`${member.tag}|${nodeId}`);
    },
    async list(groupIds, now) {
      return groupIds.map((id) => {
        const byTag = new Map<string, MemberView>();
        for (const [k, e] of entries.get(id) ?? []) {
          if (e.expiresAt > now) byTag.set(e.member.tag, e.member);
          else entries.get(id)?.delete(k);
        }
        return [...byTag.values()];
      });
    },
  };
}
