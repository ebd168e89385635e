import { z } from 'zod';
import { Id } from './groups.js';
import { Reason } from './moderation.js';

/** The most days a group may choose to keep its messages (the deployment may allow fewer). */
export const GROUP_RETENTION_DAYS_MAX = 3_650;

/** How long a group keeps its messages: what members read in the group's info, and moderators set. */
export const GroupRetention = z.object({
  /** Messages older than this many days are deleted (with their reactions). May be a fraction on test setups. */
  days: z.number().positive(),
  /** The longest this deployment allows (`HISTORY_RETENTION_DAYS`): what a group that chose nothing keeps. */
  maxDays: z.number().positive(),
  /** True when the group's moderators chose `days`; false when it is the deployment's value. */
  chosen: z.boolean(),
});
export type GroupRetention = z.infer<typeof GroupRetention>;

export const retentionPayloads = {
  groupRef: z.strictObject({ groupId: Id }),
  /** `days: null` goes back to the deployment's value. Above the deployment's maximum: INVALID_PAYLOAD. */
  set: z.strictObject({
    groupId: Id,
    days: z.number().int().min(1).max(GROUP_RETENTION_DAYS_MAX).nullable(),
    reason: Reason,
  }),
};

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A retention window in words ("30 days", "1 day"; shorter test windows in hours, minutes or seconds). */
export function retentionInWords(days: number): string {
  if (days >= 1) return plural(Math.round(days), 'day');
  const hours = days * 24;
  if (hours >= 1) return plural(Math.round(hours), 'hour');
  const minutes = hours * 60;
  if (minutes >= 1) return plural(Math.round(minutes), 'minute');
  return plural(Math.max(1, Math.round(minutes * 60)), 'second');
}
