import { ErrorCode } from '@staffroom/shared/protocol/errors';
import type { GroupRetention } from '@staffroom/shared/schemas/retention';
import { AppError } from '../../platform/errors.js';
import type { Principal } from '../../platform/principal.js';
import type { GroupRetentionStore } from './retention.store.js';

export const DAY_MS = 86_400_000;

export interface RetentionDeps {
  store: GroupRetentionStore;
  /** `HISTORY_RETENTION_DAYS`: the longest a group may keep its messages, and what one that chose nothing keeps. */
  maxDays: number;
  isMember(accountId: string, groupId: string): Promise<boolean>;
  /** The groups this account moderates (its own short list: read before any per-group work). */
  moderatedGroupIds(accountId: string): Promise<string[]>;
  /** The group's moderators (not banned from it) and coordinators. */
  isModeratorOf(p: Principal, groupId: string): Promise<boolean>;
  groupExists(groupId: string): Promise<boolean>;
  audit(p: Principal, groupId: string, target: string, reason: string): Promise<void>;
}

/** Days in words for the audit log ("30 days", "1 day"). */
const daysText = (days: number) => `${days} day${days === 1 ? '' : 's'}`;

/**
 * How long each group keeps its messages: the deployment's maximum unless the group's moderators chose fewer
 * days. The sweeper reads `windowsMs`; members read `info`; moderators `set`.
 */
export function createRetentionService(deps: RetentionDeps) {
  const { store, maxDays } = deps;
  const effective = (chosen: number | null) => Math.min(chosen ?? maxDays, maxDays);
  const view = (chosen: number | null): GroupRetention => ({
    days: effective(chosen),
    maxDays,
    chosen: chosen !== null && chosen < maxDays,
  });
  const notFound = () => new AppError(ErrorCode.NOT_FOUND, 'No such group.');

  return {
    /** Members, the group's moderators and coordinators; anyone else learns nothing (NOT_FOUND). */
    async info(p: Principal, groupId: string): Promise<GroupRetention> {
      const allowed =
        p.role === 'admin'
          ? await deps.groupExists(groupId)
          : (await deps.isMember(p.accountId, groupId)) ||
            ((await deps.moderatedGroupIds(p.accountId)).includes(groupId) &&
              (await deps.isModeratorOf(p, groupId)));
      if (!allowed) throw notFound();
      const [chosen = null] = await store.groupDays([groupId]);
      return view(chosen);
    },

    /** The group's moderators and coordinators: fewer days than the deployment's maximum, or null to reset. */
    async set(p: Principal, groupId: string, days: number | null, reason: string): Promise<GroupRetention> {
      if (p.role === 'admin') {
        if (!(await deps.groupExists(groupId))) throw notFound();
      } else if (
        !(await deps.moderatedGroupIds(p.accountId)).includes(groupId) ||
        !(await deps.isModeratorOf(p, groupId))
      ) {
        throw new AppError(
          ErrorCode.FORBIDDEN,
          'Only this group’s moderators can change how long it keeps messages.',
        );
      }
      if (days !== null && days > maxDays) {
        throw new AppError(
          ErrorCode.INVALID_PAYLOAD,
          `This Staffroom keeps messages for at most ${daysText(Math.floor(maxDays))}: choose that or fewer.`,
          { field: 'days' },
        );
      }
      const chosen = days === null || days === maxDays ? null : days;
      await store.setGroupDays(groupId, chosen);
      await deps.audit(
        p,
        groupId,
        chosen === null
          ? `messages kept ${daysText(maxDays)} (the default)`
          : `messages kept ${daysText(chosen)}`,
        reason,
      );
      return view(chosen);
    },

    /** For the sweeper: how long (ms) each group keeps its messages. */
    async windowsMs(groupIds: readonly string[]): Promise<number[]> {
      return (await store.groupDays(groupIds)).map((chosen) => effective(chosen) * DAY_MS);
    },
  };
}

export type RetentionService = ReturnType<typeof createRetentionService>;
