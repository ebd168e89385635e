import type { SupportResource } from '@staffroom/shared/schemas/messages';
import { randomBytes } from 'node:crypto';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import { COORDINATORS_DONT_READ } from '@staffroom/shared/schemas/accounts';
import {
  checkPseudonym,
  pseudonymAsWords,
  pseudonymSkeleton,
  REAL_NAME_MESSAGE,
} from '@staffroom/shared/rules/pseudonym';
import { describeFindings, detectIdentifying } from '@staffroom/shared/guards/privacy';
import type {
  CreateGroupBody,
  CreateMeetingBody,
  GroupDetail,
  GroupSummary,
  Meeting,
  MemberView,
  Topic,
  UpdateGroupBody,
} from '@staffroom/shared/schemas/groups';
import type { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import type { GroupRecord, GroupStore, MembershipRecord } from './groups.store.js';

export interface GroupServiceDeps {
  store: GroupStore;
  /**
   * The privacy guard on a text people will read (from moderation): throws PRIVACY_CONFIRM_REQUIRED unless
   * confirmed; returns the crisis contacts when the text suggests risk. Absent: no check.
   */
  checkText?: (
    text: string,
    opts: { confirmIdentifying: boolean; privacy?: boolean; crisis?: boolean; field?: string },
  ) => { support: SupportResource[] | null };

  /** The latest seq of each group (from messages), for unread counts. */
  latestSeqs: (groupIds: readonly string[]) => Promise<number[]>;
  /** True when a pseudonym skeleton belongs to an account (from accounts), so an alias cannot impersonate. */
  isPseudonymTaken: (skeleton: string) => Promise<boolean>;
  /** Throws BANNED while the account is banned from the group (from moderation). */
  joinGate: (p: Principal, groupId: string) => Promise<void>;
  /** The active bans of an account among these groups: group id → until (null: no end). From moderation. */
  activeBans: (accountId: string, groupIds: readonly string[]) => Promise<Map<string, number | null>>;
  /** Records an admin action in the audit log (from moderation). */
  audit: (
    p: Principal,
    action: 'create-group' | 'update-group' | 'schedule-meeting' | 'cancel-meeting',
    groupId: string,
    target: string,
    reason: string,
  ) => Promise<void>;
  /** Audits a coordinator who is not a member opening the group (from moderation; absent: not audited). */
  coordinatorOpened?: (p: Principal, groupId: string, what: string) => Promise<void>;
  now?: () => number;
  /** School and district names for the privacy guard on session agendas. */
  schoolNames?: readonly string[];
}

const newId = () => randomBytes(9).toString('base64url');
const newJoinCode = () => randomBytes(8).toString('base64url');
const WEEK_MS = 7 * 24 * 3600_000;

const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No such group.');
/** Coordinators never join or open a group, also with a membership an older version let them make. */
const coordinatorsDontRead = () => new AppError(ErrorCode.FORBIDDEN, COORDINATORS_DONT_READ);
const requireAdmin = (p: Principal) => {
  if (p.role !== 'admin') throw new AppError(ErrorCode.FORBIDDEN, 'Only coordinators (admins) can do this.');
};
export const memberView = (m: MembershipRecord): MemberView => ({ tag: m.tag, name: m.name });

export function createGroupService(deps: GroupServiceDeps) {
  const { store } = deps;
  const now = deps.now ?? Date.now;

  /** A group this principal may see: listed, or invite-only and a member (admins see all). Else NOT_FOUND. */
  async function visibleGroup(
    p: Principal,
    groupId: string,
  ): Promise<{ group: GroupRecord; membership: MembershipRecord | null }> {
    const group = await store.getGroup(groupId);
    if (!group) throw notFound();
    const membership = await store.getMembership(groupId, p.accountId);
    if (group.visibility === 'invite-only' && !membership && p.role !== 'admin') throw notFound();
    return { group, membership };
  }

  async function summaries(p: Principal, groups: GroupRecord[]): Promise<GroupSummary[]> {
    const ids = groups.map((g) => g.id);
    const [counts, memberOf, latest, reads, meetings, bans] = await Promise.all([
      store.memberCounts(ids),
      store.accountGroupIds(p.accountId),
      deps.latestSeqs(ids),
      store.readMarks(p.accountId, ids),
      store.listMeetings(ids),
      deps.activeBans(p.accountId, ids),
    ]);
    const mine = new Set(memberOf);
    const at = now();
    return groups.map((g, i) => {
      const isMember = mine.has(g.id);
      const next = meetings
        .filter((m) => m.groupId === g.id && m.startsAt + m.durationMinutes * 60_000 > at)
        .sort((a, b) => a.startsAt - b.startsAt)[0];
      return {
        id: g.id,
        name: g.name,
        topic: g.topic,
        description: g.description,
        visibility: g.visibility,
        memberCount: counts[i] ?? 0,
        isMember,
        unread: isMember ? Math.max(0, (latest[i] ?? 0) - (reads[i] ?? 0)) : 0,
        nextMeeting: next ?? null,
        ...(bans.has(g.id) ? { banned: { until: bans.get(g.id) ?? null } } : {}),
      };
    });
  }

  async function detail(p: Principal, group: GroupRecord): Promise<GroupDetail> {
    const [summary] = await summaries(p, [group]);
    const [accepted, meetings] = await Promise.all([
      store.acceptedVersion(p.accountId, group.id),
      store.listMeetings([group.id]),
    ]);
    const at = now();
    return {
      ...(summary as GroupSummary),
      guidelines: group.guidelines,
      guidelinesAccepted: accepted >= group.guidelinesVersion,
      meetings: meetings
        .filter((m) => m.startsAt + m.durationMinutes * 60_000 > at)
        .sort((a, b) => a.startsAt - b.startsAt),
      endedMeetings: meetings
        .filter((m) => m.startsAt + m.durationMinutes * 60_000 <= at)
        .sort((a, b) => b.startsAt - a.startsAt),
      ...(p.role === 'admin' ? { joinCode: group.joinCode } : {}),
    };
  }

  return {
    async createGroup(p: Principal, body: z.output<typeof CreateGroupBody>): Promise<GroupDetail> {
      requireAdmin(p);
      const at = now();
      const group: GroupRecord = {
        id: newId(),
        ...body,
        guidelinesVersion: 1,
        joinCode: newJoinCode(),
        createdAt: at,
        updatedAt: at,
      };
      await store.saveGroup(group);
      await deps.audit(p, 'create-group', group.id, group.name, 'created');
      return detail(p, group);
    },

    async updateGroup(
      p: Principal,
      groupId: string,
      patch: z.output<typeof UpdateGroupBody>,
    ): Promise<GroupDetail> {
      requireAdmin(p);
      const group = await store.getGroup(groupId);
      if (!group) throw notFound();
      const guidelinesChanged = patch.guidelines !== undefined && patch.guidelines !== group.guidelines;
      const updated: GroupRecord = {
        ...group,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
        guidelinesVersion: group.guidelinesVersion + (guidelinesChanged ? 1 : 0),
        updatedAt: now(),
      };
      await store.saveGroup(updated);
      await deps.audit(p, 'update-group', groupId, Object.keys(patch).join(', ') || 'nothing', 'edited');
      return detail(p, updated);
    },

    /** Listed groups plus the invite-only ones this member belongs to (admins see all). */
    async listGroups(
      p: Principal,
      query: { topic?: Topic | undefined; q?: string | undefined },
    ): Promise<GroupSummary[]> {
      const [all, memberOf] = await Promise.all([store.listGroups(), store.accountGroupIds(p.accountId)]);
      const mine = new Set(memberOf);
      const needle = query.q?.toLocaleLowerCase();
      const visible = all
        .filter((g) => g.visibility === 'listed' || mine.has(g.id) || p.role === 'admin')
        .filter((g) => !query.topic || g.topic === query.topic)
        .filter((g) => !needle || g.name.toLocaleLowerCase().includes(needle))
        .sort((a, b) => a.name.localeCompare(b.name));
      return summaries(p, visible);
    },

    async getGroup(p: Principal, groupId: string): Promise<GroupDetail> {
      const { group, membership } = await visibleGroup(p, groupId);
      // Only a coordinator sees an invite-only group without being in it: its page (and join code) is audited.
      if (group.visibility === 'invite-only' && !membership)
        await deps.coordinatorOpened?.(p, group.id, 'the invite-only group page');
      return detail(p, group);
    },

    async join(
      p: Principal,
      input: {
        groupId?: string | undefined;
        code?: string | undefined;
        acceptGuidelines: boolean;
        alias?: string | undefined;
      },
    ): Promise<{ group: GroupDetail; me: MemberView }> {
      if (p.role === 'admin') throw coordinatorsDontRead();
      const group = input.code
        ? await store.findGroupByJoinCode(input.code)
        : await store.getGroup(input.groupId ?? '');
      // An invite-only group is joined with its code; its id alone neither finds nor opens it.
      if (!group || (group.visibility === 'invite-only' && !input.code)) throw notFound();
      const existing = await store.getMembership(group.id, p.accountId);
      if (existing) return { group: await detail(p, group), me: memberView(existing) };

      await deps.joinGate(p, group.id);
      const accepted = await store.acceptedVersion(p.accountId, group.id);
      if (accepted < group.guidelinesVersion && !input.acceptGuidelines) {
        throw new AppError(
          ErrorCode.GUIDELINES_REQUIRED,
          'Please read and accept the group guidelines to join.',
        );
      }
      let name = p.pseudonym;
      // The shown name's skeleton is reserved in the group whether it is an alias or the pseudonym, so nobody
      // can show a name another member shows (or one that looks like it).
      let aliasSkeleton: string | null = pseudonymSkeleton(p.pseudonym);
      if (input.alias !== undefined && input.alias.trim() !== '') {
        const alias = checkPseudonym(input.alias);
        if (!alias.ok) throw new AppError(ErrorCode.PSEUDONYM_REJECTED, alias.message, { field: 'alias' });
        // Shown to the whole group: the privacy guard reads names the rule's lists do not hold.
        if (
          detectIdentifying(pseudonymAsWords(alias.value), {
            schoolNames: deps.schoolNames ?? [],
            nameField: true,
          }).some((f) => f.kind === 'full-name')
        )
          throw new AppError(ErrorCode.PSEUDONYM_REJECTED, REAL_NAME_MESSAGE, { field: 'alias' });
        aliasSkeleton = pseudonymSkeleton(alias.value);
        if (
          aliasSkeleton !== pseudonymSkeleton(p.pseudonym) &&
          (await deps.isPseudonymTaken(aliasSkeleton))
        ) {
          throw new AppError(
            ErrorCode.PSEUDONYM_TAKEN,
            'That name belongs to someone else. Choose another.',
            {
              field: 'alias',
            },
          );
        }
        name = alias.value;
      }
      const membership: MembershipRecord = {
        groupId: group.id,
        accountId: p.accountId,
        tag: newId(),
        name,
        aliasSkeleton,
        joinedAt: now(),
      };
      if (input.acceptGuidelines)
        await store.acceptGuidelines(p.accountId, group.id, group.guidelinesVersion);
      const outcome = await store.addMember(membership);
      if (outcome === 'alias-taken') {
        throw new AppError(
          ErrorCode.PSEUDONYM_TAKEN,
          'Someone in this group already shows that name: choose another name for this group.',
          {
            field: 'alias',
          },
        );
      }
      const me = outcome === 'added' ? membership : await store.getMembership(group.id, p.accountId);
      return { group: await detail(p, group), me: memberView(me ?? membership) };
    },

    /** What an invite code opens (the code is the secret; no membership needed to read the guidelines). */
    async preview(code: string) {
      const g = await store.findGroupByJoinCode(code);
      if (!g) throw new AppError(ErrorCode.NOT_FOUND, 'This invite link is not valid.');
      return { id: g.id, name: g.name, topic: g.topic, description: g.description, guidelines: g.guidelines };
    },

    async leave(p: Principal, groupId: string): Promise<void> {
      if (!(await store.removeMember(groupId, p.accountId))) throw notFound();
    },

    /**
     * The membership, or NOT_FOUND (the same answer whether the group exists or not). A coordinator is refused
     * (FORBIDDEN) even with a membership left from before: they never open a group's messages.
     */
    async requireMembership(p: Principal, groupId: string): Promise<MembershipRecord> {
      if (p.role === 'admin') throw coordinatorsDontRead();
      const membership = await store.getMembership(groupId, p.accountId);
      if (!membership) throw notFound();
      return membership;
    },

    /**
     * Moves the read mark forward, never past the newest message: a mark beyond it (a client's bug, or a script
     * sending 2^53 - 1) would leave every later message "read" for good, since marks only move forward.
     */
    async markRead(p: Principal, groupId: string, seq: number): Promise<void> {
      const [latest = 0] = await deps.latestSeqs([groupId]);
      await store.markRead(p.accountId, groupId, Math.min(seq, latest));
    },
    readMark: async (p: Principal, groupId: string) =>
      (await store.readMarks(p.accountId, [groupId]))[0] ?? 0,

    async addMeeting(p: Principal, groupId: string, body: CreateMeetingBody): Promise<Meeting> {
      requireAdmin(p);
      if (!(await store.getGroup(groupId))) throw notFound();
      if (body.startsAt < now() - 60_000) {
        throw new AppError(ErrorCode.INVALID_PAYLOAD, 'A meeting cannot start in the past.', {
          field: 'startsAt',
        });
      }
      const { confirmIdentifying, agenda, ...fields } = body;
      // Members read the title: identifying details need an explicit "schedule anyway".
      deps.checkText?.(fields.title, {
        confirmIdentifying: confirmIdentifying === true,
        crisis: false,
        field: 'title',
      });
      // The host's name is shown with it: a pseudonym, never a real name.
      deps.checkText?.(fields.host, {
        confirmIdentifying: confirmIdentifying === true,
        crisis: false,
        field: 'host',
      });
      if (agenda && !confirmIdentifying) {
        const findings = detectIdentifying(agenda, { schoolNames: deps.schoolNames ?? [] });
        if (findings.length > 0)
          throw new AppError(
            ErrorCode.PRIVACY_CONFIRM_REQUIRED,
            `This agenda may identify someone: ${describeFindings(findings)}.`,
            { findings: findings.map((f) => ({ kind: f.kind, match: f.match })) },
          );
      }
      const meeting: Meeting = { id: newId(), groupId, ...fields, ...(agenda ? { agenda } : {}) };
      await store.saveMeeting(meeting);
      await deps.audit(p, 'schedule-meeting', groupId, meeting.title, 'scheduled');
      return meeting;
    },

    async removeMeeting(p: Principal, groupId: string, meetingId: string): Promise<void> {
      requireAdmin(p);
      if (!(await store.removeMeeting(groupId, meetingId)))
        throw new AppError(ErrorCode.NOT_FOUND, 'No such meeting.');
      await deps.audit(p, 'cancel-meeting', groupId, meetingId, 'cancelled');
    },

    /** Meetings in the next 7 days in groups this member belongs to or can browse. */
    async meetingsThisWeek(p: Principal): Promise<(Meeting & { groupName: string })[]> {
      const [all, memberOf] = await Promise.all([store.listGroups(), store.accountGroupIds(p.accountId)]);
      const mine = new Set(memberOf);
      const groups = all.filter((g) => g.visibility === 'listed' || mine.has(g.id) || p.role === 'admin');
      const names = new Map(groups.map((g) => [g.id, g.name]));
      const at = now();
      const meetings = await store.listMeetings(groups.map((g) => g.id));
      return meetings
        .filter((m) => m.startsAt + m.durationMinutes * 60_000 > at && m.startsAt < at + WEEK_MS)
        .sort((a, b) => a.startsAt - b.startsAt)
        .map((m) => ({ ...m, groupName: names.get(m.groupId) ?? '' }));
    },

    claimStartedMeetings: () => store.claimStartedMeetings(now()),
    /** Retention (the sweeper): meetings that ended over a day before `at`, in every group, are deleted. */
    async pruneMeetings(at: number): Promise<number> {
      return store.pruneMeetings(
        (await store.listGroups()).map((g) => g.id),
        at,
      );
    },

    /** For moderation: members as moderators see them, and removal for kicks and bans. */
    async memberByTag(groupId: string, tag: string) {
      const m = await store.findMemberByTag(groupId, tag);
      return m ? { ...memberView(m), accountId: m.accountId } : null;
    },
    /** One scheduled session of a group, or null (for workshops: sign-ups and "was this useful?"). */
    async meeting(groupId: string, meetingId: string): Promise<Meeting | null> {
      return (await store.listMeetings([groupId])).find((m) => m.id === meetingId) ?? null;
    },
    async member(groupId: string, accountId: string) {
      const m = await store.getMembership(groupId, accountId);
      return m ? { ...memberView(m), accountId: m.accountId } : null;
    },
    async members(groupId: string) {
      return (await store.listMembers(groupId)).map((m) => ({ ...memberView(m), accountId: m.accountId }));
    },
    async rotateJoinCode(groupId: string): Promise<string> {
      const group = await store.getGroup(groupId);
      if (!group) throw notFound();
      const joinCode = newJoinCode();
      // saveGroup drops the old code's index entry, so the old code finds nothing from now on.
      await store.saveGroup({ ...group, joinCode, updatedAt: now() });
      return joinCode;
    },
    async removeMember(groupId: string, accountId: string): Promise<void> {
      await store.removeMember(groupId, accountId);
    },
    async name(groupId: string) {
      return (await store.getGroup(groupId))?.name ?? null;
    },
    /** For the wellness cohorts and programme activity: counts only. */
    groupCountOf: async (accountId: string) => (await store.accountGroupIds(accountId)).length,
    async membershipCounts(): Promise<{ groups: number; members: number }> {
      const ids = (await store.listGroups()).map((g) => g.id);
      const counts = await store.memberCounts(ids);
      return { groups: ids.length, members: counts.reduce((a, b) => a + b, 0) };
    },
    async allGroups() {
      return (await store.listGroups())
        .map((g) => ({ id: g.id, name: g.name }))
        .sort((a, b) => a.name.localeCompare(b.name));
    },
  };
}

export type GroupService = ReturnType<typeof createGroupService>;
