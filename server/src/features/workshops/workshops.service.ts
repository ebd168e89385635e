import { createHmac } from 'node:crypto';
import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { Meeting, SignUpStatus, UsefulStatus, UsefulSummary } from '@staffroom/shared/schemas/groups';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import type { WorkshopStore } from './workshops.store.js';

export interface WorkshopDeps {
  store: WorkshopStore;
  /** Secret for the per-session tokens (the passphrase pepper). */
  pepper: string;
  /** "Was this useful?" figures are shown only once this many have answered (≥ 5). */
  k: number;
  /** The session, or null (from groups). */
  meeting(groupId: string, meetingId: string): Promise<Meeting | null>;
  /** The account's name in the group, or null when not a member (from groups). */
  memberName(groupId: string, accountId: string): Promise<string | null>;
  /** How long after its end a session's record is kept (from groups): the window for answering. */
  keptAfterEndMs: number;
  now?: () => number;
}

/**
 * Sign-ups and "was this useful?" for a group's scheduled sessions (workshops, focus groups).
 *
 * Neither stores an account id: a sign-up is an HMAC token of (session, account) in the session's set, so a
 * member can withdraw and see whether they are signed up, and the host sees a count; nobody, the host
 * included, can list who signed up through the app. An answer is an HMAC token in one set (so a second is
 * refused) and +1 on one score counter in another; nothing stored ties the two. What remains: someone watching
 * Redis live sees the token and the counter change at the same moment (as the README says).
 */
export function createWorkshopService(deps: WorkshopDeps) {
  const { store, k } = deps;
  const now = deps.now ?? Date.now;
  const token = (purpose: string, meetingId: string, accountId: string) =>
    createHmac('sha256', deps.pepper).update(`${purpose}:${meetingId}:${accountId}`).digest('base64url');
  const endOf = (m: Meeting) => m.startsAt + m.durationMinutes * 60_000;
  const expiresAt = (m: Meeting) => endOf(m) + deps.keptAfterEndMs + 3600_000;

  /** The session, for a member of its group (coordinators too, when `coordinators`). Authorization first. */
  async function sessionFor(p: Principal, groupId: string, meetingId: string, coordinators: boolean) {
    const name = await deps.memberName(groupId, p.accountId);
    if (name === null && !(coordinators && p.role === 'admin'))
      throw new AppError(ErrorCode.FORBIDDEN, 'Only members of the group can do this.');
    const meeting = await deps.meeting(groupId, meetingId);
    if (!meeting) throw new AppError(ErrorCode.NOT_FOUND, 'No such session.');
    return { meeting, name, ref: { groupId, meetingId } };
  }

  return {
    async signUpStatus(p: Principal, groupId: string, meetingId: string): Promise<SignUpStatus> {
      const { ref } = await sessionFor(p, groupId, meetingId, true);
      return store.signUpStatus(ref, token('signup', meetingId, p.accountId));
    },

    async signUp(p: Principal, groupId: string, meetingId: string): Promise<SignUpStatus> {
      const { meeting, ref } = await sessionFor(p, groupId, meetingId, false);
      if (!meeting.signUp)
        throw new AppError(ErrorCode.CONFLICT, 'This session does not take sign-ups: just come along.');
      if (endOf(meeting) <= now()) throw new AppError(ErrorCode.CONFLICT, 'This session has ended.');
      const count = await store.signUp(ref, token('signup', meetingId, p.accountId), expiresAt(meeting));
      return { signedUp: true, count };
    },

    async withdraw(p: Principal, groupId: string, meetingId: string): Promise<SignUpStatus> {
      const { ref } = await sessionFor(p, groupId, meetingId, false);
      const count = await store.withdraw(ref, token('signup', meetingId, p.accountId));
      return { signedUp: false, count };
    },

    async usefulStatus(p: Principal, groupId: string, meetingId: string): Promise<UsefulStatus> {
      const { meeting, ref } = await sessionFor(p, groupId, meetingId, false);
      return {
        open: endOf(meeting) <= now(),
        answered: await store.hasAnswered(ref, token('useful', meetingId, p.accountId)),
      };
    },

    /** One answer per member per session, after it ended. */
    async answerUseful(p: Principal, groupId: string, meetingId: string, score: number): Promise<void> {
      const { meeting, ref } = await sessionFor(p, groupId, meetingId, false);
      if (endOf(meeting) > now())
        throw new AppError(
          ErrorCode.CONFLICT,
          'You can say whether it was useful once the session has ended.',
        );
      if (!(await store.answer(ref, token('useful', meetingId, p.accountId), score, expiresAt(meeting), k)))
        throw new AppError(ErrorCode.CONFLICT, 'You have already answered for this session. Thank you.');
    },

    /**
     * The host (by their name in the group) and coordinators: the aggregate, only over ≥ k answers, and only as
     * frozen at the last multiple of k answers, so reading it after each answer never isolates one person's.
     */
    async usefulSummary(p: Principal, groupId: string, meetingId: string): Promise<UsefulSummary> {
      const { meeting, name, ref } = await sessionFor(p, groupId, meetingId, true);
      if (p.role !== 'admin' && name !== meeting.host)
        throw new AppError(ErrorCode.FORBIDDEN, 'Only the host and coordinators see this.');
      const scores = await store.publishedScores(ref);
      const responses = scores.reduce((a, b) => a + b, 0);
      if (responses < k) return { k, shown: false, responses: null, mean: null, scores: null };
      const mean = scores.reduce((sum, n, i) => sum + n * (i + 1), 0) / responses;
      return { k, shown: true, responses, mean: Math.round(mean * 10) / 10, scores };
    },
  };
}

export type WorkshopService = ReturnType<typeof createWorkshopService>;
